import Foundation

/// Whether a reduction or end of funding gave enough written notice (Compact principle 4.x,
/// DOMAIN.md §7: "at least three months' written notice with a clear rationale").
public enum NoticeCheck: Sendable, Equatable {
    /// The effective date is on or after the earliest end.
    case compliant
    /// Too little notice and no exceptional reason: a breach of the Compact.
    case breach(daysShort: Int)
    /// Too little notice, with an exceptional reason recorded: shown, but not a breach.
    case shortWithReason(daysShort: Int)

    /// The value stored and sent in the API: "compliant", "breach" or "exceptional".
    public var code: String {
        switch self {
        case .compliant: return "compliant"
        case .breach: return "breach"
        case .shortWithReason: return "exceptional"
        }
    }

    public var daysShort: Int {
        switch self {
        case .compliant: return 0
        case .breach(let d), .shortWithReason(let d): return d
        }
    }

    public var isBreach: Bool { if case .breach = self { return true } else { return false } }

    /// Rebuilds a stored check.
    public init?(code: String, daysShort: Int) {
        switch code {
        case "compliant": self = .compliant
        case "breach": self = .breach(daysShort: daysShort)
        case "exceptional": self = .shortWithReason(daysShort: daysShort)
        default: return nil
        }
    }

    /// "Breach: 12 days short of 3 months", "Compliant", "Shorter notice: exceptional reason recorded".
    public func label(months: Int) -> String {
        switch self {
        case .compliant: return "Compliant"
        case .breach(let d): return "Breach: \(NoticeRule.daysText(d)) short of \(NoticeRule.monthsText(months))"
        case .shortWithReason: return "Shorter notice: exceptional reason recorded"
        }
    }
}

/// The result of checking one notice: the earliest lawful end under the Compact and the check.
public struct NoticeResult: Sendable, Equatable {
    public let noticeGivenOn: CalendarDate
    public let effectiveOn: CalendarDate
    public let minimumMonths: Int
    public let earliestEnd: CalendarDate
    public let check: NoticeCheck

    public var label: String { check.label(months: minimumMonths) }
}

/// The notice rule (Compact principle 4.x; DOMAIN.md §7), with N the Compact's
/// `CompactSettings.minimumNoticeMonths` (3 in the national Compact):
///
/// earliest end = the day notice was given + N calendar months, where a day that does not exist
/// in the target month clamps to that month's last day (30 November + 3 months = 28 February).
/// The change's effective date must be on or after the earliest end; each day before it is a day
/// short. Notice given on 15 January 2027 allows an end on 15 April 2027 or later.
public enum NoticeRule {
    /// The first day the change may take effect.
    public static func earliestEnd(noticeGivenOn: CalendarDate, months: Int) -> CalendarDate {
        noticeGivenOn.adding(months: months)
    }

    /// Checks a notice. An effective date before the notice date is refused (a validation error
    /// on `effectiveOn`); an exceptional reason (trimmed, non-empty) turns a breach into shorter
    /// notice with a reason.
    public static func check(
        noticeGivenOn: CalendarDate, effectiveOn: CalendarDate, months: Int,
        exceptionalReason: String? = nil
    ) throws -> NoticeResult {
        guard effectiveOn >= noticeGivenOn else {
            throw ValidationFailure(
                "effectiveOn", "The date the change takes effect must be on or after the date notice is given")
        }
        let earliest = earliestEnd(noticeGivenOn: noticeGivenOn, months: months)
        let short = max(0, effectiveOn.days(until: earliest))
        let hasReason = !(exceptionalReason ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        let check: NoticeCheck =
            short == 0 ? .compliant : (hasReason ? .shortWithReason(daysShort: short) : .breach(daysShort: short))
        return NoticeResult(
            noticeGivenOn: noticeGivenOn, effectiveOn: effectiveOn, minimumMonths: months, earliestEnd: earliest,
            check: check)
    }

    /// The check as typed (the API's notice-check and the decision form): dates as YYYY-MM-DD,
    /// months a whole number from 1 to 24 (the range `CompactSettings` allows).
    public static func check(
        noticeGivenOn rawNotice: String?, effectiveOn rawEffective: String?, months rawMonths: String?,
        exceptionalReason: String? = nil
    ) throws -> NoticeResult {
        var p = Problems()
        let notice = date(rawNotice, field: "noticeGivenOn", label: "the date notice is given", &p)
        let effective = date(rawEffective, field: "effectiveOn", label: "the date the change takes effect", &p)
        let monthsText = (rawMonths ?? "").trimmingCharacters(in: .whitespaces)
        var months: Int?
        if monthsText.isEmpty {
            p.add("minimumNoticeMonths", "Enter the minimum notice in calendar months")
        } else if let n = Int(monthsText), (1...24).contains(n) {
            months = n
        } else {
            p.add("minimumNoticeMonths", "Minimum notice must be a whole number of months between 1 and 24")
        }
        try p.throwIfAny()
        return try check(
            noticeGivenOn: notice!, effectiveOn: effective!, months: months!, exceptionalReason: exceptionalReason)
    }

    /// A required date typed as YYYY-MM-DD.
    static func date(_ raw: String?, field: String, label: String, _ p: inout Problems) -> CalendarDate? {
        if DateParts.areIn(raw) { return DateEntry.read(raw, field: field, label: label, &p) }
        let text = (raw ?? "").trimmingCharacters(in: .whitespaces)
        if text.isEmpty {
            p.add(field, "Enter \(label)")
            return nil
        }
        guard let d = CalendarDate(iso: text) else {
            p.add(field, "Enter \(label) as a real date, like 2027-01-15")
            return nil
        }
        return d
    }

    public static func monthsText(_ n: Int) -> String { n == 1 ? "1 month" : "\(n) months" }
    public static func daysText(_ n: Int) -> String { n == 1 ? "1 day" : "\(n) days" }
}
