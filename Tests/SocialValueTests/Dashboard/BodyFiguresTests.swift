import Foundation
import Testing

@testable import SocialValue

private func d(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

/// The dashboard's figures from worked examples (docs/dashboard.md).
@Suite struct BodyFiguresTests {
    static let hours = MonitoredCommitment(
        code: "SOC1", name: "Volunteering hours", unit: "hours", committed: 2400, proxy: Decimal(string: "12.50")!)
    static let weeks = MonitoredCommitment(
        code: "ECO2", name: "Apprenticeship weeks", unit: "weeks", committed: 52, proxy: Decimal(string: "226.50")!)

    @Test func committedDeliveredVerifiedAndClaimedAreKeptApart() {
        // Contract A: 2,400 hours × £12.50 = £30,000.00 committed. Verified 1,000 + 200 = 1,200
        // hours = £15,000.00 delivered. 300 hours claimed in a submitted return = £3,750.00,
        // awaiting verification; a draft (500 hours) and a return sent back (80 hours) count nowhere.
        let a = ContractProgress(
            commitments: [Self.hours],
            returns: [
                .init(status: .verified, claimed: ["SOC1": 1100], verified: ["SOC1": 1000]),
                .init(status: .verified, claimed: ["SOC1": 200], verified: ["SOC1": 200]),
                .init(status: .submitted, claimed: ["SOC1": 300], verified: [:]),
                .init(status: .draft, claimed: ["SOC1": 500], verified: [:]),
                .init(status: .changesRequested, claimed: ["SOC1": 80], verified: [:]),
            ])
        // Contract B: 52 weeks × £226.50 = £11,778.00 committed; 4 weeks verified = £906.00.
        let b = ContractProgress(
            commitments: [Self.weeks],
            returns: [.init(status: .verified, claimed: ["ECO2": 5], verified: ["ECO2": 4])])
        let one = DeliveryFigures([a])
        #expect(one.contracts == 1)
        #expect(one.committed == Decimal(string: "30000.00")!)
        #expect(one.verified == Decimal(string: "15000.00")!)
        #expect(one.claimedNotVerified == Decimal(string: "3750.00")!)
        let both = DeliveryFigures([a, b])
        #expect(both.contracts == 2)
        #expect(both.committed == Decimal(string: "41778.00")!)
        #expect(both.verified == Decimal(string: "15906.00")!)
        #expect(both.claimedNotVerified == Decimal(string: "3750.00")!)
        #expect(Money.display(both.verified) == "£15,906")
        #expect(DeliveryFigures([]) == DeliveryFigures([]))
        #expect(DeliveryFigures([]).committed == 0)
    }

    @Test func theStrategyYearRunsFromTheLatestAnniversary() {
        // A strategy from 1 April 2025 to 31 March 2028: on 6 December 2026 its year is
        // 1 April 2026 to 31 March 2027; on its first day, the first year; after it ends, none.
        let y = StrategyAchievement.strategyYear(
            containing: d("2026-12-06"), starts: d("2025-04-01"), ends: d("2028-03-31"))
        #expect(y?.from == d("2026-04-01") && y?.to == d("2027-03-31"))
        let first = StrategyAchievement.strategyYear(
            containing: d("2025-04-01"), starts: d("2025-04-01"), ends: d("2028-03-31"))
        #expect(first?.from == d("2025-04-01") && first?.to == d("2026-03-31"))
        let anniversary = StrategyAchievement.strategyYear(
            containing: d("2027-04-01"), starts: d("2025-04-01"), ends: d("2028-03-31"))
        #expect(anniversary?.from == d("2027-04-01"))
        // The last year is cut at the strategy's end (a strategy ending 30 September 2027).
        let cut = StrategyAchievement.strategyYear(
            containing: d("2027-05-01"), starts: d("2025-04-01"), ends: d("2027-09-30"))
        #expect(cut?.to == d("2027-09-30"))
        #expect(
            StrategyAchievement.strategyYear(
                containing: d("2025-03-31"), starts: d("2025-04-01"), ends: d("2028-03-31")) == nil)
        #expect(
            StrategyAchievement.strategyYear(
                containing: d("2028-04-01"), starts: d("2025-04-01"), ends: d("2028-03-31")) == nil)
    }

    @Test func vcseSpendCountsContractsAwardedToVCSEOrganisationsInTheYear() {
        let contracts: [StrategyAchievement.AwardedContract] = [
            // £248,000 to a charity on 20 May 2026: counted.
            .init(value: Money(pence: 248_000_00), awardedOn: d("2026-05-20"), supplierIsVCSE: true),
            // £95,000.50 to a CIC on the year's first day: counted.
            .init(value: Money(pence: 95_000_50), awardedOn: d("2026-04-01"), supplierIsVCSE: true),
            // £231,500 to a large business: not VCSE.
            .init(value: Money(pence: 231_500_00), awardedOn: d("2026-06-01"), supplierIsVCSE: false),
            // £40,000 to a charity the day before the year: not in it.
            .init(value: Money(pence: 40_000_00), awardedOn: d("2026-03-31"), supplierIsVCSE: true),
        ]
        let a = StrategyAchievement.vcseSpend(contracts, from: d("2026-04-01"), to: d("2026-12-06"))
        // £248,000.00 + £95,000.50 = £343,000.50 in 2 contracts.
        #expect(
            a == .vcseSpend(from: d("2026-04-01"), to: d("2026-12-06"), awarded: Money(pence: 343_000_50), contracts: 2)
        )
        #expect(StrategyAchievement.isAboutVCSESpend("£2m spend with local VCSE organisations"))
        #expect(!StrategyAchievement.isAboutVCSESpend("150 local people employed on public contracts"))
    }

    @Test func aTargetWithoutDataIsNotMeasuredYet() {
        let p = ContractProgress(
            commitments: [Self.hours, Self.weeks],
            returns: [.init(status: .verified, claimed: [:], verified: ["SOC1": 1200, "ECO2": 4])])
        // Verified delivery to the outcome's measures: 1,200 × £12.50 + 4 × £226.50 = £15,906.00.
        #expect(
            StrategyAchievement.verifiedDelivery([p], measureCodes: ["SOC1", "ECO2", "OTHER"])
                == .verifiedDelivery(value: Decimal(string: "15906.00")!, commitments: 2))
        #expect(StrategyAchievement.verifiedDelivery([p], measureCodes: ["ENV1"]) == .notMeasuredYet)
        #expect(StrategyAchievement.verifiedDelivery([], measureCodes: ["SOC1"]) == .notMeasuredYet)
    }

    @Test func aSuppliersBidStatusReadsTheTenderPhase() {
        #expect(SupplierBidStatus.of(bid: .draft, tender: .open, won: false) == .draft)
        #expect(SupplierBidStatus.of(bid: .submitted, tender: .open, won: false) == .submitted)
        #expect(SupplierBidStatus.of(bid: .withdrawn, tender: .awarded, won: false) == .withdrawn)
        #expect(SupplierBidStatus.of(bid: .submitted, tender: .closed, won: false) == .tenderClosed)
        #expect(SupplierBidStatus.of(bid: .submitted, tender: .evaluation, won: false) == .tenderClosed)
        #expect(SupplierBidStatus.of(bid: .draft, tender: .closed, won: false) == .notSubmitted)
        #expect(SupplierBidStatus.of(bid: .submitted, tender: .awarded, won: true) == .awarded)
        #expect(SupplierBidStatus.of(bid: .submitted, tender: .awarded, won: false) == .notAwarded)
        #expect(SupplierBidStatus.of(bid: .submitted, tender: .cancelled, won: false) == .tenderCancelled)
        #expect(SupplierBidStatus.notAwarded.label == "Not awarded")
        #expect(SupplierBidStatus.tenderClosed.label == "Submitted: tender closed")
    }
}
