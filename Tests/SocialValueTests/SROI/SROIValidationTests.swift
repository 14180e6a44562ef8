import Foundation
import Testing

@testable import SocialValue

/// Bad SROI documents (calculations.md §3 and its common rules): every problem at once, each named
/// by its JSON path; unknown fields are errors; never a partial result.
@Suite struct SROIValidationTests {
    func problems(_ text: String) -> [String] {
        do {
            _ = try SROI.run(text)
            return []
        } catch let f as ValidationFailure {
            return f.errors.map { "\($0.field): \($0.message)" }
        } catch { return ["unexpected \(error)"] }
    }

    /// The spec's example with `old` replaced by `new` (which must occur).
    func spec(_ old: String, _ new: String) -> String {
        #expect(SROITests.spec.contains(old))
        return SROITests.spec.replacingOccurrences(of: old, with: new)
    }

    @Test func theSpecExampleIsValid() {
        #expect(problems(SROITests.spec) == [])
    }

    @Test func malformedJSONAndNonObjects() {
        let p = problems("{")
        #expect(p.count == 1)
        #expect(p.first?.hasPrefix("$: malformed JSON at character 2") == true)
        #expect(problems("[]") == ["$: must be a JSON object"])
        #expect(problems(#""text""#) == ["$: must be a JSON object"])
    }

