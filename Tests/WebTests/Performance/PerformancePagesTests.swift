import Fluent
import Foundation
import SocialValue
import Storage
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// The KPIs and performance page and its forms (docs/performance.md). The demo contract
/// (Befriending and social contact) has KPIs ECO2, SOC1 and "Matched people called each week", a
/// failure to perform decided 40 days ago and the assessment that followed it.
@Suite struct PerformancePagesTests {
    static func path(_ app: Application) async throws -> String {
        "/contracts/\(try await MonitoringPageTests.contract(app).id!)/performance"
    }

    @Test func theCommissionerSeesTheKPIsWhatIsDueAndTheRegister() async throws {
        try await withDemoApp { app in
            let path = try await Self.path(app)
            let priya = try await MonitoringPageTests.signedIn(Demo.commissioner, app)
            let contract = try await priya.get(String(path.dropLast("/performance".count))).body.string
            #expect(contract.contains("KPIs and contract performance"))
            #expect(contract.contains("href=\"\(path)\""))
            let page = try await priya.get(path).body.string
            // £250,000-ish contract: under £5m including VAT, no duty.
            #expect(page.contains(">Not required</strong>"))
            #expect(page.contains("Matched people called each week"))
            #expect(page.contains("95 % of matched people"))
            #expect(page.contains("After a breach or failure to perform"))
            #expect(page.contains(">Assessed</strong>"))
            #expect(page.contains("Requires improvement"))
            #expect(page.contains("Calls to 14 people were missed"))
            #expect(page.contains("Add a KPI"))
            #expect(page.contains("Amend this assessment"))
        }
    }

    @Test func theSupplierReadsButDoesNotRecordAndOthersFindNothing() async throws {
        try await withDemoApp { app in
            let path = try await Self.path(app)
            let sam = try await MonitoringPageTests.signedIn(Demo.supplier, app)
            let page = try await sam.get(path)
            #expect(page.status == .ok)
            #expect(!page.body.string.contains("Add a KPI"))
            #expect(!page.body.string.contains("Amend this assessment"))
            #expect(try await sam.get(path + "/kpis").status == .forbidden)
            #expect(try await sam.post(path + "/kpis", ["name": "Mine"]).status == .forbidden)
            let other = try await MonitoringPageTests.signedIn(Demo.viewer, app)
            #expect(try await other.get(path).status == .notFound)
            #expect(try await Browser(app).get(path).status == .seeOther)
        }
    }

    @Test func aKPIFormWithProblemsNamesThemAndAGoodOneAddsIt() async throws {
        try await withDemoApp { app in
            let path = try await Self.path(app)
            let priya = try await MonitoringPageTests.signedIn(Demo.commissioner, app)
            try await priya.get(path + "/kpis")
            let bad = try await priya.post(path + "/kpis", ["name": "", "target": "lots", "unit": "visits"])
            #expect(bad.status == .unprocessableEntity)
            let text = bad.body.string
            #expect(text.contains("govuk-error-summary"))
            #expect(text.contains("href=\"#frequency\">Select how often the KPI is measured"))
            #expect(text.contains("href=\"#name\">Enter the name of the KPI"))
            #expect(text.contains("The target must be a number"))
            #expect(try await ContractKPIModel.query(on: app.db).count() == 3)
            let good = try await priya.post(
                path + "/kpis",
                ["name": "Volunteers retained", "target": "80", "unit": "% of volunteers", "frequency": "annually"])
            #expect(good.status == .seeOther)
            #expect(try await priya.get(path).body.string.contains("Volunteers retained"))
        }
    }

