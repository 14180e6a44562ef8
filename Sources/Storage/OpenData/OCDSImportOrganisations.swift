import Fluent
import Foundation
import OCDS
import SocialValue

/// Finds or creates the organisation a party names (docs/ocds.md, "Organisations"): by identifier scheme
/// and id (ours recorded by earlier imports, and `GB-COH` / `GB-CHC` against company and charity numbers),
/// else by normalised name, else a new organisation.
struct OCDSOrganisationMatcher {
    var byIdentifier: [ImportedIdentifier: UUID] = [:]
    var byName: [String: UUID] = [:]
    var created = 0

    static func load(on db: Database) async throws -> Self {
        var m = Self()
        for row in try await OCDSOrganisationIdentifierModel.query(on: db).all() {
            m.byIdentifier[ImportedIdentifier(scheme: row.scheme, id: row.identifier)] = row.$organisation.id
        }
        for org in try await OrganisationModel.query(on: db).sort(\.$name).all() {
            guard let id = org.id else { continue }
            if m.byName[key(org.name)] == nil { m.byName[key(org.name)] = id }
            if let n = org.companyNumber, !n.isEmpty {
                let ident = ImportedIdentifier(scheme: "GB-COH", id: n)
                if m.byIdentifier[ident] == nil { m.byIdentifier[ident] = id }
            }
            if let n = org.charityNumber, !n.isEmpty {
                let ident = ImportedIdentifier(scheme: "GB-CHC", id: n)
                if m.byIdentifier[ident] == nil { m.byIdentifier[ident] = id }
            }
        }
        return m
    }

    /// The matching key of a name: its normalised form, or the trimmed name when that is empty.
    static func key(_ name: String) -> String {
        let n = OCDSImportMapping.normalisedName(name)
        return n.isEmpty ? name.trimmingCharacters(in: .whitespacesAndNewlines) : n
    }

    /// The organisation for `party`, created when nothing matches (a buyer as another public body; a
    /// supplier as an SME, a social enterprise (VCSE) or a large business by `details`).
    mutating func organisation(for party: ImportedParty, buyer: Bool, by actor: Actor, on db: Database) async throws
        -> UUID
    {
        if let ident = party.identifier, let id = byIdentifier[ident] { return id }
        let key = Self.key(party.name)
        if let id = byName[key] {
            try await remember(party.identifier, id, on: db)
            return id
        }
        let org = OrganisationModel()
        org.name = party.name
        org.organisationKind =
            buyer
            ? .otherPublicBody : party.isVCSE == true ? .socialEnterprise : party.isSME == true ? .sme : .largeBusiness
        org.isSME = party.isSME ?? false
        org.isVCSE = party.isVCSE ?? false
        org.companyNumber = party.identifier?.scheme == "GB-COH" ? party.identifier?.id : nil
        org.charityNumber = party.identifier?.scheme == "GB-CHC" ? party.identifier?.id : nil
        org.addressLine1 = party.streetAddress ?? ""
        org.town = party.locality ?? ""
        org.postcode = party.postalCode ?? ""
        org.area = ""
        try await org.create(on: db)
        let id = try org.requireID()
        try await AuditLog.record(
            "created", "organisation", id: id.uuidString, changes: AuditLog.diff(nil, org.auditFields), by: actor,
            on: db)
        byName[key] = id
        created += 1
        try await remember(party.identifier, id, on: db)
        return id
    }

    private mutating func remember(_ identifier: ImportedIdentifier?, _ id: UUID, on db: Database) async throws {
        guard let identifier, byIdentifier[identifier] == nil else { return }
        let row = OCDSOrganisationIdentifierModel()
        row.scheme = identifier.scheme
        row.identifier = identifier.id
        row.$organisation.id = id
        try await row.create(on: db)
        byIdentifier[identifier] = id
    }
}
