import Foundation
import Testing

@testable import SocialValue

@Suite struct ProcurementRuleTests {
    func input(_ change: (inout ProcurementInput) -> Void = { _ in }) -> ProcurementInput {
        var i = ProcurementInput()
        i.title = "Community transport"
        i.description = "Door to door."
        i.kind = "services"
        i.value = "250000"
        i.valueIncludesVAT = true
        change(&i)
        return i
    }

    @Test func detailsAreCheckedByField() {
        let e = #expect(throws: ValidationFailure.self) {
            try Procurement.validate(
                input {
                    $0.title = " "
                    $0.kind = "mixed"
                    $0.servicesValue = "100"
                    $0.goodsValue = "50"
                    $0.worksValue = "0"
                    $0.tenderOpensOn = "2026-06-01"
                    $0.tenderClosesOn = "2026-05-01"
                    $0.urgencyClaimed = true
                })
        }
        #expect(Set(e?.errors.map(\.field) ?? []) == ["title", "value", "tenderClosesOn", "urgencyReason"])
    }

    @Test func theTenderCannotOpenWithoutARequiredConsideration() throws {
        #expect(
            throws: ValidationFailure(
                "status", "Record and sign off the social value consideration before the tender opens")
        ) {
            try Procurement.checkTransition(
                from: .planning, to: .tenderOpen, considerationRequired: true, hasConsideration: false,
                cancelReason: nil)
        }
        try Procurement.checkTransition(
            from: .planning, to: .tenderOpen, considerationRequired: true, hasConsideration: true, cancelReason: nil)
        try Procurement.checkTransition(
            from: .marketEngagement, to: .tenderOpen, considerationRequired: false, hasConsideration: false,
            cancelReason: nil)
        #expect(throws: ValidationFailure.self) {
            try Procurement.checkTransition(
                from: .awarded, to: .tenderOpen, considerationRequired: false, hasConsideration: true, cancelReason: nil
            )
        }
        #expect(throws: ValidationFailure("cancelReason", "Enter why the procurement is cancelled")) {
            try Procurement.checkTransition(
                from: .evaluation, to: .cancelled, considerationRequired: false, hasConsideration: false,
                cancelReason: " ")
        }
    }

    @Test func requiredWhereTheActAppliesOrTheCompactCommits() {
        #expect(Procurement.considerationRequired(actApplies: true, compactCommits: false))
        #expect(Procurement.considerationRequired(actApplies: false, compactCommits: true))
        #expect(!Procurement.considerationRequired(actApplies: false, compactCommits: false))
    }

    @Test func lateMeansSignedOffAfterTheStart() {
        let d = { CalendarDate(iso: $0)! }
        #expect(Procurement.isLate(signedOffOn: d("2026-03-02"), startedOn: d("2026-03-01")))
        #expect(!Procurement.isLate(signedOffOn: d("2026-03-01"), startedOn: d("2026-03-01")))
        #expect(!Procurement.isLate(signedOffOn: d("2026-03-01"), startedOn: nil))
    }

    @Test func noticeWeeksAreWholeWeeks() {
        let d = { CalendarDate(iso: $0)! }
        #expect(Procurement.noticeWeeks(publishedOn: d("2026-01-05"), tenderOpenedOn: d("2026-03-02")) == 8)  // 56 days
        #expect(Procurement.noticeWeeks(publishedOn: d("2026-01-05"), tenderOpenedOn: d("2026-03-01")) == 7)  // 55 days
        #expect(Procurement.noticeWeeks(publishedOn: nil, tenderOpenedOn: d("2026-03-01")) == nil)
    }

    @Test func proportionalityFollowsTheCompactsBandsAndPPN002() throws {
        // Default bands: £100,000 to under £1m → 10% to 20%, quarterly.
        let local = try #require(
            Procurement.proportionality(settings: .defaults, value: Money(pence: 25_000_000), authority: .subCentral))
        #expect(local.minWeightingPercent == 10 && local.maxWeightingPercent == 20 && local.monitoring == .quarterly)
        #expect(local.statutoryMinimumPercent == nil)
        // Under £25,000: 5% to 10%; a central government body cannot go below 10%.
        let small = try #require(
            Procurement.proportionality(
                settings: .defaults, value: Money(pence: 2_000_000), authority: .centralGovernment))
        #expect(small.statutoryMinimumPercent == 10)
        #expect(small.minWeightingPercent == 10 && small.maxWeightingPercent == 10)
        // A Compact's own bands are read, not ours.
        var settings = CompactSettings.defaults
        settings.bands[2].minWeightingPercent = 12
        settings.bands[2].monitoring = .monthly
        let custom = try #require(
            Procurement.proportionality(settings: settings, value: Money(pence: 25_000_000), authority: .subCentral))
        #expect(custom.minWeightingPercent == 12 && custom.monitoring == .monthly)
    }

    func consideration(
        _ weighting: String, monitoring: String = "quarterly", _ change: (inout ConsiderationInput) -> Void = { _ in }
    ) -> ConsiderationInput {
        var c = ConsiderationInput()
        c.wellbeing = "Better journeys"
        c.securing = "Lots"
        c.weightingPercent = weighting
        c.consult = false
        c.consultReason = "Consulted last year"
        c.monitoring = monitoring
        c.monitoringPlan = "Quarterly returns"
        change(&c)
        return c
    }

    @Test func choosingOutsideTheSuggestionNeedsAReason() throws {
        let s = Procurement.proportionality(
            settings: .defaults, value: Money(pence: 25_000_000), authority: .subCentral)
        func check(_ c: ConsiderationInput, _ authority: AuthorityType = .subCentral) throws -> Consideration {
            try Procurement.validate(
                consideration: c, suggestion: s, authority: authority, knownOutcomes: [], knownMeasures: [])
        }
        _ = try check(consideration("15"))
        #expect(
            throws: ValidationFailure(
                "weightingReason", "Give a reason for a weighting outside the suggested 10% to 20%")
        ) { try check(consideration("30")) }
        #expect(try check(consideration("30") { $0.weightingReason = "Carbon is the priority" }).weightingPercent == 30)
        #expect(
            throws: ValidationFailure(
                "monitoringReason", "Give a reason for monitoring other than the suggested quarterly")
        ) { try check(consideration("15", monitoring: "annually")) }
        #expect(
            throws: ValidationFailure(
                "weightingPercent", "Central government bodies must weight social value at least 10% (PPN 002)")
        ) {
            try check(consideration("5") { $0.weightingReason = "Small" }, .centralGovernment)
        }
        #expect(throws: ValidationFailure("outcomeIDs", "Choose outcomes from the adopted framework")) {
            try check(consideration("15") { $0.outcomeIDs = [UUID()] })
        }
    }

    @Test func screeningInputFromAProcurement() throws {
        let d = try Procurement.validate(input { $0.tenderOpensOn = "2026-06-01" })
        let start = Procurement.screeningStart(d, startedOn: nil, today: CalendarDate(iso: "2026-01-10")!)
        #expect(start.iso == "2026-06-01")
        let s = Procurement.screeningInput(d, authority: .subCentral, start: start)
        #expect(s.value == 250000)
        #expect(OrganisationKind.centralGovernmentDepartment.authorityType == .centralGovernment)
        #expect(OrganisationKind.countyCouncil.authorityType == .subCentral)
    }
}
