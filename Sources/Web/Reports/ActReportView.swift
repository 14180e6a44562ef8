import Foundation
import SocialValue

/// How the Act report's figures are written (docs/reports.md "Figures"): on the page, in the CSV
/// and in the API, from the same `ActReport.figures`.
enum ActReportView {
    /// For reading: "4", "2 of 3 (66.7%)", "£1,834.57", "10.0%", "6 weeks", "–" for nothing counted.
    static func text(_ v: ActReport.FigureValue) -> String {
        switch v {
        case .count(let n): return "\(n)"
        case .share(let s):
            guard let p = s.percent else { return "None to count" }
            return "\(s.part) of \(s.whole) (\(DecimalText.format(p, places: 1))%)"
        case .valueShare(let s):
            guard let p = s.percent else { return "None to count" }
            return
                "\(Money.display(s.part / 100)) of \(Money.display(s.whole / 100)) (\(DecimalText.format(p, places: 1))%)"
        case .pounds(let p): return Money.display(p)
        case .percent(let p): return p.map { "\(DecimalText.format($0, places: 1))%" } ?? "–"
        case .weeks(let w): return w.map { "\(DecimalText.format($0, places: 1)) weeks" } ?? "–"
        }
    }

    /// The change, signed: "+2", "−5.0 points", "+£1,200", "–" when either period has no value.
    static func change(_ now: ActReport.FigureValue, _ then: ActReport.FigureValue) -> String {
        guard let d = now.change(from: then) else { return "–" }
        let sign = d > 0 ? "+" : (d < 0 ? "−" : "")
        let size = d < 0 ? -d : d
        switch now {
        case .count: return sign + DecimalText.format(size, places: 0)
        case .share, .valueShare, .percent: return sign + DecimalText.format(size, places: 1) + " points"
        case .pounds: return sign + Money.display(size)
        case .weeks: return sign + DecimalText.format(size, places: 1) + " weeks"
        }
    }

    /// For the CSV and the API: a plain number (a share's percentage; pounds to the penny), or
    /// nil when nothing is counted.
    static func plain(_ v: ActReport.FigureValue) -> String? {
        switch v {
        case .count(let n): return "\(n)"
        case .pounds(let p): return DecimalText.format(p, places: 2)
        case .share, .valueShare, .percent, .weeks: return v.number.map { DecimalText.format($0, places: 1) }
        }
    }
}
