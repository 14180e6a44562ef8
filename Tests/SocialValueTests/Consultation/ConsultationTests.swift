import Foundation
import Testing

@testable import SocialValue

/// Dates and instants in these tests are worked out by hand, not by the code under test.
func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

/// An instant from `YYYY-MM-DDTHH:MM:SSZ`, parsed with Foundation's own ISO 8601 parser.
func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

@Suite struct UKTimeTests {
    @Test func weekdaysCountFromAThursday() {
        #expect(UKTime.weekday(day("1970-01-01")) == 4)  // Thursday
        #expect(UKTime.weekday(day("2026-11-25")) == 3)  // a Wednesday
        #expect(UKTime.weekday(day("2026-03-29")) == 0)  // a Sunday
    }

    @Test(arguments: [
        (2025, "2025-03-30", "2025-10-26"), (2026, "2026-03-29", "2026-10-25"), (2027, "2027-03-28", "2027-10-31"),
    ])
    func summerTimeRunsFromTheLastSundayOfMarchToTheLastSundayOfOctober(year: Int, starts: String, ends: String) {
        #expect(UKTime.lastSunday(month: 3, year: year) == day(starts))
        #expect(UKTime.lastSunday(month: 10, year: year) == day(ends))
        #expect(UKTime.summerTimeStarts(year: year) == utc("\(starts)T01:00:00Z"))
        #expect(UKTime.summerTimeEnds(year: year) == utc("\(ends)T01:00:00Z"))
    }

    @Test func theOffsetChangesAtOneInTheMorningUTC() {
        #expect(UKTime.offsetSeconds(at: utc("2026-03-29T00:59:59Z")) == 0)
        #expect(UKTime.offsetSeconds(at: utc("2026-03-29T01:00:00Z")) == 3_600)
        #expect(UKTime.offsetSeconds(at: utc("2026-10-25T00:59:59Z")) == 3_600)
        #expect(UKTime.offsetSeconds(at: utc("2026-10-25T01:00:00Z")) == 0)
        #expect(UKTime.offsetSeconds(at: utc("2026-01-15T12:00:00Z")) == 0)
    }

    @Test func theUKDateFollowsTheClocks() {
        #expect(UKTime.date(at: utc("2026-06-30T23:30:00Z")) == day("2026-07-01"))  // 00:30 BST
        #expect(UKTime.date(at: utc("2026-12-31T23:30:00Z")) == day("2026-12-31"))  // 23:30 GMT
        // 00:30 BST, the night the clocks go back
        #expect(UKTime.date(at: utc("2026-10-24T23:30:00Z")) == day("2026-10-25"))
        // 23:30 GMT, the night they go forward
        #expect(UKTime.date(at: utc("2026-03-28T23:30:00Z")) == day("2026-03-28"))
    }

    @Test func daysStartAndEndInUKTime() {
        // The clocks go forward at 01:00 UTC on 29 March 2026: midnight is still GMT, 23:59:59 is BST.
        #expect(UKTime.startOfDay(day("2026-03-29")) == utc("2026-03-29T00:00:00Z"))
        #expect(UKTime.endOfDay(day("2026-03-29")) == utc("2026-03-29T22:59:59Z"))
        #expect(UKTime.endOfDay(day("2026-03-28")) == utc("2026-03-28T23:59:59Z"))
        #expect(UKTime.startOfDay(day("2026-03-30")) == utc("2026-03-29T23:00:00Z"))
        // They go back at 01:00 UTC on 25 October 2026: midnight is BST, 23:59:59 is GMT.
        #expect(UKTime.startOfDay(day("2026-10-25")) == utc("2026-10-24T23:00:00Z"))
        #expect(UKTime.endOfDay(day("2026-10-25")) == utc("2026-10-25T23:59:59Z"))
        #expect(UKTime.endOfDay(day("2026-10-24")) == utc("2026-10-24T22:59:59Z"))
        #expect(UKTime.startOfDay(day("2026-10-26")) == utc("2026-10-26T00:00:00Z"))
        // Midsummer and midwinter.
        #expect(UKTime.endOfDay(day("2026-06-24")) == utc("2026-06-24T22:59:59Z"))
        #expect(UKTime.endOfDay(day("2026-12-24")) == utc("2026-12-24T23:59:59Z"))
    }

