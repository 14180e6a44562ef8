import Foundation
import SocialValue
import Storage
import Vapor

/// What the forms that follow the consideration start from: the consideration in force, the
/// framework measures it can choose, and what the value sets open to the procurement price.
extension Request {
    /// The consideration in force (the last amendment, else the original) and its version; nil
    /// before it is signed off.
    func considerationInForce(_ p: ProcurementModel) async throws -> (consideration: Consideration, version: Int)? {
        guard let original = p.consideration else { return nil }
        let last = try await procurements.amendments(of: try p.requireID()).last
        if let last, let amended = last.consideration { return (amended, last.version) }
        return (original, 1)
    }

    /// The measures of the adopted frameworks the consideration can choose from.
    func chosenMeasures(_ p: ProcurementModel) async throws -> [ChosenMeasure] {
        try await procurements.frameworkChoices(for: p).flatMap(\.measures).map {
            ChosenMeasure(id: try $0.requireID(), code: $0.code, name: $0.name, valuation: $0.measureValuation)
        }
    }

    /// The value sets a tender of the procurement can take its proxies from, with the codes each prices.
    func pricedCodes(_ p: ProcurementModel) async throws -> [PricedCodes] {
        try await tenders.valueSetChoices(forProcurement: try p.requireID()).map {
            PricedCodes(valueSetID: $0.valueSet.id, codes: $0.measures.map(\.code))
        }
    }
}
