import Foundation

/// Delivery of one commitment so far (DOMAIN.md §5: commitments carried into the contract as
/// monitored KPIs; Compact principle 3.17: the value the sector creates is demonstrated).
public struct CommitmentProgress: Sendable, Equatable {
    public let commitment: MonitoredCommitment
    /// Σ verified quantities of verified returns.
    public let verified: Decimal
    /// Σ claimed quantities of submitted returns not yet verified.
    public let awaiting: Decimal

    /// verified ÷ committed × 100, unrounded; nil when nothing was committed.
    public var percentDelivered: Decimal? {
        commitment.committed == 0 ? nil : verified / commitment.committed * 100
    }

    /// verified × the frozen proxy, unrounded pounds.
    public var deliveredValue: Decimal { verified * commitment.proxy }

    /// committed × the frozen proxy, unrounded pounds (the contract's monetised commitment).
    public var committedValue: Decimal { commitment.committed * commitment.proxy }

    /// "62.5%", half-up to one decimal place; "–" without a commitment.
    public var percentText: String { percentDelivered.map { DecimalText.format($0, places: 1) + "%" } ?? "–" }
}

/// A contract's delivery: a line per commitment and the totals.
public struct ContractProgress: Sendable, Equatable {
    public let lines: [CommitmentProgress]

    /// Totals are summed from the unrounded parts and rounded once (2 dp half-up) when shown.
    public var committedValue: Decimal { lines.reduce(0) { $0 + $1.committedValue } }
    public var deliveredValue: Decimal { lines.reduce(0) { $0 + $1.deliveredValue } }

    /// One submitted or verified return's claimed and verified quantities per measure code.
    public struct Return: Sendable, Equatable {
        public let status: ReturnStatus
        public let claimed: [String: Decimal]
        public let verified: [String: Decimal]

        public init(status: ReturnStatus, claimed: [String: Decimal], verified: [String: Decimal]) {
            self.status = status
            self.claimed = claimed
            self.verified = verified
        }
    }

    /// Verified delivered to date counts verified returns only; drafts and returns sent back
    /// for changes count nowhere.
    public init(commitments: [MonitoredCommitment], returns: [Return]) {
        lines = commitments.map { c in
            var verified: Decimal = 0
            var awaiting: Decimal = 0
            for r in returns {
                switch r.status {
                case .verified: verified += r.verified[c.code] ?? 0
                case .submitted: awaiting += r.claimed[c.code] ?? 0
                case .draft, .changesRequested: break
                }
            }
            return CommitmentProgress(commitment: c, verified: verified, awaiting: awaiting)
        }
    }

    public static let csvColumns = [
        "measure_code", "measure", "unit", "committed", "verified_to_date", "awaiting_verification",
        "percent_delivered", "proxy_per_unit", "committed_value", "delivered_value",
    ]

    /// The progress table as CSV (columns in docs/monitoring.md), with a totals row.
    public var csv: String {
        var text = CSV.line(Self.csvColumns)
        for l in lines {
            let c = l.commitment
            text += CSV.line([
                c.code, c.name, c.unit, DecimalText.plainQuantity(c.committed), DecimalText.plainQuantity(l.verified),
                DecimalText.plainQuantity(l.awaiting),
                l.percentDelivered.map { DecimalText.format($0, places: 1) } ?? "",
                ValueSetCSV.plain(c.proxy), DecimalText.format(l.committedValue), DecimalText.format(l.deliveredValue),
            ])
        }
        text += CSV.line([
            "total", "Total", "", "", "", "", "", "", DecimalText.format(committedValue),
            DecimalText.format(deliveredValue),
        ])
        return text
    }
}
