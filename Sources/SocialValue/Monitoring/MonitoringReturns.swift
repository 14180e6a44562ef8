import Foundation

/// Where a monitoring return is: draft → submitted → verified, or submitted → changes requested →
/// (edited) submitted again. Verified is final (Compact principle 3.17: supplier returns with
/// evidence, verified by the buyer).
public enum ReturnStatus: String, Codable, Sendable, CaseIterable {
    case draft
    case submitted
    case changesRequested = "changes-requested"
    case verified

    public var label: String {
        switch self {
        case .draft: return "Draft"
        case .submitted: return "Submitted"
        case .changesRequested: return "Changes requested"
        case .verified: return "Verified"
        }
    }

    /// The supplier may change lines, narrative and evidence, and submit.
    public var isEditable: Bool { self == .draft || self == .changesRequested }
}

/// What a period shows in the returns table: the return's state once there is one submitted or
/// verified; otherwise Overdue once the due date has passed, else the draft state, else Due once
/// the period has ended, else Not due yet (our design, docs/monitoring.md).
public enum PeriodStatus: String, Codable, Sendable, Equatable {
    case notDueYet = "not-due-yet"
    case due
    case overdue
    case draft
    case submitted
    case changesRequested = "changes-requested"
    case verified

    public var label: String {
        switch self {
        case .notDueYet: return "Not due yet"
        case .due: return "Due"
        case .overdue: return "Overdue"
        case .draft: return "Draft"
        case .submitted: return "Submitted"
        case .changesRequested: return "Changes requested"
        case .verified: return "Verified"
        }
    }

    public static func of(_ period: ReportingPeriod, returnStatus: ReturnStatus?, today: CalendarDate) -> PeriodStatus {
        switch returnStatus {
        case .verified: return .verified
        case .submitted: return .submitted
        default: break
        }
        if period.isPastDue(today: today) { return .overdue }
        switch returnStatus {
        case .changesRequested: return .changesRequested
        case .draft: return .draft
        default: return period.hasEnded(today: today) ? .due : .notDueYet
        }
    }
}

/// Who has to act on a reporting period next, for the dashboards: the supplier writes a due,
/// overdue or sent-back return (or finishes a draft once the period has ended); the buyer
/// verifies a submitted one and chases an overdue one. Nobody acts on a verified return or on a
/// period not yet due.
public enum MonitoringTask {
    public static func supplierActs(_ status: PeriodStatus, _ period: ReportingPeriod, today: CalendarDate) -> Bool {
        switch status {
        case .due, .overdue, .changesRequested: return true
        case .draft: return period.hasEnded(today: today)
        case .notDueYet, .submitted, .verified: return false
        }
    }

    public static func buyerActs(_ status: PeriodStatus) -> Bool { status == .submitted || status == .overdue }
}

/// One contract commitment as the return's lines see it.
public struct MonitoredCommitment: Sendable, Equatable {
    public let code: String
    public let name: String
    public let unit: String
    public let committed: Decimal
    /// The proxy per unit frozen in the tender.
    public let proxy: Decimal

    public init(code: String, name: String, unit: String, committed: Decimal, proxy: Decimal) {
        self.code = code
        self.name = name
        self.unit = unit
        self.committed = committed
        self.proxy = proxy
    }
}

/// A return as typed in the form or sent to the API. `lines` is keyed by measure code.
public struct ReturnInput: Codable, Sendable, Equatable {
    public struct Line: Codable, Sendable, Equatable {
        public var quantity: String?
        public var note: String?
        public init(quantity: String? = nil, note: String? = nil) {
            self.quantity = quantity
            self.note = note
        }
    }

    public var narrative: String?
    public var lines: [String: Line]?
    /// The supplier confirms that figures taking a line past its commitment are right (the form's
    /// checkbox sends `true`); without it such a return is not saved (see `OverCommitment`).
    public var confirmOverCommitment: Bool?

