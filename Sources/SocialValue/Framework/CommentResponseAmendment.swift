import Foundation

/// An amendment of the owners' response to a comment on a framework version: the response as
/// amended and `reason`, why (required). A given response is published to everyone who can see
/// the version and is never changed in place: an amendment is a new version beside it
/// (frameworks.md, "Responses to comments").
public struct CommentResponseAmendmentInput: Codable, Sendable, Equatable {
    public var response: String?
    public var reason: String?

    public init(response: String? = nil, reason: String? = nil) {
        self.response = response
        self.reason = reason
    }
}

/// A checked amendment of a response: the new text and why.
public struct CommentResponseAmendment: Sendable, Equatable {
    public var response: String
    public var reason: String
}

public enum CommentResponse {
    /// The longest response, and the longest reason for amending one.
    public static let maxLength = 5_000
    public static let reasonMaxLength = AmendmentRule.reasonMaxLength

    /// The amendment rule as it names a response.
    static let amendmentRule = AmendmentRule(record: "the response", unchangedField: "response")

    /// Checks an amendment of the response in force (`current`, version `currentVersion`): a
    /// response under the same rules as the first, a reason, and a different text. Every problem
    /// is reported at once.
    public static func validate(amendment a: CommentResponseAmendmentInput, current: String, currentVersion: Int)
        throws -> CommentResponseAmendment
    {
        var p = Problems()
        let response = p.text(a.response, field: "response", label: "the response", max: maxLength)
        let changes = response.map {
            $0 == current.trimmingCharacters(in: .whitespacesAndNewlines) ? [] : ["the response"]
        }
        let reason = amendmentRule.check(reason: a.reason, changes: changes, currentVersion: currentVersion, &p)
        try p.throwIfAny()
        return CommentResponseAmendment(response: response!, reason: reason!)
    }
}
