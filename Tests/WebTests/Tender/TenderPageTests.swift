import Fluent
import Foundation
import SocialValue
import Storage
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// The demo's tenders: "Meals at home" is open for bids; "Home from hospital support" closed
/// two days ago with three sealed bids. Every route that could reach a bid's contents is tried
/// by every role, before and after the opening.
@Suite struct TenderPageTests {
    static let open = "Meals at home 2027 to 2030"
    static let closed = "Home from hospital support"
    static let colin = "compact@eastmoor-cc.example"  // a viewer at the county council
    static let idris = "commissioner@eastmoor-icb.example"  // another body
    static let kim = "bids@kestrel-facilities.example"

    static func tender(_ title: String, _ app: Application) async throws -> TenderModel {
        let p = try await ProcurementModel.query(on: app.db).filter(\.$title == title).first()!
        return try await TenderStore(app.db).tender(ofProcurement: p.id!)!
    }

    static func signedIn(_ email: String?, _ app: Application) async throws -> Browser {
        let b = Browser(app)
        if let email { try await b.signIn(email) }
        return b
    }

    /// Adds an attachment to a demo bid directly in the database (the bid is already submitted).
    static func attachment(to bid: BidModel, _ app: Application) async throws -> UUID {
        let a = BidAttachmentModel()
        a.$bid.id = bid.id!
        a.title = "Method statement"
        a.filename = "method.txt"
        a.fileType = .txt
        a.contentType = "text/plain; charset=utf-8"
        a.sizeBytes = 5
        a.sha256 = "x"
        a.data = Data("sealed".utf8)
        a.uploadedBy = "test"
        try await a.create(on: app.db)
        return a.id!
    }

