import Foundation
import SocialValue
import Storage
import Vapor

/// How monitoring looks on the contract page and the return pages.
enum MonitoringView {

    static func money(_ pounds: Decimal) -> String { Money.display(DecimalText.format(pounds)) }

    static func quantity(_ q: Decimal, _ unit: String) -> String { "\(DecimalText.plainQuantity(q)) \(unit)" }

    static func tag(_ s: PeriodStatus) -> HTML {
        let colour: String
        switch s {
        case .notDueYet: colour = "grey"
        case .due: colour = "blue"
        case .overdue: colour = "red"
        case .draft: colour = "yellow"
        case .submitted: colour = "purple"
        case .changesRequested: colour = "orange"
        case .verified: colour = "green"
        }
        return Components.tag(s.label, colour: colour)
    }

    /// Social value delivery (DOMAIN.md §5, Compact principle 3.17): a row per commitment and the totals.
    static func progressTable(_ p: ContractProgress) -> HTML {
        guard !p.lines.isEmpty else {
            return "<p class=\"govuk-body\">This contract has no social value commitments to monitor.</p>"
        }
        var rows = p.lines.map { l -> [HTML] in
            let c = l.commitment
            return [
                "\(c.code) \(c.name)", "\(quantity(c.committed, c.unit))", "\(money(l.committedValue))",
                "\(quantity(l.verified, c.unit))",
                "\(quantity(l.awaiting, c.unit))", "\(l.percentText)", "\(money(l.deliveredValue))",
            ]
        }
        rows.append([
            "<strong>Total</strong>", "", "<strong>\(money(p.committedValue))</strong>", "", "", "",
            "<strong>\(money(p.deliveredValue))</strong>",
        ])
        return Components.table(
            caption: "Social value delivered against each commitment, from verified returns",
            headers: [
                "Measure", "Committed", "Committed value", "Verified to date", "Awaiting verification", "Delivered",
                "Delivered value",
            ],
            rows: rows, numericColumns: [1, 2, 3, 4, 5, 6])
    }

    /// What the viewer can do with a period's return, as a link (or nothing).
    static func action(_ o: MonitoringStore.Overview, _ row: MonitoringStore.PeriodRow) -> HTML {
        let href = Paths.monitoringReturn(o.contract.id!, row.period.number)
        let context = "for period \(row.period.number)"
        if o.canEdit {
            switch row.returnStatus {
            case nil:
                return row.status == .notDueYet
                    ? Components.link("Start early", href, context: context)
                    : Components.link("Start the return", href, context: context)
            case .draft?, .changesRequested?: return Components.link("Continue the return", href, context: context)
            default: break
            }
        }
        if o.canVerify && row.returnStatus == .submitted {
            return Components.link("Verify the return", href, context: context)
        }
        return row.returnStatus == nil ? "–" : Components.link("View the return", href, context: context)
    }

    /// The contract page's monitoring section: delivery so far, the CSV, and the returns by period.
    static func section(_ o: MonitoringStore.Overview) -> HTML {
        let id = o.contract.id!
        let rows = o.periods.map { r -> [HTML] in
            ["\(r.period.label)", "\(r.period.dueOn.longForm)", tag(r.status), action(o, r)]
        }
        return """
            <h2 class="govuk-heading-m">Social value delivery</h2>
            \(progressTable(o.progress))
            <p class="govuk-body">\(Components.link("Download the delivery table as CSV", Paths.progressCSV(id)))</p>
            <h2 class="govuk-heading-m">Monitoring returns</h2>
            <p class="govuk-body">The supplier reports \(o.contract.frequency.label.lowercased()), with evidence, once each period has ended; a return is due \(MonitoringPeriods.daysToReport) days after its period ends. The buyer’s commissioners verify it.</p>
            \(rows.isEmpty ? HTML("<p class=\"govuk-body\">No reporting periods: the contract has no valid dates.</p>")
              : Components.table(caption: "Monitoring returns by reporting period", headers: ["Period", "Due", "Status", "Action"], rows: rows, captionHidden: true))
            """
    }

    /// The dashboard's list of returns waiting for the viewer (`MonitoringStore.tasks`): what to do,
    /// the contract and period, when it is due and its status. Nothing when nothing waits.
    static func dashboard(_ tasks: [MonitoringStore.Task], viewer: Viewer) -> HTML {
        guard !tasks.isEmpty else { return .empty }
        let rows = tasks.map { t -> [HTML] in
            let verb =
                t.status == .submitted && viewer.canVerifyReturns(buyer: t.contract.$buyer.id)
                ? "Verify"
                : (viewer.canEditReturns(supplier: t.contract.$supplier.id) && t.status != .submitted
                    ? "Write" : "View")
            return [
                Components.link(
                    "\(verb) the return", Paths.monitoringReturn(t.contract.id!, t.period.number),
                    context: "for \(t.contract.title), period \(t.period.number)"),
                "\(t.contract.title)", "\(t.period.label)", "\(t.period.dueOn.longForm)", tag(t.status),
            ]
        }
        return """
            <h2 class="govuk-heading-m">Monitoring returns waiting for you</h2>
            \(Components.table(caption: "Monitoring returns waiting for you", headers: ["Action", "Contract", "Period", "Due", "Status"], rows: rows, captionHidden: true))
            """
    }

    /// The contracts list's monitoring column: returns waiting for verification and periods overdue.
    static func attention(_ a: MonitoringStore.Attention?) -> HTML {
        guard let a, a.toVerify + a.overdue > 0 else { return "None waiting" }
        var parts: [String] = []
        if a.toVerify > 0 { parts.append("\(a.toVerify) to verify") }
        if a.overdue > 0 { parts.append("\(a.overdue) overdue") }
        return "\(parts.joined(separator: ", "))"
    }
}
