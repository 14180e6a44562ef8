import Foundation
import TestSupport
import Testing

/// `commonweal sroi`; reading files and standard input is in CalculationCommandTests.
@Suite struct SROICommandTests {
    static let document = CalculationExamples.sroi

    @Test func printsTheSpecResult() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let r = try cli.run(["sroi", "-"], stdin: Self.document, dataDirFlag: false)
        #expect(r.status == 0)
        #expect(r.stderr == "")
        let json = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        // calculations.md §3: PV 62417.39 + 42214.66 + 28550.98 = 133183.03; NPV 33183.03; ratio 1.33
        let years = try #require(json["years"] as? [[String: Any]])
        #expect(years.map { $0["presentValue"] as? String } == ["62417.39", "42214.66", "28550.98"])
        #expect(json["presentValue"] as? String == "133183.03")
        #expect(json["netPresentValue"] as? String == "33183.03")
        #expect(json["ratio"] as? String == "1.33")
        #expect((json["scenarios"] as? [Any])?.isEmpty == true)
        #expect(json["payback"] == nil)
        #expect(json["tornado"] == nil)
    }

    @Test func detailFullAddsPaybackAndTheTornadoTable() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let r = try cli.run(["sroi", "--detail", "full", "-"], stdin: Self.document, dataDirFlag: false)
        #expect(r.status == 0)
        let json = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["ratio"] as? String == "1.33")
        // 1 + (100000 − 62417.39) / 42214.66 = 1.89
        let payback = try #require(json["payback"] as? [String: Any])
        #expect(payback["years"] as? String == "1.89")
        let tornado = try #require(json["tornado"] as? [[String: Any]])
        let rows = try #require(tornado.first?["rows"] as? [[String: Any]])
        // Largest swing first: proxy 1.33, deadweight 0.44, drop-off 0.43, attribution 0.33.
        #expect(rows.map { $0["parameter"] as? String } == ["proxy", "deadweight", "dropOff", "attribution"])
        let bad = try cli.run(["sroi", "--detail", "most", "-"], stdin: Self.document, dataDirFlag: false)
        #expect(bad.status != 0)
        #expect(bad.stdout == "")
    }

    @Test func badInputExitsTwoWithOneLinePerProblemAndNothingOnStandardOutput() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let bad = Self.document.replacingOccurrences(of: "\"100000.00\"", with: "\"0\"")
            .replacingOccurrences(of: "\"deadweight\": \"0.25\"", with: "\"deadweight\": \"1.25\"")
            .replacingOccurrences(of: "\"sensitivity\": null", with: "\"sensitivity\": null, \"colour\": 1")
        let r = try cli.run(["sroi", "-"], stdin: bad, dataDirFlag: false)
        #expect(r.status == 2)
        #expect(r.stdout == "")
        #expect(
            r.stderr.split(separator: "\n").map(String.init) == [
                "error: $.colour: is not a known field",
                "error: $.investment: must be greater than 0",
                "error: $.outcomes[0].deadweight: must be between 0 and 1",
            ])
    }
}
