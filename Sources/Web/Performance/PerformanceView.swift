import Foundation
import SocialValue
import Storage

/// A contract's performance (docs/performance.md): the KPI duty, the KPIs, what is due, the
/// assessments with their versions, and the register of breaches and failures.
enum PerformanceView {
    static func long(_ iso: String) -> String { CalendarDate(iso: iso)?.longForm ?? iso }

    static func compliance(_ p: PerformanceStore.Performance) -> (String, String) {
        switch p.compliance {
        case .notRequired: return ("Not required", "grey")
        case .met: return ("Met: \(p.kpis.count) KPIs", "green")
        case .reasonRecorded: return ("Reason recorded", "blue")
        case .missing(let n): return ("\(n) more \(n == 1 ? "KPI" : "KPIs") needed, or a reason", "red")
        }
    }

    static func statusColour(_ s: PerformanceCalendar.Status) -> String {
        switch s {
        case .done: return "green"
        case .upcoming: return "grey"
        case .due: return "yellow"
        case .overdue: return "red"
        }
    }

    /// The short section on the contract page.
    static func section(_ p: PerformanceStore.Performance) -> HTML {
        let (text, colour) = compliance(p)
        let overdue = p.calendar.filter { $0.status == .overdue }.count
        return """
            <h2 class="govuk-heading-m" id="performance">KPIs and contract performance</h2>
            \(Components.summaryList([
                .init("KPI duty (Procurement Act 2023 s.52)", Components.tag(text, colour: colour)),
                .init("KPIs", text: p.kpis.isEmpty ? "None set" : p.kpis.map(\.name).joined(separator: "; ")),
                .init("Assessments", text: "\(p.assessments.count) recorded\(overdue > 0 ? ", \(overdue) overdue" : "")"),
                .init("Breaches and failures", text: p.failures.isEmpty ? "None recorded" : "\(p.failures.count) recorded"),
            ]))
            <p class="govuk-body">\(Components.link("KPIs, assessments and failures", Paths.performance(p.contract.id!), context: "for \(p.contract.title)"))</p>
            """
    }

    static func duty(_ p: PerformanceStore.Performance) -> HTML {
        let (text, colour) = compliance(p)
        let rows: [Components.Row] = [
            .init("Value including VAT", text: Money.display(p.valueIncludingVAT)),
            .init("Kind of contract", text: p.position.contractKind.label),
            .init("Status", Components.tag(text, colour: colour)),
            .init("Why KPIs are not appropriate", text: p.position.notAppropriateReason ?? "No reason recorded"),
        ]
        let history: HTML =
            p.positions.count > 1
            ? Components.table(
                caption: "Versions of the KPI position",
                headers: ["Version", "Kind", "Reason", "Recorded", "Why changed"],
                rows: p.positions.map { v -> [HTML] in
                    [
                        "\(v.number)", "\(v.contractKind.label)", "\(v.notAppropriateReason ?? "–")",
                        "\(TenderView.stamp(v.recordedAt)) by \(v.recordedBy)", "\(v.amendmentReason ?? "–")",
                    ]
                }) : .empty
        return """
            <h2 class="govuk-heading-m" id="duty">The KPI duty</h2>
            <p class="govuk-body">A standard contract worth more than £5,000,000 including VAT needs at least 3 KPIs, or a recorded reason why KPIs are not appropriate (Procurement Act 2023 s.52). Frameworks, concessions and light-touch contracts are outside the duty.</p>
            \(Components.summaryList(rows))
            \(history)
            """
    }

    static func kpis(_ p: PerformanceStore.Performance) -> HTML {
        guard !p.kpis.isEmpty else { return "<p class=\"govuk-body\">No KPIs have been set.</p>" }
        return Components.table(
            caption: "KPIs", headers: ["KPI", "Target", "Measured", "Social value commitment", "Set"],
            rows: p.kpis.map { k -> [HTML] in
                [
                    "\(k.name)", "\(k.target) \(k.unit)", "\(k.frequency.label)",
                    "\(k.measureCode ?? "–")", "\(TenderView.stamp(k.createdAt)) by \(k.createdBy)",
                ]
            }, captionHidden: true)
    }

    static func calendar(_ p: PerformanceStore.Performance) -> HTML {
        guard !p.calendar.isEmpty else {
            return "<p class=\"govuk-body\">Nothing is due until the contract has KPIs.</p>"
        }
        return Components.table(
            caption: "Assessments due", headers: ["Assessment", "Due", "Overdue after", "Status"],
            rows: p.calendar.map { i -> [HTML] in
                [
                    "\(i.due.reason.label)", "\(i.due.on.longForm)", "\(i.dueBy.longForm)",
                    Components.tag(i.status.label, colour: statusColour(i.status)),
                ]
            }, captionHidden: true)
    }

    static func dueLabel(_ key: String, _ p: PerformanceStore.Performance) -> String {
        p.calendar.first { $0.key == key }.map { "\($0.due.reason.label), due \($0.due.on.longForm)" } ?? key
    }

    static func assessments(_ p: PerformanceStore.Performance) -> HTML {
        guard !p.assessments.isEmpty else { return "<p class=\"govuk-body\">No assessments recorded.</p>" }
        return HTML.join(
            p.assessments.map { a -> HTML in
                let due = dueLabel(a.current.row.dueKey, p)
                let versions = a.versions.reversed().map { v -> HTML in
                    let ratings = p.kpis.compactMap { k -> [HTML]? in
                        v.ratings[k.id!].map { r in ["\(k.name)", "\(r.rating.label)", "\(r.explanation ?? "–")"] }
                    }
                    let title = v.row.number == 1 ? "As recorded" : "Version \(v.row.number) (amended)"
                    return """
                        <div class="govuk-inset-text">
                        <h4 class="govuk-heading-s">\(title)</h4>
                        \(Components.summaryList([
                            .init("Period", text: "\(long(v.row.periodFrom)) to \(long(v.row.periodTo))"),
                            .init("Recorded", text: "\(TenderView.stamp(v.row.recordedAt)) by \(v.row.recordedBy)"),
                            v.row.amendmentReason.map { Components.Row("Why amended", text: $0) },
                            .init("Narrative", text: v.row.narrative),
                        ].compactMap { $0 }))
                        \(Components.table(caption: "Ratings: \(due), \(title.lowercased())", headers: ["KPI", "Rating", "Explanation"], rows: ratings, captionHidden: true))
                        </div>
                        """
                }
                let amend: HTML =
                    p.canRecord
                    ? "<p class=\"govuk-body\">\(Components.link("Amend this assessment", Paths.assessment(p.contract.id!, a.series), context: due))</p>"
                    : .empty
                return """
                    <h3 class="govuk-heading-s">\(due)</h3>
                    \(HTML.join(Array(versions), separator: "\n"))
                    \(amend)
                    """
            }, separator: "\n")
    }

    static func failures(_ p: PerformanceStore.Performance) -> HTML {
        guard !p.failures.isEmpty else { return "<p class=\"govuk-body\">No breaches or failures recorded.</p>" }
        return Components.table(
            caption: "Breaches and failures to perform",
            headers: ["Decided", "Kind", "What was required", "What happened", "Penalty", "Recorded"],
            rows: p.failures.map { f -> [HTML] in
                [
                    "\(long(f.decidedOn))", "\(f.kind.label)", "\(f.requirement)", "\(f.whatHappened)",
                    "\(f.penaltyType.label)\(f.penalty.map { ": \($0)" } ?? "")",
                    "\(TenderView.stamp(f.recordedAt)) by \(f.recordedBy)",
                ]
            }, captionHidden: true)
    }
}
