import Foundation

/// A release the merge routine cannot order.
public enum MergeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Release at `index` (input order) is not a JSON object.
    case notAnObject(index: Int)
    /// Release at `index` has no `date`, so it cannot be put in date order.
    case missingDate(index: Int)
    /// Release at `index` has a `date` that is not a string (e.g. `null`).
    case invalidDate(index: Int)

    public var description: String {
        switch self {
        case .notAnObject(let i): return "Release \(i) is not a JSON object"
        case .missingDate(let i): return "Release \(i) has no date"
        case .invalidDate(let i): return "Release \(i) has a date that is not a string"
        }
    }
}

/// A compiled or versioned release and the duplicate `id`s met while merging.
public struct MergeResult: Sendable {
    public let release: JSONValue
    public let warnings: [DuplicateIdWarning]
}

/// Merges releases of one contracting process into a compiled or a versioned release, by the OCDS 1.1
/// merge routine (standard.open-contracting.org/1.1/en/schema/merging/) as its reference implementation,
/// ocdsmerge, carries it out. The rules are summed up in docs/ocds.md.
public struct Merger: Sendable {
    public let rules: MergeRules

    public init(rules: MergeRules) { self.rules = rules }

    /// The compiled release: `tag` `["compiled"]`, `id` `{ocid}-{date}` and `date` of the latest release,
    /// then every field's most recent value.
    public func compiledRelease(_ releases: [JSONValue]) throws -> MergeResult {
        var data = OrderedFlat<JSONValue>()
        data[[.key("tag")]] = ["compiled"]
        var counter = 0
        var warnings: [DuplicateIdWarning] = []
        for release in try sorted(releases) {
            let ocid = release["ocid"]
            let date = release["date"]
            var body = release
            body.remove("tag")
            var flattener = Flattener(rules: rules, counter: counter, releaseID: release["id"]?.string)
            let flat = flattener.flatten(body)
            counter = flattener.counter
            warnings += flattener.warnings
            data[[.key("id")]] = .string("\(pythonText(ocid))-\(pythonText(date))")
            data[[.key("date")]] = date ?? .null
            data[[.key("ocid")]] = ocid ?? .null
            for (key, value) in flat.entries { data[key] = value }
        }
        return MergeResult(release: try Unflattener.unflatten(Array(data.entries)), warnings: warnings)
    }

    /// The versioned release: `ocid` as is, every other field's value as a list of
    /// `{releaseID, releaseDate, releaseTag, value}` in date order, a new entry only when the value changes;
    /// `id`s of objects in arrays are kept as is, not versioned.
    public func versionedRelease(_ releases: [JSONValue]) throws -> MergeResult {
        var data = OrderedFlat<JSONValue>()
        var counter = 0
        var warnings: [DuplicateIdWarning] = []
        for release in try sorted(releases) {
            var body = release
            body.remove("tag")
            var flattener = Flattener(rules: rules, counter: counter, releaseID: release["id"]?.string)
            let flat = flattener.flatten(body)
            counter = flattener.counter
            warnings += flattener.warnings
            data[[.key("ocid")]] = release["ocid"] ?? .null
            let stamp: [JSONMember] = [
                JSONMember("releaseID", release["id"] ?? .null),
                JSONMember("releaseDate", release["date"] ?? .null),
                JSONMember("releaseTag", release["tag"] ?? .null),
            ]
            for (key, value) in flat.entries where key != [.key("ocid")] {
                if let existing = data[key] {
                    guard case .array(let history) = existing else { continue }
                    if let last = history.last?["value"], last.equivalent(to: value) { continue }
                    data[key] = .array(history + [.object(stamp + [JSONMember("value", value)])])
                } else {
                    data[key] = .array([.object(stamp + [JSONMember("value", value)])])
                }
            }
        }
        return MergeResult(release: try Unflattener.unflatten(Array(data.entries)), warnings: warnings)
    }

    /// Releases in date order; ties keep their input order (a stable sort, as Python's `sorted`).
    /// A single release is taken as it is, whatever its date.
    func sorted(_ releases: [JSONValue]) throws -> [JSONValue] {
        for (i, release) in releases.enumerated() where !release.isObject { throw MergeError.notAnObject(index: i) }
        guard releases.count > 1 else { return releases }
        var keyed: [(date: String, index: Int)] = []
        for (i, release) in releases.enumerated() {
            guard let date = release["date"] else { throw MergeError.missingDate(index: i) }
            guard let text = date.string else { throw MergeError.invalidDate(index: i) }
            keyed.append((text, i))
        }
        // Code point order (UTF-8 byte order), as Python compares strings.
        keyed.sort { a, b in
            a.date == b.date ? a.index < b.index : a.date.utf8.lexicographicallyPrecedes(b.date.utf8)
        }
        return keyed.map { releases[$0.index] }
    }

    /// How Python's `str.format` writes a value, for `{ocid}-{date}`: strings as they are, a missing or
    /// `null` value as `None`.
    private func pythonText(_ value: JSONValue?) -> String {
        switch value {
        case nil, .null?: return "None"
        case .string(let s)?: return s
        case .bool(let b)?: return b ? "True" : "False"
        case let other?: return other.serialized()
        }
    }
}
