import Foundation

/// What a tender asks of its buying organisation's commissioners next, between the deadline and
/// the award (docs/evaluation.md): open the bids, moderate the panel's scores, make the award.
public enum EvaluationTask: String, Sendable, CaseIterable {
    case openBids = "open-bids"
    case moderate
    case award

    public var title: String {
        switch self {
        case .openBids: return "Closed: open the bids"
        case .moderate: return "Moderate the scores"
        case .award: return "Make the award"
        }
    }

    /// The task a tender in `status` sets its managers at `now`, if any: a published tender past
    /// its deadline waits to be opened; opened bids whose panel (not empty) has all submitted
    /// wait to be moderated and ranked; a ranked tender without a contract waits for the award.
    public static func due(
        status: TenderStatus, deadline: Date, now: Date, panel: Int, submitted: Int, ranked: Bool, contracted: Bool
    ) -> EvaluationTask? {
        switch status {
        case .published: return now >= deadline ? .openBids : nil
        case .bidsOpened: return panel > 0 && submitted == panel && !ranked ? .moderate : (ranked ? .award : nil)
        case .evaluation: return contracted ? nil : .award
        case .draft, .awarded, .cancelled: return nil
        }
    }
}
