import Fluent
import Foundation
import SocialValue
import Storage
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// Issue 13 §1 on the pages and the API: the demo's food hub proposal has been shared with the
/// foodbank, so it is amended, not changed in place, and the case shows every version.
@Suite struct ProposalAmendmentPageTests {
    let api = APITests()

    /// The demo proposal's fields as the form sends them.
    static func fields(_ c: DecommissioningCaseModel) -> [String: String] {
        [
            "serviceName": c.serviceName, "serviceDescription": c.serviceDescription, "change": c.change,
            "currentFunding": "48,000", "proposedFunding": "30,000", "rationale": c.rationale,
            "onBeneficiaries": c.impactBeneficiaries ?? "", "onServiceUsers": c.impactServiceUsers ?? "",
            "onVolunteers": c.impactVolunteers ?? "", "widerImpact": c.widerImpact ?? "",
            "mitigation": c.mitigation ?? "",
        ]
    }

    @Test func theSharedProposalIsRefusedInPlaceAndAmendedOnThePageBesideVersionOne() async throws {
        try await withDemoApp { app in
            let c = try await DecommissioningPageTests.demoCase(app)
            let path = "/decommissioning/\(c.id!)"
            let b = try await DecommissioningPageTests.signedIn(Demo.commissioner, app)
            // The section forms lead to the amendment.
            let form = try await b.get("\(path)/proposal")
            #expect(form.status == .seeOther)
            #expect(form.headers.first(name: .location) == "\(path)/proposal/amend")
            #expect(try await b.get("\(path)/impact").headers.first(name: .location) == "\(path)/proposal/amend")
            // A form sent in place (from a page opened before sharing) is refused with the way to amend.
            var changed = Self.fields(c)
            changed["proposedFunding"] = "20,000"
            // (The form's CSRF token comes from a page with a form.)
            _ = try await b.get("\(path)/proposal/amend")
            let refused = try await b.post("\(path)/proposal", changed)
            #expect(refused.status == .conflict)
            #expect(refused.body.string.contains("it is not changed in place. Amend it with a reason"))
            #expect(refused.body.string.contains("/api/v1/decommissioning/\(c.id!)/proposal/amendments"))
            #expect(try await DecommissioningCaseModel.find(c.id, on: app.db)?.proposedFundingPence == 3_000_000)

            // The amendment form, filled from the version in force; a reason is required.
            let amend = try await b.get("\(path)/proposal/amend")
            #expect(amend.status == .ok)
            #expect(amend.body.string.contains("name=\"reason\""))
            #expect(amend.body.string.contains("value=\"30,000\""))
            let noReason = try await b.post("\(path)/proposal/amend", changed)
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.body.string.contains("href=\"#reason\""))
            var kinder = Self.fields(c)
            kinder["proposedFunding"] = "36,000"
            kinder["reason"] = "The district council will fund Friday opening"
            let saved = try await b.post("\(path)/proposal/amend", kinder)
            #expect(saved.status == .seeOther)
            #expect(saved.headers.first(name: .location) == path)

            // The case reads version 2, with version 1 beneath with its date and author.
            let page = try await b.get(path).body.string
            #expect(page.contains("Reduce funding from £48,000 to £36,000 a year"))
            #expect(page.contains("Versions of the proposal"))
            #expect(page.contains("Version 2 (the proposal above), amended on "))
            #expect(page.contains("Why it was amended: The district council will fund Friday opening"))
            #expect(page.contains("Version 1, shared on "))
            #expect(page.contains("Reduce funding from £48,000 to £30,000 a year"))
            #expect(page.contains("by \(Demo.commissioner)"))

            // The foodbank is told, sees both versions, and its response answers version 2.
            let sam = try await DecommissioningPageTests.signedIn(Demo.supplier, app)
            #expect(
                try await sam.get("/notifications").body.string.contains(
                    "Eastmoor County Council has amended the proposal about “\(DecommissioningPageTests.hub)” (version 2)."
                ))
            let seen = try await sam.get(path).body.string
            #expect(seen.contains("Version 1, shared on "))
            #expect(!seen.contains("Amend the proposal"))
            _ = try await sam.get("\(path)/response")
            #expect(
                try await sam.post("\(path)/response", ["responseText": "Thank you for Friday"]).status == .seeOther)
            #expect(try await b.get(path).body.string.contains("answers version 2 of the proposal"))
        }
    }

    @Test func theAPIAmendsTheSharedProposalAndRefusesOneNotSharedWith409() async throws {
        try await withDemoApp { app in
            let b = Browser(app)
            let c = try await DecommissioningPageTests.demoCase(app)
            let priya = try await api.token(for: Demo.commissioner, app)
            let amendments = "/api/v1/decommissioning/\(c.id!)/proposal/amendments"
            let body =
                #"{"serviceName": "Brackenford food and advice hub", "serviceDescription": "Food parcels and advice", "change": "reduce", "currentFunding": "48,000", "proposedFunding": "36,000", "rationale": "Budget", "reason": "Friday opening kept"}"#
            let created = try await b.api(.POST, amendments, token: priya, json: body)
            #expect(created.status == .created)
            let v2 = try api.json(created)
            #expect(v2["version"] as? Int == 2)
            #expect(v2["reason"] as? String == "Friday opening kept")
            #expect((v2["proposal"] as? [String: Any])?["proposedFundingPence"] as? Int == 3_600_000)
            // The impact assessment was not sent: it stays as shared.
            #expect(
                ((v2["proposal"] as? [String: Any])?["onVolunteers"] as? String)?.hasPrefix("Around 25 volunteers")
                    == true)
            let again = try await b.api(.POST, amendments, token: priya, json: body)
            #expect(again.status == .unprocessableEntity)
            let versions = try await b.api(
                .GET, "/api/v1/decommissioning/\(c.id!)/proposal/versions", token: priya)
            let list = try #require(
                try JSONSerialization.jsonObject(with: Data(versions.body.string.utf8)) as? [[String: Any]])
            #expect(list.map { $0["version"] as? Int } == [1, 2])
            #expect((list[0]["proposal"] as? [String: Any])?["proposedFundingPence"] as? Int == 3_000_000)
            // The foodbank reads the versions but does not amend.
            let sam = try await api.token(for: Demo.supplier, app)
            #expect(try await b.api(.POST, amendments, token: sam, json: body).status == .forbidden)

            // A case not shared yet is changed in place: amending it is a 409.
            let web = try await DecommissioningPageTests.signedIn(Demo.commissioner, app)
            let transport = try #require(
                try await OrganisationModel.query(on: app.db).filter(\.$name == "Saltmarsh Community Transport CIC")
                    .first())
            _ = try await web.get("/decommissioning/new")
            let started = try await web.post(
                "/decommissioning/new",
                [
                    "providerId": transport.id!.uuidString, "serviceName": "Dial-a-ride",
                    "serviceDescription": "Door-to-door transport", "change": "end",
                    "rationale": "The service moves to the NHS",
                ])
            let path = try #require(started.headers.first(name: .location))
            let early = try await b.api(
                .POST,
                "/api\(path.replacingOccurrences(of: "/decommissioning", with: "/v1/decommissioning"))/proposal/amendments",
                token: priya, json: body)
            #expect(early.status == .conflict)
            #expect(
                early.body.string.contains(
                    "The proposal has not been shared with Saltmarsh Community Transport CIC yet: change it in place"))
        }
    }
}
