import Fluent
import Foundation
import Storage
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

@Suite struct ProcurementAPITests {
    /// Token and JSON helpers are the API suite's.
    let api = APITests()

    @Test func ownersCreateScreenAndMoveOnOthersCannot() async throws {
        try await withDemoApp { app in
            let b = Browser(app)
            let county = try await id(of: "Eastmoor County Council", app)
            let compact = try await compactID(app)
            let priya = try await api.token(for: Demo.commissioner, app)
            let idris = try await api.token(for: "commissioner@eastmoor-icb.example", app)
            let supplier = try await api.token(for: Demo.supplier, app)
            let body = """
                {"ownerId": "\(county)", "compactId": "\(compact)", "title": "Youth clubs", "description": "Evening youth clubs.",
                 "kind": "services", "value": "300000", "valueIncludesVAT": true, "tenderOpensOn": "2026-09-01"}
                """
            #expect(try await b.api(.POST, "/api/v1/procurements", token: idris, json: body).status == .forbidden)
            #expect(try await b.api(.POST, "/api/v1/procurements", token: supplier, json: body).status == .forbidden)
            let created = try await b.api(.POST, "/api/v1/procurements", token: priya, json: body)
            #expect(created.status == .created)
            let p = try api.json(created)
            let pid = try #require(p["id"] as? String)
            #expect((p["screening"] as? [String: Any])?["actApplies"] as? Bool == true)
            #expect(p["considerationRequired"] as? Bool == true)
            #expect(p["value"] as? String == "300000.00")
            // Not published: hidden from the public and other bodies.
            #expect(try await b.api(.GET, "/api/v1/procurements/\(pid)", token: nil).status == .notFound)
            #expect(try await b.api(.GET, "/api/v1/procurements/\(pid)", token: idris).status == .notFound)
            #expect(try await b.api(.PUT, "/api/v1/procurements/\(pid)", token: idris, json: body).status == .forbidden)
            let refused = try await b.api(
                .POST, "/api/v1/procurements/\(pid)/transition", token: priya, json: #"{"status": "tender-open"}"#)
            #expect(refused.status == .unprocessableEntity)
            let consideration =
                #"{"wellbeing": "Young people", "securing": "Lots", "weightingPercent": 15, "consult": true, "consultReason": "Youth forum", "monitoring": "quarterly", "monitoringPlan": "Quarterly"}"#
            let signed = try await b.api(
                .PUT, "/api/v1/procurements/\(pid)/consideration", token: priya, json: consideration)
            #expect(signed.status == .ok)
            #expect(try api.json(signed)["considerationSignedBy"] as? String == "Priya Commissioner")
            // What is read can be sent back: the same names and types.
            let read = try #require(try api.json(signed)["consideration"] as? [String: Any])
            #expect(read["weightingPercent"] as? Int == 15)
            #expect(read["consult"] as? Bool == true)
            #expect(read["outcomeIDs"] as? [Any] != nil)
            // Signed off, it is not recorded again (409): it is amended, with a reason.
            let again = String(decoding: try JSONSerialization.data(withJSONObject: read), as: UTF8.self)
            let resent = try await b.api(.PUT, "/api/v1/procurements/\(pid)/consideration", token: priya, json: again)
            #expect(resent.status == .conflict)
            let amendments = "/api/v1/procurements/\(pid)/consideration/amendments"
            let wrong = try await b.api(
                .POST, amendments, token: priya, json: #"{"weightingPercent": "fifteen", "consult": "perhaps"}"#)
            #expect(wrong.status == .badRequest)  // consult is a yes/no
            // The text "12" and "yes" are still read, as a form sends them.
            let asText =
                #"{"reason": "A lower weighting after engagement", "wellbeing": "Young people", "securing": "Lots", "weightingPercent": "12", "consult": "yes", "consultReason": "Youth forum", "monitoring": "quarterly", "monitoringPlan": "Quarterly"}"#
            let amended = try await b.api(.POST, amendments, token: priya, json: asText)
            #expect(amended.status == .created)
            #expect(
                (try api.json(amended)["currentConsideration"] as? [String: Any])?["weightingPercent"] as? Int == 12)
            let sorted = { (o: [String: Any]) in
                String(
                    decoding: try JSONSerialization.data(withJSONObject: o, options: .sortedKeys), as: UTF8.self)
            }
            let kept = try #require(try api.json(amended)["consideration"] as? [String: Any])
            #expect(try sorted(kept) == sorted(read))  // the original as signed off
            let published = try await b.api(.POST, "/api/v1/procurements/\(pid)/publish", token: priya)
            #expect(try api.json(published)["inPipeline"] as? Bool == true)
            let anonymous = try api.json(try await b.api(.GET, "/api/v1/procurements/\(pid)", token: nil))
            #expect(anonymous["value"] is NSNull || anonymous["value"] == nil)
            #expect(anonymous["valueBand"] as? String == "£100,000 to £1 million")
            let event = try await b.api(
                .POST, "/api/v1/procurements/\(pid)/events", token: priya,
                json:
                    #"{"kind": "online", "title": "Online briefing", "heldOn": "2099-01-05", "place": "https://meet.example/youth", "capacity": 30}"#
            )
            #expect(event.status == .created)
            let eventID = try #require(try api.json(event)["id"] as? String)
            #expect(
                try await b.api(.POST, "/api/v1/engagement-events/\(eventID)/registrations", token: priya).status
                    == .forbidden)
            #expect(
                try await b.api(.POST, "/api/v1/engagement-events/\(eventID)/registrations", token: supplier).status
                    == .created)
            #expect(
                try await b.api(.POST, "/api/v1/engagement-events/\(eventID)/registrations", token: supplier).status
                    == .conflict)
            let sam = try await UserModel.query(on: app.db).filter(\.$email == Demo.supplier).first()!
            #expect(
                try await b.api(
                    .POST, "/api/v1/engagement-events/\(eventID)/notes", token: idris, json: #"{"notes": "x"}"#
                ).status == .forbidden)
            let notes = try await b.api(
                .POST, "/api/v1/engagement-events/\(eventID)/notes", token: priya,
                json: #"{"notes": "Twelve questions answered; slides attached.", "attendedUserIds": ["\#(sam.id!)"]}"#)
            #expect(notes.status == .ok)
            #expect(try api.json(notes)["notes"] as? String == "Twelve questions answered; slides attached.")
            #expect(try await EventRegistrationModel.query(on: app.db).filter(\.$attended == true).count() == 1)
            let mine = try await b.api(.GET, "/api/v1/procurements?mine=true", token: idris)
            #expect(mine.body.string.contains("Office furniture call-off"))
            #expect(!mine.body.string.contains("Youth clubs"))
            #expect(try await b.api(.GET, "/api/v1/procurements?mine=true", token: nil).status == .unauthorized)
            let opened = try await b.api(
                .POST, "/api/v1/procurements/\(pid)/transition", token: priya, json: #"{"status": "tender-open"}"#)
            #expect(opened.status == .ok)
            #expect(try api.json(opened)["noticeWeeks"] as? Int == 0)
            #expect(try api.json(opened)["considerationLate"] as? Bool == false)
        }
    }

    /// The demo pipeline has two forthcoming opportunities (community transport, carers' breaks);
    /// the commissioner's council has five procurements (those two and three with tenders).
    @Test func thePipelineAndYourOwnListArePaged() async throws {
        try await withDemoApp { app in
            let b = Browser(app)
            let first = try api.json(try await b.api(.GET, "/api/v1/procurements?pageSize=1", token: nil))
            #expect(first["total"] as? Int == 2 && first["page"] as? Int == 1 && first["pageSize"] as? Int == 1)
            let second = try api.json(try await b.api(.GET, "/api/v1/procurements?pageSize=1&page=2", token: nil))
            let titles = [first, second].compactMap { (($0["items"] as? [[String: Any]])?.first?["title"]) as? String }
            #expect(Set(titles).count == 2)
            #expect(
                try await b.api(.GET, "/api/v1/procurements?pageSize=101", token: nil).status == .unprocessableEntity)
            let priya = try await api.token(for: Demo.commissioner, app)
            let mine = try api.json(
                try await b.api(.GET, "/api/v1/procurements?mine=true&pageSize=4&page=2", token: priya))
            #expect(mine["total"] as? Int == 5)
            #expect((mine["items"] as? [Any])?.count == 1)
        }
    }
}
