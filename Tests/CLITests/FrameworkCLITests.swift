import Foundation
import TestSupport
import Testing

@Suite struct FrameworkCLITests {
    func id(after marker: String, in text: String) -> String? {
        text.split(separator: "\n").first { $0.contains(marker) }.flatMap {
            $0.split(separator: " ").last.map(String.init)
        }
    }

    @Test func frameworksExportAndImportAsJSONAndValueSetsAsCSV() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.run(["demo"])
        let list = try cli.run(["frameworks", "list"]).stdout
        let version = try #require(id(after: "version 1  adopted", in: list))
        let valueSet = try #require(id(after: "value set", in: list))
        let exported = try cli.run(["frameworks", "export", "--version", version])
        #expect(exported.status == 0)
        #expect(exported.stdout.contains("\"code\" : \"ENV1\""))
        let treeFile = cli.dataDir.appendingPathComponent("tree.json")
        try exported.stdout.write(to: treeFile, atomically: true, encoding: .utf8)
        let imported = try cli.run([
            "frameworks", "import", treeFile.path, "--name", "Saltmarsh copy", "--organisation",
            "Saltmarsh District Council", "--review-on", "2027-06-01",
        ])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.hasPrefix("Imported ‘Saltmarsh copy’ as version 1, a draft, with 7 measures"))
        let csv = try cli.run(["frameworks", "export", "--value-set", valueSet])
        #expect(
            csv.stdout.hasPrefix(
                "measure_code,value_per_unit,currency,base_year,source,licence,notes\r\nECO1,23809.50,GBP,2025,"))

        let bad = cli.dataDir.appendingPathComponent("bad.csv")
        try
            "measure_code,value_per_unit,currency,base_year,source,licence,notes\nENV1,-5,GBP,2025,x,OGL,\nECO3,1,GBP,2025,x,OGL,\n"
            .write(to: bad, atomically: true, encoding: .utf8)
        let refused = try cli.run(["frameworks", "import", bad.path, "--name", "Bad", "--version", version])
        #expect(refused.status == 1)
        #expect(
            refused.stderr == """
                error: \(bad.path): line 2, column value_per_unit: The value cannot be negative
                error: \(bad.path): line 3, column measure_code: Measure ECO3 is record only: it takes no £ value

                """)
        #expect(!(try cli.run(["frameworks", "list"]).stdout.contains("‘Bad’")))
        let missing = try cli.run(["frameworks", "import", treeFile.path, "--name", "Orphan"])
        #expect(missing.stderr == "error: compact: Give either --compact or --organisation\n")
    }

    /// A value set's licence on the command line (issue 15): checked, then recorded.
    @Test func valueSetsTakeTheirLicence() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.run(["demo"])
        let version = try #require(id(after: "version 1  adopted", in: try cli.run(["frameworks", "list"]).stdout))
        let file = cli.dataDir.appendingPathComponent("hact.csv")
        try
            "measure_code,value_per_unit,currency,base_year,source,licence,notes\nENV1,256,GBP,2024,x,CC BY-NC-ND 4.0,\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let refused = try cli.run([
            "frameworks", "import", file.path, "--name", "HACT", "--version", version, "--licence-name",
            "CC BY-NC-ND 4.0", "--permits-redistribution", "--permits-commercial-use",
        ])
        #expect(refused.status == 1)
        #expect(
            refused.stderr
                == "error: permitsCommercialUse: CC BY-NC-ND 4.0 is a non-commercial licence: it does not permit commercial use, so leave that unticked\n"
        )
        let imported = try cli.run([
            "frameworks", "import", file.path, "--name", "HACT", "--version", version, "--licence-name",
            "CC BY-NC-ND 4.0", "--licence-url", "https://creativecommons.org/licenses/by-nc-nd/4.0/",
            "--permits-redistribution",
        ])
        #expect(imported.status == 0, "\(imported.stderr)")
    }
}
