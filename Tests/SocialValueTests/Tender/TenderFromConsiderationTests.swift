import Foundation
import Testing

@testable import SocialValue

/// Forms that carry what is known: the tender set-up starts from the consideration in force, and the
/// consideration warns of measures no value set prices (the award's start: `AwardDefaultsTests`).
@Suite struct TenderFromConsiderationTests {
    static let apprentices = ChosenMeasure(id: UUID(), code: "ECO2", name: "Apprenticeship weeks")
    static let volunteering = ChosenMeasure(id: UUID(), code: "SOC1", name: "Volunteering hours")
    static let carbon = ChosenMeasure(id: UUID(), code: "ENV1", name: "Carbon avoided")
    static let catalogue = [apprentices, volunteering, carbon]
    static let national = PricedCodes(valueSetID: UUID(), codes: ["eco2"])
    static let local = PricedCodes(valueSetID: UUID(), codes: ["ECO2", "SOC1"])

    static func consideration(weighting: Int = 15, measures: [ChosenMeasure]) -> Consideration {
        Consideration(
            wellbeing: "Residents stay independent.", outcomeIDs: [], securing: "Weighted.",
            weightingPercent: weighting, weightingReason: "Proportionate to the value", measureIDs: measures.map(\.id),
            contractConditions: "", smeVcsSteps: "", consult: false, consultReason: "Consulted last year.",
            monitoring: .monthly, monitoringReason: nil, monitoringPlan: "Monthly returns of hours with sign-in sheets."
        )
    }

    @Test func theSetUpStartsFromTheWeightingAndTheMeasuresTheBestValueSetPrices() {
        let c = Self.consideration(measures: [Self.carbon, Self.volunteering, Self.apprentices])
        let input = TenderSetup.start(from: c, measures: Self.catalogue, valueSets: [Self.national, Self.local])
        #expect(input.socialValueWeight == "15")
        #expect(input.weightingReason == "Proportionate to the value")
        // The local set prices 2 of the 3 (ECO2, SOC1), the national 1: the local set, in the consideration's order.
        #expect(input.valueSetId == Self.local.valueSetID)
        #expect(input.measureCodes == ["SOC1", "ECO2"])
        // Nothing priced: no value set, no measures; the weighting still.
        let bare = TenderSetup.start(
            from: Self.consideration(weighting: 20, measures: [Self.carbon]), measures: Self.catalogue,
            valueSets: [Self.local])
        #expect(bare.valueSetId == nil && bare.measureCodes == nil && bare.socialValueWeight == "20")
    }

    @Test func aTenderWeightOtherThanTheConsiderationsIsSaid() {
        #expect(TenderSetup.considerationWeightingNote(tenderWeighting: "15", consideration: 15) == nil)
        #expect(TenderSetup.considerationWeightingNote(tenderWeighting: "", consideration: 15) == nil)
        #expect(
            TenderSetup.considerationWeightingNote(tenderWeighting: "12%", consideration: 15)
                == "The signed-off consideration sets a social value weighting of 15%; this tender’s is 12%. Bids are evaluated at the tender’s weight once it is published."
        )
    }

    @Test func measuresNoValueSetPricesAreNamedAndNeedConfirming() throws {
        let chosen = [Self.carbon.id, Self.apprentices.id]
        let unpriced = Procurement.unpricedMeasures(
            chosen: chosen, measures: Self.catalogue, valueSets: [Self.national, Self.local])
        #expect(unpriced == [Self.carbon])
        // With only the national set, SOC1 is unpriced too (in the catalogue's order).
        #expect(
            Procurement.unpricedMeasures(
                chosen: [Self.carbon.id, Self.volunteering.id, Self.apprentices.id], measures: Self.catalogue,
                valueSets: [Self.national]) == [Self.volunteering, Self.carbon])
        #expect(Procurement.unpricedMeasures(chosen: chosen, measures: Self.catalogue, valueSets: []).count == 2)
        // A record-only measure is never priced, by design: not named.
        let spend = ChosenMeasure(
            id: UUID(), code: "ECO3", name: "Spend with local VCSE organisations", valuation: .recordOnly)
        #expect(
            Procurement.unpricedMeasures(
                chosen: [spend.id, Self.carbon.id], measures: Self.catalogue + [spend], valueSets: [Self.local])
                == [Self.carbon])
        let refused = #expect(throws: ValidationFailure.self) {
            try Procurement.checkUnpricedConfirmed(unpriced, confirmed: false)
        }
        #expect(refused?.errors.map(\.field) == ["confirmUnpriced"])
        #expect(refused?.errors.first?.message.hasPrefix("No value set prices ENV1 Carbon avoided: confirm") == true)
        try Procurement.checkUnpricedConfirmed(unpriced, confirmed: true)
        try Procurement.checkUnpricedConfirmed([], confirmed: false)
    }
}
