import Fluent
import Foundation
import SocialValue

/// One recorded decision on a decommissioning case: the first (number 1) and each amendment
/// after it (2, 3, …, each with the reason it was amended). A row is written once and never
/// changed; the case's own decision columns repeat the latest row for lists and searches.
/// The minimum notice is the one frozen when the case was first decided.
public final class DecommissioningDecisionModel: Model, @unchecked Sendable {
    public static let schema = "decommissioning_decisions"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "case_id") public var decommissioningCase: DecommissioningCaseModel
    /// 1 for the decision, then 2, 3, … for each amendment.
    @Field(key: "number") public var number: Int
    /// Decoding a row fails on a value the product does not know (no silent default).
    @Field(key: "decision") public var decisionValue: FundingDecision
    @Field(key: "decision_rationale") public var rationale: String
    @OptionalField(key: "notice_given_on") public var noticeGivenOn: String?
    @OptionalField(key: "effective_on") public var effectiveOn: String?
    @OptionalField(key: "earliest_end_on") public var earliestEndOn: String?
    @OptionalField(key: "exceptional_reason") public var exceptionalReason: String?
    /// `NoticeCheck.code` for end and reduce decisions.
    @OptionalField(key: "notice_check") public var noticeCheck: String?
    @OptionalField(key: "days_short") public var daysShort: Int?
    @Field(key: "minimum_notice_months") public var minimumNoticeMonths: Int
    @Field(key: "decided_at") public var decidedAt: Date
    @Field(key: "decided_by") public var decidedBy: String
    /// Why the decision before it was amended; nil for the first decision.
    @OptionalField(key: "amendment_reason") public var amendmentReason: String?

    public init() {}

    public var isAmendment: Bool { number > 1 }

    /// The row for decision `number` of case `caseID` as `d` says.
    convenience init(
        caseID: UUID, number: Int, _ d: Decision, minimumMonths: Int, at now: Date, by actor: Actor,
        amendmentReason: String?
    ) {
        self.init()
        $decommissioningCase.id = caseID
        self.number = number
        decisionValue = d.decision
        rationale = d.rationale
        noticeGivenOn = d.notice?.noticeGivenOn.iso
        effectiveOn = d.notice?.effectiveOn.iso
        earliestEndOn = d.notice?.earliestEnd.iso
        noticeCheck = d.notice?.check.code
        daysShort = d.notice?.check.daysShort
        exceptionalReason = d.exceptionalReason
        minimumNoticeMonths = minimumMonths
        decidedAt = now
        decidedBy = actor.label
        self.amendmentReason = amendmentReason
    }

    /// What the decision says, to compare an amendment with the decision it amends.
    var content: [String: String?] {
        [
            "decision": decisionValue.rawValue, "decisionRationale": rationale, "noticeGivenOn": noticeGivenOn,
            "effectiveOn": effectiveOn, "exceptionalReason": exceptionalReason,
        ]
    }
}

/// The amendment form: the decision as `DecisionInput` reads it, and why it is amended.
public struct DecisionAmendmentInput: Codable, Sendable, Equatable {
    public var decision: DecisionInput
    /// nil when the form sent has no such field (the first decision's form).
    public var amendmentReason: String?

    public init(_ decision: DecisionInput, amendmentReason: String?) {
        self.decision = decision
        self.amendmentReason = amendmentReason
    }

    enum CodingKeys: String, CodingKey { case amendmentReason }

    public init(from decoder: Decoder) throws {
        decision = try DecisionInput(from: decoder)
        amendmentReason = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(
            String.self, forKey: .amendmentReason)
    }

    public func encode(to encoder: Encoder) throws {
        try decision.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(amendmentReason, forKey: .amendmentReason)
    }
}
