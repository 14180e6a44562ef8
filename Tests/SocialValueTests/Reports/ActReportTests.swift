import Foundation
import Testing

@testable import SocialValue

/// The Act implementation report's figures (docs/reports.md) on a hand-counted fixture: each
/// record sits at a boundary of the 2026/27 financial year (31 March / 1 April) or just inside
/// it, and every expected number below is worked by hand in the comments.
@Suite struct ActReportTests {
    static func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }
    static func id(_ n: Int) -> UUID { UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", n))! }
    static let year = ReportPeriod.financialYear(startingIn: 2026)!

    static func procurement(
        _ n: Int, started: String?, cancelled: Bool = false, inScope: Bool = true, signed: String? = nil,
        weighting: Decimal? = nil, pipeline: String? = nil
    ) -> ActReport.Procurement {
        .init(
            id: id(n), title: "P\(n)", startedOn: started.map(day), cancelled: cancelled, inScope: inScope,
            signedOffOn: signed.map(day), weightingPercent: weighting, pipelinePublishedOn: pipeline.map(day))
    }

    static let jobs = ActReport.Outcome(theme: "Jobs", outcome: "Local employment")
    static let skills = ActReport.Outcome(theme: "Jobs", outcome: "Skills")

    static func value(_ o: ActReport.Outcome, _ on: String, _ pounds: String) -> ActReport.Value {
        .init(contract: id(90), outcome: o, on: day(on), pounds: Decimal(string: pounds)!)
    }

    static let input = ActReport.Input(
        procurements: [
            // A: the year's first day; signed before; 10%; pipeline 7 Jan: 84 days = 12 weeks.
            procurement(1, started: "2026-04-01", signed: "2026-03-20", weighting: 10, pipeline: "2026-01-07"),
            // B: the year's last day; signed after the start (late); 5%; pipeline 24 Feb: 35 days = 5 weeks.
            procurement(2, started: "2027-03-31", signed: "2027-04-02", weighting: 5, pipeline: "2027-02-24"),
            // C: the next year's first day: out.
            procurement(3, started: "2027-04-01", signed: "2027-03-01", weighting: 50),
            // D: the previous year's last day: out of 2026/27, the only one of 2025/26.
            procurement(4, started: "2026-03-31", signed: "2026-03-01", weighting: 20),
            // E: out of scope; signed the day it started (in time); 15%; pipeline 1 May: 45 days = 6 weeks.
            procurement(
                5, started: "2026-06-15", inScope: false, signed: "2026-06-15", weighting: 15, pipeline: "2026-05-01"),
            // F: in scope, started, never signed: late, no weighting.
            procurement(6, started: "2026-07-01"),
            // G: cancelled; H: not started.
            procurement(7, started: "2026-05-01", cancelled: true, signed: "2026-04-01", weighting: 1),
            procurement(8, started: nil, signed: "2026-04-01", weighting: 1),
        ],
        contracts: [
            .init(
                id: id(11), title: "K1", awardedOn: day("2026-04-01"), value: Money(pence: 100_000_00),
                supplierIsVCSE: true, supplierIsSME: true),
            .init(
                id: id(12), title: "K2", awardedOn: day("2027-03-31"), value: Money(pence: 300_000_00),
                supplierIsVCSE: false, supplierIsSME: true),
            .init(
                id: id(13), title: "K3", awardedOn: day("2027-04-01"), value: Money(pence: 1_000_000_00),
                supplierIsVCSE: true, supplierIsSME: true),
            .init(
                id: id(14), title: "K4", awardedOn: day("2026-05-10"), value: Money(pence: 600_000_00),
                supplierIsVCSE: false, supplierIsSME: false),
        ],
        committed: [
            value(jobs, "2026-04-01", "1234.565"), value(skills, "2027-03-31", "500"),
            value(jobs, "2027-04-01", "9999"), value(.unlinked, "2026-06-01", "100"),
        ],
        verified: [value(jobs, "2026-06-30", "200.10"), value(jobs, "2026-03-31", "50")],
        claimed: [value(skills, "2027-03-31", "75.5")],
        consultations: [
            .init(id: id(21), title: "C1", opensOn: day("2026-04-01"), meetsMinimum: true, shortPeriodReason: nil),
            .init(
                id: id(22), title: "C2", opensOn: day("2026-09-01"), meetsMinimum: false,
                shortPeriodReason: "A statutory deadline"),
            .init(id: id(23), title: "C3", opensOn: day("2027-01-10"), meetsMinimum: false, shortPeriodReason: "  "),
            .init(id: id(24), title: "C4", opensOn: day("2027-04-01"), meetsMinimum: true, shortPeriodReason: nil),
        ],
        notices: [
            .init(id: id(31), service: "N1", givenOn: day("2026-05-01"), check: .compliant),
            .init(id: id(32), service: "N2", givenOn: day("2026-11-30"), check: .breach(daysShort: 3)),
            .init(id: id(33), service: "N3", givenOn: day("2027-02-01"), check: .shortWithReason(daysShort: 10)),
            .init(id: id(34), service: "N4", givenOn: day("2025-12-01"), check: .compliant),
        ])

    @Test func theProcurementFiguresCountTheYearFrom1AprilTo31March() {
        let r = ActReport(period: Self.year, Self.input)
        #expect(r.started.map(\.title) == ["P1", "P2", "P5", "P6"])
        #expect(r.inScope.map(\.title) == ["P1", "P2", "P6"])
        #expect(r.consideredInTime.map(\.title) == ["P1"])
        #expect(r.consideredLate.map(\.title) == ["P2", "P6"])
        // Weighted: P1 10%, P2 5%, P5 15%; at least 10%: P1 and P5, 2 of 3 = 66.7%; mean 30 / 3 = 10.0.
        #expect(r.weighted.map(\.title) == ["P1", "P2", "P5"])
        #expect(r.weightedAtLeast10.map(\.title) == ["P1", "P5"])
        #expect(ActReport.Share(2, of: 3).percent == Decimal(string: "66.7"))
        #expect(r.averageWeightingPercent == 10)
        // Pipeline notice: 12, 5 and 6 weeks; median 6.
        #expect(r.pipelineNotice.map(\.weeks) == [12, 5, 6])
        #expect(r.medianPipelineWeeks == 6)
    }

    @Test func thePreviousYearIsTheFinancialYearBefore() {
        let r = ActReport(period: Self.year.previous, Self.input)
        #expect(r.period.name == "2025/26")
        #expect(r.started.map(\.title) == ["P4"])
        #expect(r.consideredInTime.map(\.title) == ["P4"])
        #expect(r.averageWeightingPercent == 20)
        #expect(r.medianPipelineWeeks == nil)
        #expect(r.verified == 50)
        #expect(r.notices.map(\.service) == ["N4"])
        #expect(r.awarded.isEmpty)
        #expect(r.vcseShare.percent == nil)
    }

    @Test func awardedValueSharesAndSocialValueByThemeAndOutcome() {
        let r = ActReport(period: Self.year, Self.input)
        // K1 £100,000 (VCSE, SME), K2 £300,000 (SME), K4 £600,000: £1,000,000; VCSE 10.0%, SME 40.0%.
        #expect(r.awarded.map(\.title) == ["K1", "K2", "K4"])
        #expect(r.awardedValue == Money(pence: 1_000_000_00))
        #expect(r.vcseShare.percent == 10)
        #expect(r.smeShare.percent == 40)
        // Committed 1234.565 + 500 + 100 = 1834.565 (unrounded); verified 200.10; claimed 75.5.
        #expect(r.committed == Decimal(string: "1834.565"))
        #expect(r.verified == Decimal(string: "200.1"))
        #expect(r.claimed == Decimal(string: "75.5"))
        #expect(r.byOutcome.map(\.outcome) == [Self.jobs, Self.skills, .unlinked])
        #expect(r.byOutcome.map(\.committed) == [Decimal(string: "1234.565")!, 500, 100])
        #expect(r.byOutcome.map(\.verified) == [Decimal(string: "200.1")!, 0, 0])
        #expect(r.byOutcome.map(\.claimed) == [0, Decimal(string: "75.5")!, 0])
        #expect(r.byTheme.map(\.outcome.theme) == ["Jobs", "Not linked to a theme"])
        #expect(r.byTheme.map(\.committed) == [Decimal(string: "1734.565")!, 100])
    }

    @Test func consultationsAndNotices() {
        let r = ActReport(period: Self.year, Self.input)
        // C1 meets; C2 is short with a reason; C3's reason is blank; C4 opens in 2027/28.
        #expect(r.consultations.map(\.title) == ["C1", "C2", "C3"])
        #expect(r.consultationsMeetingOrExplained.map(\.title) == ["C1", "C2"])
        #expect(r.notices.map(\.service) == ["N1", "N2", "N3"])
        #expect(r.noticesMeetingMinimum.map(\.service) == ["N1"])
        #expect(r.noticesShortWithReason.map(\.service) == ["N3"])
    }

    @Test func sharesRoundHalfUpToOnePlaceAndTheMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        #expect(ActReport.Share(1, of: 16).percent == Decimal(string: "6.3"))  // 6.25
        #expect(ActReport.Share(1, of: 3).percent == Decimal(string: "33.3"))
        #expect(ActReport.Share(0, of: 0).percent == nil)
        #expect(ActReport.median([4, 1, 3, 2]) == Decimal(string: "2.5"))
        #expect(ActReport.median([5, 12, 6]) == 6)
        #expect(ActReport.median([]) == nil)
    }

    @Test func periodsAndTheirNames() {
        let d = Self.day
        #expect(ReportPeriod.financialYear(containing: d("2027-03-31")) == Self.year)
        #expect(ReportPeriod.financialYear(containing: d("2027-04-01")).name == "2027/28")
        #expect(ReportPeriod.financialYear(containing: d("2026-04-01")).name == "2026/27")
        #expect(ReportPeriod.financialYear(startingIn: 2099)!.name == "2099/00")
        #expect(Self.year.previous == ReportPeriod.financialYear(startingIn: 2025))
        #expect(Self.year.days == 365)
        // Six months of 183 days: the 183 days before, 30 September 2025 to 31 March 2026.
        let half = ReportPeriod(from: d("2026-04-01"), to: d("2026-09-30"))!
        #expect(!half.isFinancialYear)
        #expect(half.name == "1 April 2026 to 30 September 2026")
        #expect(half.previous == ReportPeriod(from: d("2025-09-30"), to: d("2026-03-31")))
        #expect(ReportPeriod(from: d("2026-04-02"), to: d("2026-04-01")) == nil)
    }
}
