import Foundation

/// RFC 4180 CSV: comma separated, fields optionally in double quotes, `""` inside quotes for a
/// quote, line breaks inside quotes kept. A line ends with CRLF, LF or a lone CR (as old
/// spreadsheet programs save), and lines are counted the same way an editor counts them. Each
/// row carries the line it started on, so errors can name it.
public enum CSV {
    public struct Row: Equatable, Sendable {
        public let line: Int
        public let fields: [String]
    }

    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public let line: Int
        public let message: String
        public var description: String { "line \(line): \(message)" }
    }

    public static func parse(_ text: String) throws -> [Row] {
        var rows: [Row] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1
        var rowStart = 1
        var iterator = Array(text.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar? = nil
        var fieldWasQuoted = false

        func next() -> Unicode.Scalar? {
            if let p = pending {
                pending = nil
                return p
            }
            return iterator.next()
        }
        func endRow() {
            fields.append(field)
            // A blank line is not a row.
            if !(fields.count == 1 && fields[0].isEmpty && !fieldWasQuoted) {
                rows.append(Row(line: rowStart, fields: fields))
            }
            fields = []
            field = ""
            fieldWasQuoted = false
        }

        while let c = next() {
            if inQuotes {
                if c == "\"" {
                    if let n = next() {
                        if n == "\"" {
                            field.unicodeScalars.append("\"")
                        } else {
                            inQuotes = false
                            pending = n
                        }
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.unicodeScalars.append(c)
                    if c == "\n" {
                        line += 1
                    } else if c == "\r" {
                        // CRLF is one line break; a lone CR is one too.
                        if let n = next() {
                            if n == "\n" { field.unicodeScalars.append(n) } else { pending = n }
                        }
                        line += 1
                    }
                }
                continue
            }
            switch c {
            case ",":
                fields.append(field)
                field = ""
                fieldWasQuoted = false
            case "\"":
                guard field.isEmpty else {
                    throw ParseError(line: line, message: "a quote appears inside a field that does not start with one")
                }
                inQuotes = true
                fieldWasQuoted = true
            case "\r", "\n":
                // CRLF, LF and a lone CR each end the line (a fuzzed file with CR-only lines was
                // read as one long row, its errors naming lines the editor does not show).
                if c == "\r", let n = next(), n != "\n" { pending = n }
                endRow()
                line += 1
                rowStart = line
            default:
                field.unicodeScalars.append(c)
            }
        }
        if inQuotes { throw ParseError(line: rowStart, message: "a quoted field is not closed") }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRow() }
        return rows
    }

    /// One field, quoted when it must be. A field starting with `=`, `+`, `-`, `@`, a tab or a
    /// carriage return is prefixed with an apostrophe so spreadsheets do not run it as a formula,
    /// unless the whole field is a plain number (`-5`, `-1234.56`). `Decimal(string:)` is no test
    /// for that: it reads a number at the start and ignores the rest, so `-1+HYPERLINK(…)` would
    /// pass (issue 19 item 2, docs/security.md).
    public static func escape(_ value: String) -> String {
        var v = value
        if let first = v.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), !isPlainNumber(v) {
            v = "'" + v
        }
        // "\r\n" is one Character in Swift, equal to neither "\n" nor "\r": test it too, or a
        // line break typed in a browser's text box (sent as CRLF) would go out unquoted.
        if v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return v
    }

    /// An optional `-`, digits, and optionally `.` and more digits: nothing else.
    public static func isPlainNumber(_ text: String) -> Bool {
        var scalars = text.unicodeScalars[...]
        if scalars.first == "-" { scalars = scalars.dropFirst() }
        let isDigit = { (s: Unicode.Scalar) in ("0"..."9").contains(s) }
        let whole = scalars.prefix(while: isDigit)
        guard !whole.isEmpty else { return false }
        scalars = scalars.dropFirst(whole.count)
        if scalars.isEmpty { return true }
        guard scalars.first == "." else { return false }
        let fraction = scalars.dropFirst()
        return !fraction.isEmpty && fraction.allSatisfy(isDigit)
    }

    public static func line(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: ",") + "\r\n"
    }

    /// The byte-order mark that makes spreadsheet programs read a file as UTF-8.
    public static let byteOrderMark = "\u{FEFF}"

    /// The text without a leading byte-order mark, which spreadsheet programs write when they
    /// save as "CSV UTF-8": without this the header's first column would not match.
    public static func withoutByteOrderMark(_ text: String) -> String {
        text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
    }
}
