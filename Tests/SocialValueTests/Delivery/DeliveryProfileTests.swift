import Foundation
import Testing

@testable import SocialValue

func dec(_ s: String) -> Decimal { Decimal(string: s)! }

/// Expected to date (docs/delivery.md "Counting days"): the worked contract runs from 1 April 2027
/// to 31 March 2029 inclusive. 1 Apr 2027–31 Mar 2028 holds 29 February 2028: 366 days;
/// 1 Apr 2028–31 Mar 2029: 365; 731 in all.
@Suite struct DeliveryProfileTests {
    static let days = ContractDays(start: day("2027-04-01"), end: day("2029-03-31"))

    @Test func contractDaysCountLeapYear() {
        #expect(Self.days.total == 731)
        // Apr–Dec 2027: 30+31+30+31+31+30+31+30+31 = 275; Jan 31 + Feb 29 = 60: 335 to 29 Feb 2028.
        #expect(Self.days.elapsed(to: day("2028-02-29")) == 335)
        #expect(Self.days.elapsed(to: day("2028-02-28")) == 334)
        #expect(Self.days.elapsed(to: day("2028-03-31")) == 366)
        #expect(Self.days.elapsed(to: day("2027-04-01")) == 1)  // the first day counts by its end
        #expect(Self.days.elapsed(to: day("2027-03-31")) == 0)
        #expect(Self.days.elapsed(to: day("2029-03-31")) == 731)
        #expect(Self.days.elapsed(to: day("2030-01-01")) == 731)
        #expect(ContractDays(start: day("2027-04-02"), end: day("2027-04-01")).total == 0)
    }

    @Test func evenProfileProRataByDays() {
        // 731 hours committed: one a day, so 366 by 31 March 2028 and 335 by 29 February 2028.
        let e = DeliveryProfile.even.expected(committed: 731, days: Self.days, to: day("2028-03-31"))
        #expect(e.value == 366)
        #expect(DeliveryProfile.even.expected(committed: 731, days: Self.days, to: day("2028-02-29")).value == 335)
        // 1,000 hours: 1,000 × 366 / 731 = 366,000 / 731 kept exact as a ratio (500.68…).
        let f = DeliveryProfile.even.expected(committed: 1000, days: Self.days, to: day("2028-03-31"))
        #expect(f == Ratio(366_000, over: 731))
        #expect(DecimalText.format(f.value) == "500.68")
        #expect(DeliveryProfile.even.expected(committed: 1000, days: Self.days, to: day("2027-03-01")).value == 0)
        #expect(DeliveryProfile.even.expected(committed: 1000, days: Self.days, to: day("2029-06-30")).value == 1000)
    }

    static let milestones = [
        DeliveryMilestone(dueOn: day("2027-09-30"), quantity: 100),
        DeliveryMilestone(dueOn: day("2028-03-31"), quantity: 200),
        DeliveryMilestone(dueOn: day("2029-03-31"), quantity: 431),
    ]

    @Test func milestoneProfileIsStepped() {
        let p = DeliveryProfile.milestones(Self.milestones)
        func at(_ iso: String) -> Decimal { p.expected(committed: 731, days: Self.days, to: day(iso)).value }
        #expect(at("2027-09-29") == 0)  // nothing before the first due date
        #expect(at("2027-09-30") == 100)  // in full on the due date
        #expect(at("2028-03-30") == 100)
        #expect(at("2028-03-31") == 300)  // 100 + 200
        #expect(at("2029-03-31") == 731)  // 100 + 200 + 431
    }

    @Test func milestonesAreValidated() throws {
        try DeliveryProfile.validate(Self.milestones, committed: 731, days: Self.days)
        #expect(throws: ValidationFailure.self) {
            try DeliveryProfile.validate(Self.milestones, committed: 800, days: Self.days)
        }
        do {
            try DeliveryProfile.validate(
                [
                    DeliveryMilestone(dueOn: day("2028-03-31"), quantity: 100),
                    DeliveryMilestone(dueOn: day("2027-09-30"), quantity: 0),
                    DeliveryMilestone(dueOn: day("2029-04-01"), quantity: 631),
                ], committed: 731, days: Self.days)
            Issue.record("expected a failure")
        } catch let f as ValidationFailure {
            #expect(f.errors.map(\.field) == ["milestones[1].dueOn", "milestones[1].quantity", "milestones[2].dueOn"])
        }
    }
}
