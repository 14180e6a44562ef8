import Fluent
import Foundation
import SocialValue
import Storage
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// Cancelling a procurement from its status form asks for confirmation first (issue 13 §5); the
/// API reports a tender whose deadline has passed as `tender-closed`; the pipeline's date filters
/// are GOV.UK date inputs and still take ISO text.
@Suite struct ProcurementCancelTests {
    static let carers = "Carers’ breaks service"
    let api = APITests()

    func procurement(_ title: String, _ app: Application) async throws -> ProcurementModel {
        try await ProcurementModel.query(on: app.db).filter(\.$title == title).first()!
    }

    @Test func cancellingIsConfirmedFirstAndAPostWithoutItChangesNothing() async throws {
        try await withDemoApp { app in
            let p = try await procurement(Self.carers, app)
            let path = "/procurements/\(p.id!)/status"
            let priya = Browser(app)
            try await priya.signIn(Demo.commissioner)
            _ = try await priya.get("/procurements/\(p.id!)")
            let reason = "The service is now provided in house"
            let asked = try await priya.post(path, ["status": "cancelled", "cancelReason": reason])
            #expect(asked.status == .ok)
            let html = asked.body.string
            #expect(html.contains("<h1 class=\"govuk-heading-l\">Cancel the procurement</h1>"))
            #expect(html.contains("Cancelling ends the procurement. It cannot be undone"))
            #expect(html.contains("<input type=\"hidden\" name=\"status\" value=\"cancelled\">"))
            #expect(html.contains("<input type=\"hidden\" name=\"confirmed\" value=\"yes\">"))
            #expect(html.contains(reason))  // the reason typed is carried into the page's field
            #expect(!html.contains("id=\"cancel-tender\""))  // no tender yet
            #expect(try await procurement(Self.carers, app).statusValue == .planning)

            // Confirmed without a reason: refused on the confirmation page, nothing changed.
            let noReason = try await priya.post(path, ["status": "cancelled", "confirmed": "yes", "cancelReason": " "])
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.body.string.contains("Enter why the procurement is cancelled"))
            #expect(noReason.body.string.contains("<h1 class=\"govuk-heading-l\">Cancel the procurement</h1>"))
            #expect(try await procurement(Self.carers, app).statusValue == .planning)

            // Someone outside the owning body is not shown the page.
            let idris = Browser(app)
            try await idris.signIn("commissioner@eastmoor-icb.example")
            _ = try await idris.get("/procurements/\(p.id!)")
            #expect(try await idris.post(path, ["status": "cancelled", "cancelReason": reason]).status == .forbidden)

            let done = try await priya.post(path, ["status": "cancelled", "confirmed": "yes", "cancelReason": reason])
            #expect(done.status == .seeOther)
            let after = try await procurement(Self.carers, app)
            #expect(after.statusValue == .cancelled)
            #expect(after.cancelReason == reason)
        }
    }

    @Test func theConfirmationSaysAnOpenTenderIsNotCancelledByIt() async throws {
        try await withDemoApp { app in
            let t = try await TenderPageTests.tender(TenderPageTests.closed, app)
            let priya = Browser(app)
            try await priya.signIn(Demo.commissioner)
            _ = try await priya.get("/procurements/\(t.$procurement.id)")
            let asked = try await priya.post(
                "/procurements/\(t.$procurement.id)/status",
                ["status": "cancelled", "cancelReason": "No longer needed"])
            #expect(asked.status == .ok)
            #expect(
                asked.body.string.contains(
                    "Its tender (closed: bids not yet opened) is not cancelled by this, and its bidders are not told."))
            #expect(asked.body.string.contains("href=\"/tenders/\(t.id!)/cancel\">cancel the tender"))
            #expect(try await procurement(TenderPageTests.closed, app).statusValue == .tenderOpen)
        }
    }

    @Test func theAPIReportsATenderPastItsDeadlineAsClosed() async throws {
        try await withDemoApp { app in
            let t = try await TenderPageTests.tender(TenderPageTests.closed, app)
            #expect(t.deadlineAt < Date())  // the demo's tender whose deadline has passed
            let b = Browser(app)
            let priya = try await api.token(for: Demo.commissioner, app)
            let one = try api.json(try await b.api(.GET, "/api/v1/procurements/\(t.$procurement.id)", token: priya))
            #expect(one["status"] as? String == "tender-closed")
            #expect(one["storedStatus"] as? String == "tender-open")
            let list = try api.json(try await b.api(.GET, "/api/v1/procurements?mine=true", token: priya))
            let items = try #require(list["items"] as? [[String: Any]])
            let row = try #require(items.first { $0["title"] as? String == TenderPageTests.closed })
            #expect(row["status"] as? String == "tender-closed")
            // A tender still open for bids reads tender-open.
            let open = try #require(items.first { $0["title"] as? String == TenderPageTests.open })
            #expect(open["status"] as? String == "tender-open")
            #expect(open["storedStatus"] as? String == "tender-open")
        }
    }

    @Test func thePipelineFiltersAreDateInputsAndStillTakeISOText() async throws {
        try await withDemoApp { app in
            let b = Browser(app)
            func count(_ query: String) async throws -> (HTTPStatus, String) {
                let r = try await b.get("/pipeline?\(query)")
                return (r.status, r.body.string)
            }
            let form = try await count("")
            #expect(form.1.contains("name=\"from[day]\""))
            #expect(form.1.contains("name=\"to[year]\""))
            // Typed parts: nothing is expected from 2099; both by then.
            let late = try await count("from%5Bday%5D=1&from%5Bmonth%5D=1&from%5Byear%5D=2099")
            #expect(late.0 == .ok)
            #expect(late.1.contains("No forthcoming opportunities match."))
            #expect(late.1.contains("value=\"2099\""))  // shown again as typed
            let all = try await count("to%5Bday%5D=31&to%5Bmonth%5D=12&to%5Byear%5D=2099")
            #expect(all.1.contains("2 opportunities."))
            // ISO text, as old links and the CSV and Atom links send it.
            #expect(try await count("from=2099-01-01").1.contains("No forthcoming opportunities match."))
            #expect(try await count("to=2099-12-31").1.contains("2 opportunities."))
            let csv = try await b.get("/pipeline.csv?from%5Bday%5D=1&from%5Bmonth%5D=1&from%5Byear%5D=2099")
            #expect(csv.body.string.split(separator: "\r\n").count == 1)  // the header only
            // An invalid date is refused with a clear message, linked to its field.
            let bad = try await count("from%5Bday%5D=31&from%5Bmonth%5D=2&from%5Byear%5D=2027")
            #expect(bad.0 == .unprocessableEntity)
            #expect(bad.1.contains("<a href=\"#from-day\">The earliest expected tender date must be a real date</a>"))
            let part = try await count("to%5Bday%5D=1&to%5Bmonth%5D=&to%5Byear%5D=2027")
            #expect(part.1.contains("<a href=\"#to-month\">The latest expected tender date must include a month</a>"))
            let iso = try await count("to=31%2F12%2F2027")
            #expect(iso.0 == .unprocessableEntity)
            #expect(
                iso.1.contains(
                    "<a href=\"#to\">The latest expected tender date must be a real date, like 2026-04-01</a>"))
        }
    }
}
