import Fluent
import Foundation
import SocialValue
import Storage
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// The demo's "Meals at home": its consideration signed off at 15% the day its tender was
/// published at 15% (issue 13 §1). Recording it again is refused; it is amended instead, and the
/// page and the API show the original beside the amendment.
@Suite struct ConsiderationAmendmentWebTests {
    static let meals = "Meals at home 2027 to 2030"
    let api = APITests()

    func meals(_ app: Application) async throws -> ProcurementModel {
        try await ProcurementModel.query(on: app.db).filter(\.$title == Self.meals).with(\.$owner).first()!
    }

    /// The form's fields for the demo's consideration, as signed off.
    static let signedForm: [String: String] = [
        "wellbeing": "Residents stay independent at home; local VCSE organisations and workers share in the contract.",
        "securing": "Social value weighted at 15%, scored from commitments to the Compact’s measures.",
        "weightingPercent": "15", "consult": "no",
        "consultReason": "The service was consulted on last year and nothing material has changed.",
        "monitoring": "quarterly", "monitoringPlan": "Quarterly returns against each social value commitment.",
    ]

    @Test func theSignedOffConsiderationIsAmendedBesideTheOriginal() async throws {
        try await withDemoApp { app in
            let p = try await meals(app)
            let id = p.id!
            let signedOn = try #require(p.signedOn).longForm
            let priya = Browser(app)
            try await priya.signIn(Demo.commissioner)
            let page = try await priya.get("/procurements/\(id)")
            #expect(page.status == .ok)
            #expect(!page.body.string.contains("Record it again"))
            #expect(!page.body.string.contains("action=\"/procurements/\(id)/consideration\""))
            #expect(page.body.string.contains("href=\"/procurements/\(id)/consideration/amend\""))
            #expect(page.body.string.contains("Recorded on time, before the procurement started on \(signedOn)"))

            // The old form's address refuses a second recording.
            var again = Self.signedForm
            again["weightingPercent"] = "12"
            let refused = try await priya.post("/procurements/\(id)/consideration", again)
            #expect(refused.status == .conflict)
            #expect(
                refused.body.string.contains(
                    "The consideration was signed off on \(signedOn) and is not recorded again: amend it, giving the reason"
                ))

            // The amendment form starts from the version in force and warns about the tender.
            let form = try await priya.get("/procurements/\(id)/consideration/amend")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("name=\"weightingPercent\" type=\"text\" value=\"15\""))
            #expect(
                form.body.string.contains(
                    "The tender was published with a social value weighting of 15%. Amending the weighting here does not change the tender: bids are evaluated at 15%."
                ))
            let noReason = try await priya.post("/procurements/\(id)/consideration/amend", again)
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.body.string.contains("<a href=\"#reason\">Enter why the consideration is amended</a>"))
            #expect(noReason.body.string.contains("value=\"12\""))  // shown again as sent
            var same = Self.signedForm
            same["reason"] = "No change"
            let unchanged = try await priya.post("/procurements/\(id)/consideration/amend", same)
            #expect(unchanged.status == .unprocessableEntity)
            #expect(unchanged.body.string.contains("The amendment is the same as version 1"))
            again["reason"] = "Market engagement showed 12% is proportionate"
            let amended = try await priya.post("/procurements/\(id)/consideration/amend", again)
            #expect(amended.status == .seeOther)

            #expect(amended.headers.first(name: .location) == "/procurements/\(id)/consideration")
            // The summary card shows the version in force and the amendment; the page in full, both.
            let card = try await priya.get("/procurements/\(id)").body.string
            #expect(card.contains("<dd class=\"govuk-summary-list__value\">12%</dd>"))
            #expect(
                card.contains(
                    "1 amendment; version 2 is in force, signed off by Priya Commissioner on \(UKTime.date(at: Date()).longForm)"
                ))
            #expect(card.contains("Recorded on time, before the procurement started on \(signedOn)"))
            let after = try await priya.get("/procurements/\(id)/consideration")
            let html = after.body.string
            #expect(html.contains("The original consideration (version 1)"))
            #expect(html.contains("Version 2: amended on \(UKTime.date(at: Date()).longForm)"))
            #expect(html.contains("Market engagement showed 12% is proportionate"))
            #expect(html.contains("The social value weighting, from 15% to 12%"))
            #expect(
                html.contains(
                    "The tender was published with a social value weighting of 15%; this amendment (12%) does not change it. Bids are evaluated at 15%."
                ))
            // The original, at 15%, is still on the page, and still on time.
            #expect(html.contains("Priya Commissioner on \(signedOn)"))
            #expect(html.contains("<dd class=\"govuk-summary-list__value\">15%</dd>"))
            #expect(html.contains("Recorded on time, before the procurement started on \(signedOn)"))
            let list = try await priya.get("/procurements")
            let row = try #require(list.body.string.components(separatedBy: "<tr").first { $0.contains(Self.meals) })
            #expect(row.contains("Recorded"))
            #expect(!row.contains("Recorded late"))

            // Someone outside the owning body cannot open the amendment form.
            let icb = Browser(app)
            try await icb.signIn("commissioner@eastmoor-icb.example")
            #expect(try await icb.get("/procurements/\(id)/consideration/amend").status == .forbidden)
        }
    }

    @Test func theAPIRefusesASecondRecordingAndTakesAnAmendment() async throws {
        try await withDemoApp { app in
            let p = try await meals(app)
            let id = p.id!
            let b = Browser(app)
            let priya = try await api.token(for: Demo.commissioner, app)
            let idris = try await api.token(for: "commissioner@eastmoor-icb.example", app)
            let read = try api.json(try await b.api(.GET, "/api/v1/procurements/\(id)", token: priya))
            let original = try #require(read["consideration"] as? [String: Any])
            #expect(read["considerationVersion"] as? Int == 1)
            #expect((read["considerationAmendments"] as? [Any])?.isEmpty == true)
            let text = { (o: [String: Any]) in
                String(decoding: try JSONSerialization.data(withJSONObject: o, options: .sortedKeys), as: UTF8.self)
            }
            var changed = original
            changed["weightingPercent"] = 12
            let put = try await b.api(
                .PUT, "/api/v1/procurements/\(id)/consideration", token: priya, json: try text(changed))
            #expect(put.status == .conflict)
            let path = "/api/v1/procurements/\(id)/consideration/amendments"
            // What is read can be sent back with a reason: unchanged, it is refused as no amendment.
            var same = original
            same["reason"] = "Checking"
            let unchanged = try await b.api(.POST, path, token: priya, json: try text(same))
            #expect(unchanged.status == .unprocessableEntity)
            #expect(try await b.api(.POST, path, token: priya, json: try text(changed)).status == .unprocessableEntity)
            changed["reason"] = "Market engagement showed 12% is proportionate"
            #expect(try await b.api(.POST, path, token: idris, json: try text(changed)).status == .forbidden)
            let created = try await b.api(.POST, path, token: priya, json: try text(changed))
            #expect(created.status == .created)
            let body = try api.json(created)
            #expect(try text(try #require(body["consideration"] as? [String: Any])) == (try text(original)))
            #expect((body["currentConsideration"] as? [String: Any])?["weightingPercent"] as? Int == 12)
            #expect(body["considerationVersion"] as? Int == 2)
            #expect(body["considerationLate"] as? Bool == false)
            #expect(body["considerationSignedOn"] as? String == p.considerationSignedOn)
            let amendments = try #require(body["considerationAmendments"] as? [[String: Any]])
            #expect(amendments.count == 1)
            let a = amendments[0]
            #expect(a["version"] as? Int == 2)
            #expect(a["signedBy"] as? String == "Priya Commissioner")
            #expect(a["reason"] as? String == "Market engagement showed 12% is proportionate")
            #expect(a["changes"] as? [String] == ["the social value weighting, from 15% to 12%"])
            #expect(a["afterStart"] as? Bool == true)
            #expect(a["tenderWeightingPercent"] as? Int == 15)
            #expect(
                a["tenderWeightingNote"] as? String
                    == "The tender was published with a social value weighting of 15%; this amendment (12%) does not change it. Bids are evaluated at 15%."
            )
        }
    }
}
