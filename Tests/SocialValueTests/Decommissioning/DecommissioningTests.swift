import Foundation
import Testing

@testable import SocialValue

/// The notice rule and the case rules (Compact principle 4.x; DOMAIN.md §7), with dates
/// counted by hand on a calendar.
@Suite struct DecommissioningNoticeTests {
    func d(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

    @Test func earliestEndAddsCalendarMonthsAndClampsToTheMonthsLastDay() {
        // 15 Jan + 3 months = 15 Apr; 30 Nov + 3 = 30 Feb, which does not exist → 28 Feb 2027;
        // 31 Aug + 3 = 31 Nov → 30 Nov; 30 Nov 2027 + 3 = 30 Feb 2028 → 29 Feb (2028 is a leap year).
        #expect(NoticeRule.earliestEnd(noticeGivenOn: d("2027-01-15"), months: 3) == d("2027-04-15"))
        #expect(NoticeRule.earliestEnd(noticeGivenOn: d("2026-11-30"), months: 3) == d("2027-02-28"))
        #expect(NoticeRule.earliestEnd(noticeGivenOn: d("2026-08-31"), months: 3) == d("2026-11-30"))
        #expect(NoticeRule.earliestEnd(noticeGivenOn: d("2027-11-30"), months: 3) == d("2028-02-29"))
        // N = 1: 31 Jan 2027 + 1 = 31 Feb → 28 Feb. N = 6: 31 Aug 2026 + 6 = 31 Feb 2027 → 28 Feb;
        // 15 Oct 2026 + 6 = 15 Apr 2027 (across the year end).
        #expect(NoticeRule.earliestEnd(noticeGivenOn: d("2027-01-31"), months: 1) == d("2027-02-28"))
        #expect(NoticeRule.earliestEnd(noticeGivenOn: d("2026-08-31"), months: 6) == d("2027-02-28"))
        #expect(NoticeRule.earliestEnd(noticeGivenOn: d("2026-10-15"), months: 6) == d("2027-04-15"))
    }

    @Test func theExactBoundaryIsCompliantAndADayEarlierIsABreach() throws {
        let onTime = try NoticeRule.check(noticeGivenOn: d("2027-01-15"), effectiveOn: d("2027-04-15"), months: 3)
        #expect(onTime.check == .compliant)
        #expect(onTime.label == "Compliant")
        let early = try NoticeRule.check(noticeGivenOn: d("2027-01-15"), effectiveOn: d("2027-04-14"), months: 3)
        #expect(early.check == .breach(daysShort: 1))
        #expect(early.label == "Breach: 1 day short of 3 months")
        // Later than the earliest end is compliant too.
        #expect(
            try NoticeRule.check(noticeGivenOn: d("2027-01-15"), effectiveOn: d("2027-06-01"), months: 3).check
                == .compliant)
    }

