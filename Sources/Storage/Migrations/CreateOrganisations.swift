import Fluent

struct CreateOrganisations: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema(OrganisationModel.schema)
            .id()
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("is_vcse", .bool, .required)
            .field("is_sme", .bool, .required)
            .field("charity_number", .string)
            .field("company_number", .string)
            .field("address_line1", .string, .required)
            .field("address_line2", .string)
            .field("town", .string, .required)
            .field("postcode", .string, .required)
            .field("area", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "name")
            .create()
    }

    func revert(on db: Database) async throws {
        try await db.schema(OrganisationModel.schema).delete()
    }
}
