import Fluent
import Foundation
import SQLKit

/// The versions of what the bodies signed up to a Compact's joint strategy signed up to, and the
/// version each sign-up is for (frameworks.md, "Amending a signed-up strategy"). Every strategy a
/// body has signed up to gets version 1, its fields and priorities as they read now, made at the
/// migration by "Not recorded" (the register did not keep who wrote it), and every existing
/// sign-up is for version 1. Written against table and column names, not the models, so later
/// model changes cannot alter it.
struct CreateStrategyVersions: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("strategy_versions")
            .id()
            .field("strategy_id", .uuid, .required, .references("strategies", "id", onDelete: .cascade))
            .field("version", .int, .required)
            .field("title", .string, .required)
            .field("summary", .string, .required)
            .field("framework_version_id", .uuid, .required)
            .field("starts_on", .string, .required)
            .field("ends_on", .string, .required)
            .field("priorities", .string, .required)
            .field("reason", .string)
            .field("author_id", .uuid)
            .field("author", .string, .required)
            .field("at", .datetime, .required)
            .unique(on: "strategy_id", "version")
            .create()
        try await db.schema("strategy_signups").field("signed_version", .int).update()
        guard let sql = db as? SQLDatabase else { return }
        struct Strategy: Decodable {
            let id: UUID
            let title: String
            let summary: String
            let versionID: UUID
            let startsOn: String
            let endsOn: String
            enum CodingKeys: String, CodingKey {
                case id, title, summary
                case versionID = "version_id"
                case startsOn = "starts_on"
                case endsOn = "ends_on"
            }
        }
        struct Priority: Decodable {
            let outcomeID: UUID
            let target: String
            let period: String
            enum CodingKeys: String, CodingKey {
                case outcomeID = "outcome_id"
                case target, period
            }
        }
        struct Outcome: Decodable { let name: String }
        /// The shape of a version's priority as JSON, spelled out here so the migration does not change with it.
        struct PriorityJSON: Encodable {
            let outcomeId: UUID
            let outcome: String
            let target: String
            let period: String
        }
        let strategies = try await sql.select().columns("id", "title", "summary", "version_id", "starts_on", "ends_on")
            .from("strategies").all(decoding: Strategy.self)
        let now = Date()
        for s in strategies {
            let signups = try await sql.select().column("id").from("strategy_signups")
                .where("strategy_id", .equal, SQLBind(s.id)).all()
            guard !signups.isEmpty else { continue }
            let ranked = try await sql.select().columns("outcome_id", "target", "period").from("strategy_priorities")
                .where("strategy_id", .equal, SQLBind(s.id)).orderBy("rank").all(decoding: Priority.self)
            var priorities: [PriorityJSON] = []
            for p in ranked {
                let outcome = try await sql.select().column("name").from("framework_outcomes")
                    .where("id", .equal, SQLBind(p.outcomeID)).first(decoding: Outcome.self)
                priorities.append(
                    PriorityJSON(
                        outcomeId: p.outcomeID, outcome: outcome?.name ?? "", target: p.target, period: p.period))
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let json = String(
                decoding: try encoder.encode(priorities), as: UTF8.self)
            try await sql.insert(into: "strategy_versions")
                .columns(
                    "id", "strategy_id", "version", "title", "summary", "framework_version_id", "starts_on", "ends_on",
                    "priorities", "author", "at"
                )
                .values(
                    SQLBind(UUID()), SQLBind(s.id), SQLBind(1), SQLBind(s.title), SQLBind(s.summary),
                    SQLBind(s.versionID), SQLBind(s.startsOn), SQLBind(s.endsOn), SQLBind(json),
                    SQLBind("Not recorded"), SQLBind(now)
                )
                .run()
            try await sql.update("strategy_signups").set("signed_version", to: SQLBind(1))
                .where("strategy_id", .equal, SQLBind(s.id)).run()
        }
    }

    func revert(on db: Database) async throws {
        try await db.schema("strategy_signups").deleteField("signed_version").update()
        try await db.schema("strategy_versions").delete()
    }
}
