import Foundation

/// A JSON number kept exactly as written (`1.10`, `1e3`, `-0`, `12345678901234567890123`): no binary
/// floating point is involved anywhere, so a value read and written again is the same text.
public struct JSONNumber: Hashable, Sendable, CustomStringConvertible {
    /// The literal text, valid by RFC 8259's number grammar.
    public let text: String

    /// Trusts `text` to be a valid JSON number literal (the parser checks it; `init(_ int:)` makes one).
    public init(literal text: String) { self.text = text }
    public init(_ int: Int) { self.text = String(int) }

    public var description: String { text }

    /// The number as a `Decimal` (38 significant digits), for comparing `1.0` with `1` like the
    /// reference merge implementation does; nil if the literal does not fit.
    public var decimal: Decimal? { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) }

    /// The number as an `Int`, when it is written as an integer that fits.
    public var int: Int? { Int(text) }
}

/// One member of a JSON object: objects keep their members in the order they were written.
public struct JSONMember: Sendable, Equatable {
    public var key: String
    public var value: JSONValue
    public init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}

/// A JSON value that keeps numbers as written and objects' member order.
/// `==` is strict: same member order, same number text. `sameValue(as:)` ignores member order.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object([JSONMember])

    /// The member `key` of an object (the last one, if an object built by hand repeats a key).
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last(where: { $0.key == key })?.value
    }

    public var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var array: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var members: [JSONMember]? {
        if case .object(let m) = self { return m }
        return nil
    }

    public var isNull: Bool { self == .null }

    public var isObject: Bool {
        if case .object = self { return true }
        return false
    }

    public var isArray: Bool {
        if case .array = self { return true }
        return false
    }

    /// True for an empty object or an empty array.
    public var isEmptyContainer: Bool {
        switch self {
        case .object(let m): return m.isEmpty
        case .array(let a): return a.isEmpty
        default: return false
        }
    }

    /// Sets (replacing in place, or appending) the member `key` of an object; does nothing to a non-object.
    public mutating func set(_ key: String, _ value: JSONValue) {
        guard case .object(var members) = self else { return }
        if let i = members.firstIndex(where: { $0.key == key }) {
            members[i].value = value
        } else {
            members.append(JSONMember(key, value))
        }
        self = .object(members)
    }

    /// Removes the member `key` of an object.
    public mutating func remove(_ key: String) {
        guard case .object(var members) = self else { return }
        members.removeAll { $0.key == key }
        self = .object(members)
    }

    /// Equal as JSON data: objects compared as sets of members (order ignored), arrays in order,
    /// numbers by their text exactly as written (`1.0` differs from `1`).
    public func sameValue(as other: JSONValue) -> Bool {
        compare(other, numbersByValue: false)
    }

    /// Like `sameValue(as:)` but numbers compare by value (`1.0` equals `1`), as Python's `==` does in
    /// the reference merge implementation when it decides whether a versioned value changed.
    public func equivalent(to other: JSONValue) -> Bool {
        compare(other, numbersByValue: true)
    }

    private func compare(_ other: JSONValue, numbersByValue: Bool) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.number(let a), .number(let b)):
            if a.text == b.text { return true }
            guard numbersByValue, let x = a.decimal, let y = b.decimal else { return false }
            return x == y
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.compare($1, numbersByValue: numbersByValue) }
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            var right: [String: JSONValue] = [:]
            for m in b { right[m.key] = m.value }
            guard right.count == b.count else { return false }
            return a.allSatisfy { m in right[m.key].map { m.value.compare($0, numbersByValue: numbersByValue) } ?? false
            }
        default: return false
        }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(JSONNumber(value)) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(nilLiteral: ()) { self = .null }
}
