import Foundation

/// A submitted response as the export writes it.
public struct ExportedResponse: Sendable, Equatable {
    public let id: UUID
    public let submittedAt: Date
    public let organisation: String?
    public let name: String
    public let email: String
    public let answers: [UUID: Answer]

    public init(
        id: UUID, submittedAt: Date, organisation: String?, name: String, email: String, answers: [UUID: Answer]
    ) {
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
        out += CSV.line(fixedColumns + questions.enumerated().map { "Q\($0.offset + 1): \($0.element.question.text)" })
        for r in responses {
            let fixed = [
                r.id.uuidString, UKTime.isoUTC(r.submittedAt), r.organisation == nil ? "individual" : "organisation",
                r.name, r.email, r.organisation ?? "",
            ]
            out += CSV.line(fixed + questions.map { r.answers[$0.id]?.display ?? "" })
        }
        return out
    }
}
