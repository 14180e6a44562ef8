import Foundation
import Testing

@testable import SocialValue

/// A KPI assessment: each KPI rated, "Other" explained, the period within the contract and not
/// in the future, one of the open items answered; an amendment with a reason and a change.
@Suite struct KPIAssessmentTests {
    static let visits = UUID(uuidString: "00000000-0000-0000-0000-00000000000A")!
    static let weeks = UUID(uuidString: "00000000-0000-0000-0000-00000000000B")!
    static let facts = KPIAssessments.Facts(
        kpis: [(visits, "Visits on time"), (weeks, "Weeks of employment")], openDue: ["annual-1"],
        start: day("2027-04-01"), end: day("2029-03-31"), today: day("2028-04-10"))

    static let good = AssessmentInput(
        due: "annual-1", periodFrom: "2027-04-01", periodTo: "2028-03-31",
        ratings: [
            visits.uuidString: .init(rating: "good"),
            weeks.uuidString.lowercased(): .init(rating: "other", explanation: "Paused by the pandemic rules"),
        ], narrative: "A good first year.")

    @Test func aCompleteAssessmentIsRecorded() throws {
        let a = try KPIAssessments.validate(Self.good, facts: Self.facts)
        #expect(a.due == "annual-1")
        #expect(a.periodTo == day("2028-03-31"))
        #expect(a.ratings[Self.visits] == .init(rating: .good, explanation: nil))
        #expect(a.ratings[Self.weeks] == .init(rating: .other, explanation: "Paused by the pandemic rules"))
        // The five ratings are the regulation's, with the OCDS extension's codes.
        #expect(
            KPIRating.allCases.map(\.label) == [
                "Good", "Approaching target", "Requires improvement", "Inadequate", "Other",
            ])
        #expect(KPIRating.allCases.map(\.ocdsCode) == ["met", "slightlyBelow", "below", "significantlyBelow", "other"])
    }

    @Test func everyKPIIsRatedAndOtherIsExplained() {
        var input = Self.good
        input.ratings = [Self.weeks.uuidString: .init(rating: "other"), "not-a-kpi": .init(rating: "good")]
        #expect(
            KPIValidationTests.fields { _ = try KPIAssessments.validate(input, facts: Self.facts) } == [
                "ratings", KPIAssessments.ratingField(Self.visits), KPIAssessments.explanationField(Self.weeks),
            ])
        #expect(
            KPIValidationTests.messages { _ = try KPIAssessments.validate(input, facts: Self.facts) } == [
                "The contract has no KPI not-a-kpi", "Select a rating for “Visits on time”",
                "Enter why “Weeks of employment” is rated Other",
            ])
    }

    @Test func thePeriodIsWithinTheContractAndNotInTheFuture() {
        var input = Self.good
        input.periodFrom = "2027-03-31"
        input.periodTo = "2028-04-11"
        #expect(
            KPIValidationTests.messages { _ = try KPIAssessments.validate(input, facts: Self.facts) } == [
                "The end of the period must be today or in the past",
                "The start of the period must be on or after the contract’s start, 1 April 2027",
            ])
        input.periodFrom = "2028-01-01"
        input.periodTo = "2027-12-31"
        #expect(
            KPIValidationTests.messages { _ = try KPIAssessments.validate(input, facts: Self.facts) } == [
                "The end of the period must be on or after its start"
            ])
    }

    @Test func itAnswersAnOpenItem() {
        var input = Self.good
        input.due = "end"
        #expect(
            KPIValidationTests.messages { _ = try KPIAssessments.validate(input, facts: Self.facts) } == [
                "Select which assessment this is"
            ])
        let none = KPIAssessments.Facts(
            kpis: Self.facts.kpis, openDue: [], start: Self.facts.start, end: Self.facts.end, today: Self.facts.today)
        #expect(
            KPIValidationTests.messages { _ = try KPIAssessments.validate(Self.good, facts: none) } == [
                "No assessment is due yet: the first is due 12 months after the start"
            ])
        let noKPIs = KPIAssessments.Facts(
            kpis: [], openDue: ["annual-1"], start: Self.facts.start, end: Self.facts.end, today: Self.facts.today)
        #expect(
            KPIValidationTests.messages { _ = try KPIAssessments.validate(Self.good, facts: noKPIs) } == [
                "Set the contract’s KPIs before assessing them"
            ])
    }

    @Test func anAmendmentNeedsAReasonAndAChange() throws {
        let current = try KPIAssessments.validate(Self.good, facts: Self.facts)
        #expect(
            KPIValidationTests.messages {
                _ = try KPIAssessments.validateAmendment(Self.good, facts: Self.facts, current: current, version: 1)
            } == [
                "Enter why the assessment is amended",
                "The amendment is the same as version 1, the assessment in force: change what needs amending",
            ])
        var changed = Self.good
        changed.ratings?[Self.visits.uuidString] = .init(rating: "approaching-target")
        changed.reason = "The visit logs were late"
        let (amended, reason) = try KPIAssessments.validateAmendment(
            changed, facts: Self.facts, current: current, version: 1)
        #expect(amended.ratings[Self.visits]?.rating == .approachingTarget)
        #expect(reason == "The visit logs were late")
    }
}
