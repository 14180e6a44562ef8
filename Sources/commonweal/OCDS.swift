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
            JSON array of them. Merges by the rules of the release schema (default: OCDS 1.1.5 patched with the \
            UK profile's extensions). Problems go to standard error, one a line, with the file and where; \
            unreadable input exits 2 with nothing printed. Input is held in memory (no streaming yet).
            """)

    @Option(help: "The release schema whose merge rules to use (default: the bundled 1.1.5 UK profile schema).")
    var schema: String?

    @Flag(help: "Add each record's versioned release.")
    var versioned = false

    @Flag(help: "List releases that came in a package with a uri as linked releases {url, date, tag}.")
    var linkedReleases = false

    @Flag(help: "Indent the output.")
    var pretty = false

    @Option(help: "Write the record package to this file instead of standard output.")
    var output: String?

    @Argument(help: "Files to read, or - for standard input.")
    var files: [String] = ["-"]

    func run() throws {
        let rules: MergeRules
        do {
            if let schema {
                guard let data = FileManager.default.contents(atPath: schema) else {
                    printError("cannot read the schema \(schema)")
                    throw ExitCode(2)
                }
                rules = try MergeRules(schemaData: data)
            } else {
                rules = try MergeRules.bundled()
            }
        } catch let e as JSONParseError {
            printError("\(schema ?? "schema"): \(e)")
            throw ExitCode(2)
        }
        var packager = RecordPackager()
        packager.versioned = versioned
        packager.linkedReleases = linkedReleases
        var problems: [String] = []
        for file in files {
            let data: Data
            if file == "-" {
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else if let contents = FileManager.default.contents(atPath: file) {
                data = contents
            } else {
                problems.append("\(file): cannot read the file")
                continue
            }
            do {
                let values = try JSONParser.parseSequence([UInt8](data), duplicateKeys: .keepLast)
                for (index, value) in values.enumerated() {
                    let items = value.array ?? [value]
                    for (position, item) in items.enumerated() {
                        do {
                            try packager.add(item)
                        } catch {
                            let place = value.isArray ? "value \(index), item \(position)" : "value \(index)"
                            problems.append("\(file): \(place): \(error)")
                        }
                    }
                }
            } catch {
                problems.append("\(file): \(error)")
            }
        }
        let package: JSONValue
        do {
            let result = try packager.package(merger: Merger(rules: rules))
            package = result.package
            for warning in result.warnings { FileHandle.standardError.write(Data(("warning: " + warning + "\n").utf8)) }
        } catch {
            problems.append("\(error)")
            package = .null
        }
        guard problems.isEmpty else {
            for p in problems { printError(p) }
            throw ExitCode(2)
        }
        let out = package.serializedData(pretty ? .pretty : .compact) + Data("\n".utf8)
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: out) else {
                printError("cannot write \(output)")
                throw ExitCode(2)
            }
        } else {
            FileHandle.standardOutput.write(out)
        }
    }
}
