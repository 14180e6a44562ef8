import Foundation

/// Builds one record package from release packages and bare releases, as `ocdskit compile --package`
/// does: records in OCID order; each record's `releases` embedded (or linked `{url, date, tag}` when asked
/// and the release came in a package with a `uri`); `compiledRelease`, and `versionedRelease` when asked.
/// Package metadata: `uri` and `publishedDate` as given (default ""), `publisher`, `license`,
/// `publicationPolicy` and `version` from the last package that has them, `extensions` the union in order,
/// `packages` the input packages' `uri`s. Holds the releases in memory (streaming is later work).
public struct RecordPackager {
    public var uri = ""
    public var publishedDate = ""
    public var versioned = false
    public var linkedReleases = false

    private var metadata: [JSONMember] = [
        JSONMember("publisher", .object([])),
        JSONMember("license", .null),
        JSONMember("publicationPolicy", .null),
        JSONMember("version", .null),
    ]
    private var extensions: [JSONValue] = []
    private var packages: [JSONValue] = []
    private var groups: [String: [(release: Release, packageURI: String)]] = [:]

    public init() {}

    /// Adds a release package (a JSON object with `releases`) or a bare release.
    public mutating func add(_ json: JSONValue) throws {
        if json["releases"] != nil {
            let package = try ReleasePackage(json)
            for member in metadata {
                if let value = json[member.key] { setMetadata(member.key, value) }
            }
            for ext in json["extensions"]?.array ?? [] where !extensions.contains(ext) { extensions.append(ext) }
            let packageURI = package.uri ?? ""
            if !packageURI.isEmpty { packages.append(.string(packageURI)) }
            for release in package.releases { try add(release, packageURI: packageURI) }
        } else {
            try add(try Release(json), packageURI: "")
        }
    }

    private mutating func setMetadata(_ key: String, _ value: JSONValue) {
        if let i = metadata.firstIndex(where: { $0.key == key }) { metadata[i].value = value }
    }

    private mutating func add(_ release: Release, packageURI: String) throws {
        guard let ocid = release.ocid else { throw OCDSShapeError("A release has no `ocid`") }
        groups[ocid, default: []].append((release, packageURI))
    }

    /// The record of each OCID, in OCID order (code point order).
    public func records(merger: Merger) throws -> (records: [JSONValue], warnings: [String]) {
        var records: [JSONValue] = []
        var warnings: [String] = []
        let ocids = groups.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for ocid in ocids {
            let rows = groups[ocid] ?? []
            let releases = rows.map(\.release.json)
            let listed: [JSONValue] = rows.map { row in
                guard linkedReleases, !row.packageURI.isEmpty else { return row.release.json }
                return .object([
                    JSONMember("url", .string(row.packageURI + "#" + (row.release.id ?? ""))),
                    JSONMember("date", row.release.json["date"] ?? .null),
                    JSONMember("tag", row.release.json["tag"] ?? .null),
                ])
            }
            var record: [JSONMember] = [JSONMember("ocid", .string(ocid)), JSONMember("releases", .array(listed))]
            let compiled = try merger.compiledRelease(releases)
            record.append(JSONMember("compiledRelease", compiled.release))
            warnings += compiled.warnings.map { "\(ocid): \($0)" }
            if versioned {
                record.append(JSONMember("versionedRelease", try merger.versionedRelease(releases).release))
            }
            records.append(.object(record))
        }
        return (records, warnings)
    }

    /// The record package.
    public func package(merger: Merger) throws -> (package: JSONValue, warnings: [String]) {
        let (records, warnings) = try records(merger: merger)
        var members: [JSONMember] = [
            JSONMember("uri", .string(uri)), metadata[0], JSONMember("publishedDate", .string(publishedDate)),
        ]
        members += metadata.dropFirst().filter { !$0.value.isNull }
        if !extensions.isEmpty { members.append(JSONMember("extensions", .array(extensions))) }
        if !packages.isEmpty { members.append(JSONMember("packages", .array(packages))) }
        members.append(JSONMember("records", .array(records)))
        return (.object(members), warnings)
    }
}
