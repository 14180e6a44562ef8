import Fluent
import Foundation
import SQLKit
import SocialValue

/// Each value set records its licence: name, web address, and whether it permits redistribution
/// and commercial use (issue 15, "Proxy licences matter"). A set imported before this records
/// the terms its rows' licence column implies (`ProxyLicence.implied(byRows:)`): Open Government
/// Licence rows give the OGL, which permits both; any licence it cannot read gives "Not
/// recorded", which permits neither, so no value of such a set is published until its owner
/// records the terms. Written against table and column names, not the models.
struct RecordValueSetLicences: AsyncMigration {
    func prepare(on db: Database) async throws {
        // One column a statement: SQLite adds one column per ALTER TABLE.
        for (column, type) in [
            ("licence_name", DatabaseSchema.DataType.string), ("licence_url", .string),
            ("permits_redistribution", .bool), ("permits_commercial_use", .bool),
        ] {
            try await db.schema("value_sets").field(.string(column), type).update()
        }
        guard let sql = db as? SQLDatabase else { return }
        try await Self.fill(sql)
    }

    /// Each stored set's licence: the terms its rows imply.
    static func fill(_ sql: SQLDatabase) async throws {
        struct SetRow: Decodable { let id: UUID }
        struct EntryRow: Decodable {
            let valueSetID: UUID
            let licence: String
            enum CodingKeys: String, CodingKey {
                case valueSetID = "value_set_id"
                case licence
            }
        }
        let sets = try await sql.select().column("id").from("value_sets").all(decoding: SetRow.self)
        let entries = try await sql.select().column("value_set_id").column("licence").from("value_set_entries")
            .all(decoding: EntryRow.self)
        for set in sets {
            let l = ProxyLicence.implied(byRows: entries.filter { $0.valueSetID == set.id }.map(\.licence))
            try await sql.update("value_sets")
                .set("licence_name", to: l.name)
                .set("licence_url", to: l.url)
                .set("permits_redistribution", to: l.permitsRedistribution)
                .set("permits_commercial_use", to: l.permitsCommercialUse)
                .where("id", .equal, set.id)
                .run()
        }
    }

    func revert(on db: Database) async throws {
        for column in ["licence_name", "licence_url", "permits_redistribution", "permits_commercial_use"] {
            try await db.schema("value_sets").deleteField(.string(column)).update()
        }
    }
}
