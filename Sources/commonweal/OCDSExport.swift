import ArgumentParser
import Foundation
import OCDS
import Storage

/// `commonweal export …`: open data out of the database.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export published data as open data.", subcommands: [OCDSExportCommand.self])
}

/// `commonweal export ocds`: the published procurements as OCDS 1.1.5 releases with the Procurement
/// Act 2023 notices (docs/ocds.md, "Export").
struct OCDSExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ocds",
        abstract: "Print the published procurements as an OCDS release package (or record package, or JSON lines).",
        discussion: """
            Only published data: the pipeline, market engagement, published tenders and their cancellation, \
            awards, contracts with their social value commitments, deliveries the buyer verified and decided \
            decommissioning cases that ended a contract. Drafts, bids, unverified returns and people's names \
            never appear. The ocid prefix is COMMONWEAL_OCID_PREFIX (default \(OCDSExportMapping.defaultOCIDPrefix)); \
            the package uri is built on COMMONWEAL_PUBLIC_URL. Two exports of the same data give the same bytes.
            """)

    @ArgumentParser.Option(help: "Only the procurements of this buying body (its id).")
    var body: String?

    @ArgumentParser.Option(help: "Only releases dated on or after this day (YYYY-MM-DD).")
    var from: String?

    @ArgumentParser.Option(help: "Only releases dated on or before this day (YYYY-MM-DD).")
    var to: String?

    @Flag(help: "Print a record package (releases compiled by ocid) instead of a release package.")
    var records = false

    @Flag(help: "Print one release a line (JSON lines) instead of a package.")
    var jsonl = false

    @Flag(help: "Indent the package.")
    var pretty = false

    @ArgumentParser.Option(help: "Write to this file instead of standard output.")
    var output: String?

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        for (name, day) in [("--from", from), ("--to", to)] {
            if let day, day.count != 10 || !day.allSatisfy({ $0.isNumber || $0 == "-" }) {
                throw ValidationError("\(name) must be a day as YYYY-MM-DD, not ‘\(day)’")
            }
        }
        if let body, UUID(uuidString: body) == nil {
            throw ValidationError("--body must be an organisation's id (a UUID), not ‘\(body)’")
        }
        if records && jsonl { throw ValidationError("--records and --jsonl cannot be used together") }
        if Self.ocidPrefix.isEmpty || Self.ocidPrefix.contains(where: { $0 == " " || $0 == "/" }) {
            throw ValidationError("COMMONWEAL_OCID_PREFIX must be a prefix without spaces or slashes")
        }
    }

    static var ocidPrefix: String {
        ProcessInfo.processInfo.environment["COMMONWEAL_OCID_PREFIX"].flatMap { $0.isEmpty ? nil : $0 }
            ?? OCDSExportMapping.defaultOCIDPrefix
    }

    func run() async throws {
        let onTerminal = isatty(STDERR_FILENO) == 1
        let procurements = try await withApplication(database, auditKey: .notNeeded) { app, _ in
            try await OCDSExportReader(app.db).procurements(body: body.flatMap(UUID.init(uuidString:)), viewer: nil)
        }
        let mapping = OCDSExportMapping(ocidPrefix: Self.ocidPrefix)
        var releases: [JSONValue] = []
        for (n, p) in procurements.enumerated() {
            releases += mapping.releases(p)
            if onTerminal {
                FileHandle.standardError.write(Data("\rprocurements: \(n + 1)/\(procurements.count)".utf8))
            }
        }
        if onTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
        releases = OCDSExportPackage.select(releases, from: from, to: to)
        let base = ProcessInfo.processInfo.environment["COMMONWEAL_PUBLIC_URL"].flatMap { $0.isEmpty ? nil : $0 }
        let publication = OCDSExportPackage.Publication(
            publisherName: "Commonweal", baseURL: base ?? "http://localhost:8080")
        let data: Data
        if jsonl {
            data = OCDSExportPackage.jsonLines(releases)
        } else {
            var package = OCDSExportPackage.releasePackage(releases, publication)
            if records {
                package = try OCDSExportPackage.recordPackage(package, merger: Merger(rules: MergeRules.bundled()))
            }
            data = package.serializedData(pretty ? .pretty : .compact) + Data("\n".utf8)
        }
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: data) else {
                printError("cannot write \(output)")
                throw ExitCode(2)
            }
        } else {
            FileHandle.standardOutput.write(data)
        }
        if onTerminal {
            FileHandle.standardError.write(
                Data("Exported \(releases.count) releases of \(procurements.count) procurements.\n".utf8))
        }
    }
}
