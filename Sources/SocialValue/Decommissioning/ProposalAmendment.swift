import Foundation

/// What a decommissioning proposal says to the provider: the service, the change, the funding,
/// the rationale and the impact assessment. Once shared with the provider it is never changed in
/// place: a change is a new version with its reason and author, and the version shared stays
/// beside it (issue 13 §1; decommissioning.md, "Amending a shared proposal").
public struct ProposalContent: Codable, Sendable, Equatable {
    public var serviceName: String
    public var serviceDescription: String
    public var change: FundingChange
    public var currentFundingPence: Int64?
    public var proposedFundingPence: Int64?
    public var rationale: String
    public var onBeneficiaries: String?
    public var onServiceUsers: String?
    public var onVolunteers: String?
    public var widerImpact: String?
    public var mitigation: String?

    public init(
        serviceName: String, serviceDescription: String, change: FundingChange, currentFundingPence: Int64?,
        proposedFundingPence: Int64?, rationale: String, onBeneficiaries: String?, onServiceUsers: String?,
        onVolunteers: String?, widerImpact: String?, mitigation: String?
    ) {
        self.serviceName = serviceName
        self.serviceDescription = serviceDescription
        self.change = change
        self.currentFundingPence = currentFundingPence
        self.proposedFundingPence = proposedFundingPence
        self.rationale = rationale
        self.onBeneficiaries = onBeneficiaries
        self.onServiceUsers = onServiceUsers
        self.onVolunteers = onVolunteers
        self.widerImpact = widerImpact
        self.mitigation = mitigation
    }

    public init(_ p: Proposal, impact i: ImpactInput) {
        serviceName = p.serviceName
        serviceDescription = p.serviceDescription
        change = p.change
        currentFundingPence = p.currentFunding?.pence
        proposedFundingPence = p.proposedFunding?.pence
        rationale = p.rationale
        onBeneficiaries = i.onBeneficiaries
        onServiceUsers = i.onServiceUsers
        onVolunteers = i.onVolunteers
        widerImpact = i.widerImpact
        mitigation = i.mitigation
    }

    public var impact: ImpactInput {
        ImpactInput(
            onBeneficiaries: onBeneficiaries, onServiceUsers: onServiceUsers, onVolunteers: onVolunteers,
            widerImpact: widerImpact, mitigation: mitigation)
    }

    /// What differs from `old`, in words, in the order the case reads. Empty: nothing was changed.
    public func changes(from old: ProposalContent) -> [String] {
        let pairs: [(String, Bool)] = [
            ("the name of the service", old.serviceName != serviceName),
            ("what the service does", old.serviceDescription != serviceDescription),
            ("the proposed change", old.change != change),
            ("the current annual funding", old.currentFundingPence != currentFundingPence),
            ("the proposed annual funding", old.proposedFundingPence != proposedFundingPence),
            ("the rationale", old.rationale != rationale),
            ("the impact on beneficiaries", old.onBeneficiaries != onBeneficiaries),
            ("the impact on service users", old.onServiceUsers != onServiceUsers),
            ("the impact on volunteers", old.onVolunteers != onVolunteers),
            ("the social, environmental and economic impact", old.widerImpact != widerImpact),
            ("the mitigation", old.mitigation != mitigation),
        ]
        return pairs.filter(\.1).map(\.0)
    }
}

/// An amendment of a shared proposal as its form or the API sends it: the proposal as amended
/// (the fields of `ProposalInput`), the impact assessment (the fields of `ImpactInput`; when none
/// of them is given, the assessment stays as it is) and `reason` (required), all at the top level.
public struct ProposalAmendmentInput: Codable, Sendable, Equatable {
    public var proposal: ProposalInput
    public var impact: ImpactInput
    public var reason: String?

    public init(_ proposal: ProposalInput, impact: ImpactInput = .init(), reason: String?) {
        self.proposal = proposal
        self.impact = impact
        self.reason = reason
    }

    /// The input that gives `c` again: what the amendment form starts from.
    public init(_ c: ProposalContent) {
        self.init(
            ProposalInput(
                serviceName: c.serviceName, serviceDescription: c.serviceDescription, change: c.change.rawValue,
                currentFunding: c.currentFundingPence.map { String(Money(pence: $0).description.dropFirst()) },
                proposedFunding: c.proposedFundingPence.map { String(Money(pence: $0).description.dropFirst()) },
                rationale: c.rationale),
            impact: c.impact, reason: nil)
    }

    enum CodingKeys: String, CodingKey { case reason }

    public init(from decoder: Decoder) throws {
        proposal = try ProposalInput(from: decoder)
        impact = try ImpactInput(from: decoder)
        reason = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .reason)
    }

    public func encode(to encoder: Encoder) throws {
        try proposal.encode(to: encoder)
        try impact.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(reason, forKey: .reason)
    }
}

/// A checked amendment: the proposal as amended, why, and what changed.
public struct ProposalAmendment: Sendable, Equatable {
    public var content: ProposalContent
    public var reason: String
    public var changes: [String]
}

extension Decommissioning {
    /// The longest reason for an amendment of a shared proposal: the same as every amendment's.
    public static let amendmentReasonMaxLength = AmendmentRule.reasonMaxLength

    static let amendmentRule = AmendmentRule(record: "the proposal", unchangedField: "serviceName")

    /// Checks an amendment of the version in force (`current`, version `currentVersion`) by the
    /// rule every amendment follows (`AmendmentRule`): the proposal under the rules of section 1,
    /// the impact under those of section 2 (none given: `current`'s stays), a reason, and at least
    /// one change. Every problem is reported at once.
    public static func validate(
        amendment a: ProposalAmendmentInput, current: ProposalContent, currentVersion: Int
    ) throws -> ProposalAmendment {
        var p = Problems()
        let proposal = try AmendmentRule.checked(&p) { try validate(a.proposal) }
        let given = a.impact
        let noImpact =
            [given.onBeneficiaries, given.onServiceUsers, given.onVolunteers, given.widerImpact, given.mitigation]
            .allSatisfy { $0 == nil }
        let impact = noImpact ? current.impact : try AmendmentRule.checked(&p) { try validate(given) }
        var changes: [String]?
        if let proposal, let impact { changes = ProposalContent(proposal, impact: impact).changes(from: current) }
        let reason = amendmentRule.check(reason: a.reason, changes: changes, currentVersion: currentVersion, &p)
        try p.throwIfAny()
        return ProposalAmendment(
            content: ProposalContent(proposal!, impact: impact!), reason: reason!, changes: changes!)
    }
}
