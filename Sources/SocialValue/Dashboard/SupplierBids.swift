import Foundation

/// Where a supplier's bid stands, as its dashboard lists it (docs/dashboard.md): the bid's own
/// status read with its tender's phase and, after award, whether this bid won.
public enum SupplierBidStatus: String, Sendable, Equatable, CaseIterable {
    case draft, submitted, withdrawn
    /// The deadline passed with the bid still a draft: it was never sent.
    case notSubmitted = "not-submitted"
    /// Submitted; the deadline has passed and the buyer is opening or evaluating the bids.
    case tenderClosed = "tender-closed"
    case awarded
    case notAwarded = "not-awarded"
    case tenderCancelled = "tender-cancelled"

    public static func of(bid: BidStatus, tender: TenderPhase, won: Bool) -> SupplierBidStatus {
        if bid == .withdrawn { return .withdrawn }
        switch tender {
        case .cancelled: return .tenderCancelled
        case .draft, .open: return bid == .submitted ? .submitted : .draft
        case .closed, .bidsOpened, .evaluation: return bid == .submitted ? .tenderClosed : .notSubmitted
        case .awarded:
            guard bid == .submitted else { return .notSubmitted }
            return won ? .awarded : .notAwarded
        }
    }

    public var label: String {
        switch self {
        case .draft: return "Draft"
        case .submitted: return "Submitted"
        case .withdrawn: return "Withdrawn"
        case .notSubmitted: return "Not submitted: tender closed"
        case .tenderClosed: return "Submitted: tender closed"
        case .awarded: return "Awarded"
        case .notAwarded: return "Not awarded"
        case .tenderCancelled: return "Tender cancelled"
        }
    }

    public var tagColour: String {
        switch self {
        case .draft: return "yellow"
        case .submitted: return "blue"
        case .withdrawn, .notSubmitted, .tenderCancelled: return "grey"
        case .tenderClosed: return "purple"
        case .awarded: return "green"
        case .notAwarded: return "red"
        }
    }
}
