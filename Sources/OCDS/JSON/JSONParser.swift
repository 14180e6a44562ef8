import Foundation

/// Why a text is not JSON, and where: 1-based line and column (in characters), the byte offset, and the
/// JSON pointer (RFC 6901) of the value being read when the problem was found ("" is the whole text).
public struct JSONParseError: Error, Equatable, CustomStringConvertible, Sendable {
    public let message: String
    public let line: Int
    public let column: Int
    public let offset: Int
    public let pointer: String

    public var description: String {
        "line \(line), column \(column)\(pointer.isEmpty ? "" : " (at \(pointer))"): \(message)"
    }
}

/// What to do with a key that appears twice in one object. RFC 8259 says names SHOULD be unique and
/// leaves the behaviour open; we reject by default (`.reject`), because a silent choice can hide a
/// publisher's mistake. `.keepLast` does what Python's `json` (and so ocdskit) does: the member keeps
/// the position of its first occurrence and the value of its last.
public enum DuplicateKeyPolicy: Sendable {
    case reject
    case keepLast
}

/// A strict RFC 8259 parser working on UTF-8 bytes. Numbers keep their text; objects keep member order.
/// Rejects: trailing commas, comments, leading zeros, `NaN`/`Infinity`, unescaped control characters,
/// invalid UTF-8, lone surrogate escapes, and anything after the value but whitespace.
public struct JSONParser {
    public static let maximumDepth = 512

    private let bytes: [UInt8]
    private var index = 0
    private var path: [PathPart] = []
    private let duplicateKeys: DuplicateKeyPolicy

    private enum PathPart {
        case key(String)
        case index(Int)
    }

    /// Parses one JSON text (a whole document).
    public static func parse(_ text: String, duplicateKeys: DuplicateKeyPolicy = .reject) throws -> JSONValue {
        try parse(Array(text.utf8), duplicateKeys: duplicateKeys)
    }

    public static func parse(_ data: Data, duplicateKeys: DuplicateKeyPolicy = .reject) throws -> JSONValue {
        try parse([UInt8](data), duplicateKeys: duplicateKeys)
    }

    public static func parse(_ bytes: [UInt8], duplicateKeys: DuplicateKeyPolicy = .reject) throws -> JSONValue {
        var parser = JSONParser(bytes: bytes, duplicateKeys: duplicateKeys)
        parser.skipByteOrderMark()
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.index < bytes.count { throw parser.error("Unexpected text after the JSON value") }
        return value
    }

    /// Parses a sequence of JSON texts separated by whitespace: JSON lines, or concatenated JSON.
    public static func parseSequence(_ bytes: [UInt8], duplicateKeys: DuplicateKeyPolicy = .reject) throws
        -> [JSONValue]
    {
        var parser = JSONParser(bytes: bytes, duplicateKeys: duplicateKeys)
        parser.skipByteOrderMark()
        var values: [JSONValue] = []
        parser.skipWhitespace()
        while parser.index < bytes.count {
            values.append(try parser.parseValue(depth: 0))
            parser.skipWhitespace()
        }
        return values
    }

    /// One value of a sequence, or why it is not JSON; `line` is the 1-based line the value starts on.
    public struct SequenceItem: Sendable {
        public let line: Int
        public let result: Result<JSONValue, JSONParseError>
    }

    /// Like `parseSequence`, but goes on after a value that is not JSON: reading resumes at the next line
    /// that starts with `{` or `[` in its first column (the next JSON line, or the next concatenated value
    /// written from the margin), so one broken value costs only itself.
    public static func parseSequenceRecovering(_ bytes: [UInt8], duplicateKeys: DuplicateKeyPolicy = .reject)
        -> [SequenceItem]
    {
        var parser = JSONParser(bytes: bytes, duplicateKeys: duplicateKeys)
        parser.skipByteOrderMark()
        var items: [SequenceItem] = []
        var line = 1
        var counted = 0
        parser.skipWhitespace()
        while parser.index < bytes.count {
            while counted < parser.index {
                if bytes[counted] == 0x0A { line += 1 }
                counted += 1
            }
            let start = parser.index
            do {
                items.append(SequenceItem(line: line, result: .success(try parser.parseValue(depth: 0))))
            } catch {
                let failure = error as? JSONParseError ?? parser.error("\(error)")
                items.append(SequenceItem(line: line, result: .failure(failure)))
                var i = start
                while i < bytes.count {
                    if bytes[i] == 0x0A, i + 1 < bytes.count,
                        bytes[i + 1] == UInt8(ascii: "{") || bytes[i + 1] == UInt8(ascii: "[")
                    {
                        break
                    }
                    i += 1
                }
                parser.index = i
                parser.path = []
            }
            parser.skipWhitespace()
        }
        return items
    }

    private init(bytes: [UInt8], duplicateKeys: DuplicateKeyPolicy) {
        self.bytes = bytes
        self.duplicateKeys = duplicateKeys
    }

