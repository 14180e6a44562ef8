import Fluent
import Foundation
import SocialValue
import Storage
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// Scoring and moderation through the API on the demo's closed tender "Home from hospital
/// support" (three sealed bids): Evan (evaluator) and Priya (commissioner) on the panel, Colin a
/// viewer at the county council, and people of other organisations trying every route.
@Suite struct ScoringAPITests {
    let api = APITests()

    /// The problems' field names in a 422 or 409 answer.
    func fields(_ r: TestingHTTPResponse) throws -> [String] {
        (try api.json(r)["problems"] as? [[String: String]] ?? []).compactMap { $0["field"] }
    }

    /// The sheets on a score board: evaluator name → bid id → key → (score, comment).
    func sheets(_ r: TestingHTTPResponse) throws -> [String: [String: [String: [String: String]]]] {
        var out: [String: [String: [String: [String: String]]]] = [:]
        for s in try api.json(r)["sheets"] as? [[String: Any]] ?? [] {
            out[s["evaluator"] as! String] = s["bids"] as? [String: [String: [String: String]]] ?? [:]
        }
        return out
    }

    func scores(_ marks: [String], by who: String) -> String {
        let keys = ["Q1", "Q2", "Q3"]
        let scores = zip(keys, marks).map { "\"\($0)\":\"\($1)\"" }.joined(separator: ",")
        let comments = keys.prefix(marks.count).map { "\"\($0)\":\"\(who) on \($0)\"" }.joined(separator: ",")
        return "{\"scores\":{\(scores)},\"comments\":{\(comments)}}"
    }

