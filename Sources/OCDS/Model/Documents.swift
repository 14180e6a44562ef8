import Foundation

/// A document that is not the OCDS shape it was read as.
public struct OCDSShapeError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// An OCDS release: a thin view over its JSON (nothing is dropped or reordered).
public struct Release: Sendable, Equatable {
    public let json: JSONValue

    public init(_ json: JSONValue) throws {
        guard json.isObject else { throw OCDSShapeError("A release must be a JSON object") }
        self.json = json
    }

    public var ocid: String? { json["ocid"]?.string }
    public var id: String? { json["id"]?.string }
    public var date: String? { json["date"]?.string }
    public var tag: [String] { json["tag"]?.array?.compactMap(\.string) ?? [] }
}

/// An OCDS release package: metadata and `releases`.
public struct ReleasePackage: Sendable, Equatable {
    public let json: JSONValue
    public let releases: [Release]

    public init(_ json: JSONValue) throws {
        guard json.isObject, let items = json["releases"]?.array else {
            throw OCDSShapeError("A release package must be a JSON object with a `releases` array")
        }
        self.json = json
        // A `null` entry is skipped, as ocdskit does ("observed in some release packages").
        self.releases = try items.filter { !$0.isNull }.map(Release.init)
    }

    public var uri: String? { json["uri"]?.string }
    public var version: String? { json["version"]?.string }
}

/// An OCDS record: the releases of one process, its compiled release and, optionally, versioned release.
public struct Record: Sendable, Equatable {
    public let json: JSONValue

    public init(_ json: JSONValue) throws {
        guard json.isObject, json["ocid"]?.string != nil else {
            throw OCDSShapeError("A record must be a JSON object with an `ocid`")
        }
        self.json = json
    }

    public var ocid: String { json["ocid"]?.string ?? "" }
    /// Embedded releases, or linked releases (`{url, date, tag}`).
    public var releases: [JSONValue] { json["releases"]?.array ?? [] }
    public var compiledRelease: JSONValue? { json["compiledRelease"] }
    public var versionedRelease: JSONValue? { json["versionedRelease"] }
}

/// An OCDS record package: metadata and `records`.
public struct RecordPackage: Sendable, Equatable {
    public let json: JSONValue
    public let records: [Record]

    public init(_ json: JSONValue) throws {
        guard json.isObject, let items = json["records"]?.array else {
            throw OCDSShapeError("A record package must be a JSON object with a `records` array")
        }
        self.json = json
        self.records = try items.map(Record.init)
    }
}
