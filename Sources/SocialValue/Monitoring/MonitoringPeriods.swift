import Foundation

/// One reporting period of a contract: when it runs and when its monitoring return is due.
public struct ReportingPeriod: Sendable, Equatable, Codable {
    /// 1 for the first period.
    public let number: Int
    public let startsOn: CalendarDate
    public let endsOn: CalendarDate
    /// The period end + `MonitoringPeriods.daysToReport` (our design, docs/monitoring.md).
    public let dueOn: CalendarDate

    public init(number: Int, startsOn: CalendarDate, endsOn: CalendarDate) {
        self.number = number
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.dueOn = endsOn.adding(days: MonitoringPeriods.daysToReport)
    }

    /// "Period 2: 1 Apr 2027 to 30 Jun 2027".
    public var label: String { "Period \(number): \(startsOn.shortForm) to \(endsOn.shortForm)" }

    /// A return may be submitted once the period has ended: its last day is before `today` (UK date).
    public func hasEnded(today: CalendarDate) -> Bool { endsOn < today }

    /// The due date has passed (the due day itself is still in time).
    public func isPastDue(today: CalendarDate) -> Bool { dueOn < today }
}

/// Reporting periods from the contract's dates and reporting frequency (Compact principle 3.6:
/// proportionate monitoring agreed before the contract; DOMAIN.md §7).
public enum MonitoringPeriods {
    /// Days after a period ends by which its return is due (our design, docs/monitoring.md).
    public static let daysToReport = 30

    /// Calendar months per period: monthly 1, quarterly 3, six-monthly 6, annually 12.
    public static func months(_ frequency: MonitoringFrequency) -> Int {
        switch frequency {
        case .monthly: return 1
        case .quarterly: return 3
        case .sixMonthly: return 6
        case .annually: return 12
        }
    }

    /// Period k (from 0) starts on `start + k × months`, always counted from the original start so
    /// clamped month ends do not drift (31 Jan, 28 Feb, 31 Mar …); it ends the day before the next
    /// period starts, and the last is clipped to the contract's end. Empty if the end is before the start.
    public static func periods(start: CalendarDate, end: CalendarDate, frequency: MonitoringFrequency)
        -> [ReportingPeriod]
    {
        guard start <= end else { return [] }
        let step = months(frequency)
        var result: [ReportingPeriod] = []
        var k = 0
        while true {
            let from = start.adding(months: k * step)
            if from > end { break }
            let next = start.adding(months: (k + 1) * step)
            result.append(ReportingPeriod(number: k + 1, startsOn: from, endsOn: min(next.adding(days: -1), end)))
            k += 1
        }
        return result
    }
}

extension CalendarDate {
    /// "1 Apr 2027", for tables and period labels.
    public var shortForm: String {
        let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(day) \(names[month - 1]) \(year)"
    }
}
