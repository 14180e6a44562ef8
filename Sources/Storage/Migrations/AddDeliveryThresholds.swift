import Fluent
import SQLKit

/// A Compact's delivery settings (docs/delivery.md): the RAG thresholds (green from 90% of the
/// expected quantity, amber from 70%) and the at-risk tolerance (10%), existing Compacts getting
/// the defaults. One column per statement, as SQLite adds columns one at a time.
struct AddDeliveryThresholds: AsyncMigration {
    static let columns: [(String, Int)] = [
        ("rag_green_percent", 90), ("rag_amber_percent", 70), ("at_risk_tolerance_percent", 10),
    ]

    func prepare(on db: Database) async throws {
        for (name, value) in Self.columns {
            try await db.schema("compacts").field(.string(name), .int, .required, .sql(.default(value))).update()
        }
    }

    func revert(on db: Database) async throws {
        for (name, _) in Self.columns.reversed() {
            try await db.schema("compacts").deleteField(.string(name)).update()
        }
    }
}
