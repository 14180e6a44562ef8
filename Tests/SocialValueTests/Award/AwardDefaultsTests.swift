import Foundation
import Testing

@testable import SocialValue

/// Forms that carry what is known: the award form starts from the monitoring plan of the
/// consideration in force and the contract dates the procurement planned.
@Suite struct AwardDefaultsTests {
    @Test func theAwardStartsFromTheConsiderationsPlanAndTheContractDates() {
        let dates = ProcurementDates(
            contractStartsOn: CalendarDate(iso: "2027-04-01"), contractEndsOn: CalendarDate(iso: "2030-03-31"))
        let c = TenderFromConsiderationTests.consideration(measures: [])
        let input = Awards.startingInput(
            bidID: nil, dates: dates, consideration: c, outcomesSought: "Fewer lonely residents", suggested: .quarterly)
        #expect(input.startsOn == "2027-04-01" && input.endsOn == "2030-03-31")
        #expect(input.monitoringPlan == "Monthly returns of hours with sign-in sheets.")
        #expect(input.reportingFrequency == "monthly")
        // Without a consideration: the outcomes sought and the suggested frequency.
        let none = Awards.startingInput(
            bidID: nil, dates: ProcurementDates(), consideration: nil, outcomesSought: "Fewer lonely residents",
            suggested: .quarterly)
        #expect(none.monitoringPlan == "Fewer lonely residents" && none.reportingFrequency == "quarterly")
        #expect(none.startsOn == nil && none.endsOn == nil)
    }
}
