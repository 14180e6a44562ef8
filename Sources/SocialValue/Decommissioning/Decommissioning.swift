import Foundation

/// What the public body proposes to do to a service's funding.
public enum FundingChange: String, Codable, Sendable, CaseIterable {
    case end
    case reduce

    public var label: String {
        switch self {
        case .end: return "End funding"
        case .reduce: return "Reduce funding"
        }
    }
}

/// What was decided: end or reduce the funding, or continue unchanged (the proposal withdrawn).
public enum FundingDecision: String, Codable, Sendable, CaseIterable {
    case end
    case reduce
    case continueUnchanged = "continue"

    public var label: String {
        switch self {
        case .end: return "End funding"
        case .reduce: return "Reduce funding"
        case .continueUnchanged: return "Continue unchanged (withdraw the proposal)"
        }
    }

    /// End and reduce change the funding, so they need notice and the organisation's response.
    public var changesFunding: Bool { self != .continueUnchanged }

    public var status: DecommissioningStatus {
        switch self {
        case .end: return .ended
        case .reduce: return .reduced
        case .continueUnchanged: return .withdrawn
        }
    }
}

/// A case is assessed in draft, then decided: ended, reduced or withdrawn.
public enum DecommissioningStatus: String, Codable, Sendable, CaseIterable {
    case assessing, ended, reduced, withdrawn

    public var label: String {
        switch self {
        case .assessing: return "Assessing"
        case .ended: return "Funding ended"
        case .reduced: return "Funding reduced"
        case .withdrawn: return "Withdrawn"
        }
    }

    public var isDecided: Bool { self != .assessing }
}

/// Section 1 as typed: the service, the proposed change and its rationale.
public struct ProposalInput: Codable, Sendable, Equatable {
    public var serviceName: String?
    public var serviceDescription: String?
    public var change: String?
    /// Pounds as typed ("48,000"); needed to reduce.
    public var currentFunding: String?
    public var proposedFunding: String?
    public var rationale: String?

    public init(
        serviceName: String? = nil, serviceDescription: String? = nil, change: String? = nil,
        currentFunding: String? = nil, proposedFunding: String? = nil, rationale: String? = nil
    ) {
        self.serviceName = serviceName
        self.serviceDescription = serviceDescription
        self.change = change
        self.currentFunding = currentFunding
        self.proposedFunding = proposedFunding
        self.rationale = rationale
    }
}

public struct Proposal: Sendable, Equatable {
    public let serviceName: String
    public let serviceDescription: String
    public let change: FundingChange
    public let currentFunding: Money?
    public let proposedFunding: Money?
    public let rationale: String
}

/// Section 2 as typed. May be saved part-done; the decision needs the three impacts.
public struct ImpactInput: Codable, Sendable, Equatable {
    public var onBeneficiaries: String?
    public var onServiceUsers: String?
    public var onVolunteers: String?
    /// The social, environmental and economic impact, and the advice sought from voluntary groups.
    public var widerImpact: String?
    public var mitigation: String?

    public init(
        onBeneficiaries: String? = nil, onServiceUsers: String? = nil, onVolunteers: String? = nil,
        widerImpact: String? = nil, mitigation: String? = nil
    ) {
        self.onBeneficiaries = onBeneficiaries
        self.onServiceUsers = onServiceUsers
        self.onVolunteers = onVolunteers
        self.widerImpact = widerImpact
        self.mitigation = mitigation
    }
}

/// The organisation's response: submitted by its own members in the product, or a written
/// response received elsewhere and recorded by the commissioner (`how` it was received).
public struct ResponseInput: Codable, Sendable, Equatable {
    public var text: String?
    public var receivedOn: String?
    public var how: String?

    public init(text: String? = nil, receivedOn: String? = nil, how: String? = nil) {
        self.text = text
        self.receivedOn = receivedOn
        self.how = how
    }

    /// The text is `responseText`, the name its problems are reported under.
    enum CodingKeys: String, CodingKey {
        case text = "responseText"
        case receivedOn, how
    }
}

/// An early discussion with the organisation: when it was held and what was discussed.
public struct DiscussionInput: Codable, Sendable, Equatable {
    public var heldOn: String?
    public var notes: String?

    public init(heldOn: String? = nil, notes: String? = nil) {
        self.heldOn = heldOn
        self.notes = notes
    }
}

/// A new case: the public body starting it, the organisation that provides the service, the
/// contract it is bought under if any (each chosen from a list), and the proposal, whose fields
/// sit beside them (`serviceName`, `change`, …).
public struct NewCaseInput: Codable, Sendable, Equatable {
    public var ownerId: UUID?
    public var providerId: UUID?
    public var contractId: UUID?
    public var proposal: ProposalInput

