import Fluent
import Foundation
import SocialValue

/// The joint social value strategy of a Compact: priorities and the bodies signed up to it.
public struct StrategyStore: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    public func strategy(of compactID: UUID) async throws -> StrategyModel? {
        try await StrategyModel.query(on: db).filter(\.$compact.$id == compactID).with(
            \.$version, { $0.with(\.$framework) }
        ).first()
    }

    public func priorities(of strategyID: UUID) async throws -> [StrategyPriorityModel] {
        try await StrategyPriorityModel.query(on: db).filter(\.$strategy.$id == strategyID).with(\.$outcome).sort(
            \.$rank
        ).all()
    }

    public func signups(of strategyID: UUID) async throws -> [StrategySignupModel] {
        try await StrategySignupModel.query(on: db).filter(\.$strategy.$id == strategyID).with(\.$organisation).sort(
            \.$signedUpOn
        ).all()
    }

    /// The strategy of a Compact the viewer keeps.
    static func managed(_ compactID: UUID, viewer: Viewer, on db: Database) async throws -> StrategyModel {
        try CompactStore.checkManages(compactID, viewer: viewer)
        guard let s = try await StrategyModel.query(on: db).filter(\.$compact.$id == compactID).first() else {
            throw StorageError.notFound("The strategy")
        }
        return s
    }

    /// A priority of the Compact's strategy, checked that the viewer keeps the Compact.
    static func managedPriority(_ priorityID: UUID, compact compactID: UUID, viewer: Viewer, on db: Database)
        async throws -> StrategyPriorityModel
    {
        let s = try await managed(compactID, viewer: viewer, on: db)
        guard
            let p = try await StrategyPriorityModel.query(on: db).filter(\.$id == priorityID)
                .filter(\.$strategy.$id == s.requireID()).first()
        else { throw StorageError.notFound("The priority") }
        return p
    }

    /// Creates or changes the strategy. Its framework version must be an adopted version of a
    /// framework this Compact owns. The Compact's group and the administrator keep it.
    public func save(_ compactID: UUID, _ input: StrategyInput, viewer: Viewer, by actor: Actor) async throws
        -> StrategyModel
    {
        try CompactStore.checkManages(compactID, viewer: viewer)
        let valid = try input.validated()
        return try await db.write { tx in
            _ = try await CompactModel.require(compactID, on: tx, "The Compact")
            guard
                let version = try await FrameworkVersionModel.query(on: tx).filter(\.$id == valid.version).with(
                    \.$framework
                ).first(),
                version.framework.$compact.id == compactID, version.status == .adopted
            else {
                throw ValidationFailure(
                    "frameworkVersionId", "Select an adopted version of a framework this Compact owns")
            }
            let s = try await StrategyModel.query(on: tx).filter(\.$compact.$id == compactID).first() ?? StrategyModel()
            let before: [String: String?]? = s.id == nil ? nil : Self.fields(s)
            s.$compact.id = compactID
            s.$version.id = valid.version
            s.title = valid.title
            s.summary = valid.summary
            s.startsOn = valid.starts.iso
            s.endsOn = valid.ends.iso
            let changes = AuditLog.diff(before, Self.fields(s))
            // Once a body has signed up, the strategy changes only by an amendment.
            if before != nil, !changes.isEmpty {
                try await Self.checkOpen(s.requireID(), compact: compactID, field: "title", on: tx)
            }
            if before == nil { try await s.create(on: tx) } else if !changes.isEmpty { try await s.update(on: tx) }
            if !changes.isEmpty {
                try await AuditLog.record(
                    before == nil ? "created" : "updated", "strategy", id: s.requireID().uuidString, changes: changes,
                    by: actor, on: tx)
            }
            return s
        }
    }

    static func fields(_ s: StrategyModel) -> [String: String?] {
        [
            "title": s.title, "summary": s.summary, "version": s.$version.id.uuidString, "startsOn": s.startsOn,
            "endsOn": s.endsOn,
        ]
    }

    /// Adds a priority at the end of the ranking of the Compact's strategy; the outcome must be in
    /// the strategy's version.
    public func addPriority(compact compactID: UUID, _ input: StrategyPriorityInput, viewer: Viewer, by actor: Actor)
        async throws
    {
        try CompactStore.checkManages(compactID, viewer: viewer)
        let valid = try input.validated()
        try await db.write { tx in
            let s = try await Self.managed(compactID, viewer: viewer, on: tx)
            let strategyID = try s.requireID()
            try await Self.checkOpen(strategyID, compact: compactID, field: "outcomeId", on: tx)
            guard let outcome = try await FrameworkOutcomeModel.find(valid.outcome, on: tx),
                outcome.$version.id == s.$version.id
            else {
                throw ValidationFailure("outcomeId", "Select an outcome of the strategy’s framework version")
            }
            let count = try await StrategyPriorityModel.query(on: tx).filter(\.$strategy.$id == strategyID).count()
            let p = StrategyPriorityModel()
            p.$strategy.id = strategyID
            p.$outcome.id = try outcome.requireID()
            p.rank = count + 1
            p.target = valid.target
            p.period = valid.period
            try await p.create(on: tx)
            try await AuditLog.record(
                "created", "strategy-priority", id: p.requireID().uuidString,
                changes: [
                    "outcome": FieldChange(from: nil, to: outcome.name), "target": FieldChange(from: nil, to: p.target),
                    "period": FieldChange(from: nil, to: p.period), "rank": FieldChange(from: nil, to: String(p.rank)),
                ], by: actor, on: tx)
        }
    }

    /// Moves a priority one place up (towards rank 1) or down, swapping with its neighbour.
    public func move(compact compactID: UUID, priority priorityID: UUID, up: Bool, viewer: Viewer, by actor: Actor)
        async throws
    {
        try CompactStore.checkManages(compactID, viewer: viewer)
        try await db.write { tx in
            let p = try await Self.managedPriority(priorityID, compact: compactID, viewer: viewer, on: tx)
            try await Self.checkOpen(p.$strategy.id, compact: compactID, field: "priorities", on: tx)
            let all = try await StrategyPriorityModel.query(on: tx).filter(\.$strategy.$id == p.$strategy.id).sort(
                \.$rank
            ).all()
            guard let i = all.firstIndex(where: { $0.id == priorityID }) else { return }
            let j = up ? i - 1 : i + 1
            guard all.indices.contains(j) else { return }
            let other = all[j]
            (p.rank, other.rank) = (other.rank, p.rank)
            try await p.update(on: tx)
            try await other.update(on: tx)
            try await AuditLog.record(
                "reranked", "strategy-priority", id: priorityID.uuidString,
                changes: ["rank": FieldChange(from: String(other.rank), to: String(p.rank))], by: actor, on: tx)
        }
    }

    public func removePriority(compact compactID: UUID, priority priorityID: UUID, viewer: Viewer, by actor: Actor)
        async throws
    {
        try CompactStore.checkManages(compactID, viewer: viewer)
        try await db.write { tx in
            let p = try await Self.managedPriority(priorityID, compact: compactID, viewer: viewer, on: tx)
            try await Self.checkOpen(p.$strategy.id, compact: compactID, field: "priorities", on: tx)
            try await p.delete(on: tx)
            let rest = try await StrategyPriorityModel.query(on: tx).filter(\.$strategy.$id == p.$strategy.id).sort(
                \.$rank
            ).all()
            for (i, r) in rest.enumerated() where r.rank != i + 1 {
                r.rank = i + 1
                try await r.update(on: tx)
            }
            try await AuditLog.record(
                "deleted", "strategy-priority", id: priorityID.uuidString,
                changes: ["target": FieldChange(from: p.target, to: nil)], by: actor, on: tx)
        }
    }

    /// Records a public body signing up to the Compact's strategy, for the version in force (the
    /// first sign-up records version 1).
    public func signUp(
        compact compactID: UUID, _ input: StrategySignupInput, viewer: Viewer, by actor: Actor, now: Date = Date()
    ) async throws {
        try CompactStore.checkManages(compactID, viewer: viewer)
        let (orgID, on) = try input.validated(today: UKTime.date(at: now))
        try await db.write { tx in
            let strategy = try await Self.managed(compactID, viewer: viewer, on: tx)
            let strategyID = try strategy.requireID()
            guard let org = try await OrganisationModel.find(orgID, on: tx), org.organisationKind.sector == .publicBody
            else {
                throw ValidationFailure("organisationId", "Select a public body from the list")
            }
            if try await StrategySignupModel.query(on: tx).filter(\.$strategy.$id == strategyID).filter(
                \.$organisation.$id == orgID
            ).first() != nil {
                throw ValidationFailure("organisationId", "\(org.name) has already signed up")
            }
            let s = StrategySignupModel()
            s.$strategy.id = strategyID
            s.$organisation.id = orgID
            s.signedUpOn = on.iso
            s.signedVersion = try await Self.versionToSign(strategy, by: actor, now: now, on: tx)
            try await s.create(on: tx)
            try await AuditLog.record(
                "created", "strategy-signup", id: s.requireID().uuidString,
                changes: [
                    "organisation": FieldChange(from: nil, to: org.name),
                    "signedUpOn": FieldChange(from: nil, to: s.signedUpOn),
                    "signedVersion": FieldChange(from: nil, to: s.signedVersion.map(String.init)),
                ], by: actor, on: tx)
        }
    }
}
