import Fluent
import Foundation
import SocialValue

/// One awarded contract as the public register shows it (docs/contracts.md): buyer, supplier,
/// value, dates, the social value commitments with their frozen proxies, and delivery from
/// verified returns only. Nothing from the sealed bids other than the winner's price and
/// commitments (which the contract carries), no claim a buyer has not verified, no names or
/// email addresses of people.
public struct PublicContract: Sendable {
    public let id: UUID
    public let title: String
    public let buyerID: UUID
    public let buyer: String
    public let supplierID: UUID
    public let supplier: String
    public let value: Money
    public let startsOn: String
    public let endsOn: String
    public let awardedOn: String
    /// Built from verified returns only: every line's `awaiting` is zero.
    public let delivery: ContractProgress
}

extension AwardStore {
    /// What the public register's list is narrowed by: words in the title, buyer or supplier
    /// name; one buyer; one supplier.
    public struct PublicSearch: Sendable, Equatable {
        public var text: String?
        public var buyer: UUID?
        public var supplier: UUID?

        public init(text: String? = nil, buyer: UUID? = nil, supplier: UUID? = nil) {
            self.text = text
            self.buyer = buyer
            self.supplier = supplier
        }
    }

    /// The public register of awarded contracts, newest award first; open to visitors.
    public func publicContracts(_ search: PublicSearch = .init(), viewer: Viewer?) async throws -> [PublicContract] {
        try Self.checkPublic(viewer)
        var q = ContractModel.query(on: db).with(\.$buyer).with(\.$supplier).sort(\.$awardedOn, .descending)
            .sort(\.$title)
        if let b = search.buyer { q = q.filter(\.$buyer.$id == b) }
        if let s = search.supplier { q = q.filter(\.$supplier.$id == s) }
        var rows = try await q.all()
        if let words = search.text?.trimmingCharacters(in: .whitespacesAndNewlines).lowercased(), !words.isEmpty {
            rows = rows.filter {
                [$0.title, $0.buyer.name, $0.supplier.name].contains { $0.lowercased().contains(words) }
            }
        }
        var out: [PublicContract] = []
        for c in rows { out.append(try await Self.publicContract(c, on: db)) }
        return out
    }

    /// One awarded contract in the public register; open to visitors.
    public func publicContract(_ id: UUID, viewer: Viewer?) async throws -> PublicContract {
        try Self.checkPublic(viewer)
        return try await Self.publicContract(try Self.find(id, on: db), on: db)
    }

    static func checkPublic(_ viewer: Viewer?) throws {
        let any = UUID()
        guard
            AwardOperation.readPublicContracts.outcome(
                for: viewer, on: AccessSubject(buyer: any, supplier: any, compact: any)) == .allowed
        else { throw StorageError.forbidden("The register of awarded contracts is not open") }
    }

    static func publicContract(_ c: ContractModel, on db: Database) async throws -> PublicContract {
        let id = try c.requireID()
        let commitments = try await MonitoringStore.commitments(id, on: db)
        let verifiedReturns = try await MonitoringReturnModel.query(on: db).filter(\.$contract.$id == id)
            .filter(\.$statusValue == .verified).all()
        let lines = try await MonitoringStore.lines(verifiedReturns.compactMap(\.id), on: db)
        let counted = verifiedReturns.map { r -> ContractProgress.Return in
            var verified: [String: Decimal] = [:]
            for l in lines where l.$monitoringReturn.id == r.id {
                verified[l.commitment.measureCode] = l.verifiedQuantity.flatMap(DecimalText.parse)
            }
            return .init(status: .verified, claimed: [:], verified: verified)
        }
        return PublicContract(
            id: id, title: c.title, buyerID: c.$buyer.id, buyer: c.buyer.name, supplierID: c.$supplier.id,
            supplier: c.supplier.name, value: c.value, startsOn: c.startsOn, endsOn: c.endsOn,
            awardedOn: c.awardedOn,
            delivery: ContractProgress(commitments: MonitoringStore.monitored(commitments), returns: counted))
    }
}
