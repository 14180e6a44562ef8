import Foundation
import Testing

@testable import SocialValue

/// Dates typed in the GOV.UK date input (day, month, year) or sent as ISO text, with the
/// GOV.UK error messages, worked by hand.
@Suite struct DateEntryTests {
    /// What a form's `signedOn[day]`, `[month]`, `[year]` decode to.
    func typed(_ day: String, _ month: String, _ year: String) -> String {
        DateParts(day: day, month: month, year: year).text
    }

    func read(_ raw: String?, required: Bool = true) -> (CalendarDate?, [FieldError]) {
        var p = Problems()
        let d = DateEntry.read(raw, field: "signedOn", label: "the date signed", required: required, &p)
        return (d, p.errors)
    }

    let today = CalendarDate(year: 2026, month: 12, day: 6)!

    @Test func aRealDateTypedInThreeFieldsIsRead() {
        #expect(read(typed("27", "3", "2026")).0 == CalendarDate(year: 2026, month: 3, day: 27))
        #expect(read(typed(" 07 ", "03", "2026")).0?.iso == "2026-03-07")
        #expect(read(typed("27", "3", "2026")).1.isEmpty)
    }

    @Test func the31stOfFebruaryIsNotARealDate() {
        let (d, errors) = read(typed("31", "2", "2026"))
        #expect(d == nil)
        #expect(errors == [FieldError("signedOn.day", "The date signed must be a real date")])
    }

    @Test func the29thOfFebruaryIsRealOnlyInALeapYear() {
        #expect(read(typed("29", "2", "2024")).0?.iso == "2024-02-29")
        #expect(read(typed("29", "2", "2025")).1 == [FieldError("signedOn.day", "The date signed must be a real date")])
        #expect(read(typed("1", "13", "2026")).1 == [FieldError("signedOn.day", "The date signed must be a real date")])
        #expect(read(typed("x", "3", "2026")).1 == [FieldError("signedOn.day", "The date signed must be a real date")])
    }

    @Test func aMissingPartIsNamedAndLinkedToItsField() {
        #expect(
            read(typed("27", "", "2026")).1 == [FieldError("signedOn.month", "The date signed must include a month")])
        #expect(
            read(typed("", "", "2026")).1 == [
                FieldError("signedOn.day", "The date signed must include a day and month")
            ])
        #expect(read(typed("27", "3", " ")).1 == [FieldError("signedOn.year", "The date signed must include a year")])
    }

    @Test func aYearWithTwoDigitsIsRefused() {
        #expect(
            read(typed("27", "3", "26")).1 == [
                FieldError("signedOn.year", "The year of the date signed must include 4 numbers")
            ])
    }

    @Test func nothingTypedIsMissingWhenRequiredAndAbsentWhenNot() {
        #expect(read(typed("", "", "")).1 == [FieldError("signedOn.day", "Enter the date signed")])
        #expect(read(nil).1 == [FieldError("signedOn", "Enter the date signed")])
        let optional = read(typed("", "", ""), required: false)
        #expect(optional.0 == nil && optional.1.isEmpty)
    }

    @Test func isoTextFromTheAPIStillReads() {
        #expect(read("2026-03-27").0 == CalendarDate(year: 2026, month: 3, day: 27))
        #expect(
            read("2026-02-31").1 == [FieldError("signedOn", "The date signed must be a real date, like 2026-04-01")])
    }

    @Test func aFormShowsASavedDateOrWhatWasTypedAgain() {
        #expect(DateParts("2026-03-07") == DateParts(day: "7", month: "3", year: "2026"))
        #expect(DateParts(typed("31", "2", "20")) == DateParts(day: "31", month: "2", year: "20"))
        #expect(DateParts(nil) == DateParts(day: "", month: "", year: ""))
    }

    @Test func aSignatoryDateInTheFutureIsRefusedWithTodayPassedIn() throws {
        let future = CompactSignatoryInput(organisationId: UUID(), signedOn: "2030-01-01")
        #expect(throws: ValidationFailure([FieldError("signedOn", "The date signed must be today or in the past")])) {
            try future.validated(today: today)
        }
        let typedFuture = CompactSignatoryInput(organisationId: UUID(), signedOn: typed("1", "1", "2030"))
        #expect(
            throws: ValidationFailure([FieldError("signedOn.day", "The date signed must be today or in the past")])
        ) { try typedFuture.validated(today: today) }
        let onToday = CompactSignatoryInput(organisationId: UUID(), signedOn: typed("6", "12", "2026"))
        #expect(try onToday.validated(today: today).signedOn == today)
    }

    @Test func everyProblemIsReportedAtOnce() {
        let input = CompactSignatoryInput(organisationId: nil, signedOn: typed("27", "", "2026"))
        #expect(
            throws: ValidationFailure([
                FieldError("organisationId", "Select the organisation that signed"),
                FieldError("signedOn.month", "The date signed must include a month"),
            ])
        ) { try input.validated(today: today) }
        #expect(
            throws: ValidationFailure([
                FieldError("heldOn.day", "The date of the discussion must be today or in the past"),
                FieldError("notes", "Enter what was discussed"),
            ])
        ) { try Decommissioning.validateDiscussion(heldOn: typed("1", "1", "2030"), notes: nil, today: today) }
    }

    @Test func aStrategyOrReviewInTheWrongOrderIsLinkedToTheDayField() {
        let review = CompactReviewInput(
            reviewedOn: typed("1", "3", "2026"), versionAfter: "3.1", summary: "Checked",
            nextReviewOn: typed("1", "2", "2026"))
        #expect(
            throws: ValidationFailure([FieldError("nextReviewOn.day", "The next review must be after this review")])
        ) {
            try review.validated(today: today)
        }
        let late = CompactReviewInput(
            reviewedOn: "2027-01-01", versionAfter: "3.1", summary: "Checked", nextReviewOn: "2028-01-01")
        #expect(
            throws: ValidationFailure([FieldError("reviewedOn", "The date of the review must be today or in the past")])
        ) { try late.validated(today: today) }
    }

    @Test func theSameInputDecodesISOTextOrTheFormsThreeFields() throws {
        let iso = try JSONDecoder().decode(
            CompactSignatoryInput.self, from: Data(#"{"signedOn":"2026-03-27"}"#.utf8))
        #expect(iso.signedOn == "2026-03-27")
        let parts = try JSONDecoder().decode(
            CompactSignatoryInput.self, from: Data(#"{"signedOn":{"day":"27","month":"3","year":"2026"}}"#.utf8))
        #expect(parts.signedOn == typed("27", "3", "2026"))
        let award = try JSONDecoder().decode(
            AwardInput.self,
            from: Data(#"{"startsOn":{"day":"1","month":"6","year":"2027"},"endsOn":"2030-05-31"}"#.utf8))
        #expect(award.startsOn == typed("1", "6", "2027"))
        #expect(award.endsOn == "2030-05-31")
    }
}
