import Fluent
import Foundation
import OCDS
import SocialValue

/// Reads what has been published about procurements, as the plain input of the OCDS export
/// (docs/ocds.md, "Export"). Open to the same viewers as the public register of awarded contracts
/// (`AwardOperation.readPublicContracts`: everyone, visitors included), so it only ever reads
/// published data: a procurement appears once it is in the published pipeline, its tender is
/// published or it has a contract; a draft tender, the bids (sealed or opened), returns that are
/// not verified, decommissioning cases not decided, and names or email addresses of people never do.
public struct OCDSExportReader: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    /// The published procurements, by creation (oldest first, then id); of one buying body when given.
    public func procurements(body: UUID? = nil, only id: UUID? = nil, viewer: Viewer?) async throws
        -> [OCDSExportInput.Procurement]
    {
        try AwardStore.checkPublic(viewer)
        var q = ProcurementModel.query(on: db).with(\.$owner).with(\.$compact)
        if let body { q = q.filter(\.$owner.$id == body) }
        if let id { q = q.filter(\.$id == id) }
        var out: [OCDSExportInput.Procurement] = []
        for p in try await q.all() {
            if let item = try await procurement(p) { out.append(item) }
        }
        return out.sorted { $0.id < $1.id }
    }

    private func procurement(_ p: ProcurementModel) async throws -> OCDSExportInput.Procurement? {
        let id = try p.requireID()
        let pipelineDay = p.inPipeline ? p.pipelinePublishedOn : nil
        let tender = try await TenderModel.query(on: db).filter(\.$procurement.$id == id).first()
        let published = tender.flatMap { t in t.statusValue == .draft ? nil : t.publishedAt.map { (t, $0) } }
        let contracts = try await ContractModel.query(on: db).filter(\.$procurement.$id == id).with(\.$supplier)
            .sort(\.$awardedOn).all()
        guard pipelineDay != nil || published != nil || !contracts.isEmpty else { return nil }
        let events =
            pipelineDay == nil
            ? []
            : try await EngagementEventModel.query(on: db).filter(\.$procurement.$id == id).sort(\.$heldOn).all()
        var exported: [OCDSExportInput.Contract] = []
        for c in contracts { exported.append(try await contract(c)) }
        return OCDSExportInput.Procurement(
            id: id.uuidString.lowercased(), title: p.title, description: p.description, category: p.kind.rawValue,
            buyer: Self.party(p.owner), pipelinePublishedOn: pipelineDay,
            engagementEvents: events.compactMap { e in
                guard let eid = e.id else { return nil }
                return .init(
                    id: eid.uuidString.lowercased(), title: e.title, heldOn: e.heldOn,
                    createdAt: Self.instant(e.createdAt))
            },
            socialValue: socialValue(p),
            tender: published.map { t, at in Self.tender(t, publishedAt: at, procurement: p) }, contracts: exported)
    }

    private func socialValue(_ p: ProcurementModel) -> OCDSExportInput.SocialValue {
        let result = p.actApplies ? "actApplies" : p.considerationRequired ? "compactCommitment" : "notRequired"
        var s = OCDSExportInput.SocialValue(
            screeningResult: result, actApplies: p.actApplies, considerationRequired: p.considerationRequired)
        guard p.considerationSignedOn != nil, let c = p.consideration else { return s }
        s.wellbeing = c.wellbeing
        s.securing = c.securing
        s.consult = c.consult
        s.consultReason = c.consultReason
        s.signedOn = p.considerationSignedOn
        s.weightingPercent = c.weightingPercent
        if let band = Procurement.proportionality(
            settings: p.compact.settings, value: p.value, authority: ProcurementStore.authority(p.owner))
        {
            s.bandFromPence = band.band.fromPence
            s.bandMinimumPercent = band.minWeightingPercent
            s.bandMaximumPercent = band.maxWeightingPercent
            if !band.contains(weighting: c.weightingPercent) { s.outsideBandReason = c.weightingReason }
        }
        return s
    }

    /// A published tender; cancelled when it was, or when its procurement was (UK12).
    private static func tender(_ t: TenderModel, publishedAt: Date, procurement p: ProcurementModel)
        -> OCDSExportInput.Tender
    {
        let config = t.storedConfiguration.value
        let cancelled = t.statusValue == .cancelled || p.statusValue == .cancelled
        let when = t.statusValue == .cancelled ? t.updatedAt : p.updatedAt
        return OCDSExportInput.Tender(
            id: (t.id?.uuidString ?? "").lowercased(), publishedAt: instant(publishedAt),
            deadlineAt: instant(t.deadlineAt), priceWeight: config.weights.price,
            qualityWeight: config.weights.quality, socialValueWeight: config.weights.socialValue,
            qualityCriteria: config.criteria.map { .init(name: $0.name, weight: $0.weight) },
            cancelledAt: cancelled ? instant(when ?? publishedAt) : nil,
            cancelReason: cancelled ? (t.cancelReason ?? p.cancelReason) : nil)
    }

    private func contract(_ c: ContractModel) async throws -> OCDSExportInput.Contract {
        let id = try c.requireID()
        let commitments = try await MonitoringStore.commitments(id, on: db)
        let verified = try await MonitoringReturnModel.query(on: db).filter(\.$contract.$id == id)
            .filter(\.$statusValue == .verified).sort(\.$periodNumber).all()
        let lines = try await MonitoringStore.lines(verified.compactMap(\.id), on: db)
        let deliveries = verified.compactMap { r -> OCDSExportInput.Delivery? in
            guard let rid = r.id, let at = r.decidedAt else { return nil }
            let mine = lines.filter { $0.$monitoringReturn.id == rid }.sorted {
                $0.commitment.measureCode < $1.commitment.measureCode
            }
            return .init(
                id: rid.uuidString.lowercased(), periodNumber: r.periodNumber, periodStartsOn: r.periodStartsOn,
                periodEndsOn: r.periodEndsOn, verifiedAt: Self.instant(at),
                verified: mine.compactMap { l in l.verifiedQuantity.map { (l.commitment.measureCode, $0) } })
        }
        let ended = try await DecommissioningCaseModel.query(on: db).filter(\.$contract.$id == id)
            .filter(\.$statusValue == .ended).first()
        let performance = try await PerformanceStore.records(id, on: db)
        return OCDSExportInput.Contract(
            id: id.uuidString.lowercased(), title: c.title, supplier: Self.party(c.supplier),
            valuePence: c.valuePence, awardedOn: c.awardedOn, standstillEndsOn: c.standstillEndsOn,
            startsOn: c.startsOn, endsOn: c.endsOn, createdAt: Self.instant(c.createdAt),
            commitments: commitments.map {
                .init(measureCode: $0.measureCode, name: $0.name, unit: $0.unit, quantity: $0.quantity)
            },
            deliveries: deliveries,
            termination: ended.flatMap { e in
                guard let eid = e.id, let at = e.decidedAt else { return nil }
                return .init(
                    id: eid.uuidString.lowercased(), decidedAt: Self.instant(at),
                    rationale: "The funding of this contract was ended by a decommissioning decision.")
            }, assessments: Self.assessments(performance), failures: Self.failures(performance))
    }

    /// Every version of every KPI assessment (UK9), each KPI's rating in the UK extension's codes.
    static func assessments(_ p: PerformanceStore.Records) -> [OCDSExportInput.Assessment] {
        p.assessments.flatMap { a in
            a.versions.map { v in
                OCDSExportInput.Assessment(
                    id: a.series.uuidString.lowercased(), version: v.row.number, recordedAt: instant(v.row.recordedAt),
                    periodFrom: v.row.periodFrom, periodTo: v.row.periodTo, narrative: v.row.narrative,
                    ratings: p.kpis.compactMap { k in
                        v.ratings[k.id!].map {
                            .init(
                                kpiID: k.id!.uuidString.lowercased(), kpiName: k.name, code: $0.rating.ocdsCode,
                                label: $0.rating.label, explanation: $0.explanation)
                        }
                    })
            }
        }
    }

    static func failures(_ p: PerformanceStore.Records) -> [OCDSExportInput.Failure] {
        p.failures.map {
            OCDSExportInput.Failure(
                id: $0.id!.uuidString.lowercased(), recordedAt: instant($0.recordedAt), requirement: $0.requirement,
                description: $0.whatHappened, decidedOn: $0.decidedOn,
                penaltyType: $0.penaltyType == .none ? nil : $0.penaltyType.rawValue, penaltyPence: $0.penaltyPence)
        }
    }

    static func party(_ o: OrganisationModel) -> OCDSExportInput.Party {
        OCDSExportInput.Party(
            id: (o.id?.uuidString ?? "").lowercased(), name: o.name, companyNumber: o.companyNumber,
            charityNumber: o.charityNumber, isSME: o.isSME, isVCSE: o.isVCSE,
            isPublicBody: o.organisationKind.sector == .publicBody, town: o.town)
    }

    /// An instant as `2026-03-01T09:30:00Z` (whole seconds, UTC).
    static func instant(_ date: Date?) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date ?? Date(timeIntervalSince1970: 0))
    }
}
