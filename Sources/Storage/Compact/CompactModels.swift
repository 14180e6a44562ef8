import Fluent
import Foundation
import SocialValue

public final class CompactModel: Model, @unchecked Sendable {
    public static let schema = "compacts"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "area") public var area: String
    @Field(key: "text") public var text: String
    @Field(key: "version") public var version: String
    @Field(key: "adopted_on") public var adoptedOn: String
    @Field(key: "next_review_on") public var nextReviewOn: String
    @Field(key: "min_consultation_days") public var minConsultationDays: Int
    @Field(key: "min_notice_months") public var minNoticeMonths: Int
    @Field(key: "consider_all_procurements") public var considerAllProcurements: Bool
    /// The proportionality table as JSON (`[ValueBand]`): it is read and written whole.
    @Field(key: "value_bands") public var valueBandsJSON: String
    /// Delivery RAG thresholds and at-risk tolerance, whole percent (`AddDeliveryThresholds`).
    @Field(key: "rag_green_percent") public var ragGreenPercent: Int
    @Field(key: "rag_amber_percent") public var ragAmberPercent: Int
    @Field(key: "at_risk_tolerance_percent") public var atRiskTolerancePercent: Int
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public var details: CompactDetails {
        CompactDetails(
            name: name, area: area, text: text, version: version,
            adoptedOn: CalendarDate(iso: adoptedOn)!, nextReviewOn: CalendarDate(iso: nextReviewOn)!)
    }

    public var settings: CompactSettings {
        let bands = (try? JSONDecoder().decode([ValueBand].self, from: Data(valueBandsJSON.utf8))) ?? []
        return CompactSettings(
            minimumConsultationDays: minConsultationDays, minimumNoticeMonths: minNoticeMonths,
            considerSocialValueInAllProcurements: considerAllProcurements, bands: bands,
            delivery: DeliveryThresholds(
                greenPercent: ragGreenPercent, amberPercent: ragAmberPercent,
                atRiskTolerancePercent: atRiskTolerancePercent))
    }

    func apply(_ d: CompactDetails) {
        name = d.name
        area = d.area
        text = d.text
        version = d.version
        adoptedOn = d.adoptedOn.iso
        nextReviewOn = d.nextReviewOn.iso
    }

    func apply(_ s: CompactSettings) throws {
        minConsultationDays = s.minimumConsultationDays
        minNoticeMonths = s.minimumNoticeMonths
        considerAllProcurements = s.considerSocialValueInAllProcurements
        ragGreenPercent = s.delivery.greenPercent
        ragAmberPercent = s.delivery.amberPercent
        atRiskTolerancePercent = s.delivery.atRiskTolerancePercent
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        valueBandsJSON = String(decoding: try encoder.encode(s.bands), as: UTF8.self)
    }

    var auditFields: [String: String?] {
        [
            "name": name, "area": area, "text": text, "version": version, "adoptedOn": adoptedOn,
            "nextReviewOn": nextReviewOn, "minimumConsultationDays": String(minConsultationDays),
            "minimumNoticeMonths": String(minNoticeMonths),
            "considerSocialValueInAllProcurements": String(considerAllProcurements), "bands": valueBandsJSON,
            "ragGreenPercent": String(ragGreenPercent), "ragAmberPercent": String(ragAmberPercent),
            "atRiskTolerancePercent": String(atRiskTolerancePercent),
        ]
    }
}

public final class CompactSignatoryModel: Model, @unchecked Sendable {
    public static let schema = "compact_signatories"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "compact_id") public var compact: CompactModel
    @Parent(key: "organisation_id") public var organisation: OrganisationModel
    @Field(key: "signed_on") public var signedOn: String
    /// The version of the Compact's text and principles the organisation signed (1, 2, …; see
    /// `CompactVersionModel`).
    @OptionalField(key: "signed_version") public var signedVersion: Int?

    public init() {}
}

/// A seat on a Compact's group: a user, on behalf of one of their organisations.
public final class CompactGroupSeatModel: Model, @unchecked Sendable {
    public static let schema = "compact_group_seats"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "compact_id") public var compact: CompactModel
    @Parent(key: "user_id") public var user: UserModel
    @Parent(key: "organisation_id") public var organisation: OrganisationModel
    @Field(key: "position") public var position: String

    public init() {}
}

public final class CompactPrincipleModel: Model, @unchecked Sendable {
    public static let schema = "compact_principles"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "compact_id") public var compact: CompactModel
    @Field(key: "ordinal") public var ordinal: Int
    @Field(key: "code") public var code: String
    @Field(key: "title") public var title: String
    @Field(key: "text") public var text: String
    @Field(key: "product_rule") public var productRule: String

    public init() {}

    public var principle: CompactPrinciple {
        CompactPrinciple(code: code, title: title, text: text, productRule: productRule)
    }
}

/// A completed review of a Compact: when, the version before and after, what changed.
public final class CompactReviewModel: Model, @unchecked Sendable {
    public static let schema = "compact_reviews"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "compact_id") public var compact: CompactModel
    @Field(key: "reviewed_on") public var reviewedOn: String
    @Field(key: "version_before") public var versionBefore: String
    @Field(key: "version_after") public var versionAfter: String
    @Field(key: "summary") public var summary: String
    @Field(key: "next_review_on") public var nextReviewOn: String
    @Field(key: "recorded_by") public var recordedBy: String

    public init() {}
}

public final class AuditEventModel: Model, @unchecked Sendable {
    public static let schema = "audit_events"

    @ID(key: .id) public var id: UUID?
    @Field(key: "sequence") public var sequence: Int
    @Field(key: "occurred_at") public var occurredAt: String
    @OptionalField(key: "actor_user_id") public var actorUserID: UUID?
    @Field(key: "actor") public var actor: String
    @Field(key: "action") public var action: String
    @Field(key: "record_type") public var recordType: String
    @Field(key: "record_id") public var recordID: String
    @Field(key: "changes") public var changes: String
    @Field(key: "previous_hash") public var previousHash: String
    @Field(key: "hash") public var hash: String

    public init() {}

    public var content: AuditEventContent {
        AuditEventContent(
            sequence: sequence, occurredAt: occurredAt, actor: actor, action: action, recordType: recordType,
            recordID: recordID, changes: changes, previousHash: previousHash)
    }
}
