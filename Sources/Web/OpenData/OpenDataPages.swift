import Foundation
import OCDS
import SocialValue
import Storage
import Vapor

/// The public open data page (docs/ocds.md, "Export"): what is published, under which licence, the
/// OCDS API and bulk downloads of the releases, one file of JSON lines a year, built with the same
/// mapping as the API (`OCDSAPI.allReleases`), so only published data appears.
struct OpenDataPages: RouteCollection {
    /// The licence every file and API answer is published under.
    static let licenceName = "Open Government Licence v3.0"
    static let licenceURL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"

    func boot(routes: RoutesBuilder) throws {
        routes.get("open-data", use: page)
        routes.get("open-data", ":file", use: download)
        routes.get("ocds", "extensions", "commonweal_social_value", "**", use: extensionFile)
    }

    /// Our extension's files, at the address the packages list (`OCDSExportPackage.ourExtensionPath`):
    /// the extension's one copy (`extensions/commonweal_social_value` is a link to it, for the validator and readers).
    static let extensionFiles: [String: HTTPMediaType] = [
        "extension.json": .json, "release-schema.json": .json, "README.md": .plainText,
        "codelists/screeningResult.csv": HTTPMediaType(type: "text", subType: "csv"),
    ]

    func extensionFile(req: Request) async throws -> Response {
        let name = req.parameters.getCatchall().joined(separator: "/")
        guard let type = Self.extensionFiles[name],
            let folder = Bundle.module.url(forResource: "Extension", withExtension: nil),
            let data = try? Data(
                contentsOf: folder.appendingPathComponent("commonweal_social_value").appendingPathComponent(name))
        else { throw Abort(.notFound) }
        let r = Response(status: .ok, body: .init(data: data))
        r.headers.contentType = type
        return r
    }

    /// The years that have releases, newest first.
    static func years(_ releases: [OCDSValue]) -> [String] {
        let years: [String] = releases.map { r in String((r["date"]?.string ?? "").prefix(4)) }
        return Set(years).filter { $0.count == 4 }.sorted(by: >)
    }

    func page(req: Request) async throws -> Response {
        let releases = try await OCDSAPI.allReleases(req)
        let years = Self.years(releases)
        let rows = years.map { year -> [HTML] in
            let count = releases.filter { ($0["date"]?.string ?? "").hasPrefix(year) }.count
            return [
                "\(year)",
                "\(Components.link("Releases of \(year) (JSON lines)", Paths.openDataYear(year))), \(Components.link("gzip", Paths.openDataYear(year) + ".gz", context: "(the releases of \(year))"))",
                "\(count)",
            ]
        }
        return Page(
            title: "Open data",
            content: """
                <h1 class="govuk-heading-l">Open data</h1>
                <p class="govuk-body">Published procurements, tenders, awards and contracts, with the social value suppliers committed to and what the buyer has verified as delivered, in the Open Contracting Data Standard (OCDS) 1.1.5 with the Procurement Act 2023 notices. Drafts, bids, unverified returns and people's names never appear.</p>
                <h2 class="govuk-heading-m">Licence</h2>
                <p class="govuk-body">You may use and re-use this data under the \(Components.link(Self.licenceName, Self.licenceURL)).</p>
                <h2 class="govuk-heading-m">API</h2>
                <ul class="govuk-list govuk-list--bullet">
                <li>\(Components.link("Releases", Paths.ocdsReleases)), a release package a page; follow <code>links.next</code>. No token is needed.</li>
                <li>A record: <code>\(Paths.ocdsReleases.replacingOccurrences(of: "releases", with: "records"))/{ocid}</code></li>
                <li>\(Components.link("API description (OpenAPI)", Paths.openAPI))</li>
                </ul>
                <h2 class="govuk-heading-m">Bulk downloads</h2>
                \(years.isEmpty ? HTML("<p class=\"govuk-body\">Nothing has been published yet.</p>") : Components.table(caption: "Releases by year", headers: ["Year", "File", "Releases"], rows: rows, numericColumns: [2]))
                """
        ).render(req)
    }

    /// `releases-YYYY.jsonl` (or `.jsonl.gz`): the releases dated in that year, one a line, oldest first.
    func download(req: Request) async throws -> Response {
        let file = req.parameters.get("file") ?? ""
        let gzip = file.hasSuffix(".jsonl.gz")
        guard file.hasPrefix("releases-"), file.hasSuffix(".jsonl") || gzip, file.count == (gzip ? 22 : 19) else {
            throw Abort(.notFound)
        }
        let year = String(file.dropFirst(9).prefix(4))
        guard year.allSatisfy(\.isASCII), Int(year) != nil else { throw Abort(.notFound) }
        let releases = try await OCDSAPI.allReleases(req).filter { ($0["date"]?.string ?? "").hasPrefix(year) }
        guard !releases.isEmpty else { throw Abort(.notFound) }
        let lines = OCDSExportPackage.jsonLines(releases)
        let r = Response(status: .ok, body: .init(data: gzip ? StoredGzip.wrap(lines) : lines))
        r.headers.contentType =
            gzip
            ? HTTPMediaType(type: "application", subType: "gzip")
            : HTTPMediaType(type: "application", subType: "x-ndjson")
        r.headers.replaceOrAdd(name: "Content-Disposition", value: "attachment; filename=\"\(file)\"")
        return r
    }
}
