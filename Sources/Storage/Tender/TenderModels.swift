import Fluent
import Foundation
import SocialValue

/// The tender of a procurement (at most one): its evaluation set-up (frozen once published),
/// deadline and whether the bids have been opened.
public final class TenderModel: Model, @unchecked Sendable {
    public static let schema = "tenders"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "procurement_id") public var procurement: ProcurementModel
    /// Decoding a row fails on a value the product does not know (no silent default).
    @Field(key: "status") public var statusValue: TenderStatus
    /// `TenderConfiguration` as JSON, decoded with the row.
    @Field(key: "configuration") public var storedConfiguration: StoredJSON<TenderConfiguration>
    /// The deadline as typed (Europe/London local date and `HH:MM`) and as the instant it is.
    @Field(key: "deadline_on") public var deadlineOn: String
    @Field(key: "deadline_time") public var deadlineTime: String
    @Field(key: "deadline_at") public var deadlineAt: Date
    @OptionalField(key: "published_at") public var publishedAt: Date?
    @OptionalField(key: "published_by") public var publishedBy: String?
    /// The audited opening of the bids, after the deadline.
    @OptionalField(key: "opened_at") public var openedAt: Date?
    @OptionalField(key: "opened_by") public var openedBy: String?
    @OptionalField(key: "cancel_reason") public var cancelReason: String?
    @Field(key: "created_by") public var createdBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public var status: String { statusValue.rawValue }
    public var configuration: TenderConfiguration { storedConfiguration.value }
    public var configurationJSON: String { storedConfiguration.text }
    public var deadline: TenderDeadline {
        TenderDeadline(date: CalendarDate(iso: deadlineOn)!, time: deadlineTime, instant: deadlineAt)
    }
    public func phase(at now: Date) -> TenderPhase {
        TenderRules.phase(status: statusValue, deadline: deadlineAt, at: now)
    }

    var auditFields: [String: String?] {
        [
            "status": status, "configuration": configurationJSON, "deadline": "\(deadlineOn) \(deadlineTime)",
            "deadlineAt": UKTime.isoUTC(deadlineAt), "publishedBy": publishedBy, "openedBy": openedBy,
            "openedAt": openedAt.map(UKTime.isoUTC), "cancelReason": cancelReason,
        ]
    }
}

/// A document the buyer publishes with the tender (checked and stored like consultation documents).
public final class TenderDocumentModel: Model, @unchecked Sendable {
    public static let schema = "tender_documents"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "tender_id") public var tender: TenderModel
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

/// A bidder's question and the buyer's answer. Answered questions are published to every
/// bidder without the asking organisation.
public final class TenderClarificationModel: Model, @unchecked Sendable {
    public static let schema = "tender_clarifications"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "tender_id") public var tender: TenderModel
    @OptionalParent(key: "organisation_id") public var organisation: OrganisationModel?
    @Field(key: "asked_by") public var askedBy: String
    @Field(key: "question") public var question: String
    @Field(key: "asked_at") public var askedAt: Date
    @OptionalField(key: "answer") public var answer: String?
    @OptionalField(key: "answered_by") public var answeredBy: String?
    @OptionalField(key: "answered_at") public var answeredAt: Date?

    public init() {}
}

/// One organisation's bid for a tender (one per organisation per tender). Its contents are
/// read only through `BidStore`, which keeps them sealed until the bids are opened.
public final class BidModel: Model, @unchecked Sendable {
    public static let schema = "bids"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "tender_id") public var tender: TenderModel
    @Parent(key: "organisation_id") public var organisation: OrganisationModel
    /// Decoding a row fails on a value the product does not know (no silent default).
    @Field(key: "status") public var statusValue: BidStatus
    @OptionalField(key: "price_pence") public var pricePence: Int64?
    @Field(key: "delivery_plan") public var deliveryPlan: String
    /// VCS organisations only: the social value embedded in their service.
    @OptionalField(key: "embedded_value_statement") public var embeddedValueStatement: String?
    /// The written social value response, when the tender's method is qualitative.
    @OptionalField(key: "social_value_response") public var socialValueResponse: String?
    @Field(key: "created_by") public var createdBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    @OptionalField(key: "submitted_at") public var submittedAt: Date?
    @OptionalField(key: "withdrawn_at") public var withdrawnAt: Date?

    public init() {}

    public var status: String { statusValue.rawValue }
}

/// The bid's answer to one quality criterion (by the criterion's id, like "Q1").
public final class BidResponseModel: Model, @unchecked Sendable {
    public static let schema = "bid_responses"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "bid_id") public var bid: BidModel
    @Field(key: "criterion_id") public var criterionID: String
    @Field(key: "text") public var text: String

    public init() {}
}

/// The quantity a bid commits to for one of the tender's measures (exact decimal text).
public final class BidCommitmentModel: Model, @unchecked Sendable {
    public static let schema = "bid_commitments"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "bid_id") public var bid: BidModel
    @Field(key: "measure_code") public var measureCode: String
    @Field(key: "quantity") public var quantity: String

    public init() {}
}

/// A file attached to a bid, optionally to one criterion's response.
public final class BidAttachmentModel: Model, @unchecked Sendable {
    public static let schema = "bid_attachments"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "bid_id") public var bid: BidModel
    @OptionalField(key: "criterion_id") public var criterionID: String?
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

/// The receipt for one submission: when, and SHA-256 of the canonical text of what was
/// submitted (`BidContent.canonicalText`). Every receipt is kept.
public final class BidReceiptModel: Model, @unchecked Sendable {
    public static let schema = "bid_receipts"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "bid_id") public var bid: BidModel
    @Field(key: "tender_id") public var tenderID: UUID
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "submitted_at") public var submittedAt: Date
    @Field(key: "submitted_by") public var submittedBy: String
    @Field(key: "sha256") public var sha256: String
    @Field(key: "content") public var content: String

    public init() {}
}
