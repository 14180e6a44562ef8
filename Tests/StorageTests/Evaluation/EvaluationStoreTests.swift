import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing
import Vapor

@testable import Storage

private func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

/// The tender area with three opened bids and a panel of two real evaluators (Eve and Ed, both
/// evaluators at the county). Priya (commissioner) is not on the panel.
///
/// Bids (weights 40/45/15, lowest-price ratio, quality scale 0–5 with Q1 60% and Q2 40%,
/// social value by highest monetised value; VCSE-SPEND £1.00, APPR £244.63 a week):
/// - Kestrel £100,000, VCSE-SPEND 30,000 and APPR 10 → SV £30,000 + £2,446.30 = £32,446.30
/// - the food bank £95,000, the same commitments → £32,446.30
/// - Heron £120,000, VCSE-SPEND 60,000 and APPR 20 → £60,000 + £4,892.60 = £64,892.60
struct EvaluationArea {
    let a: TenderArea
    let heron: UUID
    let eve: Viewer, ed: Viewer, hana: Viewer
    let eveUser: UserModel, edUser: UserModel
    let store: EvaluationStore, awards: AwardStore
    static let opened = utc("2027-03-12T12:05:00Z")

    init(_ app: Application) async throws {
        a = try await TenderArea(app)
        try await a.twoBids()
        let users = UserStore(app.db, passwords: testPasswords)
        heron = try await OrganisationStore(app.db).create(
            OrganisationInput(
                name: "Heron Community Transport CIC", kind: "community-interest-company", companyNumber: "11234567",
                addressLine1: "1 Quay Street",
                town: "Eastmoor", postcode: "EM2 2HQ", area: "Eastmoor"), viewer: .commandLine, by: .commandLine
        ).id!
        func person(_ email: String, _ org: UUID, _ role: String) async throws -> UserModel {
            let u = try await users.create(
                .init(
                    email: email, displayName: email.components(separatedBy: "@")[0].capitalized, password: testPassword
                ), viewer: .commandLine, by: .commandLine)
            try await users.addMembership(
                user: u.id!, MembershipInput(organisationId: org, role: role), viewer: .commandLine, by: .commandLine)
            return u
        }
        let hanaUser = try await person("hana@heron.example", heron, "supplier-member")
        eveUser = try await person("eve@eastmoor.example", a.area.county, "evaluator")
        edUser = try await person("ed@eastmoor.example", a.area.county, "evaluator")
        eve = try await users.viewer(for: eveUser)
        ed = try await users.viewer(for: edUser)
        hana = try await users.viewer(for: hanaUser)
        let now = utc("2027-02-01T10:00:00Z")
        var heronBid = TenderArea.complete
        heronBid.price = "120000"
        heronBid.commitments = ["VCSE-SPEND": "60000", "APPR": "20"]
        _ = try await a.bids.saveDraft(
            tender: a.tender, organisation: heron, heronBid, viewer: hana, by: .user(hanaUser), now: now)
        _ = try await a.bids.submit(tender: a.tender, organisation: heron, viewer: hana, by: .user(hanaUser), now: now)
        _ = try await a.bids.openBids(
            tender: a.tender, viewer: a.commissioner, by: .user(a.area.priya), now: Self.opened)
        store = EvaluationStore(app.db)
        awards = AwardStore(app.db)
        for u in [eveUser, edUser] {
            try await store.assign(tender: a.tender, user: u.id!, viewer: a.commissioner, by: .user(a.area.priya))
        }
    }

    func bidID(_ org: UUID) async throws -> UUID {
        try await a.bids.openedBids(tender: a.tender, viewer: a.commissioner, now: Self.opened).first {
            $0.organisationID == org
        }!.id
    }

    /// Scores every bid with the same score on both criteria, with comments.
    func scoreAll(_ v: Viewer, _ u: UserModel, score: String) async throws {
        for b in try await a.bids.openedBids(tender: a.tender, viewer: a.commissioner, now: Self.opened) {
            try await store.saveScores(
                tender: a.tender, bid: b.id,
                ScoresInput(scores: ["Q1": score, "Q2": score], comments: ["Q1": "Comment", "Q2": "Comment"]),
                viewer: v, by: .user(u), now: Self.opened)
        }
    }

