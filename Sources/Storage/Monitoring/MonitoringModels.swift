import Fluent
import Foundation
import SocialValue

/// A supplier's monitoring return for one reporting period of a contract (at most one per
/// period). The period's dates are kept as they were when the return was started.
public final class MonitoringReturnModel: Model, @unchecked Sendable {
    public static let schema = "monitoring_returns"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "contract_id") public var contract: ContractModel
    @Field(key: "period_number") public var periodNumber: Int
    @Field(key: "period_starts_on") public var periodStartsOn: String
    @Field(key: "period_ends_on") public var periodEndsOn: String
    @Field(key: "due_on") public var dueOn: String
    /// Decoding a row fails on a value the product does not know (no silent default).
    @Field(key: "status") public var statusValue: ReturnStatus
    @Field(key: "narrative") public var narrative: String
    @OptionalField(key: "submitted_at") public var submittedAt: Date?
    @OptionalField(key: "submitted_by") public var submittedBy: String?
    /// When and by whom it was verified or sent back for changes.
    @OptionalField(key: "decided_at") public var decidedAt: Date?
    @OptionalField(key: "decided_by") public var decidedBy: String?
    /// Why changes were requested.
    @OptionalField(key: "reason") public var reason: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public var status: String { statusValue.rawValue }
}

/// One commitment's line of a return: what the supplier claims and what the buyer verified.
public final class MonitoringReturnLineModel: Model, @unchecked Sendable {
    public static let schema = "monitoring_return_lines"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "return_id") public var monitoringReturn: MonitoringReturnModel
    @Parent(key: "commitment_id") public var commitment: ContractCommitmentModel
    /// Exact decimal text; nil until given.
    @OptionalField(key: "claimed_quantity") public var claimedQuantity: String?
    @OptionalField(key: "note") public var note: String?
    @OptionalField(key: "verified_quantity") public var verifiedQuantity: String?
    @OptionalField(key: "verification_note") public var verificationNote: String?

    public init() {}
}

/// A piece of evidence attached to a return, with a short description (the stored file's title).
public final class MonitoringEvidenceModel: Model, @unchecked Sendable {
    public static let schema = "monitoring_evidence"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "return_id") public var monitoringReturn: MonitoringReturnModel
    @Field(key: "title") public var title: String
    @Field(key: "filename") public var filename: String
    @Field(key: "file_type") public var fileType: DocumentType
    @Field(key: "content_type") public var contentType: String
    @Field(key: "size_bytes") public var sizeBytes: Int
    @Field(key: "sha256") public var sha256: String
    @Field(key: "data") public var data: Data
    @Field(key: "uploaded_by") public var uploadedBy: String
    @Timestamp(key: "uploaded_at", on: .create) public var uploadedAt: Date?

    public init() {}
}
