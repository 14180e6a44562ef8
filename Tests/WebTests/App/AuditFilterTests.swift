import Fluent
import Foundation
import SQLKit
import SocialValue
import Storage
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// The audit trail's filter lists every kind of record the trail holds (issue 13 §7), read from
/// the events, so that a kind a store starts to record can never be missing from it.
@Suite struct AuditFilterTests {
    @Test func theFilterOffersEveryKindOfRecordTheStoresAudited() async throws {
        try await withDemoApp { app in
            let sql = try #require(app.db as? SQLDatabase)
            struct Row: Decodable { let kind: String }
            let kinds = try await sql.raw("SELECT DISTINCT record_type AS kind FROM audit_events").all(
                decoding: Row.self
            )
            .map(\.kind)
            // The demo's stores audit these among others; the old hand-kept list had none of them.
            for kind in ["procurement", "tender", "bid", "monitoring-return", "value-set", "consultation"] {
                #expect(kinds.contains(kind), "\(kind)")
            }
            let admin = Browser(app)
            try await admin.signIn(Demo.admin)
            let page = try await admin.get("/audit").body.string
            for kind in kinds { #expect(page.contains("<option value=\"\(kind)\">\(kind)</option>"), "\(kind)") }
            let options = page.components(separatedBy: "<option ").count - 1
            #expect(options == kinds.count + 1)  // and "All types"
            // Choosing one keeps it chosen and lists only its events.
            let tenders = try await admin.get("/audit?type=tender").body.string
            #expect(tenders.contains("<option value=\"tender\" selected>tender</option>"))
            #expect(!tenders.contains(" monitoring-return</td>"))
        }
    }
}