    private mutating func skipByteOrderMark() {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private mutating func parseValue(depth: Int) throws -> JSONValue {
        guard index < bytes.count else { throw error("Unexpected end of input: a value was expected") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectWord("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectWord("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectWord("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("Unexpected character \(describe(bytes[index])): a value was expected")
        }
    }

    private mutating func expectWord(_ word: String) throws {
        let expected = Array(word.utf8)
        guard index + expected.count <= bytes.count,
            expected.indices.allSatisfy({ bytes[index + $0] == expected[$0] })
        else { throw error("Invalid literal: expected \(word)") }
        index += expected.count
    }

    private mutating func parseObject(depth: Int) throws -> JSONValue {
        guard depth <= Self.maximumDepth else { throw error("Too deeply nested (over \(Self.maximumDepth))") }
        index += 1
        var members: [JSONMember] = []
        var seen: [String: Int] = [:]
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw error(
                    index < bytes.count
                        ? "Expected a member name in double quotes" : "Unexpected end of input in an object")
            }
            let keyStart = index
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw error("Expected ':' after the member name")
            }
            index += 1
            skipWhitespace()
            path.append(.key(key))
            let value = try parseValue(depth: depth)
            path.removeLast()
            if let earlier = seen[key] {
                switch duplicateKeys {
                case .reject:
                    index = keyStart
                    throw error("Duplicate member name \"\(key)\"")
                case .keepLast:
                    members[earlier].value = value
                }
            } else {
                seen[key] = members.count
                members.append(JSONMember(key, value))
            }
            skipWhitespace()
            guard index < bytes.count else { throw error("Unexpected end of input in an object") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            throw error("Expected ',' or '}' in an object")
        }
    }

    private mutating func parseArray(depth: Int) throws -> JSONValue {
        guard depth <= Self.maximumDepth else { throw error("Too deeply nested (over \(Self.maximumDepth))") }
        index += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            path.append(.index(items.count))
            items.append(try parseValue(depth: depth))
            path.removeLast()
            skipWhitespace()
            guard index < bytes.count else { throw error("Unexpected end of input in an array") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(items)
            }
            throw error("Expected ',' or ']' in an array")
        }
    }

    /// Reads the number grammar `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` and keeps its text.
    private mutating func parseNumber() throws -> JSONNumber {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw error("Invalid number: a digit was expected") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) { throw error("Invalid number: leading zero") }
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw error("Invalid number: a digit was expected after '.'")
            }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw error("Invalid number: a digit was expected in the exponent")
            }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        return JSONNumber(literal: String(decoding: bytes[start..<index], as: UTF8.self))
    }

    private func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    private mutating func parseString() throws -> String {
        index += 1
        let start = index
        // Fast path: no escapes, so the bytes are the string (checked to be valid UTF-8).
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                let slice = bytes[start..<index]
                guard let s = String(validating: slice, as: UTF8.self) else {
                    index = start
                    throw error("Invalid UTF-8 in a string")
                }
                index += 1
                return s
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw error("Unescaped control character \(describe(b)) in a string") }
            index += 1
        }
        var buffer = Array(bytes[start..<index])
        while index < bytes.count {
            let b = bytes[index]
            switch b {
            case UInt8(ascii: "\""):
                guard let s = String(validating: buffer, as: UTF8.self) else {
                    index = start
                    throw error("Invalid UTF-8 in a string")
                }
                index += 1
                return s
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { break }
                let e = bytes[index]
                index += 1
                switch e {
                case UInt8(ascii: "\""): buffer.append(0x22)
                case UInt8(ascii: "\\"): buffer.append(0x5C)
                case UInt8(ascii: "/"): buffer.append(0x2F)
                case UInt8(ascii: "b"): buffer.append(0x08)
                case UInt8(ascii: "f"): buffer.append(0x0C)
                case UInt8(ascii: "n"): buffer.append(0x0A)
                case UInt8(ascii: "r"): buffer.append(0x0D)
                case UInt8(ascii: "t"): buffer.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try readHex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                            bytes[index + 1] == UInt8(ascii: "u")
                        else { throw error("Lone high surrogate in a \\u escape") }
                        index += 2
                        let low = try readHex4()
                        guard (0xDC00...0xDFFF).contains(low) else {
                            throw error("A high surrogate must be followed by a low surrogate")
                        }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        throw error("Lone low surrogate in a \\u escape")
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw error("Invalid \\u escape") }
                    buffer.append(contentsOf: Array(String(Character(u)).utf8))
                default:
                    index -= 1
                    throw error("Invalid escape \\\(describe(e))")
                }
            default:
                if b < 0x20 { throw error("Unescaped control character \(describe(b)) in a string") }
                buffer.append(b)
                index += 1
            }
        }
        throw error("Unexpected end of input in a string")
    }

    private mutating func readHex4() throws -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("Unexpected end of input in a \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[index]
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw error("Invalid hexadecimal digit in a \\u escape")
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }

    private func describe(_ b: UInt8) -> String {
        b >= 0x20 && b < 0x7F ? "'\(Character(Unicode.Scalar(b)))'" : String(format: "0x%02X", b)
    }

    private func error(_ message: String) -> JSONParseError {
        let end = min(index, bytes.count)
        var line = 1
        var column = 1
        var i = 0
        while i < end {
            let b = bytes[i]
            if b == 0x0A {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return JSONParseError(message: message, line: line, column: column, offset: end, pointer: pointer)
    }

    private var pointer: String {
        path.map { part in
            switch part {
            case .index(let i): return "/\(i)"
            case .key(let k):
                return "/" + k.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
            }
        }.joined()
    }
}
