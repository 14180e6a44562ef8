import Fluent
import Foundation
import Storage
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

@Suite struct PublicPageTests {
    @Test func homeStylesheetAndHealth() async throws {
        try await withDemoApp { app in
            let browser = Browser(app)
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            #expect(home.body.string.contains("Create and prove social value in public services"))
            #expect(home.body.string.contains("href=\"/assets/app.css\""))
            #expect(home.body.string.contains("Skip to main content"))
            #expect(home.headers.first(name: "Content-Security-Policy")?.contains("default-src 'self'") == true)
            #expect(home.headers.first(name: "X-Frame-Options") == "DENY")
            let css = try await browser.get("/assets/app.css")
            #expect(css.headers.contentType?.subType == "css")
            #expect(css.body.string.contains(".govuk-error-summary"))
            let health = try await browser.get("/healthz")
            #expect(health.status == .ok)
            #expect(health.body.string.contains("\"reachable\""))
            #expect(try await browser.get("/no-such-page").status == .notFound)
        }
    }

    @Test func healthIs503WhenTheDatabaseIsUnreachable() async throws {
        let app = try await Application.make(.testing)
        app.logger.logLevel = .critical
        try app.useDatabase(.postgres(url: "postgres://nobody@127.0.0.1:1/none?tlsmode=disable"))
        try configure(app, settings: WebSettings(passwords: testPasswords))
        let response = try await app.testing().sendRequest(.GET, "/healthz")
        #expect(response.status == .serviceUnavailable)
        try await app.asyncShutdown()
    }

    @Test func thePublicSeesTheCompactItsSignatoriesAndThatReviewIsDue() async throws {
        try await withDemoApp { app in
            let id = try await compactID(app)
            let page = try await Browser(app).get("/compacts/\(id)")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("Eastmoor Police and Crime Commissioner"))  // joined later
            #expect(html.contains("20 January 2025"))
            #expect(html.contains("This Compact was due for review on 1 March 2026."))
            #expect(html.contains("Co-chair (voluntary sector)"))
            #expect(html.contains("2.4 Twelve-week written consultations"))
            #expect(html.contains("84 days"))
            #expect(html.contains("£25,000 to under £100,000"))
            #expect(!html.contains("Change the settings"))  // anonymous cannot manage
            let reviews = try await Browser(app).get("/compacts/\(id)/reviews")
            #expect(reviews.body.string.contains("Review of 3 March 2025"))
        }
    }

    @Test func signedOutVisitorsAreSentToSignIn() async throws {
        try await withDemoApp { app in
            for path in ["/dashboard", "/organisations", "/admin/users", "/audit", "/account"] {
                let r = try await Browser(app).get(path)
                #expect(r.status == .seeOther, "\(path)")
                #expect(r.headers.first(name: .location) == "/sign-in?next=\(path)")
            }
        }
    }
}

@Suite struct PermissionTests {
    @Test func onlyAdminsReachUserManagementAndTheAuditTrail() async throws {
        try await withDemoApp { app in
            for email in [Demo.commissioner, Demo.viewer, Demo.supplier, Demo.groupMember] {
                let browser = Browser(app)
                try await browser.signIn(email)
                #expect(try await browser.get("/admin/users").status == .forbidden, "\(email)")
                #expect(try await browser.get("/audit").status == .forbidden, "\(email)")
            }
            let admin = Browser(app)
            try await admin.signIn(Demo.admin)
            #expect(try await admin.get("/admin/users?q=priya").body.string.contains("Priya Commissioner"))
            let audit = try await admin.get("/audit")
            #expect(audit.body.string.contains("Chain intact"))
        }
    }

