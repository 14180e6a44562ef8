import Foundation
import Testing

@testable import SocialValue

@Suite struct CompactSettingsTests {
    @Test func defaultsFollowTheNationalCompact() throws {
        let s = try CompactSettings.defaults.validated()
        #expect(s.minimumConsultationDays == 84)  // principle 2.4: 12 weeks
        #expect(s.minimumNoticeMonths == 3)  // principle 4.x
        #expect(s.considerSocialValueInAllProcurements)
        #expect(s.bands.first?.fromPence == 0)
    }

    @Test(arguments: [
        (Int64(0), 5, "annually"), (2_499_999, 5, "annually"), (2_500_000, 10, "six-monthly"),
        (9_999_999, 10, "six-monthly"), (10_000_000, 10, "quarterly"), (500_000_000, 20, "quarterly"),
        (900_000_000_00, 20, "quarterly"),
    ])
    func bandBoundariesAreInclusiveAtTheStart(pence: Int64, minWeighting: Int, monitoring: String) {
        let band = CompactSettings.defaults.band(for: Money(pence: pence))
        #expect(band?.minWeightingPercent == minWeighting)
        #expect(band?.monitoring.rawValue == monitoring)
    }

    @Test func upperBoundIsTheNextBandsStart() {
        #expect(CompactSettings.defaults.upperBound(ofBand: 0) == Money(pence: 2_500_000))
        #expect(CompactSettings.defaults.upperBound(ofBand: 4) == nil)
    }

    @Test func badSettingsNameEachField() {
        var s = CompactSettings.defaults
        s.minimumConsultationDays = 7
        s.minimumNoticeMonths = 0
        s.bands[0].fromPence = 100
        s.bands[2].fromPence = s.bands[1].fromPence
        s.bands[3].maxWeightingPercent = 5  // below its min of 15
        s.bands[4].minWeightingPercent = 101
        let error = #expect(throws: ValidationFailure.self) { try s.validated() }
        #expect(
            Set(error?.errors.map(\.field) ?? []) == [
                "minimumConsultationDays", "minimumNoticeMonths", "bands[0].from", "bands[2].from",
                "bands[3].maxWeightingPercent", "bands[4].minWeightingPercent", "bands[4].maxWeightingPercent",
            ])
        #expect(
            error?.message(for: "bands[3].maxWeightingPercent")
                == "Band 4’s highest weighting must not be below its lowest")
    }

    @Test func emptyTableIsRejected() {
        var s = CompactSettings.defaults
        s.bands = []
        #expect(throws: ValidationFailure("bands", "Add at least one contract value band")) { try s.validated() }
    }
}

@Suite struct CompactSettingsInputTests {
    @Test func theSettingsReadBackAreTheInputThatGivesThemAgain() throws {
        let input = CompactSettingsInput(CompactSettings.defaults)
        #expect(input.bands?[1].from == "25000.00")
        #expect(try input.validated() == CompactSettings.defaults)
    }

