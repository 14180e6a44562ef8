import Fluent
import Foundation
import SocialValue

/// The versions of the owners' responses to comments: the first as given, then each amendment
/// with its reason and author (frameworks.md, "Responses to comments").
extension FrameworkStore {
    /// The versions of every response on a version's comments, version 1 first, by comment, for
    /// whoever may see the comments.
    public func responseVersions(on versionID: UUID, viewer: Viewer?) async throws
        -> [UUID: [CommentResponseVersionModel]]
    {
        let ids = try await comments(on: versionID, viewer: viewer).compactMap(\.id)
        guard !ids.isEmpty else { return [:] }
        let rows = try await CommentResponseVersionModel.versions(on: db) { $0.filter(\.$comment.$id ~~ ids) }
        return Dictionary(grouping: rows, by: { $0.$comment.id })
    }

    static func addResponseVersion(
        _ commentID: UUID, _ number: Int, _ response: String, reason: String?, by actor: Actor, at now: Date,
        on tx: Database
    ) async throws {
        let v = CommentResponseVersionModel()
        v.$comment.id = commentID
        v.response = response
        v.stamp(number, reason: reason, by: actor, at: now)
        try await v.create(on: tx)
    }

    /// Amends a response already given: the owners only (`FrameworkOperation.amendCommentResponse`),
    /// with a reason and a different text; written as the next version, and the comment shows it.
    /// Earlier versions are not changed. 409 when the comment has no response yet. Returns the
    /// comment's framework version.
    @discardableResult
    public func amendResponse(
        to commentID: UUID, _ input: CommentResponseAmendmentInput, viewer: Viewer, by actor: Actor,
        now: Date = Date()
    ) async throws -> UUID {
        let comment = try await ownedItem(FrameworkCommentModel.self, commentID, viewer: viewer, name: "The comment") {
            $0.$version.id
        }
        try await db.write { tx in
            let c = try await FrameworkCommentModel.require(commentID, on: tx, "The comment")
            guard let current = c.response else {
                throw StorageError.conflict(
                    FieldError("response", "This comment has no response to amend yet: respond to it first"))
            }
            let last = try await CommentResponseVersionModel.latest(on: tx) {
                $0.filter(\.$comment.$id == commentID)
            }
            let currentVersion = last?.version ?? 1
            let checked = try CommentResponse.validate(
                amendment: input, current: current, currentVersion: currentVersion)
            try await Self.addResponseVersion(
                commentID, currentVersion + 1, checked.response, reason: checked.reason, by: actor, at: now, on: tx)
            c.response = checked.response
            c.respondedBy = actor.label
            c.respondedAt = now
            try await c.update(on: tx)
            try await AuditLog.record(
                "response-amended", "framework-comment", id: commentID.uuidString,
                changes: [
                    "response": FieldChange(from: current, to: checked.response),
                    "version": FieldChange(from: String(currentVersion), to: String(currentVersion + 1)),
                    "reason": FieldChange(from: nil, to: checked.reason),
                ], by: actor, on: tx)
        }
        return comment.$version.id
    }
}
