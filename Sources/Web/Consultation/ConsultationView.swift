import Foundation
import SocialValue
import Storage
import Vapor

/// How consultations look wherever they are listed or shown.
enum ConsultationView {
    static func phaseTag(_ phase: ConsultationPhase) -> HTML {
        let colour: String
        switch phase {
        case .draft: colour = "grey"
        case .forthcoming: colour = "blue"
        case .open: colour = "green"
        case .closed: colour = "orange"
        case .summaryPublished: colour = "purple"
        }
        return Components.tag(phase.label, colour: colour)
    }

    /// Green when the period meets the Compact's minimum, orange when it is shorter.
    static func periodTag(_ c: ConsultationModel) -> HTML {
        let length =
            c.periodDays % 7 == 0 ? Plural.count(c.periodDays / 7, "week") : Plural.count(c.periodDays, "day")
        return c.meetsMinimum
            ? Components.tag("\(length): meets the minimum", colour: "green")
            : Components.tag("\(length): shorter than the minimum", colour: "orange")
    }

    /// What a consultation is about: its kind and the reference given ("Procurement: Dial-a-ride
    /// contract EM-CT-2023-04"); a reference that already names the kind ("Procurement of meals")
    /// stands alone rather than repeat it ("Procurement: Procurement of meals").
    static func about(_ c: ConsultationModel) -> String {
        let kind = c.subjectKind.label
        guard let reference = c.subjectReference?.trimmingCharacters(in: .whitespaces), !reference.isEmpty else {
            return kind
        }
        return reference.lowercased().hasPrefix(kind.lowercased()) ? reference : "\(kind): \(reference)"
    }

    static func noticeTag(_ c: ConsultationModel) -> HTML {
        guard c.isPublished else { return Components.tag("Not yet announced", colour: "grey") }
        let days = c.noticeDays
        return Components.tag(
            ConsultationRules.describeNotice(days: days), colour: days >= 28 ? "green" : (days > 0 ? "yellow" : "red"))
    }

    static func dates(_ c: ConsultationModel) -> String {
        "\(c.period.opensOn.longForm) to \(UKTime.deadlineText(c.period.closesOn))"
    }

    static func crumbs(_ c: ConsultationModel) -> [(String, String)] {
        [("Consultations", Paths.consultations), (c.title, Paths.consultation(c.id!))]
    }

    static func caption(_ c: ConsultationModel) -> HTML {
        "<span class=\"govuk-caption-l\">\(c.owner.name)</span>"
    }

    /// A question as its number and text, with "(optional)" as GOV.UK marks optional ones.
    static func legend(_ n: Int, _ q: Question) -> String {
        "\(n). \(q.text)\(q.required ? "" : " (optional)")"
    }

    static func answerText(_ a: Answer?, _ q: Question) -> String {
        guard let a else { return "Not answered" }
        if case .scale(let n) = a, let ends = q.scaleEnds { return "\(n) (1 is ‘\(ends.low)’, 5 is ‘\(ends.high)’)" }
        return a.display
    }

    /// The answers of a response as a summary list, in question order.
    static func answers(_ questions: [ConsultationQuestionModel], _ answers: [UUID: Answer]) -> HTML {
        Components.summaryList(
            questions.enumerated().map { i, q in
                Components.Row("\(i + 1). \(q.text)", text: answerText(answers[q.id!], q.question))
            })
    }

    static func respondingAs(_ r: ConsultationResponseModel) -> String {
        r.organisation.map { "On behalf of \($0.name)" } ?? "As an individual"
    }

    /// "2.4 MB PDF".
    static func documentMeta(_ d: ConsultationDocument) -> String {
        "\(d.type.label), \(DocumentType.describeSize(d.sizeBytes))"
    }

    static func compliance(_ rows: [ConsultationStore.ComplianceRow], caption: String, showCompact: Bool = true) -> HTML
    {
        guard !rows.isEmpty else {
            return "<p class=\"govuk-body\">No consultation has opened yet, so there are no figures.</p>"
        }
        let body = rows.map { r -> [HTML] in
            let f = r.figures
            let shorter: HTML =
                f.shorter.isEmpty
                ? "None"
                : HTML.join(
                    f.shorter.map { s -> HTML in
                        "\(Components.link(s.title, Paths.consultation(s.id))) (\(s.period.days) days): \(s.shortPeriodReason ?? "no reason recorded")"
                    }, separator: "<br>")
            var cells: [HTML] = []
            if showCompact { cells.append(Components.link(r.compact.name, Paths.compact(r.compact.id!))) }
            cells += ["\(r.owner.name)", "\(f.run)", "\(f.meetingMinimumText)", "\(f.medianNoticeText)", shorter]
            return cells
        }
        var headers = [
            "Public body", "Consultations run", "Meeting the minimum period", "Median early notice",
            "Shorter ones and their reasons",
        ]
        if showCompact { headers.insert("Compact", at: 0) }
        return Components.table(caption: caption, headers: headers, rows: body, numericColumns: showCompact ? [2] : [1])
    }
}
