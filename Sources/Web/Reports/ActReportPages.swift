import Foundation
import SocialValue
import Storage
import Vapor

/// The Act implementation report (issue 16; docs/reports.md): `/reports/act?body=&year=` shows a
/// body's figures for a financial year beside the year before, each linked to the records behind
/// it on the same page, printable; `/reports/act.csv` gives the figures as CSV. For the body's own
/// members and the administrator, as the dashboard's figures.
struct ActReportPages: RouteCollection {
    static let page = "/reports/act"
    static let csvPath = "/reports/act.csv"
    static func forBody(_ id: UUID) -> String { "\(page)?body=\(id.uuidString)" }

    func boot(routes: RoutesBuilder) throws {
        routes.get("reports", "act", use: show)
        routes.get("reports", "act.csv", use: csv)
    }

    /// The bodies `me` may read, by name.
    static func bodies(_ req: Request, _ me: CurrentUser) async throws -> [OrganisationModel] {
        try await req.organisations.publicBodies().filter {
            $0.id.map { IndicatorStore.mayRead($0, viewer: me.viewer) } ?? false
        }.sorted { $0.name < $1.name }
    }

    /// The query as typed (empty is "not given") and read; the body defaults to the first readable.
    static func read(_ req: Request, bodies: [OrganisationModel]) throws -> ActReportQuery {
        func one(_ name: String) -> String? {
            let v = String((req.rawQuery(name).first ?? "").trimmingCharacters(in: .whitespaces).prefix(100))
            return v.isEmpty ? nil : v
        }
        var q = try ActReportQuery.read(body: one("body"), year: one("year"), today: UKTime.date(at: Date()))
        if q.body == nil { q.body = bodies.first?.id }
        return q
    }

    func show(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let bodies = try await Self.bodies(req, me)
        let query: ActReportQuery
        do {
            query = try Self.read(req, bodies: bodies)
        } catch let f as ValidationFailure {
            return Self.page(req, bodies: bodies, typed: Self.typed(req), errors: f.errors, content: .empty)
        }
        guard let body = query.body else {
            return Self.page(
                req, bodies: bodies, typed: [:], errors: [],
                content:
                    "<p class=\"govuk-body\">You see the reports of the public bodies you belong to, and you do not belong to one.</p>"
            )
        }
        let (now, before) = try await ActReportStore(req.db).report(body: body, period: query.period, viewer: me.viewer)
        let name = try await req.organisations.find(body).name
        var typed = Self.typed(req)
        typed["body"] = body.uuidString
        typed["year"] = String(query.period.from.year)
        return Self.page(
            req, bodies: bodies, typed: typed, errors: [], content: Self.report(now, before, body: body, name: name))
    }

    static func typed(_ req: Request) -> [String: String] {
        ["body", "year"].reduce(into: [:]) { $0[$1] = req.rawQuery($1).first.map { String($0.prefix(100)) } ?? "" }
    }

    static func page(
        _ req: Request, bodies: [OrganisationModel], typed: [String: String], errors: [FieldError], content: HTML
    ) -> Response {
        let thisYear = ReportPeriod.financialYear(containing: UKTime.date(at: Date())).from.year
        let years = (2015...thisYear + 1).reversed().map { y in
            (String(y), ReportPeriod.financialYear(startingIn: y)!.name)
        }
        return Page(
            title: "Social Value Act report", breadcrumbs: [("Home", Paths.home), ("Dashboard", Paths.dashboard)],
            errors: errors,
            content: """
                <h1 class="govuk-heading-l">Social Value Act report</h1>
                <p class="govuk-body">How a public body implements the Public Services (Social Value) Act 2012 over a financial year (1 April to 31 March), beside the year before. Every figure links to the records behind it. To print, use your browser’s print: the menus are left out.</p>
                <form class="cw-search" method="get" action="\(Self.page)">
                  \(Components.select("body", label: "Public body", options: bodies.compactMap { b in b.id.map { ($0.uuidString, b.name) } }, selected: typed["body"], errors: errors, includeBlank: nil))
                  \(Components.select("year", label: "Financial year", options: years, selected: typed["year"], errors: errors, includeBlank: nil))
                  <button type="submit" class="govuk-button govuk-button--secondary">Show the report</button>
                </form>
                \(content)
                """
        ).render(req)
    }

    static func report(_ r: ActReport, _ p: ActReport, body: UUID, name: String) -> HTML {
        let rows = zip(r.figures, p.figures).map { now, then -> [HTML] in
            [
                now.list.map { Components.link(now.label, "#\($0)") } ?? "\(now.label)",
                "\(ActReportView.text(now.value))", "\(ActReportView.text(then.value))",
                "\(ActReportView.change(now.value, then.value))",
            ]
        }
        let query = "body=\(body.uuidString)&year=\(r.period.from.year)"
        return """
            <h2 class="govuk-heading-m">\(name): \(r.period.name)</h2>
            <p class="govuk-body cw-meta">\(r.period.from.longForm) to \(r.period.to.longForm), compared with \(p.period.name) (\(p.period.from.longForm) to \(p.period.to.longForm)).</p>
            \(Components.table(caption: "The figures for \(r.period.name) and \(p.period.name)", headers: ["Figure", r.period.name, p.period.name, "Change"], rows: rows, numericColumns: [1, 2, 3]))
            <p class="govuk-body">\(Components.link("Download the figures as CSV", "\(Self.csvPath)?\(query)", context: "(\(name), \(r.period.name))")). The same figures are in the API: <code>GET /api/v1/reports/act?\(query)</code>.</p>
            \(ActReportLists.lists(r))
            """
    }

    // MARK: CSV

    static let csvColumns = ["key", "figure", "period", "value", "previous_period", "previous_value", "change"]

    func csv(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let bodies = try await Self.bodies(req, me)
        let query = try Self.read(req, bodies: bodies)
        guard let body = query.body else {
            throw ValidationFailure("body", "Public body: you do not belong to one whose report you may read")
        }
        let (now, before) = try await ActReportStore(req.db).report(body: body, period: query.period, viewer: me.viewer)
        var text = CSV.byteOrderMark + CSV.line(Self.csvColumns)
        for (a, b) in zip(now.figures, before.figures) {
            text += CSV.line([
                a.key, a.label, now.period.name, ActReportView.plain(a.value) ?? "", before.period.name,
                ActReportView.plain(b.value) ?? "",
                a.value.change(from: b.value).map { DecimalText.format($0, places: 2) } ?? "",
            ])
        }
        let slug = now.period.name.replacingOccurrences(of: "/", with: "-")
        return Response.download(
            Data(text.utf8), filename: "social-value-act-report-\(slug).csv", contentType: "text/csv; charset=utf-8")
    }
}
