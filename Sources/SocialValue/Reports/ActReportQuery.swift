import Foundation

/// Whose report (docs/reports.md "Scopes"): one public body, the public bodies that signed a
/// Compact, or every public body in the installation.
public enum ActReportScope: Sendable, Equatable, Hashable {
    case body(UUID)
    case compact(UUID)
    case installation

    /// The body of a body's report.
    public var body: UUID? {
        if case .body(let id) = self { return id }
        return nil
    }
}

/// Which report to show (docs/reports.md "Asking for a report"): at most one of `body` (an
/// organisation id), `compact` (a Compact's id) or `installation` (`yes`), and the financial year
/// by the calendar year it starts in (2026 for 2026/27, 1 April 2026 to 31 March 2027). The page,
/// the CSV and the API read them with the same messages; errors name the parameter.
public struct ActReportQuery: Sendable, Equatable {
    /// Nil when none was given (the page then takes the person's first body).
    public var scope: ActReportScope?
    public var period: ReportPeriod

    /// The earliest and latest years a report may start in.
    public static let years = 2000...2100

    /// `year` absent means the financial year that contains `today`.
    public static func read(
        body: String?, compact: String? = nil, installation: String? = nil, year: String?, today: CalendarDate
    ) throws -> ActReportQuery {
        var p = Problems()
        var scopes: [ActReportScope] = []
        if let body {
            if let id = UUID(uuidString: body) {
                scopes.append(.body(id))
            } else {
                p.add("body", "Public body must be an organisation’s id (a UUID), not ‘\(body)’")
            }
        }
        if let compact {
            if let id = UUID(uuidString: compact) {
                scopes.append(.compact(id))
            } else {
                p.add("compact", "Compact must be a Compact’s id (a UUID), not ‘\(compact)’")
            }
        }
        if let installation {
            if installation == "yes" {
                scopes.append(.installation)
            } else {
                p.add(
                    "installation",
                    "Installation must be ‘yes’ (the report of every public body), not ‘\(installation)’")
            }
        }
        if [body, compact, installation].compactMap({ $0 }).count > 1 {
            p.add(
                installation != nil ? "installation" : "compact",
                "Ask for one report: a public body, a Compact or the whole installation")
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
        return ActReportQuery(scope: scopes.first, period: period)
    }
}
