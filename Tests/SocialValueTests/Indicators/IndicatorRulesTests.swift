import Foundation
import Testing

@testable import SocialValue

/// Each indicator's rule at its boundary (docs/indicators.md), with hand-worked numbers.
@Suite struct IndicatorRulesTests {
    func weighting(
        _ authority: AuthorityType, _ percent: String, pounds: Int64, reason: String? = nil,
        settings: CompactSettings? = .defaults
    ) -> WeightingInput {
        WeightingInput(
            authority: authority, weightingPercent: dec(percent), value: Money(pence: pounds * 100), settings: settings,
            reason: reason)
    }

    @Test func ppn002FloorAtTenPercent() {
        #expect(IndicatorRules.weightingBelowPPN002(weighting(.centralGovernment, "9.99", pounds: 50_000)))
        #expect(!IndicatorRules.weightingBelowPPN002(weighting(.centralGovernment, "10", pounds: 50_000)))
        // A reason does not lift it.
        #expect(IndicatorRules.weightingBelowPPN002(weighting(.centralGovernment, "5", pounds: 50_000, reason: "x")))
        // Sub-central bodies are outside PPN 002.
        #expect(!IndicatorRules.weightingBelowPPN002(weighting(.subCentral, "5", pounds: 50_000)))
    }

    @Test func compactBandBothEndsInclusive() {
        // Default bands (docs/compact.md): £25,000 to below £100,000 suggests 10–15%.
        #expect(IndicatorRules.weightingOutsideBand(weighting(.subCentral, "9", pounds: 50_000)))
        #expect(IndicatorRules.weightingOutsideBand(weighting(.subCentral, "9.99", pounds: 50_000)))
        #expect(!IndicatorRules.weightingOutsideBand(weighting(.subCentral, "10", pounds: 50_000)))
        #expect(!IndicatorRules.weightingOutsideBand(weighting(.subCentral, "15", pounds: 50_000)))
        #expect(IndicatorRules.weightingOutsideBand(weighting(.subCentral, "15.01", pounds: 50_000)))
        #expect(IndicatorRules.weightingOutsideBand(weighting(.subCentral, "16", pounds: 50_000)))
        // A recorded reason lifts it; blank words are no reason.
        #expect(!IndicatorRules.weightingOutsideBand(weighting(.subCentral, "16", pounds: 50_000, reason: "Pilot")))
        #expect(IndicatorRules.weightingOutsideBand(weighting(.subCentral, "16", pounds: 50_000, reason: "  ")))
        // £24,999 is in the first band (5–10%): 5 is in, 4 out.
        #expect(!IndicatorRules.weightingOutsideBand(weighting(.subCentral, "5", pounds: 24_999)))
        #expect(IndicatorRules.weightingOutsideBand(weighting(.subCentral, "4", pounds: 24_999)))
        // Central government in the first band: the floor makes it 10–10%, so 5 is out.
        #expect(IndicatorRules.weightingOutsideBand(weighting(.centralGovernment, "5", pounds: 10_000)))
        #expect(!IndicatorRules.weightingOutsideBand(weighting(.centralGovernment, "10", pounds: 10_000)))
        // No Compact signed: no band, no flag.
        #expect(!IndicatorRules.weightingOutsideBand(weighting(.subCentral, "0", pounds: 50_000, settings: nil)))
    }

    @Test func considerationLateAfterTheStartDay() {
        let start = day("2026-05-01")
        func late(_ signed: String?, required: Bool = true, today: String = "2026-06-01") -> Bool {
            IndicatorRules.considerationLate(
                ConsiderationTiming(requiredByAct: required, startedOn: start, signedOffOn: signed.map(day)),
                today: day(today))
        }
        #expect(!late("2026-05-01"))  // signed off on the start day: in time
        #expect(late("2026-05-02"))
        #expect(!late("2026-04-30"))
        // Never signed off: late once the procurement has started, if the Act requires it.
        #expect(!late(nil, today: "2026-04-30"))
        #expect(late(nil, today: "2026-05-01"))
        #expect(!late(nil, required: false))
    }

