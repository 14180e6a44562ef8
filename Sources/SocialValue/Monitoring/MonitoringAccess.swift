import Foundation

/// The access table's rows for `MonitoringStore` (see `ProtectedOperations`): a contract bought by
/// `subject.buyer` from `subject.supplier`. Those who may not see its monitoring are told it was
/// not found; those who see it but may not do the thing are refused.
public enum MonitoringOperation: String, ProtectedOperations {
    /// Reading the periods and the delivery so far, the progress, one return, one evidence file.
    case readOverview, readProgress, readReturn, readEvidence
    /// The supplier's members write: a draft, the submission, evidence added and removed.
    case saveReturn, submitReturn, addEvidence, removeEvidence
    /// The buyer's commissioners verify or ask for changes.
    case verifyReturn

    public var store: String { "MonitoringStore" }

    public func outcome(for viewer: Viewer?, on subject: AccessSubject) -> AccessOutcome {
        guard let viewer else { return .forbidden }
        guard viewer.canSeeMonitoring(buyer: subject.buyer, supplier: subject.supplier) else { return .notFound }
        switch self {
        case .readOverview, .readProgress, .readReturn, .readEvidence:
            return .allowed
        case .saveReturn, .submitReturn, .addEvidence, .removeEvidence:
            return decide(viewer.canEditReturns(supplier: subject.supplier))
        case .verifyReturn:
            return decide(viewer.canVerifyReturns(buyer: subject.buyer))
        }
    }
}
