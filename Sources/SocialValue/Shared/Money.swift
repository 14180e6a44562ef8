import Foundation

/// An amount of pounds sterling held as whole pence, so sums never drift.
public struct Money: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let pence: Int64

    public init(pence: Int64) { self.pence = pence }

    /// The largest amount anyone may enter: £10 billion. No contract, saving or band a council
    /// records comes near it (the largest UK public contracts are a few billion pounds), while a
    /// mistyped or hostile figure (up to £92 quadrillion fits in the pence) would swamp every
    /// total, dashboard and score it reaches. One limit, checked where text becomes money, so the
    /// forms and the API refuse the same amounts (docs/api.md, "Amounts of money").
    public static let maximum = Money(pence: 1_000_000_000_000)

    /// The message for an amount above `maximum`, naming the field by its label
    /// ("the estimated value" → "The estimated value must be £10,000,000,000 or less").
    public static func tooLargeMessage(_ label: String) -> String {
        "\(label.prefix(1).uppercased())\(label.dropFirst()) must be \(maximum) or less"
    }

    /// True when `text` reads as an amount, but one above `maximum`: what `init(parsing:)`
    /// refuses for its size alone, so callers can say so rather than ask for a number.
    public static func isTooLarge(_ text: String) -> Bool {
        if let m = Money(unlimited: text) { return m > maximum }
        // Too many digits to hold at all: still an amount, only far too large.
        var s = text.trimmingCharacters(in: .whitespaces)
        if s.hasPrefix("£") { s.removeFirst() }
        let whole = s.replacingOccurrences(of: ",", with: "").prefix { $0 != "." }
        return !whole.isEmpty && whole.allSatisfy { $0.isASCII && $0.isNumber } && whole.drop { $0 == "0" }.count > 11
    }

    /// Parses what a person types: "25000", "£25,000", "1,250.50". At most two decimal places;
    /// no negatives; at most `maximum`. Returns nil for anything else (`isTooLarge` tells which).
    public init?(parsing text: String) {
        guard let m = Money(unlimited: text), m <= Self.maximum else { return nil }
        self = m
    }

    private init?(unlimited text: String) {
        var s = text.trimmingCharacters(in: .whitespaces)
        if s.hasPrefix("£") { s.removeFirst() }
        s = s.replacingOccurrences(of: ",", with: "")
        guard !s.isEmpty, s.count <= 18 else { return nil }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty,
            whole.allSatisfy({ $0.isASCII && $0.isNumber }), let pounds = Int64(whole)
        else { return nil }
        var pence: Int64 = 0
        if parts.count == 2 {
            let frac = parts[1]
            guard (1...2).contains(frac.count), frac.allSatisfy({ $0.isASCII && $0.isNumber }),
                let f = Int64(frac)
            else { return nil }
            pence = frac.count == 1 ? f * 10 : f
        }
        let (scaled, overflow) = pounds.multipliedReportingOverflow(by: 100)
        guard !overflow else { return nil }
        self.pence = scaled + pence
    }

    /// "£25,000" for whole pounds, "£1,250.50" otherwise.
    public var description: String {
        let pounds = pence / 100
        let rest = pence % 100
        var digits = String(pounds)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits = String(digits.dropLast(3))
        }
        grouped = digits + grouped
        return rest == 0 ? "£\(grouped)" : "£\(grouped).\(rest < 10 ? "0" : "")\(rest)"
    }

    public static func < (a: Money, b: Money) -> Bool { a.pence < b.pence }

    /// A decimal amount in pounds written as money ("207720.00" → "£207,720", "23809.50" →
    /// "£23,809.50"). A value per unit with more than two decimal places keeps them, grouped the
    /// same way ("1234.0450" → "£1,234.0450"); other text is shown as it is, after a pound sign.
    public static func display(_ pounds: String) -> String {
        if let money = Money(unlimited: pounds) { return money.description }
        let parts = pounds.split(separator: ".", omittingEmptySubsequences: false)
        func digits(_ s: Substring) -> Bool { !s.isEmpty && s.allSatisfy { $0.isASCII && $0.isNumber } }
        guard parts.count == 2, parts[0].count <= 15, digits(parts[0]), digits(parts[1]), let whole = Int64(parts[0])
        else { return "£" + pounds }
        let grouped = Money(pence: whole * 100).description
        return grouped + "." + parts[1]
    }

    /// An exact amount in pounds, rounded half-up to whole pence, written as money
    /// (23809.5 → "£23,809.50", 41805 → "£41,805").
    public static func display(_ pounds: Decimal) -> String {
        display(DecimalText.format(pounds))
    }
}

/// Stored and exchanged as whole pence (an integer), never as a fractional number.
extension Money: Codable {
    public init(from decoder: Decoder) throws {
        self.init(pence: try decoder.singleValueContainer().decode(Int64.self))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(pence)
    }
}
