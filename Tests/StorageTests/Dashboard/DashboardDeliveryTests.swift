import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing
import Vapor

@testable import Storage

private func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

/// The body's delivery figures over several contracts, read in a fixed number of grouped queries
/// (docs/dashboard.md), against totals worked by hand. Quarterly contracts from 1 April 2027.
///
/// The county buys three:
/// - A (`MonitoringArea`'s, the food bank): APPR 10 × £244.63 + VCSE-SPEND 30,000 × £1.00 =
///   £32,446.30 committed. Period 1 verified at APPR 3, VCSE-SPEND 10,000: £733.89 + £10,000.00 =
///   £10,733.89. Period 2 submitted, APPR 2, VCSE-SPEND 5,000: £489.26 + £5,000.00 = £5,489.26 awaiting.
/// - B (the food bank): APPR 6 × £244.63 = £1,467.78 committed. Period 1 submitted, APPR 2:
///   £489.26 awaiting.
/// - C (Kestrel): VCSE-SPEND 12,500.50 × £1.00 + SOC1 40 × £16.23 = £12,500.50 + £649.20 =
///   £13,149.70 committed. Period 1 verified as claimed, VCSE-SPEND 2,000.25 and SOC1 10:
///   £2,000.25 + £162.30 = £2,162.55. Period 2 a draft (SOC1 5): counts nowhere.
/// County: 3 contracts; committed £32,446.30 + £1,467.78 + £13,149.70 = £47,063.78; verified
/// £10,733.89 + £2,162.55 = £12,896.44; awaiting £5,489.26 + £489.26 = £5,978.52.
///
/// Kestrel buys one, D, from the food bank: APPR 1 × £244.63 committed, period 1 submitted with
/// APPR 1: £244.63 awaiting. It counts for Kestrel only.
@Suite struct DashboardDeliveryTests {
    static func contract(
        _ m: MonitoringArea, _ app: Application, title: String, buyer: UUID, supplier: UUID,
        commitments: [(code: String, quantity: String, proxy: String)]
    ) async throws -> UUID {
        let p = try await ProcurementStore(app.db).create(
            owner: m.a.area.county, compact: m.a.area.compact, ProcurementStoreTests.input(title: title),
            viewer: m.a.commissioner, by: m.priyaActor)
        let t = try await m.a.tenders.save(
            procurement: p.id!, TenderArea.input(), viewer: m.a.commissioner, by: m.priyaActor)
        let bid = try await BidModel.query(on: app.db).filter(\.$organisation.$id == m.a.area.foodbank).first()!
        let c = ContractModel()
        c.$tender.id = t.id!
        c.$procurement.id = p.id!
        c.$bid.id = bid.id!
        c.$buyer.id = buyer
        c.$supplier.id = supplier
        c.title = title
        c.valuePence = 50_000_00
        c.startsOn = "2027-04-01"
        c.endsOn = "2028-03-31"
        c.awardedOn = "2027-03-15"
        c.standstillEndsOn = "2027-03-25"
        c.monitoringPlan = "Quarterly returns"
        c.frequency = .quarterly
        c.awardedBy = "priya@eastmoor.example"
        try await c.create(on: app.db)
        for (code, quantity, proxy) in commitments {
            let k = ContractCommitmentModel()
            k.$contract.id = c.id!
            k.measureCode = code
            k.name = code
            k.unit = "units"
            k.quantity = quantity
            k.proxy = proxy
            k.monetised = "0"
            try await k.create(on: app.db)
        }
        return c.id!
    }

    static func submit(
        _ m: MonitoringArea, contract: UUID, period: Int, _ lines: [String: String], as viewer: Viewer,
        _ actor: Actor, at now: Date
    ) async throws {
        let input = ReturnInput(narrative: "Quarter \(period)", lines: lines.mapValues { .init(quantity: $0) })
        _ = try await m.store.save(
            contract: contract, period: period, input, submit: false, viewer: viewer, by: actor, now: now)
        try await m.store.addEvidence(
            contract: contract, period: period, description: "Timesheets", filename: "hours.csv",
            bytes: Array("name,hours\nA,5\n".utf8), viewer: viewer, by: actor, now: now)
        _ = try await m.store.save(
            contract: contract, period: period, input, submit: true, viewer: viewer, by: actor, now: now)
    }

