import Foundation

/// Wall-clock time in the United Kingdom (Europe/London), worked out from the calendar so the
/// core needs no time zone database and gives the same answer on every machine.
///
/// British Summer Time (UTC+1) runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on
/// the last Sunday of October (the Summer Time Order 2002); the rest of the year is Greenwich
/// Mean Time (UTC+0). `Date` is used only as an instant; seconds are whole.
public enum UKTime {
    static let secondsPerDay = 86_400

    /// 0 is Sunday, 1 Monday … 6 Saturday. Day number 0 (1 January 1970) was a Thursday.
    public static func weekday(_ date: CalendarDate) -> Int {
        let r = (date.dayNumber + 4) % 7
        return r < 0 ? r + 7 : r
    }

    /// The last Sunday of `month` in `year`.
    public static func lastSunday(month: Int, year: Int) -> CalendarDate {
        let last = CalendarDate(year: year, month: month, day: CalendarDate.daysIn(month: month, year: year))!
        return last.adding(days: -weekday(last))
    }

    /// The instant summer time starts: 01:00 UTC on the last Sunday of March.
    public static func summerTimeStarts(year: Int) -> Date {
        utc(lastSunday(month: 3, year: year), seconds: 3_600)
    }

    /// The instant summer time ends: 01:00 UTC on the last Sunday of October.
    public static func summerTimeEnds(year: Int) -> Date {
        utc(lastSunday(month: 10, year: year), seconds: 3_600)
    }

    /// `seconds` after midnight UTC at the start of `date`.
    static func utc(_ date: CalendarDate, seconds: Int) -> Date {
        Date(timeIntervalSince1970: TimeInterval(date.dayNumber * secondsPerDay + seconds))
    }

    /// Whole seconds since 1970-01-01T00:00:00Z, rounded down.
    static func epochSeconds(_ instant: Date) -> Int {
        Int(instant.timeIntervalSince1970.rounded(.down))
    }

    /// Seconds to add to UTC for UK local time at `instant`: 3600 in summer time, otherwise 0.
    public static func offsetSeconds(at instant: Date) -> Int {
        let s = epochSeconds(instant)
        let year = CalendarDate(dayNumber: floorDiv(s, secondsPerDay)).year
        let starts = epochSeconds(summerTimeStarts(year: year))
        let ends = epochSeconds(summerTimeEnds(year: year))
        return s >= starts && s < ends ? 3_600 : 0
    }

    /// The UK calendar date at `instant` (what a calendar on a wall in London shows).
    public static func date(at instant: Date) -> CalendarDate {
        let local = epochSeconds(instant) + offsetSeconds(at: instant)
        return CalendarDate(dayNumber: floorDiv(local, secondsPerDay))
    }

    /// The instant a UK clock shows `hour:minute:second` on `date`.
    ///
    /// Summer time is tried first: if that reading falls inside summer time it is the answer,
    /// otherwise the time is read as GMT. So in the hour repeated when the clocks go back the
    /// earlier (summer time) instant is chosen, and a time in the hour skipped when they go
    /// forward is read as GMT (01:30 on that day gives 01:30 UTC, which clocks show as 02:30).
    public static func instant(_ date: CalendarDate, hour: Int, minute: Int, second: Int) -> Date {
        let wall = date.dayNumber * secondsPerDay + hour * 3_600 + minute * 60 + second
        let asSummer = Date(timeIntervalSince1970: TimeInterval(wall - 3_600))
        if offsetSeconds(at: asSummer) == 3_600 { return asSummer }
        return Date(timeIntervalSince1970: TimeInterval(wall))
    }

    /// Midnight at the start of `date` in the UK.
    public static func startOfDay(_ date: CalendarDate) -> Date {
        instant(date, hour: 0, minute: 0, second: 0)
    }

    /// 23:59:59 on `date` in the UK: the last whole second of the day.
    public static func endOfDay(_ date: CalendarDate) -> Date {
        instant(date, hour: 23, minute: 59, second: 59)
    }

    /// "11:59pm on 24 June 2026", as GOV.UK writes a deadline.
    public static func deadlineText(_ date: CalendarDate) -> String {
        "11:59pm on \(date.longForm)"
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` for an instant, whole seconds.
    public static func isoUTC(_ instant: Date) -> String {
        let s = epochSeconds(instant)
        let day = CalendarDate(dayNumber: floorDiv(s, secondsPerDay))
        let rest = s - floorDiv(s, secondsPerDay) * secondsPerDay
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(day.iso)T\(two(rest / 3_600)):\(two(rest % 3_600 / 60)):\(two(rest % 60))Z"
    }

    static func floorDiv(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
