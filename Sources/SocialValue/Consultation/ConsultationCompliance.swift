import Foundation

/// The facts about one published consultation that the compliance figures read.
public struct ConsultationRecord: Sendable, Equatable {
    public let id: UUID
    public let title: String
    public let period: ConsultationPeriod
    /// The Compact's minimum when the consultation was published.
    public let minimumDays: Int
    public let noticeOn: CalendarDate?
    public let shortPeriodReason: String?

    public init(
        id: UUID, title: String, period: ConsultationPeriod, minimumDays: Int, noticeOn: CalendarDate?,
        shortPeriodReason: String?
    ) {
        self.id = id
        self.title = title
        self.period = period
        self.minimumDays = minimumDays
        self.noticeOn = noticeOn
        self.shortPeriodReason = shortPeriodReason
    }

    public var meetsMinimum: Bool { period.meets(minimumDays: minimumDays) }
    public var noticeDays: Int { ConsultationRules.noticeDays(noticeOn: noticeOn, opensOn: period.opensOn) }
}

/// How a body kept Compact principles 2.3 and 2.4 under one Compact (or overall).
///
/// A consultation counts as **run** once it has opened (open or closed); forthcoming ones and
/// drafts do not count yet. Early notice is measured from the day it was published as
/// forthcoming to its opening date; one published on the day it opened had none (0 weeks),
/// and counts as 0 in the median.
public struct ComplianceFigures: Sendable, Equatable {
    public let run: Int
    public let meetingMinimum: Int
    /// Those run that were shorter than the minimum, with their published reasons.
    public let shorter: [ConsultationRecord]
    /// The median early notice in tenths of a week (43 means 4.3 weeks); nil when none has run.
    public let medianNoticeTenthsOfWeek: Int?

    /// Only consultations that have opened by `today` count.
    public init(_ records: [ConsultationRecord], today: CalendarDate) {
        let ran = records.filter { $0.period.opensOn <= today }
        run = ran.count
        meetingMinimum = ran.filter(\.meetsMinimum).count
        shorter = ran.filter { !$0.meetsMinimum }.sorted { $0.period.opensOn < $1.period.opensOn }
        medianNoticeTenthsOfWeek = Self.medianTenthsOfWeek(ran.map(\.noticeDays))
    }

    /// The share meeting the minimum, in whole percent rounded half up; nil when none has run.
    public var percentMeetingMinimum: Int? {
        run == 0 ? nil : (meetingMinimum * 200 + run) / (2 * run)
    }

    /// The median of `days`, in tenths of a week rounded half up. With an even count the
    /// median is the mean of the middle two, so the sum of the two over 2 × 7 days, times 10.
    public static func medianTenthsOfWeek(_ days: [Int]) -> Int? {
        guard !days.isEmpty else { return nil }
        let sorted = days.sorted()
        let mid = sorted.count / 2
        let (sum, count) = sorted.count % 2 == 1 ? (sorted[mid], 1) : (sorted[mid - 1] + sorted[mid], 2)
        // round(sum × 10 / (7 × count)) = (sum × 20 + 7 × count) / (14 × count)
        return (sum * 20 + 7 * count) / (14 * count)
    }

    /// "4.3 weeks", "1 week", "0 weeks".
    public static func describeWeeks(tenths: Int) -> String {
        let whole = tenths / 10
        let rest = tenths % 10
        let number = rest == 0 ? "\(whole)" : "\(whole).\(rest)"
        return number == "1" ? "1 week" : "\(number) weeks"
    }

    public var medianNoticeText: String {
        medianNoticeTenthsOfWeek.map(Self.describeWeeks) ?? "Not yet known"
    }

    /// "3 of 4 (75%)", or "None run yet".
    public var meetingMinimumText: String {
        guard let percent = percentMeetingMinimum else { return "None run yet" }
        return "\(meetingMinimum) of \(run) (\(percent)%)"
    }
}
