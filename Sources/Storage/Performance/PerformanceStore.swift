import Fluent
import Foundation
import SocialValue

/// A contract's performance under the Procurement Act 2023 (issue 14; docs/performance.md): its
/// KPIs and its position on the KPI duty, the KPI assessments and what is due, and the register
/// of breaches and failures to perform. Read by those who see the contract's monitoring; written
/// by the buyer's commissioners (`PerformanceOperation`). Nothing recorded is changed: an
/// assessment is amended by a new version, a position by the next one.
public struct PerformanceStore: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    /// One assessment: every version, oldest first; the last is in force.
    public struct Assessment: Sendable {
        public struct Version: Sendable {
            public let row: KPIAssessmentModel
            public let ratings: [UUID: KPIAssessment.Rating]

            public var checked: KPIAssessment {
                KPIAssessment(
                    due: row.dueKey, periodFrom: CalendarDate(iso: row.periodFrom)!,
                    periodTo: CalendarDate(iso: row.periodTo)!, ratings: ratings, narrative: row.narrative)
            }
        }

        public let versions: [Version]
        public var current: Version { versions.last! }
        public var series: UUID { versions[0].row.series }
    }

    public struct Performance: Sendable {
        public let contract: ContractModel
        public let kpis: [ContractKPIModel]
        /// Every version, oldest first.
        public let positions: [KPIPositionModel]
        public let valueIncludingVAT: Decimal
        public let compliance: KPICompliance
        /// Oldest first.
        public let assessments: [Assessment]
        /// Oldest decision first.
        public let failures: [PerformanceFailureModel]
        public let calendar: [PerformanceCalendar.Item]
        public let commitments: [MonitoredCommitment]
        public let canRecord: Bool
        public let today: CalendarDate

        public var position: KPIPosition { positions.last?.position ?? .initial }
    }

    static func contract(_ id: UUID, _ op: PerformanceOperation, _ viewer: Viewer, on db: Database) async throws
        -> ContractModel
    {
        let c = try await AwardStore.find(id, on: db)
        let subject = AccessSubject(buyer: c.$buyer.id, supplier: c.$supplier.id, compact: UUID())
        switch op.outcome(for: viewer, on: subject) {
        case .allowed: return c
        case .notFound: throw StorageError.notFound("The contract")
        case .forbidden:
            throw StorageError.forbidden("Only the buyer’s commissioners record KPIs, assessments and failures")
        }
    }

    public func performance(contract id: UUID, viewer: Viewer, now: Date = Date()) async throws -> Performance {
        let c = try await Self.contract(id, .readPerformance, viewer, on: db)
        return try await Self.performance(c, viewer: viewer, today: UKTime.date(at: now), on: db)
    }

    /// What was recorded on a contract, without what is derived from it: what the OCDS export
    /// publishes.
    struct Records: Sendable {
        let kpis: [ContractKPIModel]
        let positions: [KPIPositionModel]
        let assessments: [Assessment]
        let failures: [PerformanceFailureModel]
    }

    static func records(_ id: UUID, on db: Database) async throws -> Records {
        let kpis = try await ContractKPIModel.query(on: db).filter(\.$contract.$id == id).sort(\.$position).all()
        let positions = try await KPIPositionModel.query(on: db).filter(\.$contract.$id == id).sort(\.$number).all()
        let rows = try await KPIAssessmentModel.query(on: db).filter(\.$contract.$id == id).sort(\.$recordedAt)
            .sort(\.$number).all()
        let ratingRows =
            rows.isEmpty
            ? [] : try await KPIRatingModel.query(on: db).filter(\.$assessment.$id ~~ rows.compactMap(\.id)).all()
        var ratings: [UUID: [UUID: KPIAssessment.Rating]] = [:]
        for r in ratingRows {
            ratings[r.$assessment.id, default: [:]][r.$kpi.id] = .init(rating: r.rating, explanation: r.explanation)
        }
        var order: [UUID] = []
        var bySeries: [UUID: [Assessment.Version]] = [:]
        for r in rows {
            if bySeries[r.series] == nil { order.append(r.series) }
            bySeries[r.series, default: []].append(.init(row: r, ratings: ratings[r.id!] ?? [:]))
        }
        let failures = try await PerformanceFailureModel.query(on: db).filter(\.$contract.$id == id)
            .sort(\.$decidedOn).sort(\.$recordedAt).all()
        return Records(
            kpis: kpis, positions: positions,
            assessments: order.map { Assessment(versions: bySeries[$0]!.sorted { $0.row.number < $1.row.number }) },
            failures: failures)
    }

    static func performance(_ c: ContractModel, viewer: Viewer, today: CalendarDate, on db: Database) async throws
        -> Performance
    {
        let id = try c.requireID()
        let r = try await records(id, on: db)
        let (kpis, positions, assessments, failures) = (r.kpis, r.positions, r.assessments, r.failures)
        let position = positions.last?.position ?? .initial
        let vat = KPIRule.includingVAT(exVAT: Decimal(c.valuePence) / 100)
        let start = CalendarDate(iso: c.startsOn) ?? today
        let calendar = PerformanceCalendar.items(
            start: start, end: CalendarDate(iso: c.endsOn) ?? start,
            terminatedOn: try await terminatedOn(c, on: db),
            breaches: failures.compactMap { CalendarDate(iso: $0.decidedOn) }, hasKPIs: !kpis.isEmpty,
            assessed: Set(assessments.map(\.current.row.dueKey)), today: today)
        return Performance(
            contract: c, kpis: kpis, positions: positions, valueIncludingVAT: vat,
            compliance: KPIRule.check(
                valueIncludingVAT: vat, kind: position.contractKind, kpis: kpis.count,
                reason: position.notAppropriateReason),
            assessments: assessments, failures: failures, calendar: calendar,
            commitments: MonitoringStore.monitored(try await MonitoringStore.commitments(id, on: db)),
            canRecord: PerformanceOperation.recordAssessment.outcome(
                for: viewer, on: AccessSubject(buyer: c.$buyer.id, supplier: c.$supplier.id, compact: UUID()))
                == .allowed,
            today: today)
    }

    /// The day a decided decommissioning case ends the contract before its end, if one does.
    static func terminatedOn(_ c: ContractModel, on db: Database) async throws -> CalendarDate? {
        let ends = try await DecommissioningCaseModel.query(on: db).filter(\.$contract.$id == c.id!)
            .filter(\.$decisionValue == .end).all()
        guard let end = CalendarDate(iso: c.endsOn) else { return nil }
        return ends.compactMap { $0.effectiveOn.flatMap(CalendarDate.init(iso:)) }.filter { $0 < end }.min()
    }
}

