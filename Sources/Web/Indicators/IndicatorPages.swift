import Foundation
import SocialValue
import Storage
import Vapor

/// The indicators pages (issue 16; docs/indicators.md "Pages"): `/indicators` lists the flags of
/// the bodies the signed-in person may read, with a count per indicator, filters (body, indicator,
/// from, to), pages and `/indicators.csv` for the same list. Each flag links to its record and to
/// its rule on `/indicators/rules`, which anyone may read.
struct IndicatorPages: RouteCollection {
    static let list = "/indicators"
    static let csvPath = "/indicators.csv"
    static let rules = "/indicators/rules"
    static let pageSize = 50
    static func rule(_ code: IndicatorCode) -> String { "\(rules)#\(code.rawValue)" }
    static func forBody(_ id: UUID) -> String { "\(list)?body=\(id.uuidString)" }

    func boot(routes: RoutesBuilder) throws {
        routes.get("indicators", use: listPage)
        routes.get("indicators.csv", use: csv)
        routes.get("indicators", "rules", use: rulesPage)
    }

    // MARK: Filters

    /// The filters as typed (empty is "any"), what they read as, and their problems.
    struct Filters {
        var typed: [String: String]
        var query = IndicatorQuery()
        var code: IndicatorCode?
        var errors: [FieldError] = []