    @Test func instantsPrintAsUTC() {
        #expect(UKTime.isoUTC(utc("2026-06-24T22:59:59Z")) == "2026-06-24T22:59:59Z")
        #expect(UKTime.isoUTC(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
    }
}

@Suite struct ConsultationPeriodTests {
    @Test func twelveWeeksFromTheFirstOfAprilIsTheTwentyFourthOfJune() {
        // April 1 → May 1 is 30 days, → June 1 is 31 more (61), → June 24 is 23 more: 84.
        let p = ConsultationPeriod(opensOn: day("2026-04-01"), closesOn: day("2026-06-24"))
        #expect(p.days == 84)
        #expect(p.meets(minimumDays: 84))
        #expect(!ConsultationPeriod(opensOn: day("2026-04-01"), closesOn: day("2026-06-23")).meets(minimumDays: 84))
    }

    @Test func theCountIsOfDatesSoClockChangesDoNotMoveIt() {
        // Across the clocks going forward (29 March 2026): 2 March → 2 April 31, → 2 May 30, → 25 May 23.
        let spring = ConsultationPeriod(opensOn: day("2026-03-02"), closesOn: day("2026-05-25"))
        #expect(spring.days == 84)
        #expect(spring.opensAt == utc("2026-03-02T00:00:00Z"))
        #expect(spring.closesAt == utc("2026-05-25T22:59:59Z"))
        // Across the clocks going back (25 October 2026): 1 September → 1 October 30, → 1 November 31, → 24 November 23.
        let autumn = ConsultationPeriod(opensOn: day("2026-09-01"), closesOn: day("2026-11-24"))
        #expect(autumn.days == 84)
        #expect(autumn.opensAt == utc("2026-08-31T23:00:00Z"))
        #expect(autumn.closesAt == utc("2026-11-24T23:59:59Z"))
    }

    @Test func aCloseOnTheDayTheClocksGoForwardEndsAtTwentyTwoFiftyNineUTC() {
        let p = ConsultationPeriod(opensOn: day("2026-01-04"), closesOn: day("2026-03-29"))
        #expect(p.days == 84)  // January 4 → February 4 31, → March 4 28 (59), → March 29 25
        #expect(p.isOpen(at: utc("2026-03-29T22:59:59Z")))
        #expect(p.isOpen(at: utc("2026-03-29T22:59:59Z").addingTimeInterval(0.5)))
        #expect(!p.isOpen(at: utc("2026-03-29T23:00:00Z")))  // still the 29th in UTC, but midnight in London
        #expect(p.hasClosed(at: utc("2026-03-29T23:00:00Z")))
        #expect(!p.isOpen(at: utc("2026-01-03T23:59:59Z")))
        #expect(p.isOpen(at: utc("2026-01-04T00:00:00Z")))
    }

    @Test func aCloseOnTheDayTheClocksGoBackEndsAtTwentyThreeFiftyNineUTC() {
        let p = ConsultationPeriod(opensOn: day("2026-08-02"), closesOn: day("2026-10-25"))
        #expect(p.days == 84)  // August 2 → September 2 31, → October 2 30 (61), → October 25 23
        #expect(p.opensAt == utc("2026-08-01T23:00:00Z"))
        #expect(!p.isOpen(at: utc("2026-08-01T22:59:59Z")))
        #expect(p.isOpen(at: utc("2026-10-25T23:59:59Z")))
        #expect(!p.isOpen(at: utc("2026-10-26T00:00:00Z")))
    }

    @Test(arguments: [
        (84, "84 days (12 weeks)"), (45, "45 days (6 weeks and 3 days)"), (1, "1 day"),
        (8, "8 days (1 week and 1 day)"),
        (6, "6 days"),
    ])
    func periodsAreDescribedInDaysAndWeeks(days: Int, text: String) {
        #expect(ConsultationPeriod.describe(days: days) == text)
    }

