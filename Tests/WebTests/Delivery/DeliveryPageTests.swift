import Fluent
import Foundation
import SocialValue
import Storage
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// The contract page's delivery against commitments (docs/delivery.md). The demo contract
/// (Befriending and social contact: ECO2 52 weeks at £226.50, SOC1 2,400 hours at £12.21, ENV1 3
/// tonnes at £241; quarterly; period 1 verified with ECO2 4, SOC1 210, ENV1 0) is moved to run
/// through 2020 (1 January to 31 December, 366 days), so every period has ended and is past due
/// whatever the day the test runs: measured to 31 December 2020, everything is expected.
@Suite struct DeliveryPageTests {
    static func contractIn2020(_ app: Application) async throws -> ContractModel {
        let c = try await MonitoringPageTests.contract(app)
        c.startsOn = "2020-01-01"
        c.endsOn = "2020-12-31"
        try await c.save(on: app.db)
        return c
    }

    @Test func theContractPageShowsRAGForecastAndTheChartsTable() async throws {
        try await withDemoApp { app in
            let c = try await Self.contractIn2020(app)
            // The Compacts' green threshold raised to 95%: the page says so.
            for compact in try await CompactModel.query(on: app.db).all() {
                compact.ragGreenPercent = 95
                try await compact.save(on: app.db)
            }
            let priya = try await MonitoringPageTests.signedIn(Demo.commissioner, app)
            let page = try await priya.get("/contracts/\(c.id!)").body.string
            #expect(page.contains("Delivery against commitments"))
            #expect(page.contains("Measured to 31 December 2020"))
            #expect(page.contains("Green from 95% of the quantity expected to date, amber from 70%"))
            // ECO2: 4 of 52 weeks = 7.7%, all 52 expected: red, and the forecast (4 weeks) is at risk.
            #expect(page.contains("7.7% of 52 weeks committed"))
            #expect(page.contains(">Red: well behind</strong>"))
            #expect(page.contains(">At risk</strong>"))
            #expect(!page.contains(">Green: on track</strong>"))
            // Totals by basis: committed 52 × 226.50 + 2,400 × 12.21 + 3 × 241 = 11,778 + 29,304 + 723 = £41,805;
            // verified 4 × 226.50 + 210 × 12.21 = 906 + 2,564.10 = £3,470.10.
            #expect(page.contains("£41,805 (committed only)"))
            #expect(page.contains("£3,470.10 (verified)"))
            #expect(page.contains("3 of 3"))  // commitments at risk
            // The chart with its table as the text alternative.
            #expect(page.contains("<svg class=\"app-chart\""))
            #expect(page.contains("aria-labelledby=\"delivery-chart-title\""))
            #expect(page.contains("Cumulative delivery over time, in pounds"))
            // Expected by 31 March 2020: £41,805 × 91 / 366 = £10,394.139… → £10,394.14; verified £3,470.10.
            #expect(page.contains("31 March 2020"))
            #expect(page.contains("£10,394.14"))
            // 30 June (182 days): £20,788.278… → £20,788.28; 30 September (274): £31,296.639… → £31,296.64.
            #expect(page.contains("£20,788.28"))
            #expect(page.contains("£31,296.64"))
        }
    }

    @Test func theAPIGivesTheSameFiguresWithTheirBasis() async throws {
        try await withDemoApp { app in
            let id = try await Self.contractIn2020(app).id!
            let api = APITests()
            let b = Browser(app)
            let priyaToken = try await api.token(for: Demo.commissioner, app)
            let d = try api.json(try await b.api(.GET, "/api/v1/contracts/\(id)/delivery", token: priyaToken))
            #expect(d["measuredTo"] as? String == "2020-12-31")
            #expect((d["deliveredValue"] as? [String: Any])?["pounds"] as? String == "3470.10")
            #expect((d["deliveredValue"] as? [String: Any])?["basis"] as? String == "verified")
            #expect((d["committedValue"] as? [String: Any])?["basis"] as? String == "committed")
            #expect(d["atRisk"] as? Int == 3)
            let lines = try #require(d["lines"] as? [[String: Any]])
            let eco2 = try #require(lines.first { $0["measureCode"] as? String == "ECO2" })
            #expect(eco2["rag"] as? String == "red")
            #expect(eco2["expectedToDate"] as? String == "52.0000")
            #expect(eco2["percentOfExpected"] as? String == "7.7")  // 4 / 52
            #expect(eco2["forecastAtCompletion"] as? String == "4.0000")  // at the end, what was verified
            let timeline = try #require(d["timeline"] as? [[String: Any]])
            #expect(timeline.count == 5)  // the start and four quarters
            #expect((timeline[1]["expected"] as? [String: Any])?["pounds"] as? String == "10394.14")
            #expect((timeline[1]["delivered"] as? [String: Any])?["pounds"] as? String == "3470.10")
            let kimToken = try await api.token(for: "bids@kestrel-facilities.example", app)
            #expect(try await b.api(.GET, "/api/v1/contracts/\(id)/delivery", token: kimToken).status == .notFound)
        }
    }

    @Test func theGroupSetsTheThresholdsWithFieldErrors() async throws {
        try await withDemoApp { app in
            let compact = try await compactID(app)
            let member = try await MonitoringPageTests.signedIn(Demo.groupMember, app)
            let form = try await member.get("/compacts/\(compact)/settings").body.string
            #expect(form.contains("name=\"ragGreenPercent\" type=\"text\" value=\"90\""))
            let fields = CompactSettingsInput(try await CompactModel.find(compact, on: app.db)!.settings)
            var post: [String: String] = [
                "minimumConsultationDays": fields.minimumConsultationDays!,
                "minimumNoticeMonths": fields.minimumNoticeMonths!,
                "ragGreenPercent": "80", "ragAmberPercent": "80", "atRiskTolerancePercent": "101",
            ]
            for (i, band) in (fields.bands ?? []).enumerated() {
                post["bands[\(i)][from]"] = band.from
                post["bands[\(i)][minWeightingPercent]"] = band.minWeightingPercent
                post["bands[\(i)][maxWeightingPercent]"] = band.maxWeightingPercent
                post["bands[\(i)][monitoring]"] = band.monitoring
            }
            let bad = try await member.post("/compacts/\(compact)/settings", post)
            #expect(bad.status == .unprocessableEntity)
            #expect(
                bad.body.string.contains(
                    "<a href=\"#ragAmberPercent\">The amber threshold must be below the green threshold</a>"))
            #expect(
                bad.body.string.contains(
                    "<a href=\"#atRiskTolerancePercent\">The at-risk tolerance must be between 0% and 100%</a>"))
            post["ragAmberPercent"] = "60"
            post["atRiskTolerancePercent"] = "15"
            #expect(try await member.post("/compacts/\(compact)/settings", post).status == .seeOther)
            let saved = try await CompactModel.find(compact, on: app.db)!.settings.delivery
            #expect(saved == DeliveryThresholds(greenPercent: 80, amberPercent: 60, atRiskTolerancePercent: 15))
        }
    }
}
