import Foundation
import SocialValue
import Storage
import Vapor

/// A contract's KPIs and performance under /api/v1 (docs/performance.md): read as the contract
/// page (outsiders get 404); the buyer's commissioners post KPIs, the position on the KPI duty,
/// assessments, amendments and failures (others 403; bad input 422 by field). Each post answers
/// 201 with the whole performance.
struct PerformanceAPI: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let c = routes.grouped("api", "v1", "contracts", ":id")
        c.get("performance", use: get)
        c.post("kpis", use: addKPI)
        c.post("kpi-position", use: recordPosition)
        c.post("assessments", use: recordAssessment)
        c.post("assessments", ":series", "amendments", use: amend)
        c.post("failures", use: recordFailure)
    }

    func get(req: Request) async throws -> PerformanceJSON {
        let me = try req.requireUser()
        return PerformanceJSON(
            try await req.performance.performance(contract: try req.parameterID(), viewer: me.viewer))
    }

    func created(_ req: Request, _ write: (PerformanceStore, UUID, CurrentUser) async throws -> Void) async throws
        -> Response
    {
        let me = try req.requireUser()
        let id = try req.parameterID()
        try await write(req.performance, id, me)
        return try await APIv1().created(
            PerformanceJSON(try await req.performance.performance(contract: id, viewer: me.viewer)),
            at: "/api/v1/contracts/\(id)/performance")
    }

    func addKPI(req: Request) async throws -> Response {
        let input = try req.content.decode(KPIInput.self)
        return try await created(req) { s, id, me in
            try await s.addKPI(contract: id, input, viewer: me.viewer, by: me.actor)
        }
    }

    func recordPosition(req: Request) async throws -> Response {
        let input = try req.content.decode(KPIPositionInput.self)
        return try await created(req) { s, id, me in
            try await s.recordPosition(contract: id, input, viewer: me.viewer, by: me.actor)
        }
    }

    func recordAssessment(req: Request) async throws -> Response {
        let input = try req.content.decode(AssessmentInput.self)
        return try await created(req) { s, id, me in
            try await s.recordAssessment(contract: id, input, viewer: me.viewer, by: me.actor)
        }
    }

    func amend(req: Request) async throws -> Response {
        let input = try req.content.decode(AssessmentInput.self)
        let series = try req.parameterID("series")
        return try await created(req) { s, id, me in
            try await s.amendAssessment(contract: id, series: series, input, viewer: me.viewer, by: me.actor)
        }
    }

    func recordFailure(req: Request) async throws -> Response {
        let input = try req.content.decode(FailureInput.self)
        return try await created(req) { s, id, me in
            try await s.recordFailure(contract: id, input, viewer: me.viewer, by: me.actor)
        }
    }
}

/// A contract's performance as the API gives it. Ratings carry the OCDS code beside ours.
struct PerformanceJSON: Content {
    struct KPI: Content {
        let id: UUID, name: String, target: String, unit: String, frequency: String, measureCode: String?
    }
    struct Position: Content {
        let version: Int, contractKind: String, notAppropriateReason: String?, recordedAt: String,
            recordedBy: String, amendmentReason: String?
    }
    struct Due: Content {
        let key: String, reason: String, dueOn: String, overdueAfter: String, status: String
    }
    struct Rating: Content {
        let kpiId: UUID, rating: String, ocdsCode: String, explanation: String?
    }
    struct AssessmentVersion: Content {
        let version: Int, periodFrom: String, periodTo: String, narrative: String, ratings: [Rating],
            recordedAt: String, recordedBy: String, amendmentReason: String?
    }
    struct Assessment: Content {
        let id: UUID, due: String, versions: [AssessmentVersion]
    }
    struct Failure: Content {
        let id: UUID, kind: String, requirement: String, whatHappened: String, decidedOn: String,
            penaltyType: String, penaltyValue: String?, recordedAt: String, recordedBy: String
    }

    let contractId: UUID
    let valueIncludingVAT: String
    /// "not-required", "met", "reason-recorded" or "missing".
    let kpiDuty: String
    let kpisNeeded: Int
    let positions: [Position]
    let kpis: [KPI]
    let due: [Due]
    let assessments: [Assessment]
    let failures: [Failure]

    init(_ p: PerformanceStore.Performance) {
        contractId = p.contract.id!
        valueIncludingVAT = DecimalText.format(p.valueIncludingVAT)
        switch p.compliance {
        case .notRequired: (kpiDuty, kpisNeeded) = ("not-required", 0)
        case .met: (kpiDuty, kpisNeeded) = ("met", 0)
        case .reasonRecorded: (kpiDuty, kpisNeeded) = ("reason-recorded", 0)
        case .missing(let n): (kpiDuty, kpisNeeded) = ("missing", n)
        }
        positions = p.positions.map {
            Position(
                version: $0.number, contractKind: $0.contractKind.rawValue,
                notAppropriateReason: $0.notAppropriateReason, recordedAt: UKTime.isoUTC($0.recordedAt),
                recordedBy: $0.recordedBy, amendmentReason: $0.amendmentReason)
        }
        kpis = p.kpis.map {
            KPI(
                id: $0.id!, name: $0.name, target: $0.target, unit: $0.unit, frequency: $0.frequency.rawValue,
                measureCode: $0.measureCode)
        }
        due = p.calendar.map {
            Due(
                key: $0.key, reason: $0.due.reason.label, dueOn: $0.due.on.iso, overdueAfter: $0.dueBy.iso,
                status: $0.status.rawValue)
        }
        assessments = p.assessments.map { a in
            Assessment(
                id: a.series, due: a.current.row.dueKey,
                versions: a.versions.map { v in
                    AssessmentVersion(
                        version: v.row.number, periodFrom: v.row.periodFrom, periodTo: v.row.periodTo,
                        narrative: v.row.narrative,
                        ratings: p.kpis.compactMap { k in
                            v.ratings[k.id!].map {
                                Rating(
                                    kpiId: k.id!, rating: $0.rating.rawValue, ocdsCode: $0.rating.ocdsCode,
                                    explanation: $0.explanation)
                            }
                        }, recordedAt: UKTime.isoUTC(v.row.recordedAt), recordedBy: v.row.recordedBy,
                        amendmentReason: v.row.amendmentReason)
                })
        }
        failures = p.failures.map {
            Failure(
                id: $0.id!, kind: $0.kind.rawValue, requirement: $0.requirement, whatHappened: $0.whatHappened,
                decidedOn: $0.decidedOn, penaltyType: $0.penaltyType.rawValue,
                penaltyValue: $0.penalty.map { DecimalText.format(Decimal($0.pence) / 100) },
                recordedAt: UKTime.isoUTC($0.recordedAt), recordedBy: $0.recordedBy)
        }
    }
}
