import Foundation
import TestSupport
import Testing

/// What every calculation document command (`screen`, `evaluate`, `sroi`) does alike: a file or standard
/// input, no database, and exit 2 with nothing on standard output for input it cannot use.
@Suite struct CalculationCommandTests {
    @Test(arguments: [
        ("screen", CalculationExamples.screening), ("evaluate", CalculationExamples.evaluation),
        ("sroi", CalculationExamples.sroi),
    ])
    func readsAFileOrStandardInputWithNoDatabase(command: String, document: String) throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let file = cli.dataDir.appendingPathComponent("\(command).json")
        try FileManager.default.createDirectory(at: cli.dataDir, withIntermediateDirectories: true)
        try document.write(to: file, atomically: true, encoding: .utf8)
        let fromFile = try cli.run([command, file.path], dataDirFlag: false)
        #expect(fromFile.status == 0)
        #expect(fromFile.stderr == "")
        #expect(fromFile.stdout.hasPrefix("{\n") && fromFile.stdout.hasSuffix("}\n"))
        let fromStdin = try cli.run([command, "-"], stdin: document, dataDirFlag: false)
        #expect(fromStdin.status == 0)
        #expect(fromStdin.stdout == fromFile.stdout)
        #expect(!FileManager.default.fileExists(atPath: cli.databasePath))
    }

    @Test(arguments: ["screen", "evaluate", "sroi"])
    func malformedInputAndMissingFilesExitTwo(command: String) throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let malformed = try cli.run([command, "-"], stdin: "{", dataDirFlag: false)
        #expect(malformed.status == 2)
        #expect(malformed.stdout == "")
        #expect(malformed.stderr.hasPrefix("error: $: malformed JSON"))
        let missing = try cli.run([command, "/no/such/file.json"], dataDirFlag: false)
        #expect(missing.status == 2)
        #expect(missing.stdout == "")
        #expect(missing.stderr == "error: $: cannot read the file /no/such/file.json\n")
    }
}
