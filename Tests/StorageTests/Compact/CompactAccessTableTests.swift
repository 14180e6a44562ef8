import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing
import Vapor

@testable import Storage

/// The access table's Compact and strategy rows (`CompactOperation`): every operation for every
/// asker (`AccessRole`), called on the real store, must be allowed or refused as the core's policy
/// says (see `checkAccessTable`). The record's Compact is the subject's `compact`.
@Suite struct CompactAccessTableTests {
    /// A Compact with the national principles and no strategy. Allowed calls are made so that
    /// they fail after the access check (an invalid input, an unknown item, no strategy yet), so
    /// the fixture does not change between calls.
    struct Fixture {
        let compacts: CompactStore
        let strategies: StrategyStore
        let compact: UUID
        let subject: AccessSubject

        init(_ app: Application) async throws {
            compacts = CompactStore(app.db)
            strategies = StrategyStore(app.db)
            compact = try await compacts.create(
                CompactInput(
                    name: "Eastmoor Compact", area: "Eastmoor", text: "We agree.", version: "1.0",
                    adoptedOn: "2024-03-01", nextReviewOn: "2026-03-01"), viewer: .commandLine, by: .commandLine
            ).requireID()
            subject = AccessSubject(buyer: UUID(), supplier: UUID(), compact: compact)
        }

        /// Calls the real store operation as `v`.
        func perform(_ op: CompactOperation, as v: Viewer?) async throws {
            func signedIn() throws -> Viewer { try StorageTests.signedIn(v) }
            let by = Actor.commandLine
            switch op {
            case .createCompact:
                _ = try await compacts.create(CompactInput(), viewer: try signedIn(), by: by)
            case .updateCompact:
                _ = try await compacts.update(compact, CompactInput(), viewer: try signedIn(), by: by)
            case .updateCompactSettings:
                var settings = CompactSettings.defaults
                settings.bands = []
                _ = try await compacts.updateSettings(compact, settings, viewer: try signedIn(), by: by)
            case .addSignatory:
                try await compacts.addSignatory(compact, CompactSignatoryInput(), viewer: try signedIn(), by: by)
            case .removeSignatory:
                try await compacts.removeSignatory(compact, signatory: UUID(), viewer: try signedIn(), by: by)
            case .addGroupSeat:
                try await compacts.addSeat(compact, CompactSeatInput(), viewer: try signedIn(), by: by)
            case .removeGroupSeat:
                try await compacts.removeSeat(compact, seat: UUID(), viewer: try signedIn(), by: by)
            case .listGroupCandidates:
                _ = try await compacts.seatCandidates(compact, viewer: try signedIn())
            case .addPrinciple:
                try await compacts.addPrinciple(compact, CompactPrincipleInput(), viewer: try signedIn(), by: by)
            case .updatePrinciple:
                try await compacts.updatePrinciple(
                    compact, principle: UUID(), CompactPrincipleInput(), viewer: try signedIn(), by: by)
            case .removePrinciple:
                try await compacts.removePrinciple(compact, principle: UUID(), viewer: try signedIn(), by: by)
            case .amendCompact:
                // The fixture's Compact is not signed: an allowed amendment is refused (409) after the check.
                try await compacts.amend(
                    compact, CompactAmendmentInput(text: "Changed", reason: "Why"), viewer: try signedIn(), by: by)
            case .recordReview:
                try await compacts.recordReview(compact, CompactReviewInput(), viewer: try signedIn(), by: by)
            case .saveStrategy:
                _ = try await strategies.save(compact, StrategyInput(), viewer: try signedIn(), by: by)
            case .addStrategyPriority:
                try await strategies.addPriority(
                    compact: compact, StrategyPriorityInput(), viewer: try signedIn(), by: by)
            case .moveStrategyPriority:
                try await strategies.move(compact: compact, priority: UUID(), up: true, viewer: try signedIn(), by: by)
            case .removeStrategyPriority:
                try await strategies.removePriority(compact: compact, priority: UUID(), viewer: try signedIn(), by: by)
            case .signUpToStrategy:
                try await strategies.signUp(compact: compact, StrategySignupInput(), viewer: try signedIn(), by: by)
            case .amendStrategy:
                // The fixture's Compact has no strategy: an allowed amendment is refused (404) after the check.
                try await strategies.amend(
                    compact: compact, StrategyAmendmentInput(title: "Changed", reason: "Why"), viewer: try signedIn(),
                    by: by)
            }
        }
    }

    @Test func everyCompactAndStrategyOperationForEveryRoleIsDecidedByTheCore() async throws {
        try await withApp(.sqliteMemory) { app in
            let f = try await Fixture(app)
            await checkAccessTable(CompactOperation.self, subject: f.subject) { try await f.perform($0, as: $1) }
            // Nothing the allowed calls did changed the register.
            #expect(try await f.compacts.principles(of: f.compact).count == NationalCompact2010.principles.count)
            #expect(try await f.compacts.find(f.compact).settings == CompactSettings.defaults)
            #expect(try await f.strategies.strategy(of: f.compact) == nil)
        }
    }

    @Test func theTableLetsTheGroupAndTheAdministratorKeepTheCompact() {
        let subject = AccessSubject(buyer: UUID(), supplier: UUID(), compact: UUID())
        let seat = Viewer(userID: UUID(), isAdmin: false, memberships: [], compactSeats: [subject.compact])
        let commissioner = Viewer(
            userID: UUID(), isAdmin: false, memberships: [.init(organisationID: subject.buyer, role: .commissioner)],
            compactSeats: [])
        #expect(CompactOperation.updateCompact.outcome(for: seat, on: subject) == .allowed)
        #expect(CompactOperation.createCompact.outcome(for: seat, on: subject) == .forbidden)
        #expect(CompactOperation.createCompact.outcome(for: .commandLine, on: subject) == .allowed)
        #expect(CompactOperation.saveStrategy.outcome(for: commissioner, on: subject) == .forbidden)
        #expect(CompactOperation.recordReview.outcome(for: nil, on: subject) == .forbidden)
    }
}
