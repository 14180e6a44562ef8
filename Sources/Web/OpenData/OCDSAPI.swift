import Foundation
import OCDS
import SocialValue
import Storage
import Vapor

/// The OCDS API (docs/api.md, "Open data (OCDS)"; docs/ocds.md, "Export"): public, no token. Built
/// on `OCDSExportReader` and `OCDSExportMapping`, so only published data ever appears.
struct OCDSAPI: RouteCollection {
    /// Releases a page holds when `limit` is not given, and the most it may ask for.
    static let defaultLimit = 100
    static let maximumLimit = 100

    func boot(routes: RoutesBuilder) throws {
        let ocds = routes.grouped("api", "v1", "ocds")
        ocds.get("releases", use: releases)
        ocds.get("records", ":ocid", use: record)
    }

    /// The ocid prefix, as for `commonweal export ocds` (`COMMONWEAL_OCID_PREFIX`).
    static var ocidPrefix: String {
        ProcessInfo.processInfo.environment["COMMONWEAL_OCID_PREFIX"].flatMap { $0.isEmpty ? nil : $0 }
            ?? OCDSExportMapping.defaultOCIDPrefix
    }

    static func publication(_ req: Request) -> OCDSExportPackage.Publication {
        .init(publisherName: "Commonweal", baseURL: req.settings.publicURL)
    }

    /// The merge rules of the bundled schema, read once.
    static let mergeRules = Result { try MergeRules.bundled() }

    /// Every published release, oldest first (by date, then id); only procurement `id`'s when given.
    static func allReleases(_ req: Request, only id: UUID? = nil) async throws -> [OCDSValue] {
        let procurements = try await OCDSExportReader(req.db).procurements(only: id, viewer: req.currentUser?.viewer)
        let mapping = OCDSExportMapping(ocidPrefix: ocidPrefix)
        return procurements.flatMap { mapping.releases($0) }.sorted { key($0) < key($1) }
    }

    static func key(_ release: OCDSValue) -> ReleaseKey {
        ReleaseKey(date: release["date"]?.string ?? "", id: release["id"]?.string ?? "")
    }

    func releases(req: Request) async throws -> Response {
        let query = try OCDSPageQuery(req.url.query)
        let selected = try await Self.allReleases(req).filter { query.admits(Self.key($0)) }
        let page = Array(selected.prefix(query.limit))
        var package = OCDSExportPackage.releasePackage(page, Self.publication(req))
        if selected.count > page.count, let last = page.last {
            let next = req.settings.publicURL + "/api/v1/ocds/releases?" + query.next(after: Self.key(last))
            package = Self.adding("links", .object([JSONMember("next", .string(next))]), to: package)
        }
        return Self.json(package)
    }

    func record(req: Request) async throws -> Response {
        let ocid = req.parameters.get("ocid") ?? ""
        // Our ocids are the prefix and the procurement's id: only that procurement is read.
        let id =
            ocid.hasPrefix(Self.ocidPrefix + "-")
            ? UUID(uuidString: String(ocid.dropFirst(Self.ocidPrefix.count + 1))) : nil
        var releases: [OCDSValue] = []
        if let id { releases = try await Self.allReleases(req, only: id).filter { $0["ocid"]?.string == ocid } }
        guard !releases.isEmpty else { throw StorageError.notFound("The OCDS record \(ocid)") }
        let package = try OCDSExportPackage.recordPackage(
            OCDSExportPackage.releasePackage(releases, Self.publication(req)),
            merger: Merger(rules: Self.mergeRules.get()))
        return Self.json(package)
    }

    static func adding(_ name: String, _ value: OCDSValue, to package: OCDSValue) -> OCDSValue {
        guard case .object(let members) = package else { return package }
        return .object(members + [JSONMember(name, value)])
    }

    static func json(_ value: OCDSValue) -> Response {
        let r = Response(status: .ok, body: .init(data: value.serializedData(.compact)))
        r.headers.contentType = .json
        return r
    }
}

/// The OCDS module's JSON value (another `JSONValue` is visible in the web layer).
typealias OCDSValue = OCDS.JSONValue

/// Where a release sits in the API's order: by date, then id.
struct ReleaseKey: Comparable, Sendable {
    var date: String
    var id: String

    static func < (a: ReleaseKey, b: ReleaseKey) -> Bool { (a.date, a.id) < (b.date, b.id) }
}

