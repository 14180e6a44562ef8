import Fluent
import SQLKit
import SocialValue

/// Widens the `notifications.kind` constraint that `ConstrainNotificationKinds` added to the
/// kinds added since (an evaluator assigned to a panel, a clarification question asked), and
/// adds `done_at`: when what a notification asked for was done. The constraint is dropped and
/// re-added from `NotificationKind`, on SQLite (triggers) and PostgreSQL (CHECK) alike.
struct WidenNotificationKinds: AsyncMigration {
    /// The kinds `ConstrainNotificationKinds` shipped with, which reverting goes back to.
    static let shipped = [
        "consultation-published", "consultation-invitation", "consultation-outcome", "tender-clarification",
        "tender-cancelled", "tender-awarded", "monitoring-submitted", "monitoring-verified",
        "monitoring-changes-requested", "decommissioning-shared", "decommissioning-response",
        "decommissioning-decided",
    ]

    func prepare(on db: Database) async throws {
        try await db.schema(NotificationModel.schema).field("done_at", .datetime).update()
        guard let sql = db as? SQLDatabase else { return }
        let column = EnumColumns.notificationKind
        try await column.dropConstraint(on: sql)
        try await column.checkValues(on: sql)
        try await column.addConstraint(on: sql)
    }

    /// Goes back to the shipped kinds: notifications of the newer kinds are removed, as the
    /// product before this migration cannot read them.
    func revert(on db: Database) async throws {
        if let sql = db as? SQLDatabase {
            let shipped = EnumColumn(NotificationModel.schema, "kind", Self.shipped)
            let newer = NotificationKind.allCases.map(\.rawValue).filter { !Self.shipped.contains($0) }
            for kind in newer {
                try await sql.raw("DELETE FROM \(ident: shipped.table) WHERE \(ident: shipped.column) = \(bind: kind)")
                    .run()
            }
            try await shipped.dropConstraint(on: sql)
            try await shipped.addConstraint(on: sql)
            try await sql.raw("ALTER TABLE \(ident: shipped.table) DROP COLUMN \(ident: "done_at")").run()
        } else {
            try await db.schema(NotificationModel.schema).deleteField("done_at").update()
        }
    }
}
