import Fluent
import Foundation
import SocialValue

extension MonitoringEvidenceModel: StoredFileRecord {}

/// The supplier's and the buyer's changes to monitoring returns, each in one transaction with an
/// audit record (and notifications where the other side has something to do).
extension MonitoringStore {
    public static let maximumEvidencePerReturn = 20

    /// The contract for a supplier member who may write its returns; the buyer side is refused,
    /// anyone else finds nothing.
    static func supplierContract(_ id: UUID, _ viewer: Viewer, on tx: Database) async throws -> ContractModel {
        let c = try await visibleContract(id, viewer, on: tx)
        guard viewer.canEditReturns(supplier: c.$supplier.id) else {
            throw StorageError.forbidden("Only the supplier’s members write and submit monitoring returns")
        }
        return c
    }

    /// The period's return, started (with an empty line per commitment) if there is none yet; it
    /// must still be editable.
    static func editableReturn(_ c: ContractModel, _ p: ReportingPeriod, on tx: Database) async throws
        -> MonitoringReturnModel
    {
        if let r = try await find(c.id!, period: p.number, on: tx) {
            guard r.statusValue.isEditable else {
                throw StorageError.conflict(
                    FieldError(
                        "status",
                        "The return for period \(p.number) has been \(r.statusValue.label.lowercased()) and can no longer be changed"
                    ))
            }
            return r
        }
        let r = MonitoringReturnModel()
        r.$contract.id = c.id!
        r.periodNumber = p.number
        r.periodStartsOn = p.startsOn.iso
        r.periodEndsOn = p.endsOn.iso
        r.dueOn = p.dueOn.iso
        r.statusValue = .draft
        r.narrative = ""
        try await r.create(on: tx)
        for row in try await commitments(c.id!, on: tx) {
            let l = MonitoringReturnLineModel()
            l.$monitoringReturn.id = try r.requireID()
            l.$commitment.id = row.id!
            try await l.create(on: tx)
        }
        return r
    }

    /// Saves the supplier's answers; with `submit`, then submits (the period must have ended, with
    /// the narrative, every line and at least one piece of evidence). When submission is refused
    /// the answers are still saved as a draft and the problems are thrown after the transaction.
    @discardableResult
    public func save(
        contract id: UUID, period number: Int, _ input: ReturnInput, submit: Bool, viewer: Viewer, by actor: Actor,
        now: Date = Date()
    ) async throws -> ReturnStatus {
        let refused = try await db.write { tx -> ValidationFailure? in
            let c = try await Self.supplierContract(id, viewer, on: tx)
            let p = try Self.period(c, number)
            let rows = try await Self.commitments(id, on: tx)
            let commitments = Self.monitored(rows)
            let content = try MonitoringReturns.validate(input, commitments: commitments)
            let r = try await Self.editableReturn(c, p, on: tx)
            try await Self.checkOverCommitment(
                content, commitments: commitments, contract: id, returnID: r.id!,
                confirmed: input.confirmOverCommitment == true, on: tx)
            let before = r.narrative
            r.narrative = content.narrative
            var changes = AuditLog.diff(["narrative": before], ["narrative": r.narrative])
            for l in try await Self.lines([r.id!], on: tx) {
                let code = l.commitment.measureCode
                let old = l.claimedQuantity
                l.claimedQuantity = content.quantities[code].map(DecimalText.plainQuantity)
                l.note = content.notes[code]
                if old != l.claimedQuantity {
                    changes["claimed.\(code)"] = FieldChange(from: old, to: l.claimedQuantity)
                }
                try await l.update(on: tx)
            }
            var failure: ValidationFailure?
            if submit {
                let evidence = try await MonitoringEvidenceModel.query(on: tx).filter(\.$monitoringReturn.$id == r.id!)
                    .count()
                do {
                    try MonitoringReturns.checkSubmittable(
                        content, commitments: commitments, evidenceCount: evidence, period: p,
                        today: UKTime.date(at: now))
                    changes["status"] = FieldChange(from: r.status, to: ReturnStatus.submitted.rawValue)
                    r.statusValue = .submitted
                    r.submittedAt = now
                    r.submittedBy = actor.label
                } catch let f as ValidationFailure {
                    failure = f
                }
            }
            try await r.update(on: tx)
            let submitted = r.statusValue == .submitted
            try await AuditLog.record(
                submitted ? "return-submitted" : "return-saved", "monitoring-return", id: r.id!.uuidString,
                changes: changes, by: actor, on: tx, at: now)
            if submitted {
                try await MonitoringNotifications.submitted(c, p, returnLink: Self.link(c, p), now: now, on: tx)
            }
            return failure
        }
        if let refused { throw refused }
        return submit ? .submitted : .draft
    }

