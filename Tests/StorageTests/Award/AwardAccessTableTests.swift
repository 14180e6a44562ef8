import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing
import Vapor

@testable import Storage

/// The access table's award rows (`AwardOperation`): every operation for every asker, called on
/// the real `AwardStore` (the fixture is `AwardedArea`: awarded to Heron), is allowed or refused
/// as the core's policy says.
@Suite struct AwardAccessTableTests {
    /// Calls the real store operation as `v`.
    static func perform(_ op: AwardOperation, as v: Viewer?, on f: AwardedArea) async throws {
        func signedIn() throws -> Viewer { try StorageTests.signedIn(v) }
        let awards = f.e.awards
        let tender = f.e.a.tender
        switch op {
        case .readAwardDefaults:
            _ = try await awards.defaults(tender: tender, viewer: try signedIn())
        case .awardContract:
            _ = try await awards.award(
                tender: tender, AwardInput(bidID: f.heronBid), viewer: try signedIn(), by: .commandLine,
                now: EvaluationArea.opened)
        case .readContract:
            _ = try await awards.contract(f.contract, viewer: try signedIn())
        case .readTenderContract:
            _ = try await awards.contract(ofTender: tender, viewer: try signedIn())
        case .readContractCommitments:
            _ = try await awards.commitments(of: f.contract, viewer: try signedIn())
        case .readFeedback:
            _ = try await awards.feedback(tender: tender, organisation: f.subject.supplier, viewer: try signedIn())
        case .readPublicContracts:
            // Open to everyone, visitors included (docs/contracts.md).
            _ = try await awards.publicContracts(viewer: v)
            _ = try await awards.publicContract(f.contract, viewer: v)
        }
    }

    @Test func everyAwardOperationForEveryRoleIsDecidedByTheCore() async throws {
        try await withApp(.sqliteMemory) { app in
            let f = try await AwardedArea(app)
            await checkAccessTable(AwardOperation.self, subject: f.subject, hidden: ["The contract"]) {
                try await Self.perform($0, as: $1, on: f)
            }
        }
    }
}
