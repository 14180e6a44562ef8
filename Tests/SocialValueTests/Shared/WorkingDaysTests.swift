import Testing

@testable import SocialValue

/// Bank holidays and the standstill period, checked against calendars read by hand.
@Suite struct WorkingDaysTests {
    func dates(_ isos: [String]) -> [CalendarDate] { isos.map { CalendarDate(iso: $0)! } }

    @Test func englandAndWales2026() {
        // 1 Jan Thu; Easter Sunday 5 Apr; 1 May is a Friday; 31 May a Sunday; 31 Aug a Monday;
        // 25 Dec a Friday, so Boxing Day (Saturday) is taken on Monday 28.
        #expect(
            BankHolidays.englandAndWales(year: 2026)
                == dates([
                    "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25",
                    "2026-12-28",
                ]))
    }

    @Test func englandAndWales2027() {
        // Easter Sunday 28 Mar; 1 May a Saturday; 31 May a Monday; 25 Dec a Saturday: Monday 27 and Tuesday 28.
        #expect(
            BankHolidays.englandAndWales(year: 2027)
                == dates([
                    "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27",
                    "2027-12-28",
                ]))
    }

    @Test func englandAndWales2022WithTheJubileeAndTheStateFuneral() {
        // 1 Jan a Saturday → Monday 3; Easter 17 Apr; spring holiday moved from 30 May to Thu 2 June plus
        // Fri 3 June; State Funeral Mon 19 Sep; 25 Dec a Sunday: Boxing Day Monday 26, Christmas Tuesday 27.
        #expect(
            BankHolidays.englandAndWales(year: 2022)
                == dates([
                    "2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29",
                    "2022-09-19",
                    "2022-12-26", "2022-12-27",
                ]))
    }

    @Test func theOtherOneOffs() {
        // 2020: early May moved from Mon 4 to Fri 8 May. 2023: the Coronation, Mon 8 May, beside Mon 1 May.
        let y2020 = BankHolidays.englandAndWales(year: 2020)
        #expect(y2020.contains(CalendarDate(iso: "2020-05-08")!))
        #expect(!y2020.contains(CalendarDate(iso: "2020-05-04")!))
        #expect(y2020.count == 8)
        #expect(
            BankHolidays.englandAndWales(year: 2023)
                == dates([
                    "2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-28",
                    "2023-12-25", "2023-12-26",
                ]))
        // 2012: spring holiday moved from 28 May to 4 June, plus 5 June (Diamond Jubilee).
        let y2012 = BankHolidays.englandAndWales(year: 2012)
        #expect(y2012.contains(CalendarDate(iso: "2012-06-05")!))
        #expect(!y2012.contains(CalendarDate(iso: "2012-05-28")!))
    }

    @Test(arguments: [
        (2008, "2008-03-23"), (2019, "2019-04-21"), (2024, "2024-03-31"), (2025, "2025-04-20"),
        (2038, "2038-04-25"), (2285, "2285-03-22"),
    ])
    func easterSunday(year: Int, iso: String) {
        #expect(BankHolidays.easterSunday(year: year) == CalendarDate(iso: iso))
    }

    @Test func standstillAcrossEaster2026() {
        // Notice sent Wed 1 Apr 2026. Working days, the day of the notice first: 1, 2 (3 Good Friday,
        // 4–5 weekend, 6 Easter Monday), 7, 8, 9, 10, 13, 14 → the 8th is Tue 14 Apr.
        #expect(Standstill.workingDays == 8)
        #expect(Standstill.endDate(awardDecision: CalendarDate(iso: "2026-04-01")!) == CalendarDate(iso: "2026-04-14"))
    }

    @Test func standstillAcrossChristmas2026() {
        // Mon 21 Dec 2026: 21, 22, 23, 24 (25 Christmas, 26–27 weekend, 28 Boxing Day substitute), 29, 30, 31
        // (1 Jan 2027 New Year's Day, 2–3 weekend), Mon 4 Jan → the 8th.
        #expect(Standstill.endDate(awardDecision: CalendarDate(iso: "2026-12-21")!) == CalendarDate(iso: "2027-01-04"))
    }

    @Test func standstillInAnOrdinaryFortnightAndFromAWeekend() {
        // Mon 9 Mar 2026: 9–13, 16, 17, 18 → Wed 18 Mar.
        #expect(Standstill.endDate(awardDecision: CalendarDate(iso: "2026-03-09")!) == CalendarDate(iso: "2026-03-18"))
        // Sat 4 Jul 2026 is not a working day: 6–10, 13, 14, 15 → Wed 15 Jul.
        #expect(Standstill.endDate(awardDecision: CalendarDate(iso: "2026-07-04")!) == CalendarDate(iso: "2026-07-15"))
    }

    @Test func workingDays() {
        #expect(WorkingDays.isWorkingDay(CalendarDate(iso: "2026-04-02")!))  // Thursday
        #expect(!WorkingDays.isWorkingDay(CalendarDate(iso: "2026-04-03")!))  // Good Friday
        #expect(!WorkingDays.isWorkingDay(CalendarDate(iso: "2026-04-04")!))  // Saturday
        #expect(!WorkingDays.isWorkingDay(CalendarDate(iso: "2026-12-28")!))  // Boxing Day substitute
    }
}
