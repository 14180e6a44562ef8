import Foundation

/// Small builders for the export's JSON: objects whose absent (nil) members are left out.
enum ExportJSON {
    /// An object of the members that have a value, in the order given.
    static func object(_ members: [(String, JSONValue?)]) -> JSONValue {
        .object(members.compactMap { key, value in value.map { JSONMember(key, $0) } })
    }

    static func string(_ s: String?) -> JSONValue? {
        guard let s, !s.isEmpty else { return nil }
        return .string(s)
    }

    static func int(_ i: Int?) -> JSONValue? { i.map { .number(JSONNumber($0)) } }

    static func array(_ items: [JSONValue]) -> JSONValue? { items.isEmpty ? nil : .array(items) }

    /// Pence as pounds, written exactly: 1234567 → `12345.67`, 500 → `5`.
    static func pounds(_ pence: Int64) -> JSONValue {
        let sign = pence < 0 ? "-" : ""
        let magnitude = pence.magnitude
        let whole = magnitude / 100
        let rest = magnitude % 100
        let text = rest == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(rest < 10 ? "0" : "")\(rest)"
        return .number(JSONNumber(literal: text))
    }

    /// `{amount, currency: GBP}`.
    static func value(_ pence: Int64) -> JSONValue {
        object([("amount", pounds(pence)), ("currency", .string("GBP"))])
    }

    /// An exact decimal quantity as a JSON number when it is one (`12`, `3.5`), else as text.
    static func quantity(_ text: String) -> JSONValue {
        let t = text.trimmingCharacters(in: .whitespaces)
        let digits = t.hasPrefix("-") ? String(t.dropFirst()) : t
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        let isNumber =
            (parts.count == 1 || parts.count == 2) && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }
            && (parts[0] == "0" || !parts[0].hasPrefix("0"))
        return isNumber ? .number(JSONNumber(literal: t)) : .string(t)
    }

    /// A calendar date as the start of that day in UTC: `2026-03-01` → `2026-03-01T00:00:00Z`.
    static func dayStart(_ day: String) -> String { day.count == 10 ? day + "T00:00:00Z" : day }

    /// A calendar date as the end of that day in UTC: `2026-03-31` → `2026-03-31T23:59:59Z`.
    static func dayEnd(_ day: String) -> String { day.count == 10 ? day + "T23:59:59Z" : day }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
