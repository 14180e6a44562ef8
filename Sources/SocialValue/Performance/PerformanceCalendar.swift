import Foundation

/// What is due on a contract with KPIs, and whether it is done (docs/performance.md): the KPI
/// assessments of `AssessmentSchedule`, each with a key an assessment answers.
///
/// When an item is overdue is our reading of s.71, to be checked: a yearly assessment is due by
/// its day ("at least once every 12 months"), so it is overdue the day after; the end, a
/// termination and a breach are assessed and published within 30 days after the day
/// (`graceDays`), so they are overdue from the 31st day.
public enum PerformanceCalendar {
    public static let graceDays = 30

    public enum Status: String, Sendable, Equatable {
        case done, upcoming, due, overdue

        public var label: String {
            switch self {
            case .done: return "Assessed"
            case .upcoming: return "Not due yet"
            case .due: return "Due"
            case .overdue: return "Overdue"
            }
        }
    }

    public struct Item: Sendable, Equatable {
        public let key: String
        public let due: AssessmentDue
        /// The last day it is not overdue.
        public let dueBy: CalendarDate
        public let status: Status
        /// The period an assessment for it would usually cover.
        public let suggestedPeriod: (from: CalendarDate, to: CalendarDate)

        public static func == (a: Item, b: Item) -> Bool {
            a.key == b.key && a.due == b.due && a.dueBy == b.dueBy && a.status == b.status
                && a.suggestedPeriod.from == b.suggestedPeriod.from && a.suggestedPeriod.to == b.suggestedPeriod.to
        }
    }

    /// The key an assessment records: "annual-1", "end", "termination" or "breach-2027-05-03".
    public static func key(_ d: AssessmentDue) -> String {
        switch d.reason {
        case .annual(let n): return "annual-\(n)"
        case .end: return "end"
        case .termination: return "termination"
        case .breach: return "breach-\(d.on.iso)"
        }
    }

    /// Nothing is due on a contract without KPIs. `assessed`: the keys already answered.
    public static func items(
        start: CalendarDate, end: CalendarDate, terminatedOn: CalendarDate? = nil, breaches: [CalendarDate],
        hasKPIs: Bool, assessed: Set<String>, today: CalendarDate
    ) -> [Item] {
        guard hasKPIs else { return [] }
        var previous = start
        var seen = Set<String>()
        var result: [Item] = []
        for d in AssessmentSchedule.due(start: start, end: end, terminatedOn: terminatedOn, breaches: breaches) {
            let k = key(d)
            // Two breaches decided on one day are one assessment.
            guard seen.insert(k).inserted else { continue }
            let dueBy: CalendarDate
            let period: (CalendarDate, CalendarDate)
            switch d.reason {
            case .annual:
                dueBy = d.on
                period = (previous, d.on.adding(days: -1))
                previous = d.on
            case .end, .termination:
                dueBy = d.on.adding(days: graceDays)
                period = (previous, d.on)
            case .breach:
                dueBy = d.on.adding(days: graceDays)
                period = (previous, d.on)
            }
            let status: Status =
                assessed.contains(k) ? .done : today < d.on ? .upcoming : today <= dueBy ? .due : .overdue
            result.append(Item(key: k, due: d, dueBy: dueBy, status: status, suggestedPeriod: period))
        }
        return result
    }
}
