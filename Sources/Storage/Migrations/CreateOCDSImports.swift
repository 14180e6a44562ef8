import Fluent

/// Tables of data imported from OCDS (`commonweal import ocds`, docs/ocds.md), apart from our own
/// procurements, tenders and contracts.
struct CreateOCDSImports: AsyncMigration {
    func prepare(on db: Database) async throws {
        let org = { DatabaseSchema.FieldConstraint.references(OrganisationModel.schema, "id", onDelete: .restrict) }
        try await db.schema(OCDSProcurementModel.schema)
            .id()
            .field("ocid", .string, .required)
            .field("record_hash", .string, .required)
            .field("source", .string, .required)
            .field("buyer_id", .uuid, org())
            .field("title", .string, .required)
            .field("description", .string)
            .field("status", .string)
            .field("value_amount", .string)
            .field("currency", .string)
            .field("tender_ref", .string)
            .field("tender_status", .string)
            .field("procurement_method", .string)
            .field("award_criteria", .string)
            .field("award_criteria_details", .string)
            .field("criteria", .string, .required)
            .field("tender_ends", .string)
            .field("starts", .string)
            .field("ends", .string)
            .field("release_date", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "ocid")
            .create()
        try await db.schema(OCDSAwardModel.schema)
            .id()
            .field(
                "procurement_id", .uuid, .required,
                .references(OCDSProcurementModel.schema, "id", onDelete: .cascade)
            )
            .field("award_ref", .string, .required)
            .field("title", .string)
            .field("status", .string)
            .field("awarded", .string)
            .field("value_amount", .string)
            .field("currency", .string)
            .field("starts", .string)
            .field("ends", .string)
            .field("related_lots", .string, .required)
            .create()
        try await db.schema(OCDSAwardSupplierModel.schema)
            .id()
            .field("award_id", .uuid, .required, .references(OCDSAwardModel.schema, "id", onDelete: .cascade))
            .field("organisation_id", .uuid, .required, org())
            .unique(on: "award_id", "organisation_id")
            .create()
        try await db.schema(OCDSContractModel.schema)
            .id()
            .field(
                "procurement_id", .uuid, .required,
                .references(OCDSProcurementModel.schema, "id", onDelete: .cascade)
            )
            .field("contract_ref", .string, .required)
            .field("award_ref", .string)
            .field("supplier_id", .uuid, org())
            .field("title", .string)
            .field("status", .string)
            .field("value_amount", .string)
            .field("currency", .string)
            .field("starts", .string)
            .field("ends", .string)
            .field("signed", .string)
            .create()
        try await db.schema(OCDSOrganisationIdentifierModel.schema)
            .id()
            .field("scheme", .string, .required)
            .field("identifier", .string, .required)
            .field("organisation_id", .uuid, .required, org())
            .unique(on: "scheme", "identifier")
            .create()
        try await createIndexes(
            [
                ("ocds_awards_procurement", OCDSAwardModel.schema, "procurement_id"),
                ("ocds_award_suppliers_organisation", OCDSAwardSupplierModel.schema, "organisation_id"),
                ("ocds_contracts_procurement", OCDSContractModel.schema, "procurement_id"),
                ("ocds_contracts_supplier", OCDSContractModel.schema, "supplier_id"),
                ("ocds_procurements_buyer", OCDSProcurementModel.schema, "buyer_id"),
                ("ocds_identifiers_organisation", OCDSOrganisationIdentifierModel.schema, "organisation_id"),
            ], on: db)
    }

    func revert(on db: Database) async throws {
        for schema in [
            OCDSOrganisationIdentifierModel.schema, OCDSContractModel.schema, OCDSAwardSupplierModel.schema,
            OCDSAwardModel.schema, OCDSProcurementModel.schema,
        ] {
            try await db.schema(schema).delete()
        }
    }
}
