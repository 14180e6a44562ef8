import Demo
import Fluent
import Foundation
import SocialValue
import Storage
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// Issue 13 §1: the demo's joint strategy, signed up to by four public bodies, is amended, not
/// rewritten: the page refuses a change in place with a link to "Amend the strategy", shows the
/// version in force first and the one signed up to below it, and each sign-up with its version;
/// the API refuses with 409 naming the amendments endpoint and amends through it.
@Suite struct StrategyAmendmentWebTests {
    let api = APITests()
    static let title = "Eastmoor Joint Social Value Strategy 2025 to 2029"
    static let original = "Eastmoor Joint Social Value Strategy 2025 to 2028"

    @Test func thePageRefusesAChangeInPlaceAndShowsTheAmendmentAboveTheVersionSignedUpTo() async throws {
        try await withDemoApp { app in
            let id = try await compactID(app)
            let member = Browser(app)
            try await member.signIn(Demo.groupMember)
            let before = try await member.get("/compacts/\(id)/strategy").body.string
            #expect(before.contains("Version 1: the strategy as signed up to"))
            #expect(before.contains("Eastmoor County Council (1 April 2025, version 1)"))
            #expect(before.contains("href=\"/compacts/\(id)/strategy/amend\">Amend the strategy</a>"))
            #expect(!before.contains("Add a priority"))
            #expect(!before.contains("Save strategy"))
            #expect(!before.contains("/strategy/priorities/"))  // no Up, Down or Remove
            // A stale form posted anyway is refused, and the page says how to amend instead.
            let s = try #require(try await StrategyModel.query(on: app.db).filter(\.$compact.$id == id).first())
            let inPlace = try await member.post(
                "/compacts/\(id)/strategy",
                [
                    "title": Self.title, "summary": s.summary, "frameworkVersionId": s.$version.id.uuidString,
                    "startsOn": s.startsOn, "endsOn": "2029-03-31",
                ])
            #expect(inPlace.status == .conflict)
            #expect(inPlace.body.string.contains("its fields and priorities are not changed in place"))
            #expect(inPlace.body.string.contains("href=\"/compacts/\(id)/strategy/amend\">Amend the strategy</a>"))
            // The error summary leads to the notice on the page, not to the form that is gone.
            #expect(inPlace.body.string.contains("<a href=\"#strategy-signed\">"))
            #expect(!inPlace.body.string.contains("<a href=\"#title\">"))
            #expect(try await StrategyModel.find(s.id, on: app.db)?.title == Self.original)

            let form = try await member.get("/compacts/\(id)/strategy/amend").body.string
            #expect(form.contains("Why is the strategy amended?"))
            #expect(form.contains("name=\"priorities[0][target]\""))
            #expect(form.contains("value=\"£2m spend with local VCSE organisations\""))
            #expect(form.contains("value=\"\(Self.original)\""))
            let fields = [
                "title": Self.title, "summary": s.summary, "frameworkVersionId": s.$version.id.uuidString,
                "startsOn": s.startsOn, "endsOn": "2029-03-31",
            ]
            let noReason = try await member.post("/compacts/\(id)/strategy/amend", fields)
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.body.string.contains("<a href=\"#reason\">Enter why the strategy is amended</a>"))
            var amended = fields
            amended["reason"] = "Extended by a year at the annual meeting"
            let ok = try await member.post("/compacts/\(id)/strategy/amend", amended)
            #expect(ok.status == .seeOther)

            let today = UKTime.date(at: Date()).longForm
            let page = try await Browser(app).get("/compacts/\(id)/strategy").body.string
            #expect(page.contains("<h1 class=\"govuk-heading-l\">\(Self.title)</h1>"))
            #expect(
                page.contains("Version 2, amended on \(today). Reason: Extended by a year at the annual meeting."))
            #expect(page.contains("1 April 2025 to 31 March 2029"))
            #expect(page.contains("Earlier versions of the strategy"))
            #expect(page.contains("Version 1, as first signed up to"))
            #expect(page.contains("<h3 class=\"govuk-heading-s\">\(Self.original)</h3>"))
            #expect(page.contains("Runs 1 April 2025 to 31 March 2028"))
            #expect(
                page.range(of: "<h1 class=\"govuk-heading-l\">\(Self.title)")!.lowerBound
                    < page.range(of: "Earlier versions of the strategy")!.lowerBound)
            // Every demo sign-up was for version 1, and says so; the public does not see the author.
            #expect(page.contains("NHS Eastmoor Integrated Care Board (30 June 2025, version 1)"))
            #expect(!page.contains("version 2)"))
            #expect(!page.contains("Amend the strategy"))
        }
    }

    @Test func theAPIRefusesAChangeInPlaceWith409AndAmendsThroughItsEndpoint() async throws {
        try await withDemoApp { app in
            let b = Browser(app)
            let id = try await compactID(app)
            let member = try await api.token(for: Demo.groupMember, app)
            var read = try api.json(try await b.api(.GET, "/api/v1/compacts/\(id)/strategy", token: nil))
            #expect(read["contentVersion"] as? Int == 1)
            let signedUp = try #require(read["signedUp"] as? [[String: Any]])
            #expect(signedUp.count == 4)
            #expect(signedUp.allSatisfy { $0["signedVersion"] as? Int == 1 })
            let priorities = try #require(read["priorities"] as? [[String: Any]])
            let json = { (o: [String: Any]) in
                String(decoding: try JSONSerialization.data(withJSONObject: o), as: UTF8.self)
            }
            var body: [String: Any] = [
                "title": Self.title, "summary": read["summary"]!, "frameworkVersionId": read["frameworkVersionId"]!,
                "startsOn": read["startsOn"]!, "endsOn": "2029-03-31",
            ]
            let put = try await b.api(.PUT, "/api/v1/compacts/\(id)/strategy", token: member, json: try json(body))
            #expect(put.status == .conflict)
            #expect(
                (try api.json(put)["message"] as? String)?.contains(
                    "POST /api/v1/compacts/\(id)/strategy/amendments") == true)
            let priority = try await b.api(
                .POST, "/api/v1/compacts/\(id)/strategy/priorities", token: member,
                json: try json(["outcomeId": priorities[0]["outcomeId"]!, "target": "More", "period": "a year"]))
            #expect(priority.status == .conflict)

            let amendments = "/api/v1/compacts/\(id)/strategy/amendments"
            body["priorities"] = [
                [
                    "outcomeId": priorities[0]["outcomeId"]!, "target": "£3m spend with local VCSE organisations",
                    "period": "a year",
                ]
            ]
            let noReason = try json(body)
            body["reason"] = "Raised at the annual meeting"
            let amend = try json(body)
            #expect(try await b.api(.POST, amendments, token: nil, json: amend).status == .unauthorized)
            let supplier = try await api.token(for: Demo.supplier, app)
            #expect(try await b.api(.POST, amendments, token: supplier, json: amend).status == .forbidden)
            #expect(try await b.api(.POST, amendments, token: member, json: noReason).status == .unprocessableEntity)
            let created = try await b.api(.POST, amendments, token: member, json: amend)
            #expect(created.status == .created)
            read = try api.json(created)
            #expect(read["contentVersion"] as? Int == 2)
            #expect(read["title"] as? String == Self.title)
            #expect(
                (read["priorities"] as? [[String: Any]])?.map { $0["target"] as? String } == [
                    "£3m spend with local VCSE organisations"
                ])
            let versions = try #require(read["versions"] as? [[String: Any]])
            #expect(versions.map { $0["title"] as? String } == [Self.original, Self.title])
            #expect(versions[0]["reason"] == nil || versions[0]["reason"] is NSNull)
            #expect(versions[1]["reason"] as? String == "Raised at the annual meeting")
            #expect((versions[0]["priorities"] as? [[String: Any]])?.count == 3)
            #expect(
                (try #require(read["signedUp"] as? [[String: Any]])).allSatisfy { $0["signedVersion"] as? Int == 1 })
        }
    }
}
