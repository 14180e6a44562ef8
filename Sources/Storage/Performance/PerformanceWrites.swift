import Fluent
import Foundation
import SocialValue

/// The buyer's commissioners record a contract's KPIs, its position on the KPI duty, its KPI
/// assessments and amendments, and its breaches and failures: each in one transaction with an
/// audit record, each a new row.
extension PerformanceStore {
    @discardableResult
    public func addKPI(contract id: UUID, _ input: KPIInput, viewer: Viewer, by actor: Actor, now: Date = Date())
        async throws -> ContractKPIModel
    {
        try await db.write { tx in
            let c = try await Self.contract(id, .addKPI, viewer, on: tx)
            let existing = try await ContractKPIModel.query(on: tx).filter(\.$contract.$id == id).all()
            let kpi = try KPIs.validate(
                input, commitments: MonitoringStore.monitored(try await MonitoringStore.commitments(id, on: tx)),
                existing: existing.map(\.name))
            let row = ContractKPIModel()
            row.$contract.id = try c.requireID()
            row.position = (existing.map(\.position).max() ?? 0) + 1
            row.measureCode = kpi.measureCode
            row.name = kpi.name
            row.target = DecimalText.plainQuantity(kpi.target)
            row.unit = kpi.unit
            row.frequency = kpi.frequency
            row.createdBy = actor.label
            row.createdAt = now
            try await row.create(on: tx)
            try await AuditLog.record(
                "kpi-added", "contract", id: id.uuidString,
                changes: [
                    "kpi.\(row.position)": FieldChange(from: nil, to: "\(row.name): \(row.target) \(row.unit)")
                ], by: actor, on: tx, at: now)
            return row
        }
    }

    /// Records the next version of the position; returns its number.
    @discardableResult
    public func recordPosition(
        contract id: UUID, _ input: KPIPositionInput, viewer: Viewer, by actor: Actor, now: Date = Date()
    ) async throws -> Int {
        try await db.write { tx in
            _ = try await Self.contract(id, .recordPosition, viewer, on: tx)
            let last = try await KPIPositionModel.query(on: tx).filter(\.$contract.$id == id).sort(
                \.$number, .descending
            )
            .first()
            let (position, reason) = try KPIs.validate(input, current: last.map { ($0.position, $0.number) })
            let row = KPIPositionModel()
            row.$contract.id = id
            row.number = (last?.number ?? 0) + 1
            row.contractKind = position.contractKind
            row.notAppropriateReason = position.notAppropriateReason
            row.recordedBy = actor.label
            row.recordedAt = now
            row.amendmentReason = reason
            try await row.create(on: tx)
            try await AuditLog.record(
                "kpi-position-recorded", "contract", id: id.uuidString,
                changes: [
                    "contractKind": FieldChange(from: last?.contractKind.rawValue, to: position.contractKind.rawValue),
                    "notAppropriateReason": FieldChange(
                        from: last?.notAppropriateReason, to: position.notAppropriateReason),
                ], by: actor, on: tx, at: now)
            return row.number
        }
    }

    /// `rated`: for an amendment, the KPIs the assessment rated (a KPI set since is not in it).
    static func facts(_ p: Performance, openDue: [String], rated: Set<UUID>? = nil) -> KPIAssessments.Facts {
        let start = CalendarDate(iso: p.contract.startsOn) ?? p.today
        return KPIAssessments.Facts(
            kpis: p.kpis.filter { rated?.contains($0.id!) ?? true }.map { ($0.id!, $0.name) }, openDue: openDue,
            start: start,
            end: CalendarDate(iso: p.contract.endsOn) ?? start, today: p.today)
    }

