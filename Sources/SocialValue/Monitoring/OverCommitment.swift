import Foundation

/// A line of a return that takes the delivery of its commitment past what was committed over
/// the contract: counted cumulatively, the earlier returns' delivery plus this period's claim
/// (docs/monitoring.md, "Claiming more than committed").
public struct OverCommitment: Sendable, Equatable {
    public let commitment: MonitoredCommitment
    /// Delivered in the contract's other returns: verified quantities of verified returns and
    /// the claims of submitted returns awaiting verification.
    public let earlier: Decimal
    /// Claimed in this return.
    public let claimed: Decimal

    public init(commitment: MonitoredCommitment, earlier: Decimal, claimed: Decimal) {
        self.commitment = commitment
        self.earlier = earlier
        self.claimed = claimed
    }

    /// Earlier delivery and this claim together.
    public var total: Decimal { earlier + claimed }
    /// How far the total goes past the commitment.
    public var over: Decimal { total - commitment.committed }

    /// The warning beside the line, naming it with its figures.
    public var message: String {
        let u = commitment.unit
        let q = DecimalText.groupedQuantity
        return
            "\(commitment.code) \(commitment.name): \(q(total)) \(u) delivered in all (\(q(earlier)) in earlier returns and \(q(claimed)) in this one) against \(q(commitment.committed)) committed, \(q(over)) over"
    }
}

extension MonitoringReturns {
    /// The form's and the API's confirmation that figures over their commitment are right.
    public static let confirmOverCommitmentField = "confirmOverCommitment"

    /// The lines whose claim takes delivery past the commitment. `others` are the contract's
    /// other periods' returns: verified ones count their verified quantities, submitted ones
    /// their claims; drafts and returns sent back count nothing. Reaching the commitment
    /// exactly is not over it. A line not claimed in this return is never over.
    public static func overCommitments(
        _ content: ReturnContent, commitments: [MonitoredCommitment], others: [ContractProgress.Return]
    ) -> [OverCommitment] {
        let earlier = ContractProgress(commitments: commitments, returns: others).lines
        return zip(commitments, earlier).compactMap { c, progress in
            guard let claimed = content.quantities[c.code] else { return nil }
            let line = OverCommitment(
                commitment: c, earlier: progress.verified + progress.awaiting, claimed: claimed)
            return line.over > 0 ? line : nil
        }
    }

    /// A claim over its commitment needs the supplier's confirmation; without it nothing is
    /// saved and each line over is named (under the confirmation's field, and the line's own).
    public static func checkConfirmed(_ lines: [OverCommitment], confirmed: Bool) throws {
        guard !lines.isEmpty, !confirmed else { return }
        var p = Problems()
        for l in lines {
            p.add(confirmOverCommitmentField, l.message + ": confirm the figures are right, or correct them")
        }
        try p.throwIfAny()
    }
}

extension DecimalText {
    /// A quantity with its thousands grouped: 5000 → "5,000", 1234.5 → "1,234.5".
    public static func groupedQuantity(_ d: Decimal) -> String {
        let plain = plainQuantity(d)
        let negative = plain.hasPrefix("-")
        let body = negative ? String(plain.dropFirst()) : plain
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var digits = String(parts[0])
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits = String(digits.dropLast(3))
        }
        grouped = digits + grouped
        return (negative ? "-" : "") + grouped + (parts.count == 2 ? "." + parts[1] : "")
    }
}
