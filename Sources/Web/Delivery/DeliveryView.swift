import Foundation
import SocialValue
import Storage
import Vapor

/// Delivery against commitments on the contract page (docs/delivery.md; issue 14): per commitment a
/// progress bar with its figure in text beside it, the RAG as a tag in words, expected to date and
/// the forecast; then a chart of cumulative expected against verified £ with its table as the text
/// alternative. Every £ figure says what it rests on.
enum DeliveryView {
    static func money<B: ValueBasis>(_ p: Pounds<B>) -> String { MonitoringView.money(p.amount) }

    static func tag(_ rag: RAG?) -> HTML {
        guard let rag else { return Components.tag("Nothing expected yet", colour: "grey") }
        switch rag {
        case .green: return Components.tag(rag.label, colour: "green")
        case .amber: return Components.tag(rag.label, colour: "orange")
        case .red: return Components.tag(rag.label, colour: "red")
        }
    }

    /// Whole units of a non-negative Decimal, for drawing only (half-up).
    static func whole(_ d: Decimal) -> Int { Int(DecimalText.format(d, places: 0)) ?? 0 }

    /// A bar of 0–100 (clamped) drawn in SVG, hidden from assistive technology: the text beside it says it.
    static func bar(_ percent: Decimal?) -> HTML {
        let w = min(100, max(0, whole(percent ?? 0)))
        return """
            <svg class="app-progress" width="100" height="12" viewBox="0 0 100 12" aria-hidden="true" focusable="false"><rect width="100" height="12" fill="#e5e6e7"/><rect width="\(w)" height="12" fill="#1d70b8"/></svg>
            """
    }

    static func percent(_ p: Decimal?) -> String { p.map { DecimalText.format($0, places: 1) + "%" } ?? "–" }

    static func commitmentsTable(_ d: ContractDelivery) -> HTML {
        let rows = d.lines.map { l -> [HTML] in
            let c = l.progress.commitment
            let forecast = l.forecast.map { MonitoringView.quantity(DecimalText.rounded($0.value, places: 1), c.unit) }
            return [
                "\(c.code) \(c.name)",
                "\(bar(l.percentOfCommitted)) <span>\(percent(l.percentOfCommitted)) of \(MonitoringView.quantity(c.committed, c.unit)) committed</span>",
                "\(MonitoringView.quantity(DecimalText.rounded(l.expectedToDate.value, places: 1), c.unit)) (\(percent(l.percentOfExpected)) of it verified)",
                tag(l.rag),
                "\(forecast ?? "–")\(l.atRisk ? " " : "")\(l.atRisk ? Components.tag("At risk", colour: "red") : .empty)",
            ]
        }
        return Components.table(
            caption: "Delivery against each commitment",
            headers: ["Measure", "Verified so far", "Expected to date", "Status", "Forecast at completion"],
            rows: rows, captionHidden: true)
    }

    /// The chart: x by days from the start, y by £ up to the largest figure; expected dashed,
    /// verified solid. Its figures are the table that follows it.
    static func chart(_ points: [ContractDelivery.Point]) -> HTML {
        guard let first = points.first, let last = points.last, points.count > 1 else { return .empty }
        let width = 640
        let height = 260
        let left = 60
        let bottom = 30
        let top = 10
        let right = 10
        let span = max(1, first.on.days(until: last.on))
        let maxPounds = points.map { max($0.expected.amount, $0.verified?.amount ?? 0) }.max() ?? 0
        let scale = maxPounds > 0 ? maxPounds : 1
        func x(_ d: CalendarDate) -> Int { left + (width - left - right) * first.on.days(until: d) / span }
        func y(_ pounds: Decimal) -> Int { height - bottom - whole(Decimal(height - bottom - top) * pounds / scale) }
        let expected = points.map { "\(x($0.on)),\(y($0.expected.amount))" }.joined(separator: " ")
        let verified = points.compactMap { p in p.verified.map { "\(x(p.on)),\(y($0.amount))" } }.joined(separator: " ")
        return """
            <svg class="app-chart" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" role="img" aria-labelledby="delivery-chart-title">
            <title id="delivery-chart-title">Cumulative expected and verified delivery in pounds; the table below gives the figures</title>
            <line x1="\(left)" y1="\(height - bottom)" x2="\(width - right)" y2="\(height - bottom)" stroke="#0b0c0c"/>
            <line x1="\(left)" y1="\(top)" x2="\(left)" y2="\(height - bottom)" stroke="#0b0c0c"/>
            <text x="\(left - 4)" y="\(top + 10)" text-anchor="end" font-size="11">\(money(Pounds<Committed>(maxPounds)))</text>
            <text x="\(left - 4)" y="\(height - bottom)" text-anchor="end" font-size="11">£0</text>
            <text x="\(left)" y="\(height - 8)" font-size="11">\(first.on.shortForm)</text>
            <text x="\(width - right)" y="\(height - 8)" text-anchor="end" font-size="11">\(last.on.shortForm)</text>
            <polyline points="\(expected)" fill="none" stroke="#505a5f" stroke-width="2" stroke-dasharray="6 4"/>
            <polyline points="\(verified)" fill="none" stroke="#1d70b8" stroke-width="3"/>
            </svg>
            <p class="govuk-body-s">Dashed grey line: expected (from the commitments). Solid blue line: verified.</p>
            """
    }

    static func chartTable(_ points: [ContractDelivery.Point]) -> HTML {
        let rows = points.enumerated().map { i, p -> [HTML] in
            [
                "\(i == 0 ? "Start, " : "")\(p.on.longForm)", "\(money(p.expected))",
                "\(p.verified.map { money($0) } ?? "Not yet measured")",
            ]
        }
        return Components.table(
            caption: "Cumulative delivery over time, in pounds",
            headers: ["At the end of", "Expected (\(Committed.label))", "Delivered (\(Verified.label))"], rows: rows,
            numericColumns: [1, 2])
    }

    static func section(_ v: MonitoringStore.Delivery) -> HTML {
        let d = v.delivery
        guard !d.lines.isEmpty else { return .empty }
        let measured: HTML =
            d.measuredTo.map { (m: CalendarDate) -> HTML in
                "<p class=\"govuk-body\">Measured to \(m.longForm): the end of the latest period whose return is verified, or is overdue (counted as nothing delivered).</p>"
            } ?? "<p class=\"govuk-body\">Nothing to measure yet: no return has been verified and none is overdue.</p>"
        let t = v.thresholds
        let totals = Components.summaryList([
            .init("Committed", text: d.committedValue.labelled),
            .init("Expected to date", text: d.expectedValue.labelled),
            .init("Delivered", text: d.verifiedValue.labelled),
            .init("Claimed, awaiting verification", text: d.submittedValue.labelled),
            .init("Commitments at risk", text: "\(d.atRiskCount) of \(d.lines.count)"),
        ])
        return """
            <h2 class="govuk-heading-m" id="delivery">Delivery against commitments</h2>
            \(measured)
            <p class="govuk-body">Green from \(t.greenPercent)% of the quantity expected to date, amber from \(t.amberPercent)%, red below. A commitment is at risk when its forecast at the verified rate so far falls short of it by more than \(t.atRiskTolerancePercent)%.</p>
            \(commitmentsTable(d))
            \(totals)
            <h3 class="govuk-heading-s">Cumulative delivery over time</h3>
            \(chart(v.timeline))
            \(chartTable(v.timeline))
            """
    }
}
