import ArgumentParser
import Foundation
import OCDS

/// `commonweal ocds …`: Open Contracting Data Standard tools, offline, with no database (docs/ocds.md).
struct OCDSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ocds",
        abstract: "Open Contracting Data Standard (OCDS 1.1.5) tools.",
        subcommands: [OCDSCompile.self])
}

/// `commonweal ocds compile`: merges releases into records, like `ocdskit compile --package`.
struct OCDSCompile: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile",
        abstract: "Merge OCDS releases by ocid and print a record package.",
        discussion: """
            Reads release packages and bare releases: one JSON document, JSON lines, concatenated JSON, or a \
            JSON array of them; a file ending .gz, or gzip data on standard input, is decompressed with \
            `gzip -dc`. Merges by the rules of the release schema (default: OCDS 1.1.5 patched with the UK \
            profile's extensions). Input is held in memory (no streaming yet).

            A release that cannot be used (not JSON, no ocid, id or date, or a value that cannot be merged \
            with the earlier releases of its ocid) is reported on standard error as \
            `error: FILE:LINE: /releases/3/date: message` (LINE: where its JSON value starts) and left out; \
            the others are compiled and printed. Input mixing OCDS 1.0 and 1.1 items (a package's `version`; \
            a bare release is 1.1 if it has `parties`) is refused, as ocdskit does, unless \
            --allow-mixed-versions, which merges them all by the 1.1 rules.

            Exit status: 0 all releases compiled; 1 some were reported and left out (the record package of \
            the rest is still printed); 2 nothing printed: a file or the schema cannot be read or \
            decompressed, the input mixes OCDS versions, the output cannot be written, or --strict met a \
            problem; 64 a usage error.
            """)

    @Option(help: "The release schema whose merge rules to use (default: the bundled 1.1.5 UK profile schema).")
    var schema: String?

    @Flag(help: "Add each record's versioned release.")
    var versioned = false

    @Flag(help: "List releases that came in a package with a uri as linked releases {url, date, tag}.")
    var linkedReleases = false

    @Flag(help: "Stop at the first problem with exit status 2, printing nothing.")
    var strict = false

    @Flag(help: "Compile input that mixes OCDS 1.0 and 1.1 items, merging them all by the 1.1 rules.")
    var allowMixedVersions = false

    @Flag(help: "Indent the output.")
    var pretty = false

    @Option(help: "Write the record package to this file instead of standard output.")
    var output: String?

    @Argument(help: "Files to read, or - for standard input.")
    var files: [String] = ["-"]

    func run() throws {
        let rules = try loadRules()
        var packager = RecordPackager()
        packager.versioned = versioned
        packager.linkedReleases = linkedReleases
        var problems: [ReleaseProblem] = []
        func report(_ found: [ReleaseProblem]) throws {
            guard let first = found.first else { return }
            if strict {
                printError(first.description)
                throw ExitCode(2)
            }
            problems += found
            for p in found { printError(p.description) }
        }
        for file in files {
            try report(packager.addDocuments(try OCDSInput.read(file), file: file))
        }
        if let mix = packager.versionMix, !allowMixedVersions {
            printError(mix.description + Self.mixAdvice)
            throw ExitCode(2)
        }
        let result = try packager.package(merger: Merger(rules: rules))
        try report(result.problems)
        for warning in result.warnings { FileHandle.standardError.write(Data(("warning: " + warning + "\n").utf8)) }
        let out = result.package.serializedData(pretty ? .pretty : .compact) + Data("\n".utf8)
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: out) else {
                printError("cannot write \(output)")
                throw ExitCode(2)
            }
        } else {
            FileHandle.standardOutput.write(out)
        }
        if !problems.isEmpty { throw ExitCode(1) }
    }

    /// What to do about input that mixes OCDS versions (docs/ocds.md).
    static let mixAdvice =
        "; upgrade the 1.0 items first (e.g. `ocdskit upgrade 1.0:1.1`) or pass --allow-mixed-versions to merge "
        + "them all by the 1.1 rules"

    private func loadRules() throws -> MergeRules {
        do {
            guard let schema else { return try MergeRules.bundled() }
            guard let data = FileManager.default.contents(atPath: schema) else {
                printError("cannot read the schema \(schema)")
                throw ExitCode(2)
            }
            return try MergeRules(schemaData: data)
        } catch let e as JSONParseError {
            printError("\(schema ?? "schema"): \(e)")
            throw ExitCode(2)
        }
    }
}
