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
    // The form is shown again with what was typed, so nothing is lost while the disk is full.
    case let e where DatabaseFault(e) == .diskFull: return [FieldError("form", DatabaseFault.diskFull.message)]
    default: throw error
    }
}

/// Where a form post goes once the store has saved it: the page to show next, the message to
/// show at its top, and any cookies to set on the way.
struct Saved {
    var path: String
    var flash: String?
    var cookies: [String: HTTPCookies.Value] = [:]

    init(_ path: String, _ flash: String? = nil) {
        self.path = path
        self.flash = flash
    }
}

/// The `_csrf` field every form carries, read on its own so the rest of the form can decode
/// into any input type (nested keys such as `criteria[2][name]` included).
private struct CSRFField: Decodable {
    var _csrf: String?
}

extension Request {
    /// The submitted form decoded into `Input`, after checking its CSRF token (a plain
    /// `[String: String]` reads as `form()` does).
    func formInput<Input: Decodable>(_ type: Input.Type) throws -> Input {
        if Input.self == [String: String].self, let fields = try form() as? Input { return fields }
        try checkCSRF(sentCSRFToken())
        return try content.decode(Input.self)
    }

    /// The form's `_csrf` field, read past `TextCheckingDecoder`, so a form refused for a control
    /// character is answered as refused (422 naming the field) once its token is checked, not as
    /// forged.
    func sentCSRFToken() -> String? {
        if headers.contentType == .urlEncodedForm {
            return typedFormFields.first { $0.name == "_csrf" }?.value
        }
        if headers.contentType?.type == "multipart" {
            return multipartParts.first { $0.name == "_csrf" && $0.filename == nil }.map(\.text)
        }
        return (try? content.decode(CSRFField.self))?._csrf
    }

    /// Every form post, the one way: reads the form into `Input` (checking its CSRF token), runs
    /// `save` (the store call), and redirects to the page `save` names with its message; or, when
    /// the store refuses the input (a `ValidationFailure` or a `StorageError.conflict`), re-shows
    /// the form through `reshow` with the problems for the GOV.UK error summary (422, or 409 for
    /// a conflict). Any other error goes on to the error pages.
    func handleForm<Input: Decodable>(
        _ type: Input.Type,
        save: (Input) async throws -> Saved,
        reshow: (Input, [FieldError]) async throws -> Response
    ) async throws -> Response {
        let (input, refused) = try formInputOrRefusal(type)
        if !refused.isEmpty { return try await reshow(input, refused) }
        return try await handleForm(decoded: input, save: save, reshow: reshow)
    }

    /// The form read into `Input`; or, when it is refused for a control character (its CSRF
    /// token checked first), the form as sent with the refusal, so the form can show its own
    /// GOV.UK error summary rather than the general error page.
    func formInputOrRefusal<Input: Decodable>(_ type: Input.Type) throws -> (Input, [FieldError]) {
        do { return (try formInput(type), []) } catch let refused as ValidationFailure {
            guard let sent = TextCheckingDecoder.unchecked(type, self) else { throw refused }
            return (sent, refused.errors)
        }
    }

    /// A form post with no fields but its CSRF token (a button): `save`, then redirect, or re-show
    /// the page with the problems.
    func handleForm(
        save: () async throws -> Saved,
        reshow: ([FieldError]) async throws -> Response
    ) async throws -> Response {
        try await handleForm(
            CSRFField.self, save: { _ in try await save() }, reshow: { _, errors in try await reshow(errors) })
    }

    /// A form post whose answer is a page of its own rather than a redirect (a secret shown only
    /// once): like `handleForm`, but `respond` makes the response after the store call.
    func handleFormShowing<Input: Decodable>(
        _ type: Input.Type,
        respond: (Input) async throws -> Response,
        reshow: (Input, [FieldError]) async throws -> Response
    ) async throws -> Response {
        let (input, refused) = try formInputOrRefusal(type)
        if !refused.isEmpty { return try await reshow(input, refused) }
        do {
            return try await respond(input)
        } catch {
            let response = try await reshow(input, try formErrors(error))
            if case StorageError.conflict = error, response.status == .unprocessableEntity {
                response.status = .conflict
            }
            if let fault = DatabaseFault(error) {
                response.status = fault.status
                ErrorHandlingMiddleware.retryLater(response, error)
            }
            return response
        }
    }

    /// `handleForm` for a form the handler has already read with `formInput` or `form()`.
    func handleForm<Input>(
        decoded input: Input,
        save: (Input) async throws -> Saved,
        reshow: (Input, [FieldError]) async throws -> Response
    ) async throws -> Response {
        do {
            let saved = try await save(input)
            let response = seeOther(saved.path, flash: saved.flash)
            for (name, value) in saved.cookies { response.cookies[name] = value }
            return response
        } catch {
            let response = try await reshow(input, try formErrors(error))
            if case StorageError.conflict = error, response.status == .unprocessableEntity {
                response.status = .conflict
            }
            if let fault = DatabaseFault(error) {
                response.status = fault.status
                ErrorHandlingMiddleware.retryLater(response, error)
            }
            return response
        }
    }
}
