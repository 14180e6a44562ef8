import Demo
import Fluent
import Foundation
import SocialValue
import Storage
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// Issue 19 items 1, 2, 5, 6 and 7, through real requests.
@Suite struct HardeningTests {
    let api = APITests()
    static let transport = "Community transport 2026 to 2029"

    func transport(_ app: Application) async throws -> ProcurementModel {
        try await ProcurementModel.query(on: app.db).filter(\.$title == Self.transport).with(\.$owner).first()!
    }

    @Test(arguments: [
        "/\t/evil.example", "/%09/evil.example", "//evil.example", "/\\evil.example", "https://evil.example",
    ])
    func signInNeverRedirectsOffSite(next: String) async throws {
        try await withDemoApp { app in
            let b = Browser(app)
            try await b.get("/sign-in?next=\(Browser.encode(next))")
            let signedIn = try await b.post("/sign-in", ["email": Demo.viewer, "password": testPassword, "next": next])
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers.first(name: .location) == "/dashboard")
        }
    }

    @Test func signInStillGoesBackToALocalPage() async throws {
        try await withDemoApp { app in
            let b = Browser(app)
            try await b.get("/sign-in")
            let signedIn = try await b.post(
                "/sign-in", ["email": Demo.viewer, "password": testPassword, "next": "/pipeline?q=transport"])
            #expect(signedIn.headers.first(name: .location) == "/pipeline?q=transport")
        }
    }

    @Test func aFormulaInAnOrganisationNameLeavesTheCSVNeutralised() async throws {
        try await withDemoApp { app in
            let owner = try await transport(app).owner
            owner.name = "-1+HYPERLINK(\"http://x\")"
            try await owner.save(on: app.db)
            let csv = try await Browser(app).get("/pipeline.csv").body.string
            #expect(csv.contains(",\"'-1+HYPERLINK(\"\"http://x\"\")\","))
            #expect(!csv.contains(",\"-1+HYPERLINK"))
        }
    }

    @Test func controlCharactersAreRefusedByTheAPINamingTheField() async throws {
        try await withDemoApp { app in
            let b = Browser(app)
            let county = try await id(of: "Eastmoor County Council", app)
            let compact = try await compactID(app)
            let priya = try await api.token(for: Demo.commissioner, app)
            func body(_ title: String) -> String {
                """
                {"ownerId": "\(county)", "compactId": "\(compact)", "title": "\(title)", "description": "Evening youth clubs.",
                 "kind": "services", "value": "300000", "valueIncludesVAT": true, "tenderOpensOn": "2026-09-01"}
                """
            }
            let created = try await b.api(.POST, "/api/v1/procurements", token: priya, json: body("Youth clubs"))
            #expect(created.status == .created)
            let pid = try #require(try api.json(created)["id"] as? String)
            let bad = try await b.api(
                .PUT, "/api/v1/procurements/\(pid)", token: priya, json: body(#"Youth\u000b\u0001 clubs"#))
            #expect(bad.status == .unprocessableEntity)
            let problems = try #require(try api.json(bad)["problems"] as? [[String: Any]])
            #expect(problems.map { $0["field"] as? String } == ["title"])
            #expect(problems.first?["message"] as? String == TextCheckingDecoder.message)
            // Nested fields are named by their path.
            let nested = try await b.api(
                .PUT, "/api/v1/procurements/\(pid)/consideration", token: priya,
                json: #"{"wellbeing": "ok", "extra": {"notes": ["fine", "bell\u0007"]}}"#)
            #expect(nested.status == .unprocessableEntity)
            let named = try #require(try api.json(nested)["problems"] as? [[String: Any]])
            #expect(named.map { $0["field"] as? String } == ["extra.notes[1]"])
        }
    }

    @Test func aFormWithAControlCharacterIsRefusedNamingTheField() async throws {
        try await withDemoApp { app in
            let b = Browser(app)
            try await b.signIn(Demo.supplier)
            try await b.get("/account")
            let refused = try await b.post("/account/tokens", ["name": "script\u{0B}one"])
            #expect(refused.status == .unprocessableEntity)
            // The form's own GOV.UK error summary, linking to the field.
            #expect(refused.body.string.contains("<li><a href=\"#name\">\(TextCheckingDecoder.message)</a></li>"))
            #expect(refused.body.string.contains("action=\"/account/tokens\""))
            // Without its token, the same form is still refused as forged.
            let forged = try await b.post("/account/tokens", ["name": "script\u{0B}one"], csrf: "forged")
            #expect(forged.status == .forbidden)
            // A sign-in form (read with `form()`) too.
            let out = Browser(app)
            try await out.get("/sign-in")
            let signIn = try await out.post("/sign-in", ["email": "a\u{01}@example.org", "password": testPassword])
            #expect(signIn.status == .unprocessableEntity)
            #expect(signIn.body.string.contains("<li><code>email</code>:"))
        }
    }

    @Test func theFeedIsWellFormedEvenForAStoredBadTitle() async throws {
        try await withDemoApp { app in
            let p = try await transport(app)
            p.title = "Community\u{0B}\u{01} transport & <more>"
            try await p.save(on: app.db)
            let atom = try await Browser(app).get("/pipeline.atom").body.string
            #expect(atom.contains("<title>Community transport &amp; &lt;more&gt;</title>"))
            let allowed = { (s: Unicode.Scalar) in
                s == "\t" || s == "\n" || s == "\r" || (0x20...0xD7FF).contains(s.value)
                    || (0xE000...0xFFFD).contains(s.value) || s.value >= 0x10000
            }
            #expect(atom.unicodeScalars.allSatisfy(allowed))
        }
    }

    @Test func feedLinksUseThePublicURLNotTheHostHeader() async throws {
        try await withApp(.sqliteMemory) { app in
            try configure(
                app, settings: WebSettings(passwords: testPasswords, publicURL: "https://commonweal.example.org"))
            _ = try await DemoArea.load(on: app.db, passwords: testPasswords, password: testPassword)
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .host, value: "evil.example")
            let atom = try await app.testing().sendRequest(.GET, "/pipeline.atom", headers: headers).body.string
            #expect(!atom.contains("evil.example"))
            #expect(atom.contains("<link rel=\"self\" href=\"https://commonweal.example.org/pipeline.atom\"/>"))
            #expect(atom.contains("<link href=\"https://commonweal.example.org/procurements/"))
        }
    }

    @Test(arguments: [
        ("https://commonweal.example.org", "https://commonweal.example.org"),
        ("https://commonweal.example.org/", "https://commonweal.example.org"),
        ("http://localhost:8080", "http://localhost:8080"),
        ("https://example.org/commonweal/", "https://example.org/commonweal"),
    ])
    func aGoodPublicURLIsAccepted(raw: String, kept: String) throws {
        #expect(try WebSettings.publicURL(raw) == kept)
    }

    @Test(arguments: [
        "commonweal.example.org", "ftp://example.org", "https://example.org/?a=1", "https://", "/relative",
        "https://example.org/#x", "https://ex ample.org",
    ])
    func aBadPublicURLIsRefused(raw: String) {
        #expect(throws: (any Error).self) { try WebSettings.publicURL(raw) }
    }

    @Test func authenticatedResponsesAreNotStored() async throws {
        try await withDemoApp { app in
            let b = Browser(app)
            // Public pages and downloads may be cached.
            #expect(try await b.get("/pipeline.csv").headers.first(name: .cacheControl) == nil)
            try await b.signIn(Demo.commissioner)
            #expect(try await b.get("/dashboard").headers.first(name: .cacheControl) == "no-store")
            let csv = try await b.get("/decommissioning.csv")
            #expect(csv.status == .ok)
            #expect(csv.headers.first(name: .cacheControl) == "no-store")
            #expect(try await b.get("/pipeline.csv").headers.first(name: .cacheControl) == "no-store")
            let token = try await api.token(for: Demo.commissioner, app)
            let mine = try await b.api(.GET, "/api/v1/procurements?mine=true", token: token)
            #expect(mine.status == .ok)
            #expect(mine.headers.first(name: .cacheControl) == "no-store")
            let me = try await b.api(.GET, "/api/v1/me", token: token)
            #expect(me.headers.first(name: .cacheControl) == "no-store")
            // A bad token's 401 is not stored either.
            let refused = try await b.api(.GET, "/api/v1/me", token: "not-a-token")
            #expect(refused.status == .unauthorized)
            #expect(refused.headers.first(name: .cacheControl) == "no-store")
        }
    }
}
