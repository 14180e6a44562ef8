import Foundation

/// The discount rates of an SROI analysis (calculations.md §3, DOMAIN.md §6): HM Treasury's
/// Green Book social time preference rate, or one flat rate.
public enum SROIDiscounting: Sendable, Equatable {
    /// 3.5% for years 1–30, 3.0% for 31–75, 2.5% after; the factor compounds, so year 32 is
    /// discounted by 1 / (1.035^30 × 1.03^2).
    case greenBook
    case flat(Decimal)

    public init(rate: Decimal?) { self = rate.map { .flat($0) } ?? .greenBook }

    /// The rate that applies within year `t` (1-based).
    public func rate(inYear t: Int) -> Decimal {
        switch self {
        case .flat(let r): return r
        case .greenBook:
            if t <= 30 { return Decimal(string: "0.035")! }
            if t <= 75 { return Decimal(string: "0.03")! }
            return Decimal(string: "0.025")!
        }
    }

    /// The divisors of years 1…`years`: element t−1 is Π (1 + r_k) for k = 1…t, so a value in
    /// year t is worth value / divisor today (year 1 is discounted one year).
    public func divisors(years: Int) -> [Decimal] {
        var out: [Decimal] = []
        out.reserveCapacity(max(years, 0))
        var d: Decimal = 1
        for t in stride(from: 1, through: years, by: 1) {
            d *= 1 + rate(inYear: t)
            out.append(d)
        }
        return out
    }
}
