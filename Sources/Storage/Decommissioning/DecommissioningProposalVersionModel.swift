import Fluent
import Foundation
import SocialValue

/// One version of a decommissioning proposal as the provider reads it: the proposal and its
/// impact assessment. Version 1 is the proposal as it stood when it was shared; 2, 3, … are
/// amendments, each with its reason. The case's own columns mirror the latest version; a version
/// row is written once and never changed (issue 13 §1; decommissioning.md, "Amending a shared
/// proposal").
public final class DecommissioningProposalVersionModel: Model, VersionStamp, @unchecked Sendable {
    public static let schema = "decommissioning_proposal_versions"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "case_id") public var decommissioningCase: DecommissioningCaseModel
    @Field(key: "version") public var version: Int
    /// `ProposalContent` as JSON (sorted keys).
    @Field(key: "content") public var contentJSON: String
    /// Why it was amended; nil for version 1, the proposal as shared.
    @OptionalField(key: "reason") public var reason: String?
    @OptionalField(key: "author_id") public var authorID: UUID?
    @Field(key: "author") public var author: String
    @Field(key: "at") public var at: Date

    public init() {}

    public var isAmendment: Bool { version > 1 }

    /// What the version says. A row the product cannot read is reported, not read as empty.
    public var content: ProposalContent {
        get throws { try JSONDecoder().decode(ProposalContent.self, from: Data(contentJSON.utf8)) }
    }
}
