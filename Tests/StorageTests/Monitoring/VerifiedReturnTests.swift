import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing
import Vapor

@testable import Storage

private func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

/// Issue 13 §1: a verified monitoring return is final. The supplier's saves, submissions and
/// evidence, and the buyer's second decision, are all refused and leave the return, its lines
/// and its evidence exactly as verified.
@Suite struct VerifiedReturnTests {
    /// Every stored column of the return, its lines and its evidence.
    static func snapshot(_ m: MonitoringArea, on db: Database) async throws -> [String] {
        let r = try #require(try await MonitoringStore.find(m.contract, period: 1, on: db))
        var rows = [
            [
                r.status, r.narrative, r.periodStartsOn, r.periodEndsOn, r.dueOn, r.submittedBy ?? "-",
                r.decidedBy ?? "-", r.reason ?? "-", String(r.decidedAt?.timeIntervalSince1970 ?? 0),
            ].joined(separator: "|")
        ]
        rows += try await MonitoringStore.lines([r.id!], on: db).map {
            [
                $0.commitment.measureCode, $0.claimedQuantity ?? "-", $0.note ?? "-", $0.verifiedQuantity ?? "-",
                $0.verificationNote ?? "-",
            ].joined(separator: "|")
        }.sorted()
        rows += try await MonitoringEvidenceModel.query(on: db).filter(\.$monitoringReturn.$id == r.id!).all()
            .map { "\($0.title)|\($0.filename)|\($0.sha256)" }
        return rows
    }

    @Test(arguments: Backend.all)
    func everyChangeToAVerifiedReturnIsRefusedAndChangesNothing(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let m = try await MonitoringArea(app)
            let priya = m.a.commissioner
            try await m.submitted(1, at: utc("2027-07-01T09:00:00Z"))
            try await m.store.decide(
                contract: m.contract, period: 1,
                VerificationInput(
                    decision: "verify", lines: ["APPR": .init(quantity: "3", note: "One week was induction")]),
                viewer: priya, by: m.priyaActor, now: utc("2027-07-05T09:00:00Z"))
            let before = try await Self.snapshot(m, on: app.db)
            #expect(before[0].hasPrefix("verified|"))
            #expect(before[1] == "APPR|4|Two apprentices, two weeks each|3|One week was induction")
            #expect(before[2] == "VCSE-SPEND|10000|-|10000|-")
            let audits = try await AuditEventModel.query(on: app.db).count()
            let notifications = try await NotificationModel.query(on: app.db).count()
            let later = utc("2027-08-01T09:00:00Z")
            let final = StorageError.conflict(
                FieldError("status", "The return for period 1 has been verified and can no longer be changed"))
            var changed = MonitoringArea.filled
            changed.narrative = "Rewritten after verification"
            for submit in [false, true] {
                await #expect(throws: final) {
                    try await m.store.save(
                        contract: m.contract, period: 1, changed, submit: submit, viewer: m.sam, by: m.samActor,
                        now: later)
                }
            }
            await #expect(throws: final) {
                try await m.store.addEvidence(
                    contract: m.contract, period: 1, description: "Late", filename: "late.txt",
                    bytes: Array("x".utf8), viewer: m.sam, by: m.samActor, now: later)
            }
            let evidence = try await m.store.returnView(contract: m.contract, period: 1, viewer: m.sam).evidence
            await #expect(throws: final) {
                try await m.store.removeEvidence(
                    evidence[0].id, contract: m.contract, period: 1, viewer: m.sam, by: m.samActor, now: later)
            }
            let decided = StorageError.conflict(
                FieldError("decision", "Only a submitted return can be verified or sent back for changes"))
            for input in [
                VerificationInput(decision: "verify", lines: ["APPR": .init(quantity: "1", note: "Recounted")]),
                VerificationInput(decision: "request-changes", reason: "Add the invoices"),
            ] {
                await #expect(throws: decided) {
                    try await m.store.decide(
                        contract: m.contract, period: 1, input, viewer: priya, by: m.priyaActor, now: later)
                }
            }
            #expect(try await Self.snapshot(m, on: app.db) == before)
            #expect(try await AuditEventModel.query(on: app.db).count() == audits)
            #expect(try await NotificationModel.query(on: app.db).count() == notifications)
            let view = try await m.store.returnView(contract: m.contract, period: 1, viewer: m.sam)
            #expect(!view.isEditable && !view.isVerifiable)
        }
    }
}
