import Foundation
import Testing

@testable import SocialValue

/// Procurement Act 2023 KPI duty and assessment dates (docs/delivery.md).
@Suite struct PerformanceRulesTests {
    @Test func fiveMillionIncludingVAT() {
        // £4,166,667 ex VAT × 1.2 = £5,000,000.40: more than £5m, KPIs required.
        let v = KPIRule.includingVAT(exVAT: 4_166_667)
        #expect(v == dec("5000000.4"))
        #expect(KPIRule.applies(valueIncludingVAT: v, kind: .standard))
        // £4,166,666 × 1.2 = £4,999,999.20: not.
        #expect(!KPIRule.applies(valueIncludingVAT: KPIRule.includingVAT(exVAT: 4_166_666), kind: .standard))
        // Exactly £5,000,000 is not more than £5m.
        #expect(!KPIRule.applies(valueIncludingVAT: 5_000_000, kind: .standard))
        // Exemptions.
        for kind in [KPIContractKind.framework, .concession, .lightTouch] {
            #expect(KPIRule.check(valueIncludingVAT: 9_000_000, kind: kind, kpis: 0, reason: nil) == .notRequired)
        }
    }

    @Test func threeKPIsOrAReason() {
        let v = dec("5000000.4")
        #expect(KPIRule.check(valueIncludingVAT: v, kind: .standard, kpis: 3, reason: nil) == .met)
        #expect(KPIRule.check(valueIncludingVAT: v, kind: .standard, kpis: 2, reason: nil) == .missing(1))
        #expect(KPIRule.check(valueIncludingVAT: v, kind: .standard, kpis: 0, reason: "  \n") == .missing(3))
        #expect(
            KPIRule.check(valueIncludingVAT: v, kind: .standard, kpis: 1, reason: "A one-off delivery")
                == .reasonRecorded)
        #expect(KPIRule.check(valueIncludingVAT: 5_000_000, kind: .standard, kpis: 0, reason: nil) == .notRequired)
    }

    @Test func assessmentsEveryTwelveMonthsAndAtTheEnd() {
        // Two years from 1 April 2027: 12 months on is 1 April 2028; 24 months on (1 April 2029)
        // is after the end, so the end (31 March 2029) is the last.
        let two = AssessmentSchedule.due(start: day("2027-04-01"), end: day("2029-03-31"))
        #expect(two == [.init(on: day("2028-04-01"), reason: .annual(1)), .init(on: day("2029-03-31"), reason: .end)])
        // Three years.
        let three = AssessmentSchedule.due(start: day("2027-04-01"), end: day("2030-03-31"))
        #expect(three.map(\.on) == ["2028-04-01", "2029-04-01", "2030-03-31"].map(day))
        // A start on 29 February: 12 months on clamps to 28 February 2029.
        #expect(AssessmentSchedule.due(start: day("2028-02-29"), end: day("2030-01-31")).first?.on == day("2029-02-28"))
    }

    @Test func terminationAndBreach() {
        // Terminated on 15 October 2028 after a breach decided on 1 September 2028; a breach
        // after termination is not scheduled.
        let due = AssessmentSchedule.due(
            start: day("2027-04-01"), end: day("2030-03-31"), terminatedOn: day("2028-10-15"),
            breaches: [day("2028-09-01"), day("2029-01-10")])
        #expect(
            due == [
                .init(on: day("2028-04-01"), reason: .annual(1)), .init(on: day("2028-09-01"), reason: .breach),
                .init(on: day("2028-10-15"), reason: .termination),
            ])
        #expect(due.last?.reason.label == "Termination")
        #expect(AssessmentSchedule.due(start: day("2027-04-02"), end: day("2027-04-01")) == [])
    }
}
