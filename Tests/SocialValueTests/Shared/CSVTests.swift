import Foundation
import Testing

@testable import SocialValue

@Suite struct CSVTests {
    @Test func parsesQuotesCommasAndLineBreaksInsideFields() throws {
        let rows = try CSV.parse("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n\nlast,,\n")
        #expect(rows.map(\.fields) == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\nlines"], ["last", "", ""]])
        #expect(rows.map(\.line) == [1, 2, 5])  // the blank line 4 is skipped; row 2 spans lines 2-3
    }

    /// Found by fuzzing (issue 19): a lone CR was dropped, so a file saved with CR line endings
    /// was one long row, and a line's number did not match what an editor shows.
    @Test func aLoneCarriageReturnEndsALineAndCountsAsOne() throws {
        let rows = try CSV.parse("a,b\rc,d\r\ne,f\n\"g\rh\",i\rj,k")
        #expect(rows.map(\.fields) == [["a", "b"], ["c", "d"], ["e", "f"], ["g\rh", "i"], ["j", "k"]])
        #expect(rows.map(\.line) == [1, 2, 3, 4, 6])
        #expect(throws: CSV.ParseError(line: 3, message: "a quoted field is not closed")) {
            try CSV.parse("a\rb\r\"open\r\nc")
        }
    }

    @Test func namesTheLineOfABrokenQuote() {
        #expect(throws: CSV.ParseError(line: 2, message: "a quoted field is not closed")) {
            try CSV.parse("a\n\"open,b\nc")
        }
        #expect(throws: CSV.ParseError(line: 1, message: "a quote appears inside a field that does not start with one"))
        { try CSV.parse("ab\"c") }
    }

    @Test func escapesForSpreadsheets() {
        #expect(CSV.escape("plain") == "plain")
        #expect(CSV.escape("a,b") == "\"a,b\"")
        #expect(CSV.escape("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSV.escape("=SUM(A1)") == "'=SUM(A1)")  // no formula injection
        #expect(CSV.escape("-5") == "-5")  // a number stays a number
    }
}

@Suite struct ValueSetTests {
    let measures: [String: MeasureValuation] = ["ECO1": .valued, "ENV1": .valued, "ENV2": .recordOnly]
    let header = "measure_code,value_per_unit,currency,base_year,source,licence,notes\n"

    @Test func readsAGoodFile() throws {
        let values = try ValueSetCSV.parse(
            header + "eco1,23809.50,GBP,2025,NLW,OGL v3.0,\nENV1,241,gbp,2020,\"DESNZ, 2021\",OGL v3.0,central\n",
            measures: measures)
        #expect(values.map(\.measureCode) == ["ECO1", "ENV1"])  // codes match case-insensitively
        #expect(values[0].valuePerUnit == Decimal(string: "23809.5"))
        #expect(values[1].source == "DESNZ, 2021")
        #expect(values[1].currency == "GBP")
    }

