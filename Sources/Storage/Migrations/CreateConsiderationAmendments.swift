import Fluent

/// Amendments of a procurement's signed-off consideration: version 2 onwards, each with its
/// reason and author. The original (version 1) stays in the procurement's `consideration…`
/// columns and is never changed (procurements.md, "Amending the consideration").
struct CreateConsiderationAmendments: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema(ConsiderationAmendmentModel.schema)
            .id()
            .field(
                "procurement_id", .uuid, .required, .references(ProcurementModel.schema, "id", onDelete: .cascade)
            )
            .field("version", .int, .required)
            .field("consideration", .string, .required)
            .field("reason", .string, .required)
            .field("signed_by", .string, .required)
            .field("signed_at", .datetime, .required)
            .field("signed_on", .string, .required)
            .field("author_id", .uuid)
            .field("author", .string, .required)
            .field("tender_weighting_percent", .int)
            .field("created_at", .datetime)
            .unique(on: "procurement_id", "version")
            .create()
    }

    func revert(on db: Database) async throws {
        try await db.schema(ConsiderationAmendmentModel.schema).delete()
    }
}