    @Test func thePhaseIsWorkedOutFromTheDates() {
        let p = ConsultationPeriod(opensOn: day("2026-04-01"), closesOn: day("2026-06-24"))
        func phase(_ at: String, published: Bool = true, summary: Bool = false) -> ConsultationPhase {
            ConsultationRules.phase(published: published, period: p, summaryPublished: summary, at: utc(at))
        }
        #expect(phase("2026-05-01T12:00:00Z", published: false) == .draft)
        #expect(phase("2026-03-31T22:59:59Z") == .forthcoming)  // 23:59:59 BST on 31 March
        #expect(phase("2026-03-31T23:00:00Z") == .open)  // midnight BST on 1 April
        #expect(phase("2026-06-24T22:59:59Z") == .open)
        #expect(phase("2026-06-24T23:00:00Z") == .closed)
        #expect(phase("2026-07-01T09:00:00Z", summary: true) == .summaryPublished)
    }
}

@Suite struct ConsultationRuleTests {
    let input = ConsultationInput(
        title: "Eastmoor social value strategy", summary: "How we define and measure social value.",
        subject: "strategy",
        audience: ["vcs", "public"], opensOn: "2026-04-01", closesOn: "2026-06-24")

    @Test func validDetailsKeepEveryField() throws {
        let d = try ConsultationDetails.validate(input, minimumDays: 84)
        #expect(d.subject == .strategy)
        #expect(d.audience == ConsultationAudience(vcs: true, suppliers: false, publicAtLarge: true))
        #expect(d.audience.label == "VCS organisations and the public")
        #expect(d.period.days == 84)
        #expect(d.shortPeriodReason == nil)
    }

