import Foundation

/// Bank holidays, worked out by rule so the product needs no feed and gives the same answer
/// everywhere.
public enum BankHolidays {
    /// England and Wales: New Year's Day, Good Friday, Easter Monday, the early May bank holiday
    /// (first Monday in May), the spring bank holiday (last Monday in May), the summer bank
    /// holiday (last Monday in August), Christmas Day and Boxing Day. When New Year's Day,
    /// Christmas Day or Boxing Day falls on a weekend, the next weekday not already a holiday is
    /// the substitute day. One-off changes since 2011 by royal proclamation are included (see
    /// `oneOffs`). Sorted by date; empty outside the years 1 to 9999.
    public static func englandAndWales(year: Int) -> [CalendarDate] {
        guard (1...9999).contains(year) else { return [] }
        func date(_ month: Int, _ day: Int) -> CalendarDate { CalendarDate(year: year, month: month, day: day)! }
        let easter = easterSunday(year: year)
        var days: [CalendarDate] =
            observed([date(1, 1)]) + observed([date(12, 25), date(12, 26)]) + [
                easter.adding(days: -2),
                easter.adding(days: 1),
                firstMonday(of: 5, year: year),
                lastMonday(of: 5, year: year),
                lastMonday(of: 8, year: year),
            ]
        if let change = oneOffs[year] {
            days = days.filter { !change.moved.contains($0) } + change.added
        }
        return days.sorted()
    }

    /// Whether `date` is a bank holiday in England and Wales.
    public static func isEnglandAndWalesHoliday(_ date: CalendarDate) -> Bool {
        englandAndWales(year: date.year).contains(date)
    }

    /// Days moved away from (`moved`) and days given instead or in addition (`added`).
    static let oneOffs: [Int: (moved: [CalendarDate], added: [CalendarDate])] = [
        // Royal wedding.
        2011: ([], [day(2011, 4, 29)]),
        // Diamond Jubilee: spring bank holiday moved from 28 May to 4 June, plus 5 June.
        2012: ([day(2012, 5, 28)], [day(2012, 6, 4), day(2012, 6, 5)]),
        // VE Day 75th anniversary: early May bank holiday moved from Monday 4 to Friday 8 May.
        2020: ([day(2020, 5, 4)], [day(2020, 5, 8)]),
        // Platinum Jubilee: spring bank holiday moved from 30 May to Thursday 2 June, plus Friday
        // 3 June; the State Funeral of Queen Elizabeth II on Monday 19 September.
        2022: ([day(2022, 5, 30)], [day(2022, 6, 2), day(2022, 6, 3), day(2022, 9, 19)]),
        // The Coronation of King Charles III.
        2023: ([], [day(2023, 5, 8)]),
    ]

    static func day(_ y: Int, _ m: Int, _ d: Int) -> CalendarDate { CalendarDate(year: y, month: m, day: d)! }

    /// Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, also known as
    /// Meeus/Jones/Butcher).
    public static func easterSunday(year: Int) -> CalendarDate {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return CalendarDate(year: year, month: month, day: day)!
    }

    static func isWeekend(_ date: CalendarDate) -> Bool {
        let weekday = UKTime.weekday(date)
        return weekday == 0 || weekday == 6
    }

    /// The days on which fixed-date holidays are taken: each on its own date when that is a
    /// weekday, else on the next weekday not already taken (25 December on a Sunday: Boxing Day
    /// is Monday 26 and Christmas is taken on Tuesday 27).
    static func observed(_ dates: [CalendarDate]) -> [CalendarDate] {
        var taken = dates.filter { !isWeekend($0) }
        for date in dates where isWeekend(date) {
            var d = date.adding(days: 1)
            while isWeekend(d) || taken.contains(d) { d = d.adding(days: 1) }
            taken.append(d)
        }
        return taken
    }

    static func firstMonday(of month: Int, year: Int) -> CalendarDate {
        let first = CalendarDate(year: year, month: month, day: 1)!
        return first.adding(days: (8 - UKTime.weekday(first)) % 7)
    }

    static func lastMonday(of month: Int, year: Int) -> CalendarDate {
        let last = CalendarDate(year: year, month: month, day: CalendarDate.daysIn(month: month, year: year))!
        return last.adding(days: -((UKTime.weekday(last) + 6) % 7))
    }
}

/// Working days: not a Saturday or Sunday and not a bank holiday in England and Wales.
public enum WorkingDays {
    public static func isWorkingDay(_ date: CalendarDate) -> Bool {
        !BankHolidays.isWeekend(date) && !BankHolidays.isEnglandAndWalesHoliday(date)
    }

    /// The `n`th working day of the period beginning with `start` (`start` itself is the first
    /// when it is a working day). `n` is at least 1.
    public static func nth(_ n: Int, beginningWith start: CalendarDate) -> CalendarDate {
        var d = start
        var counted = isWorkingDay(d) ? 1 : 0
        while counted < max(n, 1) {
            d = d.adding(days: 1)
            if isWorkingDay(d) { counted += 1 }
        }
        return d
    }
}

/// The standstill period before a contract may be entered into after the award decision.
public enum Standstill {
    /// The Procurement Act 2023 (s.51): eight working days.
    public static let workingDays = 8

    /// The last day of the standstill: the 8th working day of the period beginning with the day
    /// the award decision (contract award) notice is sent, that day counting as the first when it
    /// is a working day. The contract may be entered into from the next day. Weekends and England
    /// and Wales bank holidays are not working days.
    ///
    /// Sent on Wednesday 1 April 2026: 1, 2, 7, 8, 9, 10, 13, 14 April (3 and 6 April are Good
    /// Friday and Easter Monday), so it ends on Tuesday 14 April.
    public static func endDate(awardDecision: CalendarDate) -> CalendarDate {
        WorkingDays.nth(workingDays, beginningWith: awardDecision)
    }
}
