import Foundation
import Testing

@testable import SocialValue

/// What a tender asks of its commissioners next (docs/evaluation.md, issue 13 §2).
@Suite struct EvaluationTaskRuleTests {
    static let deadline = ISO8601DateFormatter().date(from: "2027-03-12T12:00:00Z")!

    static func due(
        _ status: TenderStatus, at now: Date = deadline, panel: Int = 2, submitted: Int = 0, ranked: Bool = false,
        contracted: Bool = false
    ) -> EvaluationTask? {
        EvaluationTask.due(
            status: status, deadline: deadline, now: now, panel: panel, submitted: submitted, ranked: ranked,
            contracted: contracted)
    }

    @Test func aPublishedTenderAsksForItsBidsToBeOpenedFromItsDeadline() {
        #expect(Self.due(.published, at: Self.deadline.addingTimeInterval(-1)) == nil)
        #expect(Self.due(.published, at: Self.deadline) == .openBids)
        #expect(EvaluationTask.openBids.title == "Closed: open the bids")
    }

    @Test func moderationWaitsForEveryEvaluatorOnAPanel() {
        #expect(Self.due(.bidsOpened, panel: 0, submitted: 0) == nil)
        #expect(Self.due(.bidsOpened, panel: 2, submitted: 1) == nil)
        #expect(Self.due(.bidsOpened, panel: 2, submitted: 2) == .moderate)
        #expect(EvaluationTask.moderate.title == "Moderate the scores")
    }

    @Test func aRankedTenderWaitsForTheAwardUntilTheContractIsMade() {
        #expect(Self.due(.evaluation, submitted: 2, ranked: true) == .award)
        #expect(Self.due(.evaluation, submitted: 2, ranked: true, contracted: true) == nil)
        #expect(EvaluationTask.award.title == "Make the award")
        for status in [TenderStatus.draft, .awarded, .cancelled] {
            #expect(Self.due(status, submitted: 2, ranked: true) == nil)
        }
    }
}