    @Test func aFailureMakesAnAssessmentDueAndEachKPIMustBeRated() async throws {
        try await withDemoApp { app in
            let path = try await Self.path(app)
            let priya = try await MonitoringPageTests.signedIn(Demo.commissioner, app)
            let today = UKTime.date(at: Date())
            try await priya.get(path + "/failures")
            let recorded = try await priya.post(
                path + "/failures",
                [
                    "kind": "breach", "requirement": "Monthly lunch group", "whatHappened": "Not held in March",
                    "decidedOn[day]": String(today.day), "decidedOn[month]": String(today.month),
                    "decidedOn[year]": String(today.year), "penaltyType": "imposed", "penaltyValue": "500",
                ])
            #expect(recorded.status == .seeOther)
            let form = try await priya.get(path + "/assessments").body.string
            #expect(form.contains("value=\"breach-\(today.iso)\" checked"))
            let kpis = try await ContractKPIModel.query(on: app.db).sort(\.$position).all()
            // Only the first two KPIs rated: the third is named.
            var fields = [
                "due": "breach-\(today.iso)", "periodFrom": today.iso, "periodTo": today.iso,
                "narrative": "Lunch missed.",
            ]
            for k in kpis.prefix(2) { fields["ratings[\(k.id!.uuidString)][rating]"] = "good" }
            let missing = try await priya.post(path + "/assessments", fields)
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.body.string.contains("Select a rating for “Matched people called each week”"))
            #expect(missing.body.string.contains("href=\"#ratings-\(kpis[2].id!.uuidString)-rating\""))
            fields["ratings[\(kpis[2].id!.uuidString)][rating]"] = "inadequate"
            #expect(try await priya.post(path + "/assessments", fields).status == .seeOther)
            let page = try await priya.get(path).body.string
            #expect(page.contains("Inadequate"))
            #expect(page.contains("A penalty imposed: £500"))
        }
    }

    @Test func anAmendmentIsANewVersionBesideTheOriginal() async throws {
        try await withDemoApp { app in
            let path = try await Self.path(app)
            let priya = try await MonitoringPageTests.signedIn(Demo.commissioner, app)
            let series = try #require(try await KPIAssessmentModel.query(on: app.db).first()).series
            let form = try await priya.get(path + "/assessments/\(series)").body.string
            #expect(form.contains("Why is the assessment amended?"))
            let kpis = try await ContractKPIModel.query(on: app.db).sort(\.$position).all()
            let row = try #require(try await KPIAssessmentModel.query(on: app.db).first())
            var fields = [
                "due": row.dueKey, "periodFrom": row.periodFrom, "periodTo": row.periodTo, "narrative": row.narrative,
            ]
            for (k, r) in zip(kpis, ["good", "approaching-target", "requires-improvement"]) {
                fields["ratings[\(k.id!.uuidString)][rating]"] = r
            }
            let unchanged = try await priya.post(path + "/assessments/\(series)", fields)
            #expect(unchanged.status == .unprocessableEntity)
            #expect(unchanged.body.string.contains("Enter why the assessment is amended"))
            #expect(unchanged.body.string.contains("The amendment is the same as version 1"))
            fields["ratings[\(kpis[2].id!.uuidString)][rating]"] = "inadequate"
            fields["reason"] = "The holiday call logs showed more missed calls"
            #expect(try await priya.post(path + "/assessments/\(series)", fields).status == .seeOther)
            let page = try await priya.get(path).body.string
            #expect(page.contains("Version 2 (amended)"))
            #expect(page.contains("As recorded"))
            #expect(page.contains("The holiday call logs showed more missed calls"))
            #expect(try await KPIAssessmentModel.query(on: app.db).count() == 2)
        }
    }

    @Test func theAPIGivesThePerformanceAndTakesKPIs() async throws {
        try await withDemoApp { app in
            let id = try await MonitoringPageTests.contract(app).id!
            let api = APITests()
            let b = Browser(app)
            let priya = try await api.token(for: Demo.commissioner, app)
            let p = try api.json(try await b.api(.GET, "/api/v1/contracts/\(id)/performance", token: priya))
            #expect(p["kpiDuty"] as? String == "not-required")
            #expect((p["kpis"] as? [[String: Any]])?.count == 3)
            let assessment = try #require((p["assessments"] as? [[String: Any]])?.first)
            let version = try #require((assessment["versions"] as? [[String: Any]])?.first)
            let ratings = try #require(version["ratings"] as? [[String: Any]])
            #expect(ratings.map { $0["ocdsCode"] as? String } == ["met", "slightlyBelow", "below"])
            let created = try await b.api(
                .POST, "/api/v1/contracts/\(id)/kpis", token: priya,
                json: #"{"name":"Volunteers retained","target":"80","unit":"%","frequency":"annually"}"#)
            #expect(created.status == .created)
            #expect(created.headers.first(name: .location) == "/api/v1/contracts/\(id)/performance")
            let bad = try await b.api(.POST, "/api/v1/contracts/\(id)/failures", token: priya, json: "{}")
            #expect(bad.status == .unprocessableEntity)
            let problems = try #require(try api.json(bad)["problems"] as? [[String: Any]])
            #expect(problems.compactMap { $0["field"] as? String }.contains("decidedOn"))
            let sam = try await api.token(for: Demo.supplier, app)
            #expect(
                try await b.api(.POST, "/api/v1/contracts/\(id)/kpis", token: sam, json: "{}").status == .forbidden)
            let other = try await api.token(for: Demo.viewer, app)
            #expect(try await b.api(.GET, "/api/v1/contracts/\(id)/performance", token: other).status == .notFound)
        }
    }

    @Test func theDashboardLeadsToTheRedCommitmentsAndTheOverdueAssessments() async throws {
        try await withDemoApp { app in
            let county = try await id(of: "Eastmoor County Council", app)
            let priya = try await MonitoringPageTests.signedIn(Demo.commissioner, app)
            let page = try await priya.get("/dashboard").body.string
            // The demo's ENV1: 0 tonnes verified against a quarter's share of 3 expected: red.
            #expect(
                page.contains(
                    "<span class=\"cw-stat__value\">1</span> <span class=\"cw-stat__label\">commitment in the red"))
            #expect(
                page.contains("href=\"/indicators?body=\(county.uuidString)&amp;code=CW08\"")
                    || page.contains("href=\"/indicators?body=\(county.uuidString)&code=CW08\""))
            #expect(
                page.contains(
                    "<span class=\"cw-stat__value\">0</span> <span class=\"cw-stat__label\">KPI assessments overdue"))
            // The breach 40 days ago, once its assessment is taken away, is overdue (30 days).
            try await KPIAssessmentModel.query(on: app.db).delete()
            let after = try await priya.get("/dashboard").body.string
            #expect(
                after.contains(
                    "<span class=\"cw-stat__value\">1</span> <span class=\"cw-stat__label\">KPI assessment overdue"))
        }
    }
}
