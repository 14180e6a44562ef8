import Foundation
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// Issue 19 §9: sign-in says the same to an email with an account and one without, before and
/// after five wrong passwords, so the lockout cannot tell which emails have accounts.
@Suite struct SignInEnumerationTests {
    /// The error summary's message and the status of a sign-in attempt.
    static func attempt(_ b: Browser, _ email: String, _ password: String) async throws -> (HTTPStatus, String?) {
        let r = try await b.post("/sign-in", ["email": email, "password": password])
        return (r.status, Browser.firstMatch(##"<a href="#email">([^<]+)</a>"##, in: r.body.string))
    }

    @Test func knownAndUnknownEmailsGetTheSameAnswersBeforeAndAfterTheLockout() async throws {
        try await withDemoApp { app in
            let known = Browser(app)
            let unknown = Browser(app)
            try await known.get("/sign-in")
            try await unknown.get("/sign-in")
            for n in 1...5 {
                let k = try await Self.attempt(known, Demo.viewer, "not the password")
                let u = try await Self.attempt(unknown, "nobody@brackenford-dc.example", "not the password")
                #expect(k.0 == u.0, "attempt \(n)")
                #expect(k.1 == u.1, "attempt \(n)")
                #expect(k.1 != nil)
            }
            // The known account is now locked: even its right password gets the same answer.
            let k = try await Self.attempt(known, Demo.viewer, testPassword)
            let u = try await Self.attempt(unknown, "nobody@brackenford-dc.example", testPassword)
            #expect(k.0 == u.0)
            #expect(k.1 == u.1)
            #expect(k.1?.contains("locked for 15 minutes") == true)
            #expect(known.cookies["cw_session"] == nil)
        }
    }
}
