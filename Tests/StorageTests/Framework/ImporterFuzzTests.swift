import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing

@testable import Storage

/// Fuzzing the framework importers (issue 19): valid files mutated by fixed seeds (`Fuzz`), each
/// read by the core parser and then through the store. Every input is either accepted, and what
/// is saved equals what the parser read, or refused with problems that name the line and column
/// (or the place in the tree), and nothing is saved. A failure prints its seed and input.
@Suite struct ImporterFuzzTests {
    static let valueSetSeeds: Range<UInt64> = 1..<401
    static let priceIndexSeeds: Range<UInt64> = 1_001..<1_201
    static let treeSeeds: Range<UInt64> = 2_001..<2_301

    /// Checks the problems of a refused CSV: each names a line of the file (1 to the number of
    /// lines) and a column of the format, or "-" for the whole line.
    static func checkProblems(_ f: ImportFailure, columns: [String], text: String, _ c: FuzzCase) {
        // Lines as an editor counts them: LF, CRLF and a lone CR each end one.
        let lineCount =
            text.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars.filter { $0 == "\n" || $0 == "\r" }
            .count + 1
        let misplaced = f.problems.filter {
            !(1...lineCount).contains($0.line) || !(columns.contains($0.column) || $0.column == "-")
                || $0.message.isEmpty
        }
        #expect(!f.problems.isEmpty && misplaced.isEmpty, "\(misplaced.prefix(3)) of \(lineCount) lines — \(c)")
    }

    static func counts(_ db: Database) async throws -> [Int] {
        [
            try await ValueSetModel.query(on: db).count(), try await ValueSetEntryModel.query(on: db).count(),
            try await AuditEventModel.query(on: db).count(),
        ]
    }

    @Test func valueSetCSVFuzz() async throws {
        try await withApp(.sqliteMemory) { app async throws in
            let (_, _, _, v1) = try await frameworkFixture(app.db)
            let sets = ValueSetStore(app.db)
            let measures = try await sets.measures(of: v1.id!, on: app.db)
            let valued = measures.filter { $0.value == .valued }.keys.sorted()
            var valid = valueHeader
            for (i, code) in valued.enumerated() {
                valid += "\(code),\(100 + i).50,GBP,2025,\"Source, with a comma\",OGL v3.0,note \(i)\n"
            }
            var (accepted, refused, notUTF8) = (0, 0, 0)
            for c in Fuzz.csvCases(from: valid, seeds: Self.valueSetSeeds) {
                // Bytes that are not UTF-8 never reach the parser: the CLI and the upload refuse them.
                guard let text = c.text else {
                    notUTF8 += 1
                    continue
                }
                let before = try await Self.counts(app.db)
                var parsed: [ProxyValue]?
                var failure: ImportFailure?
                do { parsed = try ValueSetCSV.parse(text, measures: measures) } catch let f as ImportFailure {
                    failure = f
                    Self.checkProblems(f, columns: ValueSetCSV.columns, text: text, c)
                } catch {
                    Issue.record("unexpected \(error) — \(c)")
                }
                do {
                    let set = try await sets.create(
                        version: v1.id!, ValueSetInput(name: "Fuzz \(c.seed)", illustrative: false, csv: text),
                        viewer: owner, by: .commandLine)
                    accepted += 1
                    let values = try #require(parsed, "the store accepted what the parser refused — \(c)")
                    for v in values {
                        #expect(!(v.source + v.licence + v.notes).unicodeScalars.contains(where: TextRules.isControl))
                    }
                    let saved = try await sets.entries(of: set.id!, viewer: owner).map(\.proxy)
                    #expect(saved == values.sorted { $0.measureCode < $1.measureCode }, "\(c)")
                    #expect(try await Self.counts(app.db)[0...1] == [before[0] + 1, before[1] + values.count])
                } catch let f as ImportFailure {
                    refused += 1
                    #expect(f == failure, "the store and the parser disagree — \(c)")
                    #expect(try await Self.counts(app.db) == before, "something was saved — \(c)")
                }
            }
            print(
                "value set CSV fuzz: \(Self.valueSetSeeds.count) cases, \(accepted) accepted, \(refused) refused, \(notUTF8) not UTF-8"
            )
            #expect(accepted > 10 && refused > 100)
        }
    }

