import Foundation
import SocialValue
import Storage
import Vapor

/// The field errors to show on a form for an error a store threw: rule breaches and state
/// conflicts (a late response, a question change after opening). Anything else is rethrown.
func formErrors(_ error: Error) throws -> [FieldError] {
    switch error {
    case let f as ValidationFailure: return f.errors
    case StorageError.conflict(let e): return [e]
    default: throw error
    }
}
