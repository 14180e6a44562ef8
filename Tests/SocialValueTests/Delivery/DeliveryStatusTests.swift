import Foundation
import Testing

@testable import SocialValue

/// RAG, forecast and at risk (docs/delivery.md) on the worked contract 1 April 2027 – 31 March 2029
/// (731 days), measured to 31 March 2028 (366 days elapsed).
@Suite struct DeliveryStatusTests {
    static let days = ContractDays(start: day("2027-04-01"), end: day("2029-03-31"))

    func line(
        committed: Decimal, verified: Decimal, awaiting: Decimal = 0, proxy: Decimal = 10, to: String? = "2028-03-31"
    )
        -> CommitmentDelivery
    {
        let c = MonitoredCommitment(
            code: "SOC1", name: "Volunteering", unit: "hours", committed: committed, proxy: proxy)
        let p = ContractProgress(
            commitments: [c],
            returns: [
                .init(status: .verified, claimed: ["SOC1": verified], verified: ["SOC1": verified]),
                .init(status: .submitted, claimed: ["SOC1": awaiting], verified: [:]),
            ])
        return CommitmentDelivery(
            progress: p.lines[0], days: Self.days, measuredTo: to.map(day), thresholds: .defaults)
    }

    @Test func ragBoundaries() {
        // 731 committed, 366 expected. 90% of 366 = 329.4: exactly that is green, 329.3 amber.
        #expect(line(committed: 731, verified: dec("329.4")).rag == .green)
        #expect(line(committed: 731, verified: dec("329.3")).rag == .amber)
        // 70% of 366 = 256.2: exactly that is amber, 256.1 red.
        #expect(line(committed: 731, verified: dec("256.2")).rag == .amber)
        #expect(line(committed: 731, verified: dec("256.1")).rag == .red)
        #expect(line(committed: 731, verified: 400).rag == .green)
        // 1,000 committed: expected 366,000/731 = 500.6839…; 90% of it is 329,400/731 = 450.6155…
        // 450.61 × 731 = 329,395.91 < 329,400 (amber); 450.62 × 731 = 329,403.22 (green).
        #expect(line(committed: 1000, verified: dec("450.62")).rag == .green)
        #expect(line(committed: 1000, verified: dec("450.61")).rag == .amber)
        // Nothing expected yet: no RAG.
        #expect(line(committed: 731, verified: 0, to: "2027-03-31").rag == nil)
        #expect(line(committed: 731, verified: 0, to: nil).rag == nil)
    }

    @Test func percentages() {
        let l = line(committed: 731, verified: dec("329.4"))
        #expect(l.percentOfExpected == 90)  // 329.4 / 366
        #expect(DecimalText.format(l.percentOfCommitted!, places: 1) == "45.1")  // 329.4 / 731 = 45.06%
    }

    @Test func forecastAtVerifiedRate() {
        // 300 verified in 366 days: 300 × 731 / 366 = 599.18… hours by the end.
        let l = line(committed: 731, verified: 300)
        #expect(l.forecast == Ratio(219_300, over: 366))
        #expect(DecimalText.format(l.forecast!.value) == "599.18")
        // At the end the forecast is what was verified.
        #expect(line(committed: 731, verified: 700, to: "2029-03-31").forecast!.value == 700)
        #expect(line(committed: 731, verified: 0, to: nil).forecast == nil)
    }

    @Test func atRiskBeyondTolerance() {
        // Tolerance 10% of 731 = 73.1: not at risk down to a forecast of 657.9.
        // 329.4 verified → 329.4 × 731 / 366 = 657.9 exactly: short by exactly 10%, not at risk.
        #expect(line(committed: 731, verified: dec("329.4")).atRisk == false)
        // 329.3 → 657.70…: short by more than 10%, at risk.
        #expect(line(committed: 731, verified: dec("329.3")).atRisk == true)
        #expect(line(committed: 731, verified: 300).atRisk == true)
        #expect(line(committed: 731, verified: 0, to: nil).atRisk == false)
        // A stricter Compact (5%): 329.4 (forecast 657.9, 10% short) is at risk.
        var strict = line(committed: 731, verified: dec("329.4"))
        strict = CommitmentDelivery(
            progress: strict.progress, days: Self.days, measuredTo: day("2028-03-31"),
            thresholds: DeliveryThresholds(greenPercent: 90, amberPercent: 70, atRiskTolerancePercent: 5))
        #expect(strict.atRisk == true)
    }