    /// Records an assessment answering one of the calendar's open items; returns its series id.
    @discardableResult
    public func recordAssessment(
        contract id: UUID, _ input: AssessmentInput, viewer: Viewer, by actor: Actor, now: Date = Date()
    ) async throws -> UUID {
        try await db.write { tx in
            let c = try await Self.contract(id, .recordAssessment, viewer, on: tx)
            let p = try await Self.performance(c, viewer: viewer, today: UKTime.date(at: now), on: tx)
            let open = p.calendar.filter { $0.status != .done && $0.status != .upcoming }.map(\.key)
            let a = try KPIAssessments.validate(input, facts: Self.facts(p, openDue: open))
            let series = UUID()
            try await Self.write(a, contract: id, series: series, number: 1, reason: nil, by: actor, now: now, on: tx)
            try await AuditLog.record(
                "kpi-assessment-recorded", "kpi-assessment", id: series.uuidString,
                changes: ["due": FieldChange(from: nil, to: a.due)], by: actor, on: tx, at: now)
            return series
        }
    }

    /// Amends assessment `series`: the next version, with its reason; returns its number.
    @discardableResult
    public func amendAssessment(
        contract id: UUID, series: UUID, _ input: AssessmentInput, viewer: Viewer, by actor: Actor,
        now: Date = Date()
    ) async throws -> Int {
        try await db.write { tx in
            let c = try await Self.contract(id, .amendAssessment, viewer, on: tx)
            let p = try await Self.performance(c, viewer: viewer, today: UKTime.date(at: now), on: tx)
            guard let current = p.assessments.first(where: { $0.series == series })?.current else {
                throw StorageError.notFound("The assessment")
            }
            let (a, reason) = try KPIAssessments.validateAmendment(
                input, facts: Self.facts(p, openDue: [current.row.dueKey], rated: Set(current.ratings.keys)),
                current: current.checked,
                version: current.row.number)
            let number = current.row.number + 1
            try await Self.write(
                a, contract: id, series: series, number: number, reason: reason, by: actor, now: now, on: tx)
            try await AuditLog.record(
                "kpi-assessment-amended", "kpi-assessment", id: series.uuidString,
                changes: ["version": FieldChange(from: String(current.row.number), to: String(number))], by: actor,
                on: tx, at: now)
            return number
        }
    }

    static func write(
        _ a: KPIAssessment, contract: UUID, series: UUID, number: Int, reason: String?, by actor: Actor, now: Date,
        on tx: Database
    ) async throws {
        let row = KPIAssessmentModel()
        row.$contract.id = contract
        row.series = series
        row.number = number
        row.dueKey = a.due
        row.periodFrom = a.periodFrom.iso
        row.periodTo = a.periodTo.iso
        row.narrative = a.narrative
        row.recordedBy = actor.label
        row.recordedAt = now
        row.amendmentReason = reason
        try await row.create(on: tx)
        for (kpi, r) in a.ratings.sorted(by: { $0.key.uuidString < $1.key.uuidString }) {
            let rating = KPIRatingModel()
            rating.$assessment.id = try row.requireID()
            rating.$kpi.id = kpi
            rating.rating = r.rating
            rating.explanation = r.explanation
            try await rating.create(on: tx)
        }
    }

    @discardableResult
    public func recordFailure(
        contract id: UUID, _ input: FailureInput, viewer: Viewer, by actor: Actor, now: Date = Date()
    ) async throws -> PerformanceFailureModel {
        try await db.write { tx in
            let c = try await Self.contract(id, .recordFailure, viewer, on: tx)
            let today = UKTime.date(at: now)
            let start = CalendarDate(iso: c.startsOn) ?? today
            let f = try PerformanceFailures.validate(
                input, start: start, end: CalendarDate(iso: c.endsOn) ?? start, today: today)
            let row = PerformanceFailureModel()
            row.$contract.id = id
            row.kind = f.kind
            row.requirement = f.requirement
            row.whatHappened = f.whatHappened
            row.decidedOn = f.decidedOn.iso
            row.penaltyType = f.penaltyType
            row.penaltyPence = f.penalty?.pence
            row.recordedBy = actor.label
            row.recordedAt = now
            try await row.create(on: tx)
            try await AuditLog.record(
                "performance-failure-recorded", "contract", id: id.uuidString,
                changes: ["failure.\(f.decidedOn.iso)": FieldChange(from: nil, to: f.kind.rawValue)], by: actor, on: tx,
                at: now)
            return row
        }
    }
}