    @Test func scoringModerationAndRankingKeepEvaluatorsIndependent() async throws {
        try await withDemoApp { app in
            let b = Browser(app)
            let t = try await TenderPageTests.tender(TenderPageTests.closed, app)
            let id = t.id!
            let v1 = "/api/v1/tenders/\(id)"
            let bids = try await BidModel.query(on: app.db).filter(\.$tender.$id == id).with(\.$organisation).all()
                .sorted { $0.organisation.name < $1.organisation.name }
            let bid = bids.map { $0.id!.uuidString.lowercased() }
            let evan = try await api.token(for: Demo.evaluator, app)
            let priya = try await api.token(for: Demo.commissioner, app)
            let colin = try await api.token(for: EvaluationPageTests.colin, app)
            let outsiders = [
                try await api.token(for: Demo.supplier, app), try await api.token(for: EvaluationPageTests.idris, app),
            ]

            // The panel is assigned on the page, before the bids are opened.
            let page = try await EvaluationPageTests.signedIn(Demo.commissioner, app)
            _ = try await page.get("/tenders/\(id)/evaluation")
            for email in [Demo.evaluator, Demo.commissioner] {
                let r = try await page.post(
                    "/tenders/\(id)/evaluation/evaluators",
                    ["userId": try await EvaluationPageTests.user(email, app).uuidString])
                #expect(r.status == .seeOther)
            }

            // Without a token: 401 on every route.
            for (method, path) in [
                (HTTPMethod.GET, "\(v1)/scores"), (.PUT, "\(v1)/bids/\(bid[0])/scores"), (.POST, "\(v1)/scores/submit"),
                (.PUT, "\(v1)/bids/\(bid[0])/moderation/Q1"), (.POST, "\(v1)/ranking"),
            ] {
                #expect(
                    try await b.api(method, path, token: nil, json: "{}").status == .unauthorized, "\(method) \(path)")
            }

            // Sealed: before opening nothing can be scored, submitted or ranked, and no score exists.
            let early = try await b.api(
                .PUT, "\(v1)/bids/\(bid[0])/scores", token: evan, json: scores(["4", "3", "3"], by: "Evan"))
            #expect(early.status == .conflict)
            #expect(try fields(early) == ["status"])
            #expect(try api.json(early)["message"] as? String == "The evaluation starts once the bids have been opened")
            #expect(try await b.api(.POST, "\(v1)/scores/submit", token: evan).status == .conflict)
            #expect(try await b.api(.POST, "\(v1)/ranking", token: priya).status == .conflict)
            let sealedBoard = try await b.api(.GET, "\(v1)/scores", token: evan)
            #expect(sealedBoard.status == .ok)
            #expect(try sheets(sealedBoard) == ["Evan Evaluator": [:]])
            #expect(try await EvaluationScoreModel.query(on: app.db).filter(\.$tender.$id == id).count() == 0)

            // Opened on the page (the audited opening); then both score every bid through the API.
            _ = try await page.get("/tenders/\(id)")
            #expect(try await page.post("/tenders/\(id)/open", [:]).status == .seeOther)
            for n in bid.indices {
                let e = try await b.api(
                    .PUT, "\(v1)/bids/\(bid[n])/scores", token: evan,
                    json: scores(n == 2 ? ["4", "3"] : ["4", "3", "3"], by: "Evan"))
                #expect(e.status == .ok)
                let p = try await b.api(
                    .PUT, "\(v1)/bids/\(bid[n])/scores", token: priya, json: scores(["2", "3", "3"], by: "Priya"))
                #expect(p.status == .ok)
            }

            // Bad scores: 422 by body path, nothing changed.
            for (body, field) in [
                (#"{"scores":{"Q1":"9"}}"#, "scores.Q1"), (#"{"scores":{"Q1":"four"}}"#, "scores.Q1"),
                (#"{"scores":{"Q1":"2.125"}}"#, "scores.Q1"), (#"{"scores":{"Q9":"2"}}"#, "scores.Q9"),
                (#"{"comments":{"Q2":"\#(String(repeating: "x", count: 5_001))"}}"#, "comments.Q2"),
            ] {
                let bad = try await b.api(.PUT, "\(v1)/bids/\(bid[0])/scores", token: evan, json: body)
                #expect(bad.status == .unprocessableEntity, "\(body.prefix(40))")
                #expect(try fields(bad) == [field])
            }
            let nine = try await b.api(
                .PUT, "\(v1)/bids/\(bid[0])/scores", token: evan, json: #"{"scores":{"Q1":"9"}}"#)
            #expect(
                try api.json(nine)["problems"] as? [[String: String]] == [
                    ["field": "scores.Q1", "message": "Enter a score for Q1: Service delivery from 0 to 5"]
                ])
            #expect(
                try await b.api(.PUT, "\(v1)/bids/\(UUID())/scores", token: evan, json: scores(["4"], by: "Evan"))
                    .status == .notFound)

            // Before submitting, each sees only their own sheet.
            for (token, own, other) in [(evan, "Evan Evaluator", "Priya"), (priya, "Priya Commissioner", "Evan")] {
                let r = try await b.api(.GET, "\(v1)/scores", token: token)
                #expect(r.status == .ok)
                #expect(try api.json(r)["visibility"] as? String == "own-only")
                #expect(try Array(sheets(r).keys) == [own])
                #expect(!r.body.string.contains("\(other) on Q1"))
                #expect(try api.json(r)["moderation"] == nil)
            }
            let evanBoard = try sheets(try await b.api(.GET, "\(v1)/scores", token: evan))
            #expect(evanBoard["Evan Evaluator"]?[bid[0]]?["Q1"] == ["score": "4", "comment": "Evan on Q1"])
            #expect(evanBoard["Evan Evaluator"]?[bid[2]]?["Q3"] == nil)

            // Submitting an incomplete sheet names the missing score by bid and key.
            let incomplete = try await b.api(.POST, "\(v1)/scores/submit", token: evan)
            #expect(incomplete.status == .unprocessableEntity)
            #expect(try fields(incomplete) == ["scores.\(bid[2]).Q3"])
            #expect(
                try await b.api(
                    .PUT, "\(v1)/bids/\(bid[2])/scores", token: evan, json: scores(["4", "3", "3"], by: "Evan")
                ).status == .ok)

            // Moderation needs the whole panel's submission; the rule holds for the commissioner too.
            let tooSoon = try await b.api(
                .PUT, "\(v1)/bids/\(bid[0])/moderation/Q1", token: priya, json: #"{"score":"3","rationale":"Agreed"}"#)
            #expect(tooSoon.status == .unprocessableEntity)
            #expect(try fields(tooSoon) == ["evaluators"])

            // Evan submits: he sees Priya's; Priya, not yet submitted, still sees only hers.
            let submitted = try await b.api(.POST, "\(v1)/scores/submit", token: evan)
            #expect(submitted.status == .ok)
            #expect(try api.json(submitted)["visibility"] as? String == "all")
            #expect(try Set(sheets(submitted).keys) == ["Evan Evaluator", "Priya Commissioner"])
            #expect(
                try sheets(submitted)["Priya Commissioner"]?[bid[1]]?["Q1"] == ["score": "2", "comment": "Priya on Q1"])
            let priyaStill = try await b.api(.GET, "\(v1)/scores", token: priya)
            #expect(try Array(sheets(priyaStill).keys) == ["Priya Commissioner"])
            #expect(!priyaStill.body.string.contains("Evan on Q1"))
            let again = try await b.api(
                .PUT, "\(v1)/bids/\(bid[0])/scores", token: evan, json: scores(["5"], by: "Evan"))
            #expect(again.status == .conflict)
            #expect(try fields(again) == ["scores"])
            #expect(try await b.api(.POST, "\(v1)/scores/submit", token: evan).status == .conflict)

            // Colin at the buying body sees progress only; other organisations are refused as on the pages.
            let progress = try await b.api(.GET, "\(v1)/scores", token: colin)
            #expect(progress.status == .ok)
            #expect(try api.json(progress)["visibility"] as? String == "progress-only")
            #expect(try sheets(progress).isEmpty)
            #expect((try api.json(progress)["panel"] as? [[String: Any]])?.count == 2)
            for token in outsiders {
                #expect(try await b.api(.GET, "\(v1)/scores", token: token).status == .forbidden)
                #expect(
                    try await b.api(.PUT, "\(v1)/bids/\(bid[0])/scores", token: token, json: scores(["5"], by: "X"))
                        .status == .forbidden)
                #expect(try await b.api(.POST, "\(v1)/scores/submit", token: token).status == .forbidden)
                #expect(
                    try await b.api(
                        .PUT, "\(v1)/bids/\(bid[0])/moderation/Q1", token: token,
                        json: #"{"score":"3","rationale":"x"}"#
                    ).status == .forbidden)
                #expect(try await b.api(.POST, "\(v1)/ranking", token: token).status == .forbidden)
            }
            #expect(try await b.api(.GET, "/api/v1/tenders/\(UUID())/scores", token: evan).status == .notFound)

