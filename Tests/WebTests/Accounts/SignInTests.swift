import Foundation
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

@Suite struct SignInTests {
    @Test(arguments: [
        (Demo.admin, "Installation administrator"),
        (Demo.commissioner, "Commissioner at Eastmoor County Council"),
        (Demo.evaluator, "Evaluator at Eastmoor County Council"),
        (Demo.viewer, "Viewer at Brackenford District Council"),
        (Demo.supplier, "Supplier member at Brackenford Foodbank"),
        ("commissioner@eastmoor-icb.example", "Commissioner at NHS Eastmoor Integrated Care Board"),
        (Demo.groupMember, "Compact group member"),
    ])
    func everyDemoRoleSeesItsDashboard(email: String, heading: String) async throws {
        try await withDemoApp { app in
            let browser = Browser(app)
            let signIn = try await browser.signIn(email)
            #expect(signIn.status == .seeOther)
            #expect(signIn.headers.first(name: .location) == "/dashboard")
            let dashboard = try await browser.get("/dashboard")
            #expect(dashboard.status == .ok)
            #expect(dashboard.body.string.contains("<h2 class=\"govuk-heading-m\">\(heading)"))
        }
    }

    @Test func theSessionCookieIsHttpOnlyAndNewAtEverySignIn() async throws {
        try await withDemoApp { app in
            // A session id planted before sign-in (session fixation) is never adopted.
            let browser = Browser(app)
            browser.cookies["cw_session"] = "planted-by-an-attacker"
            let first = try await browser.signIn(Demo.viewer)
            let cookie = first.headers[.setCookie].first { $0.hasPrefix("cw_session=") } ?? ""
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(browser.cookies["cw_session"] != "planted-by-an-attacker")
            #expect(try await browser.get("/dashboard").status == .ok)
            let other = Browser(app)
            try await other.signIn(Demo.viewer)
            #expect(other.cookies["cw_session"] != browser.cookies["cw_session"])
            let planted = Browser(app)
            planted.cookies["cw_session"] = "planted-by-an-attacker"
            #expect(try await planted.get("/dashboard").status == .seeOther)
        }
    }

    @Test func formsWithoutTheCSRFTokenAreRefused() async throws {
        try await withDemoApp { app in
            let browser = Browser(app)
            try await browser.get("/sign-in")
            let response = try await browser.post(
                "/sign-in", ["email": Demo.admin, "password": testPassword],
                csrf: "forged-token-forged-token-forged-tok")
            #expect(response.status == .forbidden)
            #expect(browser.cookies["cw_session"] == nil)
        }
    }

    @Test func aWrongPasswordShowsTheErrorSummaryAndFiveLockTheAccount() async throws {
        try await withDemoApp { app in
            let browser = Browser(app)
            try await browser.get("/sign-in")
            let wrong = try await browser.post("/sign-in", ["email": Demo.viewer, "password": "not the password"])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.string.contains("There is a problem"))
            #expect(
                wrong.body.string.contains(
                    "<a href=\"#email\">Enter a correct email address and password. After 5 wrong passwords in a row an account is locked for 15 minutes</a>"
                ))
            #expect(wrong.body.string.contains("<title>Error: Sign in"))
            for _ in 2...5 {
                try await browser.post("/sign-in", ["email": Demo.viewer, "password": "not the password"])
            }
            let locked = try await browser.post("/sign-in", ["email": Demo.viewer, "password": testPassword])
            // Locked, the right password gets the same answer as a wrong one (SignInEnumerationTests).
            #expect(locked.status == .unprocessableEntity)
            #expect(locked.body.string.contains("an account is locked for 15 minutes"))
            #expect(browser.cookies["cw_session"] == nil)
        }
    }

    @Test func manyAttemptsFromOneAddressAreRateLimited() async throws {
        try await withDemoApp { app in
            let browser = Browser(app)
            try await browser.get("/sign-in")
            for i in 1...20 {
                try await browser.post(
                    "/sign-in", ["email": "nobody\(i)@eastmoor.example", "password": "guess guess guess"])
            }
            let limited = try await browser.post("/sign-in", ["email": Demo.admin, "password": testPassword])
            #expect(limited.status == .tooManyRequests)
            #expect(limited.body.string.contains("Too many sign-in attempts"))
            #expect(browser.cookies["cw_session"] == nil)
        }
    }

    @Test func signOutEndsTheSession() async throws {
        try await withDemoApp { app in
            let browser = Browser(app)
            try await browser.signIn(Demo.supplier)
            try await browser.get("/dashboard")
            let out = try await browser.post("/sign-out", [:])
            #expect(out.status == .seeOther)
            let after = try await browser.get("/dashboard")
            #expect(after.headers.first(name: .location) == "/sign-in?next=/dashboard")
        }
    }

    @Test func changingYourPasswordSignsYouOutEverywhere() async throws {
        try await withDemoApp { app in
            let browser = Browser(app)
            try await browser.signIn(Demo.evaluator)
            try await browser.get("/account")
            let wrong = try await browser.post(
                "/account/password", ["currentPassword": "nope", "newPassword": "a brand new password"])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.string.contains("Your current password is not correct"))
            let short = try await browser.post(
                "/account/password", ["currentPassword": testPassword, "newPassword": "short"])
            #expect(short.body.string.contains("Password must be 12 characters or more"))
            let ok = try await browser.post(
                "/account/password", ["currentPassword": testPassword, "newPassword": "a brand new password"])
            #expect(ok.headers.first(name: .location) == "/sign-in")
            #expect(try await browser.get("/dashboard").status == .seeOther)
            #expect(
                try await Browser(app).signIn(Demo.evaluator, password: "a brand new password").headers.first(
                    name: .location) == "/dashboard")
        }
    }
}
