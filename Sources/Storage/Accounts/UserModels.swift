import Fluent
import Foundation
import SocialValue

public final class UserModel: Model, @unchecked Sendable {
    public static let schema = "users"

    @ID(key: .id) public var id: UUID?
    @Field(key: "email") public var email: String
    @Field(key: "display_name") public var displayName: String
    @Field(key: "password_hash") public var passwordHash: String
    @Field(key: "is_admin") public var isAdmin: Bool
    @Field(key: "is_disabled") public var isDisabled: Bool
    @Field(key: "failed_sign_ins") public var failedSignIns: Int
    @OptionalField(key: "locked_until") public var lockedUntil: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Children(for: \.$user) public var memberships: [MembershipModel]

    public init() {}

    var auditFields: [String: String?] {
        ["email": email, "displayName": displayName, "isAdmin": String(isAdmin), "isDisabled": String(isDisabled)]
    }
}

public final class MembershipModel: Model, @unchecked Sendable {
    public static let schema = "memberships"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: UserModel
    @Parent(key: "organisation_id") public var organisation: OrganisationModel
    /// Decoding a row fails on a role the product does not know (no membership silently dropped).
    @Field(key: "role") public var roleValue: MembershipRole

    public init() {}

    public var role: String { roleValue.rawValue }
    /// Always set: optional for the callers written when an unknown role read as nil.
    public var membershipRole: MembershipRole? { roleValue }
}

/// A personal API token: only the SHA-256 of the secret is stored; the secret is shown once.
public final class APITokenModel: Model, @unchecked Sendable {
    public static let schema = "api_tokens"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: UserModel
    @Field(key: "name") public var name: String
    @Field(key: "token_hash") public var tokenHash: String
    @Field(key: "prefix") public var prefix: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @OptionalField(key: "last_used_at") public var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") public var revokedAt: Date?

    public init() {}
}

/// A signed-in browser session: the cookie holds a random secret, the table its SHA-256.
public final class SessionModel: Model, @unchecked Sendable {
    public static let schema = "sessions"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: UserModel
    @Field(key: "token_hash") public var tokenHash: String
    @Field(key: "csrf_token") public var csrfToken: String
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "expires_at") public var expiresAt: Date

    public init() {}
}
