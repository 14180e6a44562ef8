import Foundation
import TestSupport
import Testing

@Suite struct ScreenCommandTests {
    static let document = """
        {"authorityType": "sub-central", "procurementStart": "2026-03-01",
         "contract": {"kind": "services", "lightTouch": false, "value": "250000.00", "valueIncludesVAT": true,
                      "components": null, "frameworkCallOff": false, "establishesFramework": false},
         "urgency": {"claimed": false, "causedByAuthorityDelay": false}}
        """

    @Test func screensAFileAndStandardInputWithNoDatabase() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let file = cli.dataDir.appendingPathComponent("screening.json")
        try FileManager.default.createDirectory(at: cli.dataDir, withIntermediateDirectories: true)
        try Self.document.write(to: file, atomically: true, encoding: .utf8)
        let fromFile = try cli.run(["screen", file.path], dataDirFlag: false)
        #expect(fromFile.status == 0)
        #expect(fromFile.stderr == "")
        let json = try #require(JSONSerialization.jsonObject(with: Data(fromFile.stdout.utf8)) as? [String: Any])
        #expect(json["actApplies"] as? Bool == true)
        #expect(json["regime"] as? String == "procurement-act-2023")
        #expect(json["comparedValue"] as? String == "250000.00")
        #expect((json["threshold"] as? [String: Any])?["amount"] as? String == "207720.00")
        let fromStdin = try cli.run(["screen", "-"], stdin: Self.document, dataDirFlag: false)
        #expect(fromStdin.status == 0)
        #expect(fromStdin.stdout == fromFile.stdout)
        #expect(!FileManager.default.fileExists(atPath: cli.databasePath))
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
        #expect(r.stderr.split(separator: "\n").map(String.init) == [
            #"error: $.authorityType: must be one of "central-government", "sub-central""#,
            "error: $.contract.lightTuch: is not a known field",
            "error: $.contract.lightTouch: is required",
            "error: $.contract.value: must not be negative",
        ])
        let malformed = try cli.run(["screen", "-"], stdin: "{", dataDirFlag: false)
        #expect(malformed.status == 2)
        #expect(malformed.stdout == "")
        #expect(malformed.stderr.hasPrefix("error: $: malformed JSON"))
        let missing = try cli.run(["screen", "/no/such/file.json"], dataDirFlag: false)
        #expect(missing.status == 2)
        #expect(missing.stdout == "")
    }
}
