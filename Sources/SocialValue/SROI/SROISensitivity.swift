import Foundation

/// One line of an outcome's tornado table: a parameter at half and at one and a half times its
/// value (rates bounded to 0…1), everything else as in the base case, and the ratio each gives.
public struct SROITornadoRow: Sendable, Equatable {
    public enum Parameter: String, Sendable, CaseIterable {
        case deadweight, attribution, dropOff, proxy
    }
    public var parameter: Parameter
    public var base, low, high: Decimal
    public var ratioLow, ratioHigh: Decimal

    /// How far the ratio moves between the two ends, from the unrounded ratios.
    public var swing: Decimal {
        let d = ratioHigh - ratioLow
        return d < 0 ? -d : d
    }

    var json: JSONValue {
        func plain(_ d: Decimal) -> JSONValue { .string(DecimalText.plainNumber(DecimalText.rounded(d, places: 6))) }
        func ratio(_ d: Decimal) -> JSONValue { .string(DecimalText.format(d)) }
        return .ordered([
            ("parameter", .string(parameter.rawValue)), ("base", plain(base)), ("low", plain(low)),
            ("high", plain(high)), ("ratioLow", ratio(ratioLow)), ("ratioHigh", ratio(ratioHigh)),
            ("swing", ratio(swing)),
        ])
    }
}

/// An outcome's tornado table, largest swing first (ties in the order deadweight, attribution,
/// drop-off, proxy), as a tornado chart draws it from the top.
public struct SROITornado: Sendable, Equatable {
    public var outcome: String
    public var rows: [SROITornadoRow]

    var json: JSONValue {
        .ordered([("outcome", .string(outcome)), ("rows", .array(rows.map(\.json)))])
    }
}

extension SROI {
    /// How far each parameter is moved either way: ±50% of its value.
    public static let tornadoStep = Decimal(string: "0.5")!

    /// Per outcome, the ratio with each of deadweight, attribution, drop-off and the proxy at
    /// −50% and +50% of its value, one at a time (beyond calculations.md §3: docs/calculations.md,
    /// "Beyond §3"). Rates are bounded to 0…1; the proxy has no upper bound.
    public static func tornado(_ input: SROIInput) -> [SROITornado] {
        input.outcomes.enumerated().map { index, o in
            let rows = SROITornadoRow.Parameter.allCases.map { p in
                let base = value(p, of: o)
                var low = base * (1 - tornadoStep)
                var high = base * (1 + tornadoStep)
                if p != .proxy {
                    low = max(0, low)
                    high = min(1, high)
                }
                return SROITornadoRow(
                    parameter: p, base: base, low: low, high: high,
                    ratioLow: ratio(input, outcome: index, p, low), ratioHigh: ratio(input, outcome: index, p, high))
            }
            let ordered = rows.enumerated().sorted { a, b in
                a.element.swing != b.element.swing ? a.element.swing > b.element.swing : a.offset < b.offset
            }.map(\.element)
            return SROITornado(outcome: o.id, rows: ordered)
        }
    }

    static func value(_ p: SROITornadoRow.Parameter, of o: SROIOutcome) -> Decimal {
        switch p {
        case .deadweight: return o.deadweight
        case .attribution: return o.attribution
        case .dropOff: return o.dropOff
        case .proxy: return o.proxy
        }
    }

    static func ratio(_ input: SROIInput, outcome index: Int, _ p: SROITornadoRow.Parameter, _ v: Decimal) -> Decimal {
        var changed = input
        switch p {
        case .deadweight: changed.outcomes[index].deadweight = v
        case .attribution: changed.outcomes[index].attribution = v
        case .dropOff: changed.outcomes[index].dropOff = v
        case .proxy: changed.outcomes[index].proxy = v
        }
        return base(changed).ratio
    }
}
