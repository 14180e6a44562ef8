import Foundation

/// An amendment of a published "you said, we did" summary as typed in its form or sent to the
/// API: the fields of `OutcomeInput` at the top level (`published` is not read) and `reason`, why
/// it is amended (required). A published summary is never changed in place: an amendment is a new
/// version beside the ones before it (consultations.md, "Amending a published summary").
public struct OutcomeAmendmentInput: Codable, Sendable, Equatable {
    public var outcome: OutcomeInput
    public var reason: String?

    public init(_ outcome: OutcomeInput = OutcomeInput(), reason: String? = nil) {
        self.outcome = outcome
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey { case reason }

    public init(from decoder: Decoder) throws {
        outcome = try OutcomeInput(from: decoder)
        reason = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .reason)
    }

    public func encode(to encoder: Encoder) throws {
        try outcome.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(reason, forKey: .reason)
    }
}

/// A checked amendment: the summary as amended, why, and what differs, in words.
public struct OutcomeAmendment: Sendable, Equatable {
    public var outcome: Outcome
    public var reason: String
    public var changes: [String]

    public init(outcome: Outcome, reason: String, changes: [String]) {
        self.outcome = outcome
        self.reason = reason
        self.changes = changes
    }
}

extension Outcome {
    /// The longest reason for an amendment.
    public static let amendmentReasonMaxLength = AmendmentRule.reasonMaxLength

    /// The amendment rule as it names a summary.
    static let amendmentRule = AmendmentRule(record: "the summary", inForce: "published now", unchangedField: "youSaid")

    /// What differs from `old`, in words, in the order of the form. Empty: nothing was changed.
    public func changes(from old: Outcome) -> [String] {
        var out: [String] = []
        if old.youSaid != youSaid { out.append("what respondents said") }
        if old.weDid != weDid { out.append("what was done in response") }
        if old.links != links { out.append("the links to what changed") }
        return out
    }

    /// Checks an amendment of the version in force (`current`, version `currentVersion`): the
    /// summary under the same rules as when it was written, a reason, and at least one change.
    /// Every problem is reported at once.
    public static func validate(
        amendment a: OutcomeAmendmentInput, current: Outcome, currentVersion: Int
    ) throws -> OutcomeAmendment {
        var p = Problems()
        let amended = try AmendmentRule.checked(&p) { try validate(a.outcome) }
        let changes = amended.map { $0.changes(from: current) }
        let reason = amendmentRule.check(reason: a.reason, changes: changes, currentVersion: currentVersion, &p)
        try p.throwIfAny()
        return OutcomeAmendment(outcome: amended!, reason: reason!, changes: changes!)
    }
}