    @Test func onlyAConsultationAboutAFrameworkVersionLinksToOne() throws {
        var linked = input
        linked.frameworkVersionId = UUID()
        #expect(
            throws: ValidationFailure(
                "frameworkVersionId",
                "Only a consultation about a social value framework version links to one: choose that subject, or no version"
            )
        ) {
            try ConsultationDetails.validate(linked, minimumDays: 84)
        }
        linked.subject = "framework-version"
        #expect(
            try ConsultationDetails.validate(linked, minimumDays: 84).frameworkVersionID == linked.frameworkVersionId)
        var aboutProcurement = input
        aboutProcurement.procurementId = UUID()
        #expect(
            throws: ValidationFailure(
                "procurementId",
                "Only a consultation about a procurement links to one: choose that subject, or no procurement")
        ) {
            try ConsultationDetails.validate(aboutProcurement, minimumDays: 84)
        }
        aboutProcurement.subject = "procurement"
        #expect(
            try ConsultationDetails.validate(aboutProcurement, minimumDays: 84).linkedRecordID
                == aboutProcurement.procurementId)
    }

    @Test func badDetailsNameEachField() {
        let bad = ConsultationInput(
            title: " ", subject: "rumour", audience: ["everyone"], opensOn: "2026-04-31", closesOn: "2026-04-01")
        let error = #expect(throws: ValidationFailure.self) { try ConsultationDetails.validate(bad, minimumDays: 84) }
        #expect(Set(error?.errors.map(\.field) ?? []) == ["title", "summary", "subject", "audience", "opensOn"])
        var backwards = input
        backwards.closesOn = "2026-04-01"
        #expect(throws: ValidationFailure("closesOn", "The closing date must be after the opening date")) {
            try ConsultationDetails.validate(backwards, minimumDays: 84)
        }
        var tooLong = input
        tooLong.closesOn = "2027-04-02"  // 366 days
        #expect(throws: ValidationFailure.self) { try ConsultationDetails.validate(tooLong, minimumDays: 84) }
        var nobody = input
        nobody.audience = []
        #expect(throws: ValidationFailure("audience", "Select who can respond")) {
            try ConsultationDetails.validate(nobody, minimumDays: 84)
        }
    }

    @Test func aShortConsultationCannotOpenWithoutAReason() throws {
        var short = input
        short.closesOn = "2026-05-13"  // April 1 → May 1 30, → May 13 12: 42 days
        let d = try ConsultationDetails.validate(short, minimumDays: 84)  // a draft may be saved without one
        #expect(d.period.days == 42)
        #expect(
            throws: ValidationFailure(
                "shortPeriodReason",
                "This consultation runs for 42 days (6 weeks), shorter than the Eastmoor Compact’s minimum of 84 days (12 weeks). Give the reason for the shorter period: it is published on the consultation’s page"
            )
        ) {
            try ConsultationRules.checkCanPublish(
                d, minimumDays: 84, questionCount: 3, compactName: "Eastmoor Compact", today: day("2026-03-01"))
        }
        short.shortPeriodReason = "The government’s deadline for our plan is 31 May."
        let withReason = try ConsultationDetails.validate(short, minimumDays: 84)
        try ConsultationRules.checkCanPublish(
            withReason, minimumDays: 84, questionCount: 3, compactName: "Eastmoor Compact", today: day("2026-03-01"))
        // The Compact's own minimum is what counts.
        try ConsultationRules.checkCanPublish(
            d, minimumDays: 42, questionCount: 3, compactName: "Eastmoor Compact", today: day("2026-03-01"))
    }

    @Test func aReasonIsDroppedWhenThePeriodMeetsTheMinimum() throws {
        var full = input
        full.shortPeriodReason = "Not needed"
        #expect(try ConsultationDetails.validate(full, minimumDays: 84).shortPeriodReason == nil)
        #expect(try ConsultationDetails.validate(full, minimumDays: 90).shortPeriodReason == "Not needed")
    }

    @Test func publishingNeedsAFutureOpeningDateAndAQuestion() throws {
        let d = try ConsultationDetails.validate(input, minimumDays: 84)
        let error = #expect(throws: ValidationFailure.self) {
            try ConsultationRules.checkCanPublish(
                d, minimumDays: 84, questionCount: 0, compactName: "X", today: day("2026-04-02"))
        }
        #expect(error?.errors.map(\.field) == ["opensOn", "questions"])
        try ConsultationRules.checkCanPublish(
            d, minimumDays: 84, questionCount: 1, compactName: "X", today: day("2026-04-01"))
    }

    @Test func onceOpenTheOpeningDateIsFixedAndTheCloseCanOnlyMoveLater() throws {
        let old = try ConsultationDetails.validate(input, minimumDays: 84)
        var moved = input
        moved.opensOn = "2026-04-08"
        moved.closesOn = "2026-07-01"
        let new = try ConsultationDetails.validate(moved, minimumDays: 84)
        // Before it opens (31 March, noon BST) the dates may move.
        try ConsultationRules.checkChange(
            from: old, to: new, minimumDays: 84, compactName: "X", now: utc("2026-03-31T11:00:00Z"))
        // Once open they may not, except to extend.
        let error = #expect(throws: ValidationFailure.self) {
            try ConsultationRules.checkChange(
                from: old, to: new, minimumDays: 84, compactName: "X", now: utc("2026-04-10T11:00:00Z"))
        }
        #expect(error?.errors.map(\.field) == ["opensOn"])
        var earlier = input
        earlier.closesOn = "2026-06-20"
        earlier.shortPeriodReason = "Because"
        let shortened = try ConsultationDetails.validate(earlier, minimumDays: 84)
        #expect(throws: ValidationFailure.self) {
            try ConsultationRules.checkChange(
                from: old, to: shortened, minimumDays: 84, compactName: "X", now: utc("2026-04-10T11:00:00Z"))
        }
        var extended = input
        extended.closesOn = "2026-07-08"
        try ConsultationRules.checkChange(
            from: old, to: try ConsultationDetails.validate(extended, minimumDays: 84), minimumDays: 84,
            compactName: "X", now: utc("2026-04-10T11:00:00Z"))
        #expect(throws: ValidationFailure("closesOn", "This consultation has closed, so it can no longer be changed")) {
            try ConsultationRules.checkChange(
                from: old, to: old, minimumDays: 84, compactName: "X", now: utc("2026-06-24T23:00:00Z"))
        }
    }

    @Test func earlyNoticeRunsFromPublicationToOpening() {
        #expect(
            ConsultationRules.noticeDate(publishedOn: day("2026-02-18"), opensOn: day("2026-04-01"))
                == day("2026-02-18"))
        #expect(ConsultationRules.noticeDate(publishedOn: day("2026-04-01"), opensOn: day("2026-04-01")) == nil)
        // February 18 → March 18 is 28 days, → April 1 is 14 more: 42 days, 6 weeks.
        #expect(ConsultationRules.noticeDays(noticeOn: day("2026-02-18"), opensOn: day("2026-04-01")) == 42)
        #expect(ConsultationRules.noticeDays(noticeOn: nil, opensOn: day("2026-04-01")) == 0)
        #expect(ConsultationRules.describeNotice(days: 42) == "6 weeks’ notice")
        #expect(ConsultationRules.describeNotice(days: 10) == "1 week’s notice")
        #expect(ConsultationRules.describeNotice(days: 3) == "3 days’ notice")
        #expect(ConsultationRules.describeNotice(days: 0) == "No early notice")
    }
}

