import Fluent
import Foundation
import SocialValue

/// One version of a published "you said, we did" summary: version 1 is the summary as published,
/// 2, 3, … its amendments, each with its reason. The summary in force is the latest version (the
/// `consultation_outcomes` row mirrors it); earlier versions are never changed.
public final class ConsultationOutcomeVersionModel: Model, VersionStamp, @unchecked Sendable {
    public static let schema = "consultation_outcome_versions"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "consultation_id") public var consultation: ConsultationModel
    @Field(key: "version") public var version: Int
    @Field(key: "you_said") public var youSaid: String
    @Field(key: "we_did") public var weDid: String
    /// JSON array of `OutcomeLink`.
    @Field(key: "links") public var linksJSON: String
    /// Why it was amended; nil for version 1, the summary as first published.
    @OptionalField(key: "reason") public var reason: String?
    /// Who published or amended it, as the audit trail names them, and when.
    @OptionalField(key: "author_id") public var authorID: UUID?
    @Field(key: "author") public var author: String
    @Field(key: "at") public var at: Date

    public init() {}

    public var outcome: Outcome {
        let links = (try? JSONDecoder().decode([OutcomeLink].self, from: Data(linksJSON.utf8))) ?? []
        return Outcome(youSaid: youSaid, weDid: weDid, links: links)
    }

    var auditFields: [String: String?] {
        ["version": String(version), "youSaid": youSaid, "weDid": weDid, "links": linksJSON, "reason": reason]
    }
}
