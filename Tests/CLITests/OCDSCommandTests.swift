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
    /// A bare release is OCDS 1.1 to ocdskit only if it has `parties`: this one has, like the 1.1 package.
    static let bareRelease =
        #"{"ocid": "ocds-a", "id": "a-1", "date": "2025-01-01T00:00:00Z", "tag": ["tender"], "tender": {"title": "A1", "status": "active"},"#
        + #" "parties": [{"id": "B", "name": "Eastmoor", "roles": ["buyer"]}]}"#

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

    @Test func invalidJSONIsReportedWithFileLineAndPointer() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let r = try cli.run(["ocds", "compile", "-"], stdin: "{\"ocid\": \"x\",\n \"tag\": [1,]}", dataDirFlag: false)
        #expect(r.status == 1)
        #expect(r.stderr.contains("error: -:1: /tag/1: Not JSON: "), "\(r.stderr)")
        #expect(r.stderr.contains("(line 2, column 12)"))
        // Nothing good was read: the record package is printed, empty.
        let json = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect((json["records"] as? [Any])?.isEmpty == true)
    }

    /// JSON lines: line 2 is cut short, line 3 has no date, the package on line 4 has a release with no
    /// ocid, and line 6 has an object where the earlier release of its ocid (line 5) has a literal.
    static let partlyBroken =
        [
            #"{"ocid": "ocds-a", "id": "a-1", "date": "2025-01-01T00:00:00Z", "tender": {"title": "A1"}}"#,
            #"{"ocid": "ocds-a", "id": "a-2", "date":"#,
            #"{"ocid": "ocds-a", "id": "a-3", "tender": {"title": "no date"}}"#,
            #"{"releases": [{"ocid": "ocds-a", "id": "a-4", "date": "2025-01-04T00:00:00Z", "tender": {"status": "active"}}, "#
                + #"{"id": "x-1", "date": "2025-01-04T00:00:00Z"}]}"#,
            #"{"ocid": "ocds-c", "id": "c-1", "date": "2025-01-01T00:00:00Z", "tender": "text"}"#,
            #"{"ocid": "ocds-c", "id": "c-2", "date": "2025-01-02T00:00:00Z", "tender": {"title": "C"}}"#,
        ].joined(separator: "\n") + "\n"

    @Test func badReleasesAreReportedAndTheRestCompiled() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let file = cli.dataDir.appendingPathComponent("mixed.jsonl")
        try Data(Self.partlyBroken.utf8).write(to: file)
        let r = try cli.run(["ocds", "compile", file.path], dataDirFlag: false)
        #expect(r.status == 1)
        let errors = r.stderr.split(separator: "\n").filter { $0.hasPrefix("error: ") }
        #expect(errors.count == 4, "\(r.stderr)")
        #expect(r.stderr.contains("error: \(file.path):2: "))
        #expect(r.stderr.contains("error: \(file.path):3: /date: The release has no `date`"))
        #expect(r.stderr.contains("error: \(file.path):4: /releases/1/ocid: The release has no `ocid`"))
        #expect(r.stderr.contains("error: \(file.path):6: /tender: Cannot be merged: "))
        let json = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let records = try #require(json["records"] as? [[String: Any]])
        #expect(records.map { $0["ocid"] as? String } == ["ocds-a", "ocds-c"])
        let a = try #require(records.first)
        #expect((a["releases"] as? [[String: Any]])?.map { $0["id"] as? String } == ["a-1", "a-4"])
        let aTender = (a["compiledRelease"] as? [String: Any])?["tender"] as? [String: String]
        #expect(aTender == ["title": "A1", "status": "active"])
        let c = try #require(records.last)
        #expect((c["releases"] as? [[String: Any]])?.map { $0["id"] as? String } == ["c-1"])
        #expect((c["compiledRelease"] as? [String: Any])?["tender"] as? String == "text")
    }

    @Test func strictStopsAtTheFirstProblemAndPrintsNothing() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let r = try cli.run(["ocds", "compile", "--strict", "-"], stdin: Self.partlyBroken, dataDirFlag: false)
        #expect(r.status == 2)
        #expect(r.stdout == "")
        let errors = r.stderr.split(separator: "\n").filter { $0.hasPrefix("error: ") }
        #expect(errors.count == 1, "\(r.stderr)")
        #expect(errors.first?.hasPrefix("error: -:2: ") == true)
    }

    /// Made with Python's gzip module from two JSON lines: a package with release z-1 (tender title
    /// "Zipped", amount 12.30) and the bare release z-2 (tender status "complete"), both of ocid ocds-z.
    static let gzipped = Data(
        base64Encoded:
            "H4sIAAAAAAAC/3WPsQ7DIAxE93yG55IQoi58R6dUHVCwWioSEJiqSsS/18ncSB58ej7deYOSHGh4EcWsuw6/Zo4e25Ce3dq+c1jgAgk9mowZ9H2DMDnLhjDZLFaGh1pFz6s1hCyUVFchByH7m5T6mJEp4WIxgd6AHPn9cHQxomX0Mb7gTswcykKge9UOstb6qM1povqTqE4SMxkq3B+msL/HplqbH3dUbsb8AAAA"
    )!

    @Test func gzipInputIsDecompressedFromAFileOrStandardInput() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let file = cli.dataDir.appendingPathComponent("releases.jsonl.gz")
        try Self.gzipped.write(to: file)
        for (args, stdin) in [([file.path], nil), (["-"], Self.gzipped)] {
            let r = try cli.run(["ocds", "compile"] + args, stdinData: stdin, dataDirFlag: false)
            #expect(r.status == 0, "\(r.stderr)")
            let json = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            let record = try #require((json["records"] as? [[String: Any]])?.first)
            #expect(record["ocid"] as? String == "ocds-z")
            let tender = try #require((record["compiledRelease"] as? [String: Any])?["tender"] as? [String: Any])
            #expect(tender["title"] as? String == "Zipped")
            #expect(tender["status"] as? String == "complete")
            #expect(r.stdout.contains(#""amount":12.30"#))
        }
    }

    @Test func aFileThatIsNotGzipButNamedGzExitsTwo() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let file = cli.dataDir.appendingPathComponent("plain.json.gz")
        try Data(Self.bareRelease.utf8).write(to: file)
        let r = try cli.run(["ocds", "compile", file.path], dataDirFlag: false)
        #expect(r.status == 2)
        #expect(r.stdout == "")
        #expect(r.stderr.contains("error: \(file.path): cannot decompress: "), "\(r.stderr)")
    }

    /// OCDS 1.0 and 1.1 mixed, as ocdskit reads versions: a package without `version` is 1.0, a bare
    /// release with `parties` 1.1. ocdskit 1.7.0 refuses this input with `InconsistentVersionError`.
    static let mixedVersions =
        #"{"releases": [{"ocid": "ocds-m", "id": "m-1", "date": "2025-01-01T00:00:00Z", "tender": {"title": "Old"}}]}"#
        + "\n"
        + #"{"ocid": "ocds-m", "id": "m-2", "date": "2025-01-02T00:00:00Z", "tender": {"status": "active"},"#
        + #" "parties": [{"id": "B", "name": "Eastmoor", "roles": ["buyer"]}]}"# + "\n"

    @Test func mixedOCDSVersionsAreRefusedUnlessAllowed() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let file = cli.dataDir.appendingPathComponent("mixed.json")
        try Data(Self.mixedVersions.utf8).write(to: file)
        let r = try cli.run(["ocds", "compile", file.path], dataDirFlag: false)
        #expect(r.status == 2)
        #expect(r.stdout == "")
        #expect(
            r.stderr.contains(
                "error: \(file.path):2: version error: this item uses OCDS 1.1, but earlier items used 1.0 "
                    + "(first at \(file.path):1)"), "\(r.stderr)")
        #expect(r.stderr.contains("--allow-mixed-versions"))
        let allowed = try cli.run(["ocds", "compile", "--allow-mixed-versions", file.path], dataDirFlag: false)
        #expect(allowed.status == 0, "\(allowed.stderr)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(allowed.stdout.utf8)) as? [String: Any])
        let record = try #require((json["records"] as? [[String: Any]])?.first)
        let tender = (record["compiledRelease"] as? [String: Any])?["tender"] as? [String: String]
        #expect(tender == ["title": "Old", "status": "active"])
    }

    @Test func importRefusesMixedOCDSVersionsAndSavesNothingUnlessAllowed() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let r = try cli.run(["import", "ocds", "-"], stdin: Self.mixedVersions)
        #expect(r.status == 2)
        #expect(
            r.stderr.contains(
                "error: -:2: version error: this item uses OCDS 1.1, but earlier items used 1.0 (first at -:1)"),
            "\(r.stderr)")
        #expect(r.stderr.contains("(nothing saved)"))
        let allowed = try cli.run(["import", "ocds", "--allow-mixed-versions", "-"], stdin: Self.mixedVersions)
        #expect(allowed.status == 0, "\(allowed.stderr)")
        // Nothing was saved by the refused run: the allowed one creates the record.
        #expect(allowed.stdout.contains("Records: 1 created, 0 updated, 0 unchanged"), "\(allowed.stdout)")
    }
}
