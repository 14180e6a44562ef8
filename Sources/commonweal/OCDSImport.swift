import ArgumentParser
import Foundation
import OCDS
import SocialValue
import Storage

/// `commonweal import …`: bringing data in from other systems.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import data published by other systems.",
        subcommands: [ImportOCDS.self])
}

/// `commonweal import ocds`: buyers, suppliers, procurements, tenders, awards and contracts from OCDS
/// releases (docs/ocds.md, "commonweal import ocds").
struct ImportOCDS: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ocds",
        abstract: "Import OCDS releases: buyers, suppliers, procurements, awards and contracts.",
        discussion: """
            Reads the same input as `ocds compile` (release packages, bare releases, JSON lines, \
            concatenated JSON, gzip or not), compiles each ocid's releases and stores the result, \
            committing every --batch-size records in one transaction: a run that is stopped loses at most \
            the open batch, and running it again resumes (records already imported are unchanged). A \
            release that cannot be used is reported as `error: FILE:LINE: POINTER: message` and left out. \
            Input mixing OCDS 1.0 and 1.1 items is refused, as ocdskit does, unless --allow-mixed-versions.

            Exit status: 0 every release imported; 1 some were reported and left out; 2 a file cannot be \
            read, the input mixes OCDS versions, or --strict met a problem (nothing saved); 64 a usage error.
            """)

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Read, compile and match everything, print the summary, and save nothing.")
    var dryRun = false

    @Flag(help: "Stop at the first problem with exit status 2, saving nothing.")
    var strict = false

    @Flag(help: "Import input that mixes OCDS 1.0 and 1.1 items, merging them all by the 1.1 rules.")
    var allowMixedVersions = false

    @Option(help: "Records committed in one transaction (1–10000).")
    var batchSize = 100

    @Argument(help: "Files to read, or - for standard input.")
    var files: [String] = ["-"]

    func validate() throws {
        guard (1...10_000).contains(batchSize) else { throw ValidationError("--batch-size must be from 1 to 10000") }
    }

    func run() async throws {
        let rules: MergeRules
        do { rules = try MergeRules.bundled() } catch {
            printError("cannot read the bundled release schema: \(error)")
            throw ExitCode(2)
        }
        var inputs: [(file: String, bytes: [UInt8])] = []
        for file in files { inputs.append((file, try OCDSInput.read(file))) }
        let source = files.map { $0 == "-" ? "standard input" : ($0 as NSString).lastPathComponent }
            .joined(separator: ", ")
        let plan = try OCDSImportPlan(inputs, rules: rules, strict: strict, source: source)
        if plan.stopped {
            printError((plan.problems.first?.description ?? "a problem") + " (--strict: nothing saved)")
            throw ExitCode(2)
        }
        if let mix = plan.versionMix, !allowMixedVersions {
            printError(mix.description + OCDSCompile.mixAdvice + " (nothing saved)")
            throw ExitCode(2)
        }
        for p in plan.problems { printError(p.description) }
        for warning in plan.warnings { FileHandle.standardError.write(Data(("warning: " + warning + "\n").utf8)) }
        let showProgress = isatty(2) == 1
        let summary = try await withApplication(database) { app, _ in
            try await OCDSImportStore(app.db).run(
                plan, batchSize: batchSize, dryRun: dryRun, viewer: .commandLine, by: .commandLine
            ) { done, total in
                guard showProgress else { return }
                let percent = done * 100 / max(1, total)
                let bar = String(repeating: "#", count: percent / 5) + String(repeating: ".", count: 20 - percent / 5)
                FileHandle.standardError.write(Data("\r[\(bar)] \(done)/\(total) records".utf8))
                if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
            }
        }
        print("Releases read: \(plan.releasesTaken + plan.problems.count) (\(plan.problems.count) left out)")
        print(
            "Records: \(summary.created) created, \(summary.updated) updated, \(summary.unchanged) unchanged"
                + (dryRun ? " (dry run: nothing saved)" : ""))
        print("Organisations created: \(summary.organisationsCreated)")
        print("Problems: \(plan.problems.count)")
        for p in plan.problems { print("  " + p.description) }
        print("Data quality findings: \(plan.findings.count)")
        for f in plan.findings { print("  " + f.description) }
        if !plan.problems.isEmpty { throw ExitCode(1) }
    }
}
