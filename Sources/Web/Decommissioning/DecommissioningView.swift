import Foundation
import SocialValue
import Storage
import Vapor

/// How decommissioning cases look wherever they are listed or shown.
enum DecommissioningView {

    /// The provider's dashboard: proposals to change its funding that wait for its response.
    static func awaitingResponse(_ cases: [DecommissioningCaseModel]) -> HTML {
        guard !cases.isEmpty else { return .empty }
        let items = cases.map { c -> HTML in
            "<li>\(Components.link("Respond to \(c.owner.name)’s proposal about “\(c.serviceName)”", Paths.decommissioning(c.id!, .response)))</li>"
        }
        return """
            <h2 class="govuk-heading-m">Proposals to change your funding</h2>
            <p class="govuk-body">A public body has shared a proposal to reduce or end funding for a service you run. The Compact asks it to consider your response before it decides.</p>
            <ul class="govuk-list">\(items)</ul>
            """
    }

    static func crumbs(_ c: DecommissioningCaseModel) -> [(String, String)] {
        [("Decommissioning", Paths.decommissioning), (c.serviceName, Paths.decommissioning(c.id!))]
    }

    static func statusTag(_ s: DecommissioningStatus) -> HTML {
        let colour: String
        switch s {
        case .assessing: colour = "blue"
        case .ended: colour = "orange"
        case .reduced: colour = "yellow"
        case .withdrawn: colour = "grey"
        }
        return Components.tag(s.label, colour: colour)
    }

    /// The notice check tag: red for a breach, green when compliant, yellow with a reason.
    static func noticeTag(_ c: DecommissioningCaseModel) throws -> HTML {
        guard let check = try c.notice else {
            return Components.tag(c.statusValue == .assessing ? "Not decided yet" : "No notice needed", colour: "grey")
        }
        let colour = check.isBreach ? "red" : (check == .compliant ? "green" : "yellow")
        return Components.tag(check.label(months: c.minimumNoticeMonths), colour: colour)
    }

    /// "Reduce funding from £48,000 to £30,000 a year", "End funding".
    static func changeText(_ c: DecommissioningCaseModel) -> String {
        guard c.changeValue == .reduce, let from = c.currentFunding, let to = c.proposedFunding else {
            return c.changeValue.label + (c.currentFunding.map { " (now \($0) a year)" } ?? "")
        }
        return "Reduce funding from \(from) to \(to) a year"
    }

    static func warning(_ text: HTML) -> HTML {
        """
        <div class="govuk-warning-text">
          <span class="govuk-warning-text__icon" aria-hidden="true">!</span>
          <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>\(text)</strong>
        </div>
        """
    }

    /// The notice check, shown prominently on the case page (Compact principle 4.x).
    static func noticeCheck(_ c: DecommissioningCaseModel) throws -> HTML {
        guard let check = try c.notice, let given = c.noticeGivenOn, let effective = c.effectiveOn,
            let earliest = c.earliestEndOn
        else {
            return
                "<p class=\"govuk-body\">Notice check: \(try noticeTag(c)) The Compact asks for at least \(NoticeRule.monthsText(c.minimumNoticeMonths)) of written notice before funding is reduced or ended.</p>"
        }
        let dates =
            "Written notice given on \(longDate(given)) allows the change from \(longDate(earliest)); it takes effect on \(longDate(effective))."
        switch check {
        case .breach(let days):
            return warning(
                "Breach of Compact principle 4: notice is \(NoticeRule.daysText(days)) short of the \(NoticeRule.monthsText(c.minimumNoticeMonths)) the Compact requires. \(dates)"
            )
        case .shortWithReason(let days):
            return warning(
                "Shorter notice than the Compact’s \(NoticeRule.monthsText(c.minimumNoticeMonths)) (\(NoticeRule.daysText(days)) short), with an exceptional reason recorded: \(c.exceptionalReason ?? ""). \(dates)"
            )
        case .compliant:
            return "<p class=\"govuk-body\">\(Components.tag("Compliant", colour: "green")) \(dates)</p>"
        }
    }

    static let csvColumns = [
        "id", "service", "provider", "public_body", "change", "current_funding_pence", "proposed_funding_pence",
        "status",
        "shared_on", "response_received_on", "decision", "notice_given_on", "effective_on", "earliest_end_on",
        "minimum_notice_months", "notice_check", "days_short", "exceptional_reason", "url",
    ]

    static func csvLine(_ c: DecommissioningCaseModel) -> String {
        CSV.line([
            c.id!.uuidString, c.serviceName, c.provider.name, c.owner.name, c.change,
            c.currentFundingPence.map(String.init) ?? "",
            c.proposedFundingPence.map(String.init) ?? "", c.status, c.sharedAt.map { UKTime.date(at: $0).iso } ?? "",
            c.responseReceivedOn ?? "", c.decision ?? "", c.noticeGivenOn ?? "", c.effectiveOn ?? "",
            c.earliestEndOn ?? "",
            String(c.minimumNoticeMonths), c.noticeCheck ?? "", c.daysShort.map(String.init) ?? "",
            c.exceptionalReason ?? "", Paths.decommissioning(c.id!),
        ])
    }

    /// The decision and each amendment as recorded, first first, each with its date and author
    /// (an amendment with its reason): none is ever changed, so the original stays beside the
    /// amendments.
    static func decisionHistory(_ decisions: [DecommissioningDecisionModel]) -> HTML {
        guard !decisions.isEmpty else { return .empty }
        let items = decisions.map { d -> HTML in
            let when = "recorded on \(UKTime.date(at: d.decidedAt).longForm) by \(d.decidedBy)"
            let title = d.isAmendment ? "Amendment \(d.number - 1), \(when)" : "Decision \(when)"
            var rows: [Components.Row] = []
            if let reason = d.amendmentReason { rows.append(.init("Why it was amended", HTML.paragraphs(reason))) }
            rows += [.init("Decision", text: d.decisionValue.label), .init("Rationale", HTML.paragraphs(d.rationale))]
            if let given = d.noticeGivenOn, let effective = d.effectiveOn {
                rows += [
                    .init("Written notice given", text: CalendarDate(iso: given)?.longForm ?? given),
                    .init("Takes effect", text: CalendarDate(iso: effective)?.longForm ?? effective),
                    .init("Minimum notice", text: NoticeRule.monthsText(d.minimumNoticeMonths)),
                ]
            }
            if let check = d.noticeCheck.flatMap({ NoticeCheck(code: $0, daysShort: d.daysShort ?? 0) }) {
                rows.append(.init("Notice", text: check.label(months: d.minimumNoticeMonths)))
            }
            if let reason = d.exceptionalReason {
                rows.append(.init("Exceptional reason for shorter notice", HTML.paragraphs(reason)))
            }
            return """
                <h3 class="govuk-heading-s" id="decision-\(d.number)">\(title)</h3>
                \(Components.summaryList(rows))
                """
        }
        return """
            <h2 class="govuk-heading-m" id="decisions">Decisions recorded</h2>
            <p class="govuk-body">A recorded decision is never changed: each amendment is recorded beside it with its reason.</p>
            \(HTML.join(items))
            """
    }
}
