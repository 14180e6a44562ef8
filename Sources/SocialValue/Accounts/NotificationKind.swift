/// What a notification is about: the one list of kinds the product sends, which the database
/// also holds the `notifications.kind` column to.
public enum NotificationKind: String, CaseIterable, Codable, Sendable {
    case consultationPublished = "consultation-published"
    case consultationInvitation = "consultation-invitation"
    case consultationOutcome = "consultation-outcome"
    case tenderClarification = "tender-clarification"
    case tenderCancelled = "tender-cancelled"
    case tenderAwarded = "tender-awarded"
    case monitoringSubmitted = "monitoring-submitted"
    case monitoringVerified = "monitoring-verified"
    case monitoringChangesRequested = "monitoring-changes-requested"
    case decommissioningShared = "decommissioning-shared"
    case decommissioningResponse = "decommissioning-response"
    case decommissioningDecided = "decommissioning-decided"
    /// Added to an evaluation panel: score these bids (widened by `WidenNotificationKinds`).
    case evaluationAssigned = "evaluation-assigned"
    /// A bidder asked a clarification question: the buyer's commissioners answer it.
    case tenderQuestion = "tender-question"
}