@Suite struct ConsultationComplianceTests {
    func record(_ opens: String, _ closes: String, notice: String?, minimum: Int = 84, reason: String? = nil)
        -> ConsultationRecord
    {
        ConsultationRecord(
            id: UUID(), title: "Consultation opening \(opens)",
            period: ConsultationPeriod(opensOn: day(opens), closesOn: day(closes)),
            minimumDays: minimum, noticeOn: notice.map(day), shortPeriodReason: reason)
    }

    @Test func figuresCountOnlyConsultationsThatHaveOpened() {
        let records = [
            // 84 days; notice 42 days (Nov 24 → Dec 24 30, → Jan 5 12)
            record("2026-01-05", "2026-03-30", notice: "2025-11-24"),
            record("2026-02-02", "2026-03-16", notice: "2026-01-19", reason: "Budget deadline"),  // 42 days; notice 14
            record("2026-03-02", "2026-05-25", notice: nil),  // 84 days; no notice
            record("2026-12-01", "2027-02-23", notice: "2026-11-01"),  // forthcoming on 25 November: not counted
        ]
        let f = ComplianceFigures(records, today: day("2026-11-25"))
        #expect(f.run == 3)
        #expect(f.meetingMinimum == 2)
        #expect(f.percentMeetingMinimum == 67)  // 2 / 3 = 66.7%
        #expect(f.meetingMinimumText == "2 of 3 (67%)")
        #expect(f.shorter.map(\.shortPeriodReason) == ["Budget deadline"])
        #expect(f.medianNoticeTenthsOfWeek == 20)  // notice days 0, 14, 42: median 14 days = 2 weeks
        #expect(f.medianNoticeText == "2 weeks")
    }

    @Test func medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        #expect(ComplianceFigures.medianTenthsOfWeek([35, 0, 28, 14]) == 30)  // (14 + 28) / 2 = 21 days = 3 weeks
        #expect(ComplianceFigures.medianTenthsOfWeek([30]) == 43)  // 30 / 7 = 4.29 weeks
        #expect(ComplianceFigures.medianTenthsOfWeek([10, 11]) == 15)  // 10.5 days = 1.5 weeks
        #expect(ComplianceFigures.medianTenthsOfWeek([]) == nil)
        #expect(ComplianceFigures.describeWeeks(tenths: 43) == "4.3 weeks")
        #expect(ComplianceFigures.describeWeeks(tenths: 10) == "1 week")
    }

    @Test func percentagesRoundHalfUp() {
        let eight = (0..<8).map { i in
            record("2026-01-0\(i + 1)", i == 0 ? "2026-04-01" : "2026-01-20", notice: nil, reason: "r")
        }
        let f = ComplianceFigures(eight, today: day("2026-11-25"))
        #expect(f.meetingMinimum == 1)
        #expect(f.percentMeetingMinimum == 13)  // 12.5% rounds to 13
        #expect(ComplianceFigures([], today: day("2026-11-25")).meetingMinimumText == "None run yet")
    }
}

@Suite struct QuestionAndAnswerTests {
    let ids = (0..<4).map { _ in UUID() }

    var questions: [(id: UUID, question: Question)] {
        [
            (
                ids[0],
                Question(
                    text: "What should social value mean here?", hint: nil, kind: .freeText, required: true, options: []
                )
            ),
            (
                ids[1],
                Question(
                    text: "Which outcome matters most?", hint: nil, kind: .singleChoice, required: true,
                    options: ["Jobs", "Health", "Environment"])
            ),
            (
                ids[2],
                Question(
                    text: "Which apply to you?", hint: nil, kind: .multipleChoice, required: false,
                    options: ["Charity", "Volunteer", "Resident"])
            ),
            (
                ids[3],
                Question(
                    text: "How far do you agree?", hint: nil, kind: .scale, required: false,
                    options: ["Strongly disagree", "Strongly agree"])
            ),
        ]
    }

