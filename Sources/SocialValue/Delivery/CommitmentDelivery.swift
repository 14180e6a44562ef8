import Foundation

/// One commitment's delivery against its profile at the date it is measured to (issue 14;
/// docs/delivery.md): expected to date, verified against expected and committed, RAG, forecast at
/// completion at the verified rate so far, and whether it is at risk.
public struct CommitmentDelivery: Sendable, Equatable {
    public let progress: CommitmentProgress
    public let profile: DeliveryProfile
    public let days: ContractDays
    /// The last day the verified figures cover (`DeliveryClock.measuredTo`); nil: nothing to measure yet.
    public let measuredTo: CalendarDate?
    public let thresholds: DeliveryThresholds

    public init(
        progress: CommitmentProgress, profile: DeliveryProfile = .even, days: ContractDays, measuredTo: CalendarDate?,
        thresholds: DeliveryThresholds
    ) {
        self.progress = progress
        self.profile = profile
        self.days = days
        self.measuredTo = measuredTo
        self.thresholds = thresholds
    }

    public var committed: Decimal { progress.commitment.committed }
    public var verified: Decimal { progress.verified }

    /// Days elapsed by `measuredTo` (0 without one).
    public var elapsedDays: Int { measuredTo.map(days.elapsed(to:)) ?? 0 }

    public var expectedToDate: Ratio {
        guard let measuredTo else { return Ratio(0) }
        return profile.expected(committed: committed, days: days, to: measuredTo)
    }

    /// verified ÷ expected × 100 (display; the RAG compares exactly). Nil when nothing is expected.
    public var percentOfExpected: Decimal? {
        let e = expectedToDate
        return e.numerator > 0 ? verified * 100 * e.denominator / e.numerator : nil
    }

    /// verified ÷ committed × 100. Nil without a commitment.
    public var percentOfCommitted: Decimal? { progress.percentDelivered }

    public var rag: RAG? { RAG.of(verified: verified, expected: expectedToDate, thresholds: thresholds) }

    /// At the verified rate so far: verified × total days ÷ elapsed days. Nil before any day has
    /// elapsed (nothing to extrapolate from).
    public var forecast: Ratio? {
        elapsedDays > 0 ? Ratio(verified * Decimal(days.total), over: Decimal(elapsedDays)) : nil
    }

    /// The forecast falls short of the commitment by more than the tolerance:
    /// committed − forecast > committed × tolerance ÷ 100, that is
    /// verified × total × 100 < committed × (100 − tolerance) × elapsed. Exactly at the tolerance is
    /// not at risk; no forecast, not at risk.
    public var atRisk: Bool {
        guard let f = forecast else { return false }
        return f.numerator * 100 < committed * Decimal(100 - thresholds.atRiskTolerancePercent) * f.denominator
    }

    public var committedValue: Pounds<Committed> { Pounds(committed * progress.commitment.proxy) }
    public var expectedValue: Pounds<Committed> { Pounds(expectedToDate.value * progress.commitment.proxy) }
    public var verifiedValue: Pounds<Verified> { Pounds(verified * progress.commitment.proxy) }
    public var submittedValue: Pounds<Submitted> { Pounds(progress.awaiting * progress.commitment.proxy) }
}

/// The date a contract's verified delivery is measured to (docs/delivery.md "Measured to"): the
/// end of the latest reporting period whose return is verified, or whose due date has passed
/// with no return submitted (an overdue period counts as nothing delivered). A period whose
/// return was submitted and awaits verification is not counted until it is verified.
public enum DeliveryClock {
    public static func measuredTo(
        periods: [ReportingPeriod], statuses: [Int: ReturnStatus], today: CalendarDate
    ) -> CalendarDate? {
        periods.filter { p in
            switch statuses[p.number] {
            case .verified?: return true
            case .submitted?: return false
            case nil, .draft?, .changesRequested?: return p.isPastDue(today: today)
            }
        }.map(\.endsOn).max()
    }
}

/// A contract's delivery: a line per commitment and totals that keep their basis apart.
public struct ContractDelivery: Sendable, Equatable {
    public let lines: [CommitmentDelivery]
    public let measuredTo: CalendarDate?

    public init(
        progress: ContractProgress, days: ContractDays, measuredTo: CalendarDate?, thresholds: DeliveryThresholds,
        profiles: [String: DeliveryProfile] = [:]
    ) {
        self.measuredTo = measuredTo
        lines = progress.lines.map {
            CommitmentDelivery(
                progress: $0, profile: profiles[$0.commitment.code] ?? .even, days: days, measuredTo: measuredTo,
                thresholds: thresholds)
        }
    }

    public var committedValue: Pounds<Committed> { .total(lines.map(\.committedValue)) }
    public var expectedValue: Pounds<Committed> { .total(lines.map(\.expectedValue)) }
    public var verifiedValue: Pounds<Verified> { .total(lines.map(\.verifiedValue)) }
    public var submittedValue: Pounds<Submitted> { .total(lines.map(\.submittedValue)) }
    public var atRiskCount: Int { lines.filter(\.atRisk).count }

    /// One point of the cumulative chart: at the end of `on`, expected (committed basis) and, up
    /// to the date measured to, verified £.
    public struct Point: Sendable, Equatable {
        public let on: CalendarDate
        public let expected: Pounds<Committed>
        public let verified: Pounds<Verified>?
    }

    /// Cumulative expected and verified £: nothing at the contract’s start, then at each period’s end.
    /// `verifiedByPeriod` holds each verified return's quantities by measure code.
    public func timeline(periods: [ReportingPeriod], verifiedByPeriod: [Int: [String: Decimal]]) -> [Point] {
        guard let first = lines.first else { return [] }
        let days = first.days
        func expected(_ d: CalendarDate) -> Pounds<Committed> {
            .total(
                lines.map {
                    Pounds(
                        $0.profile.expected(committed: $0.committed, days: days, to: d).value
                            * $0.progress.commitment.proxy)
                })
        }
        var points = [Point(on: days.start, expected: .zero, verified: .zero)]
        var running: Pounds<Verified> = .zero
        for p in periods {
            let q = verifiedByPeriod[p.number] ?? [:]
            running =
                running
                + .total(lines.map { Pounds((q[$0.progress.commitment.code] ?? 0) * $0.progress.commitment.proxy) })
            let measured = measuredTo.map { p.endsOn <= $0 } ?? false
            points.append(Point(on: p.endsOn, expected: expected(p.endsOn), verified: measured ? running : nil))
        }
        return points
    }
}
