import Fluent

struct CreateCompacts: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema(CompactModel.schema)
            .id()
            .field("name", .string, .required)
            .field("area", .string, .required)
            .field("text", .string, .required)
            .field("version", .string, .required)
            .field("adopted_on", .string, .required)
            .field("next_review_on", .string, .required)
            .field("min_consultation_days", .int, .required)
            .field("min_notice_months", .int, .required)
            .field("consider_all_procurements", .bool, .required)
            .field("value_bands", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "name")
            .create()
        let compactRef = DatabaseSchema.FieldConstraint.references(CompactModel.schema, "id", onDelete: .cascade)
        try await db.schema(CompactSignatoryModel.schema)
            .id()
            .field("compact_id", .uuid, .required, compactRef)
            .field(
                "organisation_id", .uuid, .required, .references(OrganisationModel.schema, "id", onDelete: .restrict)
            )
            .field("signed_on", .string, .required)
            .unique(on: "compact_id", "organisation_id")
            .create()
        try await db.schema(CompactGroupSeatModel.schema)
            .id()
            .field("compact_id", .uuid, .required, compactRef)
            .field("user_id", .uuid, .required, .references(UserModel.schema, "id", onDelete: .cascade))
            .field(
                "organisation_id", .uuid, .required, .references(OrganisationModel.schema, "id", onDelete: .restrict)
            )
            .field("position", .string, .required)
            .unique(on: "compact_id", "user_id")
            .create()
        try await db.schema(CompactPrincipleModel.schema)
            .id()
            .field("compact_id", .uuid, .required, compactRef)
            .field("ordinal", .int, .required)
            .field("code", .string, .required)
            .field("title", .string, .required)
            .field("text", .string, .required)
            .field("product_rule", .string, .required)
            .unique(on: "compact_id", "code")
            .create()
        try await db.schema(CompactReviewModel.schema)
            .id()
            .field("compact_id", .uuid, .required, compactRef)
            .field("reviewed_on", .string, .required)
            .field("version_before", .string, .required)
            .field("version_after", .string, .required)
            .field("summary", .string, .required)
            .field("next_review_on", .string, .required)
            .field("recorded_by", .string, .required)
            .create()
    }

    func revert(on db: Database) async throws {
        for schema in [
            CompactReviewModel.schema, CompactPrincipleModel.schema, CompactGroupSeatModel.schema,
            CompactSignatoryModel.schema, CompactModel.schema,
        ] {
            try await db.schema(schema).delete()
        }
    }
}