/// The query of `GET /api/v1/ocds/releases`, checked: `limit` (1…100), an opaque `cursor` (from
/// `links.next`), `updatedFrom` and `updatedTo` (a day `YYYY-MM-DD` or a UTC time
/// `YYYY-MM-DDTHH:MM:SS`, optionally with `Z`; a day as `updatedTo` includes the whole day).
/// Every problem is a 422 naming its parameter.
struct OCDSPageQuery: Equatable, Sendable {
    var limit = OCDSAPI.defaultLimit
    var after: ReleaseKey?
    var updatedFrom: String?
    var updatedTo: String?
    /// The bounds as given, for `links.next`.
    var fromText: String?
    var toText: String?

    init(_ rawQuery: String?) throws {
        var values: [String: String] = [:]
        var problems = Problems()
        for pair in (rawQuery ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            let name = parts[0].removingPercentEncoding ?? parts[0]
            let value =
                parts.count > 1 ? (parts[1].replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "") : ""
            if values[name] != nil, ["limit", "cursor", "updatedFrom", "updatedTo"].contains(name) {
                problems.add(name, "\(name) must be one value")
            }
            values[name] = value
        }
        if let raw = values["limit"] {
            if raw.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(raw), (1...OCDSAPI.maximumLimit).contains(n) {
                limit = n
            } else {
                problems.add("limit", "limit must be a whole number from 1 to \(OCDSAPI.maximumLimit)")
            }
        }
        if let raw = values["cursor"] {
            if let key = Self.decodeCursor(raw) {
                after = key
            } else {
                problems.add("cursor", "cursor must be the one given in links.next")
            }
        }
        if let raw = values["updatedFrom"] {
            fromText = raw
            updatedFrom = Self.bound(raw, endOfDay: false)
            if updatedFrom == nil {
                problems.add("updatedFrom", "updatedFrom must be a day as YYYY-MM-DD or a time as YYYY-MM-DDTHH:MM:SS")
            }
        }
        if let raw = values["updatedTo"] {
            toText = raw
            updatedTo = Self.bound(raw, endOfDay: true)
            if updatedTo == nil {
                problems.add("updatedTo", "updatedTo must be a day as YYYY-MM-DD or a time as YYYY-MM-DDTHH:MM:SS")
            }
        }
        if let f = updatedFrom, let t = updatedTo, f > t {
            problems.add("updatedTo", "updatedTo must be the same as or after updatedFrom")
        }
        if !problems.isEmpty { throw ValidationFailure(problems.errors) }
    }

    /// Whether a release with this key is on this page or a later one.
    func admits(_ key: ReleaseKey) -> Bool {
        let time = String(key.date.prefix(19))
        if let updatedFrom, time < updatedFrom { return false }
        if let updatedTo, time > updatedTo { return false }
        if let after, !(after < key) { return false }
        return true
    }

    /// The query string of the next page: the same bounds and limit, the cursor after `last`.
    func next(after last: ReleaseKey) -> String {
        var items = [("limit", String(limit)), ("cursor", Self.encodeCursor(last))]
        if let fromText { items.append(("updatedFrom", fromText)) }
        if let toText { items.append(("updatedTo", toText)) }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~:")
        return items.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
            .joined(separator: "&")
    }

    /// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS[Z]` as a 19-character UTC time, or nil when it is not a real one.
    static func bound(_ raw: String, endOfDay: Bool) -> String? {
        var text = raw.hasSuffix("Z") ? String(raw.dropLast()) : raw
        if text.count == 10 && !raw.hasSuffix("Z") { text += endOfDay ? "T23:59:59" : "T00:00:00" }
        guard text.count == 19, text.allSatisfy({ $0.isASCII }) else { return nil }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        f.isLenient = false
        guard let date = f.date(from: text), f.string(from: date) == text else { return nil }
        return text
    }

    /// The cursor: the last release's date and id, base64url without padding.
    static func encodeCursor(_ key: ReleaseKey) -> String {
        Data((key.date + "\n" + key.id).utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decodeCursor(_ raw: String) -> ReleaseKey? {
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        guard raw.count <= 400, raw.allSatisfy(alphabet.contains) else { return nil }
        var text = raw.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        guard let data = Data(base64Encoded: text), let plain = String(data: data, encoding: .utf8) else { return nil }
        let parts = plain.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, bound(parts[0], endOfDay: false) != nil, !parts[1].isEmpty else { return nil }
        return ReleaseKey(date: parts[0], id: parts[1])
    }
}