    @Test func questionsAreCheckedByKind() throws {
        #expect(try Question.validate(QuestionInput(text: "Why?", kind: "free-text")).options == [])
        #expect(throws: ValidationFailure("options", "Give at least 2 options, one on each line")) {
            try Question.validate(QuestionInput(text: "Pick", kind: "single-choice", options: ["Only", " "]))
        }
        #expect(throws: ValidationFailure("options", "Each option must be different")) {
            try Question.validate(QuestionInput(text: "Pick", kind: "multiple-choice", options: ["Yes", "yes"]))
        }
        #expect(throws: ValidationFailure("options", "Give words for both ends of the scale (1 and 5), or for neither"))
        {
            try Question.validate(QuestionInput(text: "Rate", kind: "scale", options: ["Low"]))
        }
        #expect(throws: ValidationFailure.self) {
            try Question.validate(QuestionInput(text: "Why?", kind: "free-text", options: ["a"]))
        }
        let error = #expect(throws: ValidationFailure.self) { try Question.validate(QuestionInput(kind: "essay")) }
        #expect(error?.errors.map(\.field) == ["text", "kind"])
        let scale = try Question.validate(
            QuestionInput(text: "Rate", kind: "scale", required: true, options: ["Poor", "Excellent"]))
        #expect(scale.scaleEnds?.high == "Excellent")
        #expect(scale.required)
    }

    @Test func aDraftMayBeIncompleteButASubmissionMustAnswerRequiredQuestions() throws {
        let draft = try AnswerRules.validate(
            [ids[0]: RawAnswer(value: "  Good jobs  ")], questions: questions, submitting: false
        ) { n, _ in "q\(n)" }
        #expect(draft == [ids[0]: .text("Good jobs")])
        let error = #expect(throws: ValidationFailure.self) {
            try AnswerRules.validate([ids[0]: RawAnswer(value: "Good jobs")], questions: questions, submitting: true) {
                n, _ in "q\(n)"
            }
        }
        #expect(error?.errors == [FieldError("q2", "Select an answer to question 2: it is required")])
    }

    @Test func answersMustBeAmongTheOptions() throws {
        let raw: [UUID: RawAnswer] = [
            ids[0]: RawAnswer(value: "x"), ids[1]: RawAnswer(value: "Wealth"),
            ids[2]: RawAnswer(values: ["Resident", "Alien"]), ids[3]: RawAnswer(value: "6"),
        ]
        let error = #expect(throws: ValidationFailure.self) {
            try AnswerRules.validate(raw, questions: questions, submitting: true) { _, id in "answers.\(id)" }
        }
        #expect(error?.errors.map(\.field) == ["answers.\(ids[1])", "answers.\(ids[2])", "answers.\(ids[3])"])
        #expect(error?.errors.first?.message == "Select one of the options for question 2")
        let good = try AnswerRules.validate(
            [
                ids[0]: RawAnswer(value: "x"), ids[1]: RawAnswer(value: "Health"),
                ids[2]: RawAnswer(values: ["Resident", "Charity"]), ids[3]: RawAnswer(value: "4"),
            ], questions: questions, submitting: true
        ) { n, _ in "q\(n)" }
        #expect(good[ids[2]] == .choices(["Charity", "Resident"]))  // in the order listed
        #expect(good[ids[3]] == .scale(4))
        #expect(throws: ValidationFailure.self) {
            try AnswerRules.validate([UUID(): RawAnswer(value: "stray")], questions: questions, submitting: false) {
                n, _ in "q\(n)"
            }
        }
    }

    @Test func answersRoundTripThroughTheirStoredText() {
        for (answer, kind) in [
            (Answer.text("A, \"quoted\""), QuestionKind.freeText), (.choice("Jobs"), .singleChoice),
            (.choices(["Charity", "Resident"]), .multipleChoice), (.scale(5), .scale),
        ] {
            #expect(Answer.decode(answer.stored, kind: kind) == answer)
        }
        #expect(Answer.choices(["Charity", "Resident"]).display == "Charity; Resident")
    }

    @Test func whoMayRespondFollowsTheAudience() {
        let charity = RespondentOrganisation(id: UUID(), name: "Brackenford Foodbank", sector: .supplier, isVCSE: true)
        let firm = RespondentOrganisation(id: UUID(), name: "Kestrel Facilities Ltd", sector: .supplier, isVCSE: false)
        let vcsOnly = ConsultationAudience(vcs: true, suppliers: false, publicAtLarge: false)
        #expect(
            ResponseRules.capacities(audience: vcsOnly, signedIn: true, organisations: [charity, firm]) == [
                .individual, .organisation(charity.id),
            ])
        #expect(ResponseRules.capacities(audience: vcsOnly, signedIn: true, organisations: [firm]) == [])
        #expect(ResponseRules.capacities(audience: vcsOnly, signedIn: false, organisations: []) == [])
        let suppliers = ConsultationAudience(vcs: false, suppliers: true, publicAtLarge: false)
        #expect(
            ResponseRules.capacities(audience: suppliers, signedIn: true, organisations: [firm]) == [
                .individual, .organisation(firm.id),
            ])
        let everyone = ConsultationAudience(vcs: false, suppliers: false, publicAtLarge: true)
        #expect(ResponseRules.capacities(audience: everyone, signedIn: false, organisations: []) == [.individual])
        #expect(ResponseRules.capacities(audience: everyone, signedIn: true, organisations: [charity]) == [.individual])
        #expect(RespondingAs(code: charity.id.uuidString) == .organisation(charity.id))
        #expect(RespondingAs(code: "individual") == .individual)
        #expect(RespondingAs(code: "someone") == nil)
    }

    @Test func lateResponsesAreRefusedWithTheDeadline() {
        let p = ConsultationPeriod(opensOn: day("2026-04-01"), closesOn: day("2026-06-24"))
        #expect(ResponseRules.refusal(phase: .open, period: p) == nil)
        #expect(
            ResponseRules.refusal(phase: .closed, period: p)
                == "This consultation closed at 11:59pm on 24 June 2026. Responses can no longer be saved or sent")
        #expect(
            ResponseRules.refusal(phase: .forthcoming, period: p)
                == "This consultation opens on 1 April 2026: responses can be sent from then")
    }

    @Test func membersOfThePublicGiveANameAndEmail() throws {
        #expect(
            try ResponseRules.validatePublicRespondent(name: " Margaret Ellis ", email: "M.Ellis@Example.org") == (
                "Margaret Ellis", "m.ellis@example.org"
            ))
        let error = #expect(throws: ValidationFailure.self) {
            try ResponseRules.validatePublicRespondent(name: "", email: "nope")
        }
        #expect(error?.errors.map(\.field) == ["respondentName", "respondentEmail"])
    }
}

