import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing
import Vapor

@testable import Storage

/// The access table's decommissioning rows (`DecommissioningOperation`): every operation for
/// every asker (`AccessRole`), called on the real store, must be allowed or refused as the core's
/// policy says (see `checkAccessTable`).
@Suite struct DecommissioningAccessTableTests {
    /// The county's case about the food bank's hub, shared with the food bank and still being
    /// assessed. Allowed calls are made so that they fail after the access check (an empty input,
    /// a second share), so the fixture does not change between calls.
    struct Fixture {
        let a: DecommissioningArea
        let id: UUID
        let subject: AccessSubject

        init(_ app: Application) async throws {
            a = try await DecommissioningArea(app)
            id = try await a.create()
            _ = try await a.store.share(id, viewer: a.priya, by: .commandLine, now: DecommissioningArea.now)
            subject = AccessSubject(buyer: a.area.county, supplier: a.area.foodbank, compact: a.area.compact)
        }

        /// Calls the real store operation as `v`.
        func perform(_ op: DecommissioningOperation, as v: Viewer?) async throws {
            func signedIn() throws -> Viewer { try StorageTests.signedIn(v) }
            let (store, now) = (a.store, DecommissioningArea.now)
            let by = Actor.commandLine
            switch op {
            case .startCase:
                _ = try await store.create(
                    NewCaseInput(ownerId: subject.buyer), viewer: try signedIn(), by: by, now: now)
            case .listProviders:
                _ = try await store.providers(viewer: try signedIn())
            case .listContracts:
                _ = try await store.contracts(buyer: subject.buyer, viewer: try signedIn())
            case .readCase:
                _ = try await store.find(id, viewer: try signedIn())
            case .readDiscussions:
                _ = try await store.discussions(of: id, viewer: try signedIn())
            case .readFacts:
                let c = try await DecommissioningStore.find(id, on: store.db)
                _ = try await store.facts(c, viewer: try signedIn())
            case .updateProposal:
                _ = try await store.updateProposal(id, ProposalInput(), viewer: try signedIn(), by: by, now: now)
            case .saveImpact:
                _ = try await store.saveImpact(
                    id, ImpactInput(onBeneficiaries: String(repeating: "x", count: 100_000)), viewer: try signedIn(),
                    by: by, now: now)
            case .addDiscussion:
                _ = try await store.addDiscussion(id, DiscussionInput(), viewer: try signedIn(), by: by, now: now)
            case .shareCase:
                _ = try await store.share(id, viewer: try signedIn(), by: by, now: now)
            case .recordResponse:
                _ = try await store.recordResponse(id, ResponseInput(), viewer: try signedIn(), by: by, now: now)
            case .decideCase:
                _ = try await store.decide(id, DecisionInput(), viewer: try signedIn(), by: by, now: now)
            case .readDecisions:
                _ = try await store.decisions(of: id, viewer: try signedIn())
            case .amendDecision:
                _ = try await store.amendDecision(
                    id, DecisionAmendmentInput(DecisionInput(), amendmentReason: nil), viewer: try signedIn(), by: by,
                    now: now)
            case .readProposalVersions:
                _ = try await store.proposalVersions(of: id, viewer: try signedIn())
            case .amendProposal:
                _ = try await store.amendProposal(
                    id, ProposalAmendmentInput(ProposalInput(), reason: nil), viewer: try signedIn(), by: by, now: now)
            case .publishSummary:
                // Refused after the access check: the case is still being assessed.
                _ = try await store.publish(
                    id, PublicSummaryInput(rationale: "x"), viewer: try signedIn(), by: by, now: now)
            case .respondToCase:
                _ = try await store.respond(id, ResponseInput(), viewer: try signedIn(), by: by, now: now)
            }
        }
    }

    @Test func everyDecommissioningOperationForEveryRoleIsDecidedByTheCore() async throws {
        try await withApp(.sqliteMemory) { app in
            let f = try await Fixture(app)
            let before = try await AuditEventModel.query(on: app.db).count()
            await checkAccessTable(
                DecommissioningOperation.self, subject: f.subject, hidden: ["The decommissioning case"]
            ) { try await f.perform($0, as: $1) }
            #expect(
                try await AuditEventModel.query(on: app.db).count() == before, "an allowed call changed the fixture")
        }
    }
}
