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

/// Issue 13 §1: the demo's signed Compact is amended, not rewritten: its page shows the text in
/// force with the version each organisation signed and the signed text below it; the API refuses
/// an in-place change with 409 naming the amendments endpoint.
@Suite struct CompactAmendmentWebTests {
    let api = APITests()
    static let amended =
        "The councils, the NHS and the voluntary sector of Eastmoor agree to work together, in the open."

    @Test func thePageShowsTheAmendmentWithTheSignedVersionBelowIt() async throws {
        try await withDemoApp { app in
            let id = try await compactID(app)
            let original = try #require(try await CompactModel.find(id, on: app.db)).text
            let member = Browser(app)
            try await member.signIn(Demo.groupMember)
            let before = try await member.get("/compacts/\(id)").body.string
            #expect(before.contains("Amend the Compact"))
            #expect(before.contains("Version 1: the text and principles as signed"))
            #expect(!before.contains("Change the principles"))
            let form = try await member.get("/compacts/\(id)/amend").body.string
            #expect(form.contains("Why is the Compact amended?"))
            #expect(form.contains("name=\"principles[0][code]\""))
            let noReason = try await member.post("/compacts/\(id)/amend", ["text": Self.amended])
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.body.string.contains("<a href=\"#reason\">Enter why the Compact is amended</a>"))
            let ok = try await member.post(
                "/compacts/\(id)/amend", ["text": Self.amended, "reason": "Agreed at the annual meeting"])
            #expect(ok.status == .seeOther)
            let today = UKTime.date(at: Date()).longForm
            let page = try await Browser(app).get("/compacts/\(id)").body.string
            #expect(page.contains(Self.amended))
            #expect(page.contains("Version 2, amended on \(today). Reason: Agreed at the annual meeting."))
            #expect(page.contains("Earlier versions of the Compact"))
            #expect(page.contains(HTML.paragraphs(original).description))
            #expect(
                page.range(of: Self.amended)!.lowerBound < page.range(of: "Earlier versions of the Compact")!.lowerBound
            )
            // Every demo signature was for version 1, and says so.
            #expect(page.contains("<td class=\"govuk-table__cell\">Version 1</td>"))
            #expect(!page.contains("<td class=\"govuk-table__cell\">Version 2</td>"))
            // The principles (unchanged: none were sent) stay those signed.
            let principles = try await CompactStore(app.db).principles(of: id)
            let versions = try await CompactStore(app.db).versions(of: id)
            #expect(versions.map(\.principles) == [principles.map(\.principle), principles.map(\.principle)])
        }
    }

    @Test func theAPIAmendsThroughItsEndpointAndRefusesAnInPlaceChange() async throws {
        try await withDemoApp { app in
            let b = Browser(app)
            let id = try await compactID(app)
            let member = try await api.token(for: Demo.groupMember, app)
            var read = try api.json(try await b.api(.GET, "/api/v1/compacts/\(id)", token: nil))
            #expect(read["contentVersion"] as? Int == 1)
            let original = try #require(read["text"] as? String)
            var body: [String: Any] = [
                "name": read["name"]!, "area": read["area"]!, "version": read["version"]!,
                "adoptedOn": read["adoptedOn"]!, "nextReviewOn": read["nextReviewOn"]!, "text": Self.amended,
            ]
            let json = { (o: [String: Any]) in
                String(decoding: try JSONSerialization.data(withJSONObject: o), as: UTF8.self)
            }
            let put = try await b.api(.PUT, "/api/v1/compacts/\(id)", token: member, json: try json(body))
            #expect(put.status == .conflict)
            #expect(
                (try api.json(put)["message"] as? String)?.contains("POST /api/v1/compacts/\(id)/amendments") == true)
            let principle = try await b.api(
                .POST, "/api/v1/compacts/\(id)/principles", token: member,
                json: #"{"code": "9.1", "title": "New", "text": "New"}"#)
            #expect(principle.status == .conflict)
            body["text"] = original  // the register details alone still change in place
            #expect(try await b.api(.PUT, "/api/v1/compacts/\(id)", token: member, json: try json(body)).status == .ok)

            let amendments = "/api/v1/compacts/\(id)/amendments"
            let amend = try json(["text": Self.amended, "reason": "Agreed at the annual meeting"])
            #expect(try await b.api(.POST, amendments, token: nil, json: amend).status == .unauthorized)
            let supplier = try await api.token(for: Demo.supplier, app)
            #expect(try await b.api(.POST, amendments, token: supplier, json: amend).status == .forbidden)
            #expect(
                try await b.api(.POST, amendments, token: member, json: try json(["text": Self.amended])).status
                    == .unprocessableEntity)
            let created = try await b.api(.POST, amendments, token: member, json: amend)
            #expect(created.status == .created)
            read = try api.json(created)
            #expect(read["contentVersion"] as? Int == 2)
            #expect(read["text"] as? String == Self.amended)
            let versions = try #require(read["versions"] as? [[String: Any]])
            #expect(versions.map { $0["text"] as? String } == [original, Self.amended])
            #expect(versions[1]["reason"] as? String == "Agreed at the annual meeting")
            let signatories = try #require(read["signatories"] as? [[String: Any]])
            #expect(!signatories.isEmpty)
            #expect(signatories.allSatisfy { $0["signedVersion"] as? Int == 1 })
        }
    }
}
