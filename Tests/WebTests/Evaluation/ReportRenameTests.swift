import Fluent
import Foundation
import SocialValue
import Storage
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// Issue 19 §8: the report finds each bid's price by the bid, not by the organisation's current
/// name, so renaming a bidder after the ranking does not blank its price.
@Suite struct ReportRenameTests {
    @Test func renamingABidderAfterTheRankingKeepsItsPriceInTheReport() async throws {
        try await withDemoApp { app in
            let t = try await TenderPageTests.tender("Befriending and social contact", app)
            let priya = try await TenderPageTests.signedIn(Demo.commissioner, app)
            // The demo's bid prices (DemoTenders): Kestrel bid £231,500.
            let before = try await priya.get("/tenders/\(t.id!)/report.csv").body.string
            #expect(before.contains(",Kestrel Facilities Ltd,231500.00,"))
            let kestrel = try #require(
                try await OrganisationModel.query(on: app.db).filter(\.$name == "Kestrel Facilities Ltd").first())
            kestrel.name = "Kestrel Group plc"
            try await kestrel.update(on: app.db)
            let after = try await priya.get("/tenders/\(t.id!)/report.csv").body.string
            #expect(after.contains(",Kestrel Facilities Ltd,231500.00,"))
            #expect(after.contains(",Brackenford Foodbank,248000.00,"))
            let page = try await priya.get("/tenders/\(t.id!)/report").body.string
            #expect(page.contains("£231,500"))
            #expect(page.contains("Agreed scores: Kestrel Facilities Ltd"))
        }
    }
}