    @Test func reportsEveryProblemWithItsLineAndColumn() {
        let file =
            header + """
                ECO1,abc,GBP,2025,NLW,,
                NOPE,5,GBP,2025,x,OGL,
                ENV2,5,GBP,2025,x,OGL,
                ENV1,-3,USD,99,,OGL,
                ECO1,1,GBP,2025,x,OGL,
                ECO1,2,GBP,2025,x,OGL,
                too,few
                """
        let failure = #expect(throws: ImportFailure.self) { try ValueSetCSV.parse(file, measures: measures) }
        #expect(
            failure?.problems.map(\.description) == [
                "line 2, column value_per_unit: ‘abc’ is not a number like 1234.56 (at most 4 decimal places, no £ sign or commas)",
                "line 2, column licence: The licence is missing: say under what licence the value may be used",
                "line 3, column measure_code: Unknown measure code ‘NOPE’: it is not in this framework version",
                "line 4, column measure_code: Measure ENV2 is record only: it takes no £ value",
                "line 5, column value_per_unit: The value cannot be negative",
                "line 5, column currency: The currency must be GBP",
                "line 5, column base_year: The base year must be a year like 2024",
                "line 5, column source: The source is missing: say where the value comes from",
                "line 6, column measure_code: Measure ECO1 already has a value on line 2",
                "line 7, column measure_code: Measure ECO1 already has a value on line 2",
                "line 8, column -: Expected 7 fields, found 2",
            ])
    }

    @Test func theHeaderMustMatch() {
        let failure = #expect(throws: ImportFailure.self) {
            try ValueSetCSV.parse("code,value\nECO1,1\n", measures: measures)
        }
        #expect(failure?.problems.first?.line == 1)
        #expect(throws: ImportFailure.self) { try ValueSetCSV.parse("", measures: measures) }
    }

    @Test func exportRoundTrips() throws {
        let values = try ValueSetCSV.parse(
            header + "ENV1,241,GBP,2020,\"DESNZ, 2021\",OGL v3.0,\"say \"\"central\"\"\"\n", measures: measures)
        let csv = ValueSetCSV.export(values)
        #expect(
            csv
                == "measure_code,value_per_unit,currency,base_year,source,licence,notes\r\nENV1,241.00,GBP,2020,\"DESNZ, 2021\",OGL v3.0,\"say \"\"central\"\"\"\r\n"
        )
        #expect(try ValueSetCSV.parse(csv, measures: measures) == values)
    }

    @Test func licencesThatForbidBundlingAreRecognised() {
        #expect(ValueSetCSV.isNoDerivatives("CC BY-NC-ND 4.0"))
        #expect(!ValueSetCSV.isNoDerivatives("Open Government Licence v3.0"))
    }
}

@Suite struct UpratingTests {
    let index = PriceIndex(points: [2020: 100, 2023: 125, 2025: Decimal(string: "131.4")!])

    /// 244.63 × 131.4 ÷ 125 = 244.63 × 1.0512 = 257.155056 → £257.16 (to the penny).
    @Test func worksInExactDecimalsToThePenny() throws {
        #expect(try index.uprate(Decimal(string: "244.63")!, from: 2023, to: 2025) == Decimal(string: "257.16")!)
        // 241 × 131.4 ÷ 100 = 316.674 → £316.67
        #expect(try index.uprate(241, from: 2020, to: 2025) == Decimal(string: "316.67")!)
        // Back in time: 100 × 100 ÷ 125 = 80.00
        #expect(try index.uprate(100, from: 2023, to: 2020) == 80)
    }

    /// Halves round away from zero: 0.125 → 0.13; 2.675 stays exact in Decimal and → 2.68.
    @Test func halvesRoundAwayFromZero() throws {
        let flat = PriceIndex(points: [2024: 100])
        #expect(try flat.uprate(Decimal(string: "0.125")!, from: 2024, to: 2024) == Decimal(string: "0.13")!)
        #expect(try flat.uprate(Decimal(string: "2.675")!, from: 2024, to: 2024) == Decimal(string: "2.68")!)
    }

    @Test func aMissingYearIsAnError() {
        #expect(throws: PriceIndex.UpratingError.missingYear(2019)) { try index.uprate(1, from: 2019, to: 2025) }
    }

    @Test func indexFilesAreChecked() throws {
        #expect(
            try PriceIndex.parse("year,index\n2023,125\n2025,131.4\n")
                == PriceIndex(points: [2023: 125, 2025: Decimal(string: "131.4")!]))
        let failure = #expect(throws: ImportFailure.self) {
            try PriceIndex.parse("year,index\n2023,125\n2023,126\n2024,0\nabc,1\n")
        }
        #expect(
            failure?.problems.map(\.description) == [
                "line 3, column year: The year 2023 appears twice",
                "line 4, column index: ‘0’ is not a positive number",
                "line 5, column year: ‘abc’ is not a year like 2024",
            ])
    }
}
