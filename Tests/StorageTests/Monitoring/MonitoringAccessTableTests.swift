import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing
import Vapor

@testable import Storage

/// The access table's monitoring rows (`MonitoringOperation`): every operation for every asker
/// (`AccessRole`), called on the real store, must be allowed or refused as the core's policy says
/// (see `checkAccessTable`).
@Suite struct MonitoringAccessTableTests {
    /// The county's contract with the food bank, period 1's return a draft with one piece of
    /// evidence. Allowed calls are made so that they fail after the access check (a period the
    /// contract does not have, an empty input, a draft nobody may verify yet), so the fixture does
    /// not change between calls.
    struct Fixture {
        let m: MonitoringArea
        let subject: AccessSubject
        let evidence: UUID
        static let now = ISO8601DateFormatter().date(from: "2027-08-01T10:00:00Z")!

        init(_ app: Application) async throws {
            m = try await MonitoringArea(app)
            try await m.store.save(
                contract: m.contract, period: 1, MonitoringArea.filled, submit: false, viewer: m.sam, by: m.samActor,
                now: Self.now)
            try await m.evidence(1, at: Self.now)
            let view = try await m.store.returnView(contract: m.contract, period: 1, viewer: m.sam, now: Self.now)
            evidence = try #require(view.evidence.first?.id)
            subject = AccessSubject(buyer: m.a.area.county, supplier: m.a.area.foodbank, compact: m.a.area.compact)
        }

        /// Calls the real store operation as `v`.
        func perform(_ op: MonitoringOperation, as v: Viewer?) async throws {
            func signedIn() throws -> Viewer { try StorageTests.signedIn(v) }
            let (store, contract, now) = (m.store, m.contract, Self.now)
            let by = Actor.commandLine
            switch op {
            case .readOverview:
                _ = try await store.overview(contract: contract, viewer: try signedIn(), now: now)
            case .readProgress:
                _ = try await store.progress(contract: contract, viewer: try signedIn())
            case .readReturn:
                _ = try await store.returnView(contract: contract, period: 1, viewer: try signedIn(), now: now)
            case .readEvidence:
                _ = try await store.evidenceFile(evidence, contract: contract, period: 1, viewer: try signedIn())
            case .saveReturn:
                try await store.save(
                    contract: contract, period: 99, ReturnInput(), submit: false, viewer: try signedIn(), by: by,
                    now: now)
            case .submitReturn:
                try await store.save(
                    contract: contract, period: 99, ReturnInput(), submit: true, viewer: try signedIn(), by: by,
                    now: now)
            case .addEvidence:
                try await store.addEvidence(
                    contract: contract, period: 1, description: nil, filename: nil, bytes: [], viewer: try signedIn(),
                    by: by, now: now)
            case .removeEvidence:
                try await store.removeEvidence(
                    UUID(), contract: contract, period: 1, viewer: try signedIn(), by: by, now: now)
            case .verifyReturn:
                try await store.decide(
                    contract: contract, period: 1, VerificationInput(), viewer: try signedIn(), by: by, now: now)
            }
        }
    }

    @Test func everyMonitoringOperationForEveryRoleIsDecidedByTheCore() async throws {
        try await withApp(.sqliteMemory) { app in
            let f = try await Fixture(app)
            let before = try await AuditEventModel.query(on: app.db).count()
            await checkAccessTable(MonitoringOperation.self, subject: f.subject, hidden: ["The contract"]) {
                try await f.perform($0, as: $1)
            }
            #expect(
                try await AuditEventModel.query(on: app.db).count() == before, "an allowed call changed the fixture")
        }
    }

    @Test func theDashboardCountsOnlyContractsTheViewerSees() async throws {
        try await withApp(.sqliteMemory) { app in
            let f = try await Fixture(app)
            let contract = try await ContractModel.find(f.m.contract, on: app.db)
            let stranger = Viewer(userID: UUID(), isAdmin: false, memberships: [], compactSeats: [])
            #expect(try await f.m.store.attention(contracts: [try #require(contract)], viewer: stranger).isEmpty)
            #expect(try await f.m.store.attention(contracts: [try #require(contract)], viewer: f.m.sam).count == 1)
        }
    }
}
