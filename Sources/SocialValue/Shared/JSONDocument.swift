import Foundation

/// A JSON value that keeps numbers as the text they were written in, so amounts reach decimal
/// arithmetic without ever passing through binary floating point, and objects keep their key
/// order for output.
public indirect enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(keys: [String], values: [String: JSONValue])

    public static func ordered(_ pairs: [(String, JSONValue)]) -> JSONValue {
        var values: [String: JSONValue] = [:]
        var keys: [String] = []
        for (k, v) in pairs where values[k] == nil {
            keys.append(k)
            values[k] = v
        }
        return .object(keys: keys, values: values)
    }

    /// A name for the JSON type, for error messages.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// Pretty-printed JSON with two-space indentation, keys in their stored order.
    public func rendered(indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent + 1)
        let closePad = String(repeating: "  ", count: indent)
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n
        case .string(let s): return JSONValue.quote(s)
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { pad + $0.rendered(indent: indent + 1) }.joined(separator: ",\n") + "\n"
                + closePad + "]"
        case .object(let keys, let values):
            if keys.isEmpty { return "{}" }
            return "{\n"
                + keys.map { pad + JSONValue.quote($0) + ": " + values[$0]!.rendered(indent: indent + 1) }.joined(
                    separator: ",\n")
                + "\n" + closePad + "}"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// Why a text is not JSON: a plain message and the character position.
public struct JSONSyntaxError: Error, Equatable, Sendable {
    public let message: String
    public let offset: Int
}

/// A strict JSON reader (RFC 8259): one value, no trailing text, no duplicate keys.
public enum JSONReader {
    public static func parse(_ text: String) throws -> JSONValue {
        var p = Parser(scalars: Array(text.unicodeScalars))
        p.skipSpace()
        let value = try p.value(depth: 0)
        p.skipSpace()
        if p.i < p.scalars.count { throw p.fail("unexpected text after the JSON value") }
        return value
    }

    /// Parses a calculation document; malformed JSON is a `ValidationFailure` at `$`.
    public static func document(_ text: String) throws -> JSONValue {
        do { return try parse(text) } catch let e as JSONSyntaxError {
            throw ValidationFailure("$", "malformed JSON at character \(e.offset): \(e.message)")
        }
    }

    struct Parser {
        let scalars: [Unicode.Scalar]
        var i = 0

        func fail(_ message: String) -> JSONSyntaxError { JSONSyntaxError(message: message, offset: i + 1) }

        mutating func skipSpace() {
            while i < scalars.count, [" ", "\n", "\r", "\t"].contains(scalars[i]) { i += 1 }
        }

        mutating func expect(_ word: String) throws {
            for s in word.unicodeScalars {
                guard i < scalars.count, scalars[i] == s else { throw fail("unexpected character") }
                i += 1
            }
        }

        mutating func value(depth: Int) throws -> JSONValue {
            guard depth < 64 else { throw fail("nested too deeply") }
            guard i < scalars.count else { throw fail("unexpected end of input") }
            switch scalars[i] {
            case "{":
                i += 1
                var keys: [String] = []
                var values: [String: JSONValue] = [:]
                skipSpace()
                if i < scalars.count, scalars[i] == "}" {
                    i += 1
                    return .object(keys: [], values: [:])
                }
                while true {
                    skipSpace()
                    guard i < scalars.count, scalars[i] == "\"" else { throw fail("expected a quoted field name") }
                    let key = try string()
                    if values[key] != nil { throw fail("the field \"\(key)\" appears twice") }
                    skipSpace()
                    guard i < scalars.count, scalars[i] == ":" else { throw fail("expected ':'") }
                    i += 1
                    skipSpace()
                    let v = try value(depth: depth + 1)
                    keys.append(key)
                    values[key] = v
                    skipSpace()
                    guard i < scalars.count else { throw fail("unexpected end of input") }
                    if scalars[i] == "," {
                        i += 1
                        continue
                    }
                    if scalars[i] == "}" {
                        i += 1
                        return .object(keys: keys, values: values)
                    }
                    throw fail("expected ',' or '}'")
                }
            case "[":
                i += 1
                var items: [JSONValue] = []
                skipSpace()
                if i < scalars.count, scalars[i] == "]" {
                    i += 1
                    return .array([])
                }
                while true {
                    skipSpace()
                    items.append(try value(depth: depth + 1))
                    skipSpace()
                    guard i < scalars.count else { throw fail("unexpected end of input") }
                    if scalars[i] == "," {
                        i += 1
                        continue
                    }
                    if scalars[i] == "]" {
                        i += 1
                        return .array(items)
                    }
                    throw fail("expected ',' or ']'")
                }
            case "\"": return .string(try string())
            case "t":
                try expect("true")
                return .bool(true)
            case "f":
                try expect("false")
                return .bool(false)
            case "n":
                try expect("null")
                return .null
            default: return .number(try number())
            }
        }

