import SocialValue

/// Failures a store reports in the domain's words; the web layer maps them to statuses.
public enum StorageError: Error, Equatable, CustomStringConvertible {
    case notFound(String)
    /// The request breaks a uniqueness or reference rule; carries the field to blame.
    case conflict(FieldError)

    public var description: String {
        switch self {
        case .notFound(let what): return "\(what) was not found"
        case .conflict(let e): return e.message
        }
    }
}
