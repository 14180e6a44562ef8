import Foundation
import Testing

@testable import SocialValue

/// Issue 13 §1: a proposal shared with the provider is amended, not changed in place. The
/// amendment names a reason and changes something; what it changes is said in words.
@Suite struct ProposalAmendmentTests {
    /// Version 1 as shared: reduce the food hub's grant from £48,000 to £30,000 a year.
    static let shared = ProposalContent(
        serviceName: "Brackenford food hub", serviceDescription: "Emergency food parcels and advice", change: .reduce,
        currentFundingPence: 4_800_000, proposedFundingPence: 3_000_000,
        rationale: "The county's grants budget falls by a third in 2027", onBeneficiaries: "About 200 fewer parcels",
        onServiceUsers: "Three days, not five", onVolunteers: "Twelve shifts end", widerImpact: nil, mitigation: nil)

    static let asShared = ProposalAmendmentInput(shared)

    @Test func theFormStartsFromTheVersionInForceWithPoundsAsTyped() {
        #expect(Self.asShared.proposal.currentFunding == "48,000")
        #expect(Self.asShared.proposal.proposedFunding == "30,000")
        #expect(Self.asShared.proposal.change == "reduce")
        #expect(Self.asShared.impact.onVolunteers == "Twelve shifts end")
        #expect(Self.asShared.reason == nil)
    }

    @Test func anAmendmentOfTheFundingWithAReasonSaysWhatChanged() throws {
        var input = Self.asShared
        input.proposal.proposedFunding = "36,000"
        input.reason = "  The district council will fund part of the gap  "
        let a = try Decommissioning.validate(amendment: input, current: Self.shared, currentVersion: 1)
        #expect(a.content.proposedFundingPence == 3_600_000)
        #expect(a.content.currentFundingPence == 4_800_000)
        #expect(a.changes == ["the proposed annual funding"])
        #expect(a.reason == "The district council will fund part of the gap")
        // The impact assessment is kept when none of its fields is given.
        #expect(a.content.onBeneficiaries == "About 200 fewer parcels")
    }

    @Test func anAmendmentWithoutImpactFieldsKeepsTheAssessmentAndAnEmptiedOneClearsIt() throws {
        var input = ProposalAmendmentInput(Self.asShared.proposal, reason: "Rationale clarified")
        input.proposal.rationale = "The grants budget falls by 37% from April"
        let kept = try Decommissioning.validate(amendment: input, current: Self.shared, currentVersion: 1)
        #expect(kept.content.impact == Self.shared.impact)
        #expect(kept.changes == ["the rationale"])
        input.impact = ImpactInput(onBeneficiaries: "About 200 fewer parcels", onServiceUsers: "", onVolunteers: "")
        let cleared = try Decommissioning.validate(amendment: input, current: Self.shared, currentVersion: 1)
        #expect(cleared.changes == ["the rationale", "the impact on service users", "the impact on volunteers"])
        #expect(cleared.content.onServiceUsers == nil)
    }

    @Test func anAmendmentThatChangesNothingOrHasNoReasonIsRefused() {
        var same = Self.asShared
        same.reason = "No change really"
        #expect(
            throws: ValidationFailure(
                "serviceName",
                "The amendment is the same as version 2, the proposal in force: change what needs amending")
        ) {
            try Decommissioning.validate(amendment: same, current: Self.shared, currentVersion: 2)
        }
        var noReason = Self.asShared
        noReason.proposal.serviceName = "Brackenford food and advice hub"
        noReason.reason = "   "
        #expect(throws: ValidationFailure("reason", "Enter why the proposal is amended")) {
            try Decommissioning.validate(amendment: noReason, current: Self.shared, currentVersion: 1)
        }
    }

    @Test func theProposalsOwnRulesStillApply() throws {
        var input = Self.asShared
        input.proposal.proposedFunding = "50,000"
        input.reason = "More money"
        do {
            _ = try Decommissioning.validate(amendment: input, current: Self.shared, currentVersion: 1)
            Issue.record("a larger proposed funding was accepted")
        } catch let f as ValidationFailure {
            #expect(
                f.errors == [
                    FieldError(
                        "proposedFunding",
                        "The proposed annual funding must be less than the current annual funding (£48,000)")
                ])
        }
    }

    @Test func theFormAndTheAPIReadTheSameFlatFields() throws {
        let json = #"{"serviceName": "Hub", "rationale": "Budget", "onVolunteers": "None", "reason": "Why"}"#
        let input = try JSONDecoder().decode(ProposalAmendmentInput.self, from: Data(json.utf8))
        #expect(input.proposal.serviceName == "Hub")
        #expect(input.proposal.rationale == "Budget")
        #expect(input.impact.onVolunteers == "None")
        #expect(input.reason == "Why")
    }
}
