import Foundation

/// The SROI calculation (calculations.md §3, DOMAIN.md §6), in decimal arithmetic; rounding
/// happens only when the result is written out.
public enum SROI {
    /// Reads the input document and writes the output document (pretty-printed, newline-terminated).
    public static func run(_ text: String, detail: SROIDetail = .document) throws -> String {
        let input = try decode(text)
        let result = calculate(input)
        switch detail {
        case .document: return result.json.rendered() + "\n"
        case .full:
            return JSONValue.ordered(
                result.members + [
                    ("payback", payback(input, result).json),
                    ("tornado", .array(tornado(input).map(\.json))),
                ]
            ).rendered() + "\n"
        }
    }

    /// `impact = quantity × proxy × (1 − deadweight) × (1 − displacement) × (1 − attribution)`.
    public static func impact(_ o: SROIOutcome) -> Decimal {
        o.quantity * o.proxy * (1 - o.deadweight) * (1 - o.displacement) * (1 - o.attribution)
    }

    /// The outcome's value in years 1…durationYears: `impact × (1 − dropOff)^(t−1)`.
    public static func values(_ o: SROIOutcome) -> [Decimal] {
        var out: [Decimal] = []
        var v = impact(o)
        for _ in stride(from: 0, to: o.durationYears, by: 1) {
            out.append(v)
            v *= 1 - o.dropOff
        }
        return out
    }

    /// Present value per outcome and per year, NPV (`PV − investment`) and the ratio
    /// (`PV / investment`), then each sensitivity scenario's PV, NPV and ratio.
    public static func calculate(_ input: SROIInput) -> SROIResult {
        var result = base(input)
        result.scenarios = (input.sensitivity ?? []).map { s in
            let r = base(input.applying(s))
            return .init(name: s.name, presentValue: r.presentValue, netPresentValue: r.netPresentValue, ratio: r.ratio)
        }
        return result
    }

    static func base(_ input: SROIInput) -> SROIResult {
        let horizon = input.outcomes.map(\.durationYears).max() ?? 0
        let divisors = SROIDiscounting(rate: input.discountRate).divisors(years: horizon)
        var yearValue = [Decimal](repeating: 0, count: horizon)
        var yearPV = [Decimal](repeating: 0, count: horizon)
        var outcomes: [SROIResult.OutcomeValue] = []
        var total: Decimal = 0
        for o in input.outcomes {
            var pv: Decimal = 0
            for (i, v) in values(o).enumerated() {
                let p = v / divisors[i]
                yearValue[i] += v
                yearPV[i] += p
                pv += p
            }
            outcomes.append(.init(id: o.id, impact: impact(o), presentValue: pv))
            total += pv
        }
        let years = (0..<horizon).map {
            SROIResult.YearValue(year: $0 + 1, value: yearValue[$0], presentValue: yearPV[$0])
        }
        return SROIResult(
            outcomes: outcomes, years: years, presentValue: total, netPresentValue: total - input.investment,
            ratio: total / input.investment, scenarios: [])
    }
}
