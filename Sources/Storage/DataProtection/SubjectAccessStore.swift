import Fluent
import Foundation
import SocialValue

/// A person's data: the subject access export and erasure (docs/data-protection.md). Only the
/// installation administrator (or the command line) does either.
public struct SubjectAccessStore: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    static func checkAdministers(_ viewer: Viewer) throws {
        guard viewer.canAdminister else {
            throw StorageError.forbidden("Only the installation administrator answers subject access requests")
        }
    }

    static func account(email raw: String, on db: Database) async throws -> UserModel {
        let email = try EmailAddress.normalise(raw)
        guard let user = try await UserModel.query(on: db).filter(\.$email == email).first() else {
            throw StorageError.notFound("The user \(email)")
        }
        return user
    }

    /// Everything held about the account with this email address.
    public func export(email: String, viewer: Viewer, now: Date = Date()) async throws -> SubjectAccessExport {
        try Self.checkAdministers(viewer)
        return try await export(try await Self.account(email: email, on: db), now: now)
    }

    /// Everything held about the account with this id (an erased one too).
    public func export(userID: UUID, viewer: Viewer, now: Date = Date()) async throws -> SubjectAccessExport {
        try Self.checkAdministers(viewer)
        return try await export(try await UserModel.require(userID, on: db, "The user"), now: now)
    }

    func export(_ user: UserModel, now: Date) async throws -> SubjectAccessExport {
        let id = try user.requireID()
        let memberships = try await MembershipModel.query(on: db).filter(\.$user.$id == id).with(\.$organisation)
            .all().map { SubjectAccessExport.Membership(organisation: $0.organisation.name, role: $0.role) }
        let seats = try await CompactGroupSeatModel.query(on: db).filter(\.$user.$id == id).with(\.$compact)
            .with(\.$organisation).all().map {
                SubjectAccessExport.CompactSeat(
                    compact: $0.compact.name, organisation: $0.organisation.name, position: $0.position)
            }
        let sessions = try await SessionModel.query(on: db).filter(\.$user.$id == id).sort(\.$createdAt).all()
            .map { SubjectAccessExport.Session(createdAt: $0.createdAt, expiresAt: $0.expiresAt) }
        let tokens = try await APITokenModel.query(on: db).filter(\.$user.$id == id).sort(\.$createdAt).all().map {
            SubjectAccessExport.APIToken(
                name: $0.name, prefix: $0.prefix, createdAt: $0.createdAt, lastUsedAt: $0.lastUsedAt,
                revokedAt: $0.revokedAt)
        }
        let notifications = try await NotificationModel.query(on: db).filter(\.$user.$id == id)
            .sort(\.$createdAt).all().map {
                SubjectAccessExport.Notification(
                    kind: $0.kind.rawValue, text: $0.text, link: $0.link, createdAt: $0.createdAt, readAt: $0.readAt)
            }
        let clarifications = try await TenderClarificationModel.query(on: db).filter(\.$askedBy == user.email)
            .sort(\.$askedAt).all().map {
                SubjectAccessExport.ClarificationQuestion(
                    tender: $0.$tender.id, question: $0.question, askedAt: $0.askedAt, answer: $0.answer)
            }
        return SubjectAccessExport(
            generatedAt: now,
            account: .init(
                id: id, email: user.email, displayName: user.displayName, isAdministrator: user.isAdmin,
                isDisabled: user.isDisabled, failedSignIns: user.failedSignIns, lockedUntil: user.lockedUntil,
                createdAt: user.createdAt),
            memberships: memberships, compactSeats: seats, sessions: sessions, apiTokens: tokens,
            notifications: notifications, consultationResponses: try await responses(of: user),
            clarificationQuestions: clarifications, auditEvents: try await auditEvents(of: id))
    }

    /// Responses the person wrote signed in, and any a member of the public sent with their email.
    func responses(of user: UserModel) async throws -> [SubjectAccessExport.ConsultationResponse] {
        let id = try user.requireID()
        let rows = try await ConsultationResponseModel.query(on: db)
            .group(.or) { $0.filter(\.$respondent.$id == id).filter(\.$respondentEmail == user.email) }
            .with(\.$consultation).with(\.$organisation).sort(\.$createdAt).all()
        var out: [SubjectAccessExport.ConsultationResponse] = []
        for r in rows {
            let answers = try await ConsultationAnswerModel.query(on: db).filter(\.$response.$id == r.requireID())
                .with(\.$question).all().sorted { $0.question.ordinal < $1.question.ordinal }
                .map { SubjectAccessExport.Answer(question: $0.question.text, value: $0.value) }
            out.append(
                .init(
                    consultation: r.consultation.title, respondentName: r.respondentName,
                    respondentEmail: r.respondentEmail, organisation: r.organisation?.name, status: r.status,
                    createdAt: r.createdAt, submittedAt: r.submittedAt, answers: answers))
        }
        return out
    }

    /// Events the person made (without their changes, which may concern others) and events about
    /// their account (with the changes, but not who else made them).
    func auditEvents(of id: UUID) async throws -> [SubjectAccessExport.AuditEvent] {
        let rows = try await AuditEventModel.query(on: db)
            .group(.or) {
                $0.filter(\.$actorUserID == id).group(.and) {
                    $0.filter(\.$recordType == "user").filter(\.$recordID == id.uuidString)
                }
            }
            .sort(\.$sequence).all()
        return rows.map { e in
            let own = e.actorUserID == id
            let aboutAccount = e.recordType == "user" && e.recordID == id.uuidString
            return .init(
                sequence: e.sequence, occurredAt: e.occurredAt,
                by: own ? "you" : (e.actorUserID == nil ? e.actor : "another user"), action: e.action,
                recordType: e.recordType, recordID: e.recordID, changes: aboutAccount ? e.changes : nil)
        }
    }

    /// What an erasure did.
    public struct Erasure: Sendable, Equatable {
        public var userID: UUID
        public var placeholderEmail: String
        public var sessionsDeleted: Int
        public var tokensDeleted: Int
        public var notificationsDeleted: Int
        public var responsesErased: Int
    }

    /// Erases the person's personal fields in one transaction, keeping the records others rely
    /// on and the audit trail as it is, and records that it happened (who, when, why; not what).
    public func erase(email: String, reason raw: String?, viewer: Viewer, by actor: Actor) async throws -> Erasure {
        try Self.checkAdministers(viewer)
        var p = Problems()
        let reason = p.text(raw, field: "reason", label: "the reason for the erasure", max: 500)
        try p.throwIfAny()
        let user = try await Self.account(email: email, on: db)
        let id = try user.requireID()
        if id == viewer.userID { throw ValidationFailure("email", "You cannot erase your own account") }
        let oldEmail = user.email
        return try await db.write { tx in
            let sessions = try await SessionModel.query(on: tx).filter(\.$user.$id == id).count()
            try await SessionModel.query(on: tx).filter(\.$user.$id == id).delete()
            let tokens = try await APITokenModel.query(on: tx).filter(\.$user.$id == id).count()
            try await APITokenModel.query(on: tx).filter(\.$user.$id == id).delete()
            let notifications = try await NotificationModel.query(on: tx).filter(\.$user.$id == id).count()
            try await NotificationModel.query(on: tx).filter(\.$user.$id == id).delete()
            let responses = try await ConsultationResponseModel.query(on: tx)
                .group(.or) { $0.filter(\.$respondent.$id == id).filter(\.$respondentEmail == oldEmail) }.all()
            for r in responses { try await RetentionStore.erasePersonalFields(of: r, on: tx) }
            let fresh = try await UserModel.require(id, on: tx, "The user")
            fresh.email = ErasedPerson.email(for: id)
            fresh.displayName = ErasedPerson.name
            fresh.passwordHash = ""
            fresh.isDisabled = true
            fresh.isAdmin = false
            fresh.failedSignIns = 0
            fresh.lockedUntil = nil
            try await fresh.update(on: tx)
            let erasure = Erasure(
                userID: id, placeholderEmail: fresh.email, sessionsDeleted: sessions, tokensDeleted: tokens,
                notificationsDeleted: notifications, responsesErased: responses.count)
            try await AuditLog.record(
                "erased", "user", id: id.uuidString,
                changes: [
                    "reason": FieldChange(from: nil, to: reason),
                    "erased": FieldChange(
                        from: nil,
                        to:
                            "email, name, password; \(sessions) sessions, \(tokens) API tokens, \(notifications) notifications deleted; \(responses.count) consultation responses' name and email erased"
                    ),
                    "isDisabled": FieldChange(from: nil, to: "true"),
                ], by: actor, on: tx)
            return erasure
        }
    }
}
