import Foundation

/// A key performance indicator as typed: a social value commitment of the contract (by its
/// measure code: its name, committed quantity and unit become the KPI's), or another service
/// KPI with its own name, target and unit; and how often it is measured.
public struct KPIInput: Codable, Sendable, Equatable {
    public var measureCode: String?
    public var name: String?
    /// A number, like 95 or 1,200.
    public var target: String?
    public var unit: String?
    public var frequency: String?

    public init(
        measureCode: String? = nil, name: String? = nil, target: String? = nil, unit: String? = nil,
        frequency: String? = nil
    ) {
        self.measureCode = measureCode
        self.name = name
        self.target = target
        self.unit = unit
        self.frequency = frequency
    }
}

/// A checked KPI.
public struct KPI: Sendable, Equatable {
    /// The commitment it measures, when it is one.
    public let measureCode: String?
    public let name: String
    public let target: Decimal
    public let unit: String
    public let frequency: MonitoringFrequency
}

/// The contract's position on the KPI duty as typed: what kind of contract it is (only a
/// standard contract over £5m has the duty) and, when KPIs are not set, why they are not
/// appropriate. A later version also says why it changed (`reason`, `AmendmentRule`).
public struct KPIPositionInput: Codable, Sendable, Equatable {
    public var contractKind: String?
    public var notAppropriateReason: String?
    public var reason: String?

    public init(contractKind: String? = nil, notAppropriateReason: String? = nil, reason: String? = nil) {
        self.contractKind = contractKind
        self.notAppropriateReason = notAppropriateReason
        self.reason = reason
    }
}

public struct KPIPosition: Sendable, Equatable {
    public let contractKind: KPIContractKind
    public let notAppropriateReason: String?

    public init(contractKind: KPIContractKind, notAppropriateReason: String?) {
        self.contractKind = contractKind
        self.notAppropriateReason = notAppropriateReason
    }

    /// Before any is recorded: a standard contract, no reason.
    public static let initial = KPIPosition(contractKind: .standard, notAppropriateReason: nil)
}

extension KPIContractKind {
    public var label: String {
        switch self {
        case .standard: return "A standard public contract"
        case .framework: return "A framework"
        case .concession: return "A concession contract"
        case .lightTouch: return "A light-touch contract"
        }
    }
}

/// The rules for setting KPIs (Procurement Act 2023 s.52; docs/performance.md).
public enum KPIs {
    /// The most KPIs one contract takes (our limit: the assessment form rates each).
    public static let maximumPerContract = 20
    public static let reasonMaxLength = 2000

    /// `commitments`: the contract's social value commitments; `existing`: the names of its
    /// KPIs already set (a name is used once per contract, compared without case).
    public static func validate(_ input: KPIInput, commitments: [MonitoredCommitment], existing: [String]) throws
        -> KPI
    {
        var p = Problems()
        let frequency = MonitoringFrequency(rawValue: input.frequency ?? "")
        if frequency == nil { p.add("frequency", "Select how often the KPI is measured") }
        let code = input.measureCode?.trimmingCharacters(in: .whitespaces) ?? ""
        var kpi: (String, Decimal, String)?
        if !code.isEmpty {
            if let c = commitments.first(where: { $0.code == code }) {
                kpi = (c.name, c.committed, c.unit)
            } else {
                p.add("measureCode", "Select one of the contract’s social value commitments, or another KPI")
            }
        } else {
            let name = p.text(input.name, field: "name", label: "the name of the KPI")
            let unit = p.text(input.unit, field: "unit", label: "the unit of the target, like “% of visits on time”")
            let target = quantity(input.target, &p)
            if let name, let unit, let target { kpi = (name, target, unit) }
        }
        if let (name, _, _) = kpi, existing.contains(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) {
            p.add(code.isEmpty ? "name" : "measureCode", "The contract already has a KPI called “\(name)”")
        }
        if existing.count >= maximumPerContract {
            p.add("name", "A contract can have at most \(maximumPerContract) KPIs")
        }
        try p.throwIfAny()
        let (name, target, unit) = kpi!
        return KPI(
            measureCode: code.isEmpty ? nil : code, name: name, target: target, unit: unit, frequency: frequency!)
    }

    static func quantity(_ raw: String?, _ p: inout Problems) -> Decimal? {
        let text = (raw ?? "").trimmingCharacters(in: .whitespaces)
        if text.isEmpty {
            p.add("target", "Enter the target, like 95")
            return nil
        }
        guard let d = DecimalText.parse(text.replacingOccurrences(of: ",", with: "")), d >= 0,
            d <= 1_000_000_000_000
        else {
            p.add("target", "The target must be a number from 0 to 1,000,000,000,000, like 95 or 1,200")
            return nil
        }
        return d
    }

    /// The position as typed. `current` is the version in force (nil before the first): a later
    /// version is an amendment, with a reason and a change (`AmendmentRule`).
    public static func validate(_ input: KPIPositionInput, current: (KPIPosition, version: Int)?) throws
        -> (KPIPosition, reason: String?)
    {
        var p = Problems()
        let kind = KPIContractKind(rawValue: input.contractKind ?? "")
        if kind == nil { p.add("contractKind", "Select what kind of contract it is") }
        let why = p.text(
            input.notAppropriateReason, field: "notAppropriateReason", label: "why KPIs are not appropriate",
            required: false, max: reasonMaxLength)
        let position = kind.map { KPIPosition(contractKind: $0, notAppropriateReason: why) }
        var reason: String?
        if let current {
            let rule = AmendmentRule(record: "the KPI position", unchangedField: "contractKind")
            reason = rule.check(
                reason: input.reason, changes: position.map { $0 == current.0 ? [] : ["changed"] },
                currentVersion: current.version, &p)
        }
        try p.throwIfAny()
        return (position!, reason)
    }
}