    @Test func daysShortCountsBackFromTheClampedEarliestEnd() throws {
        // Notice 30 Nov 2026, earliest end 28 Feb 2027; effective 27 Feb is 1 day short;
        // effective 16 Feb: 12 days in February from the 16th to the 28th = 28 − 16 = 12.
        #expect(
            try NoticeRule.check(noticeGivenOn: d("2026-11-30"), effectiveOn: d("2027-02-27"), months: 3).check
                == .breach(daysShort: 1))
        let r = try NoticeRule.check(noticeGivenOn: d("2026-11-30"), effectiveOn: d("2027-02-16"), months: 3)
        #expect(r.check == .breach(daysShort: 12))
        #expect(r.label == "Breach: 12 days short of 3 months")
        // N = 1 from 1 March 2027: earliest 1 April; effective 1 March (same day) is 31 days short.
        #expect(
            try NoticeRule.check(noticeGivenOn: d("2027-03-01"), effectiveOn: d("2027-03-01"), months: 1).check
                == .breach(daysShort: 31))
        // N = 6 from 1 January 2027: earliest 1 July; effective 1 April: April 30 + May 31 + June 30 = 91 days short.
        let six = try NoticeRule.check(noticeGivenOn: d("2027-01-01"), effectiveOn: d("2027-04-01"), months: 6)
        #expect(six.check == .breach(daysShort: 91))
        #expect(six.label == "Breach: 91 days short of 6 months")
    }

    @Test func anExceptionalReasonTurnsABreachIntoShorterNotice() throws {
        let r = try NoticeRule.check(
            noticeGivenOn: d("2027-01-15"), effectiveOn: d("2027-04-05"), months: 3,
            exceptionalReason: "The building was condemned")
        // 15 Apr − 5 Apr = 10 days short.
        #expect(r.check == .shortWithReason(daysShort: 10))
        #expect(!r.check.isBreach)
        #expect(r.label == "Shorter notice: exceptional reason recorded")
        // A blank reason is no reason.
        #expect(
            try NoticeRule.check(
                noticeGivenOn: d("2027-01-15"), effectiveOn: d("2027-04-05"), months: 3, exceptionalReason: "  "
            ).check == .breach(daysShort: 10))
        // A reason on compliant notice changes nothing.
        #expect(
            try NoticeRule.check(
                noticeGivenOn: d("2027-01-15"), effectiveOn: d("2027-04-15"), months: 3, exceptionalReason: "x"
            ).check == .compliant)
    }

    @Test func anEffectiveDateBeforeTheNoticeIsRefused() {
        #expect(
            throws: ValidationFailure(
                "effectiveOn", "The date the change takes effect must be on or after the date notice is given")
        ) {
            try NoticeRule.check(noticeGivenOn: d("2027-01-15"), effectiveOn: d("2027-01-14"), months: 3)
        }
    }

    @Test func typedInputIsCheckedByField() throws {
        let r = try NoticeRule.check(noticeGivenOn: "2026-11-30", effectiveOn: "2027-02-27", months: "3")
        #expect(r.earliestEnd == d("2027-02-28"))
        #expect(r.check == .breach(daysShort: 1))
        do {
            _ = try NoticeRule.check(noticeGivenOn: "", effectiveOn: "2027-02-30", months: "0")
            Issue.record("expected problems")
        } catch let f as ValidationFailure {
            #expect(f.message(for: "noticeGivenOn") == "Enter the date notice is given")
            #expect(
                f.message(for: "effectiveOn")
                    == "Enter the date the change takes effect as a real date, like 2027-01-15")
            #expect(
                f.message(for: "minimumNoticeMonths")
                    == "Minimum notice must be a whole number of months between 1 and 24")
        }
    }

    @Test func storedChecksRoundTrip() {
        for check in [NoticeCheck.compliant, .breach(daysShort: 4), .shortWithReason(daysShort: 9)] {
            #expect(NoticeCheck(code: check.code, daysShort: check.daysShort) == check)
        }
        #expect(NoticeCheck(code: "nonsense", daysShort: 0) == nil)
    }
}

@Suite struct DecommissioningCaseTests {
    let path = "/decommissioning/abc"

    func proposal(change: String = "reduce", current: String = "48,000", proposed: String = "30,000") -> ProposalInput {
        ProposalInput(
            serviceName: "Food hub", serviceDescription: "Emergency food parcels", change: change,
            currentFunding: current, proposedFunding: proposed, rationale: "The grant budget falls by a third")
    }

    var assessed: CaseFacts {
        CaseFacts(
            onBeneficiaries: "Fewer parcels", onServiceUsers: "Shorter hours", onVolunteers: "Fewer shifts",
            responseRecorded: true,
            currentFunding: Money(pence: 48_000_00), proposedFunding: Money(pence: 30_000_00))
    }

    func endDecision(notice: String = "2027-01-15", effective: String = "2027-04-15") -> DecisionInput {
        DecisionInput(decision: "end", rationale: "The budget is gone", noticeGivenOn: notice, effectiveOn: effective)
    }

