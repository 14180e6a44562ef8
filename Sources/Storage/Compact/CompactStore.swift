import Fluent
import Foundation
import SocialValue

/// The local Compact register: Compacts, their settings, signatories, group, principles and reviews.
public struct CompactStore: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    /// Throws `forbidden` unless `viewer` keeps this Compact's register entry (its group, or the administrator).
    static func checkManages(_ compactID: UUID, viewer: Viewer) throws {
        guard viewer.canManageCompact(compactID) else {
            throw StorageError.forbidden("Only the Compact’s group and the administrator change its register entry")
        }
    }

    /// Creates a Compact with the default settings and the national 2010 principles, which the
    /// group then adapts. Only the administrator starts one.
    public func create(_ input: CompactInput, viewer: Viewer, by actor: Actor) async throws -> CompactModel {
        guard viewer.canCreateCompact else {
            throw StorageError.forbidden("Only the administrator adds a local Compact")
        }
        let details = try CompactDetails.validate(input)
        return try await db.write { tx in
            try await Self.checkNameFree(details.name, except: nil, on: tx)
            let compact = CompactModel()
            compact.apply(details)
            try compact.apply(CompactSettings.defaults)
            try await compact.create(on: tx)
            try await AuditLog.record(
                "created", "compact", id: compact.requireID().uuidString,
                changes: AuditLog.diff(nil, compact.auditFields), by: actor, on: tx)
            for (i, principle) in NationalCompact2010.principles.enumerated() {
                try await Self.insertPrinciple(
                    principle, ordinal: i + 1, compactID: compact.requireID(), by: actor, on: tx)
            }
            return compact
        }
    }

    public func update(_ id: UUID, _ input: CompactInput, viewer: Viewer, by actor: Actor) async throws
        -> CompactModel
    {
        try Self.checkManages(id, viewer: viewer)
        let details = try CompactDetails.validate(input)
        return try await db.write { tx in
            let compact = try await CompactModel.require(id, on: tx, "The Compact")
            try await Self.checkNameFree(details.name, except: id, on: tx)
            // Once signed, the text is changed only by an amendment; the register details still change here.
            if details.text != compact.text, let v = try await Self.currentVersion(of: id, on: tx) {
                throw Self.signedConflict(id, field: "text", v)
            }
            let before = compact.auditFields
            compact.apply(details)
            return try await Self.save(compact, before: before, by: actor, on: tx)
        }
    }

    /// Changes the settings, as the API sends them.
    public func updateSettings(_ id: UUID, _ input: CompactSettingsInput, viewer: Viewer, by actor: Actor)
        async throws -> CompactModel
    {
        try Self.checkManages(id, viewer: viewer)
        return try await updateSettings(id, try input.validated(), viewer: viewer, by: actor)
    }

    public func updateSettings(_ id: UUID, _ settings: CompactSettings, viewer: Viewer, by actor: Actor) async throws
        -> CompactModel
    {
        try Self.checkManages(id, viewer: viewer)
        let valid = try settings.validated()
        return try await db.write { tx in
            let compact = try await CompactModel.require(id, on: tx, "The Compact")
            let before = compact.auditFields
            try compact.apply(valid)
            return try await Self.save(compact, before: before, by: actor, on: tx)
        }
    }

    static func save(_ compact: CompactModel, before: [String: String?], by actor: Actor, on tx: Database) async throws
        -> CompactModel
    {
        let changes = AuditLog.diff(before, compact.auditFields)
        guard !changes.isEmpty else { return compact }
        try await compact.update(on: tx)
        try await AuditLog.record(
            "updated", "compact", id: compact.requireID().uuidString, changes: changes, by: actor, on: tx)
        return compact
    }

    static func checkNameFree(_ name: String, except: UUID?, on db: Database) async throws {
        var q = CompactModel.query(on: db).filter(\.$name == name)
        if let except { q = q.filter(\.$id != except) }
        if try await q.first() != nil { throw ValidationFailure("name", "A Compact called \(name) already exists") }
    }

    public func find(_ id: UUID) async throws -> CompactModel {
        try await CompactModel.require(id, on: db, "The Compact")
    }

    /// Every Compact, by name.
    public func all() async throws -> [CompactModel] {
        try await CompactModel.query(on: db).sort(\.$name).all()
    }

    public func list(search: String? = nil, page: Int? = nil, pageSize: Int = 20) async throws -> (
        [CompactModel], ListPage
    ) {
        var q = CompactModel.query(on: db)
        if let search, !search.isEmpty {
            q = q.group(.or) { $0.filter(\.$name, contains: search, on: db).filter(\.$area, contains: search, on: db) }
        }
        return try await q.sort(\.$name).paginated(page, size: pageSize)
    }

    // MARK: Signatories

    public func signatories(of compactID: UUID) async throws -> [CompactSignatoryModel] {
        try await CompactSignatoryModel.query(on: db).filter(\.$compact.$id == compactID)
            .with(\.$organisation).sort(\.$signedOn).all()
    }

    /// Compacts an organisation has signed.
    public func compactsSigned(by organisationIDs: [UUID]) async throws -> [CompactSignatoryModel] {
        guard !organisationIDs.isEmpty else { return [] }
        return try await CompactSignatoryModel.query(on: db).filter(\.$organisation.$id ~~ organisationIDs)
            .with(\.$compact).with(\.$organisation).all()
    }

    public func addSignatory(
        _ compactID: UUID, _ input: CompactSignatoryInput, viewer: Viewer, by actor: Actor, now: Date = Date()
    ) async throws {
        try Self.checkManages(compactID, viewer: viewer)
        let (orgID, signed) = try input.validated(today: UKTime.date(at: now))
        try await db.write { tx in
            let compact = try await CompactModel.require(compactID, on: tx, "The Compact")
            guard let org = try await OrganisationModel.find(orgID, on: tx) else {
                throw ValidationFailure("organisationId", "Select an organisation from the list")
            }
            if try await CompactSignatoryModel.query(on: tx).filter(\.$compact.$id == compactID)
                .filter(\.$organisation.$id == orgID).first() != nil
            {
                throw ValidationFailure("organisationId", "\(org.name) has already signed \(compact.name)")
            }
            let s = CompactSignatoryModel()
            s.$compact.id = compactID
            s.$organisation.id = orgID
            s.signedOn = signed.iso
            s.signedVersion = try await Self.versionToSign(compact, by: actor, now: Date(), on: tx)
            try await s.create(on: tx)
            try await AuditLog.record(
                "created", "compact-signatory", id: s.requireID().uuidString,
                changes: [
                    "compact": FieldChange(from: nil, to: compact.name),
                    "organisation": FieldChange(from: nil, to: org.name),
                    "signedOn": FieldChange(from: nil, to: s.signedOn),
                    "signedVersion": FieldChange(from: nil, to: s.signedVersion.map(String.init)),
                ], by: actor, on: tx)
        }
    }

    public func removeSignatory(_ compactID: UUID, signatory id: UUID, viewer: Viewer, by actor: Actor) async throws {
        try Self.checkManages(compactID, viewer: viewer)
        try await db.write { tx in
            guard
                let s = try await CompactSignatoryModel.query(on: tx).filter(\.$id == id)
                    .filter(\.$compact.$id == compactID).with(\.$organisation).first()
            else {
                throw StorageError.notFound("The signatory")
            }
            try await s.delete(on: tx)
            try await AuditLog.record(
                "deleted", "compact-signatory", id: id.uuidString,
                changes: [
                    "organisation": FieldChange(from: s.organisation.name, to: nil),
                    "signedOn": FieldChange(from: s.signedOn, to: nil),
                ], by: actor, on: tx)
        }
    }

    // MARK: The Compact group

    public func seats(of compactID: UUID) async throws -> [CompactGroupSeatModel] {
        try await CompactGroupSeatModel.query(on: db).filter(\.$compact.$id == compactID)
            .with(\.$user).with(\.$organisation).all()
    }

    public func seats(ofUser userID: UUID) async throws -> [CompactGroupSeatModel] {
        try await CompactGroupSeatModel.query(on: db).filter(\.$user.$id == userID)
            .with(\.$compact).with(\.$organisation).all()
    }

    /// The people who could be seated on the group: every enabled account, by email address.
    /// Only those who keep the Compact see the list.
    public func seatCandidates(_ compactID: UUID, viewer: Viewer) async throws -> [UserModel] {
        try Self.checkManages(compactID, viewer: viewer)
        _ = try await CompactModel.require(compactID, on: db, "The Compact")
        return try await UserModel.query(on: db).filter(\.$isDisabled == false).sort(\.$email).all()
    }

    /// Seats a user on the group, for one of the organisations they belong to.
    public func addSeat(_ compactID: UUID, _ input: CompactSeatInput, viewer: Viewer, by actor: Actor) async throws {
        try Self.checkManages(compactID, viewer: viewer)
        let (userID, orgID, position) = try input.validated()
        try await db.write { tx in
            let compact = try await CompactModel.require(compactID, on: tx, "The Compact")
            guard let user = try await UserModel.find(userID, on: tx) else {
                throw ValidationFailure("userId", "Select a person from the list")
            }
            guard let org = try await OrganisationModel.find(orgID, on: tx) else {
                throw ValidationFailure("organisationId", "Select an organisation from the list")
            }
            if try await MembershipModel.query(on: tx).filter(\.$user.$id == userID).filter(
                \.$organisation.$id == orgID
            ).first() == nil {
                throw ValidationFailure("organisationId", "\(user.displayName) does not belong to \(org.name)")
            }
            if try await CompactGroupSeatModel.query(on: tx).filter(\.$compact.$id == compactID).filter(
                \.$user.$id == userID
            ).first() != nil {
                throw ValidationFailure("userId", "\(user.displayName) is already on the \(compact.name) group")
            }
            let seat = CompactGroupSeatModel()
            seat.$compact.id = compactID
            seat.$user.id = userID
            seat.$organisation.id = orgID
            seat.position = position
            try await seat.create(on: tx)
            try await AuditLog.record(
                "created", "compact-group-seat", id: seat.requireID().uuidString,
                changes: [
                    "compact": FieldChange(from: nil, to: compact.name), "user": FieldChange(from: nil, to: user.email),
                    "organisation": FieldChange(from: nil, to: org.name),
                    "position": FieldChange(from: nil, to: seat.position),
                ], by: actor, on: tx)
        }
    }

    public func removeSeat(_ compactID: UUID, seat id: UUID, viewer: Viewer, by actor: Actor) async throws {
        try Self.checkManages(compactID, viewer: viewer)
        try await db.write { tx in
            guard
                let seat = try await CompactGroupSeatModel.query(on: tx).filter(\.$id == id)
                    .filter(\.$compact.$id == compactID).with(\.$user).first()
            else {
                throw StorageError.notFound("The group seat")
            }
            try await seat.delete(on: tx)
            try await AuditLog.record(
                "deleted", "compact-group-seat", id: id.uuidString,
                changes: [
                    "user": FieldChange(from: seat.user.email, to: nil),
                    "position": FieldChange(from: seat.position, to: nil),
                ], by: actor, on: tx)
        }
    }

    // MARK: Principles

    public func principles(of compactID: UUID) async throws -> [CompactPrincipleModel] {
        try await CompactPrincipleModel.query(on: db).filter(\.$compact.$id == compactID).sort(\.$ordinal).all()
    }

    static func insertPrinciple(_ p: CompactPrinciple, ordinal: Int, compactID: UUID, by actor: Actor, on tx: Database)
        async throws
    {
        let m = CompactPrincipleModel()
        m.$compact.id = compactID
        m.ordinal = ordinal
        m.code = p.code
        m.title = p.title
        m.text = p.text
        m.productRule = p.productRule
        try await m.create(on: tx)
        try await AuditLog.record(
            "created", "compact-principle", id: m.requireID().uuidString,
            changes: AuditLog.diff(nil, principleFields(m)), by: actor, on: tx)
    }

    static func principleFields(_ m: CompactPrincipleModel) -> [String: String?] {
        ["code": m.code, "title": m.title, "text": m.text, "productRule": m.productRule]
    }

    /// Adds a principle at the end; returns it as recorded.
    @discardableResult
    public func addPrinciple(_ compactID: UUID, _ input: CompactPrincipleInput, viewer: Viewer, by actor: Actor)
        async throws -> CompactPrinciple
    {
        try Self.checkManages(compactID, viewer: viewer)
        let principle = try input.validated()
        return try await db.write { tx in
            _ = try await CompactModel.require(compactID, on: tx, "The Compact")
            try await Self.checkPrinciplesOpen(compactID, on: tx)
            let existing = try await CompactPrincipleModel.query(on: tx).filter(\.$compact.$id == compactID).all()
            if existing.contains(where: { $0.code == principle.code }) {
                throw ValidationFailure("code", "This Compact already has a principle \(principle.code)")
            }
            try await Self.insertPrinciple(
                principle, ordinal: (existing.map(\.ordinal).max() ?? 0) + 1,
                compactID: compactID, by: actor, on: tx)
            return principle
        }
    }

    @discardableResult
    public func updatePrinciple(
        _ compactID: UUID, principle id: UUID, _ input: CompactPrincipleInput, viewer: Viewer, by actor: Actor
    ) async throws -> CompactPrinciple {
        try Self.checkManages(compactID, viewer: viewer)
        let principle = try input.validated()
        return try await db.write { tx in
            guard
                let m = try await CompactPrincipleModel.query(on: tx).filter(\.$id == id)
                    .filter(\.$compact.$id == compactID).first()
            else { throw StorageError.notFound("The principle") }
            try await Self.checkPrinciplesOpen(compactID, on: tx)
            if try await CompactPrincipleModel.query(on: tx).filter(\.$compact.$id == compactID)
                .filter(\.$code == principle.code).filter(\.$id != id).first() != nil
            {
                throw ValidationFailure("code", "This Compact already has a principle \(principle.code)")
            }
            let before = Self.principleFields(m)
            m.code = principle.code
            m.title = principle.title
            m.text = principle.text
            m.productRule = principle.productRule
            let changes = AuditLog.diff(before, Self.principleFields(m))
            guard !changes.isEmpty else { return principle }
            try await m.update(on: tx)
            try await AuditLog.record(
                "updated", "compact-principle", id: id.uuidString, changes: changes, by: actor, on: tx)
            return principle
        }
    }

    public func removePrinciple(_ compactID: UUID, principle id: UUID, viewer: Viewer, by actor: Actor) async throws {
        try Self.checkManages(compactID, viewer: viewer)
        try await db.write { tx in
            guard
                let m = try await CompactPrincipleModel.query(on: tx).filter(\.$id == id)
                    .filter(\.$compact.$id == compactID).first()
            else { throw StorageError.notFound("The principle") }
            try await Self.checkPrinciplesOpen(compactID, on: tx)
            try await m.delete(on: tx)
            try await AuditLog.record(
                "deleted", "compact-principle", id: id.uuidString,
                changes: AuditLog.diff(Self.principleFields(m), nil), by: actor, on: tx)
        }
    }

    // MARK: Reviews

    public func reviews(of compactID: UUID) async throws -> [CompactReviewModel] {
        try await CompactReviewModel.query(on: db).filter(\.$compact.$id == compactID)
            .sort(\.$reviewedOn, .descending).all()
    }

    /// Records a completed review: the Compact takes the new version and next review date.
    public func recordReview(
        _ compactID: UUID, _ input: CompactReviewInput, viewer: Viewer, by actor: Actor, now: Date = Date()
    ) async throws {
        try Self.checkManages(compactID, viewer: viewer)
        let (reviewed, version, summary, next) = try input.validated(today: UKTime.date(at: now))
        try await db.write { tx in
            let compact = try await CompactModel.require(compactID, on: tx, "The Compact")
            if let adopted = CalendarDate(iso: compact.adoptedOn), reviewed < adopted {
                throw ValidationFailure(
                    "reviewedOn", "The review cannot be before the Compact was adopted (\(adopted.longForm))")
            }
            let review = CompactReviewModel()
            review.$compact.id = compactID
            review.reviewedOn = reviewed.iso
            review.versionBefore = compact.version
            review.versionAfter = version
            review.summary = summary
            review.nextReviewOn = next.iso
            review.recordedBy = actor.label
            try await review.create(on: tx)
            try await AuditLog.record(
                "created", "compact-review", id: review.requireID().uuidString,
                changes: [
                    "reviewedOn": FieldChange(from: nil, to: review.reviewedOn),
                    "versionAfter": FieldChange(from: nil, to: review.versionAfter),
                    "summary": FieldChange(from: nil, to: review.summary),
                ], by: actor, on: tx)
            let before = compact.auditFields
            compact.version = version
            compact.nextReviewOn = next.iso
            _ = try await Self.save(compact, before: before, by: actor, on: tx)
        }
    }
}
