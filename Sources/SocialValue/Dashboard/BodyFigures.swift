import Foundation

/// A public body's contracts and their social value delivery, as its dashboard leads with them
/// (docs/dashboard.md). Pounds are exact Decimals summed from the unrounded parts of each
/// commitment and rounded once when shown. Verified delivery counts verified returns only
/// (DOMAIN.md §5); what suppliers have claimed in returns not yet verified is kept apart and
/// never added to it.
public struct DeliveryFigures: Sendable, Equatable {
    public let contracts: Int
    /// Σ committed quantity × the proxy frozen in the tender.
    public let committed: Decimal
    /// Σ verified quantity × proxy, from verified returns only.
    public let verified: Decimal
    /// Σ claimed quantity × proxy in submitted returns awaiting verification.
    public let claimedNotVerified: Decimal

    public init(_ contracts: [ContractProgress]) {
        self.contracts = contracts.count
        committed = contracts.reduce(0) { $0 + $1.committedValue }
        verified = contracts.reduce(0) { $0 + $1.deliveredValue }
        claimedNotVerified = contracts.reduce(0) { sum, c in
            c.lines.reduce(sum) { $0 + $1.awaitingValue }
        }
    }
}

extension CommitmentProgress {
    /// Claimed in submitted returns not yet verified × the frozen proxy, unrounded pounds.
    public var awaitingValue: Decimal { awaiting * commitment.proxy }
}

/// What a strategy priority's target is measured against, from the data the product holds
/// (docs/dashboard.md, "Strategy targets"). Targets are free text, so nothing is read into a
/// target beyond these two rules, and a priority no data supports says "not measured yet".
public enum StrategyAchievement: Sendable, Equatable {
    /// A target about spend with VCSE organisations: the value of contracts the body awarded to
    /// VCSE organisations in the strategy year so far.
    case vcseSpend(from: CalendarDate, to: CalendarDate, awarded: Money, contracts: Int)
    /// The verified delivery of the body's commitments against the priority outcome's measures.
    case verifiedDelivery(value: Decimal, commitments: Int)
    case notMeasuredYet

    /// A target that names VCSE organisations ("£2m spend with local VCSE organisations").
    public static func isAboutVCSESpend(_ target: String) -> Bool {
        let t = target.lowercased()
        return t.contains("vcse") || t.contains("voluntary and community")
    }

    /// The strategy year that contains `today`: from the start date or its latest anniversary on
    /// or before today, for twelve months less a day, cut at the strategy's end. Nil before the
    /// strategy starts or after it ends.
    public static func strategyYear(containing today: CalendarDate, starts: CalendarDate, ends: CalendarDate)
        -> (from: CalendarDate, to: CalendarDate)?
    {
        guard starts <= today, today <= ends else { return nil }
        var from = starts
        var years = 1
        while starts.adding(months: 12 * years) <= today {
            from = starts.adding(months: 12 * years)
            years += 1
        }
        let to = min(from.adding(months: 12).adding(days: -1), ends)
        return (from, to)
    }

    /// One awarded contract as the VCSE rule sees it.
    public struct AwardedContract: Sendable, Equatable {
        public let value: Money
        public let awardedOn: CalendarDate
        public let supplierIsVCSE: Bool

        public init(value: Money, awardedOn: CalendarDate, supplierIsVCSE: Bool) {
            self.value = value
            self.awardedOn = awardedOn
            self.supplierIsVCSE = supplierIsVCSE
        }
    }

    /// Σ the value of contracts awarded to VCSE organisations from `from` to `to`, both included.
    public static func vcseSpend(_ contracts: [AwardedContract], from: CalendarDate, to: CalendarDate)
        -> StrategyAchievement
    {
        let counted = contracts.filter { $0.supplierIsVCSE && from <= $0.awardedOn && $0.awardedOn <= to }
        return .vcseSpend(
            from: from, to: to, awarded: Money(pence: counted.reduce(0) { $0 + $1.value.pence }),
            contracts: counted.count)
    }

    /// The verified delivery of the commitments whose measure is one of `measureCodes`;
    /// not measured yet when no commitment uses any of them.
    public static func verifiedDelivery(_ contracts: [ContractProgress], measureCodes: Set<String>)
        -> StrategyAchievement
    {
        let lines = contracts.flatMap(\.lines).filter { measureCodes.contains($0.commitment.code) }
        guard !lines.isEmpty else { return .notMeasuredYet }
        return .verifiedDelivery(value: lines.reduce(0) { $0 + $1.deliveredValue }, commitments: lines.count)
    }
}
