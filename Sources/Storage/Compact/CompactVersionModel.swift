import Fluent
import Foundation
import SocialValue

/// One version of what a Compact's signatories sign: its text and principles. Version 1 is the
/// Compact as it stood when the first organisation signed; 2, 3, … are amendments, each with its
/// reason. The Compact's `text` and its `compact_principles` rows mirror the latest version;
/// earlier versions are never changed (compact.md, "Amending a signed Compact").
public final class CompactVersionModel: Model, VersionStamp, @unchecked Sendable {
    public static let schema = "compact_versions"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "compact_id") public var compact: CompactModel
    @Field(key: "version") public var version: Int
    @Field(key: "text") public var text: String
    /// JSON array of `CompactPrinciple`, in order.
    @Field(key: "principles") public var principlesJSON: String
    /// The Compact's version label (like "3.0") when this version was made, for the reader.
    @Field(key: "label") public var label: String
    /// Why it was amended; nil for version 1.
    @OptionalField(key: "reason") public var reason: String?
    @OptionalField(key: "author_id") public var authorID: UUID?
    @Field(key: "author") public var author: String
    @Field(key: "at") public var at: Date

    public init() {}

    public var principles: [CompactPrinciple] {
        (try? JSONDecoder().decode([CompactPrinciple].self, from: Data(principlesJSON.utf8))) ?? []
    }

    public var content: CompactContent { CompactContent(text: text, principles: principles) }
}
