import Fluent
import Foundation
import SocialValue
import Storage
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

extension Browser {
    /// Posts the evidence upload form (multipart) with one file.
    func uploadEvidence(_ path: String, description: String, file: (name: String, bytes: String)) async throws
        -> TestingHTTPResponse
    {
        try await upload(path, fields: ["description": description], file: file, fileField: "evidence")
    }
}

/// The demo's awarded contract (Befriending and social contact, quarterly): period 1 verified at
/// load time (ECO2 4 weeks, SOC1 210 hours, ENV1 0), period 2 ended and due.
@Suite struct MonitoringPageTests {
    static func contract(_ app: Application) async throws -> ContractModel {
        try await ContractModel.query(on: app.db).filter(\.$title == "Befriending and social contact").first()!
    }

    static func signedIn(_ email: String, _ app: Application) async throws -> Browser {
        let b = Browser(app)
        try await b.signIn(email)
        return b
    }

    @Test func theSupplierSubmitsWithEvidenceAndTheCommissionerVerifies() async throws {
        try await withDemoApp { app in
            let c = try await Self.contract(app)
            let id = c.id!
            let proxies = Dictionary(
                uniqueKeysWithValues: try await AwardStore(app.db).commitments(
                    of: id, viewer: Viewer(userID: UUID(), isAdmin: true, memberships: [], compactSeats: [])
                ).map {
                    ($0.measureCode, $0.proxy)
                })
            #expect(proxies["ECO2"] == "226.50" && proxies["SOC1"] == "12.21")
            let sam = try await Self.signedIn(Demo.supplier, app)
            let page = try await sam.get("/contracts/\(id)").body.string
            #expect(page.contains("Social value delivery"))
            #expect(page.contains("Verified"))
            #expect(page.contains("Start the return"))
            #expect(page.contains(">Due<"))

            let path = "/contracts/\(id)/returns/2"
            // The dashboard lists period 2 for the supplier to write; the buyer has nothing waiting yet.
            let samsDashboard = try await sam.get("/dashboard").body.string
            #expect(samsDashboard.contains("Monitoring returns waiting for you"))
            #expect(samsDashboard.contains("href=\"\(path)\">Write the return"))
            #expect(!samsDashboard.contains("/returns/1\""))
            let priyasDashboard = try await Self.signedIn(Demo.commissioner, app).get("/dashboard").body.string
            #expect(!priyasDashboard.contains("Monitoring returns waiting for you"))
            #expect(try await sam.get(path).status == .ok)
            // Refusals first: submitting an empty return, then a bad quantity.
            let empty = try await sam.post("\(path)/submit", [:])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.body.string.contains("href=\"#evidence\""))
            #expect(empty.body.string.contains("Attach at least one piece of evidence"))
            #expect(empty.body.string.contains("href=\"#lines-ECO2-quantity\""))
            let bad = try await sam.post(path, ["narrative": "Quarter two", "lines[ECO2][quantity]": "lots"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("href=\"#lines-ECO2-quantity\""))
            #expect(bad.body.string.contains("value=\"lots\""))
            let filled = [
                "narrative": "Quarter two: 41 people matched.", "lines[ECO2][quantity]": "5",
                "lines[SOC1][quantity]": "300", "lines[ENV1][quantity]": "0",
            ]
            #expect(try await sam.post(path, filled).status == .seeOther)
            _ = try await sam.get(path)
            let noDescription = try await sam.uploadEvidence(
                "\(path)/evidence", description: "", file: ("log.txt", "hours"))
            #expect(noDescription.status == .unprocessableEntity)
            #expect(noDescription.body.string.contains("href=\"#description\""))
            #expect(
                try await sam.uploadEvidence(
                    "\(path)/evidence", description: "Volunteer log", file: ("log.txt", "week,hours")
                ).status == .seeOther)
            let withEvidence = try await sam.get(path).body.string
            #expect(withEvidence.contains("Volunteer log"))
            #expect(try await sam.post("\(path)/submit", [:]).status == .seeOther)
            #expect(try await sam.get(path).body.string.contains("Submitted"))
            // Submitted: the supplier can no longer change it (a conflict, shown on the form: 409).
            let late = try await sam.post(path, filled)
            #expect(late.status == .conflict)
            #expect(
                late.body.string.contains("The return for period 2 has been submitted and can no longer be changed"))

