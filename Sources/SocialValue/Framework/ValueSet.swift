import Foundation

/// A proxy value: £ per unit of one measure, with where it comes from (DOMAIN.md §4).
public struct ProxyValue: Codable, Sendable, Equatable {
    public var measureCode: String
    /// Pounds per unit, exact (up to 4 decimal places, for values such as £0.0450 per kWh).
    public var valuePerUnit: Decimal
    public var currency: String
    public var baseYear: Int
    public var source: String
    public var licence: String
    public var notes: String

    public init(
        measureCode: String, valuePerUnit: Decimal, currency: String, baseYear: Int, source: String,
        licence: String, notes: String
    ) {
        self.measureCode = measureCode
        self.valuePerUnit = valuePerUnit
        self.currency = currency
        self.baseYear = baseYear
        self.source = source
        self.licence = licence
        self.notes = notes
    }
}

/// A problem at a line and column of an imported file.
public struct ImportProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public let line: Int
    public let column: String
    public let message: String

    public init(line: Int, column: String, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "line \(line), column \(column): \(message)" }
}

/// Every problem in an imported file; nothing is saved when there is one.
public struct ImportFailure: Error, Equatable, Sendable, CustomStringConvertible {
    public let problems: [ImportProblem]
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

public enum ValueSetCSV {
    /// The columns, in order; the header row must name them.
    public static let columns = [
        "measure_code", "value_per_unit", "currency", "base_year", "source", "licence", "notes",
    ]

    /// Licences that forbid bundling proxy values in a product (DOMAIN.md §4): National TOMs and
    /// HACT values are CC BY-NC-ND. Importing them for a council's own use is allowed; the
    /// product only refuses to ship them.
    public static func isNoDerivatives(_ licence: String) -> Bool {
        licence.uppercased().replacingOccurrences(of: " ", with: "").contains("NC-ND")
    }

    /// Reads a value set file. `measures` maps each code of the framework version to whether it
    /// is valued in £. Every problem is reported with its line and column.
    public static func parse(_ text: String, measures: [String: MeasureValuation]) throws -> [ProxyValue] {
        let rows: [CSV.Row]
        do { rows = try CSV.parse(CSV.withoutByteOrderMark(text)) } catch let e as CSV.ParseError {
            throw ImportFailure(problems: [ImportProblem(line: e.line, column: "-", message: e.message)])
        }
        guard let header = rows.first else {
            throw ImportFailure(problems: [
                ImportProblem(
                    line: 1, column: "-",
                    message: "The file is empty: the first line must be the header \(columns.joined(separator: ","))")
            ])
        }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard names == columns else {
            throw ImportFailure(problems: [
                ImportProblem(
                    line: header.line, column: "-",
                    message: "The header must be exactly: \(columns.joined(separator: ","))")
            ])
        }
        var problems: [ImportProblem] = []
        var values: [ProxyValue] = []
        var seen: [String: Int] = [:]
        let byLowercase = Dictionary(measures.map { ($0.key.lowercased(), $0.key) }, uniquingKeysWith: { a, _ in a })
        for row in rows.dropFirst() {
            func problem(_ column: String, _ message: String) {
                problems.append(ImportProblem(line: row.line, column: column, message: message))
            }
            guard row.fields.count == columns.count else {
                problem("-", "Expected \(columns.count) fields, found \(row.fields.count)")
                continue
            }
            let f = row.fields.map { $0.trimmingCharacters(in: .whitespaces) }
            // A control character (a NUL, a vertical tab) in any field refuses the line: it
            // would break the CSV export, the Atom feed and terminals (issue 19 item 5).
            let controlled = zip(columns, f).filter { $0.1.unicodeScalars.contains(where: TextRules.isControl) }
            for (column, _) in controlled { problem(column, "Remove the control characters (invisible characters)") }
            if !controlled.isEmpty { continue }
            var code = f[0]
            if code.isEmpty {
                problem("measure_code", "The measure code is missing")
            } else if let known = byLowercase[code.lowercased()] {
                code = known
                if measures[known] == .recordOnly {
                    problem("measure_code", "Measure \(known) is record only: it takes no £ value")
                }
                if let first = seen[known] {
                    problem("measure_code", "Measure \(known) already has a value on line \(first)")
                } else {
                    seen[known] = row.line
                }
            } else {
                problem("measure_code", "Unknown measure code ‘\(code)’: it is not in this framework version")
            }
            let value = parseAmount(f[1])
            if f[1].isEmpty {
                problem("value_per_unit", "The value is missing")
            } else if f[1].hasPrefix("-") {
                problem("value_per_unit", "The value cannot be negative")
            } else if value == nil {
                problem(
                    "value_per_unit",
                    "‘\(f[1])’ is not a number like 1234.56 (at most 4 decimal places, no £ sign or commas)")
            }
            let currency = f[2].uppercased()
            if currency != "GBP" { problem("currency", "The currency must be GBP") }
            let year = Int(f[3])
            if year == nil || !(1990...2100).contains(year!) {
                problem("base_year", "The base year must be a year like 2024")
            }
            if f[4].isEmpty { problem("source", "The source is missing: say where the value comes from") }
            if f[5].isEmpty {
                problem("licence", "The licence is missing: say under what licence the value may be used")
            }
            if f[4].count > 500 { problem("source", "The source must be 500 characters or fewer") }
            if f[5].count > 500 { problem("licence", "The licence must be 500 characters or fewer") }
            if f[6].count > 2_000 { problem("notes", "The notes must be 2,000 characters or fewer") }
            if let value, let year {
                values.append(
                    ProxyValue(
                        measureCode: code, valuePerUnit: value, currency: currency, baseYear: year,
                        source: f[4], licence: f[5], notes: f[6]))
            }
        }
        if !problems.isEmpty { throw ImportFailure(problems: problems) }
        return values
    }

