import Foundation
import TestSupport
import Testing

/// `commonweal evaluate`; reading files and standard input is in CalculationCommandTests.
@Suite struct EvaluateCommandTests {
    static let document = CalculationExamples.evaluation

    @Test func printsTheSpecRanking() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let r = try cli.run(["evaluate", "-"], stdin: Self.document, dataDirFlag: false)
        #expect(r.status == 0)
        #expect(r.stderr == "")
        let json = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let ranking = try #require(json["ranking"] as? [[String: Any]])
        // B 40 × 100000/105000 = 38.10 + 40.00 + 6.00 = 84.10; A 40 + 30 + 10 = 80.00; C 33.33 + 35 + 4 = 72.33
        #expect(ranking.map { $0["bidder"] as? String } == ["B", "A", "C"])
        #expect(ranking.map { $0["total"] as? String } == ["84.10", "80.00", "72.33"])
        #expect(ranking.map { $0["rank"] as? Int } == [1, 2, 3])
        #expect((json["warnings"] as? [Any])?.isEmpty == true)
    }

    @Test func badInputExitsTwoWithOneLinePerProblemAndNothingOnStandardOutput() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let bad = Self.document.replacingOccurrences(of: "\"105000.00\"", with: "\"0\"")
            .replacingOccurrences(of: "\"socialValue\": 10", with: "\"socialValue\": 5")
            .replacingOccurrences(of: "{\"VCSE-SPEND\": \"60000\"}", with: "{\"JOBS\": \"2\"}")
        let r = try cli.run(["evaluate", "-"], stdin: bad, dataDirFlag: false)
        #expect(r.status == 2)
        #expect(r.stdout == "")
        #expect(
            r.stderr.split(separator: "\n").map(String.init) == [
                "error: $.weights: must total 100 (they total 95)",
                "error: $.bids[1].price: must be greater than 0",
                "error: $.bids[2].commitments.JOBS: is not a measure code of socialValue.measures",
            ])
    }
}