    /// Moderated scores: Kestrel Q1 4 Q2 3; food bank 3 and 3; Heron 5 and 4.
    func moderateAll() async throws {
        let agreed: [(UUID, String, String)] = [
            (a.area.firm, "4", "3"), (a.area.foodbank, "3", "3"), (heron, "5", "4"),
        ]
        for (org, q1, q2) in agreed {
            let bid = try await bidID(org)
            for (key, score) in [("Q1", q1), ("Q2", q2)] {
                try await store.moderate(
                    tender: a.tender, bid: bid,
                    ModerationInput(key: key, score: score, rationale: "Agreed \(key) \(score) for the method"),

                    viewer: a.commissioner, by: .user(a.area.priya), now: Self.opened)
            }
        }
    }
}

@Suite struct EvaluationStoreTests {
    @Test(arguments: Backend.all)
    func evaluatorsScoreIndependently(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let e = try await EvaluationArea(app)
            let a = e.a
            // Only commissioners assign; only evaluators or commissioners of the body can be assigned.
            await expectForbidden {
                try await e.store.assign(tender: a.tender, user: a.area.colin.id!, viewer: e.eve, by: .user(e.eveUser))
            }
            await #expect(throws: ValidationFailure.self) {
                try await e.store.assign(
                    tender: a.tender, user: a.area.colin.id!, viewer: a.commissioner, by: .user(a.area.priya))
            }
            try await e.scoreAll(e.eve, e.eveUser, score: "4")
            // Scoring has started: the panel is fixed.
            await #expect(throws: StorageError.self) {
                try await e.store.unassign(
                    tender: a.tender, user: e.edUser.id!, viewer: a.commissioner, by: .user(a.area.priya))
            }
            // Eve has not submitted: she sees her own scores only; Ed (nothing yet) sees only his own (none).
            var board = try await e.store.scores(tender: a.tender, viewer: e.eve)
            #expect(board.visibility == .ownOnly)
            #expect(Set(board.sheets.keys) == [e.eveUser.id!])
            try await e.scoreAll(e.ed, e.edUser, score: "2")
            board = try await e.store.scores(tender: a.tender, viewer: e.ed)
            #expect(Set(board.sheets.keys) == [e.edUser.id!])
            // Eve submits: now she sees Ed's too; Ed, not yet submitted, still sees only his.
            try await e.store.submitScores(
                tender: a.tender, viewer: e.eve, by: .user(e.eveUser), now: EvaluationArea.opened)
            board = try await e.store.scores(tender: a.tender, viewer: e.eve)
            #expect(board.visibility == .all)
            #expect(Set(board.sheets.keys) == [e.eveUser.id!, e.edUser.id!])
            #expect(Set(try await e.store.scores(tender: a.tender, viewer: e.ed).sheets.keys) == [e.edUser.id!])
            // The commissioner off the panel, the viewer and the admin see progress only, no scores.
            for v in [a.commissioner, a.viewer, a.admin, a.evaluator] {
                let b = try await e.store.scores(tender: a.tender, viewer: v)
                #expect(b.visibility == .progressOnly)
                #expect(b.sheets.isEmpty)
                #expect(b.panel.submitted == [e.eveUser.id!])
            }
            // Suppliers see nothing.
            for v in [a.kim, a.sam, e.hana] {
                await expectForbidden { try await e.store.scores(tender: a.tender, viewer: v) }
            }
            // Submitted scores are final; the others cannot score.
            await #expect(throws: StorageError.self) {
                try await e.store.saveScores(
                    tender: a.tender, bid: try await e.bidID(a.area.firm),
                    ScoresInput(scores: ["Q1": "1"], comments: [:]),
                    viewer: e.eve, by: .user(e.eveUser), now: EvaluationArea.opened)
            }
            await expectForbidden {
                try await e.store.saveScores(
                    tender: a.tender, bid: try await e.bidID(a.area.firm),
                    ScoresInput(scores: ["Q1": "1"], comments: [:]),
                    viewer: a.commissioner, by: .user(a.area.priya), now: EvaluationArea.opened)
            }
            // Once everyone has submitted, commissioners see every score; the viewer still only progress.
            try await e.store.submitScores(
                tender: a.tender, viewer: e.ed, by: .user(e.edUser), now: EvaluationArea.opened)
            #expect(try await e.store.scores(tender: a.tender, viewer: a.commissioner).sheets.count == 2)
            #expect(try await e.store.scores(tender: a.tender, viewer: a.viewer).sheets.isEmpty)
        }
    }

    @Test(arguments: Backend.all)
    func submittingNeedsEveryScoreWithACommentAndScoresStayOnTheScale(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let e = try await EvaluationArea(app)
            let bid = try await e.bidID(e.a.area.firm)
            await #expect(throws: ValidationFailure("scores.Q1", "Enter a score for Q1: Method from 0 to 5")) {
                try await e.store.saveScores(
                    tender: e.a.tender, bid: bid, ScoresInput(scores: ["Q1": "6"], comments: [:]), viewer: e.eve,
                    by: .user(e.eveUser), now: EvaluationArea.opened)
            }
            try await e.store.saveScores(
                tender: e.a.tender, bid: bid, ScoresInput(scores: ["Q1": "4"], comments: [:]), viewer: e.eve,
                by: .user(e.eveUser),
                now: EvaluationArea.opened)
            await #expect(throws: ValidationFailure.self) {
                try await e.store.submitScores(
                    tender: e.a.tender, viewer: e.eve, by: .user(e.eveUser), now: EvaluationArea.opened)
            }
        }
    }

    @Test(arguments: Backend.all)
    func moderationNeedsEverySubmissionAndARationale(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let e = try await EvaluationArea(app)
            let a = e.a
            let bid = try await e.bidID(a.area.firm)
            try await e.scoreAll(e.eve, e.eveUser, score: "4")
            try await e.store.submitScores(
                tender: a.tender, viewer: e.eve, by: .user(e.eveUser), now: EvaluationArea.opened)
            await #expect(
                throws: ValidationFailure(
                    "evaluators", "Every evaluator must submit their scores before moderation (1 still to submit)")
            ) {
                try await e.store.moderate(
                    tender: a.tender, bid: bid, ModerationInput(key: "Q1", score: "4", rationale: "Agreed"),
                    viewer: a.commissioner,
                    by: .user(a.area.priya), now: EvaluationArea.opened)
            }
            try await e.scoreAll(e.ed, e.edUser, score: "2")
            try await e.store.submitScores(
                tender: a.tender, viewer: e.ed, by: .user(e.edUser), now: EvaluationArea.opened)
            await #expect(throws: ValidationFailure("rationale", "Enter the rationale for the agreed score")) {
                try await e.store.moderate(
                    tender: a.tender, bid: bid, ModerationInput(key: "Q1", score: "3", rationale: " "),
                    viewer: a.commissioner,
                    by: .user(a.area.priya), now: EvaluationArea.opened)
            }
            await expectForbidden {
                try await e.store.moderate(
                    tender: a.tender, bid: bid, ModerationInput(key: "Q1", score: "3", rationale: "Agreed"),
                    viewer: e.eve,
                    by: .user(e.eveUser), now: EvaluationArea.opened)
            }
            try await e.store.moderate(
                tender: a.tender, bid: bid, ModerationInput(key: "Q1", score: "3", rationale: "Between 2 and 4"),
                viewer: a.commissioner,
                by: .user(a.area.priya), now: EvaluationArea.opened)
            #expect(
                try await e.store.moderated(tender: a.tender, viewer: a.commissioner)[bid]?["Q1"]
                    == ScoreEntry(score: 3, comment: "Between 2 and 4"))
            // Ranking and award are refused before every bid is moderated.
            await #expect(throws: ValidationFailure.self) {
                try await e.store.rank(
                    tender: a.tender, viewer: a.commissioner, by: .user(a.area.priya), now: EvaluationArea.opened)
            }
            await #expect(
                throws: StorageError.conflict(
                    FieldError("bidId", "Moderate the scores and rank the bids before the award"))
            ) {
                try await e.awards.award(
                    tender: a.tender,
                    AwardInput(
                        bidID: bid, startsOn: "2027-06-01", endsOn: "2030-05-31", monitoringPlan: "Quarterly returns",
                        reportingFrequency: "quarterly"), viewer: a.commissioner, by: .user(a.area.priya),
                    now: EvaluationArea.opened)
            }
            let events = try await AuditEventModel.query(on: app.db).filter(\.$action == "moderated").count()
            #expect(events == 1)
        }
    }

    @Test(arguments: Backend.all)
    func theRankingAwardAndFeedback(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let e = try await EvaluationArea(app)
            let a = e.a
            try await e.scoreAll(e.eve, e.eveUser, score: "4")
            try await e.scoreAll(e.ed, e.edUser, score: "3")
            try await e.store.submitScores(
                tender: a.tender, viewer: e.eve, by: .user(e.eveUser), now: EvaluationArea.opened)
            try await e.store.submitScores(
                tender: a.tender, viewer: e.ed, by: .user(e.edUser), now: EvaluationArea.opened)
            try await e.moderateAll()
            let ranking = try await e.store.rank(
                tender: a.tender, viewer: a.commissioner, by: .user(a.area.priya), now: EvaluationArea.opened)
            // Price (40, lowest £95,000): Kestrel 40 × 95/100 = 38.00; food bank 40.00; Heron 40 × 95/120 = 31.67.
            // Quality (45): Kestrel (4/5 × 60% + 3/5 × 40%) × 45 = 0.72 × 45 = 32.40; food bank 0.60 × 45 = 27.00;
            //   Heron (5/5 × 60% + 4/5 × 40%) × 45 = 0.92 × 45 = 41.40.
            // Social value (15, highest £64,892.60): Kestrel and the food bank 15 × ½ = 7.50; Heron 15.00.
            // Totals: Heron 31.67 + 41.40 + 15.00 = 88.07 (88.0667); Kestrel 77.90; the food bank 74.50.
            let lines = ranking.outcome.ranking
            #expect(
                lines.map(\.bidder) == [
                    "Heron Community Transport CIC", "Kestrel Facilities Ltd", "Brackenford Foodbank",
                ])
            #expect(lines.map(\.total) == ["88.07", "77.90", "74.50"])
            #expect(lines.map(\.quality) == ["41.40", "32.40", "27.00"])
            #expect(ranking.topBid == (try await e.bidID(e.heron)))
            // The stored document re-runs to the same ranking.
            let stored = try #require(try await e.store.ranking(tender: a.tender, viewer: a.viewer))
            let rerun = try EvaluationOutcome.parse(try Evaluation.run(stored.document))
            #expect(rerun.ranking == stored.outcome.ranking)
            await expectForbidden { try await e.store.ranking(tender: a.tender, viewer: a.kim) }

            // Award to Kestrel (second) needs a reason.
            let kestrel = try await e.bidID(a.area.firm)
            var input = AwardInput(
                bidID: kestrel, startsOn: "2027-05-01", endsOn: "2030-04-30",
                monitoringPlan: "Quarterly returns on spend and weeks",
                reportingFrequency: "quarterly")
            await #expect(
                throws: ValidationFailure("reason", "Enter the reason for not awarding to the top-ranked bid")
            ) {
                try await e.awards.award(
                    tender: a.tender, input, viewer: a.commissioner, by: .user(a.area.priya), now: EvaluationArea.opened
                )
            }
            // Awarded to Heron on Wednesday 24 March 2027. The standstill is the 8th working day of the period
            // beginning with the decision day: Wed 24 (1), Thu 25 (2), [Good Friday 26, weekend 27–28, Easter Monday 29],
            // Tue 30 (3), Wed 31 (4), Thu 1 April (5), Fri 2 (6), Mon 5 (7), Tue 6 (8): it ends on Tuesday 6 April 2027.
            // (The same rule from Wed 1 April 2026 across Easter 2026 ends on Tue 14 April 2026: the engine's WorkingDaysTests.)
            input.bidID = try await e.bidID(e.heron)
            let c = try await e.awards.award(
                tender: a.tender, input, viewer: a.commissioner, by: .user(a.area.priya),
                now: utc("2027-03-24T10:00:00Z"))
            #expect(c.awardedOn == "2027-03-24")
            #expect(c.standstillEndsOn == "2027-04-06")
            #expect(c.valuePence == 120_000_00)
            #expect(c.$supplier.id == e.heron)
            #expect(c.$buyer.id == a.area.county)
            let commitments = try await e.awards.commitments(of: c.id!, viewer: a.commissioner)
            #expect(commitments.map(\.measureCode) == ["APPR", "VCSE-SPEND"])
            #expect(commitments.map(\.monetised) == ["4892.60", "60000.00"])
            #expect(commitments.map(\.proxy) == ["244.63", "1.00"])
            #expect(try await TenderStore(app.db).find(a.tender).statusValue == .awarded)
            #expect(try await ProcurementStore(app.db).find(a.procurement).statusValue == .awarded)
            // Every bidder hears: the winner that it was chosen, the others that their feedback is ready.
            let news = try await NotificationModel.query(on: app.db).filter(\.$kind == .tenderAwarded).all()
            #expect(news.count == 4)  // Heron's Hana, Kestrel's Kim, the food bank's Sam and Fay
            #expect(news.first { $0.$user.id == e.hana.userID }?.text.hasPrefix("Your bid for") == true)
            #expect(news.first { $0.$user.id == e.hana.userID }?.text.contains("ends on 6 April 2027") == true)
            #expect(news.first { $0.$user.id == a.kim.userID }?.text.contains("awarded to another bidder") == true)
            #expect(news.first { $0.$user.id == a.sam.userID }?.link == "/tenders/\(a.tender)/feedback")
            // The contract: buyer side and supplier only.
            #expect(try await e.awards.contract(c.id!, viewer: e.hana).title == c.title)
            #expect(try await e.awards.contract(c.id!, viewer: a.viewer).title == c.title)
            await #expect(throws: StorageError.notFound("The contract")) {
                try await e.awards.contract(c.id!, viewer: a.kim)
            }
            #expect(try await e.awards.contracts(for: e.hana).map(\.id) == [c.id])
            #expect(try await e.awards.contracts(for: a.kim).isEmpty)

            // Feedback: Kestrel sees its own and the winner's scores and rationales, never the food bank's.
            let fb = try await e.awards.feedback(tender: a.tender, organisation: a.area.firm, viewer: a.kim)
            #expect(fb.own?.rank == 2)
            #expect(fb.own?.total == "77.90")
            #expect(fb.winner?.bidder == "Heron Community Transport CIC")
            #expect(fb.ownScores["Q1"] == ScoreEntry(score: 4, comment: "Agreed Q1 4 for the method"))
            #expect(fb.winnerScores["Q2"] == ScoreEntry(score: 4, comment: "Agreed Q2 4 for the method"))
            #expect(!fb.isWinner)
            let mirror = String(describing: fb)
            #expect(!mirror.contains("Brackenford Foodbank"))
            #expect(!mirror.contains("74.50"))
            await expectForbidden {
                try await e.awards.feedback(tender: a.tender, organisation: a.area.foodbank, viewer: a.kim)
            }
            await expectForbidden {
                try await e.awards.feedback(tender: a.tender, organisation: a.area.firm, viewer: a.commissioner)
            }
        }
    }
}