        static let names = ["body", "code", "from", "to"]
        /// RFC 3986's unreserved characters: what a query value keeps as it is.
        static let unreserved = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))

        init(_ req: Request) {
            typed = Self.names.reduce(into: [:]) { out, name in
                out[name] = String((req.rawQuery(name).first ?? "").trimmingCharacters(in: .whitespaces).prefix(100))
            }
            func given(_ name: String) -> String? { typed[name].flatMap { $0.isEmpty ? nil : $0 } }
            do {
                query = try IndicatorQuery.read(body: given("body"), from: given("from"), to: given("to")) {
                    ["from": "From", "to": "To", "body": "Public body"][$0] ?? $0
                }
            } catch let f as ValidationFailure {
                errors = f.errors
            } catch {
                errors = [FieldError("body", "The filters could not be read")]
            }
            if let text = given("code") {
                code = IndicatorCode(rawValue: text)
                if code == nil { errors.append(FieldError("code", "Choose an indicator from the list")) }
            }
        }

        /// The filters as a query string for links (the CSV, a count's list), `code` replaced when given.
        func queryString(code override: IndicatorCode?? = nil) -> String {
            var q = typed.filter { !$0.value.isEmpty }
            if let override { q["code"] = override?.rawValue }
            return q.sorted { $0.key < $1.key }
                .map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? "")" }
                .joined(separator: "&")
        }
    }

    /// The bodies `me` may read, by name, and the flags the filters select (none when they are wrong).
    func read(_ req: Request, _ f: Filters) async throws -> (
        bodies: [OrganisationModel], flags: [IndicatorStore.DatedFlag]
    ) {
        let me = try req.requireUser()
        let bodies = try await req.organisations.publicBodies(readableBy: me.viewer)
        guard f.errors.isEmpty, !bodies.isEmpty || f.query.body != nil else { return (bodies, []) }
        let flags = try await IndicatorStore(req.db).flags(
            body: f.query.body, from: f.query.from, to: f.query.to, viewer: me.viewer, ocidPrefix: OCDSAPI.ocidPrefix)
        return (bodies, flags)
    }

    static func recordPath(_ r: IndicatorStore.Record) -> String {
        switch r {
        case .procurement(let id): return Paths.procurement(id)
        case .contract(let id): return Paths.contract(id)
        case .consultation(let id): return Paths.consultation(id)
        case .decommissioningCase(let id): return Paths.decommissioning(id)
        }
    }

    // MARK: The list

    func listPage(req: Request) async throws -> Response {
        let f = Filters(req)
        let (bodies, all) = try await read(req, f)
        let names = Dictionary(bodies.compactMap { b in b.id.map { ($0, b.name) } }, uniquingKeysWith: { a, _ in a })
        let flags = all.filter { f.code == nil || $0.flag.code == f.code }
        let page = ListPage(requested: req.query[Int.self, at: "page"], size: Self.pageSize, total: flags.count)
        let rows = page.slice(flags).map { d -> [HTML] in
            [
                Components.link(d.flag.code.rawValue, Self.rule(d.flag.code), context: "rule: \(d.flag.code.title)"),
                "\(d.flag.code.title)", Components.link(d.flag.subject, Self.recordPath(d.record)),
                "\(names[d.flag.body] ?? "")", "\(d.on?.longForm ?? "No date")", "\(d.flag.value)",
            ]
        }
        let filters: HTML = """
            \(Components.select("body", label: "Public body", options: bodies.compactMap { b in b.id.map { ($0.uuidString, b.name) } }, selected: f.typed["body"], errors: f.errors, includeBlank: "Every body you can see"))
            \(Components.select("code", label: "Indicator", options: IndicatorCode.allCases.map { ($0.rawValue, "\($0.rawValue): \($0.title)") }, selected: f.typed["code"], errors: f.errors, includeBlank: "Any indicator"))
            \(Components.textInput("from", label: "From (YYYY-MM-DD)", value: f.typed["from"], errors: f.errors, hint: "For example, 2027-04-01", width: "10", maxLength: 10))
            \(Components.textInput("to", label: "To (YYYY-MM-DD)", value: f.typed["to"], errors: f.errors, hint: "For example, 2028-03-31", width: "10", maxLength: 10))
            """
        let content: HTML
        if bodies.isEmpty && f.errors.isEmpty {
            content =
                "<p class=\"govuk-body\">You see the indicators of the public bodies you belong to, and you do not belong to one. \(Components.link("Read how each indicator works", Self.rules)).</p>"
        } else {
            let counts = IndicatorCode.allCases.map { code -> [HTML] in
                let these = all.filter { $0.flag.code == code }
                let total = these.reduce(Decimal(0)) { $0 + $1.flag.value }
                let link = Components.link(
                    "\(these.count)", Self.list + "?" + f.queryString(code: .some(code)),
                    context: "\(these.count == 1 ? "flag" : "flags"): \(code.title)")
                return [Components.link(code.rawValue, Self.rule(code)), "\(code.title)", link, "\(total)"]
            }
            let csvQuery = f.queryString()
            let empty =
                f.errors.isEmpty
                ? "No flags are raised for these filters."
                : "Correct the filters to see the flags."
            content = """
                \(Components.table(caption: "Flags by indicator", headers: ["Code", "Indicator", "Flags", "Total value"], rows: counts, numericColumns: [2, 3]))
                <h2 class="govuk-heading-m">The flags</h2>
                \(flags.isEmpty ? HTML("<p class=\"govuk-body\">\(empty)</p>") : Components.table(caption: "The flags", headers: ["Code", "Indicator", "About", "Public body", "Dated", "Value"], rows: rows, numericColumns: [5], captionHidden: true))
                \(flags.isEmpty ? .empty : Components.pagination(page, path: Self.list, query: f.typed))
                \(flags.isEmpty ? .empty : HTML("<p class=\"govuk-body\">\(Components.link("Download as CSV", Self.csvPath + (csvQuery.isEmpty ? "" : "?" + csvQuery), context: "(the flags)"))</p>"))
                """
        }
        return Page(
            title: "Indicators", breadcrumbs: [("Home", Paths.home), ("Dashboard", Paths.dashboard)], errors: f.errors,
            content: """
                <h1 class="govuk-heading-l">Indicators</h1>
                <p class="govuk-body">Red flags on procurements, contracts, consultations and decommissioning decisions: each is raised by a stated rule from the Social Value Act, the Compact or the Procurement Act. A flag asks a question; it is not a finding. \(Components.link("Read how each indicator works", Self.rules)).</p>
                <form class="cw-search" method="get" action="\(Self.list)">
                  \(filters)
                  <button type="submit" class="govuk-button govuk-button--secondary">Show the flags</button>
                </form>
                \(content)
                """
        ).render(req)
    }

    // MARK: CSV

    static let csvColumns = [
        "code", "indicator", "public_body_id", "public_body", "about", "url", "ocid", "dated_on", "value",
    ]

    func csv(req: Request) async throws -> Response {
        let f = Filters(req)
        if !f.errors.isEmpty { throw ValidationFailure(f.errors) }
        let (bodies, all) = try await read(req, f)
        let names = Dictionary(bodies.compactMap { b in b.id.map { ($0, b.name) } }, uniquingKeysWith: { a, _ in a })
        var text = CSV.byteOrderMark + CSV.line(Self.csvColumns)
        for d in all where f.code == nil || d.flag.code == f.code {
            text += CSV.line([
                d.flag.code.rawValue, d.flag.code.title, d.flag.body.uuidString, names[d.flag.body] ?? "",
                d.flag.subject, Self.recordPath(d.record), d.flag.ocid ?? "", d.on?.iso ?? "", "\(d.flag.value)",
            ])
        }
        return Response.download(Data(text.utf8), filename: "indicators.csv", contentType: "text/csv; charset=utf-8")
    }

    // MARK: The rules

    func rulesPage(req: Request) async throws -> Response {
        let sections = IndicatorCode.allCases.map { code -> HTML in
            let belongs =
                code.hasOCID
                ? "Its procurement (under OCID in the Cardinal shape) and its public body (under Buyer)"
                : "Its public body only (under Buyer in the Cardinal shape)"
            let value =
                code == .returnsOverdue || code == .deliveryBehind
                ? "A count: the number of periods or commitments that meet the rule" : "1 for each flag"
            return """
                <h2 class="govuk-heading-m" id="\(code.rawValue)">\(code.rawValue): \(code.title)</h2>
                \(Components.summaryList([
                    .init("Rule", text: code.rule), .init("Source", text: code.source),
                    .init("Belongs to", text: belongs), .init("Value", text: value),
                ]))
                """
        }
        let signedIn: HTML =
            req.currentUser == nil
            ? .empty : "<p class=\"govuk-body\">\(Components.link("See the flags of your bodies", Self.list)).</p>"
        return Page(
            title: "How each indicator works", breadcrumbs: [("Home", Paths.home)],
            content: """
                <h1 class="govuk-heading-l">How each indicator works</h1>
                <p class="govuk-body">Each indicator is a red flag with a stated rule and source. Two are the Open Contracting Partnership’s Cardinal indicators (R003 and R018), so procurement analysts can use the same tools; the others (CW and a number) are Commonweal’s, for social value and the Compact. The same flags come from <code>commonweal indicators</code> and the API’s <code>GET /api/v1/indicators</code>, in Cardinal’s JSON shape.</p>
                \(signedIn)
                \(HTML.join(sections))
                """
        ).render(req)
    }
}
