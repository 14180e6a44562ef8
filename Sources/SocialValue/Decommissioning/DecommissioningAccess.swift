import Foundation

/// The access table's rows for `DecommissioningStore` (see `ProtectedOperations`): a case of the
/// public body `subject.buyer` about the service `subject.supplier` provides, shared with the
/// provider and still being assessed. Those who may not see a case are told it was not found.
public enum DecommissioningOperation: String, ProtectedOperations {
    /// Starting a case for the body, and what the form offers: the providers, the body's contracts.
    case startCase, listProviders, listContracts
    /// Reading the case, its early discussions, the facts its task list reads, its decision and
    /// the amendments recorded beside it, and the versions of the proposal shared.
    case readCase, readDiscussions, readFacts, readDecisions, readProposalVersions
    /// The body's commissioners change, share and decide the case, and amend the shared proposal
    /// and the decision with a reason.
    case updateProposal, saveImpact, addDiscussion, shareCase, recordResponse, decideCase, amendDecision,
        amendProposal
    /// The body's commissioners publish a decided case's public summary (docs/decommissioning.md,
    /// "The public record"); anyone reads what is published, without the access table.
    case publishSummary
    /// The provider's members respond while it is being assessed.
    case respondToCase

    public var store: String { "DecommissioningStore" }

    public func outcome(for viewer: Viewer?, on subject: AccessSubject) -> AccessOutcome {
        guard let viewer else { return .forbidden }
        switch self {
        case .startCase, .listContracts:
            return decide(viewer.canManageDecommissioning(owner: subject.buyer))
        case .listProviders:
            return decide(viewer.canStartDecommissioning)
        default:
            break
        }
        guard viewer.canSeeDecommissioning(owner: subject.buyer, provider: subject.supplier, shared: true) else {
            return .notFound
        }
        switch self {
        case .readCase, .readDiscussions, .readFacts, .readDecisions, .readProposalVersions:
            return .allowed
        case .updateProposal, .saveImpact, .addDiscussion, .shareCase, .recordResponse, .decideCase, .amendDecision,
            .amendProposal, .publishSummary:
            return decide(viewer.canManageDecommissioning(owner: subject.buyer))
        case .respondToCase:
            return decide(
                viewer.canRespondToDecommissioning(provider: subject.supplier, shared: true, status: .assessing))
        case .startCase, .listContracts, .listProviders:
            return .forbidden  // decided above
        }
    }
}