        mutating func string() throws -> String {
            i += 1
            var out = String.UnicodeScalarView()
            while true {
                guard i < scalars.count else { throw fail("unterminated string") }
                let c = scalars[i]
                i += 1
                if c == "\"" { return String(out) }
                if c.value < 0x20 { throw fail("control character in a string") }
                if c != "\\" {
                    out.append(c)
                    continue
                }
                guard i < scalars.count else { throw fail("unterminated string") }
                let e = scalars[i]
                i += 1
                switch e {
                case "\"": out.append("\"")
                case "\\": out.append("\\")
                case "/": out.append("/")
                case "b": out.append("\u{08}")
                case "f": out.append("\u{0C}")
                case "n": out.append("\n")
                case "r": out.append("\r")
                case "t": out.append("\t")
                case "u":
                    var code = try hex4()
                    if (0xD800...0xDBFF).contains(code) {
                        guard i + 1 < scalars.count, scalars[i] == "\\", scalars[i + 1] == "u" else {
                            throw fail("unpaired surrogate")
                        }
                        i += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw fail("unpaired surrogate") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let s = Unicode.Scalar(code) else { throw fail("invalid escape") }
                    out.append(s)
                default: throw fail("invalid escape")
                }
            }
        }

        mutating func hex4() throws -> UInt32 {
            guard i + 4 <= scalars.count else { throw fail("invalid escape") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                guard let d = Int(String(scalars[i]), radix: 16) else { throw fail("invalid escape") }
                v = v * 16 + UInt32(d)
                i += 1
            }
            return v
        }

        mutating func number() throws -> String {
            let start = i
            func digits() -> Int {
                let s = i
                while i < scalars.count, ("0"..."9").contains(scalars[i]) { i += 1 }
                return i - s
            }
            if i < scalars.count, scalars[i] == "-" { i += 1 }
            let intStart = i
            let n = digits()
            guard n > 0 else {
                i = start
                throw fail("unexpected character")
            }
            if n > 1, scalars[intStart] == "0" { throw fail("leading zero in a number") }
            if i < scalars.count, scalars[i] == "." {
                i += 1
                guard digits() > 0 else { throw fail("expected digits after '.'") }
            }
            if i < scalars.count, scalars[i] == "e" || scalars[i] == "E" {
                i += 1
                if i < scalars.count, scalars[i] == "+" || scalars[i] == "-" { i += 1 }
                guard digits() > 0 else { throw fail("expected digits in the exponent") }
            }
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars[start..<i])
            return String(s)
        }
    }
}

/// Decimal helpers for the calculation documents: parse amounts written as strings or numbers,
/// round half-up, print with two decimal places.
public enum DecimalText {
    /// Accepts `123`, `123.45`, `-1.5` (no exponent, no thousands separators).
    public static func parse(_ text: String) -> Decimal? {
        var body = Substring(text)
        if body.hasPrefix("-") { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty, whole.count <= 20,
            whole.allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].count <= 12, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }) else {
                return nil
            }
        }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// Rounds half away from zero (half-up for the positive amounts we print).
    public static func rounded(_ value: Decimal, places: Int = 2) -> Decimal {
        var input = value
        var out = Decimal()
        NSDecimalRound(&out, &input, places, .plain)
        return out
    }

    /// "207720.00": rounded half-up to `places` and written with exactly that many decimals.
    public static func format(_ value: Decimal, places: Int = 2) -> String {
        let r = rounded(value, places: places)
        var text = "\(r)"
        var negative = false
        if text.hasPrefix("-") {
            negative = true
            text.removeFirst()
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let whole = parts.first.map(String.init) ?? "0"
        var frac = parts.count > 1 ? String(parts[1]) : ""
        if frac.count < places { frac += String(repeating: "0", count: places - frac.count) }
        let body = places > 0 ? "\(whole.isEmpty ? "0" : whole).\(frac.prefix(places))" : whole
        let isZero = body.allSatisfy { $0 == "0" || $0 == "." }
        return (negative && !isZero ? "-" : "") + body
    }
}

extension JSONValue: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let d = try? c.decode(Decimal.self) {
            self = .number("\(d)")
        } else if let a = try? c.decode([JSONValue].self) {
            self = .array(a)
        } else {
            let o = try c.decode([String: JSONValue].self)
            self = .object(keys: o.keys.sorted(), values: o)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .number(let n): try c.encode(Decimal(string: n, locale: Locale(identifier: "en_US_POSIX")) ?? 0)
        case .string(let s): try c.encode(s)
        case .array(let items): try c.encode(items)
        case .object(_, let values): try c.encode(values)
        }
    }
}
