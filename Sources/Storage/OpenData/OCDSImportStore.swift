import Fluent
import Foundation
import OCDS
import SocialValue

/// Stores procurements imported from OCDS (`commonweal import ocds`, docs/ocds.md): one batch of records
/// in one transaction, idempotent by the hash of each compiled release.
public struct OCDSImportStore: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    /// What the import did with one record.
    public enum Outcome: String, Sendable, Equatable {
        case created, updated, unchanged
    }

    /// One record to import: what it maps to, the hash of its compiled release and the file it came from.
    public struct Item: Sendable {
        public let procurement: ImportedProcurement
        public let hash: String
        public let source: String

        /// Throws `OCDSShapeError` when the compiled release has no `ocid`.
        public init(compiledRelease: OCDS.JSONValue, source: String) throws {
            procurement = try OCDSImportMapping.procurement(from: compiledRelease)
            hash = AuditLog.sha256Hex(compiledRelease.serialized(.compact))
            self.source = source
        }
    }

    /// The outcome of each item, and how many organisations were created.
    public struct BatchResult: Sendable, Equatable {
        public var outcomes: [Outcome]
        public var organisationsCreated: Int
    }

    struct RolledBack: Error {
        let result: BatchResult
    }

    /// Imports `items` in one transaction: a record whose hash is stored already is unchanged; a new ocid
    /// is created; a changed one replaces its awards and contracts. A dry run does the same work and then
    /// rolls it back. Only the administrator (the command line) imports.
    public func importBatch(_ items: [Item], dryRun: Bool, viewer: Viewer, by actor: Actor) async throws
        -> BatchResult
    {
        guard viewer.canAdminister else {
            throw StorageError.forbidden("Only the installation administrator imports OCDS data")
        }
        do {
            return try await db.write { tx in
                var matcher = try await OCDSOrganisationMatcher.load(on: tx)
                var outcomes: [Outcome] = []
                for item in items {
                    outcomes.append(try await Self.importOne(item, &matcher, by: actor, on: tx))
                }
                let result = BatchResult(outcomes: outcomes, organisationsCreated: matcher.created)
                if dryRun { throw RolledBack(result: result) }
                return result
            }
        } catch let r as RolledBack {
            return r.result
        }
    }

    static func importOne(_ item: Item, _ matcher: inout OCDSOrganisationMatcher, by actor: Actor, on db: Database)
        async throws -> Outcome
    {
        let p = item.procurement
        let existing = try await OCDSProcurementModel.query(on: db).filter(\.$ocid == p.ocid).first()
        if let existing, existing.recordHash == item.hash { return .unchanged }
        var orgs: [String: UUID] = [:]
        let supplierRefs = Set(p.awards.flatMap(\.supplierRefs))
        for party in p.parties where party.ref == p.buyerRef || supplierRefs.contains(party.ref) {
            guard orgs[party.ref] == nil else { continue }
            orgs[party.ref] = try await matcher.organisation(
                for: party, buyer: party.ref == p.buyerRef, by: actor, on: db)
        }
        let model = existing ?? OCDSProcurementModel()
        let before: [String: String?]? = existing.map { ["ocid": $0.ocid, "hash": $0.recordHash, "source": $0.source] }
        model.ocid = p.ocid
        model.recordHash = item.hash
        model.source = item.source
        model.$buyer.id = p.buyerRef.flatMap { orgs[$0] }
        model.title = p.title
        model.description = p.description
        model.status = p.status
        model.valueAmount = p.value?.text
        model.currency = p.value?.currency
        model.tenderRef = p.tender.id
        model.tenderStatus = p.tender.status
        model.procurementMethod = p.tender.procurementMethod
        model.awardCriteria = p.tender.awardCriteria
        model.awardCriteriaDetails = p.tender.awardCriteriaDetails
        model.criteria = criteriaJSON(p.tender)
        model.tenderEnds = p.tender.tenderEnds
        model.starts = p.startDate
        model.ends = p.endDate
        model.releaseDate = p.date
        if existing != nil {
            try await model.update(on: db)
            let id = try model.requireID()
            let awardIDs = try await OCDSAwardModel.query(on: db).filter(\.$procurement.$id == id).all(\.$id)
            if !awardIDs.isEmpty {
                try await OCDSAwardSupplierModel.query(on: db).filter(\.$award.$id ~~ awardIDs).delete()
            }
            try await OCDSAwardModel.query(on: db).filter(\.$procurement.$id == id).delete()
            try await OCDSContractModel.query(on: db).filter(\.$procurement.$id == id).delete()
        } else {
            try await model.create(on: db)
        }
        let procurementID = try model.requireID()
        for a in p.awards {
            let award = OCDSAwardModel()
            award.$procurement.id = procurementID
            award.awardRef = a.id
            award.title = a.title
            award.status = a.status
            award.awarded = a.date
            award.valueAmount = a.value?.text
            award.currency = a.value?.currency
            award.starts = a.startDate
            award.ends = a.endDate
            award.relatedLots = a.relatedLots.joined(separator: "\n")
            try await award.create(on: db)
            var linked: Set<UUID> = []
            for ref in a.supplierRefs {
                guard let org = orgs[ref], linked.insert(org).inserted else { continue }
                let row = OCDSAwardSupplierModel()
                row.$award.id = try award.requireID()
                row.$organisation.id = org
                try await row.create(on: db)
            }
        }
        for c in p.contracts {
            let contract = OCDSContractModel()
            contract.$procurement.id = procurementID
            contract.contractRef = c.id
            contract.awardRef = c.awardID
            let award = p.awards.first { $0.id == c.awardID }
            contract.$supplier.id = award?.supplierRefs.lazy.compactMap { orgs[$0] }.first
            contract.title = c.title
            contract.status = c.status
            contract.valueAmount = c.value?.text
            contract.currency = c.value?.currency
            contract.starts = c.startDate
            contract.ends = c.endDate
            contract.signed = c.dateSigned
            try await contract.create(on: db)
        }
        let after: [String: String?] = ["ocid": p.ocid, "hash": item.hash, "source": item.source]
        try await AuditLog.record(
            existing == nil ? "imported" : "reimported", "ocds-record", id: p.ocid,
            changes: AuditLog.diff(before, after), by: actor, on: db)
        return existing == nil ? .created : .updated
    }

    struct StoredCriterion: Codable {
        var lot: String?
        var name: String
        var type: String?
        var weight: String?
    }

    /// The tender's and its lots' criteria as JSON, keys sorted.
    static func criteriaJSON(_ tender: ImportedTender) -> String {
        var all = tender.criteria.map { StoredCriterion(lot: nil, name: $0.name, type: $0.type, weight: $0.weight) }
        for lot in tender.lots {
            all += lot.criteria.map { StoredCriterion(lot: lot.id, name: $0.name, type: $0.type, weight: $0.weight) }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(all)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    /// What a whole import did.
    public struct Summary: Sendable, Equatable {
        public var created = 0
        public var updated = 0
        public var unchanged = 0
        public var organisationsCreated = 0
    }

    /// Imports a plan's items in batches of `batchSize`, each in one transaction (all in one batch in a
    /// dry run, so later records see the organisations of earlier ones): a run stopped part way keeps the
    /// batches committed, and running it again finds them unchanged. `progress` gets (done, total).
    public func run(
        _ plan: OCDSImportPlan, batchSize: Int, dryRun: Bool, viewer: Viewer, by actor: Actor,
        progress: (Int, Int) -> Void = { _, _ in }
    ) async throws -> Summary {
        var summary = Summary()
        let items = plan.stopped ? [] : plan.items
        let size = dryRun ? max(1, items.count) : max(1, batchSize)
        var done = 0
        for start in stride(from: 0, to: items.count, by: size) {
            let batch = Array(items[start..<min(start + size, items.count)])
            let result = try await importBatch(batch, dryRun: dryRun, viewer: viewer, by: actor)
            for o in result.outcomes {
                switch o {
                case .created: summary.created += 1
                case .updated: summary.updated += 1
                case .unchanged: summary.unchanged += 1
                }
            }
            summary.organisationsCreated += result.organisationsCreated
            done += batch.count
            progress(done, items.count)
        }
        return summary
    }

    /// How much imported data there is.
    public struct Counts: Sendable, Equatable {
        public var procurements: Int
        public var awards: Int
        public var contracts: Int
        /// Distinct organisations that are the buyer of an imported procurement.
        public var buyers: Int
        /// Distinct organisations that are a supplier of an imported award.
        public var suppliers: Int
        public var organisations: Int
    }

    public func counts(viewer: Viewer) async throws -> Counts {
        guard viewer.canAdminister else {
            throw StorageError.forbidden("Only the installation administrator reads the import's figures")
        }
        let buyers = Set(try await OCDSProcurementModel.query(on: db).all(\.$buyer.$id).compactMap { $0 })
        let suppliers = Set(try await OCDSAwardSupplierModel.query(on: db).all(\.$organisation.$id))
        return Counts(
            procurements: try await OCDSProcurementModel.query(on: db).count(),
            awards: try await OCDSAwardModel.query(on: db).count(),
            contracts: try await OCDSContractModel.query(on: db).count(),
            buyers: buyers.count, suppliers: suppliers.count,
            organisations: try await OrganisationModel.query(on: db).count())
    }
}
