import Foundation
import SocialValue
import TestSupport
import Testing

/// `commonweal frameworks import` given fuzzed files (fixed seeds, `Fuzz`; few, as each is a run
/// of the real binary): each is imported as the core reads it, or refused (exit 1, the problem's
/// line and column or place on standard error) with nothing saved.
@Suite struct ImportFuzzCommandTests {
    static let csvSeeds: Range<UInt64> = 8_001..<8_016
    static let jsonSeeds: Range<UInt64> = 9_001..<9_011

    /// Runs the binary with its output in files: a refused fuzzed file can fill standard error
    /// past a pipe's buffer, which `CLI.run` (reading standard output first) would wait on forever.
    func run(_ cli: CLI, _ args: [String]) throws -> CLI.Result {
        let out = cli.dataDir.appendingPathComponent("out.txt")
        let err = cli.dataDir.appendingPathComponent("err.txt")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = args + ["--data-dir", cli.dataDir.path]
        process.environment = cli.environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return CLI.Result(
            status: process.terminationStatus, stdout: try String(contentsOf: out, encoding: .utf8),
            stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }

    func versionID(_ cli: CLI) throws -> String {
        let list = try cli.run(["frameworks", "list"]).stdout
        let line = try #require(list.split(separator: "\n").first { $0.contains("version 1  adopted") })
        return String(line.split(separator: " ").last!)
    }

    @Test func valueSetImportFuzz() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.run(["demo"])
        let version = try versionID(cli)
        let tree = try FrameworkTree.read(json: try cli.run(["frameworks", "export", "--version", version]).stdout)
        var measures: [String: MeasureValuation] = [:]
        for m in tree.themes.flatMap(\.outcomes).flatMap(\.measures) { measures[m.code] = m.valuation }
        var valid = ValueSetCSV.columns.joined(separator: ",") + "\n"
        for (i, code) in measures.filter({ $0.value == .valued }).keys.sorted().enumerated() {
            valid += "\(code),\(5 + i).75,GBP,2024,\"ONS, series 7\",OGL v3.0,checked\n"
        }
        let file = cli.dataDir.appendingPathComponent("fuzz.csv")
        for c in Fuzz.csvCases(from: valid, seeds: Self.csvSeeds) {
            try Data(c.bytes).write(to: file)
            let name = "Fuzz \(c.seed)"
            let run = try run(cli, ["frameworks", "import", file.path, "--name", name, "--version", version])
            guard let text = c.text else {
                #expect(run.status == 1 && run.stderr.contains("is not UTF-8 text"), "\(run.stderr) — \(c)")
                #expect(!(try cli.run(["frameworks", "list"]).stdout.contains("‘\(name)’")), "\(c)")
                continue
            }
            do {
                let values = try ValueSetCSV.parse(text, measures: measures)
                #expect(run.status == 0, "\(run.stderr) — \(c)")
                #expect(run.stdout.hasPrefix("Imported value set ‘\(name)’ with \(values.count) values"), "\(c)")
                let id = String(
                    run.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ").last!.dropLast(2))
                let exported = try cli.run(["frameworks", "export", "--value-set", id]).stdout
                #expect(exported == ValueSetCSV.export(values.sorted { $0.measureCode < $1.measureCode }), "\(c)")
            } catch let f as ImportFailure {
                #expect(run.status == 1, "\(c)")
                #expect(run.stderr.contains("error: \(file.path): \(f.problems[0])"), "\(run.stderr) — \(c)")
                #expect(!(try cli.run(["frameworks", "list"]).stdout.contains("‘\(name)’")), "\(c)")
            }
        }
    }

    @Test func frameworkImportFuzz() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.run(["demo"])
        let valid = try cli.run(["frameworks", "export", "--version", try versionID(cli)]).stdout
        let file = cli.dataDir.appendingPathComponent("fuzz.json")
        for c in Fuzz.jsonCases(from: valid, seeds: Self.jsonSeeds) {
            try Data(c.bytes).write(to: file)
            let name = "Fuzz \(c.seed)"
            let run = try run(
                cli,
                [
                    "frameworks", "import", file.path, "--name", name, "--organisation", "Saltmarsh District Council",
                    "--review-on", "2027-06-01",
                ])
            guard let text = c.text else {
                #expect(run.status == 1 && run.stderr.contains("is not UTF-8 text"), "\(run.stderr) — \(c)")
                continue
            }
            do {
                let tree = try FrameworkTree.read(json: text)
                #expect(run.status == 0, "\(run.stderr) — \(c)")
                #expect(run.stdout.contains("with \(tree.measureCount) measures"), "\(c)")
            } catch let f as ValidationFailure {
                #expect(run.status == 1, "\(c)")
                let first = f.errors[0]
                #expect(run.stderr.contains("\(first.field): \(first.message)"), "\(run.stderr) — \(c)")
                #expect(!(try cli.run(["frameworks", "list"]).stdout.contains(name)), "\(c)")
            }
        }
    }

    /// Standard input was read lossily: bytes that were not UTF-8 were imported as replacement
    /// characters. Now they are refused, as a file's are.
    @Test func standardInputThatIsNotUTF8IsRefused() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.run(["demo"])
        let version = try versionID(cli)
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = [
            "frameworks", "import", "-", "--format", "csv", "--name", "Latin", "--version", version, "--data-dir",
            cli.dataDir.path,
        ]
        process.environment = cli.environment
        let input = Pipe()
        let err = Pipe()
        process.standardInput = input
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        input.fileHandleForWriting.write(
            Data((ValueSetCSV.columns.joined(separator: ",") + "\nENV1,241,GBP,2024,DESNZ,OGL,caf").utf8) + Data([0xE9])
        )
        try input.fileHandleForWriting.close()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(stderr.contains("- is not UTF-8 text"))
        #expect(!(try cli.run(["frameworks", "list"]).stdout.contains("‘Latin’")))
    }
}
