import Fluent
import Foundation
import SocialValue
import Storage
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// Issue 19 §4 for clarification questions: until a tender's bids are opened, the buyer side
/// and the administrator see "a bidder" as the asker, on the tender page and in the audit trail;
/// the asking supplier still sees its own question as its organisation's. The stored rows are
/// never rewritten, and after the opening the same question and event name the supplier.
@Suite struct SealedQuestionAuditTests {
    static let kestrel = "Kestrel Facilities Ltd"

    @Test func aQuestionsAskerIsSealedFromTheBuyerAndAdminUntilTheOpening() async throws {
        try await withDemoApp { app in
            // Kim (Kestrel) asks on the open tender, through the form.
            let open = try await TenderPageTests.tender(TenderPageTests.open, app)
            let kim = try await TenderPageTests.signedIn(TenderPageTests.kim, app)
            _ = try await kim.get("/tenders/\(open.id!)")
            let asked = try await kim.post(
                "/tenders/\(open.id!)/clarifications", ["question": "Is TUPE expected for the drivers?"])
            #expect(asked.status == .seeOther)
            #expect(try await kim.get("/tenders/\(open.id!)").body.string.contains("Asked by your organisation"))

            // The buyer's commissioner, an evaluator and the admin: "a bidder", never Kestrel.
            for email in [Demo.commissioner, Demo.admin] {
                let page = try await TenderPageTests.signedIn(email, app).get("/tenders/\(open.id!)").body.string
                #expect(page.contains("Is TUPE expected for the drivers?"), "\(email)")
                #expect(page.contains("Asked by a bidder"), "\(email)")
                #expect(!page.contains("Asked by \(Self.kestrel)"), "\(email)")
            }
            let evaluator = try await TenderPageTests.signedIn(Demo.evaluator, app)
            #expect(!(try await evaluator.get("/tenders/\(open.id!)").body.string.contains("Asked by \(Self.kestrel)")))
            let admin = try await TenderPageTests.signedIn(Demo.admin, app)
            let sealed = try await admin.get("/audit?type=tender-clarification").body.string
            #expect(sealed.contains("Chain intact"))
            #expect(sealed.contains("Is TUPE expected for the drivers?"))
            #expect(!sealed.contains(TenderPageTests.kim))
            #expect(sealed.contains("<td class=\"govuk-table__cell\">a bidder</td>"))

            // A question on the closed tender, asked before its deadline; then its bids are opened.
            let closed = try await TenderPageTests.tender(TenderPageTests.closed, app)
            let kimUser = try await UserModel.query(on: app.db).filter(\.$email == TenderPageTests.kim).first()!
            let users = UserStore(app.db, passwords: testPasswords)
            let kestrel = try await WebTests.id(of: Self.kestrel, app)
            try await TenderStore(app.db).ask(
                closed.id!, organisation: kestrel, question: "Which wards are covered?",
                viewer: try await users.viewer(for: kimUser), by: .user(kimUser),
                now: closed.deadlineAt.addingTimeInterval(-86400))
            let priya = try await TenderPageTests.signedIn(Demo.commissioner, app)
            let before = try await priya.get("/tenders/\(closed.id!)").body.string
            #expect(before.contains("Asked by a bidder") && !before.contains("Asked by \(Self.kestrel)"))
            #expect(try await priya.post("/tenders/\(closed.id!)/open", [:]).status == .seeOther)
            let after = try await priya.get("/tenders/\(closed.id!)").body.string
            #expect(after.contains("Asked by \(Self.kestrel)"))
            let opened = try await admin.get("/audit?type=tender-clarification").body.string
            #expect(opened.contains("Chain intact"))
            // The closed tender's question now names Kim; the open tender's stays sealed.
            #expect(opened.components(separatedBy: TenderPageTests.kim).count - 1 == 1)
            #expect(opened.components(separatedBy: "<td class=\"govuk-table__cell\">a bidder</td>").count - 1 == 1)

            // The stored events were never rewritten: both name Kim.
            let stored = try await AuditEventModel.query(on: app.db).filter(\.$recordType == "tender-clarification")
                .filter(\.$action == "asked").all()
            #expect(stored.count == 2 && stored.allSatisfy { $0.actor == TenderPageTests.kim })
        }
    }
}
