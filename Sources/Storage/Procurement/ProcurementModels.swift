import Fluent
import Foundation
import SocialValue

/// A procurement by a public body under a local Compact, with its screening, recorded
/// consideration and place in the public pipeline.
public final class ProcurementModel: Model, @unchecked Sendable {
    public static let schema = "procurements"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "owner_id") public var owner: OrganisationModel
    @Parent(key: "compact_id") public var compact: CompactModel
    @Field(key: "title") public var title: String
    @Field(key: "description") public var description: String
    @Field(key: "kind") public var kind: ContractKind
    @Field(key: "value_pence") public var valuePence: Int64
    /// The rest of the checked details (`ProcurementDetails`) as JSON, decoded with the row.
    @Field(key: "details") public var storedDetails: StoredJSON<ProcurementDetails>
    @OptionalField(key: "tender_opens_on") public var tenderOpensOn: String?
    /// Decoding a row fails on a value the product does not know (no silent default).
    @Field(key: "status") public var statusValue: ProcurementStatus
    @OptionalField(key: "cancel_reason") public var cancelReason: String?
    /// The day the procurement actually started (the tender opened).
    @OptionalField(key: "started_on") public var startedOn: String?
    /// The latest screening result (the output document) and its headline.
    @Field(key: "screening") public var screeningJSON: String
    @Field(key: "act_applies") public var actApplies: Bool
    @Field(key: "consideration_required") public var considerationRequired: Bool
    @OptionalField(key: "consideration") public var considerationJSON: String?
    @OptionalField(key: "consideration_signed_by") public var considerationSignedBy: String?
    @OptionalField(key: "consideration_signed_at") public var considerationSignedAt: Date?
    @OptionalField(key: "consideration_signed_on") public var considerationSignedOn: String?
    /// Theme and outcome names of the adopted framework the consideration links to, for the pipeline.
    @Field(key: "themes") public var themes: String
    @Field(key: "outcomes_sought") public var outcomesSought: String
    @Field(key: "in_pipeline") public var inPipeline: Bool
    @OptionalField(key: "pipeline_published_on") public var pipelinePublishedOn: String?
    @Field(key: "created_by") public var createdBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public var details: ProcurementDetails { storedDetails.value }
    public var detailsJSON: String { storedDetails.text }
    public var status: String { statusValue.rawValue }
    public var consideration: Consideration? {
        considerationJSON.flatMap { try? JSONDecoder().decode(Consideration.self, from: Data($0.utf8)) }
    }
    public var started: CalendarDate? { startedOn.flatMap(CalendarDate.init(iso:)) }
    public var signedOn: CalendarDate? { considerationSignedOn.flatMap(CalendarDate.init(iso:)) }
    public var isLate: Bool { Procurement.isLate(signedOffOn: signedOn, startedOn: started) }
    public var noticeWeeks: Int? {
        Procurement.noticeWeeks(
            publishedOn: pipelinePublishedOn.flatMap(CalendarDate.init(iso:)), tenderOpenedOn: started)
    }
    public var value: Money { Money(pence: valuePence) }
    public var themeList: [String] { themes.split(separator: "\n").map(String.init) }
    public var outcomeList: [String] { outcomesSought.split(separator: "\n").map(String.init) }

    public var screening: JSONValue { (try? JSONReader.parse(screeningJSON)) ?? .null }

    var auditFields: [String: String?] {
        [
            "title": title, "description": description, "kind": kind.rawValue, "value": String(valuePence),
            "details": detailsJSON,
            "status": status, "cancelReason": cancelReason, "startedOn": startedOn, "actApplies": String(actApplies),
            "considerationRequired": String(considerationRequired), "consideration": considerationJSON,
            "considerationSignedBy": considerationSignedBy, "inPipeline": String(inPipeline),
            "pipelinePublishedOn": pipelinePublishedOn,
        ]
    }
}

/// A comment from an invited organisation on the outcomes and measures (principle 3.6),
/// optionally tied to an engagement event or a consultation.
public final class ProcurementCommentModel: Model, @unchecked Sendable {
    public static let schema = "procurement_comments"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "procurement_id") public var procurement: ProcurementModel
    @OptionalParent(key: "organisation_id") public var organisation: OrganisationModel?
    @Field(key: "author") public var author: String
    @Field(key: "comment") public var comment: String
    @OptionalField(key: "event_id") public var eventID: UUID?
    @OptionalField(key: "consultation_id") public var consultationID: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}

/// A market engagement event: meet the buyer, supplier day or online session.
public final class EngagementEventModel: Model, @unchecked Sendable {
    public static let schema = "engagement_events"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "procurement_id") public var procurement: ProcurementModel
    @Field(key: "kind") public var kind: ProcurementStore.EventKind
    @Field(key: "title") public var title: String
    @Field(key: "held_on") public var heldOn: String
    @Field(key: "place") public var place: String
    @Field(key: "capacity") public var capacity: Int
    @OptionalField(key: "notes") public var notes: String?
    @Field(key: "notes_published") public var notesPublished: Bool
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}

/// A supplier member's place at an event; one per person per event.
public final class EventRegistrationModel: Model, @unchecked Sendable {
    public static let schema = "event_registrations"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "event_id") public var event: EngagementEventModel
    @Parent(key: "user_id") public var user: UserModel
    @OptionalParent(key: "organisation_id") public var organisation: OrganisationModel?
    @Field(key: "attended") public var attended: Bool
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}
