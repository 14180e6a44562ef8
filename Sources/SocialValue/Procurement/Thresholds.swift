import Foundation

/// The categories of procurement threshold in the thresholds data.
public enum ThresholdCategory: String, Sendable, CaseIterable, Codable {
    case centralGovernment = "central-government-supplies-services"
    case subCentral = "sub-central-supplies-services"
    case works = "works"
    case partBServices = "part-b-services"
    case lightTouchServices = "light-touch-services"
}

/// One row of the thresholds data: a category's figure for a period.
public struct Threshold: Sendable, Equatable {
    public let category: ThresholdCategory
    public let effectiveFrom: CalendarDate
    /// Inclusive; nil while the figure is still in force.
    public let effectiveTo: CalendarDate?
    /// Whole pounds as published.
    public let amount: Decimal
    public let includesVAT: Bool
    /// `verified` when checked against the cited source; `recall (verify)` when still to check.
    public let verification: String
    public let source: String

    public var isVerified: Bool { verification == "verified" }

    public func covers(_ date: CalendarDate) -> Bool {
        date >= effectiveFrom && (effectiveTo.map { date <= $0 } ?? true)
    }
}

/// The thresholds data (columns `category,effective_from,effective_to,amount_gbp,includes_vat,
/// verification,source`), parsed from its CSV text.
public struct ThresholdTable: Sendable, Equatable {
    public let rows: [Threshold]

    public init(rows: [Threshold]) { self.rows = rows }

    public static func parse(csv text: String) throws -> ThresholdTable {
        let parsed: [CSV.Row]
        do { parsed = try CSV.parse(text) } catch let e as CSV.ParseError {
            throw ValidationFailure("thresholds", e.description)
        }
        let lines = parsed.map(\.fields)
        guard let header = lines.first,
            header.map({ $0.trimmingCharacters(in: .whitespaces) })
                == [
                    "category", "effective_from", "effective_to", "amount_gbp", "includes_vat", "verification",
                    "source",
                ]
        else {
            throw ValidationFailure(
                "thresholds",
                "The thresholds file must start with the header category,effective_from,effective_to,amount_gbp,includes_vat,verification,source"
            )
        }
        var rows: [Threshold] = []
        var p = Problems()
        for (n, line) in lines.dropFirst().enumerated() where !(line.count == 1 && line[0].isEmpty) {
            let at = "line \(n + 2)"
            guard line.count == 7 else {
                p.add(at, "expected 7 columns, found \(line.count)")
                continue
            }
            guard let category = ThresholdCategory(rawValue: line[0]) else {
                p.add(at, "unknown category \(line[0])")
                continue
            }
            guard let from = CalendarDate(iso: line[1]) else {
                p.add(at, "effective_from is not a date")
                continue
            }
            let to: CalendarDate?
            if line[2].isEmpty {
                to = nil
            } else {
                guard let d = CalendarDate(iso: line[2]), d >= from else {
                    p.add(at, "effective_to is not a date on or after effective_from")
                    continue
                }
                to = d
            }
            guard let amount = DecimalText.parse(line[3]), amount > 0 else {
                p.add(at, "amount_gbp is not a positive amount")
                continue
            }
            guard line[4] == "true" || line[4] == "false" else {
                p.add(at, "includes_vat must be true or false")
                continue
            }
            rows.append(
                Threshold(
                    category: category, effectiveFrom: from, effectiveTo: to, amount: amount,
                    includesVAT: line[4] == "true", verification: line[5], source: line[6]))
        }
        try p.throwIfAny()
        return ThresholdTable(rows: rows)
    }

    /// The figure for `category` in force on `date`, if the data has one.
    public func threshold(_ category: ThresholdCategory, on date: CalendarDate) -> Threshold? {
        rows.last { $0.category == category && $0.covers(date) }
    }
}
