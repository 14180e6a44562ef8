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
            let consultationID: UUID
            let youSaid: String
            let weDid: String
            let links: String
            let publishedAt: Date
            enum CodingKeys: String, CodingKey {
                case id, links
                case consultationID = "consultation_id"
                case youSaid = "you_said"
                case weDid = "we_did"
                case publishedAt = "published_at"
            }
        }
        struct Publisher: Decodable {
            let actor: String
            let actorUserID: UUID?
            enum CodingKeys: String, CodingKey {
                case actor
                case actorUserID = "actor_user_id"
            }
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
                    SQLBind(UUID()), SQLBind(row.consultationID), SQLBind(1), SQLBind(row.youSaid),
                    SQLBind(row.weDid), SQLBind(row.links), SQLBind(publisher?.actorUserID),
                    SQLBind(publisher?.actor ?? "Not recorded"), SQLBind(row.publishedAt)
                )
                .run()
        }
    }

    func revert(on db: Database) async throws {
        try await db.schema("consultation_outcome_versions").delete()
    }
}
