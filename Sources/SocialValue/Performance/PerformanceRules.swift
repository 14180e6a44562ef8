import Foundation

/// What kind of public contract it is, for the Procurement Act 2023 KPI duty (docs/delivery.md).
public enum KPIContractKind: String, Sendable, Equatable, Codable, CaseIterable {
    case standard, framework, concession
    case lightTouch = "light-touch"
}

/// Where a contract stands against the KPI duty.
public enum KPICompliance: Sendable, Equatable {
    /// Not over £5m including VAT, or a framework, concession or light-touch contract.
    case notRequired
    /// At least three KPIs.
    case met
    /// Fewer than three KPIs, with a recorded reason why KPIs are not appropriate.
    case reasonRecorded
    /// Fewer than three KPIs and no reason: this many more are needed.
    case missing(Int)
}

/// Procurement Act 2023 s.52 (as issue 14 states it; docs/delivery.md): before entering into a
/// public contract with an estimated value of more than £5 million (including VAT), not a
/// framework, concession or light-touch contract, the authority sets at least three KPIs, or
/// records why KPIs would not be an appropriate way to assess performance.
public enum KPIRule {
    /// £5,000,000; the value must be above it.
    public static let thresholdPounds: Decimal = 5_000_000
    public static let minimumKPIs = 3

    /// ex VAT × (100 + rate) ÷ 100, unrounded pounds (standard rate 20%).
    public static func includingVAT(exVAT: Decimal, vatPercent: Decimal = 20) -> Decimal {
        exVAT * (100 + vatPercent) / 100
    }

    public static func applies(valueIncludingVAT: Decimal, kind: KPIContractKind) -> Bool {
        kind == .standard && valueIncludingVAT > thresholdPounds
    }

    public static func check(valueIncludingVAT: Decimal, kind: KPIContractKind, kpis: Int, reason: String?)
        -> KPICompliance
    {
        guard applies(valueIncludingVAT: valueIncludingVAT, kind: kind) else { return .notRequired }
        if kpis >= minimumKPIs { return .met }
        if let reason, !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return .reasonRecorded }
        return .missing(minimumKPIs - kpis)
    }
}

/// Why a KPI assessment is due.
public enum AssessmentReason: Sendable, Equatable {
    /// The n-th 12 months from the contract's start.
    case annual(Int)
    /// The contract's end.
    case end
    /// Termination before the end.
    case termination
    /// After a breach or failure to perform, decided on that day.
    case breach

    public var label: String {
        switch self {
        case .annual(let n): return n == 1 ? "12 months from the start" : "\(n * 12) months from the start"
        case .end: return "End of the contract"
        case .termination: return "Termination"
        case .breach: return "After a breach or failure to perform"
        }
    }
}

public struct AssessmentDue: Sendable, Equatable {
    public let on: CalendarDate
    public let reason: AssessmentReason

    public init(on: CalendarDate, reason: AssessmentReason) {
        self.on = on
        self.reason = reason
    }
}

/// When KPI assessments are due (Procurement Act 2023 s.71 as issue 14 states it; docs/delivery.md):
/// at least every 12 months from the start (start + 12 k months, clamped month ends as
/// `CalendarDate.adding(months:)`), strictly before the contract stops; when it stops (its end,
/// or the termination day if it is terminated earlier); and on the day each breach or failure
/// to perform is decided, while the contract runs. Sorted by date, the end last on a tie.
public enum AssessmentSchedule {
    public static func due(
        start: CalendarDate, end: CalendarDate, terminatedOn: CalendarDate? = nil, breaches: [CalendarDate] = []
    ) -> [AssessmentDue] {
        guard start <= end else { return [] }
        let terminated = terminatedOn.map { $0 < end && $0 >= start } ?? false
        let stop = terminated ? terminatedOn! : end
        var result: [AssessmentDue] = []
        var k = 1
        var next = start.adding(months: 12)
        while next < stop {
            result.append(AssessmentDue(on: next, reason: .annual(k)))
            k += 1
            next = start.adding(months: 12 * k)
        }
        for b in breaches where b >= start && b <= stop { result.append(AssessmentDue(on: b, reason: .breach)) }
        result.sort { $0.on < $1.on }
        result.append(AssessmentDue(on: stop, reason: terminated ? .termination : .end))
        return result
    }
}
