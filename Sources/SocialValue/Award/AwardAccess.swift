import Foundation

/// The access table's rows for `AwardStore` (see `ProtectedOperations`). The subject's supplier
/// is the winning bidder, the contract's supplier.
public enum AwardOperation: String, ProtectedOperations {
    case readAwardDefaults, awardContract
    /// A contract by its id: hidden (not found) from those who may not see it.
    case readContract
    case readTenderContract, readContractCommitments, readFeedback

    public var store: String { "AwardStore" }

    public func outcome(for viewer: Viewer?, on subject: AccessSubject) -> AccessOutcome {
        guard let viewer else { return .forbidden }
        switch self {
        case .readAwardDefaults, .awardContract:
            return decide(viewer.canManageTender(owner: subject.buyer))
        case .readContract:
            return decide(viewer.canSeeContract(buyer: subject.buyer, supplier: subject.supplier), otherwise: .notFound)
        case .readTenderContract, .readContractCommitments:
            return decide(viewer.canSeeContract(buyer: subject.buyer, supplier: subject.supplier))
        case .readFeedback:
            return decide(viewer.canBid(for: subject.supplier))
        }
    }
}
