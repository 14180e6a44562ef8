import Fluent

/// Decommissioning cases and their early discussions (Compact principle 4.x).
struct CreateDecommissioning: AsyncMigration {
    func prepare(on db: Database) async throws {
        let org = { DatabaseSchema.FieldConstraint.references(OrganisationModel.schema, "id", onDelete: .restrict) }
        try await db.schema(DecommissioningCaseModel.schema)
            .id()
            .field("owner_id", .uuid, .required, org())
            .field("provider_id", .uuid, .required, org())
            .field("contract_id", .uuid, .references(ContractModel.schema, "id", onDelete: .restrict))
            .field("compact_id", .uuid, .references(CompactModel.schema, "id", onDelete: .setNull))
            .field("minimum_notice_months", .int, .required)
            .field("service_name", .string, .required)
            .field("service_description", .string, .required)
            .field("change", .string, .required)
            .field("current_funding_pence", .int64)
            .field("proposed_funding_pence", .int64)
            .field("rationale", .string, .required)
            .field("impact_beneficiaries", .string)
            .field("impact_service_users", .string)
            .field("impact_volunteers", .string)
            .field("wider_impact", .string)
            .field("mitigation", .string)
            .field("shared_at", .datetime)
            .field("shared_by", .string)
            .field("response_text", .string)
            .field("response_received_on", .string)
            .field("response_how", .string)
            .field("response_by", .string)
            .field("decision", .string)
            .field("decision_rationale", .string)
            .field("notice_given_on", .string)
            .field("effective_on", .string)
            .field("earliest_end_on", .string)
            .field("exceptional_reason", .string)
            .field("notice_check", .string)
            .field("days_short", .int)
            .field("decided_at", .datetime)
            .field("decided_by", .string)
            .field("status", .string, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await db.schema(DecommissioningDiscussionModel.schema)
            .id()
            .field("case_id", .uuid, .required, .references(DecommissioningCaseModel.schema, "id", onDelete: .cascade))
            .field("held_on", .string, .required)
            .field("notes", .string, .required)
            .field("recorded_by", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await createIndexes(
            [
                ("decommissioning_cases_owner_idx", DecommissioningCaseModel.schema, "owner_id"),
                ("decommissioning_cases_provider_idx", DecommissioningCaseModel.schema, "provider_id"),
                ("decommissioning_discussions_case_idx", DecommissioningDiscussionModel.schema, "case_id"),
            ], on: db)
    }

    func revert(on db: Database) async throws {
        try await db.schema(DecommissioningDiscussionModel.schema).delete()
        try await db.schema(DecommissioningCaseModel.schema).delete()
    }
}
