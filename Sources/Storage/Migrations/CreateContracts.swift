import Fluent

/// Contracts awarded from tenders and the social value commitments they carry.
struct CreateContracts: AsyncMigration {
    func prepare(on db: Database) async throws {
        let org = { DatabaseSchema.FieldConstraint.references(OrganisationModel.schema, "id", onDelete: .restrict) }
        try await db.schema(ContractModel.schema)
            .id()
            .field("tender_id", .uuid, .required, .references(TenderModel.schema, "id", onDelete: .restrict))
            .field("procurement_id", .uuid, .required, .references(ProcurementModel.schema, "id", onDelete: .restrict))
            .field("bid_id", .uuid, .required, .references(BidModel.schema, "id", onDelete: .restrict))
            .field("buyer_id", .uuid, .required, org())
            .field("supplier_id", .uuid, .required, org())
            .field("title", .string, .required)
            .field("value_pence", .int64, .required)
            .field("starts_on", .string, .required)
            .field("ends_on", .string, .required)
            .field("awarded_on", .string, .required)
            .field("standstill_ends_on", .string, .required)
            .field("award_reason", .string)
            .field("monitoring_plan", .string, .required)
            .field("reporting_frequency", .string, .required)
            .field("awarded_by", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "tender_id")
            .create()
        try await db.schema(ContractCommitmentModel.schema)
            .id()
            .field("contract_id", .uuid, .required, .references(ContractModel.schema, "id", onDelete: .cascade))
            .field("measure_code", .string, .required)
            .field("name", .string, .required)
            .field("unit", .string, .required)
            .field("quantity", .string, .required)
            .field("proxy", .string, .required)
            .field("monetised", .string, .required)
            .create()
    }

    func revert(on db: Database) async throws {
        try await db.schema(ContractCommitmentModel.schema).delete()
        try await db.schema(ContractModel.schema).delete()
    }
}