@Suite struct ExportTests {
    @Test func answersWithLineBreaksAndFormulasAreQuotedAndDisarmed() {
        #expect(CSV.escape("two\nlines") == "\"two\nlines\"")
        // CRLF is one Character
        #expect(CSV.escape("typed in a browser\r\nsecond line") == "\"typed in a browser\r\nsecond line\"")
        #expect(CSV.escape("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"")
        #expect(CSV.escape("@home") == "'@home")
        #expect(CSV.line(["a", "b"]) == "a,b\r\n")
    }

    @Test func theExportHasFixedColumnsThenOneColumnPerQuestion() {
        let q1 = UUID()
        let q2 = UUID()
        let questions: [(id: UUID, question: Question)] = [
            (q1, Question(text: "Why?", hint: nil, kind: .freeText, required: true, options: [])),
            (
                q2,
                Question(
                    text: "Which, if any?", hint: nil, kind: .multipleChoice, required: false, options: ["A", "B"])
            ),
        ]
        let id = UUID(uuidString: "7A0C4E8E-3D55-4C1B-9B0E-0E5F1F0C2D11")!
        let csv = ConsultationExport.csv(
            questions: questions,
            responses: [
                ExportedResponse(
                    id: id, submittedAt: utc("2026-06-24T22:59:59Z"), organisation: "Brackenford Foodbank",
                    name: "Sam Supplier", email: "sam@example.org",
                    answers: [q1: .text("Because, \"mainly\""), q2: .choices(["A", "B"])])
            ])
        #expect(
            csv
                == "\u{FEFF}response_id,submitted_at,responding_as,respondent_name,respondent_email,organisation,Q1: Why?,\"Q2: Which, if any?\"\r\n"
                + "7A0C4E8E-3D55-4C1B-9B0E-0E5F1F0C2D11,2026-06-24T22:59:59Z,organisation,Sam Supplier,sam@example.org,Brackenford Foodbank,\"Because, \"\"mainly\"\"\",A; B\r\n"
        )
    }
}

