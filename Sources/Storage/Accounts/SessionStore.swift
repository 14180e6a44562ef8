import Fluent
import Foundation
import SocialValue

/// Browser sessions and API tokens. Only SHA-256 digests of secrets are stored.
public struct SessionStore: Sendable {
    let db: Database
    /// Sessions end 12 hours after sign-in.
    public static let lifetime: TimeInterval = 12 * 60 * 60

    public init(_ db: Database) { self.db = db }

    /// Starts a fresh session (a new id at every sign-in) and returns the cookie secret.
    public func start(for user: UserModel, now: Date = Date()) async throws -> (secret: String, session: SessionModel) {
        let secret = Secrets.make()
        let session = SessionModel()
        session.$user.id = try user.requireID()
        session.tokenHash = AuditLog.sha256Hex(secret)
        session.csrfToken = Secrets.make()
        session.createdAt = now
        session.expiresAt = now.addingTimeInterval(Self.lifetime)
        try await db.write { tx in
            try await SessionModel.query(on: tx).filter(\.$user.$id == user.requireID()).filter(\.$expiresAt < now)
                .delete()
            try await session.create(on: tx)
        }
        return (secret, session)
    }

    /// The live session and its (enabled) user for a cookie secret.
    public func find(secret: String, now: Date = Date()) async throws -> (SessionModel, UserModel)? {
        guard
            let s = try await SessionModel.query(on: db).filter(\.$tokenHash == AuditLog.sha256Hex(secret))
                .filter(\.$expiresAt > now).with(\.$user).first(), !s.user.isDisabled
        else { return nil }
        return (s, s.user)
    }

    public func end(secret: String) async throws {
        try await db.write { tx in
            try await SessionModel.query(on: tx).filter(\.$tokenHash == AuditLog.sha256Hex(secret)).delete()
        }
    }

    // MARK: API tokens

    /// A new API token for the viewer's own account: the secret is returned once.
    public func createToken(for viewer: Viewer, _ input: APITokenInput, by actor: Actor) async throws -> (
        secret: String, token: APITokenModel
    ) {
        let user = try await UserModel.require(viewer.userID, on: db, "The user")
        var p = Problems()
        let name = p.text(input.name, field: "name", label: "a name for the token, like ‘reporting script’", max: 100)
        try p.throwIfAny()
        let secret = Secrets.make(prefix: "cw_")
        let token = APITokenModel()
        token.$user.id = try user.requireID()
        token.name = name!
        token.tokenHash = AuditLog.sha256Hex(secret)
        token.prefix = String(secret.prefix(8))
        try await db.write { tx in
            try await token.create(on: tx)
            try await AuditLog.record(
                "created", "api-token", id: token.requireID().uuidString,
                changes: [
                    "name": FieldChange(from: nil, to: token.name), "user": FieldChange(from: nil, to: user.email),
                ], by: actor, on: tx)
        }
        return (secret, token)
    }

    /// The viewer's own API tokens, newest first.
    public func tokens(for viewer: Viewer) async throws -> [APITokenModel] {
        try await APITokenModel.query(on: db).filter(\.$user.$id == viewer.userID).sort(\.$createdAt, .descending).all()
    }

    /// Revokes one of the viewer's own tokens; another person's is not found.
    public func revokeToken(_ id: UUID, for viewer: Viewer, by actor: Actor, now: Date = Date()) async throws {
        try await db.write { tx in
            guard
                let t = try await APITokenModel.query(on: tx).filter(\.$id == id).filter(\.$user.$id == viewer.userID)
                    .first()
            else {
                throw StorageError.notFound("The API token")
            }
            guard t.revokedAt == nil else { return }
            t.revokedAt = now
            try await t.update(on: tx)
            try await AuditLog.record(
                "revoked", "api-token", id: id.uuidString,
                changes: ["revokedAt": FieldChange(from: nil, to: now.formatted(AuditLog.timestampFormat))],
                by: actor, on: tx)
        }
    }

    /// The enabled user behind a bearer token, if the token is live.
    public func user(forToken secret: String, now: Date = Date()) async throws -> UserModel? {
        guard
            let t = try await APITokenModel.query(on: db).filter(\.$tokenHash == AuditLog.sha256Hex(secret))
                .filter(\.$revokedAt == nil).with(\.$user).first(), !t.user.isDisabled
        else { return nil }
        if t.lastUsedAt.map { now.timeIntervalSince($0) > 60 } ?? true {
            t.lastUsedAt = now
            try await db.write { tx in try await t.update(on: tx) }
        }
        return t.user
    }
}
