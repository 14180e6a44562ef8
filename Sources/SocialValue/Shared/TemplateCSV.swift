import Foundation

/// A CSV template a person downloads, fills in offline and uploads (a bid, a monitoring return):
/// a fixed header, then one row per thing to fill in, named by its `section` (first column) and
/// `key` (second), with the answer in the last column; the columns between are there to read.
/// Problems are reported on the field "csv" as `line L, column C: message`; nothing is saved
/// when there is any.
public enum TemplateCSV {
    public struct Entry: Sendable, Equatable {
        public let line: Int
        public let section: String
        public let key: String
        public let value: String
    }

    /// Calls `each` with the rows after the header that are not blank, in order. A header other
    /// than `columns`, or text that is not CSV, is thrown; a row with the wrong number of columns
    /// is added to `p` in its turn.
    public static func read(
        _ raw: String, columns: [String], _ p: inout Problems, _ each: (Entry, inout Problems) -> Void
    ) throws {
        let rows: [CSV.Row]
        do { rows = try CSV.parse(CSV.withoutByteOrderMark(raw)) } catch let e as CSV.ParseError {
            throw ValidationFailure("csv", e.description)
        }
        guard let header = rows.first, header.fields == columns else {
            throw ValidationFailure(
                "csv",
                "line 1: the first line must be exactly \(columns.joined(separator: ",")): download the template again")
        }
        for row in rows.dropFirst() where !row.fields.allSatisfy({ $0.isEmpty }) {
            guard row.fields.count == columns.count else {
                p.add("csv", "line \(row.line): expected \(columns.count) columns, found \(row.fields.count)")
                continue
            }
            each(Entry(line: row.line, section: row.fields[0], key: row.fields[1], value: row.fields.last!), &p)
        }
    }

    /// The line each answer came from, by the field the rules report it under, so that their
    /// problems can name the line (`location`). A field given twice is a problem.
    public struct Lines: Sendable {
        public private(set) var byField: [String: Int] = [:]

        public init() {}

        /// Records that `field` is on `e`'s line; false (with the problem added) when an earlier
        /// line has it.
        public mutating func claim(_ field: String, _ e: Entry, _ p: inout Problems) -> Bool {
            if let first = byField[field] {
                p.add(
                    "csv",
                    "line \(e.line), column key: \(e.key.isEmpty ? e.section : e.key) is already on line \(first)")
                return false
            }
            byField[field] = e.line
            return true
        }

        /// `line L, column value` for a field the rules named, or the field itself.
        public func location(_ field: String) -> String {
            byField[field].map { "line \($0), column value" } ?? field
        }

        /// The problems of reading or saving an upload, all on the upload's `field`: the reader's
        /// (and those in `asWritten`) as they are, the others prefixed with their `location`.
        public func onUpload(_ failure: ValidationFailure, field: String, asWritten: Set<String> = [])
            -> ValidationFailure
        {
            ValidationFailure(
                failure.errors.map { e in
                    e.field == "csv" || asWritten.contains(e.field)
                        ? FieldError(field, e.message) : FieldError(field, "\(location(e.field)): \(e.message)")
                })
        }
    }
}
