import Fluent
import Foundation

/// One version of the owners' response to a framework comment: 1 as first given, then each
/// amendment with its reason. The comment's `response`, `responded_by` and `responded_at` mirror
/// the latest; earlier versions are never changed.
public final class CommentResponseVersionModel: Model, VersionStamp, @unchecked Sendable {
    public static let schema = "framework_comment_response_versions"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "comment_id") public var comment: FrameworkCommentModel
    @Field(key: "version") public var version: Int
    @Field(key: "response") public var response: String
    /// Why it was amended; nil for version 1.
    @OptionalField(key: "reason") public var reason: String?
    @OptionalField(key: "author_id") public var authorID: UUID?
    @Field(key: "author") public var author: String
    @Field(key: "at") public var at: Date

    public init() {}
}
