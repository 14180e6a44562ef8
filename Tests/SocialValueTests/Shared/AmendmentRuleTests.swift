import Foundation
import Testing

@testable import SocialValue

/// Issue 13 §1: the one rule every amendment of a signed or published record follows — a reason
/// (required, at most 2,000 characters) and at least one change from the version in force —
/// with each record's own name in the messages, and the record's own problems first.
@Suite struct AmendmentRuleTests {
    let compact = AmendmentRule(record: "the Compact", unchangedField: "text")
    let summary = AmendmentRule(record: "the summary", inForce: "published now", unchangedField: "youSaid")

    @Test func aReasonAndAChangePassAndTheReasonIsTrimmed() {
        var p = Problems()
        let reason = compact.check(
            reason: "  Agreed at the annual meeting \n", changes: ["the text"], currentVersion: 1, &p)
        #expect(reason == "Agreed at the annual meeting")
        #expect(p.errors.isEmpty)
    }

    @Test func aMissingReasonIsNamedForTheRecord() {
        var p = Problems()
        #expect(compact.check(reason: "   ", changes: ["the text"], currentVersion: 1, &p) == nil)
        #expect(p.errors == [FieldError("reason", "Enter why the Compact is amended")])
    }

    @Test func nothingChangedNamesTheVersionInForceOnTheRecordsFirstField() {
        var p = Problems()
        _ = summary.check(reason: "Typo", changes: [], currentVersion: 3, &p)
        #expect(
            p.errors == [
                FieldError(
                    "youSaid",
                    "The amendment is the same as version 3, the summary published now: change what needs amending")
            ])
    }

    @Test func bothProblemsAreReportedReasonFirst() {
        var p = Problems()
        _ = compact.check(reason: nil, changes: [], currentVersion: 2, &p)
        #expect(
            p.errors == [
                FieldError("reason", "Enter why the Compact is amended"),
                FieldError(
                    "text", "The amendment is the same as version 2, the Compact in force: change what needs amending"),
            ])
    }

    @Test func aRecordThatFailedItsOwnRulesIsNotAlsoCalledUnchanged() {
        var p = Problems()
        #expect(compact.check(reason: "Why", changes: nil, currentVersion: 1, &p) == "Why")
        #expect(p.errors.isEmpty)
    }

    @Test func theReasonIsAtMost2000Characters() {
        var p = Problems()
        #expect(
            compact.check(reason: String(repeating: "x", count: 2000), changes: ["the text"], currentVersion: 1, &p)
                != nil)
        #expect(p.errors.isEmpty)
        #expect(
            compact.check(reason: String(repeating: "x", count: 2001), changes: ["the text"], currentVersion: 1, &p)
                == nil)
        #expect(p.errors.map(\.field) == ["reason"])
        #expect(AmendmentRule.reasonMaxLength == 2000)
    }

    @Test func theRecordsOwnProblemsComeFirstAndOtherErrorsGoOn() throws {
        var p = Problems()
        let none: Int? = try AmendmentRule.checked(&p) { throw ValidationFailure("text", "Enter the text") }
        #expect(none == nil)
        #expect(try AmendmentRule.checked(&p) { 7 } == 7)
        _ = compact.check(reason: nil, changes: nil, currentVersion: 1, &p)
        #expect(
            p.errors == [
                FieldError("text", "Enter the text"), FieldError("reason", "Enter why the Compact is amended"),
            ])
        struct Other: Error {}
        #expect(throws: Other.self) { _ = try AmendmentRule.checked(&p) { () throws -> Int in throw Other() } }
    }
}
