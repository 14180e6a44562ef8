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

/// Issue 13 §1: the demo's published "you said, we did" (Community transport) is amended, not
/// rewritten: the page shows the amendment in force with the published version below it, and the
/// API's PUT is refused with 409 naming the amendments endpoint.
@Suite struct OutcomeAmendmentWebTests {
    let api = APITests()
    static let publishedWeDid = "The new contract keeps the Saturday service and adds phone booking."
    static let amendedWeDid = "The new contract keeps the Saturday service, adds phone booking and a Sunday run."

    @Test func thePageShowsTheAmendmentWithThePublishedVersionBelowIt() async throws {
        try await withDemoApp { app in
            let transport = try await consultation(DemoConsultation.transport, app)
            let id = transport.id!
            let priya = Browser(app)
            try await priya.signIn(Demo.commissioner)
            #expect(try await priya.get("/consultations/\(id)").body.string.contains("Amend “you said, we did”"))
            let form = try await priya.get("/consultations/\(id)/outcome").body.string
            #expect(form.contains("Why is the summary amended?"))
            #expect(form.contains("Publish the amendment"))
            #expect(!form.contains("Save without publishing"))
            let fields: [String: String] = [
                "youSaid":
                    "You told us the Saturday service matters most, especially for getting to markets and for volunteers collecting donations. You asked to book by phone as well as online, and for drivers who know the villages.",
                "weDid": Self.amendedWeDid,
                "links[0][label]": "Consultations under the Eastmoor Compact",
                "links[0][url]": "/consultations?compact=\(transport.$compact.id.uuidString)",
            ]
            // Without a reason: the error summary, and nothing changes.
            let bad = try await priya.post("/consultations/\(id)/outcome", fields)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("<a href=\"#reason\">Enter why the summary is amended</a>"))
            var withReason = fields
            withReason["reason"] = "The Sunday run was added after the budget in June."
            let ok = try await priya.post("/consultations/\(id)/outcome", withReason)
            #expect(ok.status == .seeOther)
            let today = UKTime.date(at: Date()).longForm
            let visitor = try await Browser(app).get("/consultations/\(id)").body.string
            #expect(visitor.contains(Self.amendedWeDid))
            #expect(
                visitor.contains(
                    "Version 2, amended on \(today) by Eastmoor County Council. Reason: The Sunday run was added after the budget in June."
                ))
            // The published version stays beside it, with its date.
            #expect(visitor.contains("Earlier versions"))
            #expect(visitor.contains("Version 1, published on "))
            #expect(visitor.contains(Self.publishedWeDid))
            let amendedAt = try #require(visitor.range(of: Self.amendedWeDid)).lowerBound
            let originalAt = try #require(visitor.range(of: Self.publishedWeDid)).lowerBound
            #expect(amendedAt < originalAt)
            // Those who manage it see who made each version.
            let managed = try await priya.get("/consultations/\(id)").body.string
            #expect(managed.contains("Version 2, amended on \(today) by \(Demo.commissioner)."))
            #expect(managed.contains("by demo loader."))
        }
    }

    @Test func theAPIAmendsThroughItsEndpointAndRefusesThePut() async throws {
        try await withDemoApp { app in
            let b = Browser(app)
            let transport = try await consultation(DemoConsultation.transport, app)
            let id = transport.id!
            let priya = try await api.token(for: Demo.commissioner, app)
            let rewrite = #"{"youSaid": "Rewritten.", "weDid": "Rewritten.", "published": true}"#
            let put = try await b.api(.PUT, "/api/v1/consultations/\(id)/outcome", token: priya, json: rewrite)
            #expect(put.status == .conflict)
            #expect(
                (try api.json(put)["message"] as? String)?.contains(
                    "POST /api/v1/consultations/\(id)/outcome/amendments") == true)
            let before = try api.json(try await b.api(.GET, "/api/v1/consultations/\(id)/outcome", token: nil))
            #expect(before["version"] as? Int == 1)
            #expect((before["weDid"] as? String)?.hasPrefix(Self.publishedWeDid) == true)

            let amendments = "/api/v1/consultations/\(id)/outcome/amendments"
            let noReason = try await b.api(.POST, amendments, token: priya, json: rewrite)
            #expect(noReason.status == .unprocessableEntity)
            let supplier = try await api.token(for: Demo.supplier, app)
            let amend = #"{"youSaid": "Keep Saturdays.", "weDid": "We kept them.", "reason": "Shorter summary"}"#
            #expect(try await b.api(.POST, amendments, token: supplier, json: amend).status == .forbidden)
            let created = try await b.api(.POST, amendments, token: priya, json: amend)
            #expect(created.status == .created)
            let body = try api.json(created)
            #expect(body["version"] as? Int == 2)
            #expect(body["weDid"] as? String == "We kept them.")
            let versions = try #require(body["versions"] as? [[String: Any]])
            #expect(versions.map { $0["version"] as? Int } == [1, 2])
            #expect((versions[0]["weDid"] as? String)?.hasPrefix(Self.publishedWeDid) == true)
            #expect(versions[0]["reason"] == nil || versions[0]["reason"] is NSNull)
            #expect(versions[1]["reason"] as? String == "Shorter summary")
            #expect(versions[1]["author"] as? String == Demo.commissioner)
            #expect(versions[1]["links"] as? [Any] != nil)
        }
    }
}