@Suite struct DocumentTypeTests {
    static let odtHeader: [UInt8] =
        [0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0, count: 26)
        + Array("mimetypeapplication/vnd.oasis.opendocument.text".utf8)

    @Test func filesAreCheckedByContentNotJustName() throws {
        #expect(try DocumentType.check(filename: "plan.pdf", bytes: Array("%PDF-1.7\n...".utf8)).type == .pdf)
        #expect(
            try DocumentType.check(filename: "C:\\Users\\me\\Draft plan.ODT", bytes: Self.odtHeader + [1, 2, 3]) == (
                .odt, "Draft plan.ODT"
            ))
        let docx: [UInt8] = [0x50, 0x4B, 0x03, 0x04] + Array("....[Content_Types].xml....word/document.xml".utf8)
        #expect(try DocumentType.check(filename: "plan.docx", bytes: docx).type == .docx)
        #expect(
            throws: ValidationFailure(
                "file", "The file’s contents are not what a .xlsx file holds: check it is a real Excel spreadsheet file"
            )
        ) {
            try DocumentType.check(filename: "plan.xlsx", bytes: docx)
        }
        #expect(
            throws: ValidationFailure(
                "file", "The file’s contents are not what a .pdf file holds: check it is a real PDF file")
        ) {
            try DocumentType.check(filename: "plan.pdf", bytes: Array("MZ executable".utf8))
        }
        #expect(throws: ValidationFailure("file", "The file must be a PDF, ODT, DOCX, XLSX, ODS, CSV or TXT file")) {
            try DocumentType.check(filename: "run.exe", bytes: [1])
        }
        #expect(
            throws: ValidationFailure(
                "file", "The file’s contents are not what a .txt file holds: check it is a real Plain text file")
        ) {
            try DocumentType.check(filename: "notes.txt", bytes: [0x41, 0x00, 0x42])
        }
        #expect(throws: ValidationFailure("file", "The selected file is empty")) {
            try DocumentType.check(filename: "a.csv", bytes: [])
        }
        #expect(throws: ValidationFailure("file", "Select a file to upload")) {
            try DocumentType.check(filename: nil, bytes: [])
        }
        let big = [UInt8]("%PDF-".utf8) + Array(repeating: 0x20, count: DocumentType.maximumBytes)
        #expect(throws: ValidationFailure("file", "The file must be smaller than 10 MB")) {
            try DocumentType.check(filename: "big.pdf", bytes: big)
        }
    }

    @Test func namesAreMadeSafeAndSizesReadable() {
        #expect(DocumentType.safeFilename("../../etc/\"passwd\";.txt") == "passwd.txt")
        #expect(DocumentType.describeSize(12) == "12 bytes")
        #expect(DocumentType.describeSize(2_048) == "2 KB")
        #expect(DocumentType.describeSize(2_516_582) == "2.4 MB")  // 2.4 × 1,048,576 = 2,516,582.4
    }
}

@Suite struct OutcomeTests {
    @Test func theSummaryNeedsBothPartsAndSafeLinks() throws {
        let good = try Outcome.validate(
            OutcomeInput(
                youSaid: "Keep the Saturday service.", weDid: "We kept it.",
                links: [
                    .init(label: "Revised service specification", url: "https://eastmoor.example/transport"), .init(),
                    .init(label: " ", url: ""),
                    .init(label: "The decision", url: "/consultations"),
                ]))
        #expect(good.links.map(\.label) == ["Revised service specification", "The decision"])
        let error = #expect(throws: ValidationFailure.self) {
            try Outcome.validate(
                OutcomeInput(
                    youSaid: "",
                    links: [
                        .init(label: "Bad", url: "javascript:alert(1)"), .init(label: "", url: "https://x.example"),
                        .init(label: "Other", url: "//evil.example"),
                    ]))
        }
        #expect(error?.errors.map(\.field) == ["youSaid", "weDid", "links[0].url", "links[1].label", "links[2].url"])
    }
}