    @Test func valuesCarryTheirBasis() {
        // 366 expected, 300 verified, 20 awaiting, proxy £12.50.
        let l = line(committed: 731, verified: 300, awaiting: 20, proxy: dec("12.5"))
        #expect(l.committedValue == Pounds<Committed>(dec("9137.5")))  // 731 × 12.50
        #expect(l.expectedValue == Pounds<Committed>(4575))  // 366 × 12.50
        #expect(l.verifiedValue == Pounds<Verified>(3750))  // 300 × 12.50
        #expect(l.submittedValue == Pounds<Submitted>(250))  // 20 × 12.50
        #expect(l.verifiedValue.labelled == "£3,750 (verified)")
        #expect(l.submittedValue.basis == "submitted, not yet verified")
        #expect((l.committedValue + l.expectedValue).amount == dec("13712.5"))
    }

    @Test func thresholdsValidated() throws {
        #expect(try DeliveryThresholds.defaults.validated() == DeliveryThresholds.defaults)
        func fields(_ g: Int, _ a: Int, _ t: Int) -> [String] {
            do {
                _ = try DeliveryThresholds(greenPercent: g, amberPercent: a, atRiskTolerancePercent: t).validated()
                return []
            } catch let f as ValidationFailure { return f.errors.map(\.field) } catch { return ["?"] }
        }
        #expect(fields(90, 90, 10) == ["ragAmberPercent"])  // amber must be below green
        #expect(fields(101, 70, 10) == ["ragGreenPercent"])
        #expect(fields(90, -1, 101) == ["ragAmberPercent", "atRiskTolerancePercent"])
        #expect(fields(100, 0, 0) == [])
    }
}

/// The date verified delivery is measured to, on quarterly periods from 1 April 2027:
/// period 1 ends 30 June 2027 (due 30 July), period 2 ends 30 September (due 30 October).
@Suite struct DeliveryClockTests {
    let periods = MonitoringPeriods.periods(start: day("2027-04-01"), end: day("2029-03-31"), frequency: .quarterly)

    @Test func measuredTo() {
        let today = day("2027-11-15")
        #expect(
            DeliveryClock.measuredTo(periods: periods, statuses: [1: .verified, 2: .submitted], today: today)
                == day("2027-06-30"))
        // Period 2 overdue with no return: counted, as nothing delivered.
        #expect(DeliveryClock.measuredTo(periods: periods, statuses: [1: .verified], today: today) == day("2027-09-30"))
        #expect(
            DeliveryClock.measuredTo(periods: periods, statuses: [1: .verified, 2: .draft], today: today)
                == day("2027-09-30"))
        // On the due day itself period 2 is still in time.
        #expect(
            DeliveryClock.measuredTo(periods: periods, statuses: [1: .verified], today: day("2027-10-30"))
                == day("2027-06-30"))
        #expect(DeliveryClock.measuredTo(periods: periods, statuses: [:], today: day("2027-07-01")) == nil)
    }

    @Test func timeline() {
        // 2027: 365 days, one commitment of 365 at £10; quarters end after 90, 181, 273 and 365 days.
        let ps = MonitoringPeriods.periods(start: day("2027-01-01"), end: day("2027-12-31"), frequency: .quarterly)
        let c = MonitoredCommitment(code: "A", name: "A", unit: "u", committed: 365, proxy: 10)
        let progress = ContractProgress(
            commitments: [c], returns: [.init(status: .verified, claimed: ["A": 80], verified: ["A": 80])])
        let d = ContractDelivery(
            progress: progress, days: ContractDays(start: day("2027-01-01"), end: day("2027-12-31")),
            measuredTo: day("2027-03-31"), thresholds: .defaults)
        let points = d.timeline(periods: ps, verifiedByPeriod: [1: ["A": 80]])
        #expect(points.map(\.on) == ["2027-01-01", "2027-03-31", "2027-06-30", "2027-09-30", "2027-12-31"].map(day))
        #expect(points.map(\.expected.amount) == [0, 900, 1810, 2730, 3650])
        #expect(points.map { $0.verified?.amount } == [0, 800, nil, nil, nil])
        // 80 verified against 90 expected: 88.9%, amber; forecast 80 × 365 / 90 = 324.4 (11.1% short): at risk.
        #expect(d.lines[0].rag == .amber)
        #expect(d.atRiskCount == 1)
        #expect(d.verifiedValue.amount == 800)
    }
}
