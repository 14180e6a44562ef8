import Foundation
import Testing

@testable import OCDS

/// OCP's fictional full-lifecycle example (Fixtures/SOURCE.md): six releases in one release package, and
/// the record OCP published for them. Our compile must give OCP's record, compared as parsed JSON values
/// with numbers as written.
@Suite struct FictionalExampleTests {
    private func fixture(_ name: String) throws -> JSONValue {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"))
        return try JSONParser.parse(try Data(contentsOf: url))
    }

    private func compile(versioned: Bool) throws -> JSONValue {
        var packager = RecordPackager()
        packager.linkedReleases = true
        packager.versioned = versioned
        #expect(packager.add(try fixture("fictional-release-package")).isEmpty)
        return try packager.package(merger: Merger(rules: try MergeRules.bundled())).package
    }

    @Test func compiledReleaseEqualsOCPsRecord() throws {
        let expected = try RecordPackage(try fixture("fictional-record-package")).records[0]
        let ours = try RecordPackage(try compile(versioned: false)).records
        #expect(ours.count == 1)
        let record = try #require(ours.first)
        #expect(record.ocid == "ocds-213czf-000-00001")
        let compiled = try #require(record.compiledRelease)
        let expectedCompiled = try #require(expected.compiledRelease)
        #expect(firstDifference(compiled, expectedCompiled) == nil)
        // Beyond equal values: the members come in OCP's order too (tag, id, date, ocid, then first seen).
        let sameOrder = compiled == expectedCompiled
        #expect(sameOrder)
        #expect(record.releases.count == 6)
        for (a, b) in zip(record.releases, expected.releases) { #expect(a.sameValue(as: b)) }
    }

    @Test func versionedReleaseEqualsOCPsRecordWithVersions() throws {
        let expected = try RecordPackage(try fixture("fictional-record-package-withversions")).records[0]
        let record = try #require(try RecordPackage(try compile(versioned: true)).records.first)
        let versioned = try #require(record.versionedRelease)
        let expectedVersioned = try #require(expected.versionedRelease)
        #expect(firstDifference(versioned, expectedVersioned) == nil)
        let sameOrder = versioned == expectedVersioned
        #expect(sameOrder)
    }

    @Test func packageMetadataFollowsTheInput() throws {
        let package = try compile(versioned: false)
        #expect(
            package.members?.map(\.key) == [
                "uri", "publisher", "publishedDate", "license", "publicationPolicy", "version", "packages", "records",
            ])
        #expect(
            package["packages"] == [
                "https://github.com/open-contracting/sample-data/raw/1.1/fictional-example/ocds-213czf-000-00001.json"
            ])
        #expect(package["publisher"]?["name"] == "Open Data Services Co-operative Limited")
    }

    @Test func parsingAndWritingTheExampleGivesItBack() throws {
        let url = try #require(
            Bundle.module.url(forResource: "fictional-release-package", withExtension: "json", subdirectory: "Fixtures")
        )
        let text = try String(contentsOf: url, encoding: .utf8)
        let value = try JSONParser.parse(text)
        #expect(try JSONParser.parse(value.serialized(.pretty)) == value)
        #expect(try JSONParser.parse(value.serialized()) == value)
    }

    /// The first path where two values differ (nil if they are the same value), to make a failure readable.
    private func firstDifference(_ a: JSONValue, _ b: JSONValue, at path: String = "") -> String? {
        a.sameValue(as: b) ? nil : difference(a, b, at: path)
    }

    private func difference(_ a: JSONValue, _ b: JSONValue, at path: String) -> String {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            let xk = Set(x.map(\.key))
            let yk = Set(y.map(\.key))
            if xk != yk {
                return
                    "\(path): keys \(xk.subtracting(yk).sorted()) only in ours, \(yk.subtracting(xk).sorted()) only expected"
            }
            for m in x where !(m.value.sameValue(as: b[m.key]!)) {
                return difference(m.value, b[m.key]!, at: path + "/" + m.key)
            }
        case (.array(let x), .array(let y)):
            if x.count != y.count { return "\(path): \(x.count) items, expected \(y.count)" }
            for (i, pair) in zip(x, y).enumerated() where !pair.0.sameValue(as: pair.1) {
                return difference(pair.0, pair.1, at: path + "/\(i)")
            }
        default:
            return "\(path): \(a.serialized()) vs \(b.serialized())"
        }
        return "\(path): same"
    }
}