    @Test func organisationsAreEditedOnlyByTheirOwnCommissionersAndSupplierMembers() async throws {
        try await withDemoApp { app in
            let county = try await id(of: "Eastmoor County Council", app)
            let foodbank = try await id(of: "Brackenford Foodbank", app)
            let commissioner = Browser(app)
            try await commissioner.signIn(Demo.commissioner)
            #expect(try await commissioner.get("/organisations/\(county)/edit").status == .ok)
            #expect(try await commissioner.get("/organisations/\(foodbank)/edit").status == .forbidden)
            let supplier = Browser(app)
            try await supplier.signIn(Demo.supplier)
            #expect(try await supplier.get("/organisations/\(foodbank)/edit").status == .ok)
            let evaluator = Browser(app)
            try await evaluator.signIn(Demo.evaluator)
            #expect(try await evaluator.get("/organisations/\(county)/edit").status == .forbidden)
            try await evaluator.get("/dashboard")
            #expect(try await evaluator.post("/organisations/\(county)", ["name": "Hijacked"]).status == .forbidden)
            #expect(try await OrganisationModel.find(county, on: app.db)?.name == "Eastmoor County Council")
        }
    }

    @Test func anOrganisationsProfileIsPublicButItsPeopleAreNot() async throws {
        try await withDemoApp { app in
            let foodbank = try await id(of: "Brackenford Foodbank", app)
            let visitor = try await Browser(app).get("/organisations/\(foodbank)")
            #expect(visitor.status == .ok)
            #expect(visitor.body.string.contains("<h1 class=\"govuk-heading-l\">Brackenford Foodbank</h1>"))
            #expect(visitor.body.string.contains("Local Compacts signed"))
            #expect(!visitor.body.string.contains(">People</caption>"))
            #expect(!visitor.body.string.contains("Change details"))
            #expect(try await Browser(app).get("/organisations").status == .seeOther)
            let supplier = Browser(app)
            try await supplier.signIn(Demo.supplier)
            let own = try await supplier.get("/organisations/\(foodbank)")
            #expect(own.body.string.contains(">People</caption>"))
            #expect(own.body.string.contains("Change details"))
        }
    }

    @Test func compactsAreManagedOnlyByTheirGroup() async throws {
        try await withDemoApp { app in
            let compact = try await compactID(app)
            let commissioner = Browser(app)
            try await commissioner.signIn(Demo.commissioner)
            #expect(try await commissioner.get("/compacts/\(compact)/settings").status == .forbidden)
            let member = Browser(app)
            try await member.signIn(Demo.groupMember)
            #expect(try await member.get("/compacts/\(compact)/settings").status == .ok)
            #expect(try await member.get("/compacts/\(compact)").body.string.contains("Change the settings"))
        }
    }
}

