import Fluent
import Foundation
import SocialValue

/// An amendment of a procurement's signed-off consideration: a new version (2, 3, …) beside the
/// original, which stays in the procurement's columns as version 1 and is never changed.
public final class ConsiderationAmendmentModel: Model, @unchecked Sendable {
    public static let schema = "consideration_amendments"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "procurement_id") public var procurement: ProcurementModel
    /// 2 for the first amendment; the original is version 1.
    @Field(key: "version") public var version: Int
    /// The whole consideration as amended (`Consideration` as JSON).
    @Field(key: "consideration") public var considerationJSON: String
    @Field(key: "reason") public var reason: String
    /// The commissioner who signed the amendment off, by name, the instant and the UK day.
    @Field(key: "signed_by") public var signedBy: String
    @Field(key: "signed_at") public var signedAt: Date
    @Field(key: "signed_on") public var signedOn: String
    /// Who made it, as the audit trail names them.
    @OptionalField(key: "author_id") public var authorID: UUID?
    @Field(key: "author") public var author: String
    /// The social value weight of the procurement's published tender when the amendment was made
    /// (frozen there, so not changed by it); nil when no tender had been published.
    @OptionalField(key: "tender_weighting_percent") public var tenderWeightingPercent: Int?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public var consideration: Consideration? {
        try? JSONDecoder().decode(Consideration.self, from: Data(considerationJSON.utf8))
    }
    public var signedDay: CalendarDate? { CalendarDate(iso: signedOn) }

    /// The note that the tender keeps its frozen weighting, when this amendment's differs.
    public var frozenWeightingNote: String? {
        consideration.flatMap {
            Procurement.frozenWeightingNote(
                amendedWeighting: $0.weightingPercent, tenderWeighting: tenderWeightingPercent)
        }
    }

    var auditFields: [String: String?] {
        [
            "version": String(version), "consideration": considerationJSON, "reason": reason, "signedBy": signedBy,
            "signedOn": signedOn, "tenderWeightingPercent": tenderWeightingPercent.map(String.init),
        ]
    }
}