    @Test func beforeTheOpeningEveryRouteToBidContentsIsRefusedForEveryRole() async throws {
        try await withDemoApp { app in
            let t = try await Self.tender(Self.closed, app)
            let foodbank = try await WebTests.id(of: "Brackenford Foodbank", app)
            let id = t.id!
            let bid = try await BidModel.query(on: app.db).filter(\.$tender.$id == id).filter(
                \.$organisation.$id == foodbank
            ).first()!
            let file = try await Self.attachment(to: bid, app)
            let contentRoutes = [
                "/tenders/\(id)/bids", "/tenders/\(id)/bids/\(bid.id!)",
                "/tenders/\(id)/bids/\(bid.id!)/attachments/\(file)",
            ]
            for email in [Demo.commissioner, Demo.evaluator, Self.colin, Demo.admin] {
                let b = try await Self.signedIn(email, app)
                let page = try await b.get("/tenders/\(id)")
                #expect(page.status == .ok, "\(email)")
                #expect(page.body.string.contains("3 bids have been submitted"), "\(email)")
                #expect(!page.body.string.contains("our approach to service delivery"), "\(email)")
                for route in contentRoutes {
                    let r = try await b.get(route)
                    #expect(r.status == .forbidden, "\(email) \(route)")
                    #expect(r.body.string.contains("Bids are sealed until they are opened"), "\(email) \(route)")
                    #expect(!r.body.string.contains("our approach"), "\(email) \(route)")
                }
                // Own-bid routes: a buyer has no bid to see.
                #expect(try await b.get("/tenders/\(id)/bid").status == .forbidden, "\(email)")
                #expect(try await b.get("/tenders/\(id)/bid/attachments/\(file)").status == .forbidden, "\(email)")
                #expect(try await b.get("/tenders/\(id)/bid/template.json").status == .forbidden, "\(email)")
            }
            // Other bodies and bidders: no count, no contents.
            for email in [Self.idris, Self.kim, Demo.viewer] {
                let b = try await Self.signedIn(email, app)
                #expect(
                    !(try await b.get("/tenders/\(id)").body.string.contains("bids have been submitted")), "\(email)")
                for route in contentRoutes { #expect(try await b.get(route).status == .forbidden, "\(email) \(route)") }
            }
            let kim = try await Self.signedIn(Self.kim, app)
            // Sam's file, not Kim's
            #expect(try await kim.get("/tenders/\(id)/bid/attachments/\(file)").status == .forbidden)
            let visitor = Browser(app)
            for route in contentRoutes { #expect(try await visitor.get(route).status == .seeOther, "\(route)") }
            // Sam sees his own bid and its file.
            let sam = try await Self.signedIn(Demo.supplier, app)
            let own = try await sam.get("/tenders/\(id)/bid")
            #expect(own.body.string.contains("Brackenford Foodbank: our approach to service delivery."))
            #expect(own.body.string.contains("This tender closed at"))
            #expect(try await sam.get("/tenders/\(id)/bid/attachments/\(file)").body.string == "sealed")
            #expect(try await sam.get("/tenders/\(id)/bids").status == .forbidden)

            // The opening: a commissioner, after the deadline. Then the buyer side reads.
            let evan = try await Self.signedIn(Demo.evaluator, app)
            _ = try await evan.get("/tenders/\(id)")
            #expect(try await evan.post("/tenders/\(id)/open", [:]).status == .forbidden)
            let priya = try await Self.signedIn(Demo.commissioner, app)
            let page = try await priya.get("/tenders/\(id)")
            #expect(page.body.string.contains("Open the bids"))
            let opened = try await priya.post("/tenders/\(id)/open", [:])
            #expect(opened.status == .seeOther)
            let openings = try await AuditEventModel.query(on: app.db).filter(\.$action == "bids-opened").all()
            #expect(openings.filter { $0.recordID == id.uuidString }.count == 1)
            for email in [Demo.commissioner, Demo.evaluator, Self.colin, Demo.admin] {
                let b = try await Self.signedIn(email, app)
                let list = try await b.get("/tenders/\(id)/bids")
                #expect(list.status == .ok, "\(email)")
                for name in ["Brackenford Foodbank", "Kestrel Facilities Ltd", "Saltmarsh Community Transport CIC"] {
                    #expect(list.body.string.contains(name), "\(email) \(name)")
                }
                #expect(
                    try await b.get("/tenders/\(id)/bids/\(bid.id!)").body.string.contains(
                        "our approach to service delivery"), "\(email)")
                #expect(
                    try await b.get("/tenders/\(id)/bids/\(bid.id!)/attachments/\(file)").body.string == "sealed",
                    "\(email)")
            }
            for email in [Self.idris, Self.kim, Demo.supplier] {
                let b = try await Self.signedIn(email, app)
                for route in contentRoutes { #expect(try await b.get(route).status == .forbidden, "\(email) \(route)") }
            }
            let procurement = try await ProcurementModel.find(t.$procurement.id, on: app.db)!
            #expect(procurement.statusValue == .evaluation)
        }
    }

