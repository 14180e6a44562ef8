import Foundation
import Testing

@testable import SocialValue

/// Amending a signed-off consideration (procurements.md, "Amending the consideration"): the
/// worked case is the demo's "Meals at home", signed off at 15% on 22 October, whose tender was
/// published at 15%, amended to 12%.
@Suite struct ConsiderationAmendmentTests {
    static let signed = Consideration(
        wellbeing: "Residents stay independent at home.", outcomeIDs: [], securing: "Social value weighted at 15%.",
        weightingPercent: 15, weightingReason: nil, measureIDs: [], contractConditions: "", smeVcsSteps: "",
        consult: false, consultReason: "Consulted last year.", monitoring: .quarterly, monitoringReason: nil,
        monitoringPlan: "Quarterly returns.")

    func amendment(
        reason: String? = "The market engagement showed 12% is proportionate",
        _ change: (inout ConsiderationInput) -> Void = { _ in }
    )
        -> ConsiderationAmendmentInput
    {
        var c = ConsiderationInput(Self.signed)
        change(&c)
        return ConsiderationAmendmentInput(c, reason: reason)
    }

    func validate(_ a: ConsiderationAmendmentInput, current: Consideration = signed, version: Int = 1) throws
        -> ConsiderationAmendment
    {
        try Procurement.validate(
            amendment: a, current: current, currentVersion: version, suggestion: nil, authority: .subCentral,
            knownOutcomes: [], knownMeasures: [])
    }

    @Test func anAmendmentKeepsEverythingItDoesNotChangeAndSaysWhatChanged() throws {
        let a = try validate(
            amendment {
                $0.weightingPercent = "12"
                $0.monitoring = "monthly"
            })
        #expect(a.reason == "The market engagement showed 12% is proportionate")
        #expect(a.consideration.weightingPercent == 12)
        #expect(a.consideration.monitoring == .monthly)
        #expect(a.consideration.wellbeing == "Residents stay independent at home.")
        #expect(
            a.changes == [
                "the social value weighting, from 15% to 12%",
                "how often the supplier reports, from quarterly to monthly",
            ])
    }

    @Test func theReasonIsRequiredAndLimited() {
        #expect(throws: ValidationFailure("reason", "Enter why the consideration is amended")) {
            try validate(amendment(reason: "  ") { $0.weightingPercent = "12" })
        }
        let long = String(repeating: "a", count: 2001)
        #expect(
            throws: ValidationFailure("reason", "Why the consideration is amended must be 2000 characters or fewer")
        ) {
            try validate(amendment(reason: long) { $0.weightingPercent = "12" })
        }
        // 2,000 characters exactly is accepted.
        #expect(throws: Never.self) {
            try validate(amendment(reason: String(repeating: "a", count: 2000)) { $0.weightingPercent = "12" })
        }
    }

    @Test func anAmendmentThatChangesNothingIsRefused() {
        #expect(
            throws: ValidationFailure(
                "wellbeing",
                "The amendment is the same as version 1, the consideration in force: change what needs amending")
        ) {
            try validate(amendment())
        }
        // Against version 2 in force (12%), sending 12% again changes nothing either.
        var v2 = Self.signed
        v2.weightingPercent = 12
        #expect(
            throws: ValidationFailure(
                "wellbeing",
                "The amendment is the same as version 2, the consideration in force: change what needs amending")
        ) {
            try validate(amendment { $0.weightingPercent = "12" }, current: v2, version: 2)
        }
        // Spaces around text are not a change (the text is trimmed as when it was recorded).
        #expect(throws: ValidationFailure.self) {
            try validate(amendment { $0.monitoringPlan = "  Quarterly returns.  " })
        }
    }

    @Test func theConsiderationRulesStillApplyAndEveryProblemIsReportedAtOnce() {
        let e = #expect(throws: ValidationFailure.self) {
            try validate(
                amendment(reason: nil) {
                    $0.weightingPercent = "101"
                    $0.securing = " "
                })
        }
        #expect(e?.errors.map(\.field) == ["securing", "weightingPercent", "reason"])
    }

    @Test func outcomesAndMeasuresAreComparedWhateverTheirOrder() {
        let a = UUID()
        let b = UUID()
        var old = Self.signed
        old.outcomeIDs = [a, b]
        var new = old
        new.outcomeIDs = [b, a]
        #expect(new.changes(from: old).isEmpty)
        new.outcomeIDs = [a]
        new.consult = true
        #expect(new.changes(from: old) == ["the framework outcomes", "whether to consult (s.1(7)), from no to yes"])
    }

    @Test func theTendersFrozenWeightingIsNamedWhenTheAmendmentDiffers() {
        #expect(
            Procurement.frozenWeightingNote(amendedWeighting: 12, tenderWeighting: 15)
                == "The tender was published with a social value weighting of 15%; this amendment (12%) does not change it. Bids are evaluated at 15%."
        )
        #expect(Procurement.frozenWeightingNote(amendedWeighting: 15, tenderWeighting: 15) == nil)
        #expect(Procurement.frozenWeightingNote(amendedWeighting: 12, tenderWeighting: nil) == nil)
    }

    @Test func theFormAndTheAPIReadTheConsiderationBesideTheReason() throws {
        let json = #"{"reason": "Lower weighting", "wellbeing": "W", "weightingPercent": 12, "consult": "no"}"#
        let a = try JSONDecoder().decode(ConsiderationAmendmentInput.self, from: Data(json.utf8))
        #expect(a.reason == "Lower weighting")
        #expect(a.consideration.wellbeing == "W")
        #expect(a.consideration.weightingPercent == "12")
        #expect(a.consideration.consult == false)
        let back = try JSONDecoder().decode(
            ConsiderationAmendmentInput.self, from: try JSONEncoder().encode(a))
        #expect(back == a)
    }
}
