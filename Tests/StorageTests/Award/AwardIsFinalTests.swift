import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing
import Vapor

@testable import Storage

/// Issue 13 §1: an award is final. A second award (to the same bid or another, with a reason)
/// is refused, as are scores, moderation and ranking after it, and the contract, its
/// commitments and the stored ranking stay exactly as awarded.
@Suite struct AwardIsFinalTests {
    /// Every stored column of the tender's contracts, their commitments and its ranking.
    static func snapshot(_ f: AwardedArea, on db: Database) async throws -> [String] {
        let contracts = try await ContractModel.query(on: db).filter(\.$tender.$id == f.e.a.tender).all()
        var rows = contracts.map {
            [
                $0.$bid.id.uuidString, $0.$supplier.id.uuidString, String($0.valuePence), $0.startsOn, $0.endsOn,
                $0.awardedOn, $0.standstillEndsOn, $0.awardReason ?? "-", $0.monitoringPlan, $0.reportingFrequency,
                $0.awardedBy,
            ].joined(separator: "|")
        }
        rows += try await ContractCommitmentModel.query(on: db).filter(\.$contract.$id ~~ contracts.compactMap(\.id))
            .sort(\.$measureCode).all().map { "\($0.measureCode)|\($0.quantity)|\($0.proxy)|\($0.monetised)" }
        rows += try await EvaluationResultModel.query(on: db).filter(\.$tender.$id == f.e.a.tender).all().map {
            "\($0.inputJSON)|\($0.resultJSON)|\($0.rankedBy)|\($0.rankedAt.timeIntervalSince1970)"
        }
        rows += try await EvaluationScoreModel.query(on: db).filter(\.$tender.$id == f.e.a.tender).all()
            .map { "\($0.$bid.id) \($0.evaluatorID) \($0.criterionID) \($0.score ?? "-") \($0.comment)" }.sorted()
        return rows
    }

    @Test func aSecondAwardAndLaterScoringAreRefusedAndChangeNothing() async throws {
        try await withApp(.sqliteMemory) { app in
            let f = try await AwardedArea(app)
            let a = f.e.a
            let before = try await Self.snapshot(f, on: app.db)
            #expect(before.count > 3)
            #expect(before[0].hasPrefix("\(f.heronBid)|\(f.e.heron)|12000000|2027-05-01|2030-04-30|"))
            #expect(try await TenderStore(app.db).find(a.tender).statusValue == .awarded)
            let audits = try await AuditEventModel.query(on: app.db).count()
            let closed = StorageError.conflict(
                FieldError("status", "The tender has been awarded: the evaluation is closed"))
            let kestrel = try await f.e.bidID(a.area.firm)
            for (bid, reason) in [(f.heronBid, nil), (kestrel, "Heron withdrew after the award")] {
                await #expect(throws: closed) {
                    try await f.e.awards.award(
                        tender: a.tender,
                        AwardInput(
                            bidID: bid, reason: reason, startsOn: "2027-06-01", endsOn: "2030-05-31",
                            monitoringPlan: "Monthly returns", reportingFrequency: "monthly"),
                        viewer: a.commissioner, by: .user(a.area.priya), now: EvaluationArea.opened)
                }
            }
            let by = Actor.user(a.area.priya)
            await #expect(throws: closed) {
                try await f.e.store.moderate(
                    tender: a.tender, bid: f.heronBid,
                    ModerationInput(key: "Q1", score: "1", rationale: "Moderated again after the award"),
                    viewer: a.commissioner, by: by, now: EvaluationArea.opened)
            }
            await #expect(throws: closed) {
                try await f.e.store.rank(tender: a.tender, viewer: a.commissioner, by: by, now: EvaluationArea.opened)
            }
            await #expect(throws: closed) {
                try await f.e.store.saveScores(
                    tender: a.tender, bid: f.heronBid, ScoresInput(scores: ["Q1": "1"]), viewer: f.e.eve,
                    by: .user(f.e.eveUser), now: EvaluationArea.opened)
            }
            #expect(try await Self.snapshot(f, on: app.db) == before)
            #expect(try await AuditEventModel.query(on: app.db).count() == audits)
        }
    }
}