            let priyaSubmits = try await b.api(.POST, "\(v1)/scores/submit", token: priya)
            #expect(priyaSubmits.status == .ok)
            #expect(priyaSubmits.body.string.contains("Evan on Q1"))
            #expect(try sheets(try await b.api(.GET, "\(v1)/scores", token: colin)).isEmpty)

            // Moderation: the commissioner only, with a score and a rationale.
            for token in [evan, colin] {
                let r = try await b.api(
                    .PUT, "\(v1)/bids/\(bid[0])/moderation/Q1", token: token,
                    json: #"{"score":"3","rationale":"Agreed"}"#)
                #expect(r.status == .forbidden)
            }
            let noReason = try await b.api(
                .PUT, "\(v1)/bids/\(bid[0])/moderation/Q1", token: priya, json: #"{"score":"3"}"#)
            #expect(noReason.status == .unprocessableEntity)
            #expect(try fields(noReason) == ["rationale"])
            let badScore = try await b.api(
                .PUT, "\(v1)/bids/\(bid[0])/moderation/Q1", token: priya, json: #"{"score":"6","rationale":"Agreed"}"#)
            #expect(try fields(badScore) == ["score"])
            #expect(
                try fields(
                    try await b.api(
                        .PUT, "\(v1)/bids/\(bid[0])/moderation/Q9", token: priya,
                        json: #"{"score":"3","rationale":"x"}"#)) == ["criterion"])

            // Ranking needs every bid moderated on every key.
            let unmoderated = try await b.api(.POST, "\(v1)/ranking", token: priya)
            #expect(unmoderated.status == .unprocessableEntity)
            #expect(try fields(unmoderated).allSatisfy { $0 == "moderation" })
            #expect(try fields(unmoderated).count == 9)

            // The agreed scores are those of the page flow (EvaluationPageTests).
            let agreed: [String: [String]] = [
                "Brackenford Foodbank": ["4", "4", "5"], "Kestrel Facilities Ltd": ["3", "3", "2"],
                "Saltmarsh Community Transport CIC": ["3", "4", "4"],
            ]
            for (n, model) in bids.enumerated() {
                for (i, key) in ["Q1", "Q2", "Q3"].enumerated() {
                    let r = try await b.api(
                        .PUT, "\(v1)/bids/\(bid[n])/moderation/\(key)", token: priya,
                        json:
                            #"{"score":"\#(agreed[model.organisation.name]![i])","rationale":"\#(model.organisation.name) agreed on \#(key)"}"#
                    )
                    #expect(r.status == .ok)
                }
            }
            let moderation = try #require(
                try api.json(try await b.api(.GET, "\(v1)/scores", token: priya))["moderation"]
                    as? [String: [String: [String: String]]])
            #expect(moderation[bid[0]]?["Q3"] == ["score": "5", "rationale": "Brackenford Foodbank agreed on Q3"])
            #expect(
                try api.json(try await b.api(.GET, "\(v1)/scores", token: colin))["moderation"] as? [String: Any] == nil
            )

            #expect(try await b.api(.POST, "\(v1)/ranking", token: evan).status == .forbidden)
            let ranked = try await b.api(.POST, "\(v1)/ranking", token: priya)
            #expect(ranked.status == .ok)
            let result = try #require(try api.json(ranked)["result"] as? [String: Any])
            let ranking = try #require(result["ranking"] as? [[String: Any]])
            // Price 40 (lowest price ratio), quality 45 (Q1 50%, Q2 30%, Q3 20%, scale 5), social value 15
            // (highest monetised ratio; proxies ECO2 £226.50, SOC1 £12.21, ENV1 £241):
            //   Brackenford: price 40 × 231500/248000 = 37.34; quality 45 × (50×4 + 30×4 + 20×5)/500 = 37.80;
            //     SV 52×226.50 + 2400×12.21 + 3×241 = 41805 → 15 × 41805/44945 = 13.95; total 89.09.
            //   Saltmarsh: 40 × 231500/255000 = 36.31; 45 × (150 + 120 + 80)/500 = 31.50;
            //     SV 26×226.50 + 3100×12.21 + 5×241 = 44945 → 15.00; total 82.81.
            //   Kestrel: 40.00; 45 × (150 + 90 + 40)/500 = 25.20; SV 29147 → 15 × 29147/44945 = 9.73; total 74.93.
            #expect(
                ranking.map { $0["bidder"] as? String } == [
                    "Brackenford Foodbank", "Saltmarsh Community Transport CIC", "Kestrel Facilities Ltd",
                ])
            #expect(ranking.map { $0["total"] as? String } == ["89.09", "82.81", "74.93"])
            // The answer is the stored ranking, as GET …/evaluation gives it; its document re-runs to the same result.
            let stored = try await b.api(.GET, "\(v1)/evaluation", token: colin)
            #expect(stored.body.string == ranked.body.string)
            let document = try await b.api(.GET, "\(v1)/evaluation/document", token: colin).body.string
            let row = try #require(
                try await EvaluationResultModel.query(on: app.db).filter(\.$tender.$id == id).first())
            #expect(document == row.inputJSON)
            #expect(
                try EvaluationOutcome.parse(try Evaluation.run(document))
                    == (try EvaluationOutcome.parse(row.resultJSON)))
        }
    }
}