    public init(
        ownerId: UUID? = nil, providerId: UUID? = nil, contractId: UUID? = nil, proposal: ProposalInput = .init()
    ) {
        self.ownerId = ownerId
        self.providerId = providerId
        self.contractId = contractId
        self.proposal = proposal
    }

    enum CodingKeys: String, CodingKey { case ownerId, providerId, contractId }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        ownerId = try c.decodeChosenID(forKey: .ownerId)
        providerId = try c.decodeChosenID(forKey: .providerId)
        contractId = try c.decodeChosenID(forKey: .contractId)
        proposal = try ProposalInput(from: decoder)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(ownerId, forKey: .ownerId)
        try c.encodeIfPresent(providerId, forKey: .providerId)
        try c.encodeIfPresent(contractId, forKey: .contractId)
        try proposal.encode(to: encoder)
    }
}

public struct OrganisationResponse: Sendable, Equatable {
    public let text: String
    public let receivedOn: CalendarDate
    public let how: String
}

/// Section 5 as typed.
public struct DecisionInput: Codable, Sendable, Equatable {
    public var decision: String?
    public var rationale: String?
    public var noticeGivenOn: String?
    public var effectiveOn: String?
    /// The exceptional reason is used only when `useExceptionalReason` is true.
    public var useExceptionalReason: Bool?
    public var exceptionalReason: String?

    public init(
        decision: String? = nil, rationale: String? = nil, noticeGivenOn: String? = nil, effectiveOn: String? = nil,
        useExceptionalReason: Bool? = nil, exceptionalReason: String? = nil
    ) {
        self.decision = decision
        self.rationale = rationale
        self.noticeGivenOn = noticeGivenOn
        self.effectiveOn = effectiveOn
        self.useExceptionalReason = useExceptionalReason
        self.exceptionalReason = exceptionalReason
    }

    /// The rationale is `decisionRationale`, as the case reads and its problems are reported.
    enum CodingKeys: String, CodingKey {
        case decision
        case rationale = "decisionRationale"
        case noticeGivenOn, effectiveOn, useExceptionalReason, exceptionalReason
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        decision = try c.decodeIfPresent(String.self, forKey: .decision)
        rationale = try c.decodeIfPresent(String.self, forKey: .rationale)
        noticeGivenOn = try c.decodeDate(forKey: .noticeGivenOn)
        effectiveOn = try c.decodeDate(forKey: .effectiveOn)
        useExceptionalReason = try c.decodeYesNo(forKey: .useExceptionalReason)
        exceptionalReason = try c.decodeIfPresent(String.self, forKey: .exceptionalReason)
    }
}

public struct Decision: Sendable, Equatable {
    public let decision: FundingDecision
    public let rationale: String
    /// Present for end and reduce.
    public let notice: NoticeResult?
    public let exceptionalReason: String?
}

/// The facts about a case the guard and the task list read.
public struct CaseFacts: Sendable, Equatable {
    public var onBeneficiaries: String?
    public var onServiceUsers: String?
    public var onVolunteers: String?
    public var widerImpact: String?
    public var mitigation: String?
    public var discussions: Int
    public var shared: Bool
    public var responseRecorded: Bool
    public var status: DecommissioningStatus
    public var currentFunding: Money?
    public var proposedFunding: Money?

    public init(
        onBeneficiaries: String? = nil, onServiceUsers: String? = nil, onVolunteers: String? = nil,
        widerImpact: String? = nil,
        mitigation: String? = nil, discussions: Int = 0, shared: Bool = false, responseRecorded: Bool = false,
        status: DecommissioningStatus = .assessing, currentFunding: Money? = nil, proposedFunding: Money? = nil
    ) {
        self.onBeneficiaries = onBeneficiaries
        self.onServiceUsers = onServiceUsers
        self.onVolunteers = onVolunteers
        self.widerImpact = widerImpact
        self.mitigation = mitigation
        self.discussions = discussions
        self.shared = shared
        self.responseRecorded = responseRecorded
        self.status = status
        self.currentFunding = currentFunding
        self.proposedFunding = proposedFunding
    }

    static func filled(_ s: String?) -> Bool { !(s ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }

    /// The three impacts the guidance names (§6.2): beneficiaries, service users, volunteers.
    public var missingImpacts: [(field: String, label: String)] {
        [
            ("onBeneficiaries", "beneficiaries", onBeneficiaries), ("onServiceUsers", "service users", onServiceUsers),
            ("onVolunteers", "volunteers", onVolunteers),
        ].filter { !Self.filled($0.2) }.map { ($0.0, $0.1) }
    }

    public var assessmentComplete: Bool { missingImpacts.isEmpty }
}

/// GOV.UK task list statuses.
public enum TaskStatus: String, Sendable, Equatable {
    case notStarted = "not-started"
    case inProgress = "in-progress"
    case completed
    case cannotStartYet = "cannot-start-yet"

