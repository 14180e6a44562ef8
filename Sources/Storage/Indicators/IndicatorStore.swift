import Fluent
import Foundation
import OCDS
import SocialValue

/// The indicators of issue 16 (docs/indicators.md) read from the installation's records: each
/// record becomes the plain input of its rule in `IndicatorRules`, and each raised flag an
/// `IndicatorFlag` with the body, the procurement's ocid (as the OCDS export makes it) and the day
/// it is dated by, for the `from`/`to` filter.
///
/// Who sees what: a body's flags are its own figures, so they follow the dashboard's rule
/// (`DashboardOperation.readBodyFigures`: the body's own public-body members and the
/// administrator). Asked about one body, anyone else is refused; asked about every body, each
/// viewer gets the bodies they may read. Bids stay sealed: a tender's bids are counted only
/// after its deadline.
public struct IndicatorStore: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    /// The record a flag is about, so a page can link to it.
    public enum Record: Sendable, Equatable {
        case procurement(UUID)
        case contract(UUID)
        case consultation(UUID)
        case decommissioningCase(UUID)
    }

    /// A raised flag, the UK day it is dated by (docs/indicators.md "Dates") and its record.
    public struct DatedFlag: Sendable, Equatable {
        public let flag: IndicatorFlag
        public let on: CalendarDate?
        public let record: Record
    }

    /// Whether `viewer` may read the flags of `body`: the dashboard's rule, the body's own
    /// public-body members and the administrator.
    public static func mayRead(_ body: UUID, viewer: Viewer) -> Bool {
        DashboardOperation.readBodyFigures.outcome(
            for: viewer, on: AccessSubject(buyer: body, supplier: UUID(), compact: UUID())) == .allowed
    }

    /// The flags of `body` (every readable body when nil) dated from `from` to `to`, both days
    /// included (either open). A flag with no date is kept only when no range is given.
    public func flags(
        body: UUID?, from: CalendarDate? = nil, to: CalendarDate? = nil, viewer: Viewer?, now: Date = Date(),
        ocidPrefix: String = OCDSExportMapping.defaultOCIDPrefix
    ) async throws -> [DatedFlag] {
        guard let viewer else { throw StorageError.forbidden("Sign in to see a body’s indicators") }
        if let body { try DashboardStore.check(.readBodyFigures, viewer, buyer: body) }
        func readable(_ id: UUID) -> Bool { body.map { id == $0 } ?? Self.mayRead(id, viewer: viewer) }
        let today = UKTime.date(at: now)
        func inRange(_ day: CalendarDate) -> Bool { (from.map { day >= $0 } ?? true) && (to.map { day <= $0 } ?? true) }
        let mapping = OCDSExportMapping(ocidPrefix: ocidPrefix)
        func ocid(_ procurement: UUID) -> String { "\(mapping.ocidPrefix)-\(procurement.uuidString.lowercased())" }
        var out: [DatedFlag] = []
        func add(
            _ code: IndicatorCode, _ owner: UUID, _ procurement: UUID?, _ subject: String, _ on: CalendarDate?,
            _ record: Record, value: Decimal = 1
        ) {
            guard value != 0 else { return }
            out.append(
                DatedFlag(
                    flag: IndicatorFlag(
                        code: code, body: owner, ocid: procurement.map(ocid), subject: subject, value: value), on: on,
                    record: record))
        }

        // Procurements: the weighting and the consideration (docs/indicators.md CW01–CW03).
        var procurementQuery = ProcurementModel.query(on: db).with(\.$owner).with(\.$compact)
        if let body { procurementQuery = procurementQuery.filter(\.$owner.$id == body) }
        let procurements = try await procurementQuery.all().filter { readable($0.$owner.id) }
        for p in procurements where p.statusValue != .cancelled {
            let id = try p.requireID()
            let owner = p.$owner.id
            let dated = p.started ?? p.tenderOpensOn.flatMap(CalendarDate.init(iso:))
            if let c = p.consideration, p.signedOn != nil {
                let w = WeightingInput(
                    authority: p.owner.organisationKind.authorityType, weightingPercent: Decimal(c.weightingPercent),
                    value: p.value, settings: p.compact.settings, reason: c.weightingReason)
                if IndicatorRules.weightingBelowPPN002(w) {
                    add(.weightingBelowPPN002, owner, id, p.title, dated, .procurement(id))
                }
                if IndicatorRules.weightingOutsideBand(w) {
                    add(.weightingOutsideBand, owner, id, p.title, dated, .procurement(id))
                }
            }
            let timing = ConsiderationTiming(
                requiredByAct: p.actApplies, startedOn: p.started, signedOffOn: p.signedOn)
            if IndicatorRules.considerationLate(timing, today: today) {
                add(.considerationLate, owner, id, p.title, dated, .procurement(id))
            }
        }

        // Tenders: short submission period and single bid (R003, R018); bids only after the deadline.
        let byID = Dictionary(procurements.compactMap { p in p.id.map { ($0, p) } }, uniquingKeysWith: { a, _ in a })
        let tenders =
            byID.isEmpty
            ? [] : try await TenderModel.query(on: db).filter(\.$procurement.$id ~~ Array(byID.keys)).all()
        // Submitted bids of the tenders past their deadline only (sealed before it), in one query.
        let passedIDs = try tenders.filter { now >= $0.deadlineAt }.map { try $0.requireID() }
        let bidCounts =
            passedIDs.isEmpty
            ? [:]
            : Dictionary(
                grouping: try await BidModel.query(on: db).filter(\.$tender.$id ~~ passedIDs)
                    .filter(\.$statusValue == .submitted).all(), by: { $0.$tender.id }
            ).mapValues(\.count)
        for t in tenders where t.statusValue != .draft {
            guard let p = byID[t.$procurement.id], let publishedAt = t.publishedAt,
                let deadlineOn = CalendarDate(iso: t.deadlineOn)
            else { continue }
            let passed = now >= t.deadlineAt
            let submitted = passed ? bidCounts[try t.requireID()] ?? 0 : 0
            let input = TenderFacts(
                publishedOn: UKTime.date(at: publishedAt), deadlineOn: deadlineOn, deadlinePassed: passed,
                submittedBids: submitted)
            if IndicatorRules.shortSubmissionPeriod(input) {
                add(
                    .shortSubmissionPeriod, p.$owner.id, t.$procurement.id, p.title, input.publishedOn,
                    .procurement(t.$procurement.id))
            }
            if IndicatorRules.singleBid(input) {
                add(
                    .singleBid, p.$owner.id, t.$procurement.id, p.title, input.publishedOn,
                    .procurement(t.$procurement.id))
            }
        }

        // Contracts: KPIs missing, overdue returns, delivery behind, overdue assessments (CW06–CW09).
        var contractQuery = ContractModel.query(on: db)
        if let body { contractQuery = contractQuery.filter(\.$buyer.$id == body) }
        let monitoring = MonitoringStore(db)
        let contracts = try await contractQuery.all().filter { readable($0.$buyer.id) }
        let contractIDs = try contracts.map { try $0.requireID() }
        let returnsOf =
            contractIDs.isEmpty
            ? [:]
            : Dictionary(
                grouping: try await MonitoringReturnModel.query(on: db).filter(\.$contract.$id ~~ contractIDs).all(),
                by: { $0.$contract.id })
        let kpiFacts = try await PerformanceStore.kpiFacts(of: contracts, on: db)
        for c in contracts {
            let id = try c.requireID()
            // CW06, dated by the award: the contract details are due from it.
            if let facts = kpiFacts[id], IndicatorRules.kpisMissing(facts) {
                add(
                    .kpisMissing, c.$buyer.id, c.$procurement.id, c.title, CalendarDate(iso: c.awardedOn), .contract(id)
                )
            }
            let returns = returnsOf[id] ?? []
            let statuses = Dictionary(
                returns.map { ($0.periodNumber, $0.statusValue) }, uniquingKeysWith: { a, _ in a })
            // Each overdue period is dated by its due day, so a range counts the periods due in it.
            let periods = MonitoringStore.periods(c).filter { inRange($0.dueOn) }
            let overdue = IndicatorRules.overdueReturns(periods: periods, statuses: statuses, today: today)
            add(
                .returnsOverdue, c.$buyer.id, c.$procurement.id, c.title, periods.first?.dueOn, .contract(id),
                value: Decimal(overdue))
            // Delivery follows the monitoring rule: a body member who may not see it gets no CW08.
            guard viewer.canSeeMonitoring(buyer: c.$buyer.id, supplier: c.$supplier.id) else { continue }
            let d = try await monitoring.delivery(contract: id, viewer: viewer, now: now)
            let behind = IndicatorRules.deliveryBehind(
                d.delivery.lines.map { CommitmentFigures(verified: $0.verified, expected: $0.expectedToDate) },
                thresholds: d.thresholds)
            add(
                .deliveryBehind, c.$buyer.id, c.$procurement.id, c.title, CalendarDate(iso: c.awardedOn),
                .contract(id), value: Decimal(behind))
            // CW09: the assessments due in the range, dated by the first one's day.
            guard (kpiFacts[id]?.kpis ?? 0) > 0 else { continue }
            let calendar = try await PerformanceStore.performance(c, viewer: viewer, today: today, on: db).calendar
                .filter { inRange($0.due.on) }
            add(
                .assessmentsOverdue, c.$buyer.id, c.$procurement.id, c.title, calendar.first?.due.on, .contract(id),
                value: Decimal(IndicatorRules.assessmentsOverdue(calendar)))
        }

        // Consultations (CW04), published ones only.
        var consultationQuery = ConsultationModel.query(on: db).filter(\.$isPublished == true)
        if let body { consultationQuery = consultationQuery.filter(\.$owner.$id == body) }
        for c in try await consultationQuery.all() where readable(c.$owner.id) {
            if IndicatorRules.consultationShort(c.record, today: today) {
                add(.consultationShort, c.$owner.id, nil, c.title, c.period.opensOn, .consultation(try c.requireID()))
            }
        }

        // Decommissioning decisions (CW05): the case's current decision.
        var caseQuery = DecommissioningCaseModel.query(on: db)
        if let body { caseQuery = caseQuery.filter(\.$owner.$id == body) }
        for k in try await caseQuery.all() where readable(k.$owner.id) {
            guard k.decidedAt != nil, let notice = k.noticeGivenOn.flatMap(CalendarDate.init(iso:)),
                let effective = k.effectiveOn.flatMap(CalendarDate.init(iso:))
            else { continue }
            if IndicatorRules.noticeBreach(
                noticeGivenOn: notice, effectiveOn: effective, months: k.minimumNoticeMonths,
                exceptionalReason: k.exceptionalReason)
            {
                add(.noticeBreach, k.$owner.id, nil, k.serviceName, notice, .decommissioningCase(try k.requireID()))
            }
        }

        return out.filter { f in
            // CW07 and CW09 were filtered by due day above.
            if [.returnsOverdue, .assessmentsOverdue].contains(f.flag.code) || (from == nil && to == nil) {
                return true
            }
            return f.on.map(inRange) ?? false
        }.sorted {
            ($0.flag.code, $0.flag.ocid ?? "", $0.flag.subject) < ($1.flag.code, $1.flag.ocid ?? "", $1.flag.subject)
        }
    }
}
