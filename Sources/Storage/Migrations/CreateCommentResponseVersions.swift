import Fluent
import Foundation
import SQLKit

/// The versions of the owners' responses to framework comments (frameworks.md, "Responses to
/// comments"). Every response already given becomes version 1, as it reads now, by whoever the
/// comment names as responding, at the time it records. Written against table and column names,
/// not the models, so later model changes cannot alter it.
struct CreateCommentResponseVersions: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("framework_comment_response_versions")
            .id()
            .field("comment_id", .uuid, .required, .references("framework_comments", "id", onDelete: .cascade))
            .field("version", .int, .required)
            .field("response", .string, .required)
            .field("reason", .string)
            .field("author_id", .uuid)
            .field("author", .string, .required)
            .field("at", .datetime, .required)
            .unique(on: "comment_id", "version")
            .create()
        guard let sql = db as? SQLDatabase else { return }
        struct Responded: Decodable {
            let id: UUID
            let response: String
            let respondedBy: String?
            let respondedAt: Date?
            let createdAt: Date
            enum CodingKeys: String, CodingKey {
                case id, response
                case respondedBy = "responded_by"
                case respondedAt = "responded_at"
                case createdAt = "created_at"
            }
        }
        let rows = try await sql.select()
            .columns("id", "response", "responded_by", "responded_at", "created_at")
            .from("framework_comments").where(SQLColumn("response"), .isNot, SQLLiteral.null)
            .all(decoding: Responded.self)
        for row in rows {
            try await sql.insert(into: "framework_comment_response_versions")
                .columns("id", "comment_id", "version", "response", "author", "at")
                .values(
                    SQLBind(UUID()), SQLBind(row.id), SQLBind(1), SQLBind(row.response),
                    SQLBind(row.respondedBy ?? "Not recorded"), SQLBind(row.respondedAt ?? row.createdAt)
                )
                .run()
        }
    }

    func revert(on db: Database) async throws {
        try await db.schema("framework_comment_response_versions").delete()
    }
}
