import Fluent
import Foundation
import SocialValue
import Storage
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// The dashboard's leading figures (docs/dashboard.md), on the demo: the county's one contract,
/// "Befriending and social contact" with Brackenford Foodbank, commits ECO2 52 weeks × £226.50
/// (£11,778.00), SOC1 2,400 hours × £12.21 (£29,304.00) and ENV1 3 tonnes × £241 (£723.00):
/// £41,805.00. Period 1 is verified: ECO2 4 (£906.00), SOC1 210 (£2,564.10), ENV1 0: £3,470.10.
@Suite struct DashboardFiguresTests {
    static func dashboard(_ email: String, _ app: Application) async throws -> String {
        let b = Browser(app)
        try await b.signIn(email)
        let r = try await b.get("/dashboard")
        #expect(r.status == .ok)
        return r.body.string
    }

    @Test func aCommissionerSeesTheirBodysFiguresAndNotAnothers() async throws {
        try await withDemoApp { app in
            let page = try await Self.dashboard(Demo.commissioner, app)
            #expect(page.contains("Figures for Eastmoor County Council"))
            #expect(page.contains("£41,805</span> <span class=\"cw-stat__label\">social value committed"))
            #expect(page.contains("£3,470.10</span> <span class=\"cw-stat__label\">social value delivered, verified"))
            #expect(page.contains("£0</span> <span class=\"cw-stat__label\">claimed in returns awaiting verification"))
            #expect(page.contains("1</span> <span class=\"cw-stat__label\">contract awarded"))
            #expect(page.contains("Strategy targets"))
            #expect(page.contains("£2m spend with local VCSE organisations"))
            #expect(!page.contains("Figures for NHS Eastmoor Integrated Care Board"))
            // The ICB's commissioner sees the ICB's figures: no contract, nothing committed.
            let idris = try await Self.dashboard("commissioner@eastmoor-icb.example", app)
            #expect(idris.contains("Figures for NHS Eastmoor Integrated Care Board"))
            #expect(idris.contains("0</span> <span class=\"cw-stat__label\">contracts awarded"))
            #expect(!idris.contains("£41,805"))
            #expect(!idris.contains("Figures for Eastmoor County Council"))
        }
    }

    @Test func aViewerSeesTheirOwnBodysFiguresReadOnly() async throws {
        try await withDemoApp { app in
            let page = try await Self.dashboard(Demo.viewer, app)
            #expect(page.contains("Figures for Brackenford District Council"))
            #expect(!page.contains("Figures for Eastmoor County Council"))
            #expect(!page.contains("£41,805"))
            #expect(page.contains("0</span> <span class=\"cw-stat__label\">contracts awarded"))
        }
    }

    @Test func aSupplierSeesItsBidsWithTheirStatus() async throws {
        try await withDemoApp { app in
            let page = try await Self.dashboard(Demo.supplier, app)
            #expect(page.contains("Bids by Brackenford Foodbank"))
            let contract = try await ContractModel.query(on: app.db).filter(
                \.$title == "Befriending and social contact"
            )
            .first()!
            #expect(page.contains("govuk-tag--green\">Awarded</strong>"))
            #expect(page.contains("href=\"/contracts/\(contract.id!)\">See the contract"))
            #expect(!page.contains("Figures for"))
            // A public body's member has no supplier bids section.
            #expect(!(try await Self.dashboard(Demo.commissioner, app)).contains("Bids by"))
        }
    }
}
