import Foundation
import Testing

/// `commonweal indicators` (docs/indicators.md): the Cardinal shape, and bad arguments exit 2
/// naming the argument. The counts themselves are tested on a fixture in StorageTests/Indicators.
@Suite struct IndicatorsCommandTests {
    @Test func anEmptyInstallationPrintsTheEmptyShape() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let r = try cli.run(["indicators"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.filter { !$0.isWhitespace } == #"{"OCID":{},"Buyer":{}}"#)
        let body = try cli.run([
            "indicators", "--body", "aaaaaaaa-0000-0000-0000-000000000001", "--from", "2026-04-01", "--to",
            "2027-03-31",
        ])
        #expect(body.status == 0, "\(body.stderr)")
        #expect(body.stdout.filter { !$0.isWhitespace } == #"{"OCID":{},"Buyer":{}}"#)
    }

    @Test func badArgumentsExitTwoNamingTheArgument() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        for (args, named) in [
            (["--from", "2026-02-30"], "--from"), (["--to", "31/03/2027"], "--to"), (["--body", "county"], "--body"),
            (["--from", "2027-04-01", "--to", "2027-03-31"], "--from"), (["--from", "2026-4-1"], "--from"),
        ] {
            let r = try cli.run(["indicators"] + args)
            #expect(r.status == 2, "\(args)")
            #expect(r.stdout == "")
            #expect(r.stderr.hasPrefix("error: \(named) "), "\(r.stderr)")
        }
    }

    @Test func theDemoAreaGivesOCIDsAndBuyers() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let demo = try cli.run(["demo"], env: ["COMMONWEAL_DEMO_PASSWORD": "demo password for tests"])
        #expect(demo.status == 0, "\(demo.stderr)")
        let r = try cli.run(["indicators"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(Set(json.keys) == ["OCID", "Buyer"])
        let ocids = try #require(json["OCID"] as? [String: [String: Any]])
        #expect(ocids.keys.allSatisfy { $0.hasPrefix("ocds-commonweal-") })
        let buyers = try #require(json["Buyer"] as? [String: [String: Any]])
        #expect(buyers.keys.allSatisfy { UUID(uuidString: $0) != nil })
        let codes = Set(buyers.values.flatMap(\.keys))
        #expect(codes.isSubset(of: ["CW01", "CW02", "CW03", "CW04", "CW05", "CW06", "CW07", "CW08", "R003", "R018"]))
    }
}
