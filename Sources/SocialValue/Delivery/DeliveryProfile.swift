import Foundation

/// An exact quotient, kept as numerator and denominator so comparisons at the RAG boundaries
/// are made by cross-multiplying, never on a rounded quotient (docs/delivery.md).
public struct Ratio: Sendable, Equatable {
    public let numerator: Decimal
    public let denominator: Decimal

    public init(_ numerator: Decimal, over denominator: Decimal = 1) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// The quotient (to Decimal's 38 digits), for display only.
    public var value: Decimal { denominator == 0 ? 0 : numerator / denominator }
}

/// A custom milestone: `quantity` more is due by the end of `dueOn`.
public struct DeliveryMilestone: Sendable, Equatable, Codable {
    public let dueOn: CalendarDate
    public let quantity: Decimal

    public init(dueOn: CalendarDate, quantity: Decimal) {
        self.dueOn = dueOn
        self.quantity = quantity
    }
}

/// How a commitment is expected to build up over the contract (issue 14; docs/delivery.md).
public enum DeliveryProfile: Sendable, Equatable {
    /// Evenly over the contract, pro rata by days.
    case even
    /// Stepped: each milestone's quantity is expected in full from its due date, nothing before.
    case milestones([DeliveryMilestone])
}

/// The days of a contract, counted inclusively: a contract from 1 April 2027 to 31 March 2029
/// runs 731 days (366 to 31 March 2028, which holds 29 February 2028, and 365 after). "To date"
/// means to the end of that day, so on the first day 1 day has elapsed and on the last day all of
/// them (docs/delivery.md "Counting days").
public struct ContractDays: Sendable, Equatable {
    public let start: CalendarDate
    public let end: CalendarDate

    public init(start: CalendarDate, end: CalendarDate) {
        self.start = start
        self.end = end
    }

    /// end − start + 1; 0 when the end is before the start.
    public var total: Int { max(0, start.days(until: end) + 1) }

    /// Days elapsed by the end of `date`, between 0 (before the start) and `total` (from the end on).
    public func elapsed(to date: CalendarDate) -> Int { min(total, max(0, start.days(until: date) + 1)) }
}

extension DeliveryProfile {
    /// The quantity expected by the end of `date` of `committed` over `days`.
    /// Even: committed × elapsed ÷ total. Milestones: Σ quantities due on or before `date`.
    public func expected(committed: Decimal, days: ContractDays, to date: CalendarDate) -> Ratio {
        switch self {
        case .even:
            guard days.total > 0 else { return Ratio(0) }
            return Ratio(committed * Decimal(days.elapsed(to: date)), over: Decimal(days.total))
        case .milestones(let ms):
            return Ratio(ms.filter { $0.dueOn <= date }.reduce(0) { $0 + $1.quantity })
        }
    }

    /// Checks custom milestones against the contract and the commitment: dates within the
    /// contract and in order, quantities above 0, adding up to the commitment. Errors name
    /// `milestones[i].dueOn` / `.quantity` and `milestones`.
    public static func validate(_ ms: [DeliveryMilestone], committed: Decimal, days: ContractDays) throws {
        var p = Problems()
        if ms.isEmpty { p.add("milestones", "Add at least one milestone") }
        for (i, m) in ms.enumerated() {
            if m.dueOn < days.start || m.dueOn > days.end {
                p.add("milestones[\(i)].dueOn", "Milestone \(i + 1) must fall within the contract")
            } else if i > 0 && m.dueOn <= ms[i - 1].dueOn {
                p.add("milestones[\(i)].dueOn", "Milestone \(i + 1) must be after milestone \(i)")
            }
            if m.quantity <= 0 { p.add("milestones[\(i)].quantity", "Milestone \(i + 1)’s quantity must be above 0") }
        }
        let sum = ms.reduce(Decimal(0)) { $0 + $1.quantity }
        if !ms.isEmpty && sum != committed {
            p.add(
                "milestones",
                "The milestones add up to \(DecimalText.plainQuantity(sum)), not the \(DecimalText.plainQuantity(committed)) committed"
            )
        }
        try p.throwIfAny()
    }
}
