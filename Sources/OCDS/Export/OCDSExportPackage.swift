import Foundation

/// Release packages, JSON lines and the selection of releases by date (docs/ocds.md, "Export").
public enum OCDSExportPackage {
    /// The OCDS extensions the export uses (copied into `tools/ocds-schema/extensions`); the package's
    /// `extensions` adds ours, served by the product at `ourExtensionPath`.
    public static let extensions: [String] = [
        "https://raw.githubusercontent.com/cabinetoffice/ocds_uk_extension/main/extension.json",
        "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/master/extension.json",
        "https://raw.githubusercontent.com/open-contracting-extensions/ocds_awardCriteria_extension/master/extension.json",
        "https://raw.githubusercontent.com/open-contracting-extensions/ocds_metrics_extension/1.1/extension.json",
    ]

    /// Where our own extension's `extension.json` is published (relative to the product's address).
    public static let ourExtensionPath = "/ocds/extensions/commonweal_social_value/extension.json"

    /// Who publishes, where, and under what licence.
    public struct Publication: Sendable {
        public var publisherName: String
        /// The product's public address (`COMMONWEAL_PUBLIC_URL`), used for the package's `uri`.
        public var baseURL: String
        public var license: String

        public init(
            publisherName: String, baseURL: String,
            license: String = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
        ) {
            self.publisherName = publisherName
            self.baseURL = baseURL
            self.license = license
        }
    }

    /// The release date used when a package holds no release (so the output is still stable).
    public static let emptyPublishedDate = "1970-01-01T00:00:00Z"

    /// A release package of `releases`; its `publishedDate` is the latest release date.
    public static func releasePackage(_ releases: [JSONValue], _ publication: Publication) -> JSONValue {
        let latest = releases.compactMap { $0["date"]?.string }.max() ?? emptyPublishedDate
        let base = publication.baseURL.hasSuffix("/") ? String(publication.baseURL.dropLast()) : publication.baseURL
        return ExportJSON.object([
            ("uri", .string(base + "/ocds/releases.json")), ("version", .string("1.1")),
            ("extensions", .array((extensions + [base + ourExtensionPath]).map { .string($0) })),
            ("publishedDate", .string(latest)),
            ("publisher", ExportJSON.object([("name", .string(publication.publisherName))])),
            ("license", .string(publication.license)), ("releases", .array(releases)),
        ])
    }

    /// The releases whose date falls in `from`…`to` (calendar dates, both ends included).
    public static func select(_ releases: [JSONValue], from: String?, to: String?) -> [JSONValue] {
        releases.filter { r in
            let day = String((r["date"]?.string ?? "").prefix(10))
            if let from, day < from { return false }
            if let to, day > to { return false }
            return true
        }
    }

    /// One compact release a line.
    public static func jsonLines(_ releases: [JSONValue]) -> Data {
        var out = Data()
        for r in releases {
            out += r.serializedData(.compact)
            out += Data("\n".utf8)
        }
        return out
    }
}

extension OCDSExportPackage {
    /// The release package compiled into records with the merger (`RecordPackager`): the same
    /// `uri` base and `publishedDate` as the release package.
    public static func recordPackage(_ releasePackage: JSONValue, merger: Merger) throws -> JSONValue {
        var packager = RecordPackager()
        let releaseURI = releasePackage["uri"]?.string ?? ""
        packager.uri =
            releaseURI.hasSuffix("/releases.json") ? String(releaseURI.dropLast(13)) + "records.json" : releaseURI
        packager.publishedDate = releasePackage["publishedDate"]?.string ?? emptyPublishedDate
        packager.add(releasePackage)
        return try packager.package(merger: merger).package
    }
}
