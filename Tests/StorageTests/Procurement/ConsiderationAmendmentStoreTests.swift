import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing
import Vapor

@testable import Storage

private func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

/// A signed-off consideration is never changed in place: recording it again is refused, and an
/// amendment is a new version beside the original (procurements.md, "Amending the consideration").
@Suite struct ConsiderationAmendmentStoreTests {
    /// The original's columns as stored, to compare byte for byte.
    struct Original: Equatable {
        var json: String?
        var signedBy: String?
        var signedAt: Date?
        var signedOn: String?

        init(_ p: ProcurementModel) {
            json = p.considerationJSON
            signedBy = p.considerationSignedBy
            signedAt = p.considerationSignedAt
            signedOn = p.considerationSignedOn
        }
    }

    static func amendment(_ reason: String?, _ change: (inout ConsiderationInput) -> Void)
        -> ConsiderationAmendmentInput
    {
        var c = ProcurementStoreTests.consideration()
        change(&c)
        return ConsiderationAmendmentInput(c, reason: reason)
    }

    @Test(arguments: Backend.all)
    func theOriginalStaysAsSignedAndTimelinessIsJudgedFromIt(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let area = try await ConsultationArea(app)
            let store = ProcurementStore(app.db)
            let actor = Actor.user(area.priya)
            let priya = try await UserStore(app.db, passwords: testPasswords).viewer(for: area.priya)
            let p = try await store.create(
                owner: area.county, compact: area.compact, ProcurementStoreTests.input(), viewer: priya, by: actor,
                now: utc("2026-02-01T09:00:00Z"))
            let id = p.id!
            // Signed off on 1 March, the tender opened on 2 March: on time.
            _ = try await store.recordConsideration(
                id, ProcurementStoreTests.consideration(), signedBy: "Priya", viewer: priya, by: actor,
                now: utc("2026-03-01T09:00:00Z"))
            _ = try await store.transition(
                id, to: "tender-open", viewer: priya, by: actor, now: utc("2026-03-02T09:00:00Z"))
            let signed = Original(try await store.find(id))
            #expect(signed.signedOn == "2026-03-01")
            #expect(signed.signedBy == "Priya")

            // Recording it again is refused: the way to change it is an amendment.
            await #expect(
                throws: StorageError.conflict(
                    FieldError(
                        "consideration",
                        "The consideration was signed off on 1 March 2026 and is not recorded again: amend it, giving the reason"
                    ))
            ) {
                try await store.recordConsideration(
                    id, Self.amendment(nil) { $0.weightingPercent = "12" }.consideration, signedBy: "Priya",
                    viewer: priya, by: actor, now: utc("2026-03-09T09:00:00Z"))
            }
            // An amendment needs its reason; refused, nothing is written.
            let events = try await AuditEventModel.query(on: app.db).count()
            await #expect(throws: ValidationFailure("reason", "Enter why the consideration is amended")) {
                try await store.amendConsideration(
                    id, Self.amendment(" ") { $0.weightingPercent = "12" }, signedBy: "Priya", viewer: priya,
                    by: actor, now: utc("2026-03-09T09:00:00Z"))
            }
            #expect(try await store.amendments(of: id).isEmpty)
            #expect(try await AuditEventModel.query(on: app.db).count() == events)
            #expect(Original(try await store.find(id)) == signed)

            // 12% with a reason, a week after the start: version 2.
            let v2 = try await store.amendConsideration(
                id, Self.amendment("Market engagement showed 12% is proportionate") { $0.weightingPercent = "12" },
                signedBy: "Priya", viewer: priya, by: actor, now: utc("2026-03-09T09:00:00Z"))
            #expect(v2.version == 2)
            #expect(v2.signedOn == "2026-03-09")
            #expect(v2.signedBy == "Priya")
            #expect(v2.author == area.priya.email)
            #expect(v2.authorID == area.priya.id)
            #expect(v2.reason == "Market engagement showed 12% is proportionate")
            #expect(v2.consideration?.weightingPercent == 12)
            #expect(v2.tenderWeightingPercent == nil)  // no tender published
            let after = try await store.find(id)
            #expect(Original(after) == signed)  // byte for byte
            #expect(after.consideration?.weightingPercent == 15)
            #expect(!after.isLate)  // still on time: judged from the original
            let audit = try await AuditEventModel.query(on: app.db).filter(\.$action == "consideration-amended").all()
            #expect(audit.count == 1)
            #expect(audit.first?.recordID == id.uuidString)

            // The same again changes nothing and is refused; a further change is version 3.
            await #expect(
                throws: ValidationFailure(
                    "wellbeing",
                    "The amendment is the same as version 2, the consideration in force: change what needs amending")
            ) {
                try await store.amendConsideration(
                    id, Self.amendment("Again") { $0.weightingPercent = "12" }, signedBy: "Priya", viewer: priya,
                    by: actor, now: utc("2026-03-10T09:00:00Z"))
            }
            let v3 = try await store.amendConsideration(
                id,
                Self.amendment("Monthly returns while the service beds in") {
                    $0.weightingPercent = "12"
                    $0.monitoring = "monthly"
                    $0.monitoringReason = "The service is new"
                }, signedBy: "Sam", viewer: priya, by: actor, now: utc("2026-03-10T09:00:00Z"))
            #expect(v3.version == 3)
            #expect(try await store.amendments(of: id).map(\.version) == [2, 3])
            #expect(Original(try await store.find(id)) == signed)
        }
    }

    @Test(arguments: Backend.all)
    func aLateOriginalStaysLateAndAnUnsignedOneCannotBeAmended(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let area = try await ConsultationArea(app)
            let store = ProcurementStore(app.db)
            let actor = Actor.user(area.priya)
            let priya = try await UserStore(app.db, passwords: testPasswords).viewer(for: area.priya)
            let compact = try await CompactModel.find(area.compact, on: app.db)!
            compact.considerAllProcurements = false
            try await compact.update(on: app.db)
            let p = try await store.create(
                owner: area.county, compact: area.compact, ProcurementStoreTests.input("40000", title: "Lunch club"),
                viewer: priya, by: actor)
            let id = p.id!
            await #expect(
                throws: StorageError.conflict(
                    FieldError(
                        "consideration", "There is no signed-off consideration to amend: record the consideration first"
                    ))
            ) {
                try await store.amendConsideration(
                    id, Self.amendment("Why") { _ in }, signedBy: "Priya", viewer: priya, by: actor)
            }
            _ = try await store.transition(
                id, to: "tender-open", viewer: priya, by: actor, now: utc("2026-03-02T09:00:00Z"))
            var c = ProcurementStoreTests.consideration()
            c.weightingPercent = "10"
            c.monitoring = "six-monthly"
            _ = try await store.recordConsideration(
                id, c, signedBy: "Priya", viewer: priya, by: actor, now: utc("2026-03-09T09:00:00Z"))
            #expect(try await store.find(id).isLate)
            // An amendment cannot make a late consideration on time.
            _ = try await store.amendConsideration(
                id,
                ConsiderationAmendmentInput(
                    {
                        var a = c
                        a.monitoringPlan = "Six-monthly returns and a visit"
                        return a
                    }(), reason: "A visit added"), signedBy: "Priya", viewer: priya, by: actor,
                now: utc("2026-03-10T09:00:00Z"))
            let after = try await store.find(id)
            #expect(after.isLate)
            #expect(after.considerationSignedOn == "2026-03-09")
        }
    }

    @Test func theTenderKeepsItsFrozenWeighting() async throws {
        try await withApp(.sqliteMemory) { app in
            let a = try await TenderArea(app)
            let store = ProcurementStore(app.db)
            // The tender was published at 15% on 10 January 2027; the consideration amended to 12%.
            let v2 = try await store.amendConsideration(
                a.procurement, Self.amendment("Lower weighting after engagement") { $0.weightingPercent = "12" },
                signedBy: "Priya", viewer: a.commissioner, by: .user(a.area.priya), now: utc("2027-01-20T10:00:00Z"))
            #expect(v2.tenderWeightingPercent == 15)
            #expect(
                v2.frozenWeightingNote
                    == "The tender was published with a social value weighting of 15%; this amendment (12%) does not change it. Bids are evaluated at 15%."
            )
            #expect(try await a.tenders.find(a.tender).configuration.weights.socialValue == 15)
            // Back to 15%: it agrees with the tender, no note.
            let v3 = try await store.amendConsideration(
                a.procurement, Self.amendment("Back to 15% after the Compact group's comments") { _ in },
                signedBy: "Priya", viewer: a.commissioner, by: .user(a.area.priya), now: utc("2027-01-21T10:00:00Z"))
            #expect(v3.frozenWeightingNote == nil)
        }
    }
}