            // Priya follows the notification.
            let priya = try await Self.signedIn(Demo.commissioner, app)
            let note = try await NotificationModel.query(on: app.db).filter(\.$kind == .monitoringSubmitted).sort(
                \.$createdAt, .descending
            ).first()!
            #expect(note.link == path)
            #expect(
                note.text == "Monitoring return for period 2 of “Befriending and social contact” is ready to verify.")
            #expect(try await priya.get("/contracts").body.string.contains("1 to verify"))
            #expect(try await priya.get("/dashboard").body.string.contains("href=\"\(path)\">Verify the return"))
            #expect(!(try await sam.get("/dashboard").body.string.contains("Monitoring returns waiting for you")))
            let form = try await priya.get(path).body.string
            #expect(form.contains("Verify the return"))
            #expect(form.contains("value=\"5\""))
            let noNote = try await priya.post(
                "\(path)/verification",
                [
                    "decision": "verify", "lines[ECO2][quantity]": "4", "lines[SOC1][quantity]": "300",
                    "lines[ENV1][quantity]": "0",
                ])
            #expect(noNote.status == .unprocessableEntity)
            #expect(noNote.body.string.contains("href=\"#lines-ECO2-note\""))
            let noDecision = try await priya.post("\(path)/verification", [:])
            #expect(noDecision.body.string.contains("href=\"#decision\""))
            #expect(
                try await priya.post(
                    "\(path)/verification",
                    [
                        "decision": "verify", "lines[ECO2][quantity]": "4",
                        "lines[ECO2][note]": "One week was induction",
                        "lines[SOC1][quantity]": "300", "lines[ENV1][quantity]": "0",
                    ]
                ).status == .seeOther)
            // Verified to date: ECO2 4 + 4 = 8 weeks × £226.50 = £1,812.00; SOC1 210 + 300 = 510 hours × £12.21 = £6,227.10;
            // ENV1 0. Delivered in all £1,812.00 + £6,227.10 = £8,039.10.
            let delivery = try await priya.get("/contracts/\(id)").body.string
            #expect(delivery.contains("8 weeks"))
            #expect(delivery.contains("510 hours"))
            #expect(delivery.contains("£1,812"))
            #expect(delivery.contains("£6,227.10"))
            #expect(delivery.contains("£8,039.10"))
            let csv = try await priya.get("/contracts/\(id)/progress.csv")
            #expect(csv.headers.contentType?.subType == "csv")
            #expect(
                csv.body.string.hasPrefix(
                    "measure_code,measure,unit,committed,verified_to_date,awaiting_verification,percent_delivered,proxy_per_unit,committed_value,delivered_value\r\n"
                ))
            // ECO2: 8 of 52 weeks = 15.384…% → 15.4.
            #expect(
                csv.body.string.contains(
                    "ECO2,Apprenticeship weeks on the contract,weeks,52,8,0,15.4,226.50,11778.00,1812.00\r\n"))
            #expect(csv.body.string.contains("total,Total,"))
            #expect(
                try await NotificationModel.query(on: app.db).filter(\.$kind == .monitoringVerified).sort(
                    \.$createdAt, .descending
                ).first()?.link == path)
        }
    }

    @Test func outsidersFindNothingAndWrongRolesAreRefused() async throws {
        try await withDemoApp { app in
            let id = try await Self.contract(app).id!
            let path = "/contracts/\(id)/returns/1"
            for email in ["bids@kestrel-facilities.example", Demo.viewer, "commissioner@eastmoor-icb.example"] {
                let b = try await Self.signedIn(email, app)
                #expect(try await b.get(path).status == .notFound, "\(email)")
                #expect(try await b.get("/contracts/\(id)/progress.csv").status == .notFound, "\(email)")
            }
            let evan = try await Self.signedIn(Demo.evaluator, app)
            #expect(try await evan.get(path).status == .ok)
            #expect(
                try await evan.post("/contracts/\(id)/returns/2/verification", ["decision": "verify"]).status
                    == .forbidden)
            let priya = try await Self.signedIn(Demo.commissioner, app)
            _ = try await priya.get("/contracts/\(id)/returns/2")
            #expect(try await priya.post("/contracts/\(id)/returns/2", ["narrative": "x"]).status == .forbidden)
            #expect(try await priya.get("/contracts/\(id)/returns/99").status == .notFound)
            // The verified first return is read-only for everyone, with its evidence.
            let sam = try await Self.signedIn(Demo.supplier, app)
            let first = try await sam.get(path).body.string
            #expect(first.contains("Volunteer hours log for the quarter"))
            #expect(!first.contains("Save as draft"))
            let evidence = try #require(
                Browser.firstMatch(#"href="(/contracts/[^"]+/returns/1/evidence/[^"]+)""#, in: first))
            #expect(try await evan.get(evidence).body.string.hasPrefix("week,volunteers,hours"))
            #expect(try await Self.signedIn("bids@kestrel-facilities.example", app).get(evidence).status == .notFound)
        }
    }

    @Test func theAPIReadsSavesAndVerifies() async throws {
        try await withDemoApp { app in
            let id = try await Self.contract(app).id!
            let api = APITests()
            let b = Browser(app)
            let samToken = try await api.token(for: Demo.supplier, app)
            let priyaToken = try await api.token(for: Demo.commissioner, app)
            let kimToken = try await api.token(for: "bids@kestrel-facilities.example", app)
            let returns = try api.json(try await b.api(.GET, "/api/v1/contracts/\(id)/returns", token: samToken))
            let periods = try #require(returns["periods"] as? [[String: Any]])
            #expect(periods.prefix(3).map { $0["status"] as? String } == ["verified", "due", "not-due-yet"])
            #expect(
                (periods[0]["lines"] as? [[String: Any]])?.first { $0["measureCode"] as? String == "ECO2" }?["verified"]
                    as? String == "4")
            let progress = try api.json(try await b.api(.GET, "/api/v1/contracts/\(id)/progress", token: priyaToken))
            // Period 1: ECO2 4 × £226.50 = £906.00; SOC1 210 × £12.21 = £2,564.10; total £3,470.10.
            #expect(progress["deliveredValue"] as? String == "3470.10")
            #expect(try await b.api(.GET, "/api/v1/contracts/\(id)/progress", token: kimToken).status == .notFound)

            // Submitting through the API needs evidence already attached on the web page.
            let body =
                #"{"narrative": "Quarter two", "lines": {"ECO2": {"quantity": "5"}, "SOC1": {"quantity": "300"}, "ENV1": {"quantity": "0"}}, "submit": true}"#
            let refused = try await b.api(.POST, "/api/v1/contracts/\(id)/returns/2", token: samToken, json: body)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("evidence is uploaded on the return’s web page"))
            let bad = try await b.api(
                .POST, "/api/v1/contracts/\(id)/returns/2", token: samToken,
                json: #"{"lines": {"ECO2": {"quantity": "-1"}}}"#)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("lines.ECO2.quantity"))
            #expect(
                try await b.api(.POST, "/api/v1/contracts/\(id)/returns/2", token: kimToken, json: body).status
                    == .notFound)
            #expect(
                try await b.api(.POST, "/api/v1/contracts/\(id)/returns/2", token: priyaToken, json: body).status
                    == .forbidden)
            // Evidence on the web, then the API submits.
            let sam = try await Self.signedIn(Demo.supplier, app)
            _ = try await sam.get("/contracts/\(id)/returns/2")
            #expect(
                try await sam.uploadEvidence(
                    "/contracts/\(id)/returns/2/evidence", description: "Log", file: ("log.txt", "x")
                ).status == .seeOther)
            let submitted = try await b.api(.POST, "/api/v1/contracts/\(id)/returns/2", token: samToken, json: body)
            #expect(submitted.status == .ok)
            #expect(try api.json(submitted)["returnStatus"] as? String == "submitted")
            let noReason = try await b.api(
                .POST, "/api/v1/contracts/\(id)/returns/2/verification", token: priyaToken,
                json: #"{"decision": "request-changes"}"#)
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.body.string.contains("reason"))
            let sent = try await b.api(
                .POST, "/api/v1/contracts/\(id)/returns/2/verification", token: priyaToken,
                json: #"{"decision": "request-changes", "reason": "Add the session dates"}"#)
            #expect(try api.json(sent)["returnStatus"] as? String == "changes-requested")
            #expect(try api.json(sent)["changesRequested"] as? String == "Add the session dates")
            #expect(
                try await b.api(
                    .POST, "/api/v1/contracts/\(id)/returns/2/verification", token: samToken,
                    json: #"{"decision": "verify"}"#
                ).status == .forbidden)
        }
    }
}
