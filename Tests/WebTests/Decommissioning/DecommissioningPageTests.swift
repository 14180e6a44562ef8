import Fluent
import Foundation
import SocialValue
import Storage
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// Decommissioning on the pages and the API, on the demo: the county's case about the
/// foodbank's hub (shared, assessed, response awaited), and cases the tests start.
@Suite struct DecommissioningPageTests {
    static let idris = "commissioner@eastmoor-icb.example"  // another public body
    static let colin = "compact@eastmoor-cc.example"  // a viewer at the county council
    static let hub = "Brackenford food and advice hub"
    let api = APITests()

    static func demoCase(_ app: Application) async throws -> DecommissioningCaseModel {
        try #require(try await DecommissioningCaseModel.query(on: app.db).filter(\.$serviceName == hub).first())
    }

    static func signedIn(_ email: String, _ app: Application) async throws -> Browser {
        let b = Browser(app)
        try await b.signIn(email)
        return b
    }

    @Test func theCommissionerStartsACaseIsRefusedADecisionWithoutTheResponseThenRecordsABreach() async throws {
        try await withDemoApp { app in
            let b = try await Self.signedIn(Demo.commissioner, app)
            let list = try await b.get("/decommissioning")
            #expect(list.body.string.contains(">Decommissioning</a>"))
            #expect(list.body.string.contains(Self.hub))
            #expect(list.body.string.contains("Not decided yet"))
            #expect(list.body.string.contains("Start a decommissioning case"))
            // An empty form: every problem listed, each linked to its field.
            try await b.get("/decommissioning/new")
            let refused = try await b.post("/decommissioning/new", [:])
            #expect(refused.status == .unprocessableEntity)
            for anchor in ["#providerId", "#serviceName", "#serviceDescription", "#change", "#rationale"] {
                #expect(refused.body.string.contains("href=\"\(anchor)\""))
            }
            let transport = try await id(of: "Saltmarsh Community Transport CIC", app)
            let created = try await b.post(
                "/decommissioning/new",
                [
                    "providerId": transport.uuidString, "serviceName": "Dial-a-ride",
                    "serviceDescription": "Door-to-door transport",
                    "change": "end", "rationale": "The service moves to the NHS",
                ])
            #expect(created.status == .seeOther)
            let path = try #require(created.headers.first(name: .location))
            let page = try await b.get(path)
            #expect(page.body.string.contains("Cannot start yet"))
            #expect(page.body.string.contains("govuk-task-list"))
            _ = try await b.post(
                "\(path)/impact",
                [
                    "onBeneficiaries": "Older people lose trips", "onServiceUsers": "400 users",
                    "onVolunteers": "30 drivers",
                ])
            try await b.get("\(path)/decision")
            let early = try await b.post(
                "\(path)/decision",
                [
                    "decision": "end", "decisionRationale": "Budget", "noticeGivenOn": "2027-01-20",
                    "effectiveOn": "2027-04-08",
                ])
            #expect(early.status == .unprocessableEntity)
            #expect(
                early.body.string.contains(
                    "href=\"\(path)/response\">Record the organisation’s response before deciding to end funding</a>"))
            try await b.get("\(path)/response")
            let answered = try await b.post(
                "\(path)/response", ["responseText": "We object", "receivedOn": "2026-01-05", "how": "Letter"])
            #expect(answered.status == .seeOther)
            // Notice 20 January 2027 + 3 months = 20 April; 8 April is 20 − 8 = 12 days short.
            // Without the confirmation: the "check and confirm" page says it is a breach, and nothing is recorded.
            try await b.get("\(path)/decision")
            // The dates as the form's GOV.UK date inputs send them.
            let breachFields = [
                "decision": "end", "decisionRationale": "Budget", "noticeGivenOn[day]": "20",
                "noticeGivenOn[month]": "1", "noticeGivenOn[year]": "2027", "effectiveOn[day]": "8",
                "effectiveOn[month]": "4", "effectiveOn[year]": "2027",
            ]
            let confirm = try await b.post("\(path)/decision", breachFields)
            #expect(confirm.status == .ok)
            let confirmPage = confirm.body.string
            #expect(confirmPage.contains("This decision breaches the notice period"))
            #expect(
                confirmPage.contains(
                    "This is a breach of Compact principle 4: notice given on 20 January 2027 is 12 days short of the 3 months the Compact requires. The earliest the change could take effect is 20 April 2027."
                ))
            #expect(confirmPage.contains("name=\"confirmed\" value=\"yes\""))
            #expect(confirmPage.contains("name=\"effectiveOn[day]\" value=\"8\""))
            #expect(confirmPage.contains("href=\"\(path)/decision\">No, go back and change the dates</a>"))
            let caseID = try #require(UUID(uuidString: String(path.split(separator: "/").last!)))
            #expect(try await DecommissioningCaseModel.find(caseID, on: app.db)?.decisionValue == nil)
            // Confirmed: recorded (the provider's notification says it is a breach: DecommissioningStoreTests).
            // The button posts what the page carried (its hidden fields), not what the test typed.
            let hidden = try NSRegularExpression(pattern: #"<input type="hidden" name="([^"]+)" value="([^"]*)">"#)
            var confirmed: [String: String] = [:]
            for m in hidden.matches(in: confirmPage, range: NSRange(confirmPage.startIndex..., in: confirmPage)) {
                confirmed[String(confirmPage[Range(m.range(at: 1), in: confirmPage)!])] = String(
                    confirmPage[Range(m.range(at: 2), in: confirmPage)!])
            }
            confirmed["_csrf"] = nil
            #expect(confirmed["confirmed"] == "yes" && confirmed["noticeGivenOn[month]"] == "1")
            let decided = try await b.post("\(path)/decision", confirmed)
            #expect(decided.status == .seeOther)
            #expect(try await DecommissioningCaseModel.find(caseID, on: app.db)?.noticeCheck == "breach")
            let shown = try await b.get(path).body.string
            #expect(shown.contains("govuk-warning-text"))
            #expect(
                shown.contains(
                    "Breach of Compact principle 4: notice is 12 days short of the 3 months the Compact requires"))
            let breaches = try await b.get("/decommissioning?notice=breach").body.string
            #expect(breaches.contains("Breach: 12 days short of 3 months"))
            #expect(breaches.contains("govuk-tag--red"))
            #expect(!breaches.contains(Self.hub))
            let csv = try await b.get("/decommissioning.csv?notice=breach")
            #expect(csv.headers.first(name: .contentType) == "text/csv; charset=utf-8")
            let lines = csv.body.string.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.count == 2)
            #expect(lines[1].contains(",2027-01-20,2027-04-08,2027-04-20,3,breach,12,,"))
            // The decision form again: refused, not applied (issue 13 §1).
            let again = try await b.post(
                "\(path)/decision",
                [
                    "decision": "continue", "decisionRationale": "Funding found",
                ])
            #expect(again.status == .conflict)
            #expect(again.body.string.contains("cannot be changed in place: record an amendment with its reason"))
            // The form now offers an amendment, which needs its reason.
            let form = try await b.get("\(path)/decision").body.string
            #expect(form.contains("name=\"amendmentReason\""))
            #expect(form.contains("Record the amendment"))
            let unexplained = try await b.post(
                "\(path)/decision",
                [
                    "decision": "end", "decisionRationale": "Budget", "noticeGivenOn": "2027-01-20",
                    "effectiveOn": "2027-04-08", "useExceptionalReason": "yes",
                    "exceptionalReason": "The depot lease ends", "amendmentReason": "",
                ])
            #expect(unexplained.status == .unprocessableEntity)
            #expect(unexplained.body.string.contains("href=\"#amendmentReason\">Enter why the decision is amended</a>"))
            // The exceptional reason, as an amendment, changes the tag.
            let amended = try await b.post(
                "\(path)/decision",
                [
                    "decision": "end", "decisionRationale": "Budget", "noticeGivenOn": "2027-01-20",
                    "effectiveOn": "2027-04-08",
                    "useExceptionalReason": "yes", "exceptionalReason": "The depot lease ends",
                    "amendmentReason": "The landlord confirmed the lease end after the decision",
                ])
            #expect(amended.status == .seeOther)
            let after = try await b.get("/decommissioning").body.string
            #expect(after.contains("Shorter notice: exceptional reason recorded"))
            #expect(!after.contains("Breach: 12 days"))
            // The case shows the decision as first recorded beside the amendment.
            let history = try await b.get(path).body.string
            #expect(history.contains("Decisions recorded"))
            #expect(history.contains("id=\"decision-1\""))
            #expect(history.contains("id=\"decision-2\""))
            #expect(history.contains("Breach: 12 days short of 3 months"))
            #expect(history.contains("The landlord confirmed the lease end after the decision"))
        }
    }

    @Test func theProviderRespondsToTheSharedCaseAndOutsidersGetNotFound() async throws {
        try await withDemoApp { app in
            let c = try await Self.demoCase(app)
            let path = "/decommissioning/\(c.id!)"
            let sam = try await Self.signedIn(Demo.supplier, app)
            // The dashboard asks for the response until it is given.
            #expect(
                try await sam.get("/dashboard").body.string.contains(
                    "href=\"\(path)/response\">Respond to Eastmoor County Council’s proposal about “\(Self.hub)”"))
            let form = try await sam.get("\(path)/response")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("Your organisation’s response"))
            let empty = try await sam.post("\(path)/response", ["responseText": ""])
            #expect(empty.body.string.contains("href=\"#responseText\""))
            #expect(
                try await sam.post("\(path)/response", ["responseText": "Please keep Friday opening"]).status
                    == .seeOther)
            #expect(!(try await sam.get("/dashboard").body.string.contains("Proposals to change your funding")))
            #expect(try await sam.get("\(path)/impact").status == .forbidden)
            let priya = try await Self.signedIn(Demo.commissioner, app)
            #expect(
                try await priya.get("/notifications").body.string.contains(
                    "Brackenford Foodbank has responded to the proposal about “\(Self.hub)”."))
            #expect(try await priya.get(path).body.string.contains("Please keep Friday opening"))
            let idris = try await Self.signedIn(Self.idris, app)
            #expect(try await idris.get(path).status == .notFound)
            #expect(!(try await idris.get("/decommissioning").body.string.contains(Self.hub)))
            let colin = try await Self.signedIn(Self.colin, app)
            #expect(try await colin.get(path).status == .ok)
            #expect(try await colin.get("\(path)/decision").status == .forbidden)
            #expect(!(try await colin.get("/decommissioning").body.string.contains("Start a decommissioning case")))
            // The foodbank's member has no public-body membership: no navigation entry.
            #expect(!(try await sam.get("/dashboard").body.string.contains("href=\"/decommissioning\"")))
        }
    }

    @Test func theBuyersCommissionerStartsACaseFromTheContract() async throws {
        try await withDemoApp { app in
            let contract = try #require(
                try await ContractModel.query(on: app.db).filter(\.$title == "Befriending and social contact").first())
            let start = "/decommissioning/new?contractId=\(contract.id!)"
            let priya = try await Self.signedIn(Demo.commissioner, app)
            #expect(try await priya.get("/contracts/\(contract.id!)").body.string.contains("href=\"\(start)\""))
            // The form arrives with the contract chosen.
            let form = try await priya.get(start).body.string
            #expect(form.contains("<option value=\"\(contract.id!)\" selected"))
            // The supplier's member and the buyer's viewer see the contract without the way in.
            let sam = try await Self.signedIn(Demo.supplier, app)
            #expect(!(try await sam.get("/contracts/\(contract.id!)").body.string.contains("/decommissioning/new")))
            let colin = try await Self.signedIn(Self.colin, app)
            #expect(!(try await colin.get("/contracts/\(contract.id!)").body.string.contains("/decommissioning/new")))
        }
    }

    @Test func theAPIListsReadsAndChecksNotice() async throws {
        try await withDemoApp { app in
            let b = Browser(app)
            let c = try await Self.demoCase(app)
            // Worked example: 30 Nov 2026 + 3 months = 30 Feb 2027, clamped to 28 Feb; 27 Feb is 1 day short.
            let check = try api.json(
                try await b.api(
                    .POST, "/api/v1/decommissioning/notice-check", token: nil,
                    json: #"{"noticeGivenOn": "2026-11-30", "effectiveOn": "2027-02-27", "minimumNoticeMonths": 3}"#))
            #expect(check["earliestEndOn"] as? String == "2027-02-28")
            #expect(check["compliant"] as? Bool == false)
            #expect(check["daysShort"] as? Int == 1)
            #expect(check["label"] as? String == "Breach: 1 day short of 3 months")
            let leap = try api.json(
                try await b.api(
                    .POST, "/api/v1/decommissioning/notice-check", token: nil,
                    json: #"{"noticeGivenOn": "2027-11-30", "effectiveOn": "2028-02-29", "minimumNoticeMonths": 3}"#))
            #expect(leap["compliant"] as? Bool == true)
            let bad = try await b.api(
                .POST, "/api/v1/decommissioning/notice-check", token: nil,
                json: #"{"noticeGivenOn": "2027-01-15", "effectiveOn": "2027-01-14"}"#)
            #expect(bad.status == .unprocessableEntity)
            let fields = (try api.json(bad)["problems"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            #expect(fields == ["minimumNoticeMonths"])
            let backwards = try await b.api(
                .POST, "/api/v1/decommissioning/notice-check", token: nil,
                json: #"{"noticeGivenOn": "2027-01-15", "effectiveOn": "2027-01-14", "minimumNoticeMonths": 3}"#)
            #expect(
                (try api.json(backwards)["problems"] as? [[String: Any]])?.first?["field"] as? String == "effectiveOn")

            let priya = try await api.token(for: Demo.commissioner, app)
            let list = try api.json(try await b.api(.GET, "/api/v1/decommissioning?status=assessing", token: priya))
            #expect(list["total"] as? Int == 1)
            #expect(
                try api.json(try await b.api(.GET, "/api/v1/decommissioning?notice=breach", token: priya))["total"]
                    as? Int == 0)
            #expect(
                try await b.api(.GET, "/api/v1/decommissioning?status=closed", token: priya).status
                    == .unprocessableEntity)
            let one = try api.json(try await b.api(.GET, "/api/v1/decommissioning/\(c.id!)", token: priya))
            #expect(one["proposedFundingPence"] as? Int == 3_000_000)
            #expect((one["notice"] as? [String: Any])?["minimumNoticeMonths"] as? Int == 3)
            let tasks = (one["tasks"] as? [[String: Any]] ?? []).compactMap { $0["status"] as? String }
            #expect(tasks == ["completed", "completed", "completed", "in-progress", "cannot-start-yet"])
            let idris = try await api.token(for: Self.idris, app)
            #expect(try await b.api(.GET, "/api/v1/decommissioning/\(c.id!)", token: idris).status == .notFound)
            #expect(try api.json(try await b.api(.GET, "/api/v1/decommissioning", token: idris))["total"] as? Int == 0)
        }
    }
}
