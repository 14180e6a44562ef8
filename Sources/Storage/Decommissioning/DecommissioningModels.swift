import Fluent
import Foundation
import SocialValue

/// A decommissioning case (Compact principle 4.x): a public body's proposal to reduce or end a
/// provider's funding, its impact assessment, the organisation's response and the decision with
/// its notice check. Dates are ISO `YYYY-MM-DD` text; money in whole pence.
public final class DecommissioningCaseModel: Model, @unchecked Sendable {
    public static let schema = "decommissioning_cases"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "owner_id") public var owner: OrganisationModel
    @Parent(key: "provider_id") public var provider: OrganisationModel
    @OptionalParent(key: "contract_id") public var contract: ContractModel?
    /// The Compact whose minimum notice applies (nil: the national Compact's three months).
    @OptionalParent(key: "compact_id") public var compact: CompactModel?
    /// Read from the Compact while assessing; frozen when the decision is recorded.
    @Field(key: "minimum_notice_months") public var minimumNoticeMonths: Int
    @Field(key: "service_name") public var serviceName: String
    @Field(key: "service_description") public var serviceDescription: String
    /// Decoding a row fails on a value the product does not know (no silent default).
    @Field(key: "change") public var changeValue: FundingChange
    @OptionalField(key: "current_funding_pence") public var currentFundingPence: Int64?
    @OptionalField(key: "proposed_funding_pence") public var proposedFundingPence: Int64?
    @Field(key: "rationale") public var rationale: String
    @OptionalField(key: "impact_beneficiaries") public var impactBeneficiaries: String?
    @OptionalField(key: "impact_service_users") public var impactServiceUsers: String?
    @OptionalField(key: "impact_volunteers") public var impactVolunteers: String?
    @OptionalField(key: "wider_impact") public var widerImpact: String?
    @OptionalField(key: "mitigation") public var mitigation: String?
    @OptionalField(key: "shared_at") public var sharedAt: Date?
    @OptionalField(key: "shared_by") public var sharedBy: String?
    @OptionalField(key: "response_text") public var responseText: String?
    @OptionalField(key: "response_received_on") public var responseReceivedOn: String?
    @OptionalField(key: "response_how") public var responseHow: String?
    @OptionalField(key: "response_by") public var responseBy: String?
    /// Once decided.
    @OptionalField(key: "decision") public var decisionValue: FundingDecision?
    @OptionalField(key: "decision_rationale") public var decisionRationale: String?
    @OptionalField(key: "notice_given_on") public var noticeGivenOn: String?
    @OptionalField(key: "effective_on") public var effectiveOn: String?
    @OptionalField(key: "earliest_end_on") public var earliestEndOn: String?
    @OptionalField(key: "exceptional_reason") public var exceptionalReason: String?
    /// `NoticeCheck.code` ("compliant", "breach", "exceptional") for end and reduce decisions.
    @OptionalField(key: "notice_check") public var noticeCheck: String?
    @OptionalField(key: "days_short") public var daysShort: Int?
    @OptionalField(key: "decided_at") public var decidedAt: Date?
    @OptionalField(key: "decided_by") public var decidedBy: String?
    /// Decoding a row fails on a value the product does not know (no silent default).
    @Field(key: "status") public var statusValue: DecommissioningStatus
    @Field(key: "created_by") public var createdBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public var status: String { statusValue.rawValue }
    public var change: String { changeValue.rawValue }
    public var decision: String? { decisionValue?.rawValue }
    public var currentFunding: Money? { currentFundingPence.map(Money.init(pence:)) }
    public var proposedFunding: Money? { proposedFundingPence.map(Money.init(pence:)) }
    public var isShared: Bool { sharedAt != nil }
    public var responseRecorded: Bool { responseText != nil }

    /// The proposal and impact assessment as the case reads them now.
    public var proposalContent: ProposalContent {
        ProposalContent(
            serviceName: serviceName, serviceDescription: serviceDescription, change: changeValue,
            currentFundingPence: currentFundingPence, proposedFundingPence: proposedFundingPence, rationale: rationale,
            onBeneficiaries: impactBeneficiaries, onServiceUsers: impactServiceUsers, onVolunteers: impactVolunteers,
            widerImpact: widerImpact, mitigation: mitigation)
    }

    /// The stored notice check of an end or reduce decision.
    /// A stored code the product does not know is reported, not read as no check.
    public var notice: NoticeCheck? {
        get throws {
            guard let code = noticeCheck else { return nil }
            guard let check = NoticeCheck(code: code, daysShort: daysShort ?? 0) else {
                throw EnumColumns.noticeCheck.unknown(code)
            }
            return check
        }
    }

    public func facts(discussions: Int) -> CaseFacts {
        CaseFacts(
            onBeneficiaries: impactBeneficiaries, onServiceUsers: impactServiceUsers, onVolunteers: impactVolunteers,
            widerImpact: widerImpact, mitigation: mitigation, discussions: discussions, shared: isShared,
            responseRecorded: responseRecorded, status: statusValue, currentFunding: currentFunding,
            proposedFunding: proposedFunding)
    }

    var auditFields: [String: String?] {
        [
            "serviceName": serviceName, "serviceDescription": serviceDescription, "change": change,
            "currentFundingPence": currentFundingPence.map(String.init),
            "proposedFundingPence": proposedFundingPence.map(String.init),
            "rationale": rationale, "impactBeneficiaries": impactBeneficiaries,
            "impactServiceUsers": impactServiceUsers,
            "impactVolunteers": impactVolunteers, "widerImpact": widerImpact, "mitigation": mitigation,
            "responseText": responseText, "responseReceivedOn": responseReceivedOn, "responseHow": responseHow,
            "decision": decision, "decisionRationale": decisionRationale, "noticeGivenOn": noticeGivenOn,
            "effectiveOn": effectiveOn,
            "exceptionalReason": exceptionalReason, "noticeCheck": noticeCheck, "daysShort": daysShort.map(String.init),
            "minimumNoticeMonths": String(minimumNoticeMonths), "status": status,
        ]
    }
}

/// An early discussion with the organisation about the proposed change.
public final class DecommissioningDiscussionModel: Model, @unchecked Sendable {
    public static let schema = "decommissioning_discussions"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "case_id") public var decommissioningCase: DecommissioningCaseModel
    @Field(key: "held_on") public var heldOn: String
    @Field(key: "notes") public var notes: String
    @Field(key: "recorded_by") public var recordedBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}
