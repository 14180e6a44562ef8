import Fluent
import Foundation
import Storage
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// Dates in forms are typed as day, month and year (the GOV.UK date input); the API keeps ISO text.
@Suite struct DateInputFormTests {
    func signatory(_ org: UUID, _ app: Application) async throws -> CompactSignatoryModel? {
        try await CompactSignatoryModel.query(on: app.db).filter(\.$organisation.$id == org).first()
    }

    @Test func aSignatoryTypedAsDayMonthAndYearIsSavedAsThatDate() async throws {
        try await withDemoApp { app in
            let compact = try await compactID(app)
            let kestrel = try await id(of: "Kestrel Facilities Ltd", app)
            let member = Browser(app)
            try await member.signIn(Demo.groupMember)
            let form = try await member.get("/compacts/\(compact)/signatories")
            let page = form.body.string
            #expect(page.contains("name=\"signedOn[day]\""))
            #expect(page.contains("name=\"signedOn[month]\""))
            #expect(page.contains("name=\"signedOn[year]\""))
            #expect(page.contains("For example, 27 3 2026"))
            #expect(!page.contains("As year-month-day"))
            let saved = try await member.post(
                "/compacts/\(compact)/signatories",
                [
                    "organisationId": kestrel.uuidString, "signedOn[day]": "7", "signedOn[month]": "3",
                    "signedOn[year]": "2026",
                ])
            #expect(saved.status == .seeOther)
            #expect(try await signatory(kestrel, app)?.signedOn == "2026-03-07")
        }
    }

    @Test func aBadDateShowsEveryProblemAtOnceAndKeepsWhatWasTyped() async throws {
        try await withDemoApp { app in
            let compact = try await compactID(app)
            let member = Browser(app)
            try await member.signIn(Demo.groupMember)
            try await member.get("/compacts/\(compact)/signatories")
            let bad = try await member.post(
                "/compacts/\(compact)/signatories",
                ["organisationId": "", "signedOn[day]": "31", "signedOn[month]": "2", "signedOn[year]": "2026"])
            #expect(bad.status == .unprocessableEntity)
            let page = bad.body.string
            #expect(page.contains("<a href=\"#signedOn-day\">The date signed must be a real date</a>"))
            #expect(page.contains("Select the organisation that signed"))
            #expect(
                page.contains(
                    "id=\"signedOn-day\" name=\"signedOn[day]\" type=\"text\" inputmode=\"numeric\" value=\"31\""))
            #expect(
                page.contains(
                    "id=\"signedOn-month\" name=\"signedOn[month]\" type=\"text\" inputmode=\"numeric\" value=\"2\""))
            #expect(
                page.contains("govuk-date-input__input govuk-input--width-4 govuk-input--error\" id=\"signedOn-year\""))
            #expect(page.contains("aria-describedby=\"signedOn-hint signedOn-error\""))
        }
    }

    @Test func aMissingMonthMarksOnlyTheMonthAndAFutureDateIsRefused() async throws {
        try await withDemoApp { app in
            let compact = try await compactID(app)
            let kestrel = try await id(of: "Kestrel Facilities Ltd", app)
            let member = Browser(app)
            try await member.signIn(Demo.groupMember)
            try await member.get("/compacts/\(compact)/signatories")
            let missing = try await member.post(
                "/compacts/\(compact)/signatories",
                [
                    "organisationId": kestrel.uuidString, "signedOn[day]": "27", "signedOn[month]": "",
                    "signedOn[year]": "2026",
                ])
            #expect(missing.status == .unprocessableEntity)
            #expect(
                missing.body.string.contains("<a href=\"#signedOn-month\">The date signed must include a month</a>"))
            #expect(missing.body.string.contains("govuk-input--width-2 govuk-input--error\" id=\"signedOn-month\""))
            #expect(missing.body.string.contains("govuk-input--width-2\" id=\"signedOn-day\""))
            let future = try await member.post(
                "/compacts/\(compact)/signatories",
                [
                    "organisationId": kestrel.uuidString, "signedOn[day]": "1", "signedOn[month]": "1",
                    "signedOn[year]": "2030",
                ])
            #expect(future.status == .unprocessableEntity)
            #expect(
                future.body.string.contains(
                    "<a href=\"#signedOn-day\">The date signed must be today or in the past</a>"))
            #expect(try await signatory(kestrel, app) == nil)
        }
    }

    @Test func theAPIStillTakesISOTextAndNamesTheField() async throws {
        try await withDemoApp { app in
            let compact = try await compactID(app)
            let kestrel = try await id(of: "Kestrel Facilities Ltd", app)
            let browser = Browser(app)
            try await browser.signIn(Demo.groupMember)
            try await browser.get("/account")
            let page = try await browser.post("/account/tokens", ["name": "test script"])
            let token = try #require(
                Browser.firstMatch(#"<pre class="cw-code" id="new-token">([^<]+)</pre>"#, in: page.body.string))
            let b = Browser(app)
            let future = try await b.api(
                .POST, "/api/v1/compacts/\(compact)/signatories", token: token,
                json: #"{"organisationId":"\#(kestrel.uuidString)","signedOn":"2030-01-01"}"#)
            #expect(future.status == .unprocessableEntity)
            #expect(future.body.string.contains("\"signedOn\""))
            #expect(future.body.string.contains("The date signed must be today or in the past"))
            let saved = try await b.api(
                .POST, "/api/v1/compacts/\(compact)/signatories", token: token,
                json: #"{"organisationId":"\#(kestrel.uuidString)","signedOn":"2026-03-27"}"#)
            #expect(saved.status == .created || saved.status == .ok)
            #expect(try await signatory(kestrel, app)?.signedOn == "2026-03-27")
        }
    }
}