    public var label: String {
        switch self {
        case .notStarted: return "Not started"
        case .inProgress: return "In progress"
        case .completed: return "Completed"
        case .cannotStartYet: return "Cannot start yet"
        }
    }
}

public enum DecommissioningSection: String, Sendable, CaseIterable {
    case proposal, impact, discussion, response, decision

    public var title: String {
        switch self {
        case .proposal: return "Describe the change and rationale"
        case .impact: return "Assess the impact"
        case .discussion: return "Discuss with the organisation"
        case .response: return "Organisation’s response"
        case .decision: return "Notice and decision"
        }
    }
}

/// The rules of a decommissioning case (Compact principle 4.x; DOMAIN.md §7; the guidance
/// §6.2): describe the change, assess its impact on beneficiaries, service users and
/// volunteers, discuss early, hear the organisation, then decide with notice.
public enum Decommissioning {
    public static let longText = 10_000

    public static func validate(_ input: ProposalInput) throws -> Proposal {
        var p = Problems()
        let name = p.text(input.serviceName, field: "serviceName", label: "the name of the service")
        let description = p.text(
            input.serviceDescription, field: "serviceDescription", label: "what the service does", max: longText)
        let change = FundingChange(rawValue: input.change ?? "")
        if change == nil { p.add("change", "Select whether funding would end or be reduced") }
        let current = p.money(
            input.currentFunding, field: "currentFunding", label: "the current annual funding",
            required: change == .reduce)
        let proposed = p.money(
            input.proposedFunding, field: "proposedFunding", label: "the proposed annual funding",
            required: change == .reduce)
        if change == .reduce, let current, let proposed, proposed >= current {
            p.add(
                "proposedFunding",
                "The proposed annual funding must be less than the current annual funding (\(current))")
        }
        let rationale = p.text(
            input.rationale, field: "rationale", label: "the rationale for the change", max: longText)
        try p.throwIfAny()
        return Proposal(
            serviceName: name!, serviceDescription: description!, change: change!,
            currentFunding: current, proposedFunding: change == .end ? nil : proposed, rationale: rationale!)
    }

    /// Saves what is written; each text is optional here (the decision checks completeness).
    public static func validate(_ input: ImpactInput) throws -> ImpactInput {
        var p = Problems()
        let out = ImpactInput(
            onBeneficiaries: p.text(
                input.onBeneficiaries, field: "onBeneficiaries", label: "the impact on beneficiaries", required: false,
                max: longText),
            onServiceUsers: p.text(
                input.onServiceUsers, field: "onServiceUsers", label: "the impact on service users", required: false,
                max: longText),
            onVolunteers: p.text(
                input.onVolunteers, field: "onVolunteers", label: "the impact on volunteers", required: false,
                max: longText),
            widerImpact: p.text(
                input.widerImpact, field: "widerImpact", label: "the social, environmental and economic impact",
                required: false, max: longText),
            mitigation: p.text(
                input.mitigation, field: "mitigation", label: "the mitigation", required: false, max: longText))
        try p.throwIfAny()
        return out
    }

    /// A meeting or conversation with the organisation: when, and what was discussed.
    public static func validateDiscussion(heldOn raw: String?, notes: String?, today: CalendarDate) throws -> (
        CalendarDate, String
    ) {
        var p = Problems()
        let date = NoticeRule.date(raw, field: "heldOn", label: "the date of the discussion", &p)
        DateEntry.notAfter(date, today: today, raw: raw, field: "heldOn", label: "the date of the discussion", &p)
        let text = p.text(notes, field: "notes", label: "what was discussed", max: longText)
        try p.throwIfAny()
        return (date!, text!)
    }

    /// `recordedElsewhere`: the commissioner records a written response, so says when and how it
    /// arrived; the provider's own members give only the text (received today, in the product).
    public static func validate(_ input: ResponseInput, recordedElsewhere: Bool, today: CalendarDate) throws
        -> OrganisationResponse
    {
        var p = Problems()
        let text = p.text(input.text, field: "responseText", label: "the organisation’s response", max: longText)
        var received = today
        var how = "Submitted in Commonweal"
        if recordedElsewhere {
            if let d = NoticeRule.date(
                input.receivedOn, field: "receivedOn", label: "the date the response was received", &p)
            {
                DateEntry.notAfter(
                    d, today: today, raw: input.receivedOn, field: "receivedOn",
                    label: "the date the response was received", &p)
                received = d
            }
            how =
                p.text(input.how, field: "how", label: "how the response was received, like “letter” or “email”") ?? ""
        }
        try p.throwIfAny()
        return OrganisationResponse(text: text!, receivedOn: received, how: how)
    }