    @Test func aSupplierDraftsSubmitsWithdrawsAndResubmitsWhileTheBuyerSeesOnlyTheCount() async throws {
        try await withDemoApp { app in
            let t = try await Self.tender(Self.open, app)
            let id = t.id!
            let config = t.configuration
            let sam = try await Self.signedIn(Demo.supplier, app)
            let list = try await sam.get("/tenders")
            #expect(list.body.string.contains(HTML.escape(Self.open)))
            #expect(!list.body.string.contains(Self.closed))
            let form = try await sam.get("/tenders/\(id)/bid")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("The social value embedded in your service"))  // a VCS organisation
            // An incomplete draft saves; a bad value is shown back with its field.
            let bad = try await sam.post("/tenders/\(id)/bid", ["price": "lots", "responses[Q1]": "Hot meals daily"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("href=\"#price\""))
            var fields = ["price": "410000", "deliveryPlan": "Quarterly", "embeddedValueStatement": "Volunteers"]
            for q in config.criteria { fields["responses[\(q.id)]"] = "Our answer to \(q.id)" }
            for m in config.measures { fields["commitments[\(m.code)]"] = m.code == "ECO2" ? "2000" : "10" }
            #expect(try await sam.post("/tenders/\(id)/bid", fields).status == .seeOther)
            let draft = try await sam.get("/tenders/\(id)/bid")
            // 2000 × £226.50 > 50% of £410,000
            #expect(draft.body.string.contains("Check deliverability: your commitment for ECO2"))
            let submitted = try await sam.post("/tenders/\(id)/bid/submit", [:])
            #expect(submitted.status == .seeOther)
            let page = try await sam.get("/tenders/\(id)/bid")
            #expect(page.body.string.contains("Your submission receipts"))
            #expect(page.body.string.contains("Withdraw the bid"))
            // The buyer: the count, sealed.
            let priya = try await Self.signedIn(Demo.commissioner, app)
            let buyer = try await priya.get("/tenders/\(id)")
            #expect(buyer.body.string.contains("1 bid has been submitted"))
            #expect(buyer.body.string.contains("Bids are sealed until the deadline: \(t.deadline.text)"))
            let sealed = try await priya.get("/tenders/\(id)/bids")
            #expect(sealed.status == .forbidden)
            #expect(sealed.body.string.contains("Bids are sealed until the deadline: \(t.deadline.text)"))
            #expect(try await priya.post("/tenders/\(id)/open", [:]).status == .unprocessableEntity)
            // Withdrawing asks first: the "check and confirm" page, and a post without it withdraws nothing.
            let ask = try await sam.get("/tenders/\(id)/bid/withdraw")
            #expect(ask.status == .ok)
            #expect(ask.body.string.contains("A withdrawn bid does not count"))
            #expect(ask.body.string.contains("href=\"/tenders/\(id)/bid\">No, keep the bid submitted</a>"))
            let unconfirmed = try await sam.post("/tenders/\(id)/bid/withdraw", [:])
            #expect(unconfirmed.status == .ok)
            #expect(unconfirmed.body.string.contains("name=\"confirmed\" value=\"yes\""))
            let submittedBids = BidModel.query(on: app.db).filter(\.$tender.$id == id).filter(
                \.$statusValue == .submitted)
            #expect(try await submittedBids.count() == 1)
            // Withdraw and resubmit: two receipts.
            #expect(try await sam.post("/tenders/\(id)/bid/withdraw", ["confirmed": "yes"]).status == .seeOther)
            #expect(
                try await BidModel.query(on: app.db).filter(\.$tender.$id == id).filter(\.$statusValue == .submitted)
                    .count() == 0)
            #expect(try await sam.post("/tenders/\(id)/bid/submit", [:]).status == .seeOther)
            let receipts = try await BidReceiptModel.query(on: app.db).filter(\.$tenderID == id).count()
            #expect(receipts == 2)
            // The template: JSON and CSV with this tender's criteria and measures.
            let json = try await sam.get("/tenders/\(id)/bid/template.json")
            #expect(json.headers.first(name: .contentDisposition)?.contains("attachment") == true)
            #expect(json.body.string.contains("\"criterion\": \"Q1\""))
            let csv = try await sam.get("/tenders/\(id)/bid/template.csv")
            #expect(csv.body.string.contains("commitment,ECO2"))
            // Uploading needs a draft; a bad template saves nothing and names the line.
            #expect(try await sam.post("/tenders/\(id)/bid/withdraw", ["confirmed": "yes"]).status == .seeOther)
            _ = try await sam.get("/tenders/\(id)/bid")
            let upload = try await sam.upload(
                "/tenders/\(id)/bid/template", fields: [:],
                file: (
                    name: "bid.csv",
                    bytes: "section,key,name,unit,proxy,value\r\nprice,,,,,1\r\ncommitment,ECO2,,,,-4\r\n"
                ))
            #expect(upload.status == .unprocessableEntity)
            #expect(upload.body.string.contains("line 3, column value: Enter the quantity for ECO2"))
            let mine = try await BidModel.query(on: app.db).filter(\.$tender.$id == id).first()!
            #expect(mine.pricePence == 41_000_000)
            let good = try await sam.upload(
                "/tenders/\(id)/bid/template", fields: [:],
                file: (name: "bid.csv", bytes: "section,key,name,unit,proxy,value\r\nprice,,,,,399000\r\n"))
            #expect(good.status == .seeOther)
            #expect(try await BidModel.find(mine.id, on: app.db)?.pricePence == 39_900_000)
        }
    }

    @Test func theProcurementPageLeadsToTheTenderAndClarificationsAreAnonymised() async throws {
        try await withDemoApp { app in
            let t = try await Self.tender(Self.open, app)
            let id = t.id!
            let visitor = Browser(app)
            let procurement = try await visitor.get("/procurements/\(t.$procurement.id)")
            #expect(procurement.status == .notFound)  // not in the pipeline: the owning body's only
            let priya = try await Self.signedIn(Demo.commissioner, app)
            #expect(try await priya.get("/procurements/\(t.$procurement.id)").body.string.contains("/tenders/\(id)"))
            let page = try await visitor.get("/tenders/\(id)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Service delivery"))
            let kim = try await Self.signedIn(Self.kim, app)
            _ = try await kim.get("/tenders/\(id)")
            #expect(
                try await kim.post("/tenders/\(id)/clarifications", ["question": "Is there a minimum fleet size?"])
                    .status == .seeOther)
            let question = try await TenderClarificationModel.query(on: app.db).first()!
            _ = try await priya.get("/tenders/\(id)")
            #expect(
                try await priya.post("/tenders/\(id)/clarifications/\(question.id!)/answer", ["answer": "No minimum."])
                    .status == .seeOther)
            let sam = try await Self.signedIn(Demo.supplier, app)
            let seen = try await sam.get("/tenders/\(id)")
            #expect(seen.body.string.contains("No minimum."))
            #expect(!seen.body.string.contains("Kestrel"))
            // The buyer sees who asked only after the opening (issue 19 §4): "a bidder" until then.
            let buyerPage = try await priya.get("/tenders/\(id)").body.string
            #expect(buyerPage.contains("Asked by a bidder") && !buyerPage.contains("Asked by Kestrel"))
            // Tender documents: the buyer uploads, suppliers download.
            #expect(
                try await priya.upload(
                    "/tenders/\(id)/documents", fields: ["title": "Specification"],
                    file: (name: "spec.txt", bytes: "The spec")
                ).status == .seeOther)
            let doc = try await TenderDocumentModel.query(on: app.db).first()!
            #expect(try await sam.get("/tenders/\(id)/documents/\(doc.id!)").body.string == "The spec")
            #expect(
                try await sam.upload("/tenders/\(id)/documents", fields: [:], file: (name: "x.txt", bytes: "x")).status
                    == .forbidden)
        }
    }

    @Test func theSetUpFormSavesADraftAndShowsErrorsByField() async throws {
        try await withDemoApp { app in
            let p = try await ProcurementModel.query(on: app.db).filter(\.$title == "Community transport 2026 to 2029")
                .first()!
            let priya = try await Self.signedIn(Demo.commissioner, app)
            let form = try await priya.get("/procurements/\(p.id!)/tender")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("ECO2"))
            let bad = try await priya.post(
                "/procurements/\(p.id!)/tender",
                [
                    "priceWeight": "50", "qualityWeight": "50", "socialValueWeight": "10",
                    "criteria[0][name]": "Method", "criteria[0][weight]": "90",
                ])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("must total 100 (they total 110)"))
            #expect(bad.body.string.contains("href=\"#criteria\""))
            let set = try await TenderStore(app.db).valueSetChoices(forProcurement: p.id!).first!.valueSet.id
            let good = try await priya.post(
                "/procurements/\(p.id!)/tender",
                [
                    "priceWeight": "40", "qualityWeight": "45", "socialValueWeight": "15",
                    "priceMethod": "lowest-price-ratio", "qualityScaleMax": "5",
                    "descriptors": "0 Unacceptable\n5 Excellent", "criteria[0][name]": "Method",
                    "criteria[0][weight]": "100",
                    "socialValueMethod": "highest-value-ratio", "valueSetId": set.uuidString,
                    "measureCodes[]": "SOC1",
                    "deadlineOn": "2099-03-12", "deadlineTime": "12:00",
                ])
            #expect(good.status == .seeOther)
            let t = try await TenderStore(app.db).tender(ofProcurement: p.id!)!
            #expect(t.configuration.measures.map(\.code) == ["SOC1"])
            #expect(t.configuration.measures.first?.proxy == "12.21")
            let idris = try await Self.signedIn(Self.idris, app)
            #expect(try await idris.get("/procurements/\(p.id!)/tender").status == .forbidden)
            #expect(try await idris.get("/tenders/\(t.id!)").status == .notFound)  // a draft
        }
    }
}

