import Fluent
import Foundation
import SocialValue

/// Accounts, their memberships of organisations, and sign-in with lockout.
public struct UserStore: Sendable {
    let db: Database
    let passwords: Passwords

    public init(_ db: Database, passwords: Passwords) {
        self.db = db
        self.passwords = passwords
    }

    public typealias NewUser = NewUserInput

    /// Throws `forbidden` unless `viewer` is the administrator, who manages accounts.
    static func checkAdministers(_ viewer: Viewer) throws {
        guard viewer.canAdminister else {
            throw StorageError.forbidden("Only the installation administrator manages accounts")
        }
    }

    public func create(_ new: NewUserInput, viewer: Viewer, by actor: Actor) async throws -> UserModel {
        try Self.checkAdministers(viewer)
        var p = Problems()
        var email: String?
        do { email = try EmailAddress.normalise(new.email) } catch let f as ValidationFailure {
            p.add("email", f.errors[0].message)
        }
        let name = p.text(new.displayName, field: "displayName", label: "the person’s full name", max: 100)
        var password: String?
        do { password = try PasswordPolicy.check(new.password) } catch let f as ValidationFailure {
            p.add("password", f.errors[0].message)
        }
        try p.throwIfAny()
        let hash = try await passwords.hash(password!)
        let address = email!
        return try await db.write { tx in
            if try await UserModel.query(on: tx).filter(\.$email == address).first() != nil {
                throw ValidationFailure("email", "An account with the email address \(address) already exists")
            }
            let user = UserModel()
            user.email = address
            user.displayName = name!
            user.passwordHash = hash
            user.isAdmin = new.isAdmin ?? false
            user.isDisabled = false
            user.failedSignIns = 0
            try await user.create(on: tx)
            try await AuditLog.record(
                "created", "user", id: user.requireID().uuidString,
                changes: AuditLog.diff(nil, user.auditFields), by: actor, on: tx)
            return user
        }
    }

    /// How many user accounts there are.
    public func count() async throws -> Int {
        try await UserModel.query(on: db).count()
    }

    /// An account, for its owner and the administrator.
    public func find(_ id: UUID, viewer: Viewer) async throws -> UserModel {
        guard viewer.canSeeAccount(id) else {
            throw StorageError.forbidden("Only the installation administrator sees other people’s accounts")
        }
        return try await UserModel.require(id, on: db, "The user")
    }

    public func find(email raw: String, viewer: Viewer) async throws -> UserModel {
        try Self.checkAdministers(viewer)
        let email = try EmailAddress.normalise(raw)
        guard let user = try await UserModel.query(on: db).filter(\.$email == email).first() else {
            throw StorageError.notFound("The user \(email)")
        }
        return user
    }

    public func list(viewer: Viewer, search: String? = nil, page: Int? = nil, pageSize: Int = 20) async throws -> (
        [UserModel], ListPage
    ) {
        try Self.checkAdministers(viewer)
        var q = UserModel.query(on: db)
        if let search, !search.isEmpty {
            q = q.group(.or) {
                $0.filter(\.$email, contains: search, on: db).filter(\.$displayName, contains: search, on: db)
            }
        }
        return try await q.sort(\.$email).paginated(page, size: pageSize)
    }

    /// Disables (signing the person out everywhere) or enables an account; not the viewer's own.
    public func setDisabled(_ id: UUID, _ disabled: Bool, viewer: Viewer, by actor: Actor) async throws -> UserModel {
        try Self.checkAdministers(viewer)
        if disabled && id == viewer.userID { throw ValidationFailure("id", "You cannot disable your own account") }
        return try await db.write { tx in
            let user = try await UserModel.require(id, on: tx, "The user")
            guard user.isDisabled != disabled else { return user }
            let before = user.auditFields
            user.isDisabled = disabled
            try await user.update(on: tx)
            if disabled { try await SessionModel.query(on: tx).filter(\.$user.$id == id).delete() }
            try await AuditLog.record(
                disabled ? "disabled" : "enabled", "user", id: id.uuidString,
                changes: AuditLog.diff(before, user.auditFields), by: actor, on: tx)
            return user
        }
    }

    /// The administrator sets a new password: clears any lockout and signs the user out everywhere.
    public func setPassword(_ id: UUID, _ input: PasswordResetInput, viewer: Viewer, by actor: Actor) async throws {
        try Self.checkAdministers(viewer)
        try await applyPassword(id, input.password, field: "password", by: actor)
    }

    /// Sets a new password, clears any lockout and signs the user out everywhere.
    func applyPassword(_ id: UUID, _ newPassword: String?, field: String, by actor: Actor) async throws {
        let password = try PasswordPolicy.check(newPassword, field: field)
        let hash = try await passwords.hash(password)
        try await db.write { tx in
            let user = try await UserModel.require(id, on: tx, "The user")
            user.passwordHash = hash
            user.failedSignIns = 0
            user.lockedUntil = nil
            try await user.update(on: tx)
            try await SessionModel.query(on: tx).filter(\.$user.$id == id).delete()
            try await AuditLog.record(
                "password-set", "user", id: id.uuidString,
                changes: ["password": FieldChange(from: "(hidden)", to: "(changed)")], by: actor, on: tx)
        }
    }

    /// The viewer changes their own password, giving the current one.
    public func changeOwnPassword(viewer: Viewer, _ input: PasswordChangeInput) async throws {
        let user = try await UserModel.require(viewer.userID, on: db, "The user")
        guard let current = input.currentPassword, !current.isEmpty else {
            throw ValidationFailure("currentPassword", "Enter your current password")
        }
        guard await passwords.verify(current, hash: user.passwordHash) else {
            throw ValidationFailure("currentPassword", "Your current password is not correct")
        }
        try await applyPassword(user.requireID(), input.newPassword, field: "newPassword", by: .user(user))
    }

