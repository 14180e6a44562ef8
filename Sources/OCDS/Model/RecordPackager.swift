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
    private var groups: [String: [Entry]] = [:]
    private var firstVersion: (version: String, origin: String)?
    /// The first item whose OCDS version differs from the first item's, as ocdskit's `Packager.add` finds it
    /// (`InconsistentVersionError`); `nil` if all agree. The packager still takes it: refusing is the
    /// caller's choice (docs/ocds.md, "OCDS 1.0 and 1.1 mixed").
    public private(set) var versionMix: VersionMix?

    private struct Entry {
        let release: Release
        let packageURI: String
        let origin: String
        let pointer: String
    }

    public init() {}

    /// Adds a release package (a JSON object with `releases`) or a bare release, and returns the problems
    /// of the releases it could not take (the others are taken). `origin` says where the document came from
    /// (e.g. `file.jsonl:3`) and `pointer` where it sits in it; both are only used to report problems.
    @discardableResult
    public mutating func add(_ json: JSONValue, origin: String = "", at pointer: String = "") -> [ReleaseProblem] {
        guard json.isObject else {
            return [ReleaseProblem(origin: origin, pointer: pointer, message: "A release must be a JSON object")]
        }
        noteVersion(of: json, at: [origin, pointer].filter { !$0.isEmpty }.joined(separator: ": "))
        guard let items = json["releases"] else {
            return add(release: json, origin: origin, pointer: pointer, packageURI: "").map { [$0] } ?? []
        }
        guard let releases = items.array else {
            return [
                ReleaseProblem(
                    origin: origin, pointer: pointer + "/releases", message: "A package's `releases` must be an array")
            ]
        }
        for member in metadata {
            if let value = json[member.key] { setMetadata(member.key, value) }
        }
        for ext in json["extensions"]?.array ?? [] where !extensions.contains(ext) { extensions.append(ext) }
        let packageURI = json["uri"]?.string ?? ""
        if !packageURI.isEmpty { packages.append(.string(packageURI)) }
        var problems: [ReleaseProblem] = []
        // A `null` entry is skipped, as ocdskit does ("observed in some release packages").
        for (i, item) in releases.enumerated() where !item.isNull {
            let at = pointer + "/releases/\(i)"
            if let p = add(release: item, origin: origin, pointer: at, packageURI: packageURI) { problems.append(p) }
        }
        return problems
    }

    /// Records the item's OCDS version as ocdskit's `get_ocds_minor_version` reads it: a package's
    /// `version` (absent: 1.0); a release 1.1 if it has `parties`, else 1.0.
    private mutating func noteVersion(of json: JSONValue, at origin: String) {
        let version: String
        if json["releases"] != nil && json["ocid"] == nil || json["records"] != nil {
            if let v = json["version"] {
                version = v.string ?? String(decoding: v.serializedData(.compact), as: UTF8.self)
            } else {
                version = "1.0"
            }
        } else {
            version = json["parties"] == nil ? "1.0" : "1.1"
        }
        guard let first = firstVersion else {
            firstVersion = (version, origin)
            return
        }
        if versionMix == nil && version != first.version {
            versionMix = VersionMix(
                earlierVersion: first.version, earlierOrigin: first.origin, version: version, origin: origin)
        }
    }

    private mutating func setMetadata(_ key: String, _ value: JSONValue) {
        if let i = metadata.firstIndex(where: { $0.key == key }) { metadata[i].value = value }
    }

    /// Takes a release that has a string `ocid` and `date` and an `id`; otherwise returns why not.
    private mutating func add(release json: JSONValue, origin: String, pointer: String, packageURI: String)
        -> ReleaseProblem?
    {
        func problem(_ at: String, _ message: String) -> ReleaseProblem {
            ReleaseProblem(origin: origin, pointer: at, message: message)
        }
        guard let release = try? Release(json) else { return problem(pointer, "A release must be a JSON object") }
        for field in ["ocid", "id", "date"] where json[field] == nil {
            return problem(pointer + "/" + field, "The release has no `\(field)`")
        }
        guard let ocid = release.ocid, !ocid.isEmpty else {
            return problem(pointer + "/ocid", "`ocid` must be a non-empty string")
        }
        guard release.date != nil else { return problem(pointer + "/date", "`date` must be a string") }
        groups[ocid, default: []].append(
            Entry(release: release, packageURI: packageURI, origin: origin, pointer: pointer))
        return nil
    }

    /// The record of each OCID, in OCID order (code point order). A release that cannot be merged with the
    /// earlier ones of its OCID (a literal in one where another has an object) is left out and reported;
    /// the earlier release in date order is kept.
    public func records(merger: Merger) throws -> (
        records: [JSONValue], warnings: [String], problems: [ReleaseProblem]
    ) {
        var records: [JSONValue] = []
        var warnings: [String] = []
        var problems: [ReleaseProblem] = []
        let ocids = groups.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for ocid in ocids {
            var rows = groups[ocid] ?? []
            var compiled: MergeResult
            do {
                compiled = try merger.compiledRelease(rows.map(\.release.json))
            } catch {
                // Find the releases that cannot be merged: add them in date order, leaving out any that fails.
                let order = rows.indices.sorted { a, b in
                    let (x, y) = (rows[a].release.date ?? "", rows[b].release.date ?? "")
                    return x == y ? a < b : x.utf8.lexicographicallyPrecedes(y.utf8)
                }
                var kept: [Int] = []
                for i in order {
                    do {
                        _ = try merger.compiledRelease((kept + [i]).map { rows[$0].release.json })
                        kept.append(i)
                    } catch {
                        let at = (error as? InconsistentTypeError)?.pointer ?? ""
                        problems.append(
                            ReleaseProblem(
                                origin: rows[i].origin, pointer: rows[i].pointer + at,
                                message: "Cannot be merged: \(error)"))
                    }
                }
                rows = kept.sorted().map { rows[$0] }
                guard !rows.isEmpty else { continue }
                compiled = try merger.compiledRelease(rows.map(\.release.json))
            }
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
            record.append(JSONMember("compiledRelease", compiled.release))
            warnings += compiled.warnings.map { "\(ocid): \($0)" }
            if versioned {
                record.append(JSONMember("versionedRelease", try merger.versionedRelease(releases).release))
            }
            records.append(.object(record))
        }
        return (records, warnings, problems)
    }

    /// The record package.
    public func package(merger: Merger) throws -> (
        package: JSONValue, warnings: [String], problems: [ReleaseProblem]
    ) {
        let (records, warnings, problems) = try records(merger: merger)
        var members: [JSONMember] = [
            JSONMember("uri", .string(uri)), metadata[0], JSONMember("publishedDate", .string(publishedDate)),
        ]
        members += metadata.dropFirst().filter { !$0.value.isNull }
        if !extensions.isEmpty { members.append(JSONMember("extensions", .array(extensions))) }
        if !packages.isEmpty { members.append(JSONMember("packages", .array(packages))) }
        members.append(JSONMember("records", .array(records)))
        return (.object(members), warnings, problems)
    }
}

/// Items of two OCDS versions in one input (ocdskit refuses them: 1.0 and 1.1 merge `awards.suppliers`
/// differently, and mixing deprecated and new fields gives inconsistent records).
public struct VersionMix: Sendable, Equatable, CustomStringConvertible {
    public let earlierVersion: String
    public let earlierOrigin: String
    public let version: String
    public let origin: String

    public var description: String {
        "\(origin): version error: this item uses OCDS \(version), but earlier items used \(earlierVersion) "
            + "(first at \(earlierOrigin))"
    }
}

/// A release left out of the records, and why: `origin` as given to `RecordPackager.add` (e.g.
/// `file.jsonl:3`), `pointer` to the field at fault within that document (e.g. `/releases/3/date`).
public struct ReleaseProblem: Sendable, Equatable, CustomStringConvertible {
    public let origin: String
    public let pointer: String
    public let message: String

    public init(origin: String, pointer: String, message: String) {
        self.origin = origin
        self.pointer = pointer
        self.message = message
    }

    /// `origin: pointer: message`, leaving out the empty parts.
    public var description: String {
        [origin, pointer, message].filter { !$0.isEmpty }.joined(separator: ": ")
    }
}
