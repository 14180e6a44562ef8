import Fluent
import Foundation
import SocialValue

/// Reads the records of one or more public bodies into the Act implementation report's facts
/// (docs/reports.md), a fixed number of queries however many records they have.
public struct ActReportStore: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    /// A report: whose it is (a body's or Compact's name), this period's figures and the period before's.
    public struct Report: Sendable {
        public let name: String
        public let current: ActReport
        public let previous: ActReport
    }

    /// The report for `scope` over `period` and the period before it, for the comparison. A body's
    /// for its own members and the administrator; a Compact's (its public-body signatories
    /// together) for its group and the administrator; the installation's for the administrator.
    public func report(_ scope: ActReportScope, period: ReportPeriod, viewer: Viewer) async throws -> Report {
        let name: String
        let bodies: [UUID]
        switch scope {
        case .body(let id):
            try DashboardStore.check(.readBodyFigures, viewer, buyer: id)
            guard let org = try await OrganisationModel.find(id, on: db), org.organisationKind.sector == .publicBody
            else { throw StorageError.notFound("The public body") }
            (name, bodies) = (org.name, [id])
        case .compact(let id):
            guard viewer.canReadCompactReport(id) else {
                throw StorageError.forbidden("Only the Compact’s group and the administrator read the Compact’s report")
            }
            guard let compact = try await CompactModel.find(id, on: db) else {
                throw StorageError.notFound("The Compact")
            }
            let signed = try await CompactSignatoryModel.query(on: db).filter(\.$compact.$id == id)
                .with(\.$organisation).all()
            name = compact.name
            bodies = signed.filter { $0.organisation.organisationKind.sector == .publicBody }.map(\.$organisation.id)
        case .installation:
            guard viewer.isAdmin else {
                throw StorageError.forbidden("Only the administrator reads the whole installation’s report")
            }
            name = "Every public body"
            bodies = try await OrganisationModel.query(on: db).all()
                .filter { $0.organisationKind.sector == .publicBody }.compactMap(\.id)
        }
        let input = try await input(bodies: Array(Set(bodies)))
        return Report(
            name: name, current: ActReport(period: period, input), previous: ActReport(period: period.previous, input))
    }

    /// The Compacts whose report `viewer` may read (`Viewer.canReadCompactReport`), by name.
    public func compacts(readableBy viewer: Viewer) async throws -> [CompactModel] {
        try await CompactModel.query(on: db).sort(\.$name).all().filter {
            $0.id.map(viewer.canReadCompactReport) ?? false
        }
    }

    func input(bodies: [UUID]) async throws -> ActReport.Input {
        guard !bodies.isEmpty else { return ActReport.Input() }
        let procurements = try await ProcurementModel.query(on: db).filter(\.$owner.$id ~~ bodies).all()
        let contracts = try await ContractModel.query(on: db).filter(\.$buyer.$id ~~ bodies).with(\.$supplier).all()
        var input = ActReport.Input()
        input.procurements = try procurements.map { p in
            let signed = p.signedOn
            return ActReport.Procurement(
                id: try p.requireID(), title: p.title, startedOn: p.started, cancelled: p.statusValue == .cancelled,
                inScope: p.actApplies, signedOffOn: signed,
                weightingPercent: signed == nil ? nil : p.consideration.map { Decimal($0.weightingPercent) },
                pipelinePublishedOn: p.pipelinePublishedOn.flatMap(CalendarDate.init(iso:)))
        }
        input.contracts = try contracts.compactMap { c in
            guard let awarded = CalendarDate(iso: c.awardedOn) else { return nil }
            return ActReport.Contract(
                id: try c.requireID(), title: c.title, awardedOn: awarded, value: Money(pence: c.valuePence),
                supplierIsVCSE: c.supplier.isVCSE, supplierIsSME: c.supplier.isSME)
        }
        let outcomes = try await outcomesByMeasure(procurements)
        try await values(contracts, outcomes: outcomes, into: &input)

        input.consultations = try await ConsultationModel.query(on: db).filter(\.$owner.$id ~~ bodies)
            .filter(\.$isPublished == true).all().compactMap { c in
                ActReport.Consultation(
                    id: try c.requireID(), title: c.title, opensOn: c.period.opensOn, meetsMinimum: c.meetsMinimum,
                    shortPeriodReason: c.shortPeriodReason)
            }
        input.notices = try await DecommissioningCaseModel.query(on: db).filter(\.$owner.$id ~~ bodies).all()
            .compactMap { k in
                guard k.decidedAt != nil, let given = k.noticeGivenOn.flatMap(CalendarDate.init(iso:)),
                    let effective = k.effectiveOn.flatMap(CalendarDate.init(iso:)),
                    let r = try? NoticeRule.check(
                        noticeGivenOn: given, effectiveOn: effective, months: k.minimumNoticeMonths,
                        exceptionalReason: k.exceptionalReason)
                else { return nil }
                return ActReport.Notice(id: try k.requireID(), service: k.serviceName, givenOn: given, check: r.check)
            }
        return input
    }

    /// For each procurement, its framework measures' codes → theme and outcome, from the outcomes
    /// its consideration links to (one query for all).
    func outcomesByMeasure(_ procurements: [ProcurementModel]) async throws -> [UUID: [String: ActReport.Outcome]] {
        let linked = try procurements.map { (try $0.requireID(), $0.consideration?.outcomeIDs ?? []) }
        let all = Array(Set(linked.flatMap(\.1)))
        guard !all.isEmpty else { return [:] }
        let measures = try await FrameworkMeasureModel.query(on: db).filter(\.$outcome.$id ~~ all)
            .with(\.$outcome) { $0.with(\.$theme) }.sort(\.$ordinal).all()
        var out: [UUID: [String: ActReport.Outcome]] = [:]
        for (procurement, ids) in linked {
            for m in measures where ids.contains(m.$outcome.id) && out[procurement]?[m.code] == nil {
                out[procurement, default: [:]][m.code] = ActReport.Outcome(
                    theme: m.outcome.theme.name, outcome: m.outcome.name)
            }
        }
        return out
    }

    /// Committed value dated by the award day; verified and claimed (submitted, awaiting
    /// verification) value dated by the end of the return's reporting period (docs/reports.md).
    func values(
        _ contracts: [ContractModel], outcomes: [UUID: [String: ActReport.Outcome]], into input: inout ActReport.Input
    ) async throws {
        let ids = try contracts.map { try $0.requireID() }
        guard !ids.isEmpty else { return }
        let byID = Dictionary(zip(ids, contracts), uniquingKeysWith: { a, _ in a })
        let commitments = try await ContractCommitmentModel.query(on: db).filter(\.$contract.$id ~~ ids).all()
        let commitmentByID = Dictionary(
            try commitments.map { (try $0.requireID(), $0) }, uniquingKeysWith: { a, _ in a })
        func outcome(_ c: ContractCommitmentModel) -> ActReport.Outcome {
            guard let contract = byID[c.$contract.id] else { return .unlinked }
            return outcomes[contract.$procurement.id]?[c.measureCode] ?? .unlinked
        }
        func proxy(_ c: ContractCommitmentModel) -> Decimal { DecimalText.parse(c.proxy) ?? 0 }
        for c in commitments {
            guard let contract = byID[c.$contract.id], let awarded = CalendarDate(iso: contract.awardedOn) else {
                continue
            }
            input.committed.append(
                .init(
                    contract: c.$contract.id, outcome: outcome(c), on: awarded,
                    pounds: (DecimalText.parse(c.quantity) ?? 0) * proxy(c)))
        }
        let returns = try await MonitoringReturnModel.query(on: db).filter(\.$contract.$id ~~ ids)
            .filter(\.$statusValue ~~ [.submitted, .verified]).all()
        let returnByID = Dictionary(try returns.map { (try $0.requireID(), $0) }, uniquingKeysWith: { a, _ in a })
        guard !returns.isEmpty else { return }
        let lines = try await MonitoringReturnLineModel.query(on: db)
            .filter(\.$monitoringReturn.$id ~~ Array(returnByID.keys)).all()
        let periods = byID.mapValues { MonitoringStore.periods($0) }
        for l in lines {
            guard let r = returnByID[l.$monitoringReturn.id], let c = commitmentByID[l.$commitment.id],
                let end = periods[r.$contract.id]?.first(where: { $0.number == r.periodNumber })?.endsOn
            else { continue }
            let verified = r.statusValue == .verified
            guard let quantity = DecimalText.parse((verified ? l.verifiedQuantity : l.claimedQuantity) ?? "") else {
                continue
            }
            let value = ActReport.Value(
                contract: r.$contract.id, outcome: outcome(c), on: end, pounds: quantity * proxy(c))
            if verified { input.verified.append(value) } else { input.claimed.append(value) }
        }
    }
}
