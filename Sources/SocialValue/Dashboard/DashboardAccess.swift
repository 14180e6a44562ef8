import Foundation

/// The access table's rows for `DashboardStore` (see `ProtectedOperations`): a public body's
/// figures for its own members (commissioners, evaluators, viewers) and the administrator; a
/// supplier's bids for its own supplier members and the administrator.
public enum DashboardOperation: String, ProtectedOperations {
    case readBodyFigures, readSupplierBids

    public var store: String { "DashboardStore" }

    public func outcome(for viewer: Viewer?, on subject: AccessSubject) -> AccessOutcome {
        guard let viewer else { return .forbidden }
        switch self {
        case .readBodyFigures:
            return decide(
                viewer.isAdmin
                    || viewer.memberships.contains {
                        $0.organisationID == subject.buyer && $0.role.sector == .publicBody
                    })
        case .readSupplierBids:
            return decide(viewer.isAdmin || viewer.holds(.supplierMember, at: subject.supplier))
        }
    }
}
