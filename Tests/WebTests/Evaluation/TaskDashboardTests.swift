import Fluent
import Foundation
import SocialValue
import Storage
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// Tasks find their people (issue 13 §2), on the demo: the closed tender "Home from hospital
/// support" asks its commissioner to open the bids; an evaluator added to the panel is notified
/// and asked to score; the scores, once in, ask for moderation; the foodbank's response to the
/// shared decommissioning proposal asks the council to read it. Each role sees only its own.
@Suite struct TaskDashboardTests {
    static let kim = "bids@kestrel-facilities.example"
    static let colin = "compact@eastmoor-cc.example"  // a viewer at the county council
    static let idris = "commissioner@eastmoor-icb.example"  // another body

    static func signedIn(_ email: String, _ app: Application) async throws -> Browser {
        let b = Browser(app)
        try await b.signIn(email)
        return b
    }

    static func dashboard(_ b: Browser) async throws -> String { try await b.get("/dashboard").body.string }

    @Test func theTenderTasksReachTheCommissionerAndTheEvaluatorOnly() async throws {
        try await withDemoApp { app in
            let t = try await TenderPageTests.tender(TenderPageTests.closed, app)
            let id = t.id!
            let base = "/tenders/\(id)/evaluation"
            let priya = try await Self.signedIn(Demo.commissioner, app)
            let evan = try await Self.signedIn(Demo.evaluator, app)
            var others: [Browser] = []
            for email in [Self.colin, Self.idris, Demo.supplier, Self.kim, Demo.viewer] {
                others.append(try await Self.signedIn(email, app))
            }
            // Closed: the commissioner is asked to open the bids; lists no longer say "Tender open".
            let closed = try await Self.dashboard(priya)
            #expect(
                closed.contains(
                    "href=\"/tenders/\(id)\" aria-describedby=\"tender-tasks-1-status\">Closed: open the bids"))
            #expect(closed.contains("Closed: bids to open"))
            for b in [evan] + others {
                #expect(!(try await Self.dashboard(b)).contains("Closed: open the bids"))
            }
            let procurement = "/procurements/\(t.$procurement.id)"
            #expect(try await priya.get(procurement).body.string.contains(">Closed: bids to open</strong>"))
            #expect(try await others[0].get(procurement).body.string.contains(">Closed</strong>"))
            #expect(try await priya.get("/procurements").body.string.contains(">Closed: bids to open</strong>"))

            // Opened, and Evan on the panel: he is told, and asked to score.
            _ = try await priya.get("/tenders/\(id)")
            #expect(try await priya.post("/tenders/\(id)/open", [:]).status == .seeOther)
            let evanID = try await UserModel.query(on: app.db).filter(\.$email == Demo.evaluator).first()!.id!
            _ = try await priya.get(base)
            #expect(try await priya.post("\(base)/evaluators", ["userId": evanID.uuidString]).status == .seeOther)
            let notes = try await evan.get("/notifications").body.string
            #expect(notes.contains("You have been added to the evaluation panel for “Home from hospital support”"))
            #expect(notes.contains("href=\"\(base)\">View"))
            let evans = try await Self.dashboard(evan)
            #expect(evans.contains("href=\"\(base)\" aria-describedby=\"evaluation-tasks-1-status\">Score these bids"))
            #expect(!evans.contains("Moderate the scores"))
            let priyas = try await Self.dashboard(priya)
            #expect(!priyas.contains("Closed: open the bids"))
            #expect(!priyas.contains("Score these bids"))
            for b in others {
                let page = try await Self.dashboard(b)
                #expect(!page.contains("Score these bids") && !page.contains("Moderate the scores"))
            }

            // He scores every bid and submits: his task and notification are done; moderation waits.
            let bids = try await BidModel.query(on: app.db).filter(\.$tender.$id == id).all()
            for bid in bids {
                _ = try await evan.get("\(base)/bids/\(bid.id!)")
                let r = try await evan.post(
                    "\(base)/bids/\(bid.id!)",
                    [
                        "scores[Q1]": "4", "comments[Q1]": "Q1", "scores[Q2]": "3", "comments[Q2]": "Q2",
                        "scores[Q3]": "3", "comments[Q3]": "Q3",
                    ])
                #expect(r.status == .seeOther)
            }
            _ = try await evan.get(base)
            #expect(try await evan.post("\(base)/submit", [:]).status == .seeOther)
            #expect(!(try await Self.dashboard(evan)).contains("Score these bids"))
            let done = try await evan.get("/notifications").body.string
            #expect(done.contains(">Done</strong> You have been added to the evaluation panel"))
            let moderation = try await Self.dashboard(priya)
            #expect(
                moderation.contains(
                    "href=\"\(base)/moderation\" aria-describedby=\"evaluation-tasks-1-status\">Moderate the scores"))
            for b in [evan] + others {
                #expect(!(try await Self.dashboard(b)).contains("Moderate the scores"))
            }
        }
    }

    @Test func theProvidersResponseAsksTheCommissionerToReadIt() async throws {
        try await withDemoApp { app in
            let c = try await DecommissioningPageTests.demoCase(app)
            let path = "/decommissioning/\(c.id!)"
            let sam = try await Self.signedIn(Demo.supplier, app)
            let priya = try await Self.signedIn(Demo.commissioner, app)
            #expect(!(try await Self.dashboard(priya)).contains("Read the provider’s response"))
            _ = try await sam.get("\(path)/response")
            #expect(
                try await sam.post("\(path)/response", ["responseText": "Please keep Friday opening"]).status
                    == .seeOther)
            #expect(
                try await Self.dashboard(priya).contains(
                    "href=\"\(path)\" aria-describedby=\"decommissioning-tasks-1-status\">Read the provider’s response")
            )
            for email in [Self.colin, Self.idris, Demo.supplier, Demo.evaluator] {
                #expect(
                    !(try await Self.dashboard(try await Self.signedIn(email, app))).contains(
                        "Read the provider’s response"))
            }
            // Sam's "respond" notification is done, not new.
            let notes = try await sam.get("/notifications").body.string
            #expect(notes.contains(">Done</strong> Eastmoor County Council proposes to"))
        }
    }
}
