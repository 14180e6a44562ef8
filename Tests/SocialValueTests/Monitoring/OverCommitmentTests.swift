import Foundation
import Testing

@testable import SocialValue

/// Claiming more than committed (docs/monitoring.md, "Claiming more than committed"): the worked
/// case is 2,400 volunteering hours committed over the contract, 1,000 verified in period 1.
@Suite struct OverCommitmentTests {
    static let hours = MonitoredCommitment(
        code: "SOC1", name: "Staff volunteering hours", unit: "hours", committed: 2400, proxy: Decimal(string: "12.21")!
    )
    static let weeks = MonitoredCommitment(
        code: "ECO2", name: "Apprenticeship weeks", unit: "weeks", committed: 52, proxy: Decimal(string: "226.50")!)
    static let verifiedPeriod1 = ContractProgress.Return(
        status: .verified, claimed: ["SOC1": 1200, "ECO2": 4], verified: ["SOC1": 1000, "ECO2": 4])

    func over(_ claims: [String: Decimal], others: [ContractProgress.Return] = [verifiedPeriod1]) -> [OverCommitment] {
        MonitoringReturns.overCommitments(
            ReturnContent(narrative: "", quantities: claims), commitments: [Self.hours, Self.weeks], others: others)
    }

    @Test func aClaimWithinWhatIsLeftIsNotOver() {
        // 1,000 verified + 1,400 now = 2,400: the commitment reached exactly, not over.
        #expect(over(["SOC1": 1400, "ECO2": 10]).isEmpty)
        // The period-1 claim of 1,200 does not count: only the 1,000 verified.
        #expect(over(["SOC1": 1300]).isEmpty)
    }

    @Test func fiveThousandHoursAgainstTwoThousandFourHundredIsOverByThreeThousandSixHundred() throws {
        // 1,000 verified + 5,000 now = 6,000, against 2,400: 3,600 over.
        let lines = over(["SOC1": 5000, "ECO2": 10])
        #expect(lines.count == 1)
        let l = try #require(lines.first)
        #expect(l.commitment.code == "SOC1")
        #expect(l.earlier == 1000 && l.claimed == 5000 && l.total == 6000 && l.over == 3600)
        #expect(
            l.message
                == "SOC1 Staff volunteering hours: 6,000 hours delivered in all (1,000 in earlier returns and 5,000 in this one) against 2,400 committed, 3,600 over"
        )
        // 1,000 + 1,500 = 2,500: 100 over (cumulative, as documented).
        #expect(over(["SOC1": 1500]).first?.over == 100)
    }

    @Test func submittedReturnsCountTheirClaimAndDraftsNothing() {
        let submitted = ContractProgress.Return(status: .submitted, claimed: ["ECO2": 40], verified: [:])
        let draft = ContractProgress.Return(status: .draft, claimed: ["ECO2": 500], verified: [:])
        let sentBack = ContractProgress.Return(status: .changesRequested, claimed: ["ECO2": 500], verified: [:])
        // 4 verified + 40 awaiting + 9 now = 53 of 52: 1 over; the draft's and sent-back 500 count nothing.
        let lines = over(["ECO2": 9], others: [Self.verifiedPeriod1, submitted, draft, sentBack])
        #expect(lines.map(\.over) == [1])
        #expect(over(["ECO2": 8], others: [Self.verifiedPeriod1, submitted, draft, sentBack]).isEmpty)
    }

    @Test func overLinesNeedConfirmationAndNameEachLine() throws {
        let lines = over(["SOC1": 5000, "ECO2": 60])
        #expect(lines.map(\.commitment.code) == ["SOC1", "ECO2"])
        let refused = #expect(throws: ValidationFailure.self) {
            try MonitoringReturns.checkConfirmed(lines, confirmed: false)
        }
        #expect(refused?.errors.map(\.field) == ["confirmOverCommitment", "confirmOverCommitment"])
        #expect(refused?.errors.last?.message.hasPrefix("ECO2 Apprenticeship weeks: 64 weeks delivered in all") == true)
        try MonitoringReturns.checkConfirmed(lines, confirmed: true)
        try MonitoringReturns.checkConfirmed([], confirmed: false)
    }

    @Test func quantitiesAreGroupedByThousands() {
        #expect(DecimalText.groupedQuantity(5000) == "5,000")
        #expect(DecimalText.groupedQuantity(Decimal(string: "1234567.5")!) == "1,234,567.5")
        #expect(DecimalText.groupedQuantity(999) == "999")
    }
}
