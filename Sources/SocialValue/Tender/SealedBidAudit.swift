import Foundation

/// How the audit trail shows a bid's events while its tender's bids are sealed (docs/tenders.md,
/// "Who is bidding stays sealed"). Until the opening the buyer and the administrator see only how
/// many bids there are, so a bid's event names neither who acted nor the organisation: both read
/// "a bidder". Only the display changes: the stored event, and so the hash chain, is untouched.
public enum SealedBidAudit {
    public static let placeholder = "a bidder"
    /// The record type bid events are written under.
    public static let recordType = "bid"
    /// The fields of a bid event that name the bidder.
    public static let identifyingFields: Set<String> = ["organisation"]

    /// Whether a tender in `status` still keeps its bidders' names sealed: every status before
    /// the opening, and a tender cancelled before its bids were opened (`opened` false).
    public static func isSealed(_ status: TenderStatus, opened: Bool) -> Bool {
        switch status {
        case .draft, .published: return true
        case .cancelled: return !opened
        case .bidsOpened, .evaluation, .awarded: return false
        }
    }

    /// The event as shown while sealed: the actor and every identifying field replaced.
    public static func redact(actor: String, changes: [String: FieldChange]) -> (
        actor: String, changes: [String: FieldChange]
    ) {
        var shown = changes
        for key in identifyingFields {
            guard let c = changes[key] else { continue }
            shown[key] = FieldChange(from: c.from.map { _ in placeholder }, to: c.to.map { _ in placeholder })
        }
        return (placeholder, shown)
    }
}
