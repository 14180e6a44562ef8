import Foundation
import Testing

@testable import SocialValue

private func d(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

@Suite struct MonitoringPeriodTests {
    @Test func quarterlyPeriodsRunFromTheStartWithAShortLastPeriod() {
        // 1 Jan 2027 to 15 Aug 2027, quarterly: 1 Jan–31 Mar, 1 Apr–30 Jun, 1 Jul–15 Aug (clipped).
        let ps = MonitoringPeriods.periods(start: d("2027-01-01"), end: d("2027-08-15"), frequency: .quarterly)
        #expect(ps.map(\.startsOn.iso) == ["2027-01-01", "2027-04-01", "2027-07-01"])
        #expect(ps.map(\.endsOn.iso) == ["2027-03-31", "2027-06-30", "2027-08-15"])
        #expect(ps[1].label == "Period 2: 1 Apr 2027 to 30 Jun 2027")
        // Due 30 days after the end: 30 Jun + 30 days = 30 Jul.
        #expect(ps[1].dueOn == d("2027-07-30"))
        // 15 Aug + 30 days = 14 Sep.
        #expect(ps[2].dueOn == d("2027-09-14"))
    }

    @Test func monthlyPeriodsClampToTheMonthEndWithoutDrift() {
        // From 31 Jan 2027: 31 Jan, 28 Feb (clamped), 31 Mar (from the original start, not 28 Mar).
        let ps = MonitoringPeriods.periods(start: d("2027-01-31"), end: d("2027-04-29"), frequency: .monthly)
        #expect(ps.map(\.startsOn.iso) == ["2027-01-31", "2027-02-28", "2027-03-31"])
        #expect(ps.map(\.endsOn.iso) == ["2027-02-27", "2027-03-30", "2027-04-29"])
        // A leap year: 31 Jan 2028 + 1 month = 29 Feb 2028.
        let leap = MonitoringPeriods.periods(start: d("2028-01-31"), end: d("2028-12-31"), frequency: .monthly)
        #expect(leap[1].startsOn == d("2028-02-29"))
        #expect(leap[0].endsOn == d("2028-02-28"))
    }

    @Test func annualAndSixMonthlyPeriods() {
        // Three years from 1 Jun 2027: 1 Jun 2027–31 May 2028, 2028–29, 2029–31 May 2030.
        let annual = MonitoringPeriods.periods(start: d("2027-06-01"), end: d("2030-05-31"), frequency: .annually)
        #expect(annual.count == 3)
        #expect(annual.last?.endsOn == d("2030-05-31"))
        #expect(annual[1].startsOn == d("2028-06-01"))
        let six = MonitoringPeriods.periods(start: d("2027-06-01"), end: d("2028-05-31"), frequency: .sixMonthly)
        #expect(six.map(\.endsOn.iso) == ["2027-11-30", "2028-05-31"])
        // An end before the start has no periods; a one-day contract has one.
        #expect(MonitoringPeriods.periods(start: d("2027-06-02"), end: d("2027-06-01"), frequency: .monthly).isEmpty)
        #expect(MonitoringPeriods.periods(start: d("2027-06-01"), end: d("2027-06-01"), frequency: .monthly).count == 1)
    }

    @Test func dueAndOverdueOnTheExactBoundaries() {
        let p = ReportingPeriod(number: 2, startsOn: d("2027-04-01"), endsOn: d("2027-06-30"))
        // On its last day the period has not ended; the day after it has.
        #expect(!p.hasEnded(today: d("2027-06-30")))
        #expect(p.hasEnded(today: d("2027-07-01")))
        // Due 30 Jul: still in time on the day, overdue the day after.
        #expect(!p.isPastDue(today: d("2027-07-30")))
        #expect(p.isPastDue(today: d("2027-07-31")))
        #expect(PeriodStatus.of(p, returnStatus: nil, today: d("2027-06-30")) == .notDueYet)
        #expect(PeriodStatus.of(p, returnStatus: nil, today: d("2027-07-01")) == .due)
        #expect(PeriodStatus.of(p, returnStatus: nil, today: d("2027-07-30")) == .due)
        #expect(PeriodStatus.of(p, returnStatus: nil, today: d("2027-07-31")) == .overdue)
        #expect(PeriodStatus.of(p, returnStatus: .draft, today: d("2027-07-31")) == .overdue)
        #expect(PeriodStatus.of(p, returnStatus: .draft, today: d("2027-07-02")) == .draft)
        #expect(PeriodStatus.of(p, returnStatus: .submitted, today: d("2027-08-31")) == .submitted)
        #expect(PeriodStatus.of(p, returnStatus: .verified, today: d("2027-08-31")) == .verified)
        #expect(PeriodStatus.of(p, returnStatus: .changesRequested, today: d("2027-07-10")) == .changesRequested)
    }

    @Test func whoActsNextOnAPeriod() {
        let p = ReportingPeriod(number: 2, startsOn: d("2027-04-01"), endsOn: d("2027-06-30"))
        let july = d("2027-07-10")
        // The supplier writes what is due, overdue or sent back; a draft waits for it only once the period has ended.
        for status in [PeriodStatus.due, .overdue, .changesRequested] {
            #expect(MonitoringTask.supplierActs(status, p, today: july))
        }
        #expect(MonitoringTask.supplierActs(.draft, p, today: july))
        #expect(!MonitoringTask.supplierActs(.draft, p, today: d("2027-06-30")))
        for status in [PeriodStatus.notDueYet, .submitted, .verified] {
            #expect(!MonitoringTask.supplierActs(status, p, today: july))
        }
        // The buyer verifies what is submitted and chases what is overdue; nothing else waits for it.
        #expect(MonitoringTask.buyerActs(.submitted))
        #expect(MonitoringTask.buyerActs(.overdue))
        for status in [PeriodStatus.notDueYet, .due, .draft, .changesRequested, .verified] {
            #expect(!MonitoringTask.buyerActs(status))
        }
    }
}

enum MonitoringFixture {
    static let hours = MonitoredCommitment(
        code: "VOL", name: "Volunteer hours", unit: "hours", committed: 120, proxy: Decimal(string: "17.03")!)
    static let jobs = MonitoredCommitment(code: "JOBS", name: "Local jobs", unit: "jobs", committed: 0, proxy: 1000)
    static let period = ReportingPeriod(number: 1, startsOn: d("2027-01-01"), endsOn: d("2027-03-31"))
}

@Suite struct MonitoringReturnRuleTests {
    let commitments = [MonitoringFixture.hours]

    @Test func draftsMayBeIncompleteButQuantitiesMustBeNumbers() throws {
        let draft = try MonitoringReturns.validate(ReturnInput(narrative: "  ", lines: [:]), commitments: commitments)
        #expect(draft.narrative.isEmpty && draft.quantities.isEmpty)
        let e = #expect(throws: ValidationFailure.self) {
            try MonitoringReturns.validate(
                ReturnInput(lines: ["VOL": .init(quantity: "-3"), "XX": .init(quantity: "1")]), commitments: commitments
            )
        }
        #expect(
            e?.message(for: "lines.VOL.quantity")
                == "Enter the volunteer hours delivered this period as a number of 0 or more, like 12 or 30.5")
        #expect(e?.message(for: "lines.XX.quantity") == "XX is not a commitment of this contract")
        let long = #expect(throws: ValidationFailure.self) {
            try MonitoringReturns.validate(
                ReturnInput(
                    narrative: String(repeating: "a", count: 10_001),
                    lines: ["VOL": .init(quantity: "1", note: String(repeating: "b", count: 2_001))]),
                commitments: commitments)
        }
        #expect(long?.message(for: "narrative") == "The overall narrative must be 10000 characters or fewer")
        #expect(long?.message(for: "lines.VOL.note") == "The note on volunteer hours must be 2000 characters or fewer")
        let ok = try MonitoringReturns.validate(
            ReturnInput(narrative: "Done", lines: ["VOL": .init(quantity: "1,030.5", note: "ok")]),
            commitments: commitments)
        #expect(ok.quantities["VOL"] == Decimal(string: "1030.5"))
    }

    @Test func submissionNeedsTheEndedPeriodNarrativeEveryLineAndEvidence() throws {
        let empty = ReturnContent()
        let e = #expect(throws: ValidationFailure.self) {
            try MonitoringReturns.checkSubmittable(
                empty, commitments: commitments, evidenceCount: 0, period: MonitoringFixture.period,
                today: d("2027-03-31"))
        }
        #expect(e?.errors.map(\.field) == ["period", "narrative", "lines.VOL.quantity", "evidence"])
        #expect(e?.message(for: "evidence") == "Attach at least one piece of evidence")
        #expect(
            e?.message(for: "period") == "You can submit the return for period 1 after the period ends on 31 March 2027"
        )
        // 0 is an answer.
        try MonitoringReturns.checkSubmittable(
            ReturnContent(narrative: "n", quantities: ["VOL": 0]), commitments: commitments,
            evidenceCount: 1, period: MonitoringFixture.period, today: d("2027-04-01"))
    }

    @Test func verificationDefaultsToTheClaimAndNeedsANoteWhenLower() throws {
        let claimed: [String: Decimal] = ["VOL": 30]
        #expect(
            try MonitoringReturns.validate(
                VerificationInput(decision: "verify"), claimed: claimed, commitments: commitments)
                == .verify(["VOL": VerifiedLine(quantity: 30, note: nil)]))
        let lower = #expect(throws: ValidationFailure.self) {
            try MonitoringReturns.validate(
                VerificationInput(decision: "verify", lines: ["VOL": .init(quantity: "25")]), claimed: claimed,
                commitments: commitments)
        }
        #expect(lower?.message(for: "lines.VOL.note") == "Enter why less volunteer hours is verified than claimed")
        let more = #expect(throws: ValidationFailure.self) {
            try MonitoringReturns.validate(
                VerificationInput(decision: "verify", lines: ["VOL": .init(quantity: "31")]), claimed: claimed,
                commitments: commitments)
        }
        #expect(
            more?.message(for: "lines.VOL.quantity")
                == "The verified volunteer hours must be no more than the 30 claimed")
        #expect(
            try MonitoringReturns.validate(
                VerificationInput(
                    decision: "verify", lines: ["VOL": .init(quantity: "25", note: "Five hours were training")]),
                claimed: claimed, commitments: commitments)
                == .verify(["VOL": VerifiedLine(quantity: 25, note: "Five hours were training")]))
        let noReason = #expect(throws: ValidationFailure.self) {
            try MonitoringReturns.validate(
                VerificationInput(decision: "request-changes"), claimed: claimed, commitments: commitments)
        }
        #expect(noReason?.message(for: "reason") == "Enter what needs to change")
        let noDecision = #expect(throws: ValidationFailure.self) {
            try MonitoringReturns.validate(VerificationInput(), claimed: claimed, commitments: commitments)
        }
        #expect(noDecision?.message(for: "decision") == "Choose whether to verify the return or request changes")
    }

    @Test func onlyDraftsAndReturnsSentBackAreEditable() {
        #expect(ReturnStatus.draft.isEditable && ReturnStatus.changesRequested.isEditable)
        #expect(!ReturnStatus.submitted.isEditable && !ReturnStatus.verified.isEditable)
    }

    @Test func accessByRoleAndOrganisation() {
        let buyer = UUID()
        let supplier = UUID()
        let other = UUID()
        func viewer(_ org: UUID, _ role: MembershipRole, admin: Bool = false) -> Viewer {
            Viewer(
                userID: UUID(), isAdmin: admin, memberships: [.init(organisationID: org, role: role)], compactSeats: [])
        }
        #expect(viewer(supplier, .supplierMember).canEditReturns(supplier: supplier))
        #expect(!viewer(other, .supplierMember).canSeeMonitoring(buyer: buyer, supplier: supplier))
        #expect(viewer(buyer, .commissioner).canVerifyReturns(buyer: buyer))
        #expect(!viewer(buyer, .commissioner).canEditReturns(supplier: supplier))
        #expect(!viewer(buyer, .viewer).canVerifyReturns(buyer: buyer))
        #expect(viewer(buyer, .viewer).canSeeMonitoring(buyer: buyer, supplier: supplier))
        #expect(viewer(buyer, .evaluator).canSeeMonitoring(buyer: buyer, supplier: supplier))
        #expect(viewer(other, .commissioner, admin: true).canSeeMonitoring(buyer: buyer, supplier: supplier))
        #expect(!viewer(other, .commissioner, admin: true).canVerifyReturns(buyer: buyer))
    }
}

