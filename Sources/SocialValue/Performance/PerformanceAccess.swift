import Foundation

/// The access table's rows for `PerformanceStore` (see `ProtectedOperations`): a contract bought
/// by `subject.buyer` from `subject.supplier`. Its KPIs, assessments and failures are read by
/// those who see its monitoring (the buyer's and the supplier's members, the administrator);
/// others are told it was not found. The buyer's commissioners record them.
public enum PerformanceOperation: String, ProtectedOperations {
    case readPerformance
    case addKPI, recordPosition, recordAssessment, amendAssessment, recordFailure

    public var store: String { "PerformanceStore" }

    public func outcome(for viewer: Viewer?, on subject: AccessSubject) -> AccessOutcome {
        guard let viewer else { return .forbidden }
        guard viewer.canSeeMonitoring(buyer: subject.buyer, supplier: subject.supplier) else { return .notFound }
        switch self {
        case .readPerformance: return .allowed
        case .addKPI, .recordPosition, .recordAssessment, .amendAssessment, .recordFailure:
            return decide(viewer.canVerifyReturns(buyer: subject.buyer))
        }
    }
}
