import Foundation

/// The access table's rows for `EvaluationStore` (see `ProtectedOperations`).
public enum EvaluationOperation: String, ProtectedOperations {
    case readPanel, readCandidates, assignEvaluator, removeEvaluator
    /// Saving and submitting one's own scores: evaluators assigned to the panel only (none of
    /// the table's askers is on the panel, so the table expects every one refused).
    case saveScores, submitScores
    case readScores, readModeration, moderateScore, readModeratedScores, rankBids, readRanking

    public var store: String { "EvaluationStore" }

    public func outcome(for viewer: Viewer?, on subject: AccessSubject) -> AccessOutcome {
        guard let viewer else { return .forbidden }
        switch self {
        case .readPanel, .readModeratedScores, .readRanking:
            return decide(viewer.isBuyerSide(owner: subject.buyer))
        case .readCandidates, .assignEvaluator, .removeEvaluator, .readModeration, .moderateScore, .rankBids:
            return decide(viewer.canManageTender(owner: subject.buyer))
        case .saveScores, .submitScores:
            return decide(PanelRules.canScore(viewer: viewer, panel: []))
        case .readScores:
            let seen = PanelRules.visibility(viewer: viewer, owner: subject.buyer, panel: [], submitted: [])
            return decide(seen != .denied)
        }
    }
}