    @Test func theAPIReadsAndWritesOneShape() throws {
        let json =
            #"{"minimumConsultationDays":84,"minimumNoticeMonths":"3","considerSocialValueInAllProcurements":true,"bands":[{"from":"0","minWeightingPercent":5,"maxWeightingPercent":"10","monitoring":"annually"},{"from":25000,"minWeightingPercent":10,"maxWeightingPercent":15,"monitoring":"six-monthly"}]}"#
        let input = try JSONDecoder().decode(CompactSettingsInput.self, from: Data(json.utf8))
        let s = try input.validated()
        #expect(s.bands.map(\.fromPence) == [0, 2_500_000])
        #expect(s.minimumNoticeMonths == 3)
        let written = try #require(
            try JSONSerialization.jsonObject(with: try JSONEncoder().encode(CompactSettingsInput(s))) as? [String: Any])
        let band = try #require((written["bands"] as? [[String: Any]])?.last)
        #expect(band["from"] as? String == "25000.00")
        #expect(band["minWeightingPercent"] as? Int == 10)
        #expect(band["maxWeightingPercent"] as? Int == 15)
        #expect(written["minimumNoticeMonths"] as? Int == 3)
    }

    @Test func amountsAreTypedInPoundsAndBlankRowsAreIgnored() throws {
        let input = CompactSettingsInput(
            minimumConsultationDays: "84", minimumNoticeMonths: "3", considerSocialValueInAllProcurements: nil,
            bands: [
                .init(from: "0", minWeightingPercent: "5", maxWeightingPercent: "10", monitoring: "annually"),
                .init(from: " ", minWeightingPercent: "", maxWeightingPercent: nil, monitoring: ""),
                .init(
                    from: "£1,000,000.50", minWeightingPercent: "15", maxWeightingPercent: "25", monitoring: "quarterly"
                ),
            ])
        let s = try input.validated()
        #expect(s.bands.map(\.fromPence) == [0, 100_000_050])
        #expect(!s.considerSocialValueInAllProcurements)  // an unticked checkbox sends nothing
    }

    @Test func problemsNameTheRowSentAndAreAllReportedAtOnce() {
        let input = CompactSettingsInput(
            minimumConsultationDays: "twelve weeks", minimumNoticeMonths: nil,
            considerSocialValueInAllProcurements: true,
            bands: [
                .init(from: "0", minWeightingPercent: "5", maxWeightingPercent: "10", monitoring: "annually"),
                .init(),
                .init(from: "25k", minWeightingPercent: "x", maxWeightingPercent: "15", monitoring: "fortnightly"),
            ])
        let error = #expect(throws: ValidationFailure.self) { try input.validated() }
        #expect(
            error?.errors.map(\.field) == [
                "minimumConsultationDays", "minimumNoticeMonths", "bands[2].from", "bands[2].minWeightingPercent",
                "bands[2].monitoring",
            ])
        #expect(
            error?.message(for: "bands[2].from") == "Band 3’s starting amount must be an amount in pounds, like 25,000")
        #expect(
            error?.message(for: "minimumConsultationDays")
                == "Enter the minimum consultation period in days as a whole number")
    }

    @Test func theTablesRulesNameTheRowSentPastBlankRows() {
        let input = CompactSettingsInput(
            minimumConsultationDays: "84", minimumNoticeMonths: "3", considerSocialValueInAllProcurements: true,
            bands: [
                .init(from: "0", minWeightingPercent: "5", maxWeightingPercent: "10", monitoring: "annually"),
                .init(),
                .init(from: "0", minWeightingPercent: "20", maxWeightingPercent: "15", monitoring: "quarterly"),
            ])
        let error = #expect(throws: ValidationFailure.self) { try input.validated() }
        #expect(error?.errors.map(\.field) == ["bands[2].from", "bands[2].maxWeightingPercent"])
        #expect(error?.message(for: "bands[2].from") == "Band 3 must start above band 1’s start (£0)")
    }
}

@Suite struct CompactDetailsTests {
    func input(adopted: String = "2024-03-01", review: String = "2026-03-01") -> CompactInput {
        CompactInput(
            name: "Eastmoor Compact", area: "Eastmoor", text: "We agree…", version: "3.0", adoptedOn: adopted,
            nextReviewOn: review)
    }

    @Test func reviewIsDueOnAndAfterItsDate() throws {
        let d = try CompactDetails.validate(input())
        #expect(!d.isReviewDue(today: CalendarDate(iso: "2026-02-28")!))
        #expect(d.isReviewDue(today: CalendarDate(iso: "2026-03-01")!))
        #expect(d.isReviewDue(today: CalendarDate(iso: "2026-11-25")!))
    }

    @Test func reviewMustFollowAdoptionWithinFiveYears() {
        #expect(
            throws: ValidationFailure("nextReviewOn", "The next review must be after the date the Compact was adopted")
        ) {
            try CompactDetails.validate(input(review: "2024-03-01"))
        }
        #expect(throws: ValidationFailure("nextReviewOn", "The next review must be within five years of adoption")) {
            try CompactDetails.validate(input(review: "2029-03-02"))
        }
        #expect(throws: Never.self) { try CompactDetails.validate(input(review: "2029-03-01")) }
    }

    @Test func datesMustBeReal() {
        let error = #expect(throws: ValidationFailure.self) {
            try CompactDetails.validate(input(adopted: "2025-02-29"))
        }
        #expect(
            error?.message(for: "adoptedOn") == "The date the Compact was adopted must be a real date, like 2026-04-01")
    }

    @Test func nationalPrinciplesCoverTheRulesTheProductEnforces() {
        #expect(NationalCompact2010.principles.map(\.code) == ["2.1", "2.3", "2.4", "3.6", "3.17", "4.x"])
        #expect(NationalCompact2010.outcomes.count == 5)
    }
}
