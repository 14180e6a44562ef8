import Foundation

/// Which report to show (docs/reports.md "Asking for a report"): a body's organisation id and the
/// financial year by the calendar year it starts in (2026 for 2026/27, 1 April 2026 to 31 March
/// 2027). The page and the API read them with the same messages; errors name `body` and `year`.
public struct ActReportQuery: Sendable, Equatable {
    public var body: UUID?
    public var period: ReportPeriod

    /// The earliest and latest years a report may start in.
    public static let years = 2000...2100

    /// `year` absent means the financial year that contains `today`.
    public static func read(body: String?, year: String?, today: CalendarDate) throws -> ActReportQuery {
        var p = Problems()
        var id: UUID?
        if let body {
            id = UUID(uuidString: body)
            if id == nil { p.add("body", "Public body must be an organisation’s id (a UUID), not ‘\(body)’") }
        }
        var period = ReportPeriod.financialYear(containing: today)
        if let year {
            if year.count == 4, year.allSatisfy({ $0.isASCII && $0.isNumber }), let y = Int(year), years.contains(y) {
                period = ReportPeriod.financialYear(startingIn: y)!
            } else {
                p.add(
                    "year",
                    "Financial year must be the year it starts in, from \(years.lowerBound) to \(years.upperBound) (2026 for 2026/27), not ‘\(year)’"
                )
            }
        }
        try p.throwIfAny()
        return ActReportQuery(body: id, period: period)
    }
}
