import Demo
import Fluent
import Foundation
import Storage
import Testing
import Vapor
import VaporTesting

@testable import Web

/// `/api/v1/notifications` carries the done state the page shows as a "Done" tag (issue 13 §2):
/// `done` always, `doneAt` (an instant in UTC) once done, omitted before.
@Suite struct NotificationAPITests {
    let api = APITests()

    @Test func aNotificationWhoseTaskIsDoneSaysSoWithItsTime() async throws {
        try await withDemoApp { app in
            let b = Browser(app)
            let token = try await api.token(for: Demo.supplier, app)
            let proposal = "Eastmoor County Council proposes to reduce funding for “Brackenford food and advice hub”"
            func items(_ query: String = "") async throws -> [[String: Any]] {
                let list = try api.json(try await b.api(.GET, "/api/v1/notifications\(query)", token: token))
                return try #require(list["items"] as? [[String: Any]])
            }
            // Before Sam responds to the shared proposal, it asks him to: not done, no time.
            let before = try #require(try await items().first { ($0["text"] as? String)?.hasPrefix(proposal) == true })
            #expect(before["done"] as? Bool == false)
            #expect(before["doneAt"] == nil)

            // He responds on the web: the notification is done, with the time it was done.
            let sam = try await DecommissioningPageTests.signedIn(Demo.supplier, app)
            let c = try await DecommissioningPageTests.demoCase(app)
            _ = try await sam.get("/decommissioning/\(c.id!)/response")
            #expect(
                try await sam.post("/decommissioning/\(c.id!)/response", ["responseText": "Please keep Friday opening"])
                    .status == .seeOther)
            let all = try await items()
            let after = try #require(all.first { ($0["text"] as? String)?.hasPrefix(proposal) == true })
            #expect(after["done"] as? Bool == true)
            let doneAt = try #require(after["doneAt"] as? String)
            #expect(doneAt.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"#, options: .regularExpression) != nil)
            // Every item says whether it is done; those not done have no time.
            #expect(all.allSatisfy { $0["done"] is Bool })
            #expect(all.filter { $0["done"] as? Bool == false }.allSatisfy { $0["doneAt"] == nil })
            #expect(all.filter { $0["done"] as? Bool == true }.allSatisfy { $0["doneAt"] is String })
            // The unread list leaves it out.
            let unread = try await items("?unread=true")
            #expect(!unread.contains { ($0["text"] as? String)?.hasPrefix(proposal) == true })
            #expect(unread.allSatisfy { $0["done"] as? Bool == false })
        }
    }
}
