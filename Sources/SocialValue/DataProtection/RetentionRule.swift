import Foundation

/// How long personal data is kept (docs/data-protection.md, "Retention"), read from
/// `COMMONWEAL_RETAIN_CONSULTATION_RESPONSES_MONTHS` and `COMMONWEAL_RETAIN_SIGN_INS_DAYS`.
public struct RetentionPeriods: Sendable, Equatable {
    /// Calendar months after a consultation closes that a member of the public's name and email
    /// on their response are kept.
    public var consultationResponseMonths: Int
    /// Days after a session expired (or an API token was revoked) that its row is kept.
    public var signInDays: Int

    public init(consultationResponseMonths: Int, signInDays: Int) {
        self.consultationResponseMonths = consultationResponseMonths
        self.signInDays = signInDays
    }

    /// 24 months after closing (the outcome, any challenge and the next recommissioning can still
    /// check who said what); 90 days for sign-in records (time to look into a suspicious sign-in).
    public static let standard = RetentionPeriods(consultationResponseMonths: 24, signInDays: 90)

    public static let responsesVariable = "COMMONWEAL_RETAIN_CONSULTATION_RESPONSES_MONTHS"
    public static let signInsVariable = "COMMONWEAL_RETAIN_SIGN_INS_DAYS"
    public static let monthRange = 1...120
    public static let dayRange = 1...3650

    /// A setting that is not a whole number in its range.
    public struct Problem: Error, Equatable, Sendable {
        public let message: String
    }

    /// The periods from the environment; an unset or empty variable takes the default.
    public static func read(_ environment: [String: String]) throws -> RetentionPeriods {
        var p = standard
        if let m = try number(environment, responsesVariable, monthRange, "months") {
            p.consultationResponseMonths = m
        }
        if let d = try number(environment, signInsVariable, dayRange, "days") { p.signInDays = d }
        return p
    }

    static func number(_ env: [String: String], _ name: String, _ range: ClosedRange<Int>, _ unit: String) throws
        -> Int?
    {
        guard let raw = env[name], !raw.isEmpty else { return nil }
        guard let n = Int(raw), range.contains(n) else {
            throw Problem(
                message:
                    "\(name) must be a whole number of \(unit) from \(range.lowerBound) to \(range.upperBound) (it is ‘\(raw)’)"
            )
        }
        return n
    }
}

/// Which records are past their retention period on a given UK date (docs/data-protection.md).
public enum RetentionRule {
    /// The last day a public response's personal fields are kept: the closing date plus the
    /// period in calendar months, clamped to the end of a shorter month (a consultation closing on
    /// 31 August, kept 6 months, is kept to 28 or 29 February).
    public static func keepResponseUntil(closedOn: CalendarDate, months: Int) -> CalendarDate {
        closedOn.adding(months: months)
    }

    /// Whether a public response's personal fields are due for erasure on `today`: from the day
    /// after the last day they are kept.
    public static func responseIsDue(closedOn: CalendarDate, today: CalendarDate, months: Int) -> Bool {
        today > keepResponseUntil(closedOn: closedOn, months: months)
    }

    /// The first UK day whose sign-in records are kept: a session that expired (or a token
    /// revoked) before this day began is due for deletion on `today`.
    public static func firstSignInDayKept(today: CalendarDate, days: Int) -> CalendarDate {
        today.adding(days: -days)
    }

    /// Whether a sign-in record that ended on `endedOn` (UK date) is due for deletion on `today`.
    public static func signInIsDue(endedOn: CalendarDate, today: CalendarDate, days: Int) -> Bool {
        endedOn < firstSignInDayKept(today: today, days: days)
    }
}

/// What erased personal fields are replaced with: recognisable, never a real address (`.invalid`
/// is reserved, RFC 2606), and different for each record so unique columns stay unique.
public enum ErasedPerson {
    public static let name = "Erased"

    public static func email(for id: UUID) -> String {
        "erased-\(id.uuidString.lowercased().prefix(12))@invalid"
    }

    public static func isPlaceholder(_ email: String) -> Bool {
        email.hasPrefix("erased-") && email.hasSuffix("@invalid")
    }
}
