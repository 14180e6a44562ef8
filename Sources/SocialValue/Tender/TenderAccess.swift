import Foundation

/// The access table's rows for `TenderStore` and `BidStore` (see `ProtectedOperations`).
public enum TenderOperation: String, ProtectedOperations {
    // TenderStore
    case saveTender, publishTender, cancelTender, addTenderDocument, removeTenderDocument, answerClarification
    case askClarification
    /// Reading a tender, its documents or its clarifications while it is a draft.
    case readDraftTender, readDraftTenderDocuments, readDraftTenderClarifications
    // BidStore
    case countBids, openBids, readOpenedBids, readOpenedBid, readBidAttachment
    case readOwnBid, saveBid, submitBid, withdrawBid, addBidAttachment, removeBidAttachment

    public var store: String {
        switch self {
        case .saveTender, .publishTender, .cancelTender, .addTenderDocument, .removeTenderDocument,
            .answerClarification, .askClarification, .readDraftTender, .readDraftTenderDocuments,
            .readDraftTenderClarifications:
            return "TenderStore"
        case .countBids, .openBids, .readOpenedBids, .readOpenedBid, .readBidAttachment,
            .readOwnBid, .saveBid, .submitBid, .withdrawBid, .addBidAttachment, .removeBidAttachment:
            return "BidStore"
        }
    }

    public func outcome(for viewer: Viewer?, on subject: AccessSubject) -> AccessOutcome {
        guard let viewer else {
            // Only the draft reads take a `Viewer?`; the rest need a signed-in viewer.
            switch self {
            case .readDraftTender, .readDraftTenderDocuments, .readDraftTenderClarifications:
                return decide(
                    Optional<Viewer>.none.canSeeTender(owner: subject.buyer, published: false), otherwise: .notFound)
            default:
                return .forbidden
            }
        }
        switch self {
        case .saveTender, .publishTender, .cancelTender, .addTenderDocument, .removeTenderDocument,
            .answerClarification, .openBids:
            return decide(viewer.canManageTender(owner: subject.buyer))
        case .askClarification, .readOwnBid, .saveBid, .submitBid, .withdrawBid, .addBidAttachment,
            .removeBidAttachment:
            return decide(viewer.canBid(for: subject.supplier))
        case .readDraftTender, .readDraftTenderDocuments, .readDraftTenderClarifications:
            return decide(viewer.canSeeTender(owner: subject.buyer, published: false), otherwise: .notFound)
        case .countBids, .readOpenedBids, .readOpenedBid:
            return decide(viewer.isBuyerSide(owner: subject.buyer))
        case .readBidAttachment:
            return decide(viewer.isBuyerSide(owner: subject.buyer) || viewer.canBid(for: subject.supplier))
        }
    }
}