    /// A claim new or changed since the last save that takes a line past its commitment, counted
    /// with the contract's other returns, needs the supplier's confirmation (docs/monitoring.md).
    static func checkOverCommitment(
        _ content: ReturnContent, commitments: [MonitoredCommitment], contract id: UUID, returnID: UUID,
        confirmed: Bool, on tx: Database
    ) async throws {
        let returns = try await MonitoringReturnModel.query(on: tx).filter(\.$contract.$id == id).all()
        let allLines = try await Self.lines(returns.compactMap(\.id), on: tx)
        var saved: [String: Decimal] = [:]
        var others: [ContractProgress.Return] = []
        for r in returns {
            var claimed: [String: Decimal] = [:]
            var verified: [String: Decimal] = [:]
            for l in allLines where l.$monitoringReturn.id == r.id {
                claimed[l.commitment.measureCode] = l.claimedQuantity.flatMap(DecimalText.parse)
                verified[l.commitment.measureCode] = l.verifiedQuantity.flatMap(DecimalText.parse)
            }
            if r.id == returnID {
                saved = claimed
            } else {
                others.append(.init(status: r.statusValue, claimed: claimed, verified: verified))
            }
        }
        let over = MonitoringReturns.overCommitments(content, commitments: commitments, others: others)
            .filter { saved[$0.commitment.code] != $0.claimed }
        try MonitoringReturns.checkConfirmed(over, confirmed: confirmed)
    }

    static func link(_ c: ContractModel, _ p: ReportingPeriod) -> String { "/contracts/\(c.id!)/returns/\(p.number)" }

    /// The buyer's decision on a submitted return: verify it (final) or send it back with a reason.
    @discardableResult
    public func decide(
        contract id: UUID, period number: Int, _ input: VerificationInput, viewer: Viewer, by actor: Actor,
        now: Date = Date()
    ) async throws -> ReturnStatus {
        try await db.write { tx in
            let c = try await Self.visibleContract(id, viewer, on: tx)
            guard viewer.canVerifyReturns(buyer: c.$buyer.id) else {
                throw StorageError.forbidden("Only the buyer’s commissioners verify monitoring returns")
            }
            let p = try Self.period(c, number)
            guard let r = try await Self.find(id, period: number, on: tx), r.statusValue == .submitted else {
                throw StorageError.conflict(
                    FieldError("decision", "Only a submitted return can be verified or sent back for changes"))
            }
            let lines = try await Self.lines([r.id!], on: tx)
            var claimed: [String: Decimal] = [:]
            for l in lines { claimed[l.commitment.measureCode] = l.claimedQuantity.flatMap(DecimalText.parse) ?? 0 }
            let decision = try MonitoringReturns.validate(
                input, claimed: claimed, commitments: Self.monitored(try await Self.commitments(id, on: tx)))
            var changes: [String: FieldChange] = [:]
            switch decision {
            case .verify(let verified):
                for l in lines {
                    let v = verified[l.commitment.measureCode]
                    l.verifiedQuantity = v.map { DecimalText.plainQuantity($0.quantity) }
                    l.verificationNote = v?.note
                    changes["verified.\(l.commitment.measureCode)"] = FieldChange(from: nil, to: l.verifiedQuantity)
                    try await l.update(on: tx)
                }
                r.statusValue = .verified
            case .requestChanges(let reason):
                r.statusValue = .changesRequested
                r.reason = reason
                changes["reason"] = FieldChange(from: nil, to: reason)
            }
            changes["status"] = FieldChange(from: ReturnStatus.submitted.rawValue, to: r.status)
            r.decidedAt = now
            r.decidedBy = actor.label
            try await r.update(on: tx)
            try await AuditLog.record(
                r.statusValue == .verified ? "return-verified" : "return-changes-requested", "monitoring-return",
                id: r.id!.uuidString, changes: changes, by: actor, on: tx, at: now)
            try await MonitoringNotifications.decided(c, p, r, returnLink: Self.link(c, p), now: now, on: tx)
            try await NotificationStore.markDone(kind: .monitoringSubmitted, link: Self.link(c, p), now: now, on: tx)
            return r.statusValue
        }
    }

