import Fluent
import SQLKit
import SocialValue

/// Constrains `notifications.kind` to `NotificationKind`, as `ConstrainEnumColumns` (which
/// shipped first) does for the other enum columns. A row that already holds an unknown kind
/// stops it before it changes anything, naming the value.
struct ConstrainNotificationKinds: AsyncMigration {
    func prepare(on db: Database) async throws {
        guard let sql = db as? SQLDatabase else { return }
        try await EnumColumns.notificationKind.checkValues(on: sql)
        try await EnumColumns.notificationKind.addConstraint(on: sql)
    }

    func revert(on db: Database) async throws {
        guard let sql = db as? SQLDatabase else { return }
        try await EnumColumns.notificationKind.dropConstraint(on: sql)
    }
}
