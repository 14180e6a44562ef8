import Fluent
import Foundation
import SocialValue

/// The figures a dashboard leads with (docs/dashboard.md): a public body's tenders, contracts and
/// their delivery, decommissioning cases, consultations and strategy targets; a supplier's bids.
/// Each counts only the one organisation asked about, for its own members, in a fixed number of
/// queries however many contracts, strategies and priorities it has.
public struct DashboardStore: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    /// One strategy priority's target beside what the body achieved so far.
    public struct Target: Sendable {
        public let compactID: UUID
        public let strategy: String
        public let outcome: String
        public let target: String
        public let period: String
        public let achieved: StrategyAchievement
    }

    public struct BodyFigures: Sendable {
        public let tendersOpen: Int
        public let tendersToEvaluate: Int
        public let delivery: DeliveryFigures
        public let decommissioningOpen: Int
        public let consultationsOpen: Int
        public let consultationsClosed: Int
        /// Published consultations whose period meets the Compact's minimum (twelve weeks by default).
        public let consultationsMeetingMinimum: Int
        public let consultationsPublished: Int
        public let targets: [Target]
    }

    static func check(_ op: DashboardOperation, _ viewer: Viewer, buyer: UUID = UUID(), supplier: UUID = UUID())
        throws
    {
        let outcome = op.outcome(for: viewer, on: AccessSubject(buyer: buyer, supplier: supplier, compact: UUID()))
        guard outcome == .allowed else {
            throw StorageError.forbidden(
                op == .readBodyFigures
                    ? "Only the body’s own members see its figures" : "Only the supplier’s members see its bids")
        }
    }

    public func bodyFigures(of body: UUID, viewer: Viewer, now: Date = Date()) async throws -> BodyFigures {
        try Self.check(.readBodyFigures, viewer, buyer: body)
        let procurementIDs = try await ProcurementModel.query(on: db).filter(\.$owner.$id == body).all().compactMap(
            \.id)
        let tenders =
            procurementIDs.isEmpty
            ? [] : try await TenderModel.query(on: db).filter(\.$procurement.$id ~~ procurementIDs).all()
        let phases = tenders.map { $0.phase(at: now) }
        let contracts = try await ContractModel.query(on: db).filter(\.$buyer.$id == body).with(\.$supplier).all()
        let progress = try await Self.progress(of: contracts, buyer: body, on: db)
        let cases = try await DecommissioningCaseModel.query(on: db).filter(\.$owner.$id == body)
            .filter(\.$statusValue == .assessing).count()
        let consultations = try await ConsultationModel.query(on: db).filter(\.$owner.$id == body)
            .filter(\.$isPublished == true).all()
        let consultationPhases = consultations.map { $0.phase(at: now, summaryPublished: false) }
        return BodyFigures(
            tendersOpen: phases.filter { $0 == .open }.count,
            tendersToEvaluate: phases.filter { [.closed, .bidsOpened, .evaluation].contains($0) }.count,
            delivery: DeliveryFigures(progress), decommissioningOpen: cases,
            consultationsOpen: consultationPhases.filter { $0 == .open }.count,
            consultationsClosed: consultationPhases.filter(\.hasClosed).count,
            consultationsMeetingMinimum: consultations.filter(\.meetsMinimum).count,
            consultationsPublished: consultations.count,
            targets: try await targets(body, contracts: contracts, progress: progress, now: now))
    }

    func targets(_ body: UUID, contracts: [ContractModel], progress: [ContractProgress], now: Date) async throws
        -> [Target]
    {
        let today = UKTime.date(at: now)
        let signups = try await StrategySignupModel.query(on: db).filter(\.$organisation.$id == body).with(
            \.$strategy
        ).all()
        let awarded = contracts.compactMap { c -> StrategyAchievement.AwardedContract? in
            guard let on = CalendarDate(iso: c.awardedOn) else { return nil }
            return .init(
                value: c.value, awardedOn: on,
                supplierIsVCSE: c.supplier.isVCSE || c.supplier.organisationKind.isAlwaysVCSE)
        }
        let (priorities, codes) = try await Self.priorities(
            of: try signups.map { try $0.strategy.requireID() }, on: db)
        var out: [Target] = []
        for s in signups {
            let strategy = s.strategy
            for p in priorities[try strategy.requireID()] ?? [] {
                let achieved: StrategyAchievement
                if StrategyAchievement.isAboutVCSESpend(p.target),
                    let starts = CalendarDate(iso: strategy.startsOn), let ends = CalendarDate(iso: strategy.endsOn),
                    let year = StrategyAchievement.strategyYear(containing: today, starts: starts, ends: ends)
                {
                    achieved = StrategyAchievement.vcseSpend(awarded, from: year.from, to: today)
                } else {
                    achieved = StrategyAchievement.verifiedDelivery(
                        progress, measureCodes: codes[p.$outcome.id] ?? [])
                }
                out.append(
                    Target(
                        compactID: strategy.$compact.id, strategy: strategy.title, outcome: p.outcome.name,
                        target: p.target, period: p.period, achieved: achieved))
            }
        }
        return out
    }

    /// One of a supplier's bids with where it stands.
    public struct SupplierBid: Sendable {
        public let tenderID: UUID
        public let title: String
        public let buyer: String
        public let status: SupplierBidStatus
        public let deadline: Date
        public let contractID: UUID?
    }

    /// The supplier's bids, newest tender deadline first.
    public func supplierBids(of supplier: UUID, viewer: Viewer, now: Date = Date()) async throws -> [SupplierBid] {
        try Self.check(.readSupplierBids, viewer, supplier: supplier)
        let bids = try await BidModel.query(on: db).filter(\.$organisation.$id == supplier).with(\.$tender) {
            $0.with(\.$procurement) { $0.with(\.$owner) }
        }.all()
        var out: [SupplierBid] = []
        for b in bids {
            let t = b.tender
            let contract = try await ContractModel.query(on: db).filter(\.$tender.$id == t.requireID()).first()
            let won = contract?.$bid.id == b.id
            out.append(
                SupplierBid(
                    tenderID: try t.requireID(), title: t.procurement.title, buyer: t.procurement.owner.name,
                    status: .of(bid: b.statusValue, tender: t.phase(at: now), won: won), deadline: t.deadlineAt,
                    contractID: won ? contract?.id : nil))
        }
        return out.sorted { $0.deadline > $1.deadline }
    }
}