    @Test func everyMemberIsRequiredAndUnknownOnesAreErrors() {
        #expect(
            problems(#"{"colour": "red"}"#) == [
                "$.colour: is not a known field",
                "$.title: is required",
                "$.investment: is required",
                "$.discountRate: is required (null for the Green Book schedule)",
                "$.outcomes: is required",
                "$.sensitivity: is required (null for none)",
            ])
    }

    @Test func wrongTypesAtTheTop() {
        #expect(
            problems(#"{"title": 1, "investment": true, "discountRate": "x", "outcomes": "x", "sensitivity": {}}"#) == [
                "$.title: must be a string, not a number",
                #"$.investment: must be a number such as "100000.00", not a boolean"#,
                #"$.discountRate: must be a number such as "0.25""#,
                "$.outcomes: must be an array, not a string",
                "$.sensitivity: must be an array or null, not an object",
            ])
    }

    @Test func theTitleMustNotBeEmpty() {
        #expect(problems(spec(#""Employment support 2026""#, #"" ""#)) == ["$.title: must not be empty"])
    }

    @Test func theInvestmentMustBePositive() {
        #expect(problems(spec(#""100000.00""#, #""0""#)) == ["$.investment: must be greater than 0"])
        #expect(problems(spec(#""100000.00""#, "-100")) == ["$.investment: must be greater than 0"])
        #expect(
            problems(spec(#""100000.00""#, #""£100,000""#)) == [#"$.investment: must be a number such as "100000.00""#])
    }

    @Test func aFlatDiscountRateIsAFraction() {
        #expect(
            problems(spec(#""discountRate": null"#, #""discountRate": "3.5""#)) == [
                "$.discountRate: must be between 0 and 1"
            ])
        #expect(
            problems(spec(#""discountRate": null"#, #""discountRate": -0.01"#)) == [
                "$.discountRate: must be between 0 and 1"
            ])
        #expect(problems(spec(#""discountRate": null"#, #""discountRate": 1"#)) == [])
        #expect(problems(spec(#""discountRate": null"#, #""discountRate": 0"#)) == [])
    }

    @Test func atLeastOneOutcome() {
        #expect(
            problems(spec(#""outcomes": ["#, #""outcomes": [], "old": ["#)) == [
                "$.old: is not a known field", "$.outcomes: must list at least one outcome",
            ])
        #expect(
            problems(
                #"{"title": "T", "investment": "1", "discountRate": null, "outcomes": [1], "sensitivity": null}"#) == [
                    "$.outcomes[0]: must be an object, not a number"
                ])
    }

    @Test func everyOutcomeFieldIsCheckedAndNamedByPath() {
        let bad = """
            {"title": "T", "investment": "1", "discountRate": null, "sensitivity": null, "outcomes": [
              {"id": "jobs", "stakeholder": 5, "description": "D", "quantity": true, "proxy": "-1", "proxySource": "x",
               "durationYears": 2.5, "deadweight": "1.2", "attribution": -0.1, "displacement": null, "deadwieght": "0.1"}]}
            """
        #expect(
            problems(bad) == [
                "$.outcomes[0].deadwieght: is not a known field",
                "$.outcomes[0].stakeholder: must be a string, not a number",
                #"$.outcomes[0].quantity: must be a number such as "10", not a boolean"#,
                "$.outcomes[0].proxy: must not be negative",
                "$.outcomes[0].durationYears: must be a whole number of years from 1 to 100",
                "$.outcomes[0].deadweight: must be between 0 and 1",
                "$.outcomes[0].attribution: must be between 0 and 1",
                #"$.outcomes[0].displacement: must be a number such as "0.25", not null"#,
                "$.outcomes[0].dropOff: is required",
            ])
    }

    @Test func durationsAreWholeYearsFromOneTo100() {
        for (years, ok) in [("0", false), ("1", true), ("100", true), ("101", false), ("-3", false), (#""3""#, true)] {
            let p = problems(spec(#""durationYears": 3"#, #""durationYears": \#(years)"#))
            #expect(p == (ok ? [] : ["$.outcomes[0].durationYears: must be a whole number of years from 1 to 100"]))
        }
    }

    @Test func ratesAreFractionsOfZeroToOne() {
        for field in ["deadweight", "attribution", "displacement", "dropOff"] {
            let text = SROITests.doc(outcomes: SROITests.outcome(proxy: "1", years: 1))
                .replacingOccurrences(of: #""\#(field)": "0""#, with: #""\#(field)": "1.01""#)
            #expect(problems(text) == ["$.outcomes[0].\(field): must be between 0 and 1"])
            let one = SROITests.doc(outcomes: SROITests.outcome(proxy: "1", years: 1))
                .replacingOccurrences(of: #""\#(field)": "0""#, with: #""\#(field)": 1"#)
            #expect(problems(one) == [])
        }
    }

    @Test func outcomeIdsAreUniqueAndNotEmpty() {
        let two = SROITests.doc(
            outcomes: SROITests.outcome(id: "a", proxy: "1", years: 1) + ", "
                + SROITests.outcome(id: "a", proxy: "1", years: 1) + ", "
                + SROITests.outcome(id: " ", proxy: "1", years: 1))
        #expect(
            problems(two) == [
                #"$.outcomes[1].id: must be unique: "a" is also the id of $.outcomes[0]"#,
                "$.outcomes[2].id: must not be empty",
            ])
    }

    @Test func scenariosAreCheckedAgainstTheOutcomes() {
        let text = spec(
            #""sensitivity": null"#,
            #"""
            "sensitivity": [
              {"name": "a", "outcomes": {"jobs": {"deadweight": "2", "colour": 1}, "nope": {}}, "extra": 1},
              {"name": "a", "outcomes": []},
              {"outcomes": {}},
              "x"]
            """#)
        #expect(
            problems(text) == [
                "$.sensitivity[0].extra: is not a known field",
                "$.sensitivity[0].outcomes.jobs.colour: is not a known field",
                "$.sensitivity[0].outcomes.jobs.deadweight: must be between 0 and 1",
                "$.sensitivity[0].outcomes.nope: is not an outcome id of $.outcomes",
                "$.sensitivity[1].outcomes: must be an object of changes by outcome id, not an array",
                #"$.sensitivity[1].name: must be unique: "a" is also the name of $.sensitivity[0]"#,
                "$.sensitivity[2].name: is required",
                "$.sensitivity[3]: must be an object, not a string",
            ])
    }

    @Test func scenarioOverridesFollowTheOutcomeRules() {
        let text = spec(
            #""sensitivity": null"#,
            #""sensitivity": [{"name": "s", "outcomes": {"jobs": {"quantity": "-1", "durationYears": 0, "proxy": "x"}}}]"#
        )
        #expect(
            problems(text) == [
                "$.sensitivity[0].outcomes.jobs.quantity: must not be negative",
                #"$.sensitivity[0].outcomes.jobs.proxy: must be a number such as "10767.00""#,
                "$.sensitivity[0].outcomes.jobs.durationYears: must be a whole number of years from 1 to 100",
            ])
    }

    @Test func tooManyOutcomesIsAnError() {
        let many = (0...SROI.maximumOutcomes).map { SROITests.outcome(id: "o\($0)", proxy: "1", years: 1) }
        #expect(
            problems(SROITests.doc(outcomes: many.joined(separator: ", "))) == [
                "$.outcomes: must list at most 50 outcomes"
            ])
    }
}
