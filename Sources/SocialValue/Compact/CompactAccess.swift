import Foundation

/// The access table's rows for `CompactStore` and `StrategyStore` (see `ProtectedOperations`).
/// The register itself (a Compact, its signatories, group, principles, reviews and strategy) is
/// public; these are the writes, and the one read that lists people.
public enum CompactOperation: String, ProtectedOperations {
    // CompactStore
    case createCompact, updateCompact, updateCompactSettings, addSignatory, removeSignatory
    case addGroupSeat, removeGroupSeat, listGroupCandidates, addPrinciple, updatePrinciple, removePrinciple
    case recordReview
    /// Amending a signed Compact's text and principles: a new version with its reason.
    case amendCompact
    // StrategyStore
    case saveStrategy, addStrategyPriority, moveStrategyPriority, removeStrategyPriority, signUpToStrategy
    /// Amending a strategy bodies have signed up to: a new version with its reason.
    case amendStrategy

    public var store: String {
        switch self {
        case .createCompact, .updateCompact, .updateCompactSettings, .addSignatory, .removeSignatory, .addGroupSeat,
            .removeGroupSeat, .listGroupCandidates, .addPrinciple, .updatePrinciple, .removePrinciple, .recordReview,
            .amendCompact:
            return "CompactStore"
        case .saveStrategy, .addStrategyPriority, .moveStrategyPriority, .removeStrategyPriority, .signUpToStrategy,
            .amendStrategy:
            return "StrategyStore"
        }
    }

    public func outcome(for viewer: Viewer?, on subject: AccessSubject) -> AccessOutcome {
        guard let viewer else { return .forbidden }
        switch self {
        case .createCompact:
            return decide(viewer.canCreateCompact)
        case .updateCompact, .updateCompactSettings, .addSignatory, .removeSignatory, .addGroupSeat,
            .removeGroupSeat, .listGroupCandidates, .addPrinciple, .updatePrinciple, .removePrinciple,
            .recordReview, .amendCompact, .saveStrategy, .addStrategyPriority, .moveStrategyPriority,
            .removeStrategyPriority,
            .signUpToStrategy, .amendStrategy:
            return decide(viewer.canManageCompact(subject.compact))
        }
    }
}
