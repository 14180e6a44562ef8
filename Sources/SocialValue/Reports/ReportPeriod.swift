import Foundation

/// The days a report covers, both included (docs/reports.md "Periods"). The default is the UK
/// financial year, 1 April to 31 March, named "2026/27"; the previous period is the same number of
/// days just before, which for a financial year is the financial year before.
public struct ReportPeriod: Sendable, Equatable, Hashable {
    public let from: CalendarDate
    public let to: CalendarDate

    /// Nil when `from` is after `to`.
    public init?(from: CalendarDate, to: CalendarDate) {
        guard from <= to else { return nil }
        self.from = from
        self.to = to
    }

    /// The financial year that starts on 1 April of `startYear` (2026 gives 1 April 2026 to 31 March 2027).
    public static func financialYear(startingIn startYear: Int) -> ReportPeriod? {
        guard let from = CalendarDate(year: startYear, month: 4, day: 1),
            let to = CalendarDate(year: startYear + 1, month: 3, day: 31)
        else { return nil }
        return ReportPeriod(from: from, to: to)
    }

    /// The financial year `day` falls in: 31 March 2027 is in 2026/27, 1 April 2027 in 2027/28.
    public static func financialYear(containing day: CalendarDate) -> ReportPeriod {
        financialYear(startingIn: day.month >= 4 ? day.year : day.year - 1)!
    }

    public var isFinancialYear: Bool {
        from.month == 4 && from.day == 1 && to == ReportPeriod.financialYear(startingIn: from.year)?.to
    }

    public var days: Int { from.days(until: to) + 1 }

    /// "2026/27" for a financial year, else "1 April 2026 to 30 September 2026".
    public var name: String {
        let next = (from.year + 1) % 100
        if isFinancialYear { return "\(from.year)/\(next < 10 ? "0" : "")\(next)" }
        return "\(from.longForm) to \(to.longForm)"
    }

    /// The period before: the financial year before, or as many days ending the day before `from`.
    public var previous: ReportPeriod {
        if isFinancialYear { return ReportPeriod.financialYear(startingIn: from.year - 1)! }
        return ReportPeriod(from: from.adding(days: -days), to: from.adding(days: -1))!
    }

    public func contains(_ day: CalendarDate) -> Bool { from <= day && day <= to }
}