@Suite struct FormTests {
    @Test func anInvalidOrganisationIsShownBackWithItsErrors() async throws {
        try await withDemoApp { app in
            let admin = Browser(app)
            try await admin.signIn(Demo.admin)
            try await admin.get("/organisations/new")
            let bad = try await admin.post(
                "/organisations",
                [
                    "name": "<script>alert(1)</script> Trust", "kind": "charity", "addressLine1": "1 High Street",
                    "town": "Eastmoor", "postcode": "nowhere", "area": "Eastmoor", "charityNumber": "12",
                ])
            #expect(bad.status == .unprocessableEntity)
            let html = bad.body.string
            #expect(html.contains("<a href=\"#postcode\">Enter a real postcode, like WX1 2AB</a>"))
            #expect(html.contains("<a href=\"#charityNumber\">"))
            #expect(html.contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt; Trust\""))  // kept, escaped
            #expect(!html.contains("<script>alert(1)</script>"))
            #expect(
                try await OrganisationModel.query(on: app.db).filter(\.$name == "<script>alert(1)</script> Trust")
                    .count() == 0)
            let good = try await admin.post(
                "/organisations",
                [
                    "name": "Eastmoor Men’s Sheds", "kind": "community-group", "addressLine1": "The Shed, Park Road",
                    "town": "Eastmoor", "postcode": "em2 7ms", "area": "Eastmoor",
                ])
            #expect(good.status == .seeOther)
            let shown = try await admin.get(good.headers.first(name: .location)!)
            #expect(shown.body.string.contains("Eastmoor Men’s Sheds has been added"))
            #expect(shown.body.string.contains("EM2 7MS"))
            let list = try await admin.get("/organisations?q=sheds&sector=supplier")
            #expect(list.body.string.contains("Eastmoor Men’s Sheds"))
            #expect(!list.body.string.contains("Brackenford Foodbank"))
        }
    }

    @Test func theGroupChangesSettingsWithFieldErrorsForBadBands() async throws {
        try await withDemoApp { app in
            let compact = try await compactID(app)
            let member = Browser(app)
            try await member.signIn(Demo.groupMember)
            try await member.get("/compacts/\(compact)/settings")
            var form: [String: String] = [
                "minimumConsultationDays": "70", "minimumNoticeMonths": "3",
                "considerSocialValueInAllProcurements": "yes",
                "bands[0][from]": "0", "bands[0][minWeightingPercent]": "5", "bands[0][maxWeightingPercent]": "10",
                "bands[0][monitoring]": "annually",
                "bands[1][from]": "£50,000", "bands[1][minWeightingPercent]": "15",
                "bands[1][maxWeightingPercent]": "12", "bands[1][monitoring]": "quarterly",
                "bands[2][from]": "", "bands[2][minWeightingPercent]": "", "bands[2][maxWeightingPercent]": "",
                "bands[2][monitoring]": "",
            ]
            let bad = try await member.post("/compacts/\(compact)/settings", form)
            #expect(bad.status == .unprocessableEntity)
            #expect(
                bad.body.string.contains(
                    "<a href=\"#bands-1--maxWeightingPercent\">Band 2’s highest weighting must not be below its lowest</a>"
                ))
            // The form comes back with what was typed, the field beside its message.
            #expect(bad.body.string.contains("name=\"bands[1][from]\" type=\"text\" value=\"50,000\""))
            form["bands[1][maxWeightingPercent]"] = "20"
            let good = try await member.post("/compacts/\(compact)/settings", form)
            #expect(good.status == .seeOther)
            let page = try await member.get("/compacts/\(compact)")
            #expect(page.body.string.contains("70 days"))
            #expect(page.body.string.contains("£50,000 and above"))
            let settings = try await CompactModel.find(compact, on: app.db)!.settings
            #expect(settings.bands.count == 2)
            #expect(settings.bands[1].fromPence == 5_000_000)
            let event = try await AuditEventModel.query(on: app.db).sort(\.$sequence, .descending).first()!
            #expect(event.actor == Demo.groupMember)
            #expect(event.changes.contains("minimumConsultationDays"))
        }
    }

    @Test func aForgedSettingsPostChangesNothing() async throws {
        try await withDemoApp { app in
            let compact = try await compactID(app)
            let member = Browser(app)
            try await member.signIn(Demo.groupMember)
            let r = try await member.post("/compacts/\(compact)/settings", ["minimumConsultationDays": "14"], csrf: "x")
            #expect(r.status == .forbidden)
            #expect(try await CompactModel.find(compact, on: app.db)!.minConsultationDays == 84)
        }
    }

    @Test func adminAddsAUserAndGivesThemARole() async throws {
        try await withDemoApp { app in
            let admin = Browser(app)
            try await admin.signIn(Demo.admin)
            try await admin.get("/admin/users/new")
            let dup = try await admin.post(
                "/admin/users", ["displayName": "Again", "email": Demo.viewer, "password": "long enough password"])
            #expect(dup.body.string.contains("An account with the email address \(Demo.viewer) already exists"))
            let made = try await admin.post(
                "/admin/users",
                ["displayName": "Nadia New", "email": "nadia@eastmoor-cc.example", "password": "long enough password"])
            let userPage = made.headers.first(name: .location)!
            try await admin.get(userPage)
            let county = try await id(of: "Eastmoor County Council", app)
            let foodbank = try await id(of: "Brackenford Foodbank", app)
            let wrongSide = try await admin.post(
                userPage + "/memberships", ["organisationId": foodbank.uuidString, "role": "evaluator"])
            #expect(wrongSide.body.string.contains("An evaluator must belong to a public body"))
            #expect(
                try await admin.post(
                    userPage + "/memberships", ["organisationId": county.uuidString, "role": "evaluator"]
                ).status == .seeOther)
            let nadia = Browser(app)
            try await nadia.signIn("nadia@eastmoor-cc.example", password: "long enough password")
            #expect(try await nadia.get("/dashboard").body.string.contains("Evaluator at Eastmoor County Council"))
        }
    }
}