    @Test func priceIndexCSVFuzz() async throws {
        try await withApp(.sqliteMemory) { app async throws in
            let (_, _, _, v1) = try await frameworkFixture(app.db)
            let sets = ValueSetStore(app.db)
            let set = try await sets.create(
                version: v1.id!, ValueSetInput(name: "Indexed", illustrative: false, csv: valueHeader), viewer: owner,
                by: .commandLine)
            let valid = "year,index\n2020,100\n2024,120.5\n2025,131.4\n"
            var (accepted, refused) = (0, 0)
            for c in Fuzz.csvCases(from: valid, seeds: Self.priceIndexSeeds) {
                guard let text = c.text else { continue }
                let before = try await sets.find(set.id!, viewer: owner).priceIndexJSON
                let events = try await AuditEventModel.query(on: app.db).count()
                var parsed: PriceIndex?
                do { parsed = try PriceIndex.parse(text) } catch let f as ImportFailure {
                    Self.checkProblems(f, columns: ["year", "index"], text: text, c)
                }
                do {
                    try await sets.setPriceIndex(set.id!, csv: text, viewer: owner, by: .commandLine)
                    accepted += 1
                    let index = try #require(parsed, "the store accepted what the parser refused — \(c)")
                    #expect(try await sets.find(set.id!, viewer: owner).priceIndex == index, "\(c)")
                } catch is ImportFailure {
                    refused += 1
                    #expect(parsed == nil, "\(c)")
                    #expect(try await sets.find(set.id!, viewer: owner).priceIndexJSON == before, "\(c)")
                    #expect(try await AuditEventModel.query(on: app.db).count() == events, "\(c)")
                }
            }
            print("price index CSV fuzz: \(Self.priceIndexSeeds.count) cases, \(accepted) accepted, \(refused) refused")
            #expect(accepted > 5 && refused > 50)
        }
    }

