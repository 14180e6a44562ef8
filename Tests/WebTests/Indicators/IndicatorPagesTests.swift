import Fluent
import Foundation
import SocialValue
import Storage
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// The indicators pages (docs/indicators.md "Pages"): the body's own people see its flags with
/// filters, a link to each record and rule, and the same list as CSV; bad filters are named;
/// anyone reads the rules. The rules and the counts are tested in SocialValueTests and StorageTests.
@Suite struct IndicatorPagesTests {
    /// The demo's food hub case decided with notice given on 20 January 2027 for 8 April 2027:
    /// 12 days short of three months, no exceptional reason, so one CW05 dated 20 January 2027.
    static func breach(_ app: Application) async throws -> UUID {
        try await PublicRecordPageTests.decidedCase(app)
    }

    @Test func theCommissionerSeesTheBodysFlagsFilteredLinkedAndAsCSV() async throws {
        try await withDemoApp { app in
            let county = try await IndicatorsAPITests.organisation("Eastmoor County Council", app)
            let before = try await DecommissioningPageTests.signedIn(Demo.commissioner, app).get(
                "/indicators?code=CW05")
            #expect(!before.body.string.contains(DecommissioningPageTests.hub))
            let id = try await Self.breach(app)
            let b = try await DecommissioningPageTests.signedIn(Demo.commissioner, app)

            let page = try await b.get("/indicators?code=CW05&from=2027-01-20&to=2027-01-20")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(
                html.contains(
                    "<a class=\"govuk-link\" href=\"/decommissioning/\(id.uuidString)\">\(DecommissioningPageTests.hub)</a>"
                ))
            #expect(html.contains("href=\"/indicators/rules#CW05\""))
            #expect(html.contains("20 January 2027"))
            #expect(html.contains("Eastmoor County Council"))
            // The body filter offers the county only: Priya belongs to no other body.
            #expect(html.contains("<option value=\"\(county.uuidString)\""))
            let kestrel = try await IndicatorsAPITests.organisation("Kestrel Facilities Ltd", app)
            #expect(!html.contains(kestrel.uuidString))
            // The count per indicator links to the list of that indicator with the same filters.
            #expect(
                html.contains("href=\"/indicators?code=CW01&amp;from=2027-01-20&amp;to=2027-01-20\"")
                    || html.contains("href=\"/indicators?code=CW01&from=2027-01-20&to=2027-01-20\""))

            // A day after the notice, the flag is outside the range.
            let later = try await b.get("/indicators?code=CW05&from=2027-01-21")
            #expect(!later.body.string.contains(DecommissioningPageTests.hub))
            #expect(later.body.string.contains("No flags are raised for these filters."))

            // The CSV has the same flag, with its body, record and day.
            let csv = try await b.get("/indicators.csv?code=CW05&body=\(county.uuidString)")
            #expect(csv.status == .ok)
            #expect(csv.headers.contentType?.subType == "csv")
            let lines = csv.body.string.split(separator: "\r\n").map(String.init)
            #expect(
                lines.first?.hasSuffix("code,indicator,public_body_id,public_body,about,url,ocid,dated_on,value")
                    == true)
            let row =
                "CW05,Decommissioning notice breach,\(county.uuidString),Eastmoor County Council,\(DecommissioningPageTests.hub),/decommissioning/\(id.uuidString),,2027-01-20,1"
            #expect(lines.contains(row))
            #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("CW05,") })

            // Another body's flags are refused.
            #expect(try await b.get("/indicators?body=\(kestrel.uuidString)").status == .forbidden)
            #expect(try await b.get("/indicators.csv?body=\(kestrel.uuidString)").status == .forbidden)
        }
    }

    @Test func badFiltersAreNamedAndShowNoFlags() async throws {
        try await withDemoApp { app in
            _ = try await Self.breach(app)
            let b = try await DecommissioningPageTests.signedIn(Demo.commissioner, app)
            let cases: [(String, String, String)] = [
                ("from=2027-02-30", "from", "From must be a real day as YYYY-MM-DD, not ‘2027-02-30’"),
                ("to=20-01-2027", "to", "To must be a real day as YYYY-MM-DD, not ‘20-01-2027’"),
                ("from=2027-02-01&to=2027-01-01", "from", "From must not be after To"),
                ("code=R999", "code", "Choose an indicator from the list"),
                ("body=county", "body", "Public body must be an organisation’s id (a UUID), not ‘county’"),
            ]
            for (query, field, message) in cases {
                let r = try await b.get("/indicators?\(query)")
                #expect(r.status == .unprocessableEntity, "\(query)")
                let html = r.body.string
                #expect(html.contains("<title>Error: Indicators"), "\(query)")
                #expect(html.contains("href=\"#\(field)\""), "\(query)")
                #expect(html.contains(message), "\(query)")
                #expect(!html.contains(DecommissioningPageTests.hub), "\(query)")
                #expect(try await b.get("/indicators.csv?\(query)").status == .unprocessableEntity, "\(query)")
            }
            // Empty filters, as the form sends them, mean "any".
            let any = try await b.get("/indicators?body=&code=&from=&to=")
            #expect(any.status == .ok)
            #expect(any.body.string.contains(DecommissioningPageTests.hub))
        }
    }

    @Test func suppliersSeeNoBodysFlagsAndTheSignedOutAreSentToSignIn() async throws {
        try await withDemoApp { app in
            _ = try await Self.breach(app)
            let kim = try await DecommissioningPageTests.signedIn("bids@kestrel-facilities.example", app)
            let page = try await kim.get("/indicators")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("you do not belong to one"))
            #expect(!page.body.string.contains(DecommissioningPageTests.hub))
            let csv = try await kim.get("/indicators.csv").body.string
            #expect(csv.split(separator: "\r\n").count == 1)
            let anonymous = try await Browser(app).get("/indicators")
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers.first(name: .location) == "/sign-in?next=/indicators")
        }
    }

    @Test func anyoneReadsEachIndicatorsRuleAndTheDashboardLinksToTheFlags() async throws {
        try await withDemoApp { app in
            let rules = try await Browser(app).get("/indicators/rules")
            #expect(rules.status == .ok)
            let html = rules.body.string
            for code in ["CW01", "CW02", "CW03", "CW04", "CW05", "CW06", "CW07", "CW08", "R003", "R018"] {
                #expect(html.contains("<h2 class=\"govuk-heading-m\" id=\"\(code)\">\(code): "), "\(code)")
            }
            #expect(html.contains("fewer than 25 calendar days after the day it was published"))
            #expect(html.contains("Cardinal R018 “Single bid received”"))
            let county = try await IndicatorsAPITests.organisation("Eastmoor County Council", app)
            let dashboard = try await DecommissioningPageTests.signedIn(Demo.commissioner, app).get("/dashboard")
            #expect(dashboard.body.string.contains("href=\"/indicators?body=\(county.uuidString)\""))
        }
    }
}
