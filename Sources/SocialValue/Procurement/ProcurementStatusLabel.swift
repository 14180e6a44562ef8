import Foundation

extension ProcurementStatus {
    /// The status as shown at `now`. A procurement whose tender is open stays `tenderOpen` until
    /// the bids are opened, but once the tender's deadline has passed it is no longer open: it
    /// reads "Closed", and to those who manage it "Closed: bids to open" (docs/tenders.md).
    /// `tenderDeadline` is the published tender's deadline, if it has one.
    public func label(tenderDeadline: Date?, now: Date, managing: Bool) -> String {
        guard self == .tenderOpen, let deadline = tenderDeadline, now >= deadline else { return label }
        return managing ? "Closed: bids to open" : "Closed"
    }
}
