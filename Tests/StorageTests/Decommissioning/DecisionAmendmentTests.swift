import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing
import Vapor

@testable import Storage

/// Issue 13 §1: a recorded decommissioning decision is never changed in place. A second decision
/// is refused; an amendment is a new decision row with its reason and author, and decision 1
/// stays exactly as it was recorded.
@Suite struct DecisionAmendmentTests {
    /// The food hub case, assessed and answered, decided as an end with notice 12 days short
    /// (notice 20 January 2027 + 3 months = 20 April; effective 8 April).
    static func decided(_ a: DecommissioningArea) async throws -> UUID {
        let id = try await a.create()
        let priya = Actor.user(a.area.priya)
        _ = try await a.store.saveImpact(
            id, DecommissioningArea.impact, viewer: a.priya, by: priya, now: DecommissioningArea.now)
        _ = try await a.store.recordResponse(
            id, ResponseInput(text: "We ask for a year's transition", receivedOn: "2027-01-19", how: "Letter"),
            viewer: a.priya, by: priya, now: DecommissioningArea.now)
        _ = try await a.store.decide(
            id, a.end(id, effective: "2027-04-08"), viewer: a.priya, by: priya, now: DecommissioningArea.now)
        return id
    }

    /// The stored columns of every decision row, to compare before and after.
    static func rows(_ id: UUID, on db: Database) async throws -> [[String: String?]] {
        try await DecommissioningDecisionModel.query(on: db).filter(\.$decommissioningCase.$id == id)
            .sort(\.$number).all().map { d in
                d.content.merging(
                    [
                        "number": String(d.number), "earliestEndOn": d.earliestEndOn, "noticeCheck": d.noticeCheck,
                        "daysShort": d.daysShort.map(String.init), "months": String(d.minimumNoticeMonths),
                        "decidedAt": String(d.decidedAt.timeIntervalSince1970), "decidedBy": d.decidedBy,
                        "amendmentReason": d.amendmentReason,
                    ], uniquingKeysWith: { a, _ in a })
            }
    }

    @Test(arguments: Backend.all)
    func aSecondDecisionInPlaceIsRefusedAndChangesNothing(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let a = try await DecommissioningArea(app)
            let id = try await Self.decided(a)
            let before = try await Self.rows(id, on: app.db)
            #expect(before.count == 1)
            #expect(before[0]["decision"] == "end")
            #expect(before[0]["noticeCheck"] == "breach")
            #expect(before[0]["daysShort"] == "12")
            #expect(before[0]["earliestEndOn"] == "2027-04-20")
            #expect(before[0]["amendmentReason"] == .some(nil))
            let audits = try await AuditEventModel.query(on: app.db).count()
            let later = DecommissioningArea.now.addingTimeInterval(86_400)
            await #expect(
                throws: StorageError.conflict(
                    FieldError(
                        "decision",
                        "The decision was recorded on 20 January 2027 and cannot be changed in place: record an amendment with its reason"
                    ))
            ) {
                try await a.store.decide(
                    id, DecisionInput(decision: "continue", rationale: "Funding found"), viewer: a.priya,
                    by: .user(a.area.priya), now: later)
            }
            #expect(try await Self.rows(id, on: app.db) == before)
            let c = try await a.store.find(id, viewer: a.priya)
            #expect(c.statusValue == .ended)
            #expect(c.decisionRationale == "The service is no longer funded")
            #expect(c.effectiveOn == "2027-04-08")
            #expect(try await AuditEventModel.query(on: app.db).count() == audits)
        }
    }

    @Test(arguments: Backend.all)
    func anAmendmentIsANewVersionWithItsReasonAndAuthorBesideTheOriginal(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let a = try await DecommissioningArea(app)
            let id = try await Self.decided(a)
            let original = try await Self.rows(id, on: app.db)
            let later = DecommissioningArea.now.addingTimeInterval(3 * 86_400)
            let excused = a.end(id, effective: "2027-04-08", reason: "The premises failed a fire inspection")
            // No reason for the amendment: refused, nothing written.
            await #expect(throws: ValidationFailure("amendmentReason", "Enter why the decision is amended")) {
                try await a.store.amendDecision(
                    id, DecisionAmendmentInput(excused, amendmentReason: "  "), viewer: a.priya,
                    by: .user(a.area.priya), now: later)
            }
            // The same decision again is not an amendment.
            await #expect(
                throws: StorageError.conflict(
                    FieldError(
                        "decision", "The amendment changes nothing in the decision recorded: change what is amended"))
            ) {
                try await a.store.amendDecision(
                    id, DecisionAmendmentInput(a.end(id, effective: "2027-04-08"), amendmentReason: "Typo"),
                    viewer: a.priya, by: .user(a.area.priya), now: later)
            }
            // The provider's member may read the case but not amend it.
            await #expect(throws: StorageError.self) {
                try await a.store.amendDecision(
                    id, DecisionAmendmentInput(excused, amendmentReason: "Ours"), viewer: a.sam,
                    by: .user(a.area.sam), now: later)
            }
            #expect(try await Self.rows(id, on: app.db) == original)

            let amended = try await a.store.amendDecision(
                id, DecisionAmendmentInput(excused, amendmentReason: "The fire report arrived after the decision"),
                viewer: a.priya, by: .user(a.area.colin), now: later)
            // The case reads the latest decision: 12 days short, with an exceptional reason.
            #expect(try amended.notice == .shortWithReason(daysShort: 12))
            let rows = try await Self.rows(id, on: app.db)
            #expect(rows.count == 2)
            #expect(rows[0] == original[0], "the original decision changed")
            #expect(rows[1]["number"] == "2")
            #expect(rows[1]["amendmentReason"] == "The fire report arrived after the decision")
            #expect(rows[1]["decidedBy"] == .some(Actor.user(a.area.colin).label))
            #expect(rows[1]["decidedAt"] == .some(String(later.timeIntervalSince1970)))
            #expect(rows[1]["exceptionalReason"] == "The premises failed a fire inspection")
            #expect(rows[1]["noticeCheck"] == "exceptional")
            // The minimum notice frozen by the decision still applies.
            #expect(rows[1]["months"] == "3")
            let listed = try await a.store.decisions(of: id, viewer: a.sam)
            #expect(listed.map(\.number) == [1, 2])
            let actions = try await AuditEventModel.query(on: app.db).filter(\.$recordID == id.uuidString)
                .sort(\.$sequence).all()
            #expect(actions.suffix(2).map(\.action) == ["decided", "decision amended"])
            #expect(actions.last?.changes.contains("The fire report arrived after the decision") == true)
        }
    }

    @Test func anUndecidedCaseHasNothingToAmend() async throws {
        try await withApp(.sqliteMemory) { app in
            let a = try await DecommissioningArea(app)
            let id = try await a.create()
            await #expect(
                throws: StorageError.conflict(
                    FieldError("amendmentReason", "The decision has not been recorded yet: there is nothing to amend"))
            ) {
                try await a.store.amendDecision(
                    id, DecisionAmendmentInput(a.end(id, effective: "2027-04-20"), amendmentReason: "Why"),
                    viewer: a.priya, by: .commandLine, now: DecommissioningArea.now)
            }
            #expect(try await DecommissioningDecisionModel.query(on: app.db).count() == 0)
        }
    }
}
