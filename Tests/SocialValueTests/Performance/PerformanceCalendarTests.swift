import Foundation
import Testing

@testable import SocialValue

/// What is due on a contract with KPIs, and when it is overdue (docs/performance.md): a yearly
/// assessment the day after its day; the end, a termination and a breach 30 days after.
@Suite struct PerformanceCalendarTests {
    static func items(
        start: String = "2027-04-01", end: String = "2029-03-31", terminatedOn: String? = nil,
        breaches: [String] = [], hasKPIs: Bool = true, assessed: Set<String> = [], today: String
    ) -> [PerformanceCalendar.Item] {
        PerformanceCalendar.items(
            start: day(start), end: day(end), terminatedOn: terminatedOn.map(day), breaches: breaches.map(day),
            hasKPIs: hasKPIs, assessed: assessed, today: day(today))
    }

    @Test func aTwoYearContractHasTheFirstYearAndTheEnd() throws {
        let i = Self.items(today: "2028-03-31")
        #expect(i.map(\.key) == ["annual-1", "end"])
        // 12 months from 1 April 2027: due 1 April 2028, covering the first year.
        #expect(i[0].due.on == day("2028-04-01"))
        #expect(i[0].dueBy == day("2028-04-01"))
        #expect(i[0].suggestedPeriod.from == day("2027-04-01"))
        #expect(i[0].suggestedPeriod.to == day("2028-03-31"))
        // The end, 31 March 2029, then 30 days: 30 April 2029; covering the second year.
        #expect(i[1].due.on == day("2029-03-31"))
        #expect(i[1].dueBy == day("2029-04-30"))
        #expect(i[1].suggestedPeriod.from == day("2028-04-01"))
        #expect(i[1].suggestedPeriod.to == day("2029-03-31"))
        #expect(i.map(\.status) == [.upcoming, .upcoming])
    }

    @Test func theYearlyAssessmentIsOverdueTheDayAfterItsDay() {
        #expect(Self.items(today: "2028-03-31")[0].status == .upcoming)
        #expect(Self.items(today: "2028-04-01")[0].status == .due)
        #expect(Self.items(today: "2028-04-02")[0].status == .overdue)
        #expect(Self.items(assessed: ["annual-1"], today: "2028-04-02")[0].status == .done)
    }

    @Test func theEndIsOverdueFromTheThirtyFirstDay() {
        #expect(Self.items(today: "2029-03-30")[1].status == .upcoming)
        #expect(Self.items(today: "2029-03-31")[1].status == .due)
        #expect(Self.items(today: "2029-04-30")[1].status == .due)
        #expect(Self.items(today: "2029-05-01")[1].status == .overdue)
    }

    @Test func aBreachAddsAnAssessmentAndTwoOnOneDayAreOne() {
        let i = Self.items(breaches: ["2027-09-15", "2027-09-15"], today: "2027-10-16")
        #expect(i.map(\.key) == ["breach-2027-09-15", "annual-1", "end"])
        #expect(i[0].dueBy == day("2027-10-15"))
        #expect(i[0].status == .overdue)
        #expect(Self.items(breaches: ["2027-09-15"], today: "2027-10-15")[0].status == .due)
        // A breach decided after the contract ended is not the contract's assessment.
        #expect(Self.items(breaches: ["2029-04-02"], today: "2029-04-03").map(\.key) == ["annual-1", "end"])
    }

    @Test func aTerminationReplacesTheEnd() {
        let i = Self.items(terminatedOn: "2028-06-30", today: "2028-07-01")
        #expect(i.map(\.key) == ["annual-1", "termination"])
        #expect(i[1].dueBy == day("2028-07-30"))
        #expect(i[1].status == .due)
    }

    @Test func aContractStartingOnTheLeapDayIsAssessedOnTheLastDayOfFebruary() {
        let i = Self.items(start: "2028-02-29", end: "2030-02-28", today: "2029-03-01")
        #expect(i[0].due.on == day("2029-02-28"))
        #expect(i[0].status == .overdue)
    }

    @Test func nothingIsDueWithoutKPIs() {
        #expect(Self.items(breaches: ["2027-09-15"], hasKPIs: false, today: "2030-01-01").isEmpty)
    }
}
