import Foundation

/// An amendment of a signed-off consideration as typed in its form or sent to the API: the
/// fields of `ConsiderationInput`, with the same names at the top level, and `reason`, why it
/// is amended (required). A signed-off consideration is never changed in place: an amendment is
/// a new version beside it (procurements.md, "Amending the consideration").
public struct ConsiderationAmendmentInput: Codable, Sendable, Equatable {
    public var consideration: ConsiderationInput
    public var reason: String?

    public init(_ consideration: ConsiderationInput = ConsiderationInput(), reason: String? = nil) {
        self.consideration = consideration
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey { case reason }

    public init(from decoder: Decoder) throws {
        consideration = try ConsiderationInput(from: decoder)
        reason = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .reason)
    }

    public func encode(to encoder: Encoder) throws {
        try consideration.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(reason, forKey: .reason)
    }
}

/// A checked amendment: the consideration as amended and why.
public struct ConsiderationAmendment: Sendable, Equatable {
    public var consideration: Consideration
    public var reason: String
    /// What differs from the version it amends, in words (see `Consideration.changes(from:)`).
    public var changes: [String]

    public init(consideration: Consideration, reason: String, changes: [String]) {
        self.consideration = consideration
        self.reason = reason
        self.changes = changes
    }
}

extension Consideration {
    /// What differs from `old`, in words, in the order of the form: free text by its name, the
    /// weighting, consulting and monitoring with both values. Outcomes and measures are compared
    /// as sets (the order they were ticked in does not matter). Empty: nothing was changed.
    public func changes(from old: Consideration) -> [String] {
        var out: [String] = []
        func text(_ a: String?, _ b: String?, _ label: String) {
            if (a ?? "") != (b ?? "") { out.append(label) }
        }
        text(old.wellbeing, wellbeing, "how it might improve well-being in the area (s.1(3)(a))")
        if Set(old.outcomeIDs) != Set(outcomeIDs) { out.append("the framework outcomes") }
        text(old.securing, securing, "how the process will secure it (s.1(3)(b))")
        if old.weightingPercent != weightingPercent {
            out.append("the social value weighting, from \(old.weightingPercent)% to \(weightingPercent)%")
        }
        text(old.weightingReason, weightingReason, "the reason for the weighting")
        if Set(old.measureIDs) != Set(measureIDs) { out.append("the measures for the tender") }
        text(old.contractConditions, contractConditions, "the contract conditions")
        text(old.smeVcsSteps, smeVcsSteps, "the steps that help SMEs and VCS organisations")
        if old.consult != consult {
            out.append("whether to consult (s.1(7)), from \(old.consult ? "yes" : "no") to \(consult ? "yes" : "no")")
        }
        text(old.consultReason, consultReason, "why you will or will not consult")
        if old.monitoring != monitoring {
            out.append(
                "how often the supplier reports, from \(old.monitoring.label.lowercased()) to \(monitoring.label.lowercased())"
            )
        }
        text(old.monitoringReason, monitoringReason, "the reason for the monitoring frequency")
        text(old.monitoringPlan, monitoringPlan, "the monitoring plan")
        return out
    }
}

extension Procurement {
    /// The longest reason for an amendment.
    public static let amendmentReasonMaxLength = AmendmentRule.reasonMaxLength

    /// The amendment rule as it names a consideration.
    static let amendmentRule = AmendmentRule(record: "the consideration", unchangedField: "wellbeing")

    /// Checks an amendment of the version in force (`current`, version `currentVersion`): the
    /// consideration under the same rules as when it was recorded, a reason, and at least one
    /// change. Every problem is reported at once.
    public static func validate(
        amendment a: ConsiderationAmendmentInput, current: Consideration, currentVersion: Int,
        suggestion: ProportionalitySuggestion?, authority: AuthorityType, knownOutcomes: Set<UUID>,
        knownMeasures: Set<UUID>
    ) throws -> ConsiderationAmendment {
        var p = Problems()
        let amended = try AmendmentRule.checked(&p) {
            try validate(
                consideration: a.consideration, suggestion: suggestion, authority: authority,
                knownOutcomes: knownOutcomes, knownMeasures: knownMeasures)
        }
        let changes = amended.map { $0.changes(from: current) }
        let reason = amendmentRule.check(reason: a.reason, changes: changes, currentVersion: currentVersion, &p)
        try p.throwIfAny()
        return ConsiderationAmendment(consideration: amended!, reason: reason!, changes: changes!)
    }

    /// What a published tender froze from the consideration is not changed by an amendment: when
    /// the amended weighting differs from the tender's social value weight, the words that say
    /// so (nil when they agree or no tender has been published).
    public static func frozenWeightingNote(amendedWeighting: Int, tenderWeighting: Int?) -> String? {
        guard let tenderWeighting, tenderWeighting != amendedWeighting else { return nil }
        return
            "The tender was published with a social value weighting of \(tenderWeighting)%; this amendment (\(amendedWeighting)%) does not change it. Bids are evaluated at \(tenderWeighting)%."
    }
}
