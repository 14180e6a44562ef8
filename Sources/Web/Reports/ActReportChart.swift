import Foundation
import SocialValue

/// The Act report's chart of social value by theme (docs/reports.md "Chart"): a horizontal bar
/// for committed and one for verified per theme, each labelled with its amount, drawn as inline
/// SVG (no script, no external file). It is an image with a title and a description for
/// assistive technology, and the table beside it holds the same numbers.
enum ActReportChart {
    static let barWidth = 320
    static let labelWidth = 220
    static let rowHeight = 56

    /// The width in whole pixels of `value` on a scale where `max` is `barWidth` (at least 1 for
    /// anything above zero, so a small amount still shows).
    static func width(_ value: Decimal, max: Decimal) -> Int {
        guard max > 0, value > 0 else { return 0 }
        let scaled = DecimalText.rounded(value * Decimal(barWidth) / max, places: 0)
        return Swift.max(1, NSDecimalNumber(decimal: scaled).intValue)
    }

    static func svg(_ rows: [ActReport.OutcomeValue], period: String) -> HTML {
        guard rows.contains(where: { $0.committed > 0 || $0.verified > 0 }) else { return .empty }
        let max = rows.map { Swift.max($0.committed, $0.verified) }.max() ?? 0
        let height = rows.count * rowHeight + 30
        let total = labelWidth + barWidth + 130
        var bars: [HTML] = []
        for (i, r) in rows.enumerated() {
            let y = i * rowHeight + 30
            let theme = String(r.outcome.theme.prefix(32))
            bars.append(
                """
                <text x="0" y="\(y + 16)" class="cw-chart__label">\(theme)</text>
                <rect x="\(labelWidth)" y="\(y + 2)" width="\(width(r.committed, max: max))" height="18" class="cw-chart__bar--committed"></rect>
                <text x="\(labelWidth + width(r.committed, max: max) + 6)" y="\(y + 16)" class="cw-chart__value">\(Money.display(r.committed)) committed</text>
                <rect x="\(labelWidth)" y="\(y + 24)" width="\(width(r.verified, max: max))" height="18" class="cw-chart__bar--verified"></rect>
                <text x="\(labelWidth + width(r.verified, max: max) + 6)" y="\(y + 38)" class="cw-chart__value">\(Money.display(r.verified)) verified</text>
                """)
        }
        let description = rows.map {
            "\($0.outcome.theme): \(Money.display($0.committed)) committed, \(Money.display($0.verified)) verified"
        }.joined(separator: "; ")
        return """
            <figure class="cw-chart">
            <svg role="img" aria-labelledby="theme-chart-title theme-chart-desc" viewBox="0 0 \(total) \(height)" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">
            <title id="theme-chart-title">Social value committed and verified by theme, \(period)</title>
            <desc id="theme-chart-desc">\(description).</desc>
            <text x="\(labelWidth)" y="14" class="cw-chart__key">Committed (dark bars) and verified (light bars)</text>
            \(HTML.join(bars))
            </svg>
            <figcaption class="govuk-body-s">Social value committed and verified by theme, \(period). The table below has the same figures.</figcaption>
            </figure>
            """
    }
}
