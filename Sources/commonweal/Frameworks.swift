import ArgumentParser
import Fluent
import Foundation
import SocialValue
import Storage

/// `commonweal frameworks import|export`: frameworks as JSON (a `FrameworkTree`), value sets as CSV.
struct Frameworks: AsyncParsableCommand {
    /// Whoever runs the command line holds the database, so the stores see them as the
    /// installation administrator (who edits every framework and sees every version).
    static let commandLineViewer = Viewer(userID: UUID(), isAdmin: true, memberships: [], compactSeats: [])

    static let configuration = CommandConfiguration(
        abstract: "Import and export frameworks (JSON) and proxy value sets (CSV).",
        subcommands: [Import.self, Export.self, List.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List frameworks, their versions and value sets.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await withApplication(database) { app, _ in
                let store = FrameworkStore(app.db)
                let (frameworks, _) = try await store.list(pageSize: 1000)
                if frameworks.isEmpty { print("No frameworks.") }
                for f in frameworks {
                    print("\(f.name)  [\(f.compact?.name ?? f.organisation?.name ?? "")]")
                    for v in try await store.versions(of: try f.requireID(), viewer: Frameworks.commandLineViewer) {
                        print("  version \(v.number)  \(v.statusRaw)  id \(try v.requireID())")
                        for s in try await ValueSetStore(app.db).sets(
                            of: try v.requireID(), viewer: Frameworks.commandLineViewer)
                        {
                            print("    value set ‘\(s.name)’  id \(s.id!)")
                        }
                    }
                }
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a framework from JSON, or a value set from CSV.",
            discussion: """
                A .json file is a framework tree (as `frameworks export` writes); it becomes version 1, a draft, \
                of a new framework owned by --compact or --organisation. A .csv file is a value set for \
                --version (columns: \(ValueSetCSV.columns.joined(separator: ","))); any problem in it, reported \
                by line and column, means nothing is saved.
                """)

        @Argument(help: "The file (.json or .csv), or - for standard input with --format.") var file: String
        @Option(help: "json or csv (default: from the file's extension).") var format: String?
        @Option(help: "Name of the new framework or value set.") var name: String
        @Option(help: "Owning Compact (exact name), for a framework.") var compact: String?
        @Option(help: "Owning public body (exact name), for a framework.") var organisation: String?
        @Option(help: "Review date of the new framework version, YYYY-MM-DD.") var reviewOn: String?
        @Option(help: "Framework version id, for a value set (see `frameworks list`).") var version: String?
        @Flag(help: "Mark the value set illustrative — not for decisions.") var illustrative = false
        @Option(help: "The value set's licence, like \"Open Government Licence v3.0\" (default: the licence column's).")
        var licenceName: String?
        @Option(help: "The licence's web address.") var licenceUrl: String?
        @Flag(help: "The licence permits redistribution (with --licence-name).") var permitsRedistribution = false
        @Flag(help: "The licence permits commercial use (with --licence-name).") var permitsCommercialUse = false
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let kind = format ?? (file.hasSuffix(".csv") ? "csv" : file.hasSuffix(".json") ? "json" : "")
            guard kind == "json" || kind == "csv" else { throw ValidationError("say --format json or --format csv") }
            let bytes: Data
            do {
                bytes =
                    file == "-"
                    ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: file))
            } catch {
                printError("cannot read \(file): \(error.localizedDescription)")
                throw ExitCode.failure
            }
            // Bytes that are not UTF-8 are refused, not replaced: a replacement character would be
            // saved in place of what the file held (standard input was read lossily before).
            guard let text = String(validating: Array(bytes), as: UTF8.self) else {
                printError("\(file) is not UTF-8 text: save it as UTF-8 (\"CSV UTF-8\" in a spreadsheet program)")
                throw ExitCode.failure
            }
            try await withApplication(database) { app, _ in
                if kind == "csv" {
                    guard let raw = version, let vid = UUID(uuidString: raw) else {
                        throw ValidationFailure(
                            "version", "Give --version with a framework version id (see `commonweal frameworks list`)")
                    }
                    do {
                        let sets = ValueSetStore(app.db)
                        let set = try await sets.create(
                            version: vid,
                            ValueSetInput(
                                name: name, illustrative: illustrative, csv: text, licenceName: licenceName,
                                licenceUrl: licenceUrl, permitsRedistribution: permitsRedistribution ? true : nil,
                                permitsCommercialUse: permitsCommercialUse ? true : nil),
                            viewer: Frameworks.commandLineViewer, by: .commandLine)
                        let id = try set.requireID()
                        let count = try await sets.entries(of: id, viewer: Frameworks.commandLineViewer).count
                        print("Imported value set ‘\(set.name)’ with \(count) values (id \(id)).")
                    } catch let f as ImportFailure {
                        for p in f.problems { printError("\(file): \(p)") }
                        throw ExitCode.failure
                    }
                } else {
                    let tree: FrameworkTree
                    do { tree = try FrameworkTree.read(json: text) } catch let f as ValidationFailure {
                        for e in f.errors { printError("\(file): \(e.field): \(e.message)") }
                        throw ExitCode.failure
                    }
                    let owner = try await ownerOf(app.db)
                    let (f, v) = try await FrameworkStore(app.db).create(
                        name: name, owner: owner, template: .imported, tree: tree,
                        reviewOn: reviewOn, viewer: Frameworks.commandLineViewer, by: .commandLine)
                    let vid = try v.requireID()
                    print(
                        "Imported ‘\(f.name)’ as version \(v.number), a draft, with \(tree.measureCount) measures (version id \(vid))."
                    )
                }
            }
        }

        func ownerOf(_ db: Database) async throws -> FrameworkOwner {
            switch (compact, organisation) {
            case (let c?, nil):
                guard let found = try await CompactModel.query(on: db).filter(\.$name == c).first() else {
                    throw ValidationFailure("compact", "No Compact is called ‘\(c)’")
                }
                return .compact(try found.requireID())
            case (nil, let o?):
                guard let found = try await OrganisationModel.query(on: db).filter(\.$name == o).first() else {
                    throw ValidationFailure("organisation", "No organisation is called ‘\(o)’")
                }
                return .organisation(try found.requireID())
            default:
                throw ValidationFailure("compact", "Give either --compact or --organisation")
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export a framework version as JSON, or a value set as CSV, to standard output.")

        @Option(help: "Framework version id: writes its tree as JSON.") var version: String?
        @Option(help: "Value set id: writes its values as CSV.") var valueSet: String?
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await withApplication(database) { app, _ in
                switch (version.flatMap(UUID.init(uuidString:)), valueSet.flatMap(UUID.init(uuidString:))) {
                case (let v?, nil):
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                    let tree = try await FrameworkStore(app.db).exportTree(v, viewer: Frameworks.commandLineViewer)
                    print(String(decoding: try encoder.encode(tree), as: UTF8.self))
                case (nil, let s?):
                    let csv = try await ValueSetStore(app.db).export(s, viewer: Frameworks.commandLineViewer)
                    FileHandle.standardOutput.write(Data(csv.utf8))
                default:
                    throw ValidationFailure(
                        "version", "Give --version ID or --value-set ID (ids from `commonweal frameworks list`)")
                }
            }
        }
    }
}
