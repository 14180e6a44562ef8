import Fluent
import Foundation
import SocialValue
import Storage
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// Issue 19 §4: until a tender's bids are opened the audit trail does not say who is bidding
/// (docs/tenders.md, "Who is bidding stays sealed"). The rows are never rewritten: the chain
/// still verifies, and after the opening the same events name the bidders.
@Suite struct SealedBidAuditTests {
    static let bidders = ["Brackenford Foodbank", "Kestrel Facilities Ltd", "Saltmarsh Community Transport CIC"]

    static func started(_ name: String) -> String { "<strong>organisation</strong>: – → \(name)</li>" }

    @Test func theAuditTrailNamesNoBidderUntilTheOpening() async throws {
        try await withDemoApp { app in
            // Kim Kestrel starts a bid on the open tender: the trail must not show her or Kestrel.
            let open = try await TenderPageTests.tender(TenderPageTests.open, app)
            let kim = try await TenderPageTests.signedIn(TenderPageTests.kim, app)
            #expect(try await kim.get("/tenders/\(open.id!)/bid").status == .ok)
            #expect(try await kim.post("/tenders/\(open.id!)/bid", ["price": "300000"]).status == .seeOther)

            let admin = try await TenderPageTests.signedIn(Demo.admin, app)
            let sealed = try await admin.get("/audit?type=bid").body.string
            #expect(sealed.contains("Chain intact"))
            #expect(!sealed.contains(TenderPageTests.kim))
            // The demo's awarded tender was opened: its three bidders show, once each. The closed
            // tender's three bids and Kim's draft are sealed: four bidders shown as "a bidder".
            for name in Self.bidders {
                #expect(sealed.components(separatedBy: Self.started(name)).count - 1 == 1, "\(name)")
            }
            #expect(sealed.components(separatedBy: Self.started("a bidder")).count - 1 == 4)

            // The closed tender is opened: its bidders now show; the open tender's draft stays sealed.
            let closed = try await TenderPageTests.tender(TenderPageTests.closed, app)
            let priya = try await TenderPageTests.signedIn(Demo.commissioner, app)
            _ = try await priya.get("/tenders/\(closed.id!)")
            #expect(try await priya.post("/tenders/\(closed.id!)/open", [:]).status == .seeOther)
            let opened = try await admin.get("/audit?type=bid").body.string
            #expect(opened.contains("Chain intact"))
            for name in Self.bidders {
                #expect(opened.components(separatedBy: Self.started(name)).count - 1 == 2, "\(name)")
            }
            #expect(opened.components(separatedBy: Self.started("a bidder")).count - 1 == 1)
            #expect(!opened.contains(TenderPageTests.kim))
            // The stored events were never rewritten.
            let stored = try await AuditEventModel.query(on: app.db).filter(\.$recordType == "bid").all()
            #expect(stored.filter { $0.changes.contains("Kestrel Facilities Ltd") }.count == 3)
            #expect(stored.contains { $0.actor == TenderPageTests.kim })
        }
    }
}
