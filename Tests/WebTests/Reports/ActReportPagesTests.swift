import Fluent
import Foundation
import SocialValue
import Storage
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// The Act report's page, CSV and API (docs/reports.md): a body's own people see its figures
/// beside the year before, each linked to the records behind it; others are refused; bad
/// parameters are named. The figures are counted in SocialValueTests and StorageTests.
@Suite struct ActReportPagesTests {
    static let keys = [
        "procurementsStarted", "inScope", "consideredInTime", "consideredLate", "weightingAtLeast10",
        "averageWeighting", "contractsAwarded", "awardedValue", "vcseShare", "smeShare", "committed", "verified",
        "claimed", "consultationsMeetingOrExplained", "noticesMeetingMinimum", "medianPipelineWeeks",
    ]

    @Test func theCommissionerReadsTheYearBesideTheOneBeforeAndFollowsAFigureToItsRecords() async throws {
        try await withDemoApp { app in
            // The food hub's notice of 20 January 2027 is 12 days short: in 2026/27.
            let hubCase = try await PublicRecordPageTests.decidedCase(app)
            let county = try await IndicatorsAPITests.organisation("Eastmoor County Council", app)
            let b = try await DecommissioningPageTests.signedIn(Demo.commissioner, app)
            let r = try await b.get("/reports/act?body=\(county.uuidString)&year=2026")
            #expect(r.status == .ok)
            let html = r.body.string
            #expect(html.contains("Eastmoor County Council: 2026/27"))
            #expect(html.contains("1 April 2026 to 31 March 2027, compared with 2025/26"))
            #expect(
                html.contains(
                    "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">2025/26</th>"))
            #expect(
                html.contains(
                    "<a class=\"govuk-link\" href=\"#notices\">Decommissioning notices meeting the minimum</a>"))
            #expect(html.contains("<h2 class=\"govuk-heading-m\" id=\"notices\">Decommissioning notices given</h2>"))
            #expect(
                html.contains("href=\"/decommissioning/\(hubCase.uuidString)\">\(DecommissioningPageTests.hub)</a>"))
            #expect(html.contains("Breach: 12 days short"))
            // The chart by theme is an image with a title and a description of its numbers.
            #expect(html.contains("<svg role=\"img\" aria-labelledby=\"theme-chart-title theme-chart-desc\""))
            #expect(
                html.contains(
                    "<title id=\"theme-chart-title\">Social value committed and verified by theme, 2026/27</title>"))
            // In 2027/28 the notice is in the year before: its list is not shown, its count is.
            let next = try await b.get("/reports/act?body=\(county.uuidString)&year=2027").body.string
            #expect(!next.contains(DecommissioningPageTests.hub))
            // Without parameters: the person's body and the current financial year.
            let plain = try await b.get("/reports/act")
            #expect(plain.status == .ok)
            let thisYear = ReportPeriod.financialYear(containing: UKTime.date(at: Date())).name
            #expect(plain.body.string.contains("Eastmoor County Council: \(thisYear)"))