    @Test func consultationShorterThanMinimum() {
        func record(closes: String, reason: String? = nil) -> ConsultationRecord {
            ConsultationRecord(
                id: UUID(), title: "Day services",
                period: ConsultationPeriod(opensOn: day("2026-04-01"), closesOn: day(closes)), minimumDays: 84,
                noticeOn: nil, shortPeriodReason: reason)
        }
        // 1 April to 24 June 2026 is 84 days: meets 12 weeks.
        #expect(!IndicatorRules.consultationShort(record(closes: "2026-06-24"), today: day("2026-07-01")))
        #expect(IndicatorRules.consultationShort(record(closes: "2026-06-23"), today: day("2026-07-01")))
        #expect(
            !IndicatorRules.consultationShort(record(closes: "2026-06-23", reason: "Urgent"), today: day("2026-07-01")))
        // Not yet opened: not counted.
        #expect(!IndicatorRules.consultationShort(record(closes: "2026-06-23"), today: day("2026-03-31")))
        #expect(IndicatorRules.consultationShort(record(closes: "2026-06-23"), today: day("2026-04-01")))
    }

    @Test func noticeBreachAtThreeMonths() {
        func breach(_ notice: String, _ effective: String, reason: String? = nil) -> Bool {
            IndicatorRules.noticeBreach(
                noticeGivenOn: day(notice), effectiveOn: day(effective), months: 3, exceptionalReason: reason)
        }
        #expect(!breach("2027-01-15", "2027-04-15"))
        #expect(breach("2027-01-15", "2027-04-14"))
        #expect(!breach("2027-01-15", "2027-04-14", reason: "Funding withdrawn by government"))
        // 30 November + 3 months clamps to 28 February.
        #expect(!breach("2026-11-30", "2027-02-28"))
        #expect(breach("2026-11-30", "2027-02-27"))
    }

    @Test func kpisOverFiveMillion() {
        func missing(_ value: Decimal, kpis: Int, kind: KPIContractKind = .standard, reason: String? = nil) -> Bool {
            IndicatorRules.kpisMissing(KPIFacts(valueIncludingVAT: value, kind: kind, kpis: kpis, reason: reason))
        }
        #expect(!missing(5_000_000, kpis: 0))  // exactly £5m is not over
        // £4,166,667 ex VAT × 1.2 = £5,000,000.40.
        let over = KPIRule.includingVAT(exVAT: 4_166_667)
        #expect(over == dec("5000000.4"))
        #expect(missing(over, kpis: 0))
        #expect(missing(over, kpis: 2))
        #expect(!missing(over, kpis: 3))
        #expect(!missing(over, kpis: 0, reason: "Outcomes measured by the grant agreement"))
        #expect(!missing(over, kpis: 0, kind: .framework))
    }

    @Test func overdueAssessmentsCountOnlyThoseOverdue() {
        // From 1 April 2027 to 31 March 2029 with a breach on 15 September 2027: on 2 April 2028
        // the breach (overdue from 16 October 2027) and the first year (from 2 April) are overdue,
        // the end is not due yet; once the breach is assessed, one is left.
        func items(_ assessed: Set<String>) -> [PerformanceCalendar.Item] {
            PerformanceCalendar.items(
                start: day("2027-04-01"), end: day("2029-03-31"), breaches: [day("2027-09-15")], hasKPIs: true,
                assessed: assessed, today: day("2028-04-02"))
        }
        #expect(IndicatorRules.assessmentsOverdue(items([])) == 2)
        #expect(IndicatorRules.assessmentsOverdue(items(["breach-2027-09-15"])) == 1)
        #expect(IndicatorRules.assessmentsOverdue(items(["breach-2027-09-15", "annual-1"])) == 0)
    }

    @Test func overdueReturnsAfterTheDueDay() {
        // Quarter 1 April–30 June 2026, due 30 June + 30 days = 30 July 2026.
        let p1 = ReportingPeriod(number: 1, startsOn: day("2026-04-01"), endsOn: day("2026-06-30"))
        let p2 = ReportingPeriod(number: 2, startsOn: day("2026-07-01"), endsOn: day("2026-09-30"))
        #expect(p1.dueOn == day("2026-07-30"))
        #expect(IndicatorRules.overdueReturns(periods: [p1, p2], statuses: [:], today: day("2026-07-30")) == 0)
        #expect(IndicatorRules.overdueReturns(periods: [p1, p2], statuses: [:], today: day("2026-07-31")) == 1)
        #expect(
            IndicatorRules.overdueReturns(periods: [p1, p2], statuses: [1: .submitted], today: day("2026-07-31")) == 0)
        #expect(
            IndicatorRules.overdueReturns(periods: [p1, p2], statuses: [1: .verified], today: day("2026-07-31")) == 0)
        #expect(IndicatorRules.overdueReturns(periods: [p1, p2], statuses: [1: .draft], today: day("2026-07-31")) == 1)
        #expect(
            IndicatorRules.overdueReturns(
                periods: [p1, p2], statuses: [1: .changesRequested], today: day("2026-07-31"))
                == 1)
        // 30 September + 30 days = 30 October: both overdue on 31 October.
        #expect(IndicatorRules.overdueReturns(periods: [p1, p2], statuses: [:], today: day("2026-10-31")) == 2)
    }

    @Test func deliveryBelowSeventyPercent() {
        let hundred = Ratio(100)
        #expect(IndicatorRules.deliveryBehind([CommitmentFigures(verified: 70, expected: hundred)]) == 0)
        #expect(IndicatorRules.deliveryBehind([CommitmentFigures(verified: dec("69.99"), expected: hundred)]) == 1)
        // Expected 1,000 ÷ 3 = 333.33…; 70% of it is 233.33…: 233.33 × 100 × 3 = 69,999 < 70 × 1,000.
        let third = Ratio(1000, over: 3)
        #expect(IndicatorRules.deliveryBehind([CommitmentFigures(verified: dec("233.33"), expected: third)]) == 1)
        #expect(IndicatorRules.deliveryBehind([CommitmentFigures(verified: dec("233.34"), expected: third)]) == 0)
        // Nothing expected yet: no RAG, no flag. Two red of three: 2.
        #expect(IndicatorRules.deliveryBehind([CommitmentFigures(verified: 0, expected: Ratio(0))]) == 0)
        let lines = [
            CommitmentFigures(verified: 10, expected: hundred), CommitmentFigures(verified: 95, expected: hundred),
            CommitmentFigures(verified: 0, expected: hundred),
        ]
        #expect(IndicatorRules.deliveryBehind(lines) == 2)
        // A Compact with amber at 80%: 75 of 100 is red there.
        let strict = DeliveryThresholds(greenPercent: 95, amberPercent: 80, atRiskTolerancePercent: 10)
        #expect(
            IndicatorRules.deliveryBehind([CommitmentFigures(verified: 75, expected: hundred)], thresholds: strict) == 1
        )
    }

    @Test func shortSubmissionPeriodBelowTwentyFiveDays() {
        func tender(_ deadline: String) -> TenderFacts {
            TenderFacts(
                publishedOn: day("2026-04-01"), deadlineOn: day(deadline), deadlinePassed: true, submittedBids: 3)
        }
        #expect(IndicatorRules.shortSubmissionDays == 25)
        #expect(!IndicatorRules.shortSubmissionPeriod(tender("2026-04-26")))  // 25 days
        #expect(IndicatorRules.shortSubmissionPeriod(tender("2026-04-25")))  // 24 days
    }

    @Test func singleBidOnlyAfterTheDeadline() {
        func tender(passed: Bool, bids: Int) -> TenderFacts {
            TenderFacts(
                publishedOn: day("2026-04-01"), deadlineOn: day("2026-05-01"), deadlinePassed: passed,
                submittedBids: bids)
        }
        #expect(IndicatorRules.singleBid(tender(passed: true, bids: 1)))
        #expect(!IndicatorRules.singleBid(tender(passed: false, bids: 1)))  // sealed
        #expect(!IndicatorRules.singleBid(tender(passed: true, bids: 0)))
        #expect(!IndicatorRules.singleBid(tender(passed: true, bids: 2)))
    }

    @Test func everyCodeExplainsItself() {
        #expect(IndicatorCode.allCases.count == 11)
        #expect(Set(IndicatorCode.allCases.map(\.rawValue)).count == 11)
        for c in IndicatorCode.allCases {
            #expect(!c.title.isEmpty && !c.rule.isEmpty && !c.source.isEmpty)
        }
        #expect(!IndicatorCode.consultationShort.hasOCID && !IndicatorCode.noticeBreach.hasOCID)
        #expect(IndicatorCode.singleBid.hasOCID)
    }

    @Test func cardinalShape() {
        let body = UUID(uuidString: "AAAAAAAA-0000-0000-0000-000000000001")!
        let other = UUID(uuidString: "BBBBBBBB-0000-0000-0000-000000000002")!
        let flags = [
            IndicatorFlag(code: .singleBid, body: body, ocid: "ocds-commonweal-p2", subject: "P2"),
            IndicatorFlag(code: .returnsOverdue, body: body, ocid: "ocds-commonweal-p1", subject: "P1", value: 2),
            IndicatorFlag(code: .deliveryBehind, body: body, ocid: "ocds-commonweal-p1", subject: "P1"),
            IndicatorFlag(code: .consultationShort, body: body, ocid: nil, subject: "C"),
            IndicatorFlag(code: .singleBid, body: other, ocid: "ocds-commonweal-p3", subject: "P3"),
            IndicatorFlag(code: .singleBid, body: other, ocid: "ocds-commonweal-p4", subject: "P4"),
            IndicatorFlag(code: .returnsOverdue, body: other, ocid: "ocds-commonweal-p4", subject: "P4", value: 0),
        ]
        let expected = """
            {"OCID":{"ocds-commonweal-p1":{"CW07":2,"CW08":1},"ocds-commonweal-p2":{"R018":1},\
            "ocds-commonweal-p3":{"R018":1},"ocds-commonweal-p4":{"R018":1}},\
            "Buyer":{"aaaaaaaa-0000-0000-0000-000000000001":{"CW04":1,"CW07":2,"CW08":1,"R018":1},\
            "bbbbbbbb-0000-0000-0000-000000000002":{"R018":2}}}
            """
        let compact = CardinalShape.json(flags).rendered().filter { !$0.isWhitespace }
        #expect(compact == expected)
        #expect(CardinalShape.json([]).rendered().filter { !$0.isWhitespace } == #"{"OCID":{},"Buyer":{}}"#)
    }
}