    /// A non-negative decimal with at most 4 places, written plainly ("10767", "244.63").
    public static func parseAmount(_ s: String) -> Decimal? {
        guard s.range(of: #"^[0-9]{1,12}(\.[0-9]{1,4})?$"#, options: .regularExpression) != nil else { return nil }
        return Decimal(string: s, locale: Locale(identifier: "en_GB"))
    }

    public static func export(_ values: [ProxyValue]) -> String {
        CSV.line(columns)
            + values.map { v in
                CSV.line([
                    v.measureCode, plain(v.valuePerUnit), v.currency, String(v.baseYear), v.source, v.licence, v.notes,
                ])
            }.joined()
    }

    /// A decimal written without grouping or exponent, with at least two decimal places
    /// ("241.00", "23809.50", "0.0450" stays as given).
    public static func plain(_ d: Decimal) -> String {
        var value = d
        let text = NSDecimalString(&value, Locale(identifier: "en_GB"))
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        return "\(parts[0]).\(fraction.padding(toLength: max(2, fraction.count), withPad: "0", startingAt: 0))"
    }
}

/// A price index (for example the GDP deflator), used to show values in another year's prices.
public struct PriceIndex: Codable, Sendable, Equatable {
    public var points: [Int: Decimal]

    public init(points: [Int: Decimal]) { self.points = points }

    /// Reads `year,index` lines (with that header). Indexes must be positive; years unique.
    public static func parse(_ text: String) throws -> PriceIndex {
        let rows: [CSV.Row]
        do { rows = try CSV.parse(CSV.withoutByteOrderMark(text)) } catch let e as CSV.ParseError {
            throw ImportFailure(problems: [ImportProblem(line: e.line, column: "-", message: e.message)])
        }
        guard let header = rows.first,
            header.fields.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) == ["year", "index"]
        else {
            throw ImportFailure(problems: [
                ImportProblem(line: 1, column: "-", message: "The header must be exactly: year,index")
            ])
        }
        var points: [Int: Decimal] = [:]
        var problems: [ImportProblem] = []
        for row in rows.dropFirst() {
            guard row.fields.count == 2 else {
                problems.append(
                    ImportProblem(line: row.line, column: "-", message: "Expected 2 fields, found \(row.fields.count)"))
                continue
            }
            let f = row.fields.map { $0.trimmingCharacters(in: .whitespaces) }
            let year = Int(f[0])
            if year == nil || !(1900...2100).contains(year!) {
                problems.append(
                    ImportProblem(line: row.line, column: "year", message: "‘\(f[0])’ is not a year like 2024"))
            } else if points[year!] != nil {
                problems.append(
                    ImportProblem(line: row.line, column: "year", message: "The year \(year!) appears twice"))
            }
            let index = ValueSetCSV.parseAmount(f[1])
            if index == nil || index! == 0 {
                problems.append(
                    ImportProblem(line: row.line, column: "index", message: "‘\(f[1])’ is not a positive number"))
            }
            if let year, let index { points[year] = index }
        }
        if points.isEmpty && problems.isEmpty {
            problems.append(ImportProblem(line: 2, column: "-", message: "The index has no years"))
        }
        if !problems.isEmpty { throw ImportFailure(problems: problems) }
        return PriceIndex(points: points)
    }

    public enum UpratingError: Error, Equatable, CustomStringConvertible {
        case missingYear(Int)
        public var description: String {
            switch self {
            case .missingYear(let y): return "The price index has no value for \(y)"
            }
        }
    }

    /// A value in `base` year prices shown in `target` year prices:
    /// `value × index(target) ÷ index(base)`, rounded to the nearest penny, halves away from
    /// zero (docs/frameworks.md, "Value set CSV format").
    public func uprate(_ value: Decimal, from base: Int, to target: Int) throws -> Decimal {
        guard let from = points[base] else { throw UpratingError.missingYear(base) }
        guard let to = points[target] else { throw UpratingError.missingYear(target) }
        var exact = value * to / from
        var rounded = Decimal()
        NSDecimalRound(&rounded, &exact, 2, .plain)
        return rounded
    }
}
