import Fluent
import Foundation
import SQLKit

/// The versions of what a Compact's signatories sign, and the version each signature is for
/// (compact.md, "Amending a signed Compact"). Every Compact that has been signed gets version 1,
/// its text and principles as they read now, made at the migration by "Not recorded" (the
/// register did not keep who wrote it), and every existing signature is for version 1. Written
/// against table and column names, not the models, so later model changes cannot alter it.
struct CreateCompactVersions: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("compact_versions")
            .id()
            .field("compact_id", .uuid, .required, .references("compacts", "id", onDelete: .cascade))
            .field("version", .int, .required)
            .field("text", .string, .required)
            .field("principles", .string, .required)
            .field("label", .string, .required)
            .field("reason", .string)
            .field("author_id", .uuid)
            .field("author", .string, .required)
            .field("at", .datetime, .required)
            .unique(on: "compact_id", "version")
            .create()
        try await db.schema("compact_signatories").field("signed_version", .int).update()
        guard let sql = db as? SQLDatabase else { return }
        struct Signed: Decodable {
            let id: UUID
            let text: String
            let version: String
        }
        struct Principle: Decodable {
            let code: String
            let title: String
            let text: String
            let productRule: String
            enum CodingKeys: String, CodingKey {
                case code, title, text
                case productRule = "product_rule"
            }
        }
        /// The shape of `CompactPrinciple` as JSON, spelled out here so the migration does not change with it.
        struct PrincipleJSON: Encodable {
            let code: String
            let title: String
            let text: String
            let productRule: String
        }
        let compacts = try await sql.select().columns("id", "text", "version").from("compacts")
            .all(decoding: Signed.self)
        let now = Date()
        for c in compacts {
            let signatories = try await sql.select().column("id").from("compact_signatories")
                .where("compact_id", .equal, SQLBind(c.id)).all()
            guard !signatories.isEmpty else { continue }
            let principles = try await sql.select().columns("code", "title", "text", "product_rule")
                .from("compact_principles").where("compact_id", .equal, SQLBind(c.id)).orderBy("ordinal")
                .all(decoding: Principle.self)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let json = String(
                decoding: try encoder.encode(
                    principles.map {
                        PrincipleJSON(code: $0.code, title: $0.title, text: $0.text, productRule: $0.productRule)
                    }), as: UTF8.self)
            try await sql.insert(into: "compact_versions")
                .columns("id", "compact_id", "version", "text", "principles", "label", "author", "at")
                .values(
                    SQLBind(UUID()), SQLBind(c.id), SQLBind(1), SQLBind(c.text), SQLBind(json), SQLBind(c.version),
                    SQLBind("Not recorded"), SQLBind(now)
                )
                .run()
            try await sql.update("compact_signatories").set("signed_version", to: SQLBind(1))
                .where("compact_id", .equal, SQLBind(c.id)).run()
        }
    }

    func revert(on db: Database) async throws {
        try await db.schema("compact_signatories").deleteField("signed_version").update()
        try await db.schema("compact_versions").delete()
    }
}
