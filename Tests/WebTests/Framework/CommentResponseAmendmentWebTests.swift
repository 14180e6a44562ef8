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

/// Issue 13 §1: the owners' response to a comment is amended, not rewritten: the version page
/// shows the response in force with the first one beside it, and the API refuses a second
/// response with 409, naming the amendments endpoint.
@Suite struct CommentResponseAmendmentWebTests {
    let api = APITests()

    /// The demo's draft version with the group member's comment and the administrator's response.
    func answered(_ app: Application) async throws -> (framework: UUID, draft: UUID, comment: UUID) {
        let (f, _, draft) = try await demoVersions(app)
        let store = FrameworkStore(app.db)
        let outcome = try await store.tree(of: draft, viewer: anyVersion).outcomes[0].id!
        let member = try await UserModel.query(on: app.db).filter(\.$email == Demo.groupMember).first()!
        let group = try await UserStore(app.db, passwords: testPasswords).viewer(for: member)
        try await store.addComment(
            draft, CommentInput(targetKind: "outcome", targetId: outcome, text: "Please add a target for Saltmarsh"),
            viewer: group, by: .user(member))
        let comment = try await store.comments(on: draft, viewer: anyVersion).first {
            $0.text == "Please add a target for Saltmarsh"
        }!
        try await store.respond(
            to: comment.id!, CommentResponseInput(response: "Added as a local target"), viewer: anyVersion,
            by: .demoLoader)
        return (f, draft, comment.id!)
    }

    @Test func thePageShowsTheAmendedResponseWithTheFirstBesideIt() async throws {
        try await withDemoApp { app in
            let (f, draft, comment) = try await answered(app)
            let admin = Browser(app)
            try await admin.signIn(Demo.admin)
            let page = try await admin.get("/frameworks/\(f)/versions/\(draft)").body.string
            #expect(page.contains("Amend this response"))
            let path = "/frameworks/\(f)/versions/\(draft)/comments/\(comment)/response"
            let noReason = try await admin.post(path, ["response": "Added as target SM1"])
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.body.string.contains("Enter why the response is amended"))
            let ok = try await admin.post(
                path, ["response": "Added as target SM1", "reason": "The target has its code now"])
            #expect(ok.status == .seeOther)
            let today = UKTime.date(at: Date()).longForm
            let member = Browser(app)
            try await member.signIn(Demo.groupMember)
            let seen = try await member.get("/frameworks/\(f)/versions/\(draft)").body.string
            #expect(seen.contains("Added as target SM1"))
            #expect(seen.contains("Version 2, amended on \(today). Reason: The target has its code now"))
            #expect(seen.contains("Earlier versions of the response"))
            #expect(seen.contains("Version 1, given on \(today) by demo loader: <q>Added as a local target</q>"))
        }
    }

    @Test func theAPIAmendsThroughItsEndpointAndRefusesASecondResponse() async throws {
        try await withDemoApp { app in
            let b = Browser(app)
            let (_, _, comment) = try await answered(app)
            let admin = try await api.token(for: Demo.admin, app)
            let again = try await b.api(
                .POST, "/api/v1/framework-comments/\(comment)/response", token: admin,
                json: #"{"response": "Rewritten"}"#)
            #expect(again.status == .conflict)
            #expect(
                (try api.json(again)["message"] as? String)?.contains(
                    "POST /api/v1/framework-comments/\(comment)/response/amendments") == true)
            let amendments = "/api/v1/framework-comments/\(comment)/response/amendments"
            #expect(
                try await b.api(.POST, amendments, token: admin, json: #"{"response": "Rewritten"}"#).status
                    == .unprocessableEntity)
            let supplier = try await api.token(for: Demo.supplier, app)
            let amend = #"{"response": "Added as target SM1", "reason": "The target has its code now"}"#
            #expect(try await b.api(.POST, amendments, token: supplier, json: amend).status != .created)
            let created = try await b.api(.POST, amendments, token: admin, json: amend)
            #expect(created.status == .created)
            let body = try api.json(created)
            #expect(body["response"] as? String == "Added as target SM1")
            #expect(body["responseVersion"] as? Int == 2)
            let versions = try #require(body["responseVersions"] as? [[String: Any]])
            #expect(versions.map { $0["response"] as? String } == ["Added as a local target", "Added as target SM1"])
            #expect(versions[1]["reason"] as? String == "The target has its code now")
            #expect(versions[0]["author"] as? String == "demo loader")
        }
    }
}
