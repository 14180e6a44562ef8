import Foundation

/// A measure the consideration chose, by its framework id, with the code value sets price it by
/// and whether the framework values it in £ (a record-only measure is never priced).
public struct ChosenMeasure: Sendable, Equatable {
    public var id: UUID
    public var code: String
    public var name: String
    public var valuation: MeasureValuation

    public init(id: UUID, code: String, name: String, valuation: MeasureValuation = .valued) {
        self.id = id
        self.code = code
        self.name = name
        self.valuation = valuation
    }
}

/// A value set the tender could take its proxies from: its id and the measure codes it prices.
public struct PricedCodes: Sendable, Equatable {
    public var valueSetID: UUID
    public var codes: Set<String>

    public init(valueSetID: UUID, codes: [String]) {
        self.valueSetID = valueSetID
        self.codes = Set(codes.map { $0.uppercased() })
    }

    public func prices(_ code: String) -> Bool { codes.contains(code.uppercased()) }
}

extension TenderSetup {
    /// Where a new tender's set-up starts: the consideration in force (the last amendment, else
    /// the original). Its social value weight and reason, and its measures, with the value set
    /// that prices most of them (the first listed on a tie; none when no set prices any). Only
    /// measures that value set prices are ticked: the others cannot be monetised
    /// (docs/tenders.md, "Starting from the consideration").
    public static func start(from c: Consideration, measures: [ChosenMeasure], valueSets: [PricedCodes]) -> TenderInput
    {
        var input = TenderInput()
        input.socialValueWeight = String(c.weightingPercent)
        input.weightingReason = c.weightingReason
        let chosen = c.measureIDs.compactMap { id in measures.first { $0.id == id } }
        var best: (set: PricedCodes, count: Int)?
        for set in valueSets {
            let count = chosen.filter { set.prices($0.code) }.count
            if count > 0 && count > (best?.count ?? 0) { best = (set, count) }
        }
        if let best {
            input.valueSetId = best.set.valueSetID
            input.measureCodes = chosen.filter { best.set.prices($0.code) }.map(\.code)
        }
        return input
    }

    /// When the tender's social value weight differs from the consideration in force, the words
    /// that say so (nil when they agree, or while the weight typed is not a whole number).
    public static func considerationWeightingNote(tenderWeighting raw: String?, consideration: Int) -> String? {
        let text = (raw ?? "").trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "%", with: "")
        guard let tender = Int(text), tender != consideration else { return nil }
        return
            "The signed-off consideration sets a social value weighting of \(consideration)%; this tender’s is \(tender)%. Bids are evaluated at the tender’s weight once it is published."
    }
}

extension Procurement {
    /// The measures chosen in a consideration that the framework values in £ but no value set
    /// open to the procurement prices (no proxy in any of them): a tender cannot monetise
    /// commitments to them. Record-only measures are never priced, by design, and are not named.
    /// In the order of `measures`; empty when every chosen valued measure is priced
    /// (docs/procurements.md, "Measures no value set prices").
    public static func unpricedMeasures(chosen ids: [UUID], measures: [ChosenMeasure], valueSets: [PricedCodes])
        -> [ChosenMeasure]
    {
        let picked = Set(ids)
        return measures.filter { m in
            picked.contains(m.id) && m.valuation == .valued && !valueSets.contains { $0.prices(m.code) }
        }
    }

    /// The consideration form's confirmation that measures no value set prices are meant.
    public static let confirmUnpricedField = "confirmUnpriced"

    /// Unpriced measures need the commissioner's confirmation before the consideration is
    /// signed off; without it nothing is saved and the measures are named.
    public static func checkUnpricedConfirmed(_ unpriced: [ChosenMeasure], confirmed: Bool) throws {
        guard !unpriced.isEmpty, !confirmed else { return }
        let names = unpriced.map { "\($0.code) \($0.name)" }.joined(separator: ", ")
        throw ValidationFailure(
            confirmUnpricedField,
            "No value set prices \(names): confirm you want \(unpriced.count == 1 ? "it" : "them") though a tender cannot monetise \(unpriced.count == 1 ? "it" : "them"), or choose priced measures"
        )
    }
}
