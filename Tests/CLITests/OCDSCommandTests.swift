import Foundation
import Testing

/// `commonweal ocds compile` on small releases written by hand (the merge rules themselves are tested in
/// OCDSTests; here: reading inputs, the record package, problems on standard error).
@Suite struct OCDSCommandTests {
    static let package = #"""
        {"uri": "https://example.org/p.json", "publisher": {"name": "Eastmoor"}, "publishedDate": "2025-01-02T00:00:00Z",
         "version": "1.1", "releases": [
          {"ocid": "ocds-b", "id": "b-1", "date": "2025-01-01T00:00:00Z", "tag": ["tender"], "tender": {"title": "B", "value": {"amount": 100.50}}},
          {"ocid": "ocds-a", "id": "a-2", "date": "2025-01-02T00:00:00Z", "tag": ["tenderUpdate"], "tender": {"title": "A2"}}
         ]}
        """#
    static let bareRelease =
        #"{"ocid": "ocds-a", "id": "a-1", "date": "2025-01-01T00:00:00Z", "tag": ["tender"], "tender": {"title": "A1", "status": "active"}}"#

    @Test func compilesPackagesAndJSONLinesIntoARecordPackage() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let stdin = Self.package.replacingOccurrences(of: "\n", with: " ") + "\n" + Self.bareRelease + "\n"
        let r = try cli.run(["ocds", "compile", "--linked-releases", "-"], stdin: stdin, dataDirFlag: false)
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let records = try #require(json["records"] as? [[String: Any]])
        #expect(records.map { $0["ocid"] as? String } == ["ocds-a", "ocds-b"])
        let a = try #require(records.first?["compiledRelease"] as? [String: Any])
        #expect(a["id"] as? String == "ocds-a-2025-01-02T00:00:00Z")
        #expect(a["tag"] as? [String] == ["compiled"])
        #expect(a["tender"] as? [String: String] == ["title": "A2", "status": "active"])
        let listed = try #require(records.first?["releases"] as? [[String: Any]])
        #expect(listed.first?["url"] as? String == "https://example.org/p.json#a-2")
        #expect(listed.last?["id"] as? String == "a-1")
        #expect(json["packages"] as? [String] == ["https://example.org/p.json"])
        // The number is written as it was read.
        #expect(r.stdout.contains(#""amount":100.50"#))
    }

    @Test func versionedAddsTheVersionedRelease() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let r = try cli.run(["ocds", "compile", "--versioned", "-"], stdin: Self.bareRelease, dataDirFlag: false)
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let record = try #require((json["records"] as? [[String: Any]])?.first)
        let title = try #require(
            ((record["versionedRelease"] as? [String: Any])?["tender"] as? [String: Any])?["title"]
                as? [[String: Any]])
        #expect(title.first?["releaseID"] as? String == "a-1")
        #expect(title.first?["value"] as? String == "A1")
    }

    @Test func invalidJSONIsReportedWithFileAndPositionAndNothingPrinted() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let r = try cli.run(["ocds", "compile", "-"], stdin: "{\"ocid\": \"x\",\n \"tag\": [1,]}", dataDirFlag: false)
        #expect(r.status == 2)
        #expect(r.stdout == "")
        #expect(r.stderr.contains("error: -: line 2, column 12 (at /tag/1)"))
    }
}
