import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing
import Vapor

@testable import Storage

private func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

/// Issue 13 §1: a published "you said, we did" summary is never changed in place. Saving it again
/// is refused (409, naming the amendments endpoint) and changes nothing; an amendment is a new
/// version with its reason and author, and the published version stays as it was.
@Suite struct OutcomeAmendmentTests {
    static let published = Outcome(
        youSaid: "Keep Saturdays.", weDid: "We kept them.",
        links: [OutcomeLink(label: "New specification", url: "https://eastmoor.example/spec")])

    /// The county's consultation (closed 25 May 2026) with its summary published by Priya on 2 June.
    static func publishedSummary(_ a: ConsultationArea, _ input: ConsultationInput = ConsultationArea.input)
        async throws -> UUID
    {
        let (id, _) = try await a.published(input)
        _ = try await a.store.saveOutcome(
            id, published, publish: true, viewer: a.commissioner, by: .user(a.priya),
            now: utc("2026-06-02T09:00:00Z"))
        return id
    }

    @Test(arguments: Backend.all)
    func savingAPublishedSummaryAgainIsRefusedAndChangesNothing(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let a = try await ConsultationArea(app)
            let id = try await Self.publishedSummary(a)
            let before = try #require(try await a.store.outcome(of: id, for: nil)).auditFields
            let audits = try await AuditEventModel.query(on: app.db).count()
            let refusal = StorageError.conflict(
                FieldError(
                    "youSaid",
                    "The “you said, we did” summary was published on 2 June 2026 and is not changed in place: amend it with a reason (POST /api/v1/consultations/\(id)/outcome/amendments), and the published version stays beside the amendment"
                ))
            for publish in [false, true] {
                await #expect(throws: refusal) {
                    try await a.store.saveOutcome(
                        id, Outcome(youSaid: "Keep Sundays.", weDid: "We did not.", links: []), publish: publish,
                        viewer: a.commissioner, by: .user(a.priya), now: utc("2026-06-10T09:00:00Z"))
                }
            }
            #expect(try #require(try await a.store.outcome(of: id, for: nil)).auditFields == before)
            #expect(try await AuditEventModel.query(on: app.db).count() == audits)
            let versions = try await a.store.outcomeVersions(of: id, for: nil)
            #expect(versions.map(\.version) == [1])
            #expect(versions[0].outcome == Self.published)
            #expect(versions[0].reason == nil)
            #expect(versions[0].author == "priya@eastmoor.example")
            #expect(versions[0].at == utc("2026-06-02T09:00:00Z"))
        }
    }

    @Test(arguments: Backend.all)
    func anAmendmentIsANewVersionWithItsReasonAndTheOriginalStays(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let a = try await ConsultationArea(app)
            let id = try await Self.publishedSummary(a)
            var amended = OutcomeInput(Self.published, published: true)
            amended.weDid = "We kept them, and added a Sunday service in the villages."
            // Without a reason, or with nothing changed, it is refused and nothing is written.
            await #expect(throws: ValidationFailure("reason", "Enter why the summary is amended")) {
                try await a.store.amendOutcome(
                    id, OutcomeAmendmentInput(amended, reason: "  "), viewer: a.commissioner, by: .user(a.priya),
                    now: utc("2026-07-01T09:00:00Z"))
            }
            await #expect(
                throws: ValidationFailure(
                    "youSaid",
                    "The amendment is the same as version 1, the summary published now: change what needs amending")
            ) {
                try await a.store.amendOutcome(
                    id, OutcomeAmendmentInput(OutcomeInput(Self.published, published: true), reason: "Typo"),
                    viewer: a.commissioner, by: .user(a.priya), now: utc("2026-07-01T09:00:00Z"))
            }
            #expect(try await a.store.outcomeVersions(of: id, for: nil).count == 1)

            let v2 = try await a.store.amendOutcome(
                id, OutcomeAmendmentInput(amended, reason: "The Sunday service was agreed in June."),
                viewer: a.commissioner, by: .user(a.priya), now: utc("2026-07-01T09:00:00Z"))
            #expect(v2.version == 2)
            let versions = try await a.store.outcomeVersions(of: id, for: nil)
            #expect(versions.map(\.version) == [1, 2])
            // Version 1 as published: its values, author and date.
            #expect(versions[0].outcome == Self.published)
            #expect(versions[0].author == "priya@eastmoor.example")
            #expect(versions[0].at == utc("2026-06-02T09:00:00Z"))
            #expect(versions[1].outcome.weDid == "We kept them, and added a Sunday service in the villages.")
            #expect(versions[1].outcome.youSaid == "Keep Saturdays.")
            #expect(versions[1].reason == "The Sunday service was agreed in June.")
            #expect(versions[1].at == utc("2026-07-01T09:00:00Z"))
            // The summary in force is the amendment; it stays published from 2 June.
            let current = try #require(try await a.store.outcome(of: id, for: nil))
            #expect(current.outcome == versions[1].outcome)
            #expect(current.publishedAt == utc("2026-06-02T09:00:00Z"))
            let audit = try await AuditEventModel.query(on: app.db).filter(\.$recordType == "consultation-outcome")
                .filter(\.$action == "amended").count()
            #expect(audit == 1)
        }
    }

    @Test(arguments: Backend.all)
    func onlyTheOwnersCommissionersAmendAndNotBeforePublication(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let a = try await ConsultationArea(app)
            let (draftSummary, _) = try await a.published()
            _ = try await a.store.saveOutcome(
                draftSummary, Self.published, publish: false, viewer: a.commissioner, by: .user(a.priya),
                now: utc("2026-06-01T09:00:00Z"))
            let input = OutcomeAmendmentInput(OutcomeInput(youSaid: "Said.", weDid: "Did."), reason: "Because")
            // Not yet published: it is saved in place, not amended.
            await #expect(
                throws: StorageError.conflict(
                    FieldError(
                        "youSaid",
                        "The “you said, we did” summary has not been published: save it in place until it is published"
                    ))
            ) {
                try await a.store.amendOutcome(draftSummary, input, viewer: a.commissioner, by: .user(a.priya))
            }
            var other = ConsultationArea.input
            other.title = "Youth services"
            let id = try await Self.publishedSummary(a, other)
            let colin = try await UserStore(app.db, passwords: testPasswords).viewer(for: a.colin)
            for (who, viewer) in [("a supplier member", a.kimViewer), ("the council's viewer", colin)] {
                await expectForbidden("\(who) may not amend") {
                    try await a.store.amendOutcome(id, input, viewer: viewer, by: .commandLine)
                }
            }
            #expect(ConsultationOperation.amendOutcome.outcome(for: a.commissioner, on: subject(a)) == .allowed)
            #expect(ConsultationOperation.amendOutcome.outcome(for: a.kimViewer, on: subject(a)) == .forbidden)
            #expect(ConsultationOperation.amendOutcome.outcome(for: nil, on: subject(a)) == .forbidden)
            #expect(try await a.store.outcomeVersions(of: id, for: nil).count == 1)
        }
    }

    func subject(_ a: ConsultationArea) -> AccessSubject {
        AccessSubject(buyer: a.county, supplier: a.foodbank, compact: a.compact)
    }
}
