import Foundation
import TestSupport
import Testing

@Suite struct ScreenCommandTests {
    static let document = CalculationExamples.screening

    @Test func printsTheScreeningResult() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let r = try cli.run(["screen", "-"], stdin: Self.document, dataDirFlag: false)
        #expect(r.status == 0)
        let json = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["actApplies"] as? Bool == true)
        #expect(json["regime"] as? String == "procurement-act-2023")
        #expect(json["comparedValue"] as? String == "250000.00")
        #expect((json["threshold"] as? [String: Any])?["amount"] as? String == "207720.00")
    }

    @Test func badInputExitsTwoWithOneLinePerProblemAndNothingOnStandardOutput() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let bad = Self.document.replacingOccurrences(of: "\"250000.00\"", with: "\"-5\"")
            .replacingOccurrences(of: "\"sub-central\"", with: "\"parish\"")
            .replacingOccurrences(of: "\"lightTouch\"", with: "\"lightTuch\"")
        let r = try cli.run(["screen", "-"], stdin: bad, dataDirFlag: false)
        #expect(r.status == 2)
        #expect(r.stdout == "")
        #expect(
            r.stderr.split(separator: "\n").map(String.init) == [
                #"error: $.authorityType: must be one of "central-government", "sub-central""#,
                "error: $.contract.lightTuch: is not a known field",
                "error: $.contract.lightTouch: is required",
                "error: $.contract.value: must not be negative",
            ])
    }
}
