import Fluent
import Foundation
import SocialValue

/// Organisations' public impact profiles (docs/profiles.md), built from published data only:
/// the organisation's public details, its awarded contracts (the public register's view:
/// delivery from verified returns only), the £ values only where the value set's licence
/// permits publication, and the embedded value statement of a bid that won a contract. No
/// draft, unawarded or losing bid, no unverified return, no person's name or email address.
public struct ProfileStore: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    /// One organisation's profile; open to visitors. An unknown organisation: not found.
    public func profile(of id: UUID, viewer: Viewer?) async throws -> ImpactProfile {
        guard
            ProfileOperation.readPublicProfile.outcome(
                for: viewer, on: AccessSubject(buyer: id, supplier: id, compact: UUID())) == .allowed
        else { throw StorageError.forbidden("Public profiles are not open") }
        guard let org = try await OrganisationModel.find(id, on: db) else {
            throw StorageError.notFound("The organisation")
        }
        // Awarded contracts only: a contract exists only once a tender is awarded.
        let delivered = try await ContractModel.query(on: db).filter(\.$supplier.$id == id).with(\.$buyer)
            .with(\.$supplier).with(\.$tender).sort(\.$awardedOn, .descending).sort(\.$title).all()
        var contracts: [ProfileContract] = []
        var embedded: EmbeddedValue?
        for c in delivered {
            let p = try await AwardStore.publicContract(c, on: db)
            contracts.append(
                ProfileContract(
                    id: p.id, title: p.title, buyerID: p.buyerID, buyer: p.buyer, value: p.value,
                    awardedOn: p.awardedOn, startsOn: p.startsOn, endsOn: p.endsOn, delivery: p.delivery,
                    valueSet: try await valueSet(of: c.tender)))
            if embedded == nil, let bid = try await BidModel.find(c.$bid.id, on: db),
                let statement = bid.embeddedValueStatement?.trimmingCharacters(in: .whitespacesAndNewlines),
                !statement.isEmpty
            {
                embedded = EmbeddedValue(
                    statement: statement, contractID: p.id, contractTitle: p.title, awardedOn: p.awardedOn)
            }
        }
        let awarded = try await ContractModel.query(on: db).filter(\.$buyer.$id == id).count()
        return ImpactProfile(
            id: id, details: org.details, contracts: contracts, contractsAwarded: awarded, embeddedValue: embedded)
    }

    /// The value set a tender's proxies were copied from, with its licence as recorded now.
    /// A set no longer stored: its terms are not recorded (nothing is published).
    func valueSet(of tender: TenderModel) async throws -> (name: String, licence: ProxyLicence)? {
        guard let frozen = tender.configuration.valueSet else { return nil }
        guard let set = try await ValueSetModel.find(frozen.id, on: db) else {
            return (frozen.name, .notRecorded)
        }
        return (set.name, set.licence)
    }
}
