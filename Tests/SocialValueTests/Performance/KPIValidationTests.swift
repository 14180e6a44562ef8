import Foundation
import Testing

@testable import SocialValue

/// Setting KPIs, the position on the KPI duty, assessments and failures: every bad input named
/// by its field (docs/performance.md).
@Suite struct KPIValidationTests {
    static let commitments = [
        MonitoredCommitment(
            code: "ECO2", name: "Weeks of employment", unit: "weeks", committed: 52, proxy: dec("226.50"))
    ]

    static func fields(_ body: () throws -> Void) -> [String] {
        do {
            try body()
            return []
        } catch let f as ValidationFailure {
            return f.errors.map(\.field)
        } catch {
            return ["unexpected \(error)"]
        }
    }

    static func messages(_ body: () throws -> Void) -> [String] {
        do {
            try body()
            return []
        } catch let f as ValidationFailure {
            return f.errors.map(\.message)
        } catch {
            return ["unexpected \(error)"]
        }
    }

    @Test func aCommitmentBecomesAKPIWithItsQuantityAsTheTarget() throws {
        let k = try KPIs.validate(
            KPIInput(measureCode: "ECO2", name: "ignored", frequency: "quarterly"), commitments: Self.commitments,
            existing: [])
        #expect(
            k == KPI(measureCode: "ECO2", name: "Weeks of employment", target: 52, unit: "weeks", frequency: .quarterly)
        )
    }

    @Test func anotherKPINeedsItsNameTargetAndUnit() throws {
        let k = try KPIs.validate(
            KPIInput(name: " Visits on time ", target: "1,200.5", unit: "visits", frequency: "monthly"),
            commitments: [], existing: [])
        #expect(k.name == "Visits on time")
        #expect(k.target == dec("1200.5"))
        #expect(
            Self.fields { _ = try KPIs.validate(KPIInput(), commitments: [], existing: []) } == [
                "frequency", "name", "unit", "target",
            ])
        #expect(
            Self.messages {
                _ = try KPIs.validate(
                    KPIInput(name: "A", target: "-1", unit: "u", frequency: "monthly"), commitments: [], existing: [])
            } == ["The target must be a number from 0 to 1,000,000,000,000, like 95 or 1,200"])
        #expect(
            Self.fields {
                _ = try KPIs.validate(
                    KPIInput(measureCode: "NOPE", frequency: "weekly"), commitments: Self.commitments, existing: [])
            } == ["frequency", "measureCode"])
    }

    @Test func aNameIsUsedOncePerContractAndTwentyIsTheMost() {
        #expect(
            Self.messages {
                _ = try KPIs.validate(
                    KPIInput(name: "visits ON TIME", target: "95", unit: "%", frequency: "monthly"), commitments: [],
                    existing: ["Visits on time"])
            } == ["The contract already has a KPI called “visits ON TIME”"])
        let twenty = (1...20).map { "KPI \($0)" }
        #expect(
            Self.messages {
                _ = try KPIs.validate(
                    KPIInput(name: "New", target: "1", unit: "u", frequency: "monthly"), commitments: [],
                    existing: twenty)
            } == ["A contract can have at most 20 KPIs"])
    }

    @Test func thePositionIsAmendedWithAReasonAndAChange() throws {
        let first = try KPIs.validate(KPIPositionInput(contractKind: "light-touch"), current: nil)
        #expect(first.0 == KPIPosition(contractKind: .lightTouch, notAppropriateReason: nil))
        #expect(first.reason == nil)
        #expect(
            Self.fields { _ = try KPIs.validate(KPIPositionInput(contractKind: "other"), current: nil) } == [
                "contractKind"
            ])
        // The same again, with no reason: both named.
        #expect(
            Self.messages {
                _ = try KPIs.validate(KPIPositionInput(contractKind: "light-touch"), current: (first.0, 1))
            }
                == [
                    "Enter why the KPI position is amended",
                    "The amendment is the same as version 1, the KPI position in force: change what needs amending",
                ])
        let second = try KPIs.validate(
            KPIPositionInput(
                contractKind: "standard", notAppropriateReason: "A one-off purchase",
                reason: "Not light-touch after all"),
            current: (first.0, 1))
        #expect(second.0 == KPIPosition(contractKind: .standard, notAppropriateReason: "A one-off purchase"))
        #expect(second.reason == "Not light-touch after all")
    }

    @Test func aFailureWithAPenaltyHasItsValueAndNoPenaltyHasNone() throws {
        let start = day("2027-04-01")
        let end = day("2029-03-31")
        let today = day("2027-10-01")
        let f = try PerformanceFailures.validate(
            FailureInput(
                kind: "breach", requirement: "Visit weekly", whatHappened: "Missed for a month",
                decidedOn: "2027-09-15", penaltyType: "imposed", penaltyValue: "2,500"),
            start: start, end: end, today: today)
        #expect(f.penalty == Money(pence: 250_000))
        #expect(f.decidedOn == day("2027-09-15"))
        let good = FailureInput(
            kind: "failure-to-perform", requirement: "r", whatHappened: "w", decidedOn: "2027-09-15",
            penaltyType: "none")
        #expect(try PerformanceFailures.validate(good, start: start, end: end, today: today).penalty == nil)
        var withValue = good
        withValue.penaltyValue = "10"
        #expect(
            Self.messages { _ = try PerformanceFailures.validate(withValue, start: start, end: end, today: today) } == [
                "Leave the penalty’s value empty when there is no penalty"
            ])
        var noValue = good
        noValue.penaltyType = "negotiated"
        #expect(
            Self.fields { _ = try PerformanceFailures.validate(noValue, start: start, end: end, today: today) } == [
                "penaltyValue"
            ])
        // A decision tomorrow, or before the start.
        var future = good
        future.decidedOn = "2027-10-02"
        #expect(
            Self.messages { _ = try PerformanceFailures.validate(future, start: start, end: end, today: today) } == [
                "The date of the decision must be today or in the past"
            ])
        var before = good
        before.decidedOn = "2027-03-31"
        #expect(
            Self.messages { _ = try PerformanceFailures.validate(before, start: start, end: end, today: today) } == [
                "The date of the decision must be while the contract runs, 1 April 2027 to 31 March 2029"
            ])
        #expect(
            Self.fields { _ = try PerformanceFailures.validate(FailureInput(), start: start, end: end, today: today) }
                == [
                    "kind", "requirement", "whatHappened", "decidedOn", "penaltyType",
                ])
    }
}
