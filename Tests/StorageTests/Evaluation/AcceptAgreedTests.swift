import Fluent
import Foundation
import SQLKit
import SocialValue
import TestSupport
import Testing
import Vapor

@testable import Storage

/// "Accept where the evaluators agree": one post accepts every score the whole panel agrees on,
/// in one transaction, audited like a single moderation (issue 13 §5).
///
/// Eve and Ed score (Q1, Q2): Kestrel (4, 3) and (4, 2); the food bank (3, 3) and (3, 3); Heron
/// (5, 4) and (4, 4). They agree on Kestrel Q1 = 4, the food bank Q1 = 3 and Q2 = 3, Heron Q2 = 4.
/// The food bank's Q1 was already moderated to 2 and stays 2; so three scores are accepted and
/// Kestrel Q2 and Heron Q1 are left for moderation one by one.
@Suite struct AcceptAgreedTests {
    struct Orgs {
        let firm: UUID, foodbank: UUID, heron: UUID
    }

    static func scoreAndSubmit(_ e: EvaluationArea) async throws -> Orgs {
        let orgs = Orgs(firm: e.a.area.firm, foodbank: e.a.area.foodbank, heron: e.heron)
        // Organisation, Eve's (Q1, Q2), Ed's (Q1, Q2).
        let sheets: [(UUID, [String], [String])] = [
            (orgs.firm, ["4", "3"], ["4", "2"]), (orgs.foodbank, ["3", "3"], ["3", "3"]),
            (orgs.heron, ["5", "4"], ["4", "4"]),
        ]
        for (v, u, pick) in [(e.eve, e.eveUser, 0), (e.ed, e.edUser, 1)] {
            for (org, eve, ed) in sheets {
                let scores = pick == 0 ? eve : ed
                try await e.store.saveScores(
                    tender: e.a.tender, bid: try await e.bidID(org),
                    ScoresInput(
                        scores: ["Q1": scores[0], "Q2": scores[1]], comments: ["Q1": "Seen", "Q2": "Seen"]),
                    viewer: v, by: .user(u), now: EvaluationArea.opened)
            }
            try await e.store.submitScores(tender: e.a.tender, viewer: v, by: .user(u), now: EvaluationArea.opened)
        }
        return orgs
    }

    @Test(arguments: Backend.all)
    func acceptsEveryAgreedScoreAndLeavesTheDisagreements(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let e = try await EvaluationArea(app)
            let a = e.a
            let orgs = try await Self.scoreAndSubmit(e)
            let foodbank = try await e.bidID(orgs.foodbank)
            try await e.store.moderate(
                tender: a.tender, bid: foodbank, ModerationInput(key: "Q1", score: "2", rationale: "Thin on method"),
                viewer: a.commissioner, by: .user(a.area.priya), now: EvaluationArea.opened)
            // Evaluators do not moderate.
            await expectForbidden {
                try await e.store.acceptAgreed(
                    tender: a.tender, viewer: e.eve, by: .user(e.eveUser), now: EvaluationArea.opened)
            }
            let accepted = try await e.store.acceptAgreed(
                tender: a.tender, viewer: a.commissioner, by: .user(a.area.priya), now: EvaluationArea.opened)
            #expect(accepted == 3)
            let m = try await e.store.moderated(tender: a.tender, viewer: a.commissioner)
            let firm = try await e.bidID(orgs.firm)
            let heron = try await e.bidID(orgs.heron)
            #expect(m[firm]?["Q1"]?.score == 4)
            #expect(m[firm]?["Q1"]?.comment == "Every evaluator (2 of 2) gave 4; accepted as the agreed score.")
            #expect(m[firm]?["Q2"] == nil)
            #expect(m[foodbank]?["Q1"] == ScoreEntry(score: 2, comment: "Thin on method"))
            #expect(m[foodbank]?["Q2"]?.score == 3)
            #expect(m[heron]?["Q1"] == nil)
            #expect(m[heron]?["Q2"]?.score == 4)
            // Audited like single moderation: one event each (1 earlier + 3 now).
            let events = try await AuditEventModel.query(on: app.db).filter(\.$action == "moderated").count()
            #expect(events == 4)
            // Again: nothing left to accept.
            #expect(
                try await e.store.acceptAgreed(
                    tender: a.tender, viewer: a.commissioner, by: .user(a.area.priya), now: EvaluationArea.opened) == 0)
        }
    }

    @Test(arguments: Backend.all)
    func aFailureAcceptsNone(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let e = try await EvaluationArea(app)
            _ = try await Self.scoreAndSubmit(e)
            // The database refuses the agreed Q2 scores (written after the Q1 ones): nothing is kept.
            let sql = app.db as! SQLDatabase
            if sql.dialect.name == "sqlite" {
                try await sql.raw(
                    "CREATE TRIGGER refuse_q2 BEFORE INSERT ON moderated_scores WHEN NEW.criterion_id = 'Q2' BEGIN SELECT RAISE(ABORT, 'refused'); END"
                ).run()
            } else {
                try await sql.raw(
                    "CREATE FUNCTION refuse_q2() RETURNS trigger AS $$ BEGIN IF NEW.criterion_id = 'Q2' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql"
                ).run()
                try await sql.raw(
                    "CREATE TRIGGER refuse_q2 BEFORE INSERT ON moderated_scores FOR EACH ROW EXECUTE FUNCTION refuse_q2()"
                ).run()
            }
            await #expect(throws: (any Error).self) {
                try await e.store.acceptAgreed(
                    tender: e.a.tender, viewer: e.a.commissioner, by: .user(e.a.area.priya),
                    now: EvaluationArea.opened)
            }
            #expect(try await ModeratedScoreModel.query(on: app.db).count() == 0)
            #expect(try await AuditEventModel.query(on: app.db).filter(\.$action == "moderated").count() == 0)
        }
    }
}