@Suite struct MonitoringProgressTests {
    @Test func progressCountsVerifiedReturnsOnly() {
        // Committed 120 volunteer hours at £17.03: 120 × 17.03 = £2,043.60.
        // Verified 30 + 45 = 75 hours → 75 ÷ 120 × 100 = 62.5%; 75 × 17.03 = £1,277.25.
        // A submitted return claiming 20 awaits verification; a draft (99) and a sent-back (7) count nowhere.
        let p = ContractProgress(
            commitments: [MonitoringFixture.hours],
            returns: [
                .init(status: .verified, claimed: ["VOL": 30], verified: ["VOL": 30]),
                .init(status: .verified, claimed: ["VOL": 50], verified: ["VOL": 45]),
                .init(status: .submitted, claimed: ["VOL": 20], verified: [:]),
                .init(status: .draft, claimed: ["VOL": 99], verified: [:]),
                .init(status: .changesRequested, claimed: ["VOL": 7], verified: [:]),
            ])
        let line = p.lines[0]
        #expect(line.verified == 75)
        #expect(line.awaiting == 20)
        #expect(line.percentText == "62.5%")
        #expect(DecimalText.format(line.committedValue) == "2043.60")
        #expect(DecimalText.format(line.deliveredValue) == "1277.25")
        #expect(DecimalText.format(p.deliveredValue) == "1277.25")
    }

