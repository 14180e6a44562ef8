import Foundation

/// The access table's rows for `OrganisationStore` and `UserStore` (see `ProtectedOperations`).
/// The subject's buyer and supplier are the organisations; the user operations concern an
/// account that is none of the askers' own (a person's own account is theirs by `canSeeAccount`).
/// `SessionStore`'s tokens and `NotificationStore` act only on the viewer's own, so have no rows.
public enum AccountsOperation: String, ProtectedOperations {
    // OrganisationStore
    case createOrganisation
    /// Changing a public body's details, and a supplier's.
    case updatePublicBody, updateSupplier
    // UserStore
    case createUser, listUsers, readUser, findUserByEmail, setUserDisabled, resetPassword
    case addMembership, removeMembership

    public var store: String {
        switch self {
        case .createOrganisation, .updatePublicBody, .updateSupplier: return "OrganisationStore"
        case .createUser, .listUsers, .readUser, .findUserByEmail, .setUserDisabled, .resetPassword, .addMembership,
            .removeMembership:
            return "UserStore"
        }
    }

    public func outcome(for viewer: Viewer?, on subject: AccessSubject) -> AccessOutcome {
        guard let viewer else { return .forbidden }
        switch self {
        case .updatePublicBody:
            return decide(viewer.canEditOrganisation(subject.buyer))
        case .updateSupplier:
            return decide(viewer.canEditOrganisation(subject.supplier))
        case .readUser:
            // Someone else's account: `canSeeAccount` leaves it to the administrator.
            return decide(viewer.canAdminister)
        case .createOrganisation, .createUser, .listUsers, .findUserByEmail, .setUserDisabled, .resetPassword,
            .addMembership, .removeMembership:
            return decide(viewer.canAdminister)
        }
    }
}
