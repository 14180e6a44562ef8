import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing
import Vapor

@testable import Storage

private func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

/// Issue 13 §1: once a public body has signed up to a Compact's joint strategy, its fields and
/// priorities never change in place. The first sign-up records version 1; a change in place is
/// refused (409, naming the amendments endpoint) and changes nothing; an amendment is a new version
/// with its reason and author; and each sign-up stays with the version it signed up to.
@Suite struct StrategyAmendmentTests {
    struct Fixture {
        let strategies: StrategyStore
        let compact: UUID
        let council: UUID
        let input: StrategyInput
        let outcomes: [FrameworkOutcomeModel]
        let strategyID: UUID
    }

    /// A strategy with two priorities on an adopted version, no sign-up yet.
    static func fixture(_ app: Application) async throws -> Fixture {
        let frameworks = FrameworkStore(app.db)
        let strategies = StrategyStore(app.db)
        let (compact, council, _, v1) = try await frameworkFixture(app.db)
        try await frameworks.transition(
            v1.id!, TransitionInput(status: "adopted", adoptedOn: "2025-04-01", adoptedBy: [council]),
            viewer: owner, by: .commandLine)
        let input = StrategyInput(
            title: "Joint strategy", summary: "Together", frameworkVersionId: v1.id, startsOn: "2025-04-01",
            endsOn: "2028-03-31")
        let s = try await strategies.save(compact, input, viewer: .commandLine, by: .commandLine)
        let outcomes = try await frameworks.tree(of: v1.id!, viewer: owner).outcomes
        for (i, o) in outcomes.prefix(2).enumerated() {
            try await strategies.addPriority(
                compact: compact, .init(outcomeId: o.id, target: "Target \(i + 1)", period: "a year"),
                viewer: .commandLine, by: .commandLine)
        }
        return Fixture(
            strategies: strategies, compact: compact, council: council, input: input, outcomes: outcomes,
            strategyID: s.id!)
    }

    static func signUp(_ f: Fixture, _ org: UUID, on date: String) async throws {
        try await f.strategies.signUp(
            compact: f.compact, StrategySignupInput(organisationId: org, signedUpOn: date), viewer: .commandLine,
            by: .commandLine)
    }

    static func refusal(_ f: Fixture, _ field: String, version: Int = 1) -> StorageError {
        StorageError.conflict(
            FieldError(
                field,
                "Public bodies have signed up to the strategy (version \(version) is in force): its fields and priorities are not changed in place. Amend it with a reason (POST /api/v1/compacts/\(f.compact)/strategy/amendments); each sign-up stays with the version it signed up to"
            ))
    }