extension PerformanceStore {
    /// Each contract's facts for the KPI duty (its value including VAT, its kind, KPIs and
    /// reason), in two queries whatever the number of contracts: the indicators' CW06 and CW09.
    /// No access check: the caller has made it.
    static func kpiFacts(of contracts: [ContractModel], on db: Database) async throws -> [UUID: KPIFacts] {
        let ids = try contracts.map { try $0.requireID() }
        guard !ids.isEmpty else { return [:] }
        let counts = Dictionary(
            grouping: try await ContractKPIModel.query(on: db).filter(\.$contract.$id ~~ ids).all(),
            by: { $0.$contract.id }
        ).mapValues(\.count)
        let positions = Dictionary(
            grouping: try await KPIPositionModel.query(on: db).filter(\.$contract.$id ~~ ids).all(),
            by: { $0.$contract.id }
        ).compactMapValues { $0.max { $0.number < $1.number }?.position }
        var out: [UUID: KPIFacts] = [:]
        for c in contracts {
            let id = c.id!
            let position = positions[id] ?? .initial
            out[id] = KPIFacts(
                valueIncludingVAT: KPIRule.includingVAT(exVAT: Decimal(c.valuePence) / 100),
                kind: position.contractKind, kpis: counts[id] ?? 0, reason: position.notAppropriateReason)
        }
        return out
    }
}
