import Fluent
import Foundation
import SocialValue

/// In-app notifications: what is new for each user. Reading them is the user's own business,
/// so marking them read is not an audited change (like signing in).
public struct NotificationStore: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    /// Adds one notification per user. Call inside the transaction that made the news.
    static func send(to users: [UUID], kind: NotificationKind, text: String, link: String, now: Date, on tx: Database)
        async throws
    {
        for user in users {
            let n = NotificationModel()
            n.$user.id = user
            n.kind = kind
            n.text = text
            n.link = link
            n.createdAt = now
            try await n.create(on: tx)
        }
    }

    /// Marks done the notifications of `kind` linking to `link` (for `users` only, if given): what
    /// they asked for has happened. Call inside the transaction that did it.
    static func markDone(kind: NotificationKind, link: String, users: [UUID]? = nil, now: Date, on tx: Database)
        async throws
    {
        var q = NotificationModel.query(on: tx).filter(\.$kind == kind).filter(\.$link == link).filter(
            \.$doneAt == nil)
        if let users { q = q.filter(\.$user.$id ~~ users) }
        try await q.set(\.$doneAt, to: now).update()
    }

    /// The viewer's own notifications, newest first.
    public func list(for viewer: Viewer, unreadOnly: Bool = false, page: Int? = nil, pageSize: Int = 20) async throws
        -> (
            [NotificationModel], ListPage
        )
    {
        var q = NotificationModel.query(on: db).filter(\.$user.$id == viewer.userID)
        if unreadOnly { q = q.filter(\.$readAt == nil).filter(\.$doneAt == nil) }
        return try await q.sort(\.$createdAt, .descending).sort(\.$id).paginated(page, size: pageSize)
    }

    /// How many of the viewer's notifications are unread and not yet done.
    public func unreadCount(for viewer: Viewer) async throws -> Int {
        try await NotificationModel.query(on: db).filter(\.$user.$id == viewer.userID).filter(\.$readAt == nil)
            .filter(\.$doneAt == nil).count()
    }

    /// Marks one of the viewer's own notifications read; another user's is not found.
    public func markRead(_ id: UUID, for viewer: Viewer, now: Date = Date()) async throws -> NotificationModel {
        try await db.write { tx in
            guard
                let n = try await NotificationModel.query(on: tx).filter(\.$id == id).filter(
                    \.$user.$id == viewer.userID
                )
                .first()
            else {
                throw StorageError.notFound("The notification")
            }
            if n.readAt == nil {
                n.readAt = now
                try await n.update(on: tx)
            }
            return n
        }
    }

    /// Marks every unread notification of the viewer read; returns how many were unread.
    @discardableResult
    public func markAllRead(for viewer: Viewer, now: Date = Date()) async throws -> Int {
        let userID = viewer.userID
        return try await db.write { tx in
            let unread = try await NotificationModel.query(on: tx).filter(\.$user.$id == userID).filter(
                \.$readAt == nil
            ).count()
            try await NotificationModel.query(on: tx).filter(\.$user.$id == userID).filter(\.$readAt == nil)
                .set(\.$readAt, to: now).update()
            return unread
        }
    }
}
