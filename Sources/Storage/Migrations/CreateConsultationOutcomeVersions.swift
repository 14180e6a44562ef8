import Fluent
import Foundation
import SQLKit

/// The versions of a published "you said, we did" summary (consultations.md, "Amending a
/// published summary"). Every summary already published becomes version 1, as it reads now, by
/// whoever published it (from the audit trail) on the day it was published. Written against
/// table and column names, not the models, so later model changes cannot alter it.
struct CreateConsultationOutcomeVersions: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("consultation_outcome_versions")
            .id()
            .field("consultation_id", .uuid, .required, .references("consultations", "id", onDelete: .cascade))
            .field("version", .int, .required)
            .field("you_said", .string, .required)
            .field("we_did", .string, .required)
            .field("links", .string, .required)
            .field("reason", .string)
            .field("author_id", .uuid)
            .field("author", .string, .required)
            .field("at", .datetime, .required)
            .unique(on: "consultation_id", "version")
            .create()
        guard let sql = db as? SQLDatabase else { return }
        struct Published: Decodable {
            let id: UUID
            let consultation_id: UUID
            let you_said: String
            let we_did: String
            let links: String
            let published_at: Date
        }
        struct Publisher: Decodable {
            let actor: String
            let actor_user_id: UUID?
        }
        let rows = try await sql.select()
            .columns("id", "consultation_id", "you_said", "we_did", "links", "published_at")
            .from("consultation_outcomes").where(SQLColumn("published_at"), .isNot, SQLLiteral.null)
            .all(decoding: Published.self)
        for row in rows {
            let publisher = try await sql.select().columns("actor", "actor_user_id").from("audit_events")
                .where("record_type", .equal, "consultation-outcome").where("record_id", .equal, row.id.uuidString)
                .where("action", .equal, "published").orderBy("sequence").first(decoding: Publisher.self)
            try await sql.insert(into: "consultation_outcome_versions")
                .columns("id", "consultation_id", "version", "you_said", "we_did", "links", "author_id", "author", "at")
                .values(
                    SQLBind(UUID()), SQLBind(row.consultation_id), SQLBind(1), SQLBind(row.you_said),
                    SQLBind(row.we_did), SQLBind(row.links), SQLBind(publisher?.actor_user_id),
                    SQLBind(publisher?.actor ?? "Not recorded"), SQLBind(row.published_at)
                )
                .run()
        }
    }

    func revert(on db: Database) async throws {
        try await db.schema("consultation_outcome_versions").delete()
    }
}
