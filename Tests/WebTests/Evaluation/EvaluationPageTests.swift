import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Storage
@testable import Web

/// The demo's closed tender "Home from hospital support" (three sealed bids) evaluated through
/// the pages by a panel of Evan (evaluator) and Priya (commissioner), with every role trying
/// every evaluation route.
@Suite struct EvaluationPageTests {
    static let kim = "bids@kestrel-facilities.example"
    static let idris = "commissioner@eastmoor-icb.example"
    static let colin = "compact@eastmoor-cc.example"

    static func signedIn(_ email: String, _ app: Application) async throws -> Browser {
        let b = Browser(app)
        try await b.signIn(email)
        return b
    }

    static func user(_ email: String, _ app: Application) async throws -> UUID {
        try await UserModel.query(on: app.db).filter(\.$email == email).first()!.id!
    }

    @Test func evaluatorsAreIndependentOnEveryRouteAndTheReportAwardAndFeedbackWork() async throws {
        try await withDemoApp { app in
            let t = try await TenderPageTests.tender(TenderPageTests.closed, app)
            let id = t.id!
            let base = "/tenders/\(id)/evaluation"
            let priya = try await Self.signedIn(Demo.commissioner, app)
            _ = try await priya.get("/tenders/\(id)")
            #expect(try await priya.post("/tenders/\(id)/open", [:]).status == .seeOther)
            let bids = try await BidModel.query(on: app.db).filter(\.$tender.$id == id).with(\.$organisation).all()
            // Assigning: the commissioner only.
            let evan = try await Self.signedIn(Demo.evaluator, app)
            _ = try await evan.get(base)
            #expect(
                try await evan.post(
                    "\(base)/evaluators", ["userId": try await Self.user(Demo.evaluator, app).uuidString]
                ).status == .forbidden)
            _ = try await priya.get(base)
            for email in [Demo.evaluator, Demo.commissioner] {
                #expect(
                    try await priya.post("\(base)/evaluators", ["userId": try await Self.user(email, app).uuidString])
                        .status == .seeOther)
            }
            // Before scoring, the panel can change: each evaluator has a Remove button.
            #expect(try await priya.get(base).body.string.contains("/remove\""))
            // Both score every bid; each comment names its author.
            for (b, who) in [(evan, "Evan"), (priya, "Priya")] {
                for bid in bids {
                    _ = try await b.get("\(base)/bids/\(bid.id!)")
                    let r = try await b.post(
                        "\(base)/bids/\(bid.id!)",
                        [
                            "scores[Q1]": who == "Evan" ? "4" : "2", "comments[Q1]": "\(who) on Q1", "scores[Q2]": "3",
                            "comments[Q2]": "\(who) on Q2",
                            "scores[Q3]": "3", "comments[Q3]": "\(who) on Q3",
                        ])
                    #expect(r.status == .seeOther)
                }
            }
            // Scoring has started: the panel is fixed, so removing is not offered (and is refused).
            let fixed = try await priya.get(base).body.string
            #expect(!fixed.contains("/remove\""))
            #expect(fixed.contains("Scoring has started: the panel can no longer change."))
            #expect(
                try await priya.post(
                    "\(base)/evaluators/\(try await Self.user(Demo.evaluator, app).uuidString)/remove", [:]
                ).status == .conflict)
            let bad = try await evan.post("\(base)/bids/\(bids[0].id!)", ["scores[Q1]": "9"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Enter a score for Q1: Service delivery from 0 to 5"))
            // Before submitting, each sees only their own, on the overview and the scoring page.
            for (b, own, other) in [(evan, "Evan on Q1", "Priya on Q1"), (priya, "Priya on Q1", "Evan on Q1")] {
                let overview = try await b.get(base).body.string
                #expect(overview.contains("Not yet submitted"))
                #expect(!overview.contains(other))
                let form = try await b.get("\(base)/bids/\(bids[0].id!)").body.string
                #expect(form.contains(own))
                #expect(!form.contains(other))
            }
            #expect(try await priya.get("\(base)/moderation").status != .ok)
            // Viewers at the body see progress, never scores; other bodies and suppliers are refused.
            let colin = try await Self.signedIn(Self.colin, app)
            let progress = try await colin.get(base)
            #expect(progress.status == .ok)
            #expect(!progress.body.string.contains("on Q1"))
            #expect(try await colin.get("\(base)/bids/\(bids[0].id!)").status == .forbidden)
            for email in [Self.idris, Self.kim, Demo.supplier] {
                let b = try await Self.signedIn(email, app)
                for path in [base, "\(base)/bids/\(bids[0].id!)", "\(base)/moderation"] {
                    #expect(try await b.get(path).status == .forbidden, "\(email) \(path)")
                }
            }
            // Evan submits: he sees Priya's; Priya, not yet submitted, still does not see his.
            _ = try await evan.get(base)
            #expect(try await evan.post("\(base)/submit", [:]).status == .seeOther)
            #expect(try await evan.get(base).body.string.contains("Priya on Q1"))
            #expect(!(try await priya.get(base).body.string.contains("Evan on Q1")))
            _ = try await priya.get(base)
            #expect(try await priya.post("\(base)/submit", [:]).status == .seeOther)
            #expect(!(try await colin.get(base).body.string.contains("on Q1")))

            // Moderation: side by side with the spread (4 and 2 → 2); a rationale is required.
            let moderation = try await priya.get("\(base)/moderation")
            #expect(moderation.status == .ok)
            #expect(moderation.body.string.contains("Spread"))
            #expect(try await evan.get("\(base)/moderation").status == .forbidden)
            let noReason = try await priya.post(
                "\(base)/moderation/\(bids[0].id!)", ["key": "Q1", "score": "3", "rationale": ""])
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.body.string.contains("Enter the rationale for the agreed score"))
            // Accept where the evaluators agree: both gave 3 on Q2 and Q3 of each of the three bids
            // (6 scores); Q1 (4 against 2) is left for moderation one by one.
            #expect(
                moderation.body.string.contains("The evaluators gave the same score on 6 criteria not yet moderated"))
            let before = try await AuditEventModel.query(on: app.db).filter(\.$action == "moderated").count()
            #expect(try await evan.post("\(base)/moderation/agreed", [:]).status == .forbidden)
            let accepted = try await priya.post("\(base)/moderation/agreed", [:])
            #expect(accepted.status == .seeOther)
            let rows = try await ModeratedScoreModel.query(on: app.db).filter(\.$tender.$id == id).all()
            #expect(rows.count == 6)
            #expect(rows.allSatisfy { $0.criterionID != "Q1" && $0.score == "3" })
            #expect(try await AuditEventModel.query(on: app.db).filter(\.$action == "moderated").count() == before + 6)
            #expect(
                try await priya.get("\(base)/moderation").body.string.contains(
                    "No score the evaluators agree on is left to accept."))
            let agreed: [String: [String]] = [
                "Brackenford Foodbank": ["4", "4", "5"], "Kestrel Facilities Ltd": ["3", "3", "2"],
                "Saltmarsh Community Transport CIC": ["3", "4", "4"],
            ]
            for bid in bids {
                for (n, key) in ["Q1", "Q2", "Q3"].enumerated() {
                    _ = try await priya.get("\(base)/moderation")
                    let r = try await priya.post(
                        "\(base)/moderation/\(bid.id!)",
                        [
                            "key": key, "score": agreed[bid.organisation.name]![n],
                            "rationale": "\(bid.organisation.name) agreed on \(key)",
                        ])
                    #expect(r.status == .seeOther)
                }
            }
            _ = try await priya.get("\(base)/moderation")
            #expect(try await priya.post("\(base)/rank", [:]).status == .seeOther)

            // The report: the buyer side; CSV; the document re-runs to the stored result.
            let report = try await colin.get("/tenders/\(id)/report")
            #expect(report.status == .ok)
            #expect(
                report.body.string.contains(
                    "<caption class=\"govuk-table__caption govuk-table__caption--m\">Ranking of the bids</caption>"))
            #expect(try await Browser(app).get("/tenders/\(id)/report").status == .seeOther)
            let kim = try await Self.signedIn(Self.kim, app)
            #expect(try await kim.get("/tenders/\(id)/report").status == .forbidden)
            #expect(try await kim.get("/tenders/\(id)/evaluation-document.json").status == .forbidden)
            let csv = try await colin.get("/tenders/\(id)/report.csv").body.string
            #expect(csv.hasPrefix("\u{FEFF}rank,bidder,price,price_points,quality_points,social_value_points"))
            let doc = try await colin.get("/tenders/\(id)/evaluation-document.json").body.string
            let stored = try await EvaluationResultModel.query(on: app.db).filter(\.$tender.$id == id).first()!
            #expect(doc == stored.inputJSON)
            #expect(
                try EvaluationOutcome.parse(try Evaluation.run(doc)) == (try EvaluationOutcome.parse(stored.resultJSON))
            )
            let outcome = try EvaluationOutcome.parse(stored.resultJSON)
            let winnerName = try #require(outcome.winner)
            let winner = bids.first { $0.organisation.name == winnerName }!

            // The ranking shows each bid's price and monetised social value beside its points (issue 13 §7):
            // Brackenford £248,000 and 52 × £226.50 + 2,400 × £12.21 + 3 × £241 = £11,778 + £29,304 + £723 = £41,805;
            // Kestrel £231,500 and 104 × £226.50 + 300 × £12.21 + 8 × £241 = £23,556 + £3,663 + £1,928 = £29,147;
            // Saltmarsh £255,000 and 26 × £226.50 + 3,100 × £12.21 + 5 × £241 = £5,889 + £37,851 + £1,205 = £44,945.
            let ranking = report.body.string
            #expect(ranking.contains("govuk-table__header--numeric\">Price</th>"))
            #expect(ranking.contains("govuk-table__header--numeric\">Monetised social value</th>"))
            let numeric = "<td class=\"govuk-table__cell govuk-table__cell--numeric\">"
            for (bidder, price, value) in [
                ("Brackenford Foodbank", "£248,000", "£41,805"), ("Kestrel Facilities Ltd", "£231,500", "£29,147"),
                ("Saltmarsh Community Transport CIC", "£255,000", "£44,945"),
            ] {
                #expect(
                    ranking.contains(
                        "<td class=\"govuk-table__cell\">\(bidder)</td>\(numeric)\(price)</td>\(numeric)\(value)</td>"))
            }

            // Award to the top-ranked bid: the commissioner only.
            #expect(try await evan.get("/tenders/\(id)/award").status == .forbidden)
            // The form starts from the contract dates the procurement planned and the monitoring plan
            // and frequency of the consideration in force: the demo's amendment (version 2).
            let procurement = try await ProcurementModel.find(t.$procurement.id, on: app.db)!
            var details = procurement.details
            details.dates.contractStartsOn = CalendarDate(iso: "2027-06-01")
            details.dates.contractEndsOn = CalendarDate(iso: "2030-05-31")
            procurement.storedDetails = try StoredJSON(details)
            try await procurement.update(on: app.db)
            let form = try await priya.get("/tenders/\(id)/award")
            #expect(form.status == .ok)
            let prefilled = form.body.string
            for (field, day, month, year) in [("startsOn", "1", "6", "2027"), ("endsOn", "31", "5", "2030")] {
                #expect(
                    prefilled.contains("name=\"\(field)[day]\" type=\"text\" inputmode=\"numeric\" value=\"\(day)\""))
                #expect(
                    prefilled.contains(
                        "name=\"\(field)[month]\" type=\"text\" inputmode=\"numeric\" value=\"\(month)\""))
                #expect(
                    prefilled.contains("name=\"\(field)[year]\" type=\"text\" inputmode=\"numeric\" value=\"\(year)\""))
            }
            #expect(
                prefilled.contains(
                    ">Quarterly returns against each social value commitment, and a follow-up call to a sample of residents.</textarea>"
                ))
            #expect(prefilled.contains("name=\"reportingFrequency\" type=\"radio\" value=\"quarterly\" checked>"))
            let missing = try await priya.post(
                "/tenders/\(id)/award", ["bidId": winner.id!.uuidString, "reportingFrequency": "quarterly"])
            #expect(missing.status == .unprocessableEntity)
            let awarded = try await priya.post(
                "/tenders/\(id)/award",
                [
                    "bidId": winner.id!.uuidString, "startsOn": "2027-06-01", "endsOn": "2030-05-31",
                    "monitoringPlan": "Quarterly returns against each commitment", "reportingFrequency": "quarterly",
                ])
            #expect(awarded.status == .seeOther)
            let contract = try await ContractModel.query(on: app.db).filter(\.$tender.$id == id).first()!
            #expect(contract.$supplier.id == winner.$organisation.id)
            #expect(try await priya.get("/contracts/\(contract.id!)").status == .ok)
            #expect(try await priya.get("/contracts").body.string.contains("Home from hospital support"))
            #expect(try await Self.signedIn(Self.idris, app).get("/contracts/\(contract.id!)").status == .notFound)

            // Feedback: a losing bidder sees its own and the winner's, not the third bidder's.
            let losers = bids.filter { $0.id != winner.id }
            let kimIsLoser = losers.contains { $0.organisation.name == "Kestrel Facilities Ltd" }
            if kimIsLoser {
                let third = losers.first { $0.organisation.name != "Kestrel Facilities Ltd" }!.organisation.name
                let page = try await kim.get("/tenders/\(id)/feedback")
                #expect(page.status == .ok)
                let body = page.body.string
                #expect(body.contains("Kestrel Facilities Ltd agreed on Q1"))
                #expect(body.contains("\(winnerName) agreed on Q1"))
                #expect(!body.contains(third))
                #expect(try await kim.get("/contracts/\(contract.id!)").status == .notFound)
            }
            #expect(try await evan.get("/tenders/\(id)/feedback").status == .forbidden)

            // The API: the result and document for the buyer side; the contract for buyer and supplier.
            let token = try await APITests().token(for: Self.colin, app)
            let api = try await colin.api(.GET, "/api/v1/tenders/\(id)/evaluation", token: token)
            #expect(api.status == .ok)
            #expect(api.body.string.contains("\"ranking\""))
            #expect(
                try await colin.api(.GET, "/api/v1/tenders/\(id)/evaluation/document", token: token).body.string
                    == stored.inputJSON)
            #expect(try await colin.api(.GET, "/api/v1/contracts/\(contract.id!)", token: token).status == .ok)
            let kimToken = try await APITests().token(for: Self.kim, app)
            #expect(try await kim.api(.GET, "/api/v1/tenders/\(id)/evaluation", token: kimToken).status == .forbidden)
            #expect(
                try await kim.api(.GET, "/api/v1/tenders/\(id)/evaluation/document", token: kimToken).status
                    == .forbidden)
            if kimIsLoser {
                #expect(
                    try await kim.api(.GET, "/api/v1/contracts/\(contract.id!)", token: kimToken).status == .notFound)
            }
        }
    }
}
