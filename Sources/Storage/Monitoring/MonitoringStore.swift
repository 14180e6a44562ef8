import Fluent
import Foundation
import SocialValue

/// Monitoring returns: the supplier reports what it delivered against each contract commitment
/// in each reporting period, with evidence; the buyer's commissioners verify or send it back
/// (DOMAIN.md §5 and §7; Compact principles 3.6 and 3.17). Access is checked here with the Viewer:
/// someone who cannot see the contract finds nothing.
public struct MonitoringStore: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    public struct PeriodRow: Sendable {
        public let period: ReportingPeriod
        public let returnStatus: ReturnStatus?
        public let status: PeriodStatus
    }

    public struct Overview: Sendable {
        public let contract: ContractModel
        public let periods: [PeriodRow]
        public let progress: ContractProgress
        public let canEdit: Bool
        public let canVerify: Bool
    }

    public struct Line: Sendable {
        public let commitment: MonitoredCommitment
        public let claimed: Decimal?
        public let note: String?
        public let verified: Decimal?
        public let verificationNote: String?
    }

    public struct Evidence: Sendable {
        public let id: UUID
        public let description: String
        public let filename: String
        public let sizeBytes: Int
    }

    /// One period's return as its readers see it (`status` nil when none has been started).
    public struct ReturnView: Sendable {
        public let contract: ContractModel
        public let period: ReportingPeriod
        public let periodStatus: PeriodStatus
        public let status: ReturnStatus?
        public let narrative: String
        public let lines: [Line]
        public let evidence: [Evidence]
        public let submittedAt: Date?
        public let submittedBy: String?
        public let decidedAt: Date?
        public let decidedBy: String?
        public let reason: String?
        public let canEdit: Bool
        public let canVerify: Bool

        public var isEditable: Bool { canEdit && (status?.isEditable ?? true) }
        public var isVerifiable: Bool { canVerify && status == .submitted }
    }

    // MARK: Reading

    static func monitored(_ rows: [ContractCommitmentModel]) -> [MonitoredCommitment] {
        rows.map {
            MonitoredCommitment(
                code: $0.measureCode, name: $0.name, unit: $0.unit,
                committed: DecimalText.parse($0.quantity) ?? 0, proxy: DecimalText.parse($0.proxy) ?? 0)
        }
    }

    public static func periods(_ c: ContractModel) -> [ReportingPeriod] {
        guard let start = CalendarDate(iso: c.startsOn), let end = CalendarDate(iso: c.endsOn) else { return [] }
        return MonitoringPeriods.periods(start: start, end: end, frequency: c.frequency)
    }

    static func period(_ c: ContractModel, _ number: Int) throws -> ReportingPeriod {
        guard let p = periods(c).first(where: { $0.number == number }) else {
            throw StorageError.notFound("The reporting period")
        }
        return p
    }

    /// The contract, if the viewer may see its monitoring (others: not found).
    static func visibleContract(_ id: UUID, _ viewer: Viewer, on db: Database) async throws -> ContractModel {
        let c = try await AwardStore.find(id, on: db)
        guard viewer.canSeeMonitoring(buyer: c.$buyer.id, supplier: c.$supplier.id) else {
            throw StorageError.notFound("The contract")
        }
        return c
    }

    public static func commitments(_ contractID: UUID, on db: Database) async throws -> [ContractCommitmentModel] {
        try await ContractCommitmentModel.query(on: db).filter(\.$contract.$id == contractID).sort(\.$measureCode).all()
    }

    static func find(_ contractID: UUID, period: Int, on db: Database) async throws -> MonitoringReturnModel? {
        try await MonitoringReturnModel.query(on: db).filter(\.$contract.$id == contractID).filter(
            \.$periodNumber == period
        ).first()
    }

    static func lines(_ returnIDs: [UUID], on db: Database) async throws -> [MonitoringReturnLineModel] {
        guard !returnIDs.isEmpty else { return [] }
        return try await MonitoringReturnLineModel.query(on: db).filter(\.$monitoringReturn.$id ~~ returnIDs).with(
            \.$commitment
        ).all()
    }

    static func progress(_ contractID: UUID, commitments: [ContractCommitmentModel], on db: Database) async throws
        -> ContractProgress
    {
        let returns = try await MonitoringReturnModel.query(on: db).filter(\.$contract.$id == contractID).all()
        let allLines = try await lines(returns.compactMap(\.id), on: db)
        let counted = returns.map { r -> ContractProgress.Return in
            var claimed: [String: Decimal] = [:]
            var verified: [String: Decimal] = [:]
            for l in allLines where l.$monitoringReturn.id == r.id {
                claimed[l.commitment.measureCode] = l.claimedQuantity.flatMap(DecimalText.parse)
                verified[l.commitment.measureCode] = l.verifiedQuantity.flatMap(DecimalText.parse)
            }
            return .init(status: r.statusValue, claimed: claimed, verified: verified)
        }
        return ContractProgress(commitments: monitored(commitments), returns: counted)
    }

    /// The periods with their return status, the delivery so far, and what the viewer may do.
    public func overview(contract id: UUID, viewer: Viewer, now: Date = Date()) async throws -> Overview {
        let c = try await Self.visibleContract(id, viewer, on: db)
        let today = UKTime.date(at: now)
        let returns = try await MonitoringReturnModel.query(on: db).filter(\.$contract.$id == id).all()
        let byPeriod = Dictionary(returns.map { ($0.periodNumber, $0.statusValue) }, uniquingKeysWith: { a, _ in a })
        let rows = Self.periods(c).map { p in
            PeriodRow(
                period: p, returnStatus: byPeriod[p.number],
                status: PeriodStatus.of(p, returnStatus: byPeriod[p.number], today: today))
        }
        let progress = try await Self.progress(id, commitments: try await Self.commitments(id, on: db), on: db)
        return Overview(
            contract: c, periods: rows, progress: progress, canEdit: viewer.canEditReturns(supplier: c.$supplier.id),
            canVerify: viewer.canVerifyReturns(buyer: c.$buyer.id))
    }

    /// The delivery so far (verified returns only; submitted ones awaiting verification apart).
    public func progress(contract id: UUID, viewer: Viewer) async throws -> ContractProgress {
        _ = try await Self.visibleContract(id, viewer, on: db)
        return try await Self.progress(id, commitments: try await Self.commitments(id, on: db), on: db)
    }

    /// One period's return (empty lines when none has been started).
    public func returnView(contract id: UUID, period number: Int, viewer: Viewer, now: Date = Date()) async throws
        -> ReturnView
    {
        let c = try await Self.visibleContract(id, viewer, on: db)
        let p = try Self.period(c, number)
        let r = try await Self.find(id, period: number, on: db)
        let rows = try await Self.lines(r.map { [$0.id!] } ?? [], on: db)
        let commitments = try await Self.commitments(id, on: db)
        let lines = zip(commitments, Self.monitored(commitments)).map { row, m -> Line in
            let l = rows.first { $0.$commitment.id == row.id }
            return Line(
                commitment: m, claimed: l?.claimedQuantity.flatMap(DecimalText.parse), note: l?.note,
                verified: l?.verifiedQuantity.flatMap(DecimalText.parse), verificationNote: l?.verificationNote)
        }
        let evidence = r == nil ? [] : try await Self.evidence(of: r!.id!, on: db)
        return ReturnView(
            contract: c, period: p,
            periodStatus: PeriodStatus.of(p, returnStatus: r?.statusValue, today: UKTime.date(at: now)),
            status: r?.statusValue, narrative: r?.narrative ?? "", lines: lines, evidence: evidence,
            submittedAt: r?.submittedAt, submittedBy: r?.submittedBy, decidedAt: r?.decidedAt, decidedBy: r?.decidedBy,
            reason: r?.reason, canEdit: viewer.canEditReturns(supplier: c.$supplier.id),
            canVerify: viewer.canVerifyReturns(buyer: c.$buyer.id))
    }

    static func evidence(of returnID: UUID, on db: Database) async throws -> [Evidence] {
        try await MonitoringEvidenceModel.query(on: db).filter(\.$monitoringReturn.$id == returnID).sort(\.$uploadedAt)
            .sort(\.$id)
            .field(\.$id).field(\.$title).field(\.$filename).field(\.$sizeBytes).field(\.$uploadedAt).all()
            .map { Evidence(id: $0.id!, description: $0.title, filename: $0.filename, sizeBytes: $0.sizeBytes) }
    }

    /// A piece of evidence's bytes, for whoever sees the contract's monitoring.
    public func evidenceFile(_ evidenceID: UUID, contract id: UUID, period number: Int, viewer: Viewer) async throws
        -> MonitoringEvidenceModel
    {
        _ = try await Self.visibleContract(id, viewer, on: db)
        guard let r = try await Self.find(id, period: number, on: db),
            let e = try await MonitoringEvidenceModel.query(on: db).filter(\.$id == evidenceID).filter(
                \.$monitoringReturn.$id == r.id!
            ).first()
        else { throw StorageError.notFound("The evidence") }
        return e
    }

    /// Per contract the viewer buys: returns waiting for verification and periods overdue.
    public struct Attention: Sendable, Equatable {
        public var toVerify = 0
        public var overdue = 0
    }

    /// For each of `contracts` whose monitoring `viewer` may see (the others are left out).
    public func attention(contracts all: [ContractModel], viewer: Viewer, now: Date = Date()) async throws -> [UUID:
        Attention]
    {
        let contracts = all.filter { viewer.canSeeMonitoring(buyer: $0.$buyer.id, supplier: $0.$supplier.id) }
        let ids = contracts.compactMap(\.id)
        guard !ids.isEmpty else { return [:] }
        let today = UKTime.date(at: now)
        let returns = try await MonitoringReturnModel.query(on: db).filter(\.$contract.$id ~~ ids).all()
        var result: [UUID: Attention] = [:]
        for c in contracts {
            let mine = Dictionary(
                returns.filter { $0.$contract.id == c.id }.map { ($0.periodNumber, $0.statusValue) },
                uniquingKeysWith: { a, _ in a })
            var a = Attention()
            for p in Self.periods(c) {
                switch PeriodStatus.of(p, returnStatus: mine[p.number], today: today) {
                case .submitted: a.toVerify += 1
                case .overdue: a.overdue += 1
                default: break
                }
            }
            result[try c.requireID()] = a
        }
        return result
    }

    /// A period someone has to act on, for the dashboard.
    public struct Task: Sendable {
        public let contract: ContractModel
        public let period: ReportingPeriod
        public let status: PeriodStatus
    }

    /// The periods the viewer's organisations have to act on (`MonitoringTask`): as the buyer,
    /// returns to verify and overdue returns to chase; as the supplier, returns to write. Oldest
    /// due date first.
    public func tasks(for viewer: Viewer, now: Date = Date()) async throws -> [Task] {
        let contracts = try await AwardStore(db).contracts(for: viewer)
        let today = UKTime.date(at: now)
        let returns = try await MonitoringReturnModel.query(on: db).filter(
            \.$contract.$id ~~ contracts.compactMap(\.id)
        ).all()
        var tasks: [Task] = []
        for c in contracts {
            let buyer = viewer.belongs(to: c.$buyer.id)
            let supplier = viewer.belongs(to: c.$supplier.id)
            for p in Self.periods(c) {
                let stored = returns.first { $0.$contract.id == c.id && $0.periodNumber == p.number }?.statusValue
                let status = PeriodStatus.of(p, returnStatus: stored, today: today)
                if (buyer && MonitoringTask.buyerActs(status))
                    || (supplier && MonitoringTask.supplierActs(status, p, today: today))
                {
                    tasks.append(Task(contract: c, period: p, status: status))
                }
            }
        }
        return tasks.sorted { ($0.period.dueOn, $0.contract.title) < ($1.period.dueOn, $1.contract.title) }
    }
}