            // The CSV: one line per figure, the year and the year before.
            let csv = try await b.get("/reports/act.csv?body=\(county.uuidString)&year=2026")
            #expect(csv.status == .ok)
            #expect(csv.headers.contentType?.subType == "csv")
            let lines = csv.body.string.split(separator: "\r\n").map(String.init)
            #expect(lines.first?.hasSuffix("key,figure,period,value,previous_period,previous_value,change") == true)
            #expect(lines.dropFirst().map { String($0.prefix { $0 != "," }) } == Self.keys)
            #expect(lines.dropFirst().allSatisfy { $0.contains(",2026/27,") && $0.contains(",2025/26,") })
        }
    }

    @Test func chartBarsAreScaledToTheLargestAmountInWholePixels() {
        #expect(ActReportChart.width(100, max: 100) == 320)
        #expect(ActReportChart.width(50, max: 100) == 160)
        #expect(ActReportChart.width(1, max: 3) == 107)  // 106.67 rounded half up
        #expect(ActReportChart.width(Decimal(string: "0.01")!, max: 1_000_000) == 1)  // still shows
        #expect(ActReportChart.width(0, max: 100) == 0)
        #expect(ActReportChart.width(5, max: 0) == 0)
    }

    @Test func otherBodiesAreRefusedBadParametersNamedAndSuppliersHaveNoReport() async throws {
        try await withDemoApp { app in
            let kestrel = try await IndicatorsAPITests.organisation("Kestrel Facilities Ltd", app)
            let b = try await DecommissioningPageTests.signedIn(Demo.commissioner, app)
            #expect(try await b.get("/reports/act?body=\(kestrel.uuidString)").status == .forbidden)
            for (query, field) in [("year=abc", "year"), ("year=1999", "year"), ("body=county", "body")] {
                let r = try await b.get("/reports/act?\(query)")
                #expect(r.status == .unprocessableEntity, "\(query)")
                #expect(r.body.string.contains("href=\"#\(field)\""), "\(query)")
                #expect(try await b.get("/reports/act.csv?\(query)").status == .unprocessableEntity, "\(query)")
            }
            // The Compact's report: its group, not the commissioner; the group sees a link to it.
            let compact = try #require(
                try await CompactModel.query(on: app.db).filter(\.$name == "Eastmoor Compact").first()?.id)
            #expect(try await b.get("/reports/act?compact=\(compact.uuidString)").status == .forbidden)
            let colin = try await DecommissioningPageTests.signedIn(EvaluationPageTests.colin, app)
            let group = try await colin.get("/reports/act?compact=\(compact.uuidString)&year=2026")
            #expect(group.status == .ok)
            #expect(group.body.string.contains("Eastmoor Compact: 2026/27"))
            #expect(
                group.body.string.contains("<input type=\"hidden\" name=\"compact\" value=\"\(compact.uuidString)\">"))
            #expect(try await b.get("/reports/act?installation=yes").status == .forbidden)
            let mine = try await colin.get("/reports/act").body.string
            #expect(
                mine.contains("href=\"/reports/act?compact=\(compact.uuidString)&amp;year=")
                    || mine.contains("href=\"/reports/act?compact=\(compact.uuidString)&year="))
            let kim = try await DecommissioningPageTests.signedIn("bids@kestrel-facilities.example", app)
            #expect(try await kim.get("/reports/act").body.string.contains("you do not belong to one"))
            #expect(try await Browser(app).get("/reports/act").status == .seeOther)
        }
    }

    @Test func theAPIGivesTheSameFigures() async throws {
        try await withDemoApp { app in
            let api = APITests()
            let b = Browser(app)
            let county = try await IndicatorsAPITests.organisation("Eastmoor County Council", app)
            let kestrel = try await IndicatorsAPITests.organisation("Kestrel Facilities Ltd", app)
            let path = "/api/v1/reports/act?body=\(county.uuidString)&year=2026"
            #expect(try await b.api(.GET, path, token: nil).status == .unauthorized)
            let priya = try await api.token(for: Demo.commissioner, app)
            let r = try await b.api(.GET, path, token: priya)
            #expect(r.status == .ok)
            let doc = try api.json(r)
            #expect((doc["scope"] as? [String: Any])?["body"] as? String == county.uuidString.lowercased())
            #expect(doc["name"] as? String == "Eastmoor County Council")
            #expect((doc["period"] as? [String: Any])?["from"] as? String == "2026-04-01")
            #expect((doc["previousPeriod"] as? [String: Any])?["name"] as? String == "2025/26")
            let figures = try #require(doc["figures"] as? [[String: Any]])
            #expect(figures.map { $0["key"] as? String } == Self.keys)
            // The same numbers as the store gives.
            let viewer = Viewer(
                userID: UUID(), isAdmin: false, memberships: [.init(organisationID: county, role: .commissioner)],
                compactSeats: [])
            let now = try await ActReportStore(app.db).report(
                .body(county), period: ReportPeriod.financialYear(startingIn: 2026)!, viewer: viewer
            ).current
            let started = try #require(figures.first)
            #expect((started["value"] as? NSNumber)?.intValue == now.started.count)
            #expect(
                try await b.api(.GET, "/api/v1/reports/act?body=\(kestrel.uuidString)", token: priya).status
                    == .forbidden)
            // The administrator may read any body's report, but an id that is no public body's is a 404.
            let admin = try await api.token(for: "admin@eastmoor.example", app)
            #expect(try await b.api(.GET, "/api/v1/reports/act?body=\(UUID())", token: admin).status == .notFound)
            #expect(try await b.api(.GET, "/api/v1/reports/act?body=\(kestrel)", token: admin).status == .notFound)
            #expect(try await b.api(.GET, path, token: admin).status == .ok)
            let all = try api.json(try await b.api(.GET, "/api/v1/reports/act?installation=yes", token: admin))
            #expect((all["scope"] as? [String: Any])?["installation"] as? Bool == true)
            #expect(try await b.api(.GET, "/api/v1/reports/act?installation=yes", token: priya).status == .forbidden)
            for (query, field) in [
                ("year=2026", "body"), ("body=\(county)&year=26", "year"), ("body=", "body"),
                ("body=\(county)&compact=\(county)", "compact"), ("installation=no", "installation"),
            ] {
                let bad = try await b.api(.GET, "/api/v1/reports/act?\(query)", token: priya)
                #expect(bad.status == .unprocessableEntity, "\(query)")
                let problems = try api.json(bad)["problems"] as? [[String: Any]] ?? []
                #expect(problems.map { $0["field"] as? String } == [field], "\(query)")
            }
        }
    }
}