    @Test func aProposalNeedsItsFieldsAndAReductionNeedsLowerFunding() throws {
        let p = try Decommissioning.validate(proposal())
        #expect(p.currentFunding == Money(pence: 48_000_00))
        #expect(p.proposedFunding == Money(pence: 30_000_00))
        do {
            _ = try Decommissioning.validate(ProposalInput())
            Issue.record("expected problems")
        } catch let f as ValidationFailure {
            #expect(f.errors.map(\.field) == ["serviceName", "serviceDescription", "change", "rationale"])
            #expect(f.message(for: "change") == "Select whether funding would end or be reduced")
        }
        #expect(
            throws: ValidationFailure(
                "proposedFunding", "The proposed annual funding must be less than the current annual funding (£48,000)")
        ) {
            try Decommissioning.validate(proposal(proposed: "48000"))
        }
        #expect(
            throws: ValidationFailure([
                FieldError("currentFunding", "Enter the current annual funding in pounds"),
                FieldError("proposedFunding", "Enter the proposed annual funding in pounds"),
            ])
        ) {
            try Decommissioning.validate(proposal(current: "", proposed: ""))
        }
        // Ending needs no figures, and drops a proposed figure.
        let end = try Decommissioning.validate(proposal(change: "end", current: "", proposed: "10"))
        #expect(end.proposedFunding == nil)
    }

    @Test func theDecisionIsRefusedWithoutTheAssessmentAndTheResponseNamingThem() {
        var facts = CaseFacts(onBeneficiaries: "Fewer parcels")
        do {
            _ = try Decommissioning.validate(endDecision(), facts: facts, minimumMonths: 3, casePath: path)
            Issue.record("expected refusal")
        } catch let f as ValidationFailure {
            #expect(
                f.errors == [
                    FieldError(
                        "/decommissioning/abc/impact#onServiceUsers",
                        "Assess the impact on service users before deciding to end funding"),
                    FieldError(
                        "/decommissioning/abc/impact#onVolunteers",
                        "Assess the impact on volunteers before deciding to end funding"),
                    FieldError(
                        "/decommissioning/abc/response",
                        "Record the organisation’s response before deciding to end funding"),
                ])
        } catch { Issue.record("unexpected \(error)") }
        facts = assessed
        facts.responseRecorded = false
        #expect(
            throws: ValidationFailure(
                "/decommissioning/abc/response", "Record the organisation’s response before deciding to end funding")
        ) {
            try Decommissioning.validate(endDecision(), facts: facts, minimumMonths: 3, casePath: path)
        }
    }

    @Test func theDecisionIsRecordedOnceAssessedAndAnswered() throws {
        let d = try Decommissioning.validate(
            endDecision(effective: "2027-04-14"), facts: assessed, minimumMonths: 3, casePath: path)
        #expect(d.decision == .end)
        #expect(d.notice?.check == .breach(daysShort: 1))
        var input = endDecision(effective: "2027-04-14")
        input.useExceptionalReason = true
        #expect(throws: ValidationFailure("exceptionalReason", "Enter the exceptional reason for shorter notice")) {
            try Decommissioning.validate(input, facts: assessed, minimumMonths: 3, casePath: path)
        }
        input.exceptionalReason = "The premises closed"
        let excused = try Decommissioning.validate(input, facts: assessed, minimumMonths: 3, casePath: path)
        #expect(excused.notice?.check == .shortWithReason(daysShort: 1))
        #expect(excused.exceptionalReason == "The premises closed")
        // A reason typed but not used is not kept.
        input.useExceptionalReason = false
        #expect(
            try Decommissioning.validate(input, facts: assessed, minimumMonths: 3, casePath: path).exceptionalReason
                == nil)
    }

    @Test func continuingUnchangedNeedsOnlyARationale() throws {
        let d = try Decommissioning.validate(
            DecisionInput(decision: "continue", rationale: "Funding found"), facts: CaseFacts(), minimumMonths: 3,
            casePath: path)
        #expect(d.decision == .continueUnchanged)
        #expect(d.notice == nil)
        #expect(throws: ValidationFailure("decisionRationale", "Enter the rationale for the decision")) {
            try Decommissioning.validate(
                DecisionInput(decision: "continue"), facts: CaseFacts(), minimumMonths: 3, casePath: path)
        }
    }

    @Test func reducingNeedsTheFundingFigures() {
        var facts = assessed
        facts.proposedFunding = nil
        #expect(
            throws: ValidationFailure(
                "/decommissioning/abc/proposal#currentFunding",
                "Enter the current and proposed annual funding before deciding to reduce funding")
        ) {
            try Decommissioning.validate(
                DecisionInput(
                    decision: "reduce", rationale: "r", noticeGivenOn: "2027-01-15", effectiveOn: "2027-05-01"),
                facts: facts, minimumMonths: 3, casePath: path)
        }
    }

    @Test func decisionDatesAreChecked() {
        do {
            _ = try Decommissioning.validate(
                endDecision(notice: "", effective: "2027-01-01"), facts: assessed, minimumMonths: 3, casePath: path)
            Issue.record("expected problems")
        } catch let f as ValidationFailure {
            #expect(f.message(for: "noticeGivenOn") == "Enter the date written notice is given")
        } catch { Issue.record("unexpected \(error)") }
        #expect(
            throws: ValidationFailure(
                "effectiveOn", "The date the change takes effect must be on or after the date notice is given")
        ) {
            try Decommissioning.validate(
                endDecision(notice: "2027-01-15", effective: "2027-01-01"), facts: assessed, minimumMonths: 3,
                casePath: path)
        }
    }

    @Test func taskStatusesFollowTheCase() {
        var f = CaseFacts()
        #expect(Decommissioning.status(of: .proposal, f) == .completed)
        #expect(Decommissioning.status(of: .impact, f) == .notStarted)
        #expect(Decommissioning.status(of: .discussion, f) == .notStarted)
        #expect(Decommissioning.status(of: .response, f) == .notStarted)
        #expect(Decommissioning.status(of: .decision, f) == .cannotStartYet)
        f.onBeneficiaries = "Fewer parcels"
        f.shared = true
        f.discussions = 1
        #expect(Decommissioning.status(of: .impact, f) == .inProgress)
        #expect(Decommissioning.status(of: .response, f) == .inProgress)
        #expect(Decommissioning.status(of: .discussion, f) == .completed)
        f.onServiceUsers = "x"
        f.onVolunteers = "y"
        #expect(Decommissioning.status(of: .impact, f) == .completed)
        #expect(Decommissioning.status(of: .decision, f) == .cannotStartYet)
        f.responseRecorded = true
        #expect(Decommissioning.status(of: .decision, f) == .notStarted)
        f.status = .ended
        #expect(Decommissioning.status(of: .decision, f) == .completed)
    }

    @Test func responsesRecordedElsewhereSayWhenAndHow() throws {
        let today = CalendarDate(iso: "2027-01-20")!
        let own = try Decommissioning.validate(
            ResponseInput(text: "We disagree"), recordedElsewhere: false, today: today)
        #expect(own.receivedOn == today)
        #expect(own.how == "Submitted in Commonweal")
        do {
            _ = try Decommissioning.validate(
                ResponseInput(text: "", receivedOn: "2027-01-21"), recordedElsewhere: true, today: today)
            Issue.record("expected problems")
        } catch let f as ValidationFailure {
            #expect(f.errors.map(\.field) == ["responseText", "receivedOn", "how"])
            #expect(f.message(for: "receivedOn") == "The date the response was received must be today or in the past")
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func accessByRoleAndOrganisation() {
        let body = UUID()
        let provider = UUID()
        let other = UUID()
        func v(_ org: UUID, _ role: MembershipRole) -> Viewer {
            Viewer(
                userID: UUID(), isAdmin: false, memberships: [.init(organisationID: org, role: role)], compactSeats: [])
        }
        let admin = Viewer(userID: UUID(), isAdmin: true, memberships: [], compactSeats: [])
        #expect(v(body, .commissioner).canManageDecommissioning(owner: body))
        #expect(!v(body, .viewer).canManageDecommissioning(owner: body))
        #expect(!admin.canManageDecommissioning(owner: body))
        for reader in [v(body, .viewer), v(body, .evaluator), admin] {
            #expect(reader.canSeeDecommissioning(owner: body, provider: provider, shared: false))
        }
        #expect(!v(provider, .supplierMember).canSeeDecommissioning(owner: body, provider: provider, shared: false))
        #expect(v(provider, .supplierMember).canSeeDecommissioning(owner: body, provider: provider, shared: true))
        #expect(!v(other, .commissioner).canSeeDecommissioning(owner: body, provider: provider, shared: true))
        #expect(
            v(provider, .supplierMember).canRespondToDecommissioning(
                provider: provider, shared: true, status: .assessing))
        #expect(
            !v(provider, .supplierMember).canRespondToDecommissioning(provider: provider, shared: true, status: .ended))
        #expect(
            !v(body, .commissioner).canRespondToDecommissioning(provider: provider, shared: true, status: .assessing))
    }
}