@Suite struct TenderAPITests {
    let api = APITests()

    @Test func aCommissionerCancelsATenderWithAReasonOnThePageOrThroughTheAPI() async throws {
        try await withDemoApp { app in
            let open = try await TenderPageTests.tender(TenderPageTests.open, app)
            let path = "/tenders/\(open.id!)"
            let evan = try await TenderPageTests.signedIn(Demo.evaluator, app)
            _ = try await evan.get(path)
            #expect(try await evan.post("\(path)/cancel", ["reason": "Not mine to cancel"]).status == .forbidden)
            #expect(try await evan.get("\(path)/cancel").status == .forbidden)
            let priya = try await TenderPageTests.signedIn(Demo.commissioner, app)
            // The tender page links to the cancel page at its end; the form is on that page only.
            let tenderPage = try await priya.get(path).body.string
            #expect(tenderPage.contains("href=\"\(path)/cancel\">Cancel the tender"))
            #expect(!tenderPage.contains("action=\"\(path)/cancel\""))
            let cancelLink = try #require(tenderPage.range(of: "href=\"\(path)/cancel\""))
            let clarifications = try #require(tenderPage.range(of: "Clarification questions"))
            #expect(clarifications.lowerBound < cancelLink.lowerBound)
            // The procurement page links to it at the end of its tender section, with no form.
            let procurementPage = try await priya.get("/procurements/\(open.$procurement.id)").body.string
            #expect(procurementPage.contains("href=\"\(path)/cancel\">Cancel the tender"))
            #expect(!procurementPage.contains("action=\"\(path)/cancel\""))
            let ask = try await priya.get("\(path)/cancel")
            #expect(ask.status == .ok)
            #expect(ask.body.string.contains("It cannot be undone"))
            #expect(ask.body.string.contains("action=\"\(path)/cancel\""))
            #expect(ask.body.string.contains("href=\"\(path)\">No, go back to the tender</a>"))
            // A post without the confirmation shows the page, with the reason kept, and cancels nothing.
            let unconfirmed = try await priya.post("\(path)/cancel", ["reason": "Brought in-house"])
            #expect(unconfirmed.status == .ok)
            #expect(unconfirmed.body.string.contains(">Brought in-house</textarea>"))
            #expect(try await TenderModel.find(open.id, on: app.db)?.statusValue == .published)
            let refused = try await priya.post("\(path)/cancel", ["reason": "", "confirmed": "yes"])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("href=\"#reason\">Enter the reason for cancelling the tender</a>"))
            let done = try await priya.post(
                "\(path)/cancel", ["reason": "The service is being brought in-house.", "confirmed": "yes"])
            #expect(done.status == .seeOther)
            #expect(try await TenderModel.find(open.id, on: app.db)?.statusValue == .cancelled)
            let page = try await priya.get(path).body.string
            #expect(page.contains("Cancelled"))
            #expect(page.contains("The service is being brought in-house."))
            #expect(!page.contains("Cancel the tender</button>"))
            // Through the API, on the closed tender: a token of the owning body's commissioner.
            let closed = try await TenderPageTests.tender(TenderPageTests.closed, app)
            let b = Browser(app)
            let evanToken = try await api.token(for: Demo.evaluator, app)
            #expect(
                try await b.api(
                    .POST, "/api/v1/tenders/\(closed.id!)/cancel", token: evanToken, json: #"{"reason": "x"}"#
                ).status == .forbidden)
            let token = try await api.token(for: Demo.commissioner, app)
            #expect(
                try await b.api(.POST, "/api/v1/tenders/\(closed.id!)/cancel", token: token, json: #"{}"#).status
                    == .unprocessableEntity)
            let r = try await b.api(
                .POST, "/api/v1/tenders/\(closed.id!)/cancel", token: token,
                json: #"{"reason": "No bid is affordable."}"#)
            #expect(r.status == .ok)
            #expect(try api.json(r)["phase"] as? String == "cancelled")
            #expect(
                try await b.api(.GET, "/api/v1/tenders/\(closed.id!)/bids", token: token).body.string.contains(
                    "\"sealed\":true"))
        }
    }

    @Test func theBidsEndpointIsSealedForEveryRoleUntilOpenedAndBiddersUseTheirOwn() async throws {
        try await withDemoApp { app in
            let b = Browser(app)
            let closed = try await TenderPageTests.tender(TenderPageTests.closed, app)
            let open = try await TenderPageTests.tender(TenderPageTests.open, app)
            let config = try api.json(try await b.api(.GET, "/api/v1/tenders/\(open.id!)", token: nil))
            #expect(config["phase"] as? String == "open")
            #expect(((config["configuration"] as? [String: Any])?["priceMethod"]) as? String == "lowest-price-ratio")
            for email in [Demo.commissioner, Demo.evaluator, TenderPageTests.colin, Demo.admin] {
                let token = try await api.token(for: email, app)
                let r = try api.json(try await b.api(.GET, "/api/v1/tenders/\(closed.id!)/bids", token: token))
                #expect(r["count"] as? Int == 3, "\(email)")
                #expect(r["sealed"] as? Bool == true, "\(email)")
                #expect(r["bids"] == nil, "\(email)")
                #expect(
                    try await b.api(.GET, "/api/v1/tenders/\(closed.id!)/bid", token: token).status == .forbidden,
                    "\(email)")
            }
            for email in [TenderPageTests.idris, TenderPageTests.kim, Demo.supplier] {
                let token = try await api.token(for: email, app)
                #expect(
                    try await b.api(.GET, "/api/v1/tenders/\(closed.id!)/bids", token: token).status == .forbidden,
                    "\(email)")
            }
            #expect(try await b.api(.GET, "/api/v1/tenders/\(closed.id!)/bids", token: nil).status == .unauthorized)
            // The bidder's own bid through the API.
            let sam = try await api.token(for: Demo.supplier, app)
            let own = try api.json(try await b.api(.GET, "/api/v1/tenders/\(closed.id!)/bid", token: sam))
            #expect(own["organisation"] as? String == "Brackenford Foodbank")
            #expect((own["receipts"] as? [Any])?.count == 1)
            // An organisationId that is not a UUID is refused, not read as "the first organisation".
            for query in ["organisationId=", "organisationId=foodbank", "organisationId=\(UUID())&organisationId=x"] {
                let r = try await b.api(.GET, "/api/v1/tenders/\(closed.id!)/bid?\(query)", token: sam)
                #expect(r.status == .unprocessableEntity, "\(query)")
                #expect(r.body.string.contains(#""field":"organisationId""#), "\(query)")
            }
            #expect(
                try await b.api(.PUT, "/api/v1/tenders/\(closed.id!)/bid", token: sam, json: #"{"price": "1"}"#).status
                    == .conflict)
            #expect(try await b.api(.GET, "/api/v1/tenders/\(open.id!)/bid", token: sam).status == .notFound)
            var responses: [String] = []
            for q in open.configuration.criteria { responses.append("\"\(q.id)\": \"Answer\"") }
            var commitments: [String] = []
            for m in open.configuration.measures { commitments.append("\"\(m.code)\": \"5\"") }
            let body =
                #"{"price": "400000", "responses": {\#(responses.joined(separator: ","))}, "commitments": {\#(commitments.joined(separator: ","))}, "deliveryPlan": "Plan"}"#
            let saved = try await b.api(.PUT, "/api/v1/tenders/\(open.id!)/bid", token: sam, json: body)
            #expect(saved.status == .ok)
            #expect(try api.json(saved)["status"] as? String == "draft")
            // The bid read back is the bid sent: the same names and types, so it can be sent again.
            #expect(try api.json(saved)["price"] as? String == "400000.00")
            let again = try await b.api(.PUT, "/api/v1/tenders/\(open.id!)/bid", token: sam, json: saved.body.string)
            #expect(again.status == .ok)
            #expect(try api.json(again)["price"] as? String == "400000.00")
            #expect(
                try api.json(again)["commitments"] as? [String: String] == api.json(saved)["commitments"]
                    as? [String: String])
            #expect(
                try api.json(again)["responses"] as? [String: String] == api.json(saved)["responses"]
                    as? [String: String])
            let bad = try await b.api(.PUT, "/api/v1/tenders/\(open.id!)/bid", token: sam, json: #"{"price": "-1"}"#)
            #expect(bad.status == .unprocessableEntity)
            let receipt = try await b.api(.POST, "/api/v1/tenders/\(open.id!)/bid/submit", token: sam)
            #expect(receipt.status == .ok)
            #expect((try api.json(receipt)["sha256"] as? String)?.count == 64)
            let priya = try await api.token(for: Demo.commissioner, app)
            let count = try api.json(try await b.api(.GET, "/api/v1/tenders/\(open.id!)/bids", token: priya))
            #expect(count["count"] as? Int == 1 && count["sealed"] as? Bool == true)
            #expect((count["message"] as? String)?.hasPrefix("Bids are sealed until the deadline: ") == true)
            let withdrawn = try await b.api(.POST, "/api/v1/tenders/\(open.id!)/bid/withdraw", token: sam)
            #expect(try api.json(withdrawn)["status"] as? String == "withdrawn")
            #expect(
                try await b.api(.PUT, "/api/v1/tenders/\(open.id!)/bid", token: priya, json: body).status == .forbidden)
            // After the opening, the buyer side reads the bids through the API.
            _ = try await BidStore(app.db).openBids(
                tender: closed.id!,
                viewer: try await UserStore(app.db, passwords: testPasswords)
                    .viewer(for: try await UserModel.query(on: app.db).filter(\.$email == Demo.commissioner).first()!),
                by: .commandLine)
            for email in [Demo.commissioner, Demo.evaluator, Demo.admin] {
                let token = try await api.token(for: email, app)
                let r = try api.json(try await b.api(.GET, "/api/v1/tenders/\(closed.id!)/bids", token: token))
                #expect(r["sealed"] as? Bool == false, "\(email)")
                #expect((r["bids"] as? [Any])?.count == 3, "\(email)")
            }
            #expect(
                try await b.api(
                    .GET, "/api/v1/tenders/\(closed.id!)/bids",
                    token: try await api.token(for: TenderPageTests.kim, app)
                ).status == .forbidden)
        }
    }
}