    public init(narrative: String? = nil, lines: [String: Line]? = nil, confirmOverCommitment: Bool? = nil) {
        self.narrative = narrative
        self.lines = lines
        self.confirmOverCommitment = confirmOverCommitment
    }

    enum CodingKeys: String, CodingKey { case narrative, lines, confirmOverCommitment }

    /// Reads the API's JSON and the form alike: the form's checkbox sends `yes`.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        narrative = try c.decodeIfPresent(String.self, forKey: .narrative)
        lines = try c.decodeIfPresent([String: Line].self, forKey: .lines)
        confirmOverCommitment = try c.decodeYesNo(forKey: .confirmOverCommitment)
    }
}

/// A return's checked contents; a draft may leave things out.
public struct ReturnContent: Sendable, Equatable {
    public var narrative: String
    /// Measure code → quantity delivered this period (only those given).
    public var quantities: [String: Decimal]
    /// Measure code → note (only those given).
    public var notes: [String: String]

    public init(narrative: String = "", quantities: [String: Decimal] = [:], notes: [String: String] = [:]) {
        self.narrative = narrative
        self.quantities = quantities
        self.notes = notes
    }
}

/// The buyer's decision on a submitted return.
public struct VerificationInput: Codable, Sendable, Equatable {
    /// A verified quantity (blank means "as claimed") and the verifier's note.
    public typealias Line = ReturnInput.Line

    /// "verify" or "request-changes".
    public var decision: String?
    public var reason: String?
    public var lines: [String: Line]?

    public init(decision: String? = nil, reason: String? = nil, lines: [String: Line]? = nil) {
        self.decision = decision
        self.reason = reason
        self.lines = lines
    }
}

/// One line as the buyer verified it.
public struct VerifiedLine: Sendable, Equatable {
    public let quantity: Decimal
    /// Why less was verified than claimed.
    public let note: String?

    public init(quantity: Decimal, note: String?) {
        self.quantity = quantity
        self.note = note
    }
}

public enum VerificationDecision: Sendable, Equatable {
    /// Measure code → the verified line.
    case verify([String: VerifiedLine])
    case requestChanges(reason: String)
}

/// The rules of monitoring returns (DOMAIN.md §5 and §7; Compact principles 3.6 and 3.17).
public enum MonitoringReturns {
    public static let maxNarrative = 10_000
    public static let maxNote = 2_000

    public static func quantityField(_ code: String) -> String { "lines.\(code).quantity" }
    public static func noteField(_ code: String) -> String { "lines.\(code).note" }

    /// A quantity of 0 or more, exact decimal text ("12", "1500.5"; commas ignored).
    static func quantity(_ raw: String?, field: String, message: String, into p: inout Problems) -> Decimal? {
        let text = (raw ?? "").trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
        if text.isEmpty { return nil }
        guard !text.hasPrefix("-"), text.count <= 24, let q = DecimalText.parse(text) else {
            p.add(field, message)
            return nil
        }
        return q
    }

    /// Checks what was typed. Blank answers are allowed (a draft); `checkSubmittable` asks for them.
    public static func validate(_ input: ReturnInput, commitments: [MonitoredCommitment]) throws -> ReturnContent {
        var p = Problems()
        var content = ReturnContent()
        content.narrative =
            p.text(
                input.narrative, field: "narrative", label: "the overall narrative", required: false, max: maxNarrative)
            ?? ""
        let known = Set(commitments.map(\.code))
        for code in (input.lines ?? [:]).keys.sorted() where !known.contains(code) {
            p.add(quantityField(code), "\(code) is not a commitment of this contract")
        }
        for c in commitments {
            let line = input.lines?[c.code]
            if let q = quantity(
                line?.quantity, field: quantityField(c.code),
                message:
                    "Enter the \(c.name.lowercased()) delivered this period as a number of 0 or more, like 12 or 30.5",
                into: &p)
            {
                content.quantities[c.code] = q
            }
            if let note = p.text(
                line?.note, field: noteField(c.code), label: "the note on \(c.name.lowercased())", required: false,
                max: maxNote)
            {
                content.notes[c.code] = note
            }
        }
        try p.throwIfAny()
        return content
    }

