import Fluent

/// The public summaries of decided decommissioning cases (issue 16; decommissioning.md, "The
/// public record"): each a snapshot written once, version 1, 2, … beside each other. Written
/// against table and column names, not the model, so later model changes cannot alter it.
struct CreateDecommissioningPublications: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("decommissioning_publications")
            .id()
            .field(
                "case_id", .uuid, .required, .references("decommissioning_cases", "id", onDelete: .cascade)
            )
            .field("version", .int, .required)
            .field("service_name", .string, .required)
            .field("provider_name", .string, .required)
            .field("public_body_id", .uuid, .required)
            .field("public_body_name", .string, .required)
            .field("decision", .string, .required)
            .field("current_funding_pence", .int64)
            .field("proposed_funding_pence", .int64)
            .field("rationale", .string, .required)
            .field("impacts_assessed", .bool, .required)
            .field("response_considered", .bool, .required)
            .field("notice_given_on", .string)
            .field("effective_on", .string)
            .field("earliest_end_on", .string)
            .field("minimum_notice_months", .int, .required)
            .field("notice_check", .string)
            .field("days_short", .int)
            .field("exceptional_reason", .string)
            .field("decided_on", .string)
            .field("published_at", .datetime, .required)
            .field("published_by", .uuid)
            .field("reason", .string)
            .unique(on: "case_id", "version")
            .create()
    }

    func revert(on db: Database) async throws {
        try await db.schema("decommissioning_publications").delete()
    }
}
