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

@Suite struct ConsultationAPITests {
    let api = APITests()

    func items(_ r: TestingHTTPResponse) throws -> [[String: Any]] {
        try #require(try api.json(r)["items"] as? [[String: Any]])
    }

    func problems(_ r: TestingHTTPResponse) throws -> [String] {
        ((try api.json(r)["problems"] as? [[String: String]]) ?? []).compactMap { $0["field"] }
    }

    @Test func visitorsSeeOnlyPublishedConsultationsAndOutcomes() async throws {
        try await withDemoApp { app in
            let b = Browser(app)
            let all = try items(try await b.api(.GET, "/api/v1/consultations", token: nil))
            #expect(all.count == 4)
            #expect(Set(all.compactMap { $0["status"] as? String }) == ["open", "forthcoming", "summary-published"])
            let winter = try #require(all.first { ($0["title"] as? String)?.hasPrefix("Winter") == true })
            #expect(winter["periodDays"] as? Int == 42)
            #expect(winter["meetsMinimum"] as? Bool == false)
            #expect((winter["shortPeriodReason"] as? String)?.hasPrefix("NHS England asks") == true)
            #expect(winter["noticeDays"] as? Int == 14)
            #expect(try items(try await b.api(.GET, "/api/v1/consultations?status=draft", token: nil)).isEmpty)
            #expect(
                try await b.api(.GET, "/api/v1/consultations?status=someday", token: nil).status == .unprocessableEntity
            )
            let draft = try await consultation(DemoConsultation.carers, app)
            #expect(try await b.api(.GET, "/api/v1/consultations/\(draft.id!)", token: nil).status == .notFound)
            #expect(
                try await b.api(.GET, "/api/v1/consultations/\(draft.id!)/questions", token: nil).status == .notFound)
            let member = try await api.token(for: Demo.groupMember, app)
            #expect(try await b.api(.GET, "/api/v1/consultations/\(draft.id!)", token: member).status == .ok)
            #expect(try items(try await b.api(.GET, "/api/v1/consultations?status=draft", token: member)).count == 1)
            let transport = try await consultation(DemoConsultation.transport, app)
            let full = try api.json(try await b.api(.GET, "/api/v1/consultations/\(transport.id!)", token: nil))
            #expect(full["responseCount"] as? Int == 3)
            #expect((full["outcome"] as? [String: Any])?["published"] as? Bool == true)
            #expect(full["frameworkVersionId"] == nil)  // not about a framework version
            #expect(full["closesAt"] as? String == UKTime.isoUTC(transport.period.closesAt))
            #expect(try await b.api(.GET, "/api/v1/consultations/\(transport.id!)/outcome", token: nil).status == .ok)
            let strategy = try await consultation(DemoConsultation.strategy, app)
            let open = try api.json(try await b.api(.GET, "/api/v1/consultations/\(strategy.id!)", token: nil))
            #expect(open["responseCount"] is NSNull)  // sealed while open
            #expect(
                try await b.api(.GET, "/api/v1/consultations/\(strategy.id!)/outcome", token: nil).status == .notFound)
            let compliance = try items(try await b.api(.GET, "/api/v1/consultations/compliance", token: nil))
            let icb = try #require(compliance.first { ($0["ownerName"] as? String)?.hasPrefix("NHS") == true })
            #expect(icb["run"] as? Int == 1)
            #expect(icb["percentMeetingMinimum"] as? Int == 0)
            #expect(icb["medianNoticeWeeks"] as? Int == 2)
        }
    }

    @Test func aCommissionerWritesAndPublishesAndAShortPeriodNeedsAReason() async throws {
        try await withDemoApp { app in
            let b = Browser(app)
            let priya = try await api.token(for: Demo.commissioner, app)
            let supplier = try await api.token(for: Demo.supplier, app)
            let county = try await id(of: "Eastmoor County Council", app)
            let icb = try await id(of: "NHS Eastmoor Integrated Care Board", app)
            let opens = UKTime.date(at: Date()).adding(days: 14)
            let body = """
                {"ownerId":"\(county)","compactId":"\(try await compactID(app))","title":"Bus shelters","summary":"Where should new ones go?",
                 "subject":"programme","audience":["public"],"opensOn":"\(opens.iso)","closesOn":"\(opens.adding(days: 30).iso)"}
                """
            #expect(try await b.api(.POST, "/api/v1/consultations", token: supplier, json: body).status == .forbidden)
            #expect(
                try await b.api(
                    .POST, "/api/v1/consultations", token: priya,
                    json: body.replacingOccurrences(of: "\(county)", with: "\(icb)")
                ).status == .forbidden)
            let bad = try await b.api(
                .POST, "/api/v1/consultations", token: priya,
                json: body.replacingOccurrences(of: "\"public\"", with: "\"everyone\""))
            #expect(try problems(bad) == ["audience"])
            let created = try await b.api(.POST, "/api/v1/consultations", token: priya, json: body)
            #expect(created.status == .created)
            let c = try api.json(created)
            let id = try #require(c["id"] as? String)
            #expect(c["status"] as? String == "draft")
            #expect(c["periodDays"] as? Int == 30)
            let question = try await b.api(
                .POST, "/api/v1/consultations/\(id)/questions", token: priya,
                json:
                    #"{"text":"How far do you agree?","kind":"scale","required":true,"options":["Not at all","Completely"]}"#
            )
            #expect(question.status == .created)
            #expect(try api.json(question)["number"] as? Int == 1)
            let refused = try await b.api(.POST, "/api/v1/consultations/\(id)/publish", token: priya)
            #expect(refused.status == .unprocessableEntity)
            #expect(try problems(refused) == ["shortPeriodReason"])
            let withReason = body.replacingOccurrences(
                of: "\"subject\"",
                with: "\"shortPeriodReason\":\"The grant must be spent this financial year.\",\"subject\"")
            #expect(try await b.api(.PUT, "/api/v1/consultations/\(id)", token: priya, json: withReason).status == .ok)
            let published = try api.json(try await b.api(.POST, "/api/v1/consultations/\(id)/publish", token: priya))
            #expect(published["status"] as? String == "forthcoming")
            #expect(published["noticeDays"] as? Int == 14)
            #expect(published["shortPeriodReason"] as? String == "The grant must be spent this financial year.")
            #expect(try await b.api(.POST, "/api/v1/consultations/\(id)/publish", token: priya).status == .conflict)
            #expect(try await b.api(.DELETE, "/api/v1/consultations/\(id)", token: priya).status == .conflict)
            let listed = try items(
                try await b.api(.GET, "/api/v1/consultations?status=forthcoming&period=shorter", token: nil))
            #expect(listed.map { $0["title"] as? String } == ["Bus shelters"])
        }
    }

    @Test func respondentsSeeOnlyTheirOwnResponsesAndLateOnesAreRefused() async throws {
        try await withDemoApp { app in
            let b = Browser(app)
            let sam = try await api.token(for: Demo.supplier, app)
            let cath = try await api.token(for: Demo.groupMember, app)
            let foodbank = try await id(of: "Brackenford Foodbank", app)
            let strategy = try await consultation(DemoConsultation.strategy, app)
            let questions = try await ConsultationStore(app.db).questions(of: strategy.id!, for: nil).map { $0.id! }
            let missing = try await b.api(
                .POST, "/api/v1/consultations/\(strategy.id!)/responses", token: sam,
                json:
                    #"{"respondingAs":"organisation","organisationId":"\#(foodbank)","status":"submitted","answers":[{"questionId":"\#(questions[0])","value":"Jobs first"}]}"#
            )
            #expect(missing.status == .unprocessableEntity)
            #expect(try problems(missing) == ["answers[1].value"])
            // An answer names its question once, by a UUID: nothing is silently left out.
            let url = "/api/v1/consultations/\(strategy.id!)/responses"
            let notAUUID = try await b.api(
                .POST, url, token: sam, json: #"{"answers":[{"questionId":"","value":"x"}]}"#)
            #expect(notAUUID.status == .badRequest)
            #expect(notAUUID.body.string.contains("the field ‘answers[0].questionId’ is not valid"))
            let noOrganisation = try await b.api(.POST, url, token: sam, json: #"{"organisationId":"","answers":[]}"#)
            #expect(noOrganisation.status == .badRequest)
            #expect(noOrganisation.body.string.contains("the field ‘organisationId’ is not valid"))
            let unnamed = try await b.api(.POST, url, token: sam, json: #"{"answers":[{"value":"Jobs first"}]}"#)
            #expect(unnamed.status == .unprocessableEntity)
            #expect(try problems(unnamed) == ["answers[0].questionId"])
            let twice = try await b.api(
                .POST, url, token: sam,
                json:
                    #"{"answers":[{"questionId":"\#(questions[0])","value":"a"},{"questionId":"\#(questions[0])","value":"b"}]}"#
            )
            #expect(twice.status == .unprocessableEntity)
            #expect(try problems(twice) == ["answers[1].questionId"])
            let sent = try await b.api(
                .POST, "/api/v1/consultations/\(strategy.id!)/responses", token: sam,
                json: """
                    {"respondingAs":"organisation","organisationId":"\(foodbank)","status":"submitted","answers":[{"questionId":"\(questions[0])","value":"Jobs first"},
                     {"questionId":"\(questions[1])","value":"Good local jobs"},{"questionId":"\(questions[2])","values":["I volunteer"]}]}
                    """)
            #expect(sent.status == .ok)  // the demo draft, now sent
            let response = try api.json(sent)
            #expect(response["status"] as? String == "submitted")
            #expect(response["respondingAs"] as? String == "organisation")
            // Every question's answer, in order: a response read can be sent back as it is.
            #expect((response["answers"] as? [[String: Any]])?.count == questions.count)
            let again = try await b.api(
                .POST, "/api/v1/consultations/\(strategy.id!)/responses", token: sam,
                json: sent.body.string)
            #expect(again.status == .conflict)
            let individual = try await b.api(
                .POST, "/api/v1/consultations/\(strategy.id!)/responses", token: cath, json: #"{"answers":[]}"#)
            #expect(individual.status == .created)
            let cathsID = try #require(try api.json(individual)["id"] as? String)
            // Each sees their own, and only their own.
            let samsList = try items(try await b.api(.GET, "/api/v1/responses", token: sam))
            #expect(samsList.count == 2)  // the strategy, and dial-a-ride in the demo
            #expect(!samsList.contains { $0["id"] as? String == cathsID })
            #expect(try await b.api(.GET, "/api/v1/responses/\(cathsID)", token: sam).status == .notFound)
            #expect(try await b.api(.GET, "/api/v1/responses/\(cathsID)", token: cath).status == .ok)
            #expect(try await b.api(.GET, "/api/v1/responses", token: nil).status == .unauthorized)
            // The owner may not read them while the consultation is open.
            let priya = try await api.token(for: Demo.commissioner, app)
            #expect(
                try await b.api(.GET, "/api/v1/consultations/\(strategy.id!)/responses", token: priya).status
                    == .conflict)
            #expect(
                try await b.api(.GET, "/api/v1/consultations/\(strategy.id!)/responses", token: sam).status
                    == .forbidden)
            // Late.
            let transport = try await consultation(DemoConsultation.transport, app)
            let late = try await b.api(
                .POST, "/api/v1/consultations/\(transport.id!)/responses", token: cath, json: #"{"answers":[]}"#)
            #expect(late.status == .conflict)
            #expect(
                try api.json(late)["message"] as? String
                    == "This consultation closed at 11:59pm on \(transport.period.closesOn.longForm). Responses can no longer be saved or sent"
            )
            let all = try api.json(
                try await b.api(.GET, "/api/v1/consultations/\(transport.id!)/responses", token: priya))
            #expect(all["total"] as? Int == 3)
            let csv = try await b.api(.GET, "/api/v1/consultations/\(transport.id!)/responses/export", token: priya)
            #expect(csv.headers.first(name: .contentType) == "text/csv; charset=utf-8")
            #expect(csv.body.string.components(separatedBy: "\r\n").count == 5)
        }
    }

    @Test func notificationsListWhatIsNewAndCanBeMarkedRead() async throws {
        try await withDemoApp { app in
            let b = Browser(app)
            let sam = try await api.token(for: Demo.supplier, app)
            let list = try api.json(try await b.api(.GET, "/api/v1/notifications?unread=true", token: sam))
            // Unread: the youth services invitation (newest), the county's decommissioning proposal shared
            // eleven days ago, the verification of the demo contract's first monitoring return (about four
            // months ago) and the demo award about seven months ago; older ones were read.
            #expect(list["unread"] as? Int == 4)
            let texts = (list["items"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
            #expect(
                texts.dropFirst().first?.hasPrefix(
                    "Eastmoor County Council proposes to reduce funding for “Brackenford food and advice hub”") == true)
            #expect(texts.first?.contains("Youth services") == true)
            #expect(
                texts.dropFirst(2).first
                    == "Your monitoring return for period 1 of “Befriending and social contact” has been verified.")
            #expect(texts.last?.hasPrefix("Your bid for “Befriending and social contact” has been chosen") == true)
            let read = try api.json(try await b.api(.POST, "/api/v1/notifications/read", token: sam))
            #expect(read["unread"] as? Int == 0)
            #expect(try await b.api(.GET, "/api/v1/notifications", token: nil).status == .unauthorized)
        }
    }
}
