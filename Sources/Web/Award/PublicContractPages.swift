import Foundation
import SocialValue
import Storage
import Vapor

/// The public register of awarded contracts (docs/contracts.md): no sign-in. Each contract with
/// buyer, supplier, value, dates, its social value commitments and delivery from verified returns.
struct PublicContractPages: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.get("awarded-contracts", use: list)
        routes.get("awarded-contracts.csv", use: csv)
        routes.get("awarded-contracts", ":id", use: show)
    }

    static func search(_ req: Request) -> AwardStore.PublicSearch {
        let q: (String) -> String? = { req.query[String.self, at: $0] }
        return .init(
            text: q("q").map { String($0.prefix(100)) }, buyer: q("buyerId").flatMap(UUID.init(uuidString:)),
            supplier: q("supplierId").flatMap(UUID.init(uuidString:)))
    }

    static func money(_ pounds: Decimal) -> String { Money.display(pounds) }

    func list(req: Request) async throws -> Response {
        let search = Self.search(req)
        let items = try await req.awards.publicContracts(search, viewer: req.currentUser?.viewer)
        let bodies = try await req.organisations.publicBodies()
        let q: (String) -> String? = { req.query[String.self, at: $0] }
        var supplierName: String?
        if let s = search.supplier { supplierName = try await req.organisations.find(s).name }
        let filters: HTML = """
            \(Components.select("buyerId", label: "Buyer", options: bodies.map { ($0.id!.uuidString, $0.name) }, selected: search.buyer?.uuidString, errors: [], includeBlank: "Any buyer"))
            \(search.supplier.map { HTML("<input type=\"hidden\" name=\"supplierId\" value=\"\($0.uuidString)\">") } ?? .empty)
            """
        let page = ListPage(requested: req.query[Int.self, at: "page"], size: 20, total: items.count)
        let rows = page.slice(items).map { c -> [HTML] in
            [
                "\(Components.link(c.title, Paths.awardedContract(c.id)))",
                Components.link(c.buyer, Paths.profile(c.buyerID)),
                Components.link(c.supplier, Paths.profile(c.supplierID)),
                "\(c.value.description)", "\(longDate(c.startsOn)) to \(longDate(c.endsOn))",
                "\(Self.money(c.delivery.committedValue))", "\(Self.money(c.delivery.deliveredValue))",
            ]
        }
        let query = req.url.query.map { "?" + $0 } ?? ""
        return Page(
            title: "Awarded contracts",
            content: """
                <h1 class="govuk-heading-l">Awarded contracts</h1>
                <p class="govuk-body">Contracts public bodies have awarded, with the social value each supplier committed to and what has been delivered so far. Delivery counts only monitoring returns the buyer has verified; claims not yet verified are not shown.</p>
                \(supplierName.map { HTML("<p class=\"govuk-body\">Showing contracts won by \($0). \(Components.link("Show all suppliers", Paths.awardedContracts))</p>") } ?? .empty)
                \(Components.searchForm(path: Paths.awardedContracts, label: "Search by contract, buyer or supplier", query: q("q"), filters: filters))
                <p class="govuk-body">\(Plural.count(items.count, "awarded contract")). \(Components.link("Download as CSV", Paths.awardedContractsCSV + query, context: "(the awarded contracts)"))</p>
                \(items.isEmpty ? HTML("<p class=\"govuk-body\">No awarded contracts match.</p>") : Components.table(caption: "Awarded contracts", headers: ["Contract", "Buyer", "Supplier", "Value", "Dates", "Social value committed", "Delivered, verified"], rows: rows, numericColumns: [3, 5, 6], captionHidden: true))
                \(items.isEmpty ? .empty : Components.pagination(page, path: Paths.awardedContracts, query: ["q", "buyerId", "supplierId"].reduce(into: [:]) { $0[$1] = q($1) ?? "" }))
                """
        ).render(req)
    }

    func show(req: Request) async throws -> Response {
        let c = try await req.awards.publicContract(try req.parameterID(), viewer: req.currentUser?.viewer)
        let summary = Components.summaryList([
            .init("Buyer", Components.link(c.buyer, Paths.profile(c.buyerID))),
            .init("Supplier", Components.link(c.supplier, Paths.profile(c.supplierID))),
            .init("Value", text: c.value.description),
            .init("Awarded", text: longDate(c.awardedOn)),
            .init("Starts", text: longDate(c.startsOn)),
            .init("Ends", text: longDate(c.endsOn)),
        ])
        let p = c.delivery
        var rows = p.lines.map { l -> [HTML] in
            let m = l.commitment
            return [
                "\(m.name)", "\(DecimalText.plainQuantity(m.committed)) \(m.unit)",
                "\(Money.display(ValueSetCSV.plain(m.proxy)))",
                "\(Self.money(l.committedValue))", "\(DecimalText.plainQuantity(l.verified)) \(m.unit)",
                "\(Self.money(l.deliveredValue))",
            ]
        }
        rows.append([
            "<strong>Total</strong>", "", "", "<strong>\(Self.money(p.committedValue))</strong>", "",
            "<strong>\(Self.money(p.deliveredValue))</strong>",
        ])
        let table: HTML =
            p.lines.isEmpty
            ? "<p class=\"govuk-body\">This contract has no social value commitments.</p>"
            : Components.table(
                caption: "Social value committed and delivered, verified",
                headers: [
                    "Measure", "Committed", "Value per unit", "Committed value", "Delivered, verified",
                    "Delivered value, verified",
                ], rows: rows, numericColumns: [1, 2, 3, 4, 5])
        return Page(
            title: c.title, breadcrumbs: [("Home", Paths.home), ("Awarded contracts", Paths.awardedContracts)],
            content: """
                <span class="govuk-caption-l">Awarded contract</span>
                <h1 class="govuk-heading-l">\(c.title)</h1>
                \(summary)
                <h2 class="govuk-heading-m">Social value</h2>
                <p class="govuk-body">The supplier’s commitments, valued at the proxy values fixed in the tender, and what has been delivered so far from monitoring returns the buyer has verified. Claims not yet verified are not shown.</p>
                \(table)
                """
        ).render(req)
    }

    static let csvColumns = [
        "id", "title", "buyer", "supplier", "value", "awarded_on", "starts_on", "ends_on", "social_value_committed",
        "social_value_delivered_verified", "url",
    ]

    func csv(req: Request) async throws -> Response {
        let items = try await req.awards.publicContracts(Self.search(req), viewer: req.currentUser?.viewer)
        var text = CSV.byteOrderMark + CSV.line(Self.csvColumns)
        for c in items {
            text += CSV.line([
                c.id.uuidString, c.title, c.buyer, c.supplier, DecimalText.format(Decimal(c.value.pence) / 100),
                c.awardedOn, c.startsOn, c.endsOn, DecimalText.format(c.delivery.committedValue),
                DecimalText.format(c.delivery.deliveredValue), Paths.awardedContract(c.id),
            ])
        }
        return Response.download(
            Data(text.utf8), filename: "awarded-contracts.csv", contentType: "text/csv; charset=utf-8")
    }
}
