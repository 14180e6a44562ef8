import Fluent
import SQLKit
import SocialValue

/// From here on the audit chain is keyed (HMAC-SHA256, `AuditKey`). Events already written keep
/// their plain SHA-256; `audit_chain_keying` records the first keyed sequence, sealed with the key
/// so that it cannot be moved to pass rewritten events off as old ones (docs/audit.md).
struct KeyAuditChain: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema(AuditLog.keyingTable)
            .field("keyed_from", .int, .required)
            .field("seal", .string, .required)
            .create()
        // Events written before this migration carry plain hashes; any written in the same batch
        // by newer code are keyed already. The keyed part begins at the first that is not plain.
        let events = try await AuditEventModel.query(on: db).sort(\.$sequence, .ascending).all()
        let firstKeyed = events.first { AuditLog.sha256Hex($0.content.canonicalText) != $0.hash }
        let keyedFrom = firstKeyed?.sequence ?? ((events.last?.sequence ?? 0) + 1)
        try await AuditLog.writeKeying(from: keyedFrom, on: db)
    }

    func revert(on db: Database) async throws {
        try await db.schema(AuditLog.keyingTable).delete()
    }
}
