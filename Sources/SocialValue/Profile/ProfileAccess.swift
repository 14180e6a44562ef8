import Foundation

/// The access table's rows for `ProfileStore` (see `ProtectedOperations`).
public enum ProfileOperation: String, ProtectedOperations {
    /// An organisation's public impact profile (docs/profiles.md): open to everyone, visitors
    /// included. It is built from published data only; nothing sealed, unverified or personal
    /// is in it.
    case readPublicProfile

    public var store: String { "ProfileStore" }

    public func outcome(for viewer: Viewer?, on subject: AccessSubject) -> AccessOutcome {
        switch self {
        case .readPublicProfile: return .allowed
        }
    }
}
