import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing
import Vapor

@testable import Storage

/// The evaluation area taken through scoring, moderation, ranking and the award to Heron: the
/// fixture of the evaluation and award rows of the access table. The tender is awarded, so
/// every allowed write fails after its access check (the evaluation is closed) and the fixture
/// does not change between calls.
struct AwardedArea {
    let e: EvaluationArea
    let contract: UUID
    let heronBid: UUID
    /// The buyer is the county, the supplier Heron (the winner), the Compact the area's.
    let subject: AccessSubject

    init(_ app: Application) async throws {
        e = try await EvaluationArea(app)
        let a = e.a
        let opened = EvaluationArea.opened
        try await e.scoreAll(e.eve, e.eveUser, score: "4")
        try await e.scoreAll(e.ed, e.edUser, score: "3")
        try await e.store.submitScores(tender: a.tender, viewer: e.eve, by: .user(e.eveUser), now: opened)
        try await e.store.submitScores(tender: a.tender, viewer: e.ed, by: .user(e.edUser), now: opened)
        try await e.moderateAll()
        _ = try await e.store.rank(tender: a.tender, viewer: a.commissioner, by: .user(a.area.priya), now: opened)
        heronBid = try await e.bidID(e.heron)
        let input = AwardInput(
            bidID: heronBid, startsOn: "2027-05-01", endsOn: "2030-04-30", monitoringPlan: "Quarterly returns",
            reportingFrequency: "quarterly")
        contract = try await e.awards.award(
            tender: a.tender, input, viewer: a.commissioner, by: .user(a.area.priya), now: opened
        ).requireID()
        subject = AccessSubject(buyer: a.area.county, supplier: e.heron, compact: a.area.compact)
    }
}

/// The access table's evaluation rows (`EvaluationOperation`): every operation for every asker,
/// called on the real `EvaluationStore`, is allowed or refused as the core's policy says.
@Suite struct EvaluationAccessTableTests {
    /// Calls the real store operation as `v`.
    static func perform(_ op: EvaluationOperation, as v: Viewer?, on f: AwardedArea) async throws {
        func signedIn() throws -> Viewer { try StorageTests.signedIn(v) }
        let store = f.e.store
        let tender = f.e.a.tender
        let by = Actor.commandLine
        let now = EvaluationArea.opened
        switch op {
        case .readPanel:
            _ = try await store.panel(tender: tender, viewer: try signedIn())
        case .readCandidates:
            _ = try await store.candidates(tender: tender, viewer: try signedIn())
        case .assignEvaluator:
            try await store.assign(
                tender: tender, EvaluatorInput(userId: f.e.a.area.priya.id), viewer: try signedIn(), by: by)
        case .removeEvaluator:
            try await store.unassign(tender: tender, user: f.e.eve.userID, viewer: try signedIn(), by: by)
        case .saveScores:
            try await store.saveScores(
                tender: tender, bid: f.heronBid, ScoresInput(scores: ["Q1": "9"]), viewer: try signedIn(), by: by,
                now: now)
        case .submitScores:
            try await store.submitScores(tender: tender, viewer: try signedIn(), by: by, now: now)
        case .readScores:
            _ = try await store.scores(tender: tender, viewer: try signedIn())
        case .readModeration:
            _ = try await store.moderation(tender: tender, viewer: try signedIn())
        case .moderateScore:
            try await store.moderate(
                tender: tender, bid: f.heronBid, ModerationInput(key: "Q1", score: "9", rationale: " "),
                viewer: try signedIn(), by: by, now: now)
        case .readModeratedScores:
            _ = try await store.moderated(tender: tender, viewer: try signedIn())
        case .rankBids:
            _ = try await store.rank(tender: tender, viewer: try signedIn(), by: by, now: now)
        case .readRanking:
            _ = try await store.ranking(tender: tender, viewer: try signedIn())
        }
    }

    @Test func everyEvaluationOperationForEveryRoleIsDecidedByTheCore() async throws {
        try await withApp(.sqliteMemory) { app in
            let f = try await AwardedArea(app)
            await checkAccessTable(EvaluationOperation.self, subject: f.subject) {
                try await Self.perform($0, as: $1, on: f)
            }
        }
    }

    @Test func onlyThePanelScoresAndOnlyCommissionersModerate() {
        let subject = AccessSubject(buyer: UUID(), supplier: UUID(), compact: UUID())
        let evaluator = Viewer(
            userID: UUID(), isAdmin: false, memberships: [.init(organisationID: subject.buyer, role: .evaluator)],
            compactSeats: [])
        let admin = Viewer(userID: UUID(), isAdmin: true, memberships: [], compactSeats: [])
        #expect(EvaluationOperation.saveScores.outcome(for: evaluator, on: subject) == .forbidden)
        #expect(PanelRules.canScore(viewer: evaluator, panel: [evaluator.userID]))
        #expect(EvaluationOperation.readScores.outcome(for: evaluator, on: subject) == .allowed)
        #expect(EvaluationOperation.moderateScore.outcome(for: evaluator, on: subject) == .forbidden)
        #expect(EvaluationOperation.readRanking.outcome(for: admin, on: subject) == .allowed)
        #expect(EvaluationOperation.rankBids.outcome(for: admin, on: subject) == .forbidden)
    }
}
