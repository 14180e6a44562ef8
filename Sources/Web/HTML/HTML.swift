/// A fragment of HTML that is safe to send.
///
/// Literal text in an `HTML` string literal is trusted markup; every interpolated `String` is
/// escaped. So `"<p>\(name)</p>" as HTML` can never inject markup from `name`, and raw markup
/// is only ever written by a developer.
public struct HTML: ExpressibleByStringInterpolation, Sendable, CustomStringConvertible {
    public let raw: String

    public init(raw: String) { self.raw = raw }
    public init(stringLiteral value: String) { raw = value }
    public init(stringInterpolation: Interpolation) { raw = stringInterpolation.output }

    public var description: String { raw }
    public static let empty = HTML(raw: "")

    public struct Interpolation: StringInterpolationProtocol {
        var output = ""

        public init(literalCapacity: Int, interpolationCount: Int) {
            output.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        public mutating func appendLiteral(_ literal: String) { output += literal }
        public mutating func appendInterpolation(_ text: String) { output += HTML.escape(text) }
        public mutating func appendInterpolation(_ text: String?) { output += HTML.escape(text ?? "") }
        public mutating func appendInterpolation(_ number: Int) { output += String(number) }
        public mutating func appendInterpolation(_ html: HTML) { output += html.raw }
        public mutating func appendInterpolation(_ html: HTML?) { output += html?.raw ?? "" }
        public mutating func appendInterpolation(_ parts: [HTML]) { for p in parts { output += p.raw } }
        public mutating func appendInterpolation<T: CustomStringConvertible>(_ value: T) {
            output += HTML.escape(value.description)
        }
    }

    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// Joins fragments.
    public static func join(_ parts: [HTML], separator: HTML = .empty) -> HTML {
        HTML(raw: parts.map(\.raw).joined(separator: separator.raw))
    }

    /// Paragraphs from plain text separated by blank lines.
    public static func paragraphs(_ text: String, className: String = "govuk-body") -> HTML {
        let paras = text.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
        return join(paras.map { "<p class=\"\(className)\">\($0)</p>" })
    }
}

extension HTML {
    public static func + (a: HTML, b: HTML) -> HTML { HTML(raw: a.raw + b.raw) }
}
