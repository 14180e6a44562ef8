import Foundation
import Testing

@testable import SocialValue

/// A monitoring return as a CSV template (docs/monitoring.md, "Filling a return offline").
@Suite struct ReturnTemplateTests {
    static let commitments = [
        MonitoredCommitment(code: "ECO2", name: "Apprenticeship weeks", unit: "weeks", committed: 52, proxy: 1),
        MonitoredCommitment(code: "SOC1", name: "Volunteering hours", unit: "hours", committed: 2400, proxy: 1),
    ]

    @Test func theTemplateReadsBackAsTheDraftItWasFilledFrom() throws {
        let draft = ReturnInput(
            narrative: "Quarter two, with a comma", lines: ["ECO2": .init(quantity: "6", note: "Two \"new\" starters")])
        let text = ReturnTemplate.csv(commitments: Self.commitments, filled: draft)
        #expect(
            text == CSV.byteOrderMark + "section,key,name,unit,committed,value\r\n"
                + "narrative,,What was delivered this period,,,\"Quarter two, with a comma\"\r\n"
                + "quantity,ECO2,Apprenticeship weeks delivered this period (0 if none),weeks,52,6\r\n"
                + "note,ECO2,Note on apprenticeship weeks (optional),,,\"Two \"\"new\"\" starters\"\r\n"
                + "quantity,SOC1,Volunteering hours delivered this period (0 if none),hours,2400,\r\n"
                + "note,SOC1,Note on volunteering hours (optional),,,\r\n")
        let (input, lines) = try ReturnTemplate.parseCSV(text)
        #expect(input.narrative == "Quarter two, with a comma")
        #expect(input.lines?["ECO2"] == .init(quantity: "6", note: "Two \"new\" starters"))
        #expect(input.lines?["SOC1"] == .init(quantity: "", note: ""))
        #expect(lines.location(MonitoringReturns.quantityField("SOC1")) == "line 5, column value")
    }

    @Test func problemsAreNamedByLineAndColumn() {
        let header = "section,key,name,unit,committed,value\n"
        let e = #expect(throws: ValidationFailure.self) {
            try ReturnTemplate.parseCSV(header + "quantity,ECO2,,,,1\nquantity,ECO2,,,,2\nbonus,,,,,3\nnote,SOC1,,\n")
        }
        #expect(
            e?.errors == [
                FieldError("csv", "line 3, column key: ECO2 is already on line 2"),
                FieldError("csv", "line 4, column section: unknown section “bonus”"),
                FieldError("csv", "line 5: expected 6 columns, found 4"),
            ])
        let wrongHeader = #expect(throws: ValidationFailure.self) { try ReturnTemplate.parseCSV("code,value\n") }
        #expect(
            wrongHeader?.errors.map(\.message) == [
                "line 1: the first line must be exactly section,key,name,unit,committed,value: download the template again"
            ])
    }
}
