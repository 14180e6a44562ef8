import Foundation
import Testing

/// `commonweal import ocds` (docs/ocds.md): the summary, idempotence, dry run, problems and exit status.
/// The import itself is tested in StorageTests (`OCDSImportStoreTests`).
@Suite struct OCDSImportCommandTests {
    static let fictional = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../OCDSTests/Fixtures/fictional-release-package.json").standardized.path
    static let release =
        #"{"ocid": "ocds-a", "id": "a-1", "date": "2025-01-01T00:00:00Z", "buyer": {"id": "B"}, "tender": {"title": "A1"},"#
        + #" "parties": [{"id": "B", "name": "Eastmoor County Council", "roles": ["buyer"]}]}"#

    @Test func importsOnceThenFindsTheRecordUnchanged() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let first = try cli.run(["import", "ocds", Self.fictional])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Releases read: 6 (0 left out)"), "\(first.stdout)")
        #expect(first.stdout.contains("Records: 1 created, 0 updated, 0 unchanged"))
        #expect(first.stdout.contains("Organisations created: 2"))
        #expect(first.stdout.contains("Problems: 0"))
        let again = try cli.run(["import", "ocds", Self.fictional])
        #expect(again.status == 0)
        #expect(again.stdout.contains("Records: 0 created, 0 updated, 1 unchanged"), "\(again.stdout)")
        #expect(again.stdout.contains("Organisations created: 0"))
    }

    @Test func aDryRunSavesNothing() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let dry = try cli.run(["import", "ocds", "--dry-run", Self.fictional])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("Records: 1 created, 0 updated, 0 unchanged (dry run: nothing saved)"))
        let real = try cli.run(["import", "ocds", Self.fictional])
        #expect(real.stdout.contains("Records: 1 created, 0 updated, 0 unchanged"), "\(real.stdout)")
    }

    @Test func badReleasesAreReportedAndTheRestImported() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let r = try cli.run(["import", "ocds", "-"], stdin: Self.release + "\n{not json\n")
        #expect(r.status == 1)
        #expect(r.stderr.contains("error: -:2: Not JSON: "), "\(r.stderr)")
        #expect(r.stdout.contains("Releases read: 2 (1 left out)"), "\(r.stdout)")
        #expect(r.stdout.contains("Records: 1 created"))
        #expect(r.stdout.contains("Data quality findings: 1"))
        #expect(r.stdout.contains("ocds-a: party without identifier: Eastmoor County Council"))
    }

    @Test func strictStopsAtTheFirstProblemAndSavesNothing() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let r = try cli.run(["import", "ocds", "--strict", "-"], stdin: Self.release + "\n{\"ocid\": \"b\"}\n")
        #expect(r.status == 2)
        #expect(r.stderr.contains("error: -:2: /id: The release has no `id` (--strict: nothing saved)"), "\(r.stderr)")
        let after = try cli.run(["import", "ocds", "-"], stdin: Self.release + "\n")
        #expect(after.stdout.contains("Records: 1 created"), "\(after.stdout)")
    }

    @Test func aBadBatchSizeIsAUsageError() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let r = try cli.run(["import", "ocds", "--batch-size", "0", "-"], stdin: "")
        #expect(r.status == 64)
    }
}
