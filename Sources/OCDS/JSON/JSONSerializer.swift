import Foundation

/// Writes a `JSONValue` as JSON text: numbers exactly as stored, members in order, non-ASCII as is
/// (UTF-8), `"`, `\` and control characters escaped. `.compact` has no whitespace; `.pretty` indents by
/// two spaces with `": "` after names, like Python's `json.dumps(indent=2)`.
public enum JSONFormat: Sendable {
    case compact
    case pretty
}

extension JSONValue: CustomStringConvertible {
    /// The compact JSON text.
    public var description: String { serialized() }

    public func serialized(_ format: JSONFormat = .compact) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        JSONWriter.write(self, to: &out, format: format, level: 0)
        return String(decoding: out, as: UTF8.self)
    }

    public func serializedData(_ format: JSONFormat = .compact) -> Data {
        var out: [UInt8] = []
        JSONWriter.write(self, to: &out, format: format, level: 0)
        return Data(out)
    }
}

enum JSONWriter {
    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    static func write(_ value: JSONValue, to out: inout [UInt8], format: JSONFormat, level: Int) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): out.append(contentsOf: n.text.utf8)
        case .string(let s): writeString(s, to: &out)
        case .array(let items):
            if items.isEmpty {
                out.append(contentsOf: "[]".utf8)
                return
            }
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(&out, format: format, level: level + 1)
                write(item, to: &out, format: format, level: level + 1)
            }
            newline(&out, format: format, level: level)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty {
                out.append(contentsOf: "{}".utf8)
                return
            }
            out.append(UInt8(ascii: "{"))
            for (i, member) in members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(&out, format: format, level: level + 1)
                writeString(member.key, to: &out)
                out.append(UInt8(ascii: ":"))
                if format == .pretty { out.append(UInt8(ascii: " ")) }
                write(member.value, to: &out, format: format, level: level + 1)
            }
            newline(&out, format: format, level: level)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ out: inout [UInt8], format: JSONFormat, level: Int) {
        guard format == .pretty else { return }
        out.append(0x0A)
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: level * 2))
    }

    static func writeString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0..<0x20:
                out.append(contentsOf: "\\u00".utf8)
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0x0F)])
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