    /// Submission needs the period to have ended, the narrative, a quantity on every line (0 is
    /// allowed) and at least one piece of evidence.
    public static func checkSubmittable(
        _ content: ReturnContent, commitments: [MonitoredCommitment], evidenceCount: Int,
        period: ReportingPeriod, today: CalendarDate
    ) throws {
        var p = Problems()
        if !period.hasEnded(today: today) {
            p.add(
                "period",
                "You can submit the return for period \(period.number) after the period ends on \(period.endsOn.longForm)"
            )
        }
        if content.narrative.isEmpty {
            p.add("narrative", "Enter the overall narrative of what was delivered this period")
        }
        for c in commitments where content.quantities[c.code] == nil {
            p.add(quantityField(c.code), "Enter the \(c.name.lowercased()) delivered this period (0 if none)")
        }
        if evidenceCount == 0 { p.add("evidence", "Attach at least one piece of evidence") }
        try p.throwIfAny()
    }

    /// The buyer's decision. Verify: each line's verified quantity defaults to the claimed one, is
    /// 0 or more and no more than claimed, and needs a note when lower. Request changes: a reason.
    public static func validate(
        _ input: VerificationInput, claimed: [String: Decimal], commitments: [MonitoredCommitment]
    ) throws -> VerificationDecision {
        var p = Problems()
        switch input.decision {
        case "request-changes":
            let reason = p.text(input.reason, field: "reason", label: "what needs to change", max: maxNote)
            try p.throwIfAny()
            return .requestChanges(reason: reason!)
        case "verify":
            var lines: [String: VerifiedLine] = [:]
            for c in commitments {
                let claim = claimed[c.code] ?? 0
                let line = input.lines?[c.code]
                let field = quantityField(c.code)
                let q =
                    quantity(
                        line?.quantity, field: field,
                        message: "Enter the verified \(c.name.lowercased()) as a number of 0 or more, like 12 or 30.5",
                        into: &p) ?? claim
                if q > claim {
                    p.add(
                        field,
                        "The verified \(c.name.lowercased()) must be no more than the \(DecimalText.plainQuantity(claim)) claimed"
                    )
                }
                let note = p.text(
                    line?.note, field: noteField(c.code), label: "the verification note on \(c.name.lowercased())",
                    required: false, max: maxNote)
                if q < claim && note == nil && p.errors.allSatisfy({ $0.field != noteField(c.code) }) {
                    p.add(noteField(c.code), "Enter why less \(c.name.lowercased()) is verified than claimed")
                }
                lines[c.code] = VerifiedLine(quantity: q, note: note)
            }
            try p.throwIfAny()
            return .verify(lines)
        default:
            throw ValidationFailure("decision", "Choose whether to verify the return or request changes")
        }
    }
}

extension DecimalText {
    /// A quantity as typed back to people: no grouping, no trailing zeros ("30", "12.5").
    public static func plainQuantity(_ d: Decimal) -> String { "\(d)" }
}

extension Viewer {
    /// Monitoring is read by whoever sees the contract: the buyer side (commissioners, evaluators,
    /// viewers), the administrator, and the supplier's members; nobody else (not found).
    public func canSeeMonitoring(buyer: UUID, supplier: UUID) -> Bool {
        canSeeContract(buyer: buyer, supplier: supplier)
    }

    /// The supplier organisation's members write and submit its returns.
    public func canEditReturns(supplier: UUID) -> Bool { holds(.supplierMember, at: supplier) }

    /// The buyer's commissioners verify returns or request changes.
    public func canVerifyReturns(buyer: UUID) -> Bool { holds(.commissioner, at: buyer) }
}
