import SocialValue

/// Failures a store reports in the domain's words; the web layer maps them to statuses.
public enum StorageError: Error, Equatable, CustomStringConvertible {
    case notFound(String)
    /// The request breaks a uniqueness or reference rule; carries the field to blame.
    case conflict(FieldError)
    /// A status or kind column holds a value the product does not know (the database's
    /// constraints refuse it; this is what reading one that slipped past them reports).
    case unknownValue(table: String, column: String, value: String)
    /// The viewer's role does not allow this (the web layer answers 403 with the message).
    /// The one "forbidden" error: stores throw it when the core's access policy says no.
    case forbidden(String)

    /// The general refusal, when no more particular reason helps.
    public static let roleNotAllowed = StorageError.forbidden(
        "Your role does not allow this. Ask your organisation’s administrator if you need access")

    public var description: String {
        switch self {
        case .notFound(let what): return "\(what) was not found"
        case .conflict(let e): return e.message
        case .unknownValue(let table, let column, let value):
            return "\(table).\(column) holds “\(value)”, which is not a value the product knows"
        case .forbidden(let why): return why
        }
    }

    /// Whether this is the "forbidden" error.
    public var isForbidden: Bool {
        if case .forbidden = self { return true }
        return false
    }
}
