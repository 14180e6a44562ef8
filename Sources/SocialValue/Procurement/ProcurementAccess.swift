import Foundation

/// The access table's rows for `ProcurementStore` (see `ProtectedOperations`).
public enum ProcurementOperation: String, ProtectedOperations {
    case createProcurement, updateProcurement, recordConsideration, amendConsideration, transitionProcurement
    case publishProcurement
    case addEngagementEvent, recordAfterEvent
    /// Commenting on a procurement not in the pipeline, and on one in the pipeline.
    case commentOnProcurement, commentOnPipelineProcurement
    /// Registering for an event of a procurement in the pipeline.
    case registerForEvent

    public var store: String { "ProcurementStore" }

    public func outcome(for viewer: Viewer?, on subject: AccessSubject) -> AccessOutcome {
        guard let viewer else { return .forbidden }
        switch self {
        case .createProcurement, .updateProcurement, .recordConsideration, .amendConsideration, .transitionProcurement,
            .publishProcurement, .addEngagementEvent, .recordAfterEvent:
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