    @Test(arguments: Backend.all)
    func aBodysFiguresOverSeveralContractsMatchTheSumsWorkedByHand(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let m = try await MonitoringArea(app)
            let county = m.a.area.county
            let firm = m.a.area.firm
            let foodbank = m.a.area.foodbank
            let kim = Actor.user(m.a.area.kim)
            let july = utc("2027-07-01T09:00:00Z")
            let october = utc("2027-10-02T09:00:00Z")
            // A.
            try await m.submitted(1, at: july)
            _ = try await m.store.decide(
                contract: m.contract, period: 1,
                VerificationInput(decision: "verify", lines: ["APPR": .init(quantity: "3", note: "Induction week")]),
                viewer: m.a.commissioner, by: m.priyaActor, now: utc("2027-07-05T09:00:00Z"))
            try await Self.submit(
                m, contract: m.contract, period: 2, ["APPR": "2", "VCSE-SPEND": "5000"], as: m.sam, m.samActor,
                at: october)
            // B.
            let b = try await Self.contract(
                m, app, title: "Meals at home", buyer: county, supplier: foodbank,
                commitments: [("APPR", "6", "244.63")])
            try await Self.submit(m, contract: b, period: 1, ["APPR": "2"], as: m.sam, m.samActor, at: july)
            // C.
            let c = try await Self.contract(
                m, app, title: "Grounds care", buyer: county, supplier: firm,
                commitments: [("VCSE-SPEND", "12500.50", "1.00"), ("SOC1", "40", "16.23")])
            try await Self.submit(
                m, contract: c, period: 1, ["VCSE-SPEND": "2000.25", "SOC1": "10"], as: m.a.kim, kim, at: july)
            _ = try await m.store.decide(
                contract: c, period: 1, VerificationInput(decision: "verify", lines: [:]), viewer: m.a.commissioner,
                by: m.priyaActor, now: utc("2027-07-06T09:00:00Z"))
            _ = try await m.store.save(
                contract: c, period: 2, ReturnInput(narrative: "Started", lines: ["SOC1": .init(quantity: "5")]),
                submit: false, viewer: m.a.kim, by: kim, now: october)
            // D, bought by Kestrel.
            let d = try await Self.contract(
                m, app, title: "Office cleaning", buyer: firm, supplier: foodbank,
                commitments: [("APPR", "1", "244.63")])
            try await Self.submit(m, contract: d, period: 1, ["APPR": "1"], as: m.sam, m.samActor, at: july)

            let store = DashboardStore(app.db)
            let now = utc("2027-10-03T09:00:00Z")
            let f = try await store.bodyFigures(of: county, viewer: m.a.commissioner, now: now).delivery
            #expect(f.contracts == 3)
            #expect(f.committed == Decimal(string: "47063.78")!)
            #expect(f.verified == Decimal(string: "12896.44")!)
            #expect(f.claimedNotVerified == Decimal(string: "5978.52")!)
            let kestrel = try await store.bodyFigures(of: firm, viewer: m.a.admin, now: now).delivery
            #expect(kestrel.contracts == 1)
            #expect(kestrel.committed == Decimal(string: "244.63")!)
            #expect(kestrel.verified == 0)
            #expect(kestrel.claimedNotVerified == Decimal(string: "244.63")!)

            // Contract by contract, the grouped read gives what the contract's own page reads.
            let contracts = try await ContractModel.query(on: app.db).filter(\.$buyer.$id == county).all()
            let grouped = try await DashboardStore.progress(of: contracts, buyer: county, on: app.db)
            for (contract, progress) in zip(contracts, grouped) {
                let id = contract.id!
                #expect(
                    progress
                        == (try await MonitoringStore.progress(
                            id, commitments: try await MonitoringStore.commitments(id, on: app.db), on: app.db)))
            }
            #expect(grouped.count == 3)

            // As many queries for the county's three contracts as once two of them are Kestrel's.
            let queries = QueryCount()
            let counted = DashboardStore(CountingDatabase(base: app.db, count: queries))
            _ = try await counted.bodyFigures(of: county, viewer: m.a.commissioner, now: now)
            let forThree = queries.reset()
            for id in [b, c] {
                let moved = try await ContractModel.find(id, on: app.db)!
                moved.$buyer.id = firm
                try await moved.save(on: app.db)
            }
            let one = try await counted.bodyFigures(of: county, viewer: m.a.commissioner, now: now).delivery
            let forOne = queries.reset()
            #expect(one.contracts == 1 && one.committed == Decimal(string: "32446.30")!)
            #expect(forThree > 0)
            #expect(forThree == forOne)
        }
    }
}

/// How many queries a `CountingDatabase` has run.
final class QueryCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func add() { lock.withLock { count += 1 } }

    /// The count so far, starting again from zero.
    func reset() -> Int {
        lock.withLock {
            defer { count = 0 }
            return count
        }
    }
}

/// A database that counts the queries run through it and passes each on unchanged.
struct CountingDatabase: Database {
    let base: any Database
    let count: QueryCount

    var context: DatabaseContext { base.context }
    var inTransaction: Bool { base.inTransaction }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void)
        -> EventLoopFuture<Void>
    {
        count.add()
        return base.execute(query: query, onOutput: onOutput)
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> { base.execute(schema: schema) }

    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { base.execute(enum: `enum`) }

    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        base.transaction(closure)
    }

    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        base.withConnection(closure)
    }
}
