import Fluent
import Foundation
import SocialValue

/// The versions of a published "you said, we did" summary: version 1 as published, then each
/// amendment with its reason and author. The summary in force is the latest; the earlier ones
/// stay as they were (consultations.md, "Amending a published summary").
extension ConsultationStore {
    /// The versions of a consultation's published summary, version 1 first, for anyone who may
    /// see the consultation (empty before it is published).
    public func outcomeVersions(of id: UUID, for viewer: Viewer?) async throws -> [ConsultationOutcomeVersionModel] {
        _ = try await Self.visible(id, viewer: viewer, on: db)
        return try await ConsultationOutcomeVersionModel.versions(on: db) { $0.filter(\.$consultation.$id == id) }
    }

    static func addOutcomeVersion(
        of id: UUID, _ number: Int, _ outcome: Outcome, reason: String?, by actor: Actor, at now: Date,
        on tx: Database
    ) async throws -> ConsultationOutcomeVersionModel {
        let v = ConsultationOutcomeVersionModel()
        v.$consultation.id = id
        let scratch = ConsultationOutcomeModel()
        scratch.apply(outcome)
        v.youSaid = scratch.youSaid
        v.weDid = scratch.weDid
        v.linksJSON = scratch.linksJSON
        v.stamp(number, reason: reason, by: actor, at: now)
        try await v.create(on: tx)
        return v
    }

    /// Amends the published summary: checks it under the same rules as writing it, with a reason
    /// and at least one change from the version in force, and adds it as the next version by
    /// `actor` now; the summary shown becomes the amendment. Earlier versions are not changed.
    /// The owning body's commissioners only (`ConsultationOperation.amendOutcome`); 409 before
    /// the summary is published (until then it is saved in place).
    public func amendOutcome(
        _ id: UUID, _ input: OutcomeAmendmentInput, viewer: Viewer, by actor: Actor, now: Date = Date()
    ) async throws -> ConsultationOutcomeVersionModel {
        try await db.write { tx in
            _ = try await Self.managed(id, viewer: viewer, "amends its consultations’ outcomes", on: tx)
            guard let m = try await ConsultationOutcomeModel.query(on: tx).filter(\.$consultation.$id == id).first(),
                m.publishedAt != nil
            else {
                throw Self.conflict(
                    "youSaid",
                    "The “you said, we did” summary has not been published: save it in place until it is published")
            }
            let previous = try await ConsultationOutcomeVersionModel.latest(on: tx) {
                $0.filter(\.$consultation.$id == id)
            }
            let currentVersion = previous?.version ?? 1
            let checked = try Outcome.validate(
                amendment: input, current: previous?.outcome ?? m.outcome, currentVersion: currentVersion)
            let v = try await Self.addOutcomeVersion(
                of: id, currentVersion + 1, checked.outcome, reason: checked.reason, by: actor, at: now, on: tx)
            let before = m.auditFields
            m.apply(checked.outcome)
            try await m.update(on: tx)
            var changes = AuditLog.diff(before, m.auditFields)
            changes["version"] = FieldChange(from: String(currentVersion), to: String(v.version))
            changes["reason"] = FieldChange(from: nil, to: checked.reason)
            try await AuditLog.record(
                "amended", "consultation-outcome", id: try m.requireID().uuidString, changes: changes, by: actor,
                on: tx)
            return v
        }
    }
}