    @Test func percentRoundsHalfUpAndNothingCommittedHasNoPercent() {
        // 1 of 3 → 33.333…% → "33.3%"; 1 of 8 → 12.5% exactly; 1 of 16 → 6.25% → "6.3%" (half-up).
        func percent(_ verified: Decimal, of committed: Decimal) -> String {
            let c = MonitoredCommitment(code: "X", name: "X", unit: "u", committed: committed, proxy: 1)
            return ContractProgress(
                commitments: [c],
                returns: [.init(status: .verified, claimed: ["X": verified], verified: ["X": verified])]
            ).lines[0].percentText
        }
        #expect(percent(1, of: 3) == "33.3%")
        #expect(percent(1, of: 16) == "6.3%")
        #expect(percent(5, of: 0) == "–")
    }

    @Test func totalsSumTheUnroundedPartsAndTheCSVHasATotalsRow() {
        // 0.5 × 0.005 = 0.0025 each; two lines = 0.005 → rounds half-up to 0.01 (rounding each first would give 0.00).
        let a = MonitoredCommitment(code: "A", name: "A", unit: "u", committed: 1, proxy: Decimal(string: "0.005")!)
        let b = MonitoredCommitment(code: "B", name: "B", unit: "u", committed: 1, proxy: Decimal(string: "0.005")!)
        let half = Decimal(string: "0.5")!
        let p = ContractProgress(
            commitments: [a, b], returns: [.init(status: .verified, claimed: [:], verified: ["A": half, "B": half])])
        #expect(DecimalText.format(p.deliveredValue) == "0.01")
        let csv = ContractProgress(
            commitments: [MonitoringFixture.hours],
            returns: [.init(status: .verified, claimed: ["VOL": 75], verified: ["VOL": 75])]
        ).csv
        #expect(
            csv
                == "measure_code,measure,unit,committed,verified_to_date,awaiting_verification,percent_delivered,proxy_per_unit,committed_value,delivered_value\r\n"
                + "VOL,Volunteer hours,hours,120,75,0,62.5,17.03,2043.60,1277.25\r\n"
                + "total,Total,,,,,,,2043.60,1277.25\r\n")
    }
}
