import Fluent
import Foundation
import SocialValue

/// A joint strategy bodies have signed up to is never changed in place: version 1 is recorded when
/// the first body signs up, a change is an amendment (a new version with its reason and author),
/// and each sign-up stays with the version it signed up to (frameworks.md, "Amending a signed-up
/// strategy"). Before the first sign-up the strategy changes in place.
extension StrategyStore {
    /// The versions of the Compact's strategy, version 1 first (empty until a body signs up, or
    /// while there is no strategy). Public, as the strategy is.
    public func versions(compact compactID: UUID) async throws -> [StrategyVersionModel] {
        guard let s = try await StrategyModel.query(on: db).filter(\.$compact.$id == compactID).first() else {
            return []
        }
        let id = try s.requireID()
        return try await StrategyVersionModel.versions(on: db) { $0.filter(\.$strategy.$id == id) }
    }

    /// The version in force, nil while no body has signed up.
    static func currentVersion(of strategyID: UUID, on db: Database) async throws -> StrategyVersionModel? {
        try await StrategyVersionModel.latest(on: db) { $0.filter(\.$strategy.$id == strategyID) }
    }

    /// The refusal of an in-place change to what was signed up to.
    static func signedUpConflict(_ compactID: UUID, field: String, _ v: StrategyVersionModel) -> StorageError {
        .conflict(
            FieldError(
                field,
                "Public bodies have signed up to the strategy (version \(v.version) is in force): its fields and priorities are not changed in place. Amend it with a reason (POST /api/v1/compacts/\(compactID)/strategy/amendments); each sign-up stays with the version it signed up to"
            ))
    }

    /// Refuses a change to the strategy once a body has signed up to it.
    static func checkOpen(_ strategyID: UUID, compact compactID: UUID, field: String, on tx: Database) async throws {
        if let v = try await currentVersion(of: strategyID, on: tx) {
            throw signedUpConflict(compactID, field: field, v)
        }
    }

    /// The priorities of a strategy as a version keeps them, in rank order.
    static func snapshot(of strategyID: UUID, on tx: Database) async throws -> [StrategyVersionPriority] {
        try await StrategyPriorityModel.query(on: tx).filter(\.$strategy.$id == strategyID).with(\.$outcome)
            .sort(\.$rank).all().map {
                StrategyVersionPriority(
                    outcomeId: $0.$outcome.id, outcome: $0.outcome.name, target: $0.target, period: $0.period)
            }
    }

    /// The version a new sign-up is for: the one in force, or version 1, recorded now from the
    /// strategy as it stands, when this is the first sign-up.
    static func versionToSign(_ s: StrategyModel, by actor: Actor, now: Date, on tx: Database) async throws -> Int {
        let id = try s.requireID()
        if let v = try await currentVersion(of: id, on: tx) { return v.version }
        try await addVersion(
            id, 1, s, priorities: try await snapshot(of: id, on: tx), reason: nil, by: actor, at: now, on: tx)
        return 1
    }

    /// Writes version `number` of the strategy: `s`'s fields as they now read, and `priorities`.
    static func addVersion(
        _ strategyID: UUID, _ number: Int, _ s: StrategyModel, priorities: [StrategyVersionPriority],
        reason: String?, by actor: Actor, at now: Date, on tx: Database
    ) async throws {
        let v = StrategyVersionModel()
        v.$strategy.id = strategyID
        v.title = s.title
        v.summary = s.summary
        v.frameworkVersionID = s.$version.id
        v.startsOn = s.startsOn
        v.endsOn = s.endsOn
        v.prioritiesJSON = try VersionJSON.encode(priorities)
        v.stamp(number, reason: reason, by: actor, at: now)
        try await v.create(on: tx)
    }

    /// Amends a strategy bodies have signed up to: the Compact's group or the administrator
    /// (`CompactOperation.amendStrategy`), with a reason and at least one change from the version
    /// in force. The framework version must be an adopted version of a framework the Compact owns
    /// and every priority's outcome must be in it. Writes the next version and makes the strategy
    /// and its priorities the amended ones, audited, in one transaction. Sign-ups keep the version
    /// they signed up to. 409 while no body has signed up (until then it is changed in place).
    @discardableResult
    public func amend(
        compact compactID: UUID, _ input: StrategyAmendmentInput, viewer: Viewer, by actor: Actor,
        now: Date = Date()
    ) async throws -> StrategyVersionModel {
        try CompactStore.checkManages(compactID, viewer: viewer)
        return try await db.write { tx in
            let s = try await Self.managed(compactID, viewer: viewer, on: tx)
            let strategyID = try s.requireID()
            guard let current = try await Self.currentVersion(of: strategyID, on: tx) else {
                throw StorageError.conflict(
                    FieldError(
                        "title", "No public body has signed up to \(s.title) yet: change the strategy in place"))
            }
            let checked = try StrategyContent.validate(
                amendment: input, current: current.content, currentVersion: current.version)
            let amended = checked.content
            if amended.frameworkVersionId != current.frameworkVersionID {
                guard
                    let version = try await FrameworkVersionModel.query(on: tx)
                        .filter(\.$id == amended.frameworkVersionId).with(\.$framework).first(),
                    version.framework.$compact.id == compactID, version.status == .adopted
                else {
                    throw ValidationFailure(
                        "frameworkVersionId", "Select an adopted version of a framework this Compact owns")
                }
            }
            var priorities: [StrategyVersionPriority] = []
            var problems = Problems()
            for (i, p) in amended.priorities.enumerated() {
                guard let outcome = try await FrameworkOutcomeModel.find(p.outcomeId, on: tx),
                    outcome.$version.id == amended.frameworkVersionId
                else {
                    problems.add(
                        "priorities[\(i)].outcomeId",
                        "Priority \(i + 1): Select an outcome of the strategy’s framework version")
                    continue
                }
                priorities.append(
                    StrategyVersionPriority(
                        outcomeId: p.outcomeId, outcome: outcome.name, target: p.target, period: p.period))
            }
            try problems.throwIfAny()
            let before = Self.fields(s)
            s.title = amended.title
            s.summary = amended.summary
            s.$version.id = amended.frameworkVersionId
            s.startsOn = amended.startsOn.iso
            s.endsOn = amended.endsOn.iso
            let changes = AuditLog.diff(before, Self.fields(s))
            if !changes.isEmpty {
                try await s.update(on: tx)
                try await AuditLog.record(
                    "updated", "strategy", id: strategyID.uuidString, changes: changes, by: actor, on: tx)
            }
            if amended.priorities != current.content.priorities {
                try await StrategyPriorityModel.query(on: tx).filter(\.$strategy.$id == strategyID).delete()
                for (i, p) in priorities.enumerated() {
                    let row = StrategyPriorityModel()
                    row.$strategy.id = strategyID
                    row.$outcome.id = p.outcomeId
                    row.rank = i + 1
                    row.target = p.target
                    row.period = p.period
                    try await row.create(on: tx)
                }
            }
            try await Self.addVersion(
                strategyID, current.version + 1, s, priorities: priorities, reason: checked.reason, by: actor, at: now,
                on: tx)
            try await AuditLog.record(
                "amended", "strategy", id: strategyID.uuidString,
                changes: [
                    "version": FieldChange(from: String(current.version), to: String(current.version + 1)),
                    "reason": FieldChange(from: nil, to: checked.reason),
                    "changes": FieldChange(from: nil, to: checked.changes.joined(separator: "; ")),
                ], by: actor, on: tx)
            return try await Self.currentVersion(of: strategyID, on: tx)!
        }
    }
}
