import Foundation

/// A breach of the contract or a failure to perform, as the contract performance notice records
/// it (Procurement Act 2023 s.71; DOMAIN.md §9: `requirement`, `decisionDate`, `penaltyType`,
/// `penaltyValue`).
public enum FailureKind: String, Codable, Sendable, CaseIterable {
    case breach
    case failureToPerform = "failure-to-perform"

    public var label: String {
        switch self {
        case .breach: return "Breach of contract"
        case .failureToPerform: return "Failure to perform"
        }
    }
}

public enum PenaltyType: String, Codable, Sendable, CaseIterable {
    case none, contracted, imposed, negotiated

    public var label: String {
        switch self {
        case .none: return "No penalty"
        case .contracted: return "A penalty set in the contract"
        case .imposed: return "A penalty imposed"
        case .negotiated: return "A negotiated settlement"
        }
    }
}

public struct FailureInput: Codable, Sendable, Equatable {
    public var kind: String?
    public var requirement: String?
    public var whatHappened: String?
    public var decidedOn: String?
    public var penaltyType: String?
    /// Pounds as typed, for a penalty.
    public var penaltyValue: String?

    public init(
        kind: String? = nil, requirement: String? = nil, whatHappened: String? = nil, decidedOn: String? = nil,
        penaltyType: String? = nil, penaltyValue: String? = nil
    ) {
        self.kind = kind
        self.requirement = requirement
        self.whatHappened = whatHappened
        self.decidedOn = decidedOn
        self.penaltyType = penaltyType
        self.penaltyValue = penaltyValue
    }

    enum CodingKeys: String, CodingKey { case kind, requirement, whatHappened, decidedOn, penaltyType, penaltyValue }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decodeIfPresent(String.self, forKey: .kind)
        requirement = try c.decodeIfPresent(String.self, forKey: .requirement)
        whatHappened = try c.decodeIfPresent(String.self, forKey: .whatHappened)
        decidedOn = try c.decodeDate(forKey: .decidedOn)
        penaltyType = try c.decodeIfPresent(String.self, forKey: .penaltyType)
        penaltyValue = try c.decodeIfPresent(String.self, forKey: .penaltyValue)
    }
}

public struct PerformanceFailure: Sendable, Equatable {
    public let kind: FailureKind
    public let requirement: String
    public let whatHappened: String
    public let decidedOn: CalendarDate
    public let penaltyType: PenaltyType
    public let penalty: Money?
}

public enum PerformanceFailures {
    public static let textMaxLength = 5000

    /// The decision is dated within the contract and not after today; a penalty has its value in
    /// pounds, and "no penalty" has none.
    public static func validate(_ input: FailureInput, start: CalendarDate, end: CalendarDate, today: CalendarDate)
        throws -> PerformanceFailure
    {
        var p = Problems()
        let kind = FailureKind(rawValue: input.kind ?? "")
        if kind == nil { p.add("kind", "Select whether it was a breach or a failure to perform") }
        let requirement = p.text(
            input.requirement, field: "requirement", label: "what the contract required", max: textMaxLength)
        let happened = p.text(input.whatHappened, field: "whatHappened", label: "what happened", max: textMaxLength)
        let decided = DateEntry.read(input.decidedOn, field: "decidedOn", label: "the date of the decision", &p)
        DateEntry.notAfter(
            decided, today: today, raw: input.decidedOn, field: "decidedOn", label: "the date of the decision", &p)
        if let decided, decided < start || decided > end {
            p.add(
                DateEntry.errorField(input.decidedOn, "decidedOn"),
                "The date of the decision must be while the contract runs, \(start.longForm) to \(end.longForm)")
        }
        let penaltyType = PenaltyType(rawValue: input.penaltyType ?? "")
        if penaltyType == nil { p.add("penaltyType", "Select whether a penalty was applied") }
        let typed = (input.penaltyValue ?? "").trimmingCharacters(in: .whitespaces)
        var penalty: Money?
        if penaltyType == PenaltyType.none, !typed.isEmpty {
            p.add("penaltyValue", "Leave the penalty’s value empty when there is no penalty")
        } else if let penaltyType, penaltyType != .none {
            penalty = p.money(typed, field: "penaltyValue", label: "the penalty’s value", required: true)
        }
        try p.throwIfAny()
        return PerformanceFailure(
            kind: kind!, requirement: requirement!, whatHappened: happened!, decidedOn: decided!,
            penaltyType: penaltyType!, penalty: penalty)
    }
}
