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
                "minimumConsultationDays", "minimumNoticeMonths", "bands.1.fromPence", "bands.3.fromPence",
                "bands.4.maxWeightingPercent", "bands.5.minWeightingPercent", "bands.5.maxWeightingPercent",
            ])
        #expect(
            error?.message(for: "bands.4.maxWeightingPercent")
                == "Band 4’s highest weighting must not be below its lowest")
    }

    @Test func emptyTableIsRejected() {
        var s = CompactSettings.defaults
        s.bands = []
        #expect(throws: ValidationFailure("bands", "Add at least one contract value band")) { try s.validated() }
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