    public enum SignInResult: Sendable {
        case success(UserModel)
        case wrongCredentials
        case locked(until: Date)
        case disabled
    }

    /// Checks the password, counting failures: five wrong in a row lock the account for 15
    /// minutes (`SignInLockout`). Unknown emails take as long as known ones.
    public func signIn(email raw: String?, password: String?, now: Date = Date()) async throws -> SignInResult {
        let email = (raw ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let password = password ?? ""
        guard let user = try await UserModel.query(on: db).filter(\.$email == email).first() else {
            _ = await passwords.verify(password, hash: Passwords.decoy)
            return .wrongCredentials
        }
        if SignInLockout.isLocked(lockedUntil: user.lockedUntil, now: now) {
            // As long as any other attempt, so the time taken does not tell a locked account apart.
            _ = await passwords.verify(password, hash: Passwords.decoy)
            return .locked(until: user.lockedUntil!)
        }
        let ok = await passwords.verify(password, hash: user.passwordHash)
        return try await db.write { tx in
            guard let fresh = try await UserModel.find(user.id, on: tx) else { return .wrongCredentials }
            if ok {
                fresh.failedSignIns = 0
                fresh.lockedUntil = nil
                try await fresh.update(on: tx)
                return fresh.isDisabled ? .disabled : .success(fresh)
            }
            let next = SignInLockout.afterFailure(failures: fresh.failedSignIns, now: now)
            fresh.failedSignIns = next.failures
            fresh.lockedUntil = next.lockedUntil
            try await fresh.update(on: tx)
            if let until = next.lockedUntil { return .locked(until: until) }
            return .wrongCredentials
        }
    }

    // MARK: Memberships

    public func memberships(of userID: UUID) async throws -> [MembershipModel] {
        try await MembershipModel.query(on: db).filter(\.$user.$id == userID).with(\.$organisation).all()
    }

    public func members(of organisationID: UUID) async throws -> [MembershipModel] {
        try await MembershipModel.query(on: db).filter(\.$organisation.$id == organisationID).with(\.$user).all()
    }

    public func addMembership(user userID: UUID, _ input: MembershipInput, viewer: Viewer, by actor: Actor)
        async throws
    {
        try Self.checkAdministers(viewer)
        guard let rawRole = input.role, let role = MembershipRole(rawValue: rawRole) else {
            throw ValidationFailure("role", "Select a role")
        }
        guard let orgID = input.organisationId else {
            throw ValidationFailure("organisationId", "Select an organisation")
        }
        try await db.write { tx in
            _ = try await UserModel.require(userID, on: tx, "The user")
            guard let org = try await OrganisationModel.find(orgID, on: tx) else {
                throw ValidationFailure("organisationId", "Select an organisation from the list")
            }
            try MembershipRole.check(role, at: org.organisationKind)
            let existing = try await MembershipModel.query(on: tx).filter(\.$user.$id == userID)
                .filter(\.$organisation.$id == orgID).filter(\.$roleValue == role).first()
            if existing != nil {
                throw ValidationFailure("role", "This person is already a \(role.label.lowercased()) at \(org.name)")
            }
            let m = MembershipModel()
            m.$user.id = userID
            m.$organisation.id = orgID
            m.roleValue = role
            try await m.create(on: tx)
            try await AuditLog.record(
                "created", "membership", id: m.requireID().uuidString,
                changes: [
                    "user": FieldChange(from: nil, to: userID.uuidString),
                    "organisation": FieldChange(from: nil, to: org.name),
                    "role": FieldChange(from: nil, to: role.rawValue),
                ], by: actor, on: tx)
        }
    }

    /// Removes one of the user's memberships.
    public func removeMembership(_ id: UUID, of userID: UUID, viewer: Viewer, by actor: Actor) async throws {
        try Self.checkAdministers(viewer)
        try await db.write { tx in
            guard
                let m = try await MembershipModel.query(on: tx).filter(\.$id == id).filter(\.$user.$id == userID)
                    .first()
            else { throw StorageError.notFound("The membership") }
            try await m.delete(on: tx)
            try await AuditLog.record(
                "deleted", "membership", id: id.uuidString,
                changes: [
                    "user": FieldChange(from: m.$user.id.uuidString, to: nil),
                    "organisation": FieldChange(from: m.$organisation.id.uuidString, to: nil),
                    "role": FieldChange(from: m.role, to: nil),
                ], by: actor, on: tx)
        }
    }

    /// What the access rules need to know about a user.
    /// Pass `memberships` when they are already loaded, so they are not read twice.
    public func viewer(for user: UserModel, memberships loaded: [MembershipModel]? = nil) async throws -> Viewer {
        let ms: [MembershipModel]
        if let loaded {
            ms = loaded
        } else {
            ms = try await MembershipModel.query(on: db).filter(\.$user.$id == user.requireID()).all()
        }
        let seats = try await CompactGroupSeatModel.query(on: db).filter(\.$user.$id == user.requireID()).all()
        return Viewer(
            userID: try user.requireID(), isAdmin: user.isAdmin,
            memberships: ms.compactMap { m in
                m.membershipRole.map { Viewer.Membership(organisationID: m.$organisation.id, role: $0) }
            },
            compactSeats: Set(seats.map { $0.$compact.id }))
    }
}
