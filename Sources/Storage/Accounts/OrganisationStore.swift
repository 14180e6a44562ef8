import Fluent
import Foundation
import SocialValue

/// Organisations: public bodies and suppliers.
public struct OrganisationStore: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    /// Adds an organisation. Only the administrator does.
    public func create(_ input: OrganisationInput, viewer: Viewer, by actor: Actor) async throws -> OrganisationModel {
        guard viewer.canAdminister else { throw StorageError.forbidden("Only the administrator adds organisations") }
        let details = try OrganisationDetails.validate(input)
        return try await db.write { tx in
            try await Self.checkNameFree(details.name, except: nil, on: tx)
            let org = OrganisationModel()
            org.apply(details)
            try await org.create(on: tx)
            try await AuditLog.record(
                "created", "organisation", id: org.requireID().uuidString,
                changes: AuditLog.diff(nil, org.auditFields), by: actor, on: tx)
            return org
        }
    }

    /// Changes an organisation's details: the administrator, and the people who keep them
    /// (`Viewer.canEditOrganisation`).
    public func update(_ id: UUID, _ input: OrganisationInput, viewer: Viewer, by actor: Actor) async throws
        -> OrganisationModel
    {
        guard viewer.canEditOrganisation(id) else {
            throw StorageError.forbidden(
                "Only the organisation’s commissioners or supplier members and the administrator change its details")
        }
        let details = try OrganisationDetails.validate(input)
        return try await db.write { tx in
            let org = try await OrganisationModel.require(id, on: tx, "The organisation")
            try await Self.checkNameFree(details.name, except: id, on: tx)
            let before = org.auditFields
            org.apply(details)
            let changes = AuditLog.diff(before, org.auditFields)
            guard !changes.isEmpty else { return org }
            try await org.update(on: tx)
            try await AuditLog.record("updated", "organisation", id: id.uuidString, changes: changes, by: actor, on: tx)
            return org
        }
    }

    static func checkNameFree(_ name: String, except: UUID?, on db: Database) async throws {
        var q = OrganisationModel.query(on: db).filter(\.$name == name)
        if let except { q = q.filter(\.$id != except) }
        if try await q.first() != nil {
            throw ValidationFailure("name", "An organisation called \(name) already exists")
        }
    }

    public func find(_ id: UUID) async throws -> OrganisationModel {
        try await OrganisationModel.require(id, on: db, "The organisation")
    }

    public func list(
        search: String? = nil, kind: OrganisationKind? = nil, sector: Sector? = nil,
        page: Int? = nil, pageSize: Int = 20
    ) async throws -> ([OrganisationModel], ListPage) {
        var q = OrganisationModel.query(on: db)
        if let search, !search.isEmpty { q = q.filter(\.$name, contains: search, on: db) }
        if let kind { q = q.filter(\.$organisationKind == kind) }
        if let sector {
            q = q.filter(\.$organisationKind ~~ OrganisationKind.allCases.filter { $0.sector == sector })
        }
        return try await q.sort(\.$name).paginated(page, size: pageSize)
    }

    public func all() async throws -> [OrganisationModel] {
        try await OrganisationModel.query(on: db).sort(\.$name).all()
    }

    /// The public bodies, by name.
    public func publicBodies() async throws -> [OrganisationModel] {
        try await all().filter { $0.organisationKind.sector == .publicBody }
    }

    /// The public bodies whose own figures `viewer` may read (the dashboard's rule,
    /// `IndicatorStore.mayRead`: their members and the administrator), by name.
    public func publicBodies(readableBy viewer: Viewer) async throws -> [OrganisationModel] {
        try await publicBodies().filter { $0.id.map { IndicatorStore.mayRead($0, viewer: viewer) } ?? false }
            .sorted { $0.name < $1.name }
    }

    /// How many organisations there are.
    public func count() async throws -> Int {
        try await OrganisationModel.query(on: db).count()
    }
}
