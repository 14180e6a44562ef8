import Fluent
import Foundation
import SQLKit
import Storage
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// A full disk and an unreachable database answer with their own status and message, not 500
/// (docs/security.md, "Faults"): a page, an API answer and a form shown again with its input.
@Suite struct DatabaseFaultWebTests {
    @Test func aFullDiskIs507WithAClearMessageOnPagesAndTheAPI() async throws {
        try await withDemoApp { app in
            let full = try await sqliteFullError(app.db)
            #expect(DatabaseFault(full) == .diskFull)
            app.get("fault-page") { _ -> String in throw full }
            app.get("api", "v1", "fault") { _ -> String in throw full }
            try await app.testing().test(.GET, "/fault-page") { res in
                #expect(res.status == .insufficientStorage)
                #expect(
                    res.body.string.contains("The server’s disk is full")
                        || res.body.string.contains("The server's disk is full")
                        || res.body.string.contains("The server&#39;s disk is full"))
                #expect(res.headers.first(name: .retryAfter) == "30")
            }
            try await app.testing().test(.GET, "/api/v1/fault") { res in
                #expect(res.status == .insufficientStorage)
                #expect(res.body.string.contains("disk is full"))
                #expect(res.headers.first(name: .retryAfter) == "30")
            }
        }
    }

    @Test func anUnreachableDatabaseIs503() async throws {
        try await withDemoApp { app in
            app.get("api", "v1", "down") { _ -> String in throw ConnectionPoolTimeoutError.connectionRequestTimeout }
            app.get("down") { _ -> String in throw ConnectionPoolTimeoutError.connectionRequestTimeout }
            try await app.testing().test(.GET, "/api/v1/down") { res in
                #expect(res.status == .serviceUnavailable)
                #expect(res.body.string.contains("The database is not available at the moment"))
                #expect(res.headers.first(name: .retryAfter) == "30")
            }
            try await app.testing().test(.GET, "/down") { res in
                #expect(res.status == .serviceUnavailable)
                #expect(res.body.string.contains("The database is not available at the moment"))
            }
        }
    }
}