    @Test func frameworkJSONFuzz() async throws {
        try await withApp(.sqliteMemory) { app async throws in
            let (compact, _, _, v1) = try await frameworkFixture(app.db)
            let store = FrameworkStore(app.db)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let valid = String(
                decoding: try encoder.encode(try await store.exportTree(v1.id!, viewer: owner)), as: UTF8.self)
            var (accepted, refused) = (0, 0)
            for c in Fuzz.jsonCases(from: valid, seeds: Self.treeSeeds) {
                guard let text = c.text else { continue }
                let before = [
                    try await FrameworkModel.query(on: app.db).count(),
                    try await FrameworkMeasureModel.query(on: app.db).count(),
                    try await AuditEventModel.query(on: app.db).count(),
                ]
                func nothingSaved() async throws -> Bool {
                    [
                        try await FrameworkModel.query(on: app.db).count(),
                        try await FrameworkMeasureModel.query(on: app.db).count(),
                        try await AuditEventModel.query(on: app.db).count(),
                    ] == before
                }
                let tree: FrameworkTree
                do { tree = try FrameworkTree.read(json: text) } catch let f as ValidationFailure {
                    refused += 1
                    #expect(!f.errors.isEmpty && f.errors.allSatisfy { !$0.field.isEmpty && !$0.message.isEmpty })
                    // A syntax error names its line and column.
                    for e in f.errors where e.field == "$" && !e.message.hasPrefix("The file") {
                        #expect(e.message.hasPrefix("line "), "\(e) — \(c)")
                    }
                    // What decodes but breaks the rules is refused by the store too, saving nothing.
                    if (try? JSONReader.parse(text)) != nil,
                        let raw = try? JSONDecoder().decode(FrameworkTree.self, from: Data(text.utf8))
                    {
                        let again = await #expect(throws: ValidationFailure.self, "\(c)") {
                            try await store.create(
                                name: "Fuzz \(c.seed)", owner: .compact(compact), template: .imported, tree: raw,
                                reviewOn: "2027-06-01", viewer: owner, by: .commandLine)
                        }
                        #expect(again == f, "\(c)")
                    }
                    #expect(try await nothingSaved(), "\(c)")
                    continue
                } catch {
                    Issue.record("unexpected \(error) — \(c)")
                    continue
                }
                let (_, v) = try await store.create(
                    name: "Fuzz \(c.seed)", owner: .compact(compact), template: .imported, tree: tree,
                    reviewOn: "2027-06-01", viewer: owner, by: .commandLine)
                accepted += 1
                #expect(try await store.exportTree(v.id!, viewer: owner) == tree, "\(c)")
                #expect(try tree.validated() == tree, "read gives the tree as saved — \(c)")
            }
            print("framework JSON fuzz: \(Self.treeSeeds.count) cases, \(accepted) accepted, \(refused) refused")
            #expect(accepted > 10 && refused > 100)
        }
    }

    // MARK: Regression tests for what the fuzzing found

    @Test func aValueSetFileWithAByteOrderMarkIsRead() throws {
        let measures: [String: MeasureValuation] = ["ENV1": .valued]
        let values = try ValueSetCSV.parse(
            "\u{FEFF}" + valueHeader + "ENV1,241,GBP,2020,DESNZ,OGL,\n", measures: measures)
        #expect(values.map(\.measureCode) == ["ENV1"])
        #expect(try PriceIndex.parse("\u{FEFF}year,index\n2020,100\n").points == [2020: 100])
    }

    @Test func controlCharactersInAValueSetAreRefusedByLineAndColumn() {
        let measures: [String: MeasureValuation] = ["ENV1": .valued]
        let nul = #expect(throws: ImportFailure.self) {
            try ValueSetCSV.parse(valueHeader + "ENV1,241,GBP,2020,DESNZ,OGL,a\u{0}b\n", measures: measures)
        }
        #expect(
            nul?.problems == [
                ImportProblem(line: 2, column: "notes", message: "Remove the control characters (invisible characters)")
            ])
        let tab = #expect(throws: ImportFailure.self) {
            try ValueSetCSV.parse(valueHeader + "ENV1,241,GBP,2020,DES\u{0B}NZ,OGL,\n", measures: measures)
        }
        #expect(
            tab?.problems == [
                ImportProblem(
                    line: 2, column: "source", message: "Remove the control characters (invisible characters)")
            ])
    }

    @Test func aHugeLicenceIsRefused() {
        let licence = String(repeating: "L", count: 501)
        let refused = #expect(throws: ImportFailure.self) {
            try ValueSetCSV.parse(valueHeader + "ENV1,241,GBP,2020,DESNZ,\(licence),\n", measures: ["ENV1": .valued])
        }
        #expect(
            refused?.problems == [
                ImportProblem(line: 2, column: "licence", message: "The licence must be 500 characters or fewer")
            ])
    }

    /// The tree's texts are saved trimmed (as checked); a control character in the definition or
    /// an outcome's source is refused by place; duplicate keys are refused by line and column.
    @Test func anImportedTreeIsSavedAsCheckedAndItsControlCharactersRefused() throws {
        let measure = Measure(
            code: " ENV1 ", name: " Carbon ", description: "", unit: "tCO2e", valuation: .valued, evidence: "Meter",
            guidance: "")
        let tree = FrameworkTree(
            definition: "Good\u{0}",
            themes: [
                .init(
                    name: " Planet ", description: "",
                    outcomes: [.init(name: "Less carbon", description: "", source: "x\u{01}y", measures: [measure])])
            ])
        #expect(
            throws: ValidationFailure([
                FieldError("definition", "The local definition must not contain control characters"),
                FieldError("themes.1.outcomes.1.source", "The source must not contain control characters"),
            ])
        ) { try tree.validated() }
        var clean = tree
        clean.definition = " Good "
        clean.themes[0].outcomes[0].source = "xy"
        let saved = try clean.validated()
        #expect(saved.definition == "Good")
        #expect(saved.themes[0].name == "Planet")
        #expect(saved.themes[0].outcomes[0].measures[0].code == "ENV1")
        #expect(saved.themes[0].outcomes[0].measures[0].name == "Carbon")
        #expect(
            throws: ValidationFailure("$", "line 2, column 14: the field \"definition\" appears twice")
        ) { try FrameworkTree.read(json: "{\"definition\": \"a\", \"themes\": [],\n \"definition\": \"b\"}") }
        #expect(throws: ValidationFailure("themes.1.outcomes", "Missing: every property is required")) {
            try FrameworkTree.read(json: #"{"definition": "a", "themes": [{"name": "T", "description": ""}]}"#)
        }
    }
}
