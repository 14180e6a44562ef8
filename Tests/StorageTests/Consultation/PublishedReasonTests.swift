import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing
import Vapor

@testable import Storage

private func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

/// Issue 13 §1: a published consultation's reason for a short period is part of the public
/// record. Another reason is refused and leaves the consultation as it was; leaving the reason
/// out, or extending the period, keeps the published reason.
@Suite struct PublishedReasonTests {
    static let reason = "The government's deadline is 30 April."

    /// 2 March to 13 April 2026 (42 days, short of the Compact's 84), published on 2 February.
    static func shortPublished(_ a: ConsultationArea) async throws -> (UUID, ConsultationInput) {
        var input = ConsultationArea.input
        input.closesOn = "2026-04-13"
        input.shortPeriodReason = reason
        let (id, _) = try await a.published(input)
        return (id, input)
    }

    @Test(arguments: Backend.all)
    func anotherReasonIsRefusedBeforeAndAfterOpeningAndChangesNothing(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let a = try await ConsultationArea(app)
            let (id, input) = try await Self.shortPublished(a)
            let before = try await a.store.find(id).auditFields
            let audits = try await AuditEventModel.query(on: app.db).count()
            var changed = input
            changed.shortPeriodReason = "The budget is set in April."
            changed.title = "Community transport (revised)"
            let refusal = StorageError.conflict(
                FieldError(
                    "shortPeriodReason",
                    "The reason for the shorter period was published on 2 February 2026 and cannot be changed: it stays on the consultation’s page as published"
                ))
            for now in [utc("2026-02-10T10:00:00Z"), utc("2026-03-10T10:00:00Z")] {
                await #expect(throws: refusal) {
                    try await a.store.update(id, changed, viewer: a.commissioner, by: .user(a.priya), now: now)
                }
            }
            // A blank box (or none) keeps the published reason: nothing changes.
            var blank = input
            blank.shortPeriodReason = "   "
            _ = try await a.store.update(
                id, blank, viewer: a.commissioner, by: .user(a.priya), now: utc("2026-03-10T10:00:00Z"))
            let after = try await a.store.find(id)
            #expect(after.auditFields == before)
            #expect(after.shortPeriodReason == Self.reason)
            #expect(try await AuditEventModel.query(on: app.db).count() == audits)
        }
    }

    @Test(arguments: Backend.all)
    func extendingTheOpenConsultationKeepsThePublishedReason(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let a = try await ConsultationArea(app)
            let (id, input) = try await Self.shortPublished(a)
            var extended = input
            extended.shortPeriodReason = nil  // the form no longer offers the box
            extended.closesOn = "2026-05-25"  // 2 March → 25 May: 84 days, the minimum
            let saved = try await a.store.update(
                id, extended, viewer: a.commissioner, by: .user(a.priya), now: utc("2026-03-10T10:00:00Z"))
            #expect(saved.periodDays == 84)
            #expect(saved.shortPeriodReason == Self.reason)
            #expect(try await a.store.find(id).shortPeriodReason == Self.reason)
        }
    }
}
