import Foundation

/// The access table's rows for `ConsultationStore` and `ResponseStore` (see `ProtectedOperations`).
/// The subject's `buyer` is the public body that owns the consultation, `compact` the Compact it
/// is under, `supplier` an organisation responding to it.
public enum ConsultationOperation: String, ProtectedOperations {
    // ConsultationStore: writing, kept by the owner's commissioners.
    case createConsultation, updateConsultation, deleteConsultation, publishConsultation
    case addQuestion, updateQuestion, removeQuestion, moveQuestion, addDocument, removeDocument, saveOutcome
    /// Amending a published "you said, we did" summary: a new version with its reason.
    case amendOutcome
    /// Reading a consultation to change it (the edit, questions, documents and outcome pages).
    case readForChange
    /// Reading a draft, its questions, its documents and one document; listing drafts in the
    /// finder and on the owning body's dashboard.
    case readDraftConsultation, readDraftQuestions, readDraftDocuments, readDraftDocument
    case listDraftConsultations, listBodyConsultations
    /// Reading a "you said, we did" summary before it is published.
    case readUnpublishedOutcome
    // ResponseStore
    case saveIndividualResponse, saveOrganisationResponse
    /// An organisation's response (draft or sent), as its supplier members find it to continue it.
    case readOrganisationResponse
    /// The signed-in person's own responses, and one of them by its ID.
    case readOwnResponses, readOwnResponse
    /// How many responses have been sent while the consultation is still open.
    case countResponsesWhileOpen
    /// The owner's view after close: the sent responses, one of them, the export.
    case readSubmittedResponses, readSubmittedResponse, exportResponses

    public var store: String {
        switch self {
        case .createConsultation, .updateConsultation, .deleteConsultation, .publishConsultation, .addQuestion,
            .updateQuestion, .removeQuestion, .moveQuestion, .addDocument, .removeDocument, .saveOutcome,
            .amendOutcome, .readForChange, .readDraftConsultation, .readDraftQuestions, .readDraftDocuments,
            .readDraftDocument,
            .listDraftConsultations, .listBodyConsultations, .readUnpublishedOutcome:
            return "ConsultationStore"
        case .saveIndividualResponse, .saveOrganisationResponse, .readOrganisationResponse, .readOwnResponses,
            .readOwnResponse, .countResponsesWhileOpen, .readSubmittedResponses, .readSubmittedResponse,
            .exportResponses:
            return "ResponseStore"
        }
    }

    public func outcome(for viewer: Viewer?, on subject: AccessSubject) -> AccessOutcome {
        let (owner, compact) = (subject.buyer, subject.compact)
        guard let viewer else {
            // Only the reads that take a `Viewer?` answer visitors; the rest need a signed-in viewer.
            let none = Optional<Viewer>.none
            switch self {
            case .readDraftConsultation, .readDraftQuestions, .readDraftDocuments, .readDraftDocument,
                .listDraftConsultations:
                return decide(
                    none.canSeeConsultation(owner: owner, compact: compact, published: false), otherwise: .notFound)
            case .readUnpublishedOutcome:
                return .notFound
            case .countResponsesWhileOpen:
                return decide(none.canCountConsultationResponses(owner: owner, closed: false))
            default:
                return .forbidden
            }
        }
        switch self {
        case .createConsultation, .updateConsultation, .deleteConsultation, .publishConsultation, .addQuestion,
            .updateQuestion, .removeQuestion, .moveQuestion, .addDocument, .removeDocument, .saveOutcome,
            .amendOutcome, .readForChange, .readSubmittedResponses, .readSubmittedResponse, .exportResponses:
            return decide(viewer.canManageConsultation(owner: owner))
        case .readDraftConsultation, .readDraftQuestions, .readDraftDocuments, .readDraftDocument,
            .listDraftConsultations, .listBodyConsultations:
            return decide(
                viewer.canSeeConsultation(owner: owner, compact: compact, published: false), otherwise: .notFound)
        case .readUnpublishedOutcome:
            return decide(viewer.canManageConsultation(owner: owner), otherwise: .notFound)
        case .saveIndividualResponse, .readOwnResponses:
            // Anyone signed in; whether the audience lets them respond as themselves is a rule of
            // the consultation, checked when the response is saved.
            return .allowed
        case .saveOrganisationResponse, .readOrganisationResponse:
            return decide(viewer.canRespondToConsultation(for: subject.supplier))
        case .readOwnResponse:
            // Only the person who wrote the response reads it here: none of the table's askers did.
            return .notFound
        case .countResponsesWhileOpen:
            return decide(viewer.canCountConsultationResponses(owner: owner, closed: false))
        }
    }
}
