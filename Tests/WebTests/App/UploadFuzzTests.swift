import Fluent
import Foundation
import SocialValue
import Storage
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

extension Browser {
    /// Posts a multipart form with text fields and one file of raw bytes (any bytes at all).
    func uploadBytes(
        _ path: String, fields: [String: String], fileField: String, filename: String, bytes: [UInt8],
        csrf override: String? = nil
    ) async throws -> TestingHTTPResponse {
        let boundary = "----cw-fuzz-boundary-5d1e0c"
        var body: [UInt8] = []
        var all = fields
        all["_csrf"] = override ?? csrf ?? ""
        for (k, v) in all.sorted(by: { $0.key < $1.key }) {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n".utf8)
        }
        body += Array(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(fileField)\"; filename=\"\(filename)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                .utf8)
        body += bytes + Array("\r\n--\(boundary)--\r\n".utf8)
        var headers = HTTPHeaders()
        if !cookies.isEmpty {
            headers.add(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        headers.add(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(bytes: body))
    }
}

/// The importers through the real upload forms (issue 19): fuzzed files (fixed seeds, `Fuzz`)
/// are saved as the core reads them, or refused (422, the problem's line named) with nothing
/// saved; and the control-character check on upload forms' text fields and on query strings.
@Suite struct UploadFuzzTests {
    static let valueSetSeeds: Range<UInt64> = 5_001..<5_101
    static let bidCSVSeeds: Range<UInt64> = 6_001..<6_061
    static let bidJSONSeeds: Range<UInt64> = 7_001..<7_061

    @Test func valueSetUploadFuzz() async throws {
        try await withDemoApp { app in
            let (_, _, draft) = try await demoVersions(app)
            let tree = try await FrameworkStore(app.db).exportTree(draft, viewer: anyVersion)
            var measures: [String: MeasureValuation] = [:]
            for m in tree.themes.flatMap(\.outcomes).flatMap(\.measures) { measures[m.code] = m.valuation }
            var valid = ValueSetCSV.columns.joined(separator: ",") + "\n"
            for (i, code) in measures.filter({ $0.value == .valued }).keys.sorted().enumerated() {
                valid += "\(code),\(10 + i).25,GBP,2024,\"DESNZ, table 3\",OGL v3.0,\n"
            }
            let member = Browser(app)
            try await member.signIn(Demo.groupMember)
            try await member.get("/value-sets/new?version=\(draft)")
            var (accepted, refused) = (0, 0)
            for c in Fuzz.csvCases(from: valid, seeds: Self.valueSetSeeds) {
                let sets = try await ValueSetModel.query(on: app.db).count()
                let entries = try await ValueSetEntryModel.query(on: app.db).count()
                let response = try await member.uploadBytes(
                    "/value-sets", fields: ["version": draft.uuidString, "name": "Fuzz \(c.seed)"],
                    fileField: "csvFile", filename: "values.csv", bytes: c.bytes)
                let html = response.body.string
                guard let text = c.text else {
                    #expect(response.status == .unprocessableEntity, "\(c)")
                    #expect(html.contains("The file is not UTF-8 text"), "\(c)")
                    #expect(try await ValueSetModel.query(on: app.db).count() == sets, "\(c)")
                    refused += 1
                    continue
                }
                // An empty file counts as none: the pasted text (none here) is read instead.
                let read = text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? "" : text
                do {
                    let values = try ValueSetCSV.parse(read, measures: measures)
                    accepted += 1
                    #expect(response.status == .seeOther, "\(response.status) — \(c)")
                    let set = try #require(
                        try await ValueSetModel.query(on: app.db).filter(\.$name == "Fuzz \(c.seed)").first())
                    let saved = try await ValueSetStore(app.db).entries(of: set.id!, viewer: anyVersion).map(\.proxy)
                    #expect(saved == values.sorted { $0.measureCode < $1.measureCode }, "\(c)")
                } catch let f as ImportFailure {
                    refused += 1
                    #expect(response.status == .unprocessableEntity, "\(response.status) — \(c)")
                    let first = f.problems[0]
                    #expect(html.contains("line \(first.line), column \(first.column):"), "\(first) — \(c)")
                    #expect(try await ValueSetModel.query(on: app.db).count() == sets, "\(c)")
                    #expect(try await ValueSetEntryModel.query(on: app.db).count() == entries, "\(c)")
                }
            }
            print("value set upload fuzz: \(Self.valueSetSeeds.count) cases, \(accepted) accepted, \(refused) refused")
            #expect(accepted > 5 && refused > 50)
        }
    }

    func bidUploadFuzz(json: Bool, seeds: Range<UInt64>) async throws {
        try await withDemoApp { app in
            let t = try await TenderPageTests.tender(TenderPageTests.open, app)
            let id = t.id!
            let kim = try await TenderPageTests.signedIn(TenderPageTests.kim, app)
            _ = try await kim.get("/tenders/\(id)/bid")
            let template = try await kim.get("/tenders/\(id)/bid/template.\(json ? "json" : "csv")").body.string
            /// The draft as saved, read back through the filled JSON template.
            func draft() async throws -> BidContent? {
                let filled = try await kim.get("/tenders/\(id)/bid/template.json").body.string
                return try? Bids.validate(
                    BidTemplate.parseJSON(filled, tender: id), config: t.configuration, isVCS: false)
            }
            let cases =
                json
                ? Fuzz.jsonCases(from: template, seeds: seeds) : Fuzz.csvCases(from: template, seeds: seeds)
            var (accepted, refused) = (0, 0)
            for c in cases {
                let before = try await draft()
                let response = try await kim.uploadBytes(
                    "/tenders/\(id)/bid/template", fields: [:], fileField: "file",
                    filename: json ? "bid.json" : "bid.csv", bytes: c.bytes)
                let expected: BidContent? = c.text.flatMap { text in
                    guard !text.isEmpty,
                        let input = json
                            ? try? BidTemplate.parseJSON(text, tender: id) : (try? BidTemplate.parseCSV(text))?.input
                    else { return nil }
                    return try? Bids.validate(input, config: t.configuration, isVCS: false)
                }
                if let expected {
                    accepted += 1
                    #expect(response.status == .seeOther, "\(response.status) — \(c)")
                    #expect(try await draft() == expected, "\(c)")
                } else {
                    refused += 1
                    #expect(response.status == .unprocessableEntity, "\(response.status) — \(c)")
                    // An empty file or one that is not UTF-8 is refused as a whole; any other
                    // problem names its place.
                    let place =
                        (c.text ?? "").isEmpty ? "a .json or .csv file in UTF-8" : json ? "$" : "line "
                    #expect(response.body.string.contains(place), "the problem names no place — \(c)")
                    #expect(try await draft() == before, "the draft changed — \(c)")
                }
            }
            print(
                "bid template upload (\(json ? "JSON" : "CSV")) fuzz: \(seeds.count) cases, \(accepted) accepted, \(refused) refused"
            )
            #expect(accepted > 5 && refused > 20)
        }
    }

    @Test func bidTemplateCSVUploadFuzz() async throws { try await bidUploadFuzz(json: false, seeds: Self.bidCSVSeeds) }

    @Test func bidTemplateJSONUploadFuzz() async throws {
        try await bidUploadFuzz(json: true, seeds: Self.bidJSONSeeds)
    }

    // MARK: Regression tests for what the fuzzing found

    /// The upload read the file as a lossy string: bytes that are not UTF-8 were saved as
    /// replacement characters. Now they are refused, and nothing is saved.
    @Test func aValueSetFileThatIsNotUTF8IsRefused() async throws {
        try await withDemoApp { app in
            let (_, _, draft) = try await demoVersions(app)
            let member = Browser(app)
            try await member.signIn(Demo.groupMember)
            try await member.get("/value-sets/new?version=\(draft)")
            let before = try await ValueSetModel.query(on: app.db).count()
            let latin1: [UInt8] =
                Array((ValueSetCSV.columns.joined(separator: ",") + "\nENV1,241,GBP,2024,DESNZ,OGL,caf").utf8) + [
                    0xE9, 0x0A,
                ]
            let response = try await member.uploadBytes(
                "/value-sets", fields: ["version": draft.uuidString, "name": "Latin-1"], fileField: "csvFile",
                filename: "values.csv", bytes: latin1)
            #expect(response.status == .unprocessableEntity)
            #expect(
                response.body.string.contains("The file is not UTF-8 text: save it as ‘CSV UTF-8’ and upload it again"))
            #expect(try await ValueSetModel.query(on: app.db).count() == before)
        }
    }

    // MARK: The control-character check on multipart text fields and query strings

    @Test func anUploadFormsTextFieldWithAControlCharacterShowsTheFormsOwnErrorSummary() async throws {
        try await withDemoApp { app in
            let (_, _, draft) = try await demoVersions(app)
            let member = Browser(app)
            try await member.signIn(Demo.groupMember)
            try await member.get("/value-sets/new?version=\(draft)")
            let before = try await ValueSetModel.query(on: app.db).count()
            let csv = Array((ValueSetCSV.columns.joined(separator: ",") + "\nENV1,241,GBP,2024,DESNZ,OGL,\n").utf8)
            let refused = try await member.uploadBytes(
                "/value-sets", fields: ["version": draft.uuidString, "name": "Bell\u{07}values"], fileField: "csvFile",
                filename: "values.csv", bytes: csv)
            #expect(refused.status == .unprocessableEntity)
            let html = refused.body.string
            #expect(html.contains("govuk-error-summary"))
            #expect(html.contains("<li><a href=\"#name\">\(TextCheckingDecoder.message)</a></li>"))
            #expect(html.contains("<h1 class=\"govuk-heading-l\">Add a value set</h1>"))
            #expect(try await ValueSetModel.query(on: app.db).count() == before)
            // Without its token, the same form is refused as forged.
            let forged = try await member.uploadBytes(
                "/value-sets", fields: ["version": draft.uuidString, "name": "Bell\u{07}values"], fileField: "csvFile",
                filename: "values.csv", bytes: csv, csrf: "forged")
            #expect(forged.status == .forbidden)
            // A control character inside the file is the importer's to report, by line and column.
            let inFile = try await member.uploadBytes(
                "/value-sets", fields: ["version": draft.uuidString, "name": "Nul values"], fileField: "csvFile",
                filename: "values.csv",
                bytes: Array(
                    (ValueSetCSV.columns.joined(separator: ",") + "\nENV1,241,GBP,2024,DESNZ,OGL,a\u{0}b\n").utf8))
            #expect(inFile.status == .unprocessableEntity)
            #expect(inFile.body.string.contains("line 2, column notes: Remove the control characters"))
            #expect(try await ValueSetModel.query(on: app.db).count() == before)
            // The same file without the control character is saved.
            let good = try await member.uploadBytes(
                "/value-sets", fields: ["version": draft.uuidString, "name": "Good values"], fileField: "csvFile",
                filename: "values.csv", bytes: csv)
            #expect(good.status == .seeOther)
            #expect(try await ValueSetModel.query(on: app.db).count() == before + 1)
        }
    }

    @Test func aQueryStringWithAControlCharacterIsRefusedNamingTheParameter() async throws {
        try await withDemoApp { app in
            let visitor = Browser(app)
            let page = try await visitor.get("/pipeline?q=bus%0Bstop")
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.string.contains("<li><code>q</code>: \(TextCheckingDecoder.message)</li>"))
            let api = try await visitor.api(.GET, "/api/v1/procurements?page=1&q=a%01b", token: nil)
            #expect(api.status == .unprocessableEntity)
            let problems =
                try #require(
                    try JSONSerialization.jsonObject(with: Data(api.body.readableBytesView)) as? [String: Any])[
                    "problems"]
                as? [[String: Any]]
            #expect(problems?.map { $0["field"] as? String } == ["q"])
            // A tab, a line break and ordinary text are not control characters here.
            #expect(try await visitor.get("/pipeline?q=bus%09stop").status == .ok)
            #expect(try await visitor.get("/pipeline?q=caf%C3%A9").status == .ok)
        }
    }
}
