import Foundation

/// The rows of the access table: who is asking, relative to the record an operation concerns.
/// "Own" means the organisation on the asker's side of the record: the buying body for the
/// public-body roles (commissioner, evaluator, viewer), the bidding or providing organisation
/// for supplier members, and the record's Compact for Compact group members.
public enum AccessRole: Hashable, Sendable, CustomStringConvertible {
    case anonymous
    case member(MembershipRole, ownOrganisation: Bool)
    case compactGroup(ownCompact: Bool)
    case administrator

    /// Every row: anonymous, each role at the owning organisation and at another, the administrator.
    public static let all: [AccessRole] =
        [.anonymous]
        + MembershipRole.allCases.flatMap { [.member($0, ownOrganisation: true), .member($0, ownOrganisation: false)] }
        + [.compactGroup(ownCompact: true), .compactGroup(ownCompact: false), .administrator]

    public var description: String {
        switch self {
        case .anonymous: return "anonymous"
        case .member(let role, let own): return "\(role.rawValue) at \(own ? "the owning" : "another") organisation"
        case .compactGroup(let own): return "Compact group member of \(own ? "the record’s" : "another") Compact"
        case .administrator: return "administrator"
        }
    }
}

/// What the policy answers for one operation and one asker: allowed; forbidden (403); or not
/// found (404), where the record is hidden from the asker.
public enum AccessOutcome: Sendable, Equatable {
    case allowed
    case forbidden
    case notFound
}

/// The record an operation concerns, as the rules see it.
public struct AccessSubject: Sendable, Equatable {
    /// The public body that owns or buys.
    public let buyer: UUID
    /// The supplier that bids or provides.
    public let supplier: UUID
    public let compact: UUID

    public init(buyer: UUID, supplier: UUID, compact: UUID) {
        self.buyer = buyer
        self.supplier = supplier
        self.compact = compact
    }
}

/// Every protected store operation (one that reads protected data or writes), with the rule of
/// the access policy that decides it. `Tests/StorageTests/AccessTableTests` calls each one for
/// every `AccessRole` through an exhaustive `switch`, so an operation added here without a test
/// does not compile, and a store that stops checking fails.
public enum ProtectedOperation: String, CaseIterable, Sendable {
    // TenderStore
    case saveTender, publishTender, cancelTender, addTenderDocument, removeTenderDocument, answerClarification
    case askClarification
    /// Reading a tender, its documents or its clarifications while it is a draft.
    case readDraftTender, readDraftTenderDocuments, readDraftTenderClarifications
    // BidStore
    case countBids, openBids, readOpenedBids, readOpenedBid, readBidAttachment
    case readOwnBid, saveBid, submitBid, withdrawBid, addBidAttachment, removeBidAttachment
    // ProcurementStore
    case createProcurement, updateProcurement, recordConsideration, transitionProcurement, publishProcurement
    case addEngagementEvent, recordAfterEvent
    /// Commenting on a procurement not in the pipeline, and on one in the pipeline.
    case commentOnProcurement, commentOnPipelineProcurement
    /// Registering for an event of a procurement in the pipeline.
    case registerForEvent

    /// The store that performs the operation.
    public var store: String {
        switch self {
        case .saveTender, .publishTender, .cancelTender, .addTenderDocument, .removeTenderDocument,
            .answerClarification, .askClarification, .readDraftTender, .readDraftTenderDocuments,
            .readDraftTenderClarifications:
            return "TenderStore"
        case .countBids, .openBids, .readOpenedBids, .readOpenedBid, .readBidAttachment,
            .readOwnBid, .saveBid, .submitBid, .withdrawBid, .addBidAttachment, .removeBidAttachment:
            return "BidStore"
        case .createProcurement, .updateProcurement, .recordConsideration, .transitionProcurement, .publishProcurement,
            .addEngagementEvent, .recordAfterEvent, .commentOnProcurement, .commentOnPipelineProcurement,
            .registerForEvent:
            return "ProcurementStore"
        }
    }

    /// Whether the store takes a `Viewer?` (visitors may ask) rather than a `Viewer` (signed-in only).
    public var visitorsMayAsk: Bool {
        switch self {
        case .readDraftTender, .readDraftTenderDocuments, .readDraftTenderClarifications: return true
        default: return false
        }
    }

    /// The policy's answer for `viewer` (nil: not signed in) on `subject`.
    public func outcome(for viewer: Viewer?, on subject: AccessSubject) -> AccessOutcome {
        func decide(_ allowed: Bool, otherwise: AccessOutcome = .forbidden) -> AccessOutcome {
            allowed ? .allowed : otherwise
        }
        guard let viewer else {
            // Operations that need a signed-in viewer cannot be asked for by visitors at all.
            return visitorsMayAsk
                ? decide(
                    Optional<Viewer>.none.canSeeTender(owner: subject.buyer, published: false),
                    otherwise: .notFound) : .forbidden
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
        case .createProcurement, .updateProcurement, .recordConsideration, .transitionProcurement, .publishProcurement,
            .addEngagementEvent, .recordAfterEvent:
            return decide(viewer.canManageProcurement(owner: subject.buyer))
        case .commentOnProcurement:
            return decide(viewer.canCommentOnProcurement(owner: subject.buyer, inPipeline: false))
        case .commentOnPipelineProcurement:
            return decide(viewer.canCommentOnProcurement(owner: subject.buyer, inPipeline: true))
        case .registerForEvent:
            return decide(viewer.canRegisterForEvents)
        }
    }
}
