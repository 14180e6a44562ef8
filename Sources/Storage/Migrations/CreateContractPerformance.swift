import Fluent

/// A contract's KPIs, its position on the KPI duty, KPI assessments with their ratings, and the
/// register of breaches and failures to perform (issue 14; docs/performance.md). Every row is
/// written once: a change is a new row.
struct CreateContractPerformance: AsyncMigration {
    func prepare(on db: Database) async throws {
        let contract = { DatabaseSchema.FieldConstraint.references(ContractModel.schema, "id", onDelete: .cascade) }
        try await db.schema(ContractKPIModel.schema)
            .id()
            .field("contract_id", .uuid, .required, contract())
            .field("position", .int, .required)
            .field("measure_code", .string)
            .field("name", .string, .required)
            .field("target", .string, .required)
            .field("unit", .string, .required)
            .field("frequency", .string, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "contract_id", "position")
            .create()
        try await db.schema(KPIPositionModel.schema)
            .id()
            .field("contract_id", .uuid, .required, contract())
            .field("number", .int, .required)
            .field("contract_kind", .string, .required)
            .field("not_appropriate_reason", .string)
            .field("recorded_by", .string, .required)
            .field("recorded_at", .datetime, .required)
            .field("amendment_reason", .string)
            .unique(on: "contract_id", "number")
            .create()
        try await db.schema(KPIAssessmentModel.schema)
            .id()
            .field("contract_id", .uuid, .required, contract())
            .field("series_id", .uuid, .required)
            .field("number", .int, .required)
            .field("due_key", .string, .required)
            .field("period_from", .string, .required)
            .field("period_to", .string, .required)
            .field("narrative", .string, .required)
            .field("recorded_by", .string, .required)
            .field("recorded_at", .datetime, .required)
            .field("amendment_reason", .string)
            .unique(on: "series_id", "number")
            .create()
        try await db.schema(KPIRatingModel.schema)
            .id()
            .field(
                "assessment_id", .uuid, .required, .references(KPIAssessmentModel.schema, "id", onDelete: .cascade)
            )
            .field("kpi_id", .uuid, .required, .references(ContractKPIModel.schema, "id", onDelete: .cascade))
            .field("rating", .string, .required)
            .field("explanation", .string)
            .unique(on: "assessment_id", "kpi_id")
            .create()
        try await db.schema(PerformanceFailureModel.schema)
            .id()
            .field("contract_id", .uuid, .required, contract())
            .field("kind", .string, .required)
            .field("requirement", .string, .required)
            .field("what_happened", .string, .required)
            .field("decided_on", .string, .required)
            .field("penalty_type", .string, .required)
            .field("penalty_pence", .int64)
            .field("recorded_by", .string, .required)
            .field("recorded_at", .datetime, .required)
            .create()
    }

    func revert(on db: Database) async throws {
        for schema in [
            PerformanceFailureModel.schema, KPIRatingModel.schema, KPIAssessmentModel.schema, KPIPositionModel.schema,
            ContractKPIModel.schema,
        ] {
            try await db.schema(schema).delete()
        }
    }
}
