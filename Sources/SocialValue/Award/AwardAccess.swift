import Foundation

/// The access table's rows for `AwardStore` (see `ProtectedOperations`). The subject's supplier
/// is the winning bidder, the contract's supplier.
public enum AwardOperation: String, ProtectedOperations {
    case readAwardDefaults, awardContract
    /// A contract by its id: hidden (not found) from those who may not see it.
    case readContract
    case readTenderContract, readContractCommitments, readFeedback
    /// The public register of awarded contracts: buyer, supplier, value, dates, commitments and
    /// verified delivery, open to everyone, visitors included (docs/contracts.md). Nothing
    /// sealed, unverified or personal is in it.
    case readPublicContracts

    public var store: String { "AwardStore" }

    public func outcome(for viewer: Viewer?, on subject: AccessSubject) -> AccessOutcome {
        if self == .readPublicContracts { return .allowed }
        guard let viewer else { return .forbidden }
        switch self {
        case .readPublicContracts:
            return .allowed
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
