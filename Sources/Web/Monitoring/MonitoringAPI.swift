import Foundation
import SocialValue
import Storage
import Vapor

/// Monitoring returns under /api/v1: the periods with their returns, the delivery so far, the
/// supplier's return (save or submit) and the buyer's verification. Evidence is uploaded on the web
/// page only. Access as on the pages: outsiders get 404, wrong roles 403, bad input 422 by field.
struct MonitoringAPI: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let c = routes.grouped("api", "v1", "contracts", ":id")
        c.get("returns", use: returns)
        c.get("progress", use: progress)
        c.post("returns", ":period", use: save)
        c.post("returns", ":period", "verification", use: verify)
    }

    func period(_ req: Request) throws -> Int {
        guard let raw = req.parameters.get("period"), let n = Int(raw), n > 0 else { throw Abort(.notFound) }
        return n
    }

    func returns(req: Request) async throws -> ReturnsJSON {
        let me = try req.requireUser()
        let id = try req.parameterID()
        let o = try await req.monitoring.overview(contract: id, viewer: me.viewer)
        var periods: [ReturnJSON] = []
        for row in o.periods {
            if row.returnStatus == nil {
                periods.append(ReturnJSON(period: row.period, status: row.status, view: nil))
            } else {
                periods.append(
                    ReturnJSON(
                        try await req.monitoring.returnView(contract: id, period: row.period.number, viewer: me.viewer))
                )
            }
        }
        return ReturnsJSON(contractId: id, reportingFrequency: o.contract.reportingFrequency, periods: periods)
    }

    func progress(req: Request) async throws -> ProgressJSON {
        let me = try req.requireUser()
        let id = try req.parameterID()
        return ProgressJSON(contractId: id, try await req.monitoring.progress(contract: id, viewer: me.viewer))
    }

    struct SaveBody: Content {
        var narrative: String?
        var lines: [String: ReturnInput.Line]?
        var submit: Bool?
        /// Needed when a changed claim takes a line past its commitment (else 422 naming the line).
        var confirmOverCommitment: Bool?
    }

    func save(req: Request) async throws -> ReturnJSON {
        let me = try req.requireUser()
        let id = try req.parameterID()
        let n = try period(req)
        let body = try req.content.decode(SaveBody.self)
        do {
            try await req.monitoring.save(
                contract: id, period: n,
                ReturnInput(
                    narrative: body.narrative, lines: body.lines, confirmOverCommitment: body.confirmOverCommitment),
                submit: body.submit ?? false,
                viewer: me.viewer, by: me.actor)
        } catch let f as ValidationFailure {
            // Evidence is uploaded on the web page; say so where the API cannot.
            throw ValidationFailure(
                f.errors.map {
                    $0.field == "evidence"
                        ? FieldError(
                            "evidence",
                            "\($0.message): evidence is uploaded on the return’s web page (\(Paths.monitoringReturn(id, n))), not through the API"
                        ) : $0
                })
        }
        return ReturnJSON(try await req.monitoring.returnView(contract: id, period: n, viewer: me.viewer))
    }

    func verify(req: Request) async throws -> ReturnJSON {
        let me = try req.requireUser()
        let id = try req.parameterID()
        let n = try period(req)
        let body = try req.content.decode(VerificationInput.self)
        try await req.monitoring.decide(contract: id, period: n, body, viewer: me.viewer, by: me.actor)
        return ReturnJSON(try await req.monitoring.returnView(contract: id, period: n, viewer: me.viewer))
    }
}

struct ReturnsJSON: Content {
    let contractId: UUID
    let reportingFrequency: String
    let periods: [ReturnJSON]
}

/// One period and its return (status "not-due-yet", "due", "overdue", "draft", "submitted",
/// "changes-requested" or "verified"; `returnStatus` null before a return is started).
struct ReturnJSON: Content {
    struct Line: Content {
        let measureCode: String, name: String, unit: String, committed: String
        let claimed: String?, note: String?, verified: String?, verificationNote: String?
    }
    struct Evidence: Content {
        let id: UUID, description: String, filename: String, sizeBytes: Int
    }
    let number: Int
    let label: String
    let startsOn: String
    let endsOn: String
    let dueOn: String
    let status: String
    let returnStatus: String?
    let narrative: String?
    let submittedAt: String?
    let submittedBy: String?
    let decidedAt: String?
    let decidedBy: String?
    let changesRequested: String?
    let lines: [Line]
    let evidence: [Evidence]

    init(period p: ReportingPeriod, status: PeriodStatus, view v: MonitoringStore.ReturnView?) {
        number = p.number
        label = p.label
        startsOn = p.startsOn.iso
        endsOn = p.endsOn.iso
        dueOn = p.dueOn.iso
        self.status = status.rawValue
        returnStatus = v?.status?.rawValue
        narrative = v?.narrative
        submittedAt = v?.submittedAt.map(UKTime.isoUTC)
        submittedBy = v?.submittedBy
        decidedAt = v?.decidedAt.map(UKTime.isoUTC)
        decidedBy = v?.decidedBy
        changesRequested = v?.status == .changesRequested ? v?.reason : nil
        lines = (v?.lines ?? []).map {
            Line(
                measureCode: $0.commitment.code, name: $0.commitment.name, unit: $0.commitment.unit,
                committed: DecimalText.plainQuantity($0.commitment.committed),
                claimed: $0.claimed.map(DecimalText.plainQuantity), note: $0.note,
                verified: $0.verified.map(DecimalText.plainQuantity),
                verificationNote: $0.verificationNote)
        }
        evidence = (v?.evidence ?? []).map {
            Evidence(id: $0.id, description: $0.description, filename: $0.filename, sizeBytes: $0.sizeBytes)
        }
    }

    init(_ v: MonitoringStore.ReturnView) { self.init(period: v.period, status: v.periodStatus, view: v) }
}

/// Delivery so far: quantities as exact decimals, pounds with two decimal places (half-up),
/// the percentage with one (null when nothing was committed).
struct ProgressJSON: Content {
    struct Line: Content {
        let measureCode: String, name: String, unit: String, committed: String, verifiedToDate: String,
            awaitingVerification: String
        let percentDelivered: String?, proxy: String, committedValue: String, deliveredValue: String
    }
    let contractId: UUID
    let committedValue: String
    let deliveredValue: String
    let lines: [Line]

    init(contractId: UUID, _ p: ContractProgress) {
        self.contractId = contractId
        committedValue = DecimalText.format(p.committedValue)
        deliveredValue = DecimalText.format(p.deliveredValue)
        lines = p.lines.map { l in
            let c = l.commitment
            return Line(
                measureCode: c.code, name: c.name, unit: c.unit, committed: DecimalText.plainQuantity(c.committed),
                verifiedToDate: DecimalText.plainQuantity(l.verified),
                awaitingVerification: DecimalText.plainQuantity(l.awaiting),
                percentDelivered: l.percentDelivered.map { DecimalText.format($0, places: 1) },
                proxy: ValueSetCSV.plain(c.proxy),
                committedValue: DecimalText.format(l.committedValue),
                deliveredValue: DecimalText.format(l.deliveredValue))
        }
    }
}
