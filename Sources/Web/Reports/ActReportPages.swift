import Foundation
import SocialValue
import Storage
import Vapor

/// The Act implementation report (issue 16; docs/reports.md): `/reports/act?body=&year=` (or
/// `compact=`, or `installation=yes`) shows the figures for a financial year beside the year
/// before, each linked to the records behind it on the same page, printable; `/reports/act.csv`
/// gives the figures as CSV. Who may read which report: docs/reports.md "Scopes".
struct ActReportPages: RouteCollection {
    static let page = "/reports/act"
    static let csvPath = "/reports/act.csv"
    static func forBody(_ id: UUID) -> String { "\(page)?body=\(id.uuidString)" }

    func boot(routes: RoutesBuilder) throws {
        routes.get("reports", "act", use: show)
        routes.get("reports", "act.csv", use: csv)
    }

    static let parameters = ["body", "compact", "installation", "year"]

    /// The parameters as sent (empty is "not given"), read; the scope defaults to the first body.
    static func read(_ req: Request, bodies: [OrganisationModel]) throws -> ActReportQuery {
        func one(_ name: String) -> String? {
            let v = String((req.rawQuery(name).first ?? "").trimmingCharacters(in: .whitespaces).prefix(100))
            return v.isEmpty ? nil : v
        }
        var q = try ActReportQuery.read(
            body: one("body"), compact: one("compact"), installation: one("installation"), year: one("year"),
            today: UKTime.date(at: Date()))
        if q.scope == nil, let first = bodies.first?.id { q.scope = .body(first) }
        return q
    }

    static func query(_ scope: ActReportScope, year: Int) -> String {
        switch scope {
        case .body(let id): return "body=\(id.uuidString)&year=\(year)"
        case .compact(let id): return "compact=\(id.uuidString)&year=\(year)"
        case .installation: return "installation=yes&year=\(year)"
        }
    }

    func show(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let bodies = try await req.organisations.publicBodies(readableBy: me.viewer)
        let compacts = try await ActReportStore(req.db).compacts(readableBy: me.viewer)
        let typed = Self.parameters.reduce(into: [String: String]()) {
            $0[$1] = req.rawQuery($1).first.map { String($0.prefix(100)) } ?? ""
        }
        var form = Form(bodies: bodies, compacts: compacts, admin: me.viewer.isAdmin, typed: typed)
        let query: ActReportQuery
        do {
            query = try Self.read(req, bodies: bodies)
        } catch let f as ValidationFailure {
            form.errors = f.errors
            return form.page(req, content: .empty)
        }
        form.year = query.period.from.year
        guard let scope = query.scope else {
            return form.page(
                req,
                content:
                    "<p class=\"govuk-body\">You see the reports of the public bodies you belong to, and you do not belong to one.</p>"
            )
        }
        form.scope = scope
        let r = try await ActReportStore(req.db).report(scope, period: query.period, viewer: me.viewer)
        return form.page(req, content: Self.report(r, scope: scope))
    }

    /// The form: the body (for a body's report) or the report asked for, and the year; links to
    /// the Compact and installation reports the person may read.
    struct Form {
        let bodies: [OrganisationModel]
        let compacts: [CompactModel]
        let admin: Bool
        let typed: [String: String]
        var errors: [FieldError] = []
        var scope: ActReportScope?
        var year: Int?

        func page(_ req: Request, content: HTML) -> Response {
            let thisYear = ReportPeriod.financialYear(containing: UKTime.date(at: Date())).from.year
            let years = (2015...thisYear + 1).reversed().map { y in
                (String(y), ReportPeriod.financialYear(startingIn: y)!.name)
            }
            let which: HTML
            switch scope {
            case .compact(let id):
                which = "<input type=\"hidden\" name=\"compact\" value=\"\(id.uuidString)\">"
            case .installation:
                which = "<input type=\"hidden\" name=\"installation\" value=\"yes\">"
            case .body, nil:
                which = Components.select(
                    "body", label: "Public body",
                    options: bodies.compactMap { b in b.id.map { ($0.uuidString, b.name) } },
                    selected: scope?.body?.uuidString ?? typed["body"], errors: errors, includeBlank: nil)
            }
            let shown = year ?? thisYear
            var others: [HTML] = bodies.compactMap { b in
                guard let id = b.id, scope != .body(id) else { return nil }
                return
                    "<li>\(Components.link(b.name, "\(ActReportPages.page)?\(ActReportPages.query(.body(id), year: shown))"))</li>"
            }
            others += compacts.compactMap { c in
                guard let id = c.id, scope != .compact(id) else { return nil }
                return
                    "<li>\(Components.link("\(c.name) (its public bodies together)", "\(ActReportPages.page)?\(ActReportPages.query(.compact(id), year: shown))"))</li>"
            }
            if admin && scope != .installation {
                others.append(
                    "<li>\(Components.link("Every public body in the installation", "\(ActReportPages.page)?\(ActReportPages.query(.installation, year: shown))"))</li>"
                )
            }
            let otherList: HTML =
                others.isEmpty
                ? .empty
                : "<div class=\"cw-no-print\"><h2 class=\"govuk-heading-s\">Other reports you may read</h2><ul class=\"govuk-list\">\(HTML.join(others))</ul></div>"
            return Page(
                title: "Social Value Act report", breadcrumbs: [("Home", Paths.home), ("Dashboard", Paths.dashboard)],
                errors: errors,
                content: """
                    <h1 class="govuk-heading-l">Social Value Act report</h1>
                    <p class="govuk-body">How public bodies implement the Public Services (Social Value) Act 2012 over a financial year (1 April to 31 March), beside the year before. Every figure links to the records behind it. To print, use your browser’s print: the menus are left out.</p>
                    <form class="cw-search" method="get" action="\(ActReportPages.page)">
                      \(which)
                      \(Components.select("year", label: "Financial year", options: years, selected: year.map(String.init) ?? typed["year"], errors: errors, includeBlank: nil))
                      <button type="submit" class="govuk-button govuk-button--secondary">Show the report</button>
                    </form>
                    \(otherList)
                    \(content)
                    """
            ).render(req)
        }
    }

    static func report(_ report: ActReportStore.Report, scope: ActReportScope) -> HTML {
        let (r, p, name) = (report.current, report.previous, report.name)
        let rows = zip(r.figures, p.figures).map { now, then -> [HTML] in
            [
                now.list.map { Components.link(now.label, "#\($0)") } ?? "\(now.label)",
                "\(ActReportView.text(now.value))", "\(ActReportView.text(then.value))",
                "\(ActReportView.change(now.value, then.value))",
            ]
        }
        let query = Self.query(scope, year: r.period.from.year)
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
        let bodies = try await req.organisations.publicBodies(readableBy: me.viewer)
        let query = try Self.read(req, bodies: bodies)
        guard let scope = query.scope else {
            throw ValidationFailure("body", "Public body: you do not belong to one whose report you may read")
        }
        let report = try await ActReportStore(req.db).report(scope, period: query.period, viewer: me.viewer)
        let (now, before) = (report.current, report.previous)
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
