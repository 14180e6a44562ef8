import Fluent

/// Monitoring returns against a contract's commitments, their lines and their evidence.
struct CreateMonitoring: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema(MonitoringReturnModel.schema)
            .id()
            .field("contract_id", .uuid, .required, .references(ContractModel.schema, "id", onDelete: .cascade))
            .field("period_number", .int, .required)
            .field("period_starts_on", .string, .required)
            .field("period_ends_on", .string, .required)
            .field("due_on", .string, .required)
            .field("status", .string, .required)
            .field("narrative", .string, .required)
            .field("submitted_at", .datetime)
            .field("submitted_by", .string)
            .field("decided_at", .datetime)
            .field("decided_by", .string)
            .field("reason", .string)
            .field("created_at", .datetime)
            .unique(on: "contract_id", "period_number")
            .create()
        let returnRef = DatabaseSchema.FieldConstraint.references(
            MonitoringReturnModel.schema, "id", onDelete: .cascade)
        try await db.schema(MonitoringReturnLineModel.schema)
            .id()
            .field("return_id", .uuid, .required, returnRef)
            .field(
                "commitment_id", .uuid, .required, .references(ContractCommitmentModel.schema, "id", onDelete: .cascade)
            )
            .field("claimed_quantity", .string)
            .field("note", .string)
            .field("verified_quantity", .string)
            .field("verification_note", .string)
            .unique(on: "return_id", "commitment_id")
            .create()
        try await db.schema(MonitoringEvidenceModel.schema)
            .id()
            .field("return_id", .uuid, .required, returnRef)
            .storedFileFields()
            .create()
        try await createIndexes(
            [
                ("monitoring_returns_status", MonitoringReturnModel.schema, "status"),
                ("monitoring_return_lines_return", MonitoringReturnLineModel.schema, "return_id"),
                ("monitoring_evidence_return", MonitoringEvidenceModel.schema, "return_id"),
            ], on: db)
    }

    func revert(on db: Database) async throws {
        for schema in [MonitoringEvidenceModel.schema, MonitoringReturnLineModel.schema, MonitoringReturnModel.schema] {
            try await db.schema(schema).delete()
        }
    }
}