    @Test(arguments: Backend.all)
    func beforeAnySignUpTheStrategyChangesInPlaceAndCannotBeAmended(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let f = try await Self.fixture(app)
            var changed = f.input
            changed.summary = "Together, openly"
            #expect(
                try await f.strategies.save(f.compact, changed, viewer: .commandLine, by: .commandLine).summary
                    == "Together, openly")
            let ranked = try await f.strategies.priorities(of: f.strategyID)
            try await f.strategies.move(
                compact: f.compact, priority: ranked[1].id!, up: true, viewer: .commandLine, by: .commandLine)
            #expect(try await f.strategies.priorities(of: f.strategyID).map(\.target) == ["Target 2", "Target 1"])
            #expect(try await f.strategies.versions(compact: f.compact).isEmpty)
            await #expect(
                throws: StorageError.conflict(
                    FieldError(
                        "title", "No public body has signed up to Joint strategy yet: change the strategy in place"))
            ) {
                try await f.strategies.amend(
                    compact: f.compact, StrategyAmendmentInput(title: "Changed", reason: "Why"),
                    viewer: .commandLine, by: .commandLine)
            }
        }
    }

    @Test(arguments: Backend.all)
    func afterTheFirstSignUpAChangeInPlaceIsRefusedAndChangesNothing(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let f = try await Self.fixture(app)
            try await Self.signUp(f, f.council, on: "2025-04-01")
            let versions = try await f.strategies.versions(compact: f.compact)
            #expect(versions.map(\.version) == [1])
            #expect(versions[0].title == "Joint strategy")
            #expect(versions[0].startsOn == "2025-04-01")
            #expect(versions[0].priorities.map(\.target) == ["Target 1", "Target 2"])
            #expect(versions[0].priorities.map(\.outcome) == f.outcomes.prefix(2).map(\.name))
            #expect(versions[0].reason == nil)
            #expect(try await f.strategies.signups(of: f.strategyID).map(\.signedVersion) == [1])
            let audits = try await AuditEventModel.query(on: app.db).count()
            var rewritten = f.input
            rewritten.title = "A different strategy"
            await #expect(throws: Self.refusal(f, "title")) {
                try await f.strategies.save(f.compact, rewritten, viewer: .commandLine, by: .commandLine)
            }
            await #expect(throws: Self.refusal(f, "outcomeId")) {
                try await f.strategies.addPriority(
                    compact: f.compact, .init(outcomeId: f.outcomes[2].id, target: "Target 3", period: "a year"),
                    viewer: .commandLine, by: .commandLine)
            }
            let ranked = try await f.strategies.priorities(of: f.strategyID)
            await #expect(throws: Self.refusal(f, "priorities")) {
                try await f.strategies.move(
                    compact: f.compact, priority: ranked[1].id!, up: true, viewer: .commandLine, by: .commandLine)
            }
            await #expect(throws: Self.refusal(f, "priorities")) {
                try await f.strategies.removePriority(
                    compact: f.compact, priority: ranked[0].id!, viewer: .commandLine, by: .commandLine)
            }
            #expect(try await f.strategies.strategy(of: f.compact)?.title == "Joint strategy")
            #expect(try await f.strategies.priorities(of: f.strategyID).map(\.target) == ["Target 1", "Target 2"])
            #expect(try await AuditEventModel.query(on: app.db).count() == audits)
            #expect(try await f.strategies.versions(compact: f.compact).map(\.version) == [1])
            // Saving it unchanged changes nothing and is not refused.
            _ = try await f.strategies.save(f.compact, f.input, viewer: .commandLine, by: .commandLine)
        }
    }

    @Test(arguments: Backend.all)
    func anAmendmentIsANewVersionAndEachSignUpKeepsItsVersion(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let f = try await Self.fixture(app)
            try await Self.signUp(f, f.council, on: "2025-04-01")
            let v1 = try #require(try await f.strategies.versions(compact: f.compact).first)
            var input = StrategyAmendmentInput(v1.content)
            await #expect(throws: ValidationFailure("reason", "Enter why the strategy is amended")) {
                var noReason = input
                noReason.summary = "Changed"
                try await f.strategies.amend(compact: f.compact, noReason, viewer: .commandLine, by: .commandLine)
            }
            input.reason = "Agreed by the Compact group"
            await #expect(
                throws: ValidationFailure(
                    "title", "The amendment is the same as version 1, the strategy in force: change what needs amending"
                )
            ) {
                try await f.strategies.amend(compact: f.compact, input, viewer: .commandLine, by: .commandLine)
            }
            var unknown = input
            unknown.priorities?[0].outcomeId = UUID()
            await #expect(
                throws: ValidationFailure(
                    "priorities[0].outcomeId", "Priority 1: Select an outcome of the strategy’s framework version")
            ) {
                try await f.strategies.amend(compact: f.compact, unknown, viewer: .commandLine, by: .commandLine)
            }
            // Raise the first target, drop the second priority, add a third outcome.
            input.priorities = [
                StrategyPriorityInput(outcomeId: f.outcomes[0].id, target: "Target 1, raised", period: "a year"),
                StrategyPriorityInput(outcomeId: f.outcomes[2].id, target: "Target 3", period: "2025 to 2028"),
            ]
            let v2 = try await f.strategies.amend(
                compact: f.compact, input, viewer: .commandLine, by: .commandLine, now: utc("2026-05-01T10:00:00Z"))
            #expect(v2.version == 2)
            let versions = try await f.strategies.versions(compact: f.compact)
            #expect(versions.map(\.version) == [1, 2])
            // Version 1 stays as signed up to.
            #expect(versions[0].priorities.map(\.target) == ["Target 1", "Target 2"])
            #expect(versions[0].reason == nil)
            #expect(versions[1].priorities.map(\.target) == ["Target 1, raised", "Target 3"])
            #expect(versions[1].priorities[1].outcome == f.outcomes[2].name)
            #expect(versions[1].reason == "Agreed by the Compact group")
            #expect(versions[1].author == "command line")
            #expect(versions[1].at == utc("2026-05-01T10:00:00Z"))
            // The strategy shows the version in force.
            let ranked = try await f.strategies.priorities(of: f.strategyID)
            #expect(ranked.map(\.target) == ["Target 1, raised", "Target 3"])
            #expect(ranked.map(\.rank) == [1, 2])
            // A new sign-up is for version 2; the first stays with version 1.
            var other = foodbank(name: "Saltmarsh District Council")
            other.kind = "district-council"
            other.charityNumber = nil
            let district = try await OrganisationStore(app.db).create(other, viewer: .commandLine, by: .commandLine)
            try await Self.signUp(f, district.id!, on: "2026-05-02")
            let signed = try await f.strategies.signups(of: f.strategyID).map {
                ($0.organisation.name, $0.signedVersion)
            }
            #expect(signed.first { $0.0 == "Eastmoor County Council" }?.1 == 1)
            #expect(signed.first { $0.0 == "Saltmarsh District Council" }?.1 == 2)
            // And a change in place now names version 2.
            var rewritten = f.input
            rewritten.title = "A different strategy"
            await #expect(throws: Self.refusal(f, "title", version: 2)) {
                try await f.strategies.save(f.compact, rewritten, viewer: .commandLine, by: .commandLine)
            }
        }
    }

    @Test(arguments: Backend.all)
    func onlyTheGroupAmends(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let f = try await Self.fixture(app)
            try await Self.signUp(f, f.council, on: "2025-04-01")
            let input = StrategyAmendmentInput(
                title: "Changed", summary: "Together", frameworkVersionId: nil, reason: "Because")
            let outsider = Viewer(userID: UUID(), isAdmin: false, memberships: [], compactSeats: [])
            await expectForbidden {
                try await f.strategies.amend(compact: f.compact, input, viewer: outsider, by: .commandLine)
            }
            #expect(try await f.strategies.versions(compact: f.compact).map(\.version) == [1])
        }
    }

    /// The migration gives every strategy with a sign-up version 1 as it read then, by
    /// "Not recorded", and puts every sign-up on it.
    @Test(arguments: Backend.all)
    func theMigrationRecordsVersionOneForStrategiesAlreadySignedUpTo(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let f = try await Self.fixture(app)
            try await Self.signUp(f, f.council, on: "2025-04-01")
            try await CreateStrategyVersions().revert(on: app.db)
            try await CreateStrategyVersions().prepare(on: app.db)
            let versions = try await f.strategies.versions(compact: f.compact)
            #expect(versions.map(\.version) == [1])
            #expect(versions[0].author == "Not recorded")
            #expect(versions[0].title == "Joint strategy")
            #expect(versions[0].endsOn == "2028-03-31")
            #expect(versions[0].priorities.map(\.target) == ["Target 1", "Target 2"])
            #expect(versions[0].priorities.map(\.outcome) == f.outcomes.prefix(2).map(\.name))
            #expect(try await f.strategies.signups(of: f.strategyID).map(\.signedVersion) == [1])
        }
    }
}
