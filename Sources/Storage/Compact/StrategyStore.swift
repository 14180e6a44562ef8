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

    /// Creates or changes the strategy. Its framework version must be an adopted version of a
    /// framework this Compact owns.
    public func save(_ compactID: UUID, _ input: StrategyInput, by actor: Actor) async throws -> StrategyModel {
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
            if before == nil { try await s.create(on: tx) } else if !changes.isEmpty { try await s.update(on: tx) }
            if !changes.isEmpty {
                try await AuditLog.record(
                    before == nil ? "created" : "updated", "strategy", id: s.id!.uuidString, changes: changes,
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

    /// Adds a priority at the end of the ranking; the outcome must be in the strategy's version.
    public func addPriority(_ strategyID: UUID, _ input: StrategyPriorityInput, by actor: Actor) async throws {
        let valid = try input.validated()
        try await db.write { tx in
            let s = try await StrategyModel.require(strategyID, on: tx, "The strategy")
            guard let outcome = try await FrameworkOutcomeModel.find(valid.outcome, on: tx),
                outcome.$version.id == s.$version.id
            else {
                throw ValidationFailure("outcomeId", "Select an outcome of the strategy’s framework version")
            }
            let count = try await StrategyPriorityModel.query(on: tx).filter(\.$strategy.$id == strategyID).count()
            let p = StrategyPriorityModel()
            p.$strategy.id = strategyID
            p.$outcome.id = outcome.id!
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
    public func move(_ priorityID: UUID, up: Bool, by actor: Actor) async throws {
        try await db.write { tx in
            let p = try await StrategyPriorityModel.require(priorityID, on: tx, "The priority")
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

    public func removePriority(_ priorityID: UUID, by actor: Actor) async throws {
        try await db.write { tx in
            let p = try await StrategyPriorityModel.require(priorityID, on: tx, "The priority")
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

    /// Records a public body signing up to the strategy.
    public func signUp(_ strategyID: UUID, organisation orgID: UUID?, on raw: String?, by actor: Actor) async throws {
        var p = Problems()
        if orgID == nil { p.add("organisationId", "Select the public body signing up") }
        let on = date(raw, field: "signedUpOn", label: "the date it signed up", &p)
        try p.throwIfAny()
        try await db.write { tx in
            _ = try await StrategyModel.require(strategyID, on: tx, "The strategy")
            guard let org = try await OrganisationModel.find(orgID, on: tx), org.organisationKind.sector == .publicBody
            else {
                throw ValidationFailure("organisationId", "Select a public body from the list")
            }
            if try await StrategySignupModel.query(on: tx).filter(\.$strategy.$id == strategyID).filter(
                \.$organisation.$id == orgID!
            ).first() != nil {
                throw ValidationFailure("organisationId", "\(org.name) has already signed up")
            }
            let s = StrategySignupModel()
            s.$strategy.id = strategyID
            s.$organisation.id = orgID!
            s.signedUpOn = on!.iso
            try await s.create(on: tx)
            try await AuditLog.record(
                "created", "strategy-signup", id: s.requireID().uuidString,
                changes: [
                    "organisation": FieldChange(from: nil, to: org.name),
                    "signedUpOn": FieldChange(from: nil, to: s.signedUpOn),
                ], by: actor, on: tx)
        }
    }
}
