import Foundation

/// The payback period (beyond calculations.md §3; docs/calculations.md "Beyond §3"): the years
/// until the cumulative present value reaches the investment. Within the year it is reached the
/// year's present value is taken to accrue evenly, so the fraction is
/// `(investment − cumulative PV before the year) / the year's PV`. nil when the cumulative PV never
/// reaches the investment within the analysis period (the longest outcome's duration).
public struct SROIPayback: Sendable, Equatable {
    public var years: Decimal?

    public var json: JSONValue {
        .ordered([
            ("withinAnalysisPeriod", .bool(years != nil)),
            ("years", years.map { .string(DecimalText.format($0)) } ?? .null),
        ])
    }
}

extension SROI {
    public static func payback(_ input: SROIInput, _ result: SROIResult) -> SROIPayback {
        var cumulative: Decimal = 0
        for y in result.years {
            let before = cumulative
            cumulative += y.presentValue
            if cumulative >= input.investment, y.presentValue > 0 {
                return SROIPayback(years: Decimal(y.year - 1) + (input.investment - before) / y.presentValue)
            }
        }
        return SROIPayback(years: nil)
    }
}
