import Fluent
import Foundation
import SocialValue
import Storage
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

@Suite struct ProcurementPageTests {
    func procurement(_ title: String, _ app: Application) async throws -> ProcurementModel {
        try await ProcurementModel.query(on: app.db).filter(\.$title == title).with(\.$owner).first()!
    }

    static let transport = "Community transport 2026 to 2029"
    static let callOff = "Office furniture call-off"

    @Test func anonymousSeesOnlyThePublishedPipeline() async throws {
        try await withDemoApp { app in
            let b = Browser(app)
            let page = try await b.get("/pipeline")
            #expect(page.status == .ok)
            #expect(page.body.string.contains(Self.transport))
            #expect(
                page.body.string.contains("Carers’ breaks service")
                    || page.body.string.contains("Carers&#39; breaks service")
                    || page.body.string.contains("Carers’ breaks"))
            #expect(!page.body.string.contains(Self.callOff))
            #expect(page.body.string.contains("Showing 1 to 2 of 2"))
            let beyond = try await b.get("/pipeline?page=9")  // clamped to the last page
            #expect(beyond.status == .ok && beyond.body.string.contains(Self.transport))
            let hidden = try await procurement(Self.callOff, app)
            #expect(try await b.get("/procurements/\(hidden.id!)").status == .notFound)
            let shown = try await procurement(Self.transport, app)
            let view = try await b.get("/procurements/\(shown.id!)")
            #expect(view.status == .ok)
            #expect(view.body.string.contains("The Social Value Act applies"))
            #expect(view.body.string.contains("value 480000.00 is at or above the threshold 207720.00 (VAT included)"))
            #expect(!view.body.string.contains("£480,000"))  // the exact value is the owner's; the public sees a band
            #expect(try await b.get("/procurements").status != .ok)
            let filtered = try await b.get("/pipeline?kind=goods")
            #expect(!filtered.body.string.contains(Self.transport))
            let bad = try await b.get("/pipeline?from=tomorrow")
            #expect(bad.status == .unprocessableEntity)
        }
    }

    @Test func csvAndAtomFeed() async throws {
        try await withDemoApp { app in
            let b = Browser(app)
            let csv = try await b.get("/pipeline.csv")
            #expect(csv.status == .ok)
            #expect(csv.headers.contentType?.subType == "csv")
            let lines = csv.body.string.split(separator: "\r\n").map(String.init)
            #expect(
                lines.first
                    == "\u{FEFF}id,title,public_body,compact,kind,value_band,expected_tender_date,pipeline_published_on,status,themes,outcomes_sought,url"
            )
            #expect(lines.count == 3)
            #expect(lines.contains { $0.contains(Self.transport) && $0.contains("£100,000 to £1 million") })
            let atom = try await b.get("/pipeline.atom")
            #expect(atom.headers.contentType?.subType == "atom+xml")
            #expect(atom.body.string.hasPrefix("<?xml"))
            #expect(atom.body.string.components(separatedBy: "<entry>").count == 3)
            let onlyServices = try await b.get("/pipeline.atom?q=transport")
            #expect(onlyServices.body.string.components(separatedBy: "<entry>").count == 2)
        }
    }

    @Test func onlyTheOwningBodyEditsAndTheScreeningRunsOnSave() async throws {
        try await withDemoApp { app in
            let p = try await procurement("Carers’ breaks service", app)
            let icb = Browser(app)
            try await icb.signIn("commissioner@eastmoor-icb.example")
            #expect(try await icb.get("/procurements/\(p.id!)/edit").status == .forbidden)
            let priya = Browser(app)
            try await priya.signIn(Demo.commissioner)
            let edit = try await priya.get("/procurements/\(p.id!)/edit")
            #expect(edit.status == .ok)
            // The edit form's fields are ProcurementInput's, as the API's are.
            let d = p.details
            #expect(edit.body.string.contains("name=\"valueIncludesVAT\" type=\"radio\" value=\"yes\" checked"))
            var form = [
                "title": d.title, "description": d.description, "kind": d.kind.rawValue, "value": "700000",
                "valueIncludesVAT": d.valueIncludesVAT ? "yes" : "no", "lots": d.lots.joined(separator: "\n"),
            ]
            if d.lightTouch { form["lightTouch"] = "yes" }
            for field in ProcurementDates.fields { form[field.key] = d.dates[keyPath: field.path]?.iso }
            let saved = try await priya.post("/procurements/\(p.id!)", form)
            #expect(saved.status == .seeOther)
            let page = try await priya.get("/procurements/\(p.id!)")
            #expect(page.body.string.contains("light-touch services"))
            // £700,000 ≥ £663,540 light-touch threshold
            #expect(page.body.string.contains("The Social Value Act applies"))
            #expect(page.body.string.contains("suggests a social value weighting of <strong>10% to 20%</strong>"))
            // The tender cannot open before the consideration is signed off.
            let refused = try await priya.post("/procurements/\(p.id!)/status", ["status": "tender-open"])
            #expect(refused.status == .unprocessableEntity)
            #expect(
                refused.body.string.contains(
                    "Record and sign off the social value consideration before the tender opens"))
            // The consideration is a summary card on the page, its form a page of its own.
            #expect(!page.body.string.contains("action=\"/procurements/\(p.id!)/consideration\""))
            #expect(
                page.body.string.contains(
                    "href=\"/procurements/\(p.id!)/consideration\">Record the consideration<span class=\"govuk-visually-hidden\"> of Carers’ breaks service"
                ))
            #expect(page.body.string.contains("id=\"part-consideration-status\">Not recorded yet</div>"))
            let formPage = try await priya.get("/procurements/\(p.id!)/consideration")
            #expect(formPage.status == .ok)
            #expect(formPage.body.string.contains("<h1 class=\"govuk-heading-l\">Record the consideration</h1>"))
            #expect(formPage.body.string.contains("action=\"/procurements/\(p.id!)/consideration\""))
            let others = try await icb.get("/procurements/\(p.id!)/consideration")  // in the pipeline: public
            #expect(others.status == .ok && others.body.string.contains("Not recorded yet"))
            #expect(!others.body.string.contains("action=\"/procurements/\(p.id!)/consideration\""))
            let consider = try await priya.post(
                "/procurements/\(p.id!)/consideration",
                [
                    "wellbeing": "Carers rest", "securing": "Lots by district", "weightingPercent": "25",
                    "consult": "no",
                    "consultReason": "Consulted in 2025", "monitoring": "quarterly",
                    "monitoringPlan": "Quarterly returns",
                ])
            #expect(consider.status == .unprocessableEntity)
            #expect(consider.body.string.contains("Give a reason for a weighting outside the suggested 10% to 20%"))
            #expect(consider.body.string.contains("<a href=\"#weightingReason\">"))
            #expect(consider.body.string.contains("value=\"25\""))  // the form is shown again as sent
            #expect(consider.body.string.contains("name=\"consult\" type=\"radio\" value=\"no\" checked"))
            let unknown = try await priya.post(
                "/procurements/\(p.id!)/consideration", ["outcomeIDs[]": UUID().uuidString, "weightingPercent": "lots"])
            #expect(unknown.status == .unprocessableEntity)
            #expect(
                unknown.body.string.contains(
                    "<a href=\"#outcomeIDs\">Choose outcomes from the adopted framework</a>"))
            #expect(unknown.body.string.contains("id=\"outcomeIDs\" name=\"outcomeIDs[]\""))
            #expect(
                unknown.body.string.contains(
                    "<a href=\"#weightingPercent\">Enter the social value weighting as a whole percentage from 0 to 100</a>"
                ))
            let ok = try await priya.post(
                "/procurements/\(p.id!)/consideration",
                [
                    "wellbeing": "Carers rest", "securing": "Lots by district", "weightingPercent": "15",
                    "consult": "no",
                    "consultReason": "Consulted in 2025", "monitoring": "quarterly",
                    "monitoringPlan": "Quarterly returns",
                ])
            #expect(ok.status == .seeOther)
            #expect(ok.headers.first(name: .location) == "/procurements/\(p.id!)/consideration")
            let record = try await priya.get("/procurements/\(p.id!)/consideration").body.string
            #expect(record.contains("<dd class=\"govuk-summary-list__value\">Carers rest</dd>"))
            #expect(!record.contains("action=\"/procurements/\(p.id!)/consideration\""))
            let card = try await priya.get("/procurements/\(p.id!)").body.string
            #expect(card.contains("<dd class=\"govuk-summary-list__value\">15%</dd>"))
            #expect(card.contains("<dd class=\"govuk-summary-list__value\">None</dd>"))  // no amendments
            #expect(card.contains("href=\"/procurements/\(p.id!)/consideration/amend\">Amend the consideration"))
            #expect(card.contains("id=\"part-consideration-status\">Signed off</div>"))
            #expect(
                try await priya.post("/procurements/\(p.id!)/status", ["status": "tender-open"]).status == .seeOther)
            #expect(try await procurement("Carers’ breaks service", app).statusValue == .tenderOpen)
        }
    }

    @Test func suppliersRegisterForEventsAndOthersCannot() async throws {
        try await withDemoApp { app in
            let p = try await procurement(Self.transport, app)
            let event = try await EngagementEventModel.query(on: app.db).filter(\.$procurement.$id == p.id!).first()!
            let kim = Browser(app)
            try await kim.signIn("bids@kestrel-facilities.example")
            // The procurement page is a summary linking to its market engagement and comments pages.
            let summary = try await kim.get("/procurements/\(p.id!)").body.string
            #expect(summary.contains("href=\"/procurements/\(p.id!)/engagement\""))
            #expect(summary.contains("href=\"/procurements/\(p.id!)/comments\""))
            #expect(!summary.contains("/register\""))
            #expect(!summary.contains("action=\"/procurements/\(p.id!)/comments\""))
            let page = try await kim.get("/procurements/\(p.id!)/engagement")
            #expect(
                page.body.string.contains(
                    "Register<span class=\"govuk-visually-hidden\"> for Community transport: meet the buyer"))
            #expect(try await kim.post("/events/\(event.id!)/register", [:]).status == .seeOther)
            #expect(try await EventRegistrationModel.query(on: app.db).filter(\.$event.$id == event.id!).count() == 2)
            let consultation = try await ConsultationModel.query(on: app.db).filter(\.$isPublished == true).all().first
            { $0.title.hasPrefix("Community transport") }!
            let commented = try await kim.post(
                "/procurements/\(p.id!)/comments",
                [
                    "comment": "Two lots would let community transport charities bid.", "eventId": event.id!.uuidString,
                    "consultationId": consultation.id!.uuidString,
                ])
            #expect(commented.status == .seeOther)
            #expect(commented.headers.first(name: .location) == "/procurements/\(p.id!)/comments")
            let after = try await kim.get("/procurements/\(p.id!)/comments")
            #expect(
                after.body.string.contains(
                    "Two lots would let community transport charities bid. (at Community transport: meet the buyer) (in the consultation"
                ))
            #expect(
                try await kim.post("/procurements/\(p.id!)/comments", ["comment": " "]).status == .unprocessableEntity)
            let evan = Browser(app)
            try await evan.signIn(Demo.evaluator)
            _ = try await evan.get("/procurements/\(p.id!)")
            #expect(try await evan.post("/events/\(event.id!)/register", [:]).status == .forbidden)
        }
    }

    @Test func screeningAPIReturnsTheSpecDocumentAndProblemsByPath() async throws {
        try await withDemoApp { app in
            let b = Browser(app)
            let good = try await b.api(
                .POST, "/api/v1/screenings", token: nil,
                json: """
                    {"authorityType": "central-government", "procurementStart": "2026-03-01",
                     "contract": {"kind": "services", "lightTouch": false, "value": "112515.00", "valueIncludesVAT": false,
                                  "components": null, "frameworkCallOff": false, "establishesFramework": false}}
                    """)
            #expect(good.status == .ok)
            let json = try #require(JSONSerialization.jsonObject(with: Data(good.body.string.utf8)) as? [String: Any])
            // 112,515 × 1.2 = 135,018.00, the central government threshold
            #expect(json["actApplies"] as? Bool == true)
            #expect(json["comparedValue"] as? String == "135018.00")
            let bad = try await b.api(
                .POST, "/api/v1/screenings", token: nil,
                json: #"{"authorityType": "sub-central", "procurementStart": "2012-12-31", "contract": null}"#)
            #expect(bad.status == .unprocessableEntity)
            let problems = try #require(
                (try JSONSerialization.jsonObject(with: Data(bad.body.string.utf8)) as? [String: Any])?["problems"]
                    as? [[String: String]])
            #expect(problems.map { $0["field"] ?? "" } == ["$.procurementStart", "$.contract"])
            let list = try await b.api(.GET, "/api/v1/procurements", token: nil)
            #expect(list.status == .ok)
            #expect(list.body.string.contains(Self.transport))
            #expect(!list.body.string.contains(Self.callOff))
        }
    }

    @Test func theMarketStatementListsForthcomingOpportunities() async throws {
        try await withDemoApp { app in
            let page = try await Browser(app).get("/compacts/\(try await compactID(app))/market-statement")
            #expect(page.body.string.contains(Self.transport))
        }
    }
}