    /// The decision guard (DOMAIN.md §7): end or reduce needs the impact assessment complete and
    /// the organisation's response recorded, a rationale, the notice dates (checked against
    /// `minimumMonths` by `NoticeRule`) and, when the exceptional reason is used, its text.
    /// Continuing unchanged needs only the rationale. Missing sections are named with a link
    /// field of the page to go to (a path).
    public static func validate(_ input: DecisionInput, facts: CaseFacts, minimumMonths: Int, casePath: String) throws
        -> Decision
    {
        var p = Problems()
        let decision = FundingDecision(rawValue: input.decision ?? "")
        if decision == nil { p.add("decision", "Select the decision") }
        if let decision, decision.changesFunding {
            for missing in facts.missingImpacts {
                p.add(
                    "\(casePath)/impact#\(missing.field)",
                    "Assess the impact on \(missing.label) before deciding to \(decision == .end ? "end" : "reduce") funding"
                )
            }
            if !facts.responseRecorded {
                p.add(
                    "\(casePath)/response",
                    "Record the organisation’s response before deciding to \(decision == .end ? "end" : "reduce") funding"
                )
            }
            if decision == .reduce, facts.currentFunding == nil || facts.proposedFunding == nil {
                p.add(
                    "\(casePath)/proposal#currentFunding",
                    "Enter the current and proposed annual funding before deciding to reduce funding")
            }
        }
        let rationale = p.text(
            input.rationale, field: "decisionRationale", label: "the rationale for the decision", max: longText)
        var notice: NoticeResult?
        var reason: String?
        if let decision, decision.changesFunding {
            if input.useExceptionalReason == true {
                reason = p.text(
                    input.exceptionalReason, field: "exceptionalReason",
                    label: "the exceptional reason for shorter notice", max: longText)
            }
            let given = NoticeRule.date(
                input.noticeGivenOn, field: "noticeGivenOn", label: "the date written notice is given", &p)
            let effective = NoticeRule.date(
                input.effectiveOn, field: "effectiveOn", label: "the date the change takes effect", &p)
            if let given, let effective {
                do {
                    notice = try NoticeRule.check(
                        noticeGivenOn: given, effectiveOn: effective, months: minimumMonths, exceptionalReason: reason)
                } catch let f as ValidationFailure {
                    for e in f.errors { p.add(e.field, e.message) }
                }
            }
        }
        try p.throwIfAny()
        return Decision(
            decision: decision!, rationale: rationale!, notice: notice, exceptionalReason: notice == nil ? nil : reason)
    }

    /// Each section's status on the task list. The proposal is complete once the case exists.
    /// The decision "cannot start yet" until the assessment is complete and the response recorded.
    public static func status(of section: DecommissioningSection, _ f: CaseFacts) -> TaskStatus {
        switch section {
        case .proposal:
            return .completed
        case .impact:
            let texts = [f.onBeneficiaries, f.onServiceUsers, f.onVolunteers, f.widerImpact, f.mitigation]
            if f.assessmentComplete { return .completed }
            return texts.contains(where: CaseFacts.filled) ? .inProgress : .notStarted
        case .discussion:
            return f.discussions > 0 ? .completed : .notStarted
        case .response:
            if f.responseRecorded { return .completed }
            return f.shared ? .inProgress : .notStarted
        case .decision:
            if f.status.isDecided { return .completed }
            return f.assessmentComplete && f.responseRecorded ? .notStarted : .cannotStartYet
        }
    }
}

extension Viewer {
    /// Commissioners start decommissioning cases for the public bodies they work at.
    public var canStartDecommissioning: Bool { memberships.contains { $0.role == .commissioner } }

    /// A case is written, shared and decided by the owning body's commissioners.
    public func canManageDecommissioning(owner: UUID) -> Bool { holds(.commissioner, at: owner) }

    /// Everyone at the owning body and the administrator read a case; the provider's own members
    /// read it once it has been shared with them. Anyone else: not found.
    public func canSeeDecommissioning(owner: UUID, provider: UUID, shared: Bool) -> Bool {
        isAdmin || belongs(to: owner) || (shared && holds(.supplierMember, at: provider))
    }

    /// The provider's members respond to a shared case while it is being assessed.
    public func canRespondToDecommissioning(provider: UUID, shared: Bool, status: DecommissioningStatus) -> Bool {
        shared && status == .assessing && holds(.supplierMember, at: provider)
    }
}

extension ResponseInput {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        text = try c.decodeIfPresent(String.self, forKey: .text)
        receivedOn = try c.decodeDate(forKey: .receivedOn)
        how = try c.decodeIfPresent(String.self, forKey: .how)
    }
}

extension DiscussionInput {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        heldOn = try c.decodeDate(forKey: .heldOn)
        notes = try c.decodeIfPresent(String.self, forKey: .notes)
    }
}