    /// Attaches a piece of evidence (with a short description) to the period's return, starting it if need be.
    public func addEvidence(
        contract id: UUID, period number: Int, description raw: String?, filename: String?, bytes: [UInt8],
        viewer: Viewer, by actor: Actor, now: Date = Date()
    ) async throws {
        _ = try await Self.supplierContract(id, viewer, on: db)
        var p = Problems()
        let description = p.text(raw, field: "description", label: "a short description of the evidence")
        if bytes.isEmpty && (filename ?? "").isEmpty { p.add("evidence", "Choose a file to attach as evidence") }
        try p.throwIfAny()
        let file = try StoredFile(filename: filename, bytes: bytes, field: "evidence")
        try await db.write { tx in
            let c = try await Self.supplierContract(id, viewer, on: tx)
            let r = try await Self.editableReturn(c, try Self.period(c, number), on: tx)
            let count = try await MonitoringEvidenceModel.query(on: tx).filter(\.$monitoringReturn.$id == r.id!).count()
            guard count < Self.maximumEvidencePerReturn else {
                throw ValidationFailure(
                    "evidence", "A return can have at most \(Self.maximumEvidencePerReturn) pieces of evidence")
            }
            let e = MonitoringEvidenceModel()
            e.$monitoringReturn.id = r.id!
            e.store(file, title: description, by: actor)
            try await e.create(on: tx)
            try await AuditLog.record(
                "evidence-added", "monitoring-return", id: r.id!.uuidString,
                changes: [
                    "evidence": FieldChange(from: nil, to: "\(description!) (\(file.filename), SHA-256 \(file.sha256))")
                ],
                by: actor, on: tx, at: now)
        }
    }

    public func removeEvidence(
        _ evidenceID: UUID, contract id: UUID, period number: Int, viewer: Viewer, by actor: Actor,
        now: Date = Date()
    ) async throws {
        try await db.write { tx in
            let c = try await Self.supplierContract(id, viewer, on: tx)
            let r = try await Self.editableReturn(c, try Self.period(c, number), on: tx)
            guard
                let e = try await MonitoringEvidenceModel.query(on: tx).filter(\.$id == evidenceID).filter(
                    \.$monitoringReturn.$id == r.id!
                ).first()
            else {
                throw StorageError.notFound("The evidence")
            }
            try await e.delete(on: tx)
            try await AuditLog.record(
                "evidence-removed", "monitoring-return", id: r.id!.uuidString,
                changes: ["evidence": FieldChange(from: "\(e.title) (\(e.filename))", to: nil)], by: actor, on: tx,
                at: now)
        }
    }
}

/// Who hears about a return: the buyer's commissioners when it is submitted, the supplier's
/// members when it is verified or sent back.
enum MonitoringNotifications {
    static func members(of organisation: UUID, role: MembershipRole, on tx: Database) async throws -> [UUID] {
        let users = try await MembershipModel.query(on: tx).filter(\.$organisation.$id == organisation).filter(
            \.$roleValue == role
        ).all().map { $0.$user.id }
        var seen = Set<UUID>()
        return users.filter { seen.insert($0).inserted }
    }

    static func submitted(_ c: ContractModel, _ p: ReportingPeriod, returnLink: String, now: Date, on tx: Database)
        async throws
    {
        try await NotificationStore.send(
            to: try await members(of: c.$buyer.id, role: .commissioner, on: tx), kind: .monitoringSubmitted,
            text: "Monitoring return for period \(p.number) of “\(c.title)” is ready to verify.",
            link: returnLink, now: now, on: tx)
    }

    static func decided(
        _ c: ContractModel, _ p: ReportingPeriod, _ r: MonitoringReturnModel, returnLink: String, now: Date,
        on tx: Database
    ) async throws {
        let text =
            r.statusValue == .verified
            ? "Your monitoring return for period \(p.number) of “\(c.title)” has been verified."
            : "Changes have been requested to your monitoring return for period \(p.number) of “\(c.title)”: \(r.reason ?? "")"
        try await NotificationStore.send(
            to: try await members(of: c.$supplier.id, role: .supplierMember, on: tx),
            kind: r.statusValue == .verified ? .monitoringVerified : .monitoringChangesRequested,
            text: text, link: returnLink, now: now, on: tx)
    }
}
