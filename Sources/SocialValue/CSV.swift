import Foundation

/// Comma-separated values as RFC 4180 writes them, made safe to open in a spreadsheet.
public enum CSV {
    /// One cell: quoted when it holds a comma, quote, or line break (quotes doubled). A cell
    /// that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so
    /// a spreadsheet shows it as text instead of running it as a formula (CSV injection).
    public static func cell(_ value: String) -> String {
        var v = value
        if let first = v.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            v = "'" + v
        }
        if v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return v
    }

    /// A line of cells ending in CRLF.
    public static func row(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: ",") + "\r\n"
    }

    /// The byte-order mark that makes spreadsheet programs read the file as UTF-8.
    public static let byteOrderMark = "\u{FEFF}"
}

/// A submitted response as the export writes it.
public struct ExportedResponse: Sendable, Equatable {
    public let id: UUID
    public let submittedAt: Date
    public let organisation: String?
    public let name: String
    public let email: String
    public let answers: [UUID: Answer]

    public init(id: UUID, submittedAt: Date, organisation: String?, name: String, email: String, answers: [UUID: Answer]) {
        self.id = id
        self.submittedAt = submittedAt
        self.organisation = organisation
        self.name = name
        self.email = email
        self.answers = answers
    }
}

public enum ConsultationExport {
    /// The fixed columns before one column per question.
    public static let fixedColumns = [
        "response_id", "submitted_at", "responding_as", "respondent_name", "respondent_email", "organisation",
    ]

    /// The responses as CSV: a byte-order mark, a header row, then one row per response in the
    /// order given. `submitted_at` is UTC (`2026-06-24T22:59:59Z`); `responding_as` is
    /// `individual` or `organisation`; each question's column is headed `Q<n>: <question>`
    /// and holds the answer as written, the option chosen, the options chosen joined with
    /// "; ", or the number on a scale; an unanswered question is an empty cell.
    public static func csv(questions: [(id: UUID, question: Question)], responses: [ExportedResponse]) -> String {
        var out = CSV.byteOrderMark
        out += CSV.row(fixedColumns + questions.enumerated().map { "Q\($0.offset + 1): \($0.element.question.text)" })
        for r in responses {
            let fixed = [
                r.id.uuidString, UKTime.isoUTC(r.submittedAt), r.organisation == nil ? "individual" : "organisation",
                r.name, r.email, r.organisation ?? "",
            ]
            out += CSV.row(fixed + questions.map { r.answers[$0.id]?.display ?? "" })
        }
        return out
    }
}
