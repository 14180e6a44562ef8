import Fluent
import Foundation
import SocialValue

/// Amending a signed-off consideration: a new version with its reason and author, beside the
/// original, which is never changed (procurements.md, "Amending the consideration").
extension ProcurementStore {
    /// The amendments of a procurement's consideration, version 2 first.
    public func amendments(of id: UUID) async throws -> [ConsiderationAmendmentModel] {
        try await Self.amendments(of: id, on: db)
    }

    static func amendments(of id: UUID, on db: Database) async throws -> [ConsiderationAmendmentModel] {
        try await ConsiderationAmendmentModel.query(on: db).filter(\.$procurement.$id == id).sort(\.$version).all()
    }

    /// The amendments of several procurements at once (for lists), by procurement.
    public func amendments(ofProcurements ids: [UUID]) async throws -> [UUID: [ConsiderationAmendmentModel]] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await ConsiderationAmendmentModel.query(on: db).filter(\.$procurement.$id ~~ ids)
            .sort(\.$version).all()
        return Dictionary(grouping: rows, by: { $0.$procurement.id })
    }

    /// The social value weight the procurement's tender froze when it was published (nil while
    /// it has no tender or only a draft, whose set-up can still change).
    static func frozenTenderWeighting(of id: UUID, on db: Database) async throws -> Int? {
        guard let t = try await TenderModel.query(on: db).filter(\.$procurement.$id == id).first(),
            t.statusValue != .draft
        else { return nil }
        return t.configuration.weights.socialValue
    }

    /// The tender's frozen social value weight, for the amendment form's warning.
    public func frozenTenderWeighting(of id: UUID) async throws -> Int? {
        try await Self.frozenTenderWeighting(of: id, on: db)
    }

    /// Amends the signed-off consideration: checks it under the same rules as recording, with a
    /// reason and at least one change from the version in force, and writes it as the next
    /// version, signed off by the commissioner now, with an audit event, in one transaction.
    /// The original stays as it was signed, and timeliness is still judged from it. A published
    /// tender keeps its frozen weighting: the amendment records that weight beside its own.
    public func amendConsideration(
        _ id: UUID, _ input: ConsiderationAmendmentInput, signedBy name: String, viewer: Viewer,
        by actor: Actor, now: Date = Date()
    ) async throws -> ConsiderationAmendmentModel {
        try await db.write { tx in
            let p = try await Self.managed(id, viewer: viewer, on: tx)
            guard ![.closed, .cancelled].contains(p.statusValue) else {
                throw Self.conflict("status", "A \(p.statusValue.label.lowercased()) procurement cannot change")
            }
            guard let original = p.consideration else {
                throw Self.conflict(
                    "consideration", "There is no signed-off consideration to amend: record the consideration first")
            }
            let previous = try await Self.amendments(of: id, on: tx)
            let current = previous.last?.consideration ?? original
            let currentVersion = previous.last?.version ?? 1
            let trees = try await Self.frameworkChoices(compact: p.$compact.id, owner: p.$owner.id, on: tx)
            let authority = Self.authority(p.owner)
            let suggestion = Procurement.proportionality(
                settings: p.compact.settings, value: p.value, authority: authority)
            let checked = try Procurement.validate(
                amendment: input, current: current, currentVersion: currentVersion, suggestion: suggestion,
                authority: authority, knownOutcomes: Set(trees.flatMap(\.outcomes).compactMap(\.id)),
                knownMeasures: Set(trees.flatMap(\.measures).compactMap(\.id)))
            let a = ConsiderationAmendmentModel()
            a.$procurement.id = id
            a.version = currentVersion + 1
            a.considerationJSON = String(decoding: try JSONEncoder().encode(checked.consideration), as: UTF8.self)
            a.reason = checked.reason
            a.signedBy = name
            a.signedAt = now
            a.signedOn = UKTime.date(at: now).iso
            a.authorID = actor.userID
            a.author = actor.label
            a.tenderWeightingPercent = try await Self.frozenTenderWeighting(of: id, on: tx)
            try await a.create(on: tx)
            let before = p.auditFields
            Self.setPipelineLinks(p, checked.consideration, trees)
            try await p.update(on: tx)
            var changes = AuditLog.diff(nil, a.auditFields)
            for (key, change) in AuditLog.diff(before, p.auditFields) { changes[key] = change }
            try await AuditLog.record(
                "consideration-amended", "procurement", id: id.uuidString, changes: changes, by: actor, on: tx)
            return a
        }
    }
}
