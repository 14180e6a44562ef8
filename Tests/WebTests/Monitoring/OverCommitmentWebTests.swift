import Fluent
import Foundation
import SocialValue
import Storage
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// Claiming more than committed (issue 13 §4; docs/monitoring.md, "Claiming more than
/// committed"). The demo contract committed SOC1 2,400 volunteering hours and ENV1 3 tonnes;
/// period 1 verified 210 hours and 0 tonnes; period 2 is due.
@Suite struct OverCommitmentWebTests {
    @Test func theReturnFormWarnsOfEachLineOverItsCommitmentAndSavesOnlyWhenConfirmed() async throws {
        try await withDemoApp { app in
            let c = try await MonitoringPageTests.contract(app)
            let path = "/contracts/\(c.id!)/returns/2"
            let sam = try await MonitoringPageTests.signedIn(Demo.supplier, app)
            _ = try await sam.get(path)
            // Within: 210 + 1,500 = 1,710 of 2,400 hours; 0 + 3 = 3 of 3 tonnes (exactly, not over).
            let within = ["narrative": "Quarter two", "lines[SOC1][quantity]": "1500", "lines[ENV1][quantity]": "3"]
            #expect(try await sam.post(path, within).status == .seeOther)
            // Over: 210 + 5,000 = 5,210 against 2,400, 2,810 over; 0 + 4 = 4 against 3, 1 over.
            _ = try await sam.get(path)
            let over = [
                "narrative": "Quarter two, corrected", "lines[SOC1][quantity]": "5000", "lines[ENV1][quantity]": "4",
                "lines[ECO2][quantity]": "5",
            ]
            let warned = try await sam.post(path, over)
            #expect(warned.status == .unprocessableEntity)
            let html = warned.body.string
            #expect(html.contains("id=\"over-commitment\""))
            #expect(
                html.contains(
                    "<li>SOC1 Staff volunteering hours in the area: 5,210 hours delivered in all (210 in earlier returns and 5,000 in this one) against 2,400 committed, 2,810 over: confirm the figures are right, or correct them</li>"
                ))
            #expect(
                html.contains(
                    "ENV1 Carbon emissions avoided: 4 tonnes CO2e delivered in all (0 in earlier returns and 4 in this one) against 3 committed, 1 over"
                ))
            #expect(!html.contains("<li>ECO2"))
            #expect(html.contains("href=\"#confirmOverCommitment\""))
            #expect(html.contains("name=\"confirmOverCommitment\" type=\"checkbox\" value=\"yes\""))
            #expect(html.contains("I confirm these figures are right"))
            #expect(html.contains("value=\"5000\""))  // what was typed, shown again
            // Nothing was saved: the draft still has 1,500 hours and its first narrative.
            let saved = try await MonitoringStore(app.db).returnView(
                contract: c.id!, period: 2,
                viewer: Viewer(userID: UUID(), isAdmin: true, memberships: [], compactSeats: []))
            #expect(saved.narrative == "Quarter two")
            #expect(saved.lines.first { $0.commitment.code == "SOC1" }?.claimed == 1500)
            // Confirmed: saved.
            var confirmed = over
            confirmed["confirmOverCommitment"] = "yes"
            #expect(try await sam.post(path, confirmed).status == .seeOther)
            let after = try await MonitoringStore(app.db).returnView(
                contract: c.id!, period: 2,
                viewer: Viewer(userID: UUID(), isAdmin: true, memberships: [], compactSeats: []))
            #expect(after.lines.first { $0.commitment.code == "SOC1" }?.claimed == 5000)
            // Saving again with the confirmed figures unchanged needs no second confirmation.
            _ = try await sam.get(path)
            var narrative = over
            narrative["narrative"] = "Quarter two, with the lunch group"
            #expect(try await sam.post(path, narrative).status == .seeOther)
        }
    }

    @Test func theAPIRefusesAnUnconfirmedClaimOverItsCommitmentWith422NamingTheLine() async throws {
        try await withDemoApp { app in
            let c = try await MonitoringPageTests.contract(app)
            let sam = Browser(app)
            let token = try await APITests().token(for: Demo.supplier, app)
            let path = "/api/v1/contracts/\(c.id!)/returns/2"
            let body = #"{"narrative": "Quarter two", "lines": {"SOC1": {"quantity": "5000"}}}"#
            let refused = try await sam.api(.POST, path, token: token, json: body)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("confirmOverCommitment"))
            #expect(
                refused.body.string.contains("SOC1 Staff volunteering hours in the area: 5,210 hours delivered in all"))
            let confirmed =
                #"{"narrative": "Quarter two", "lines": {"SOC1": {"quantity": "5000"}}, "confirmOverCommitment": true}"#
            #expect(try await sam.api(.POST, path, token: token, json: confirmed).status == .ok)
        }
    }
}
