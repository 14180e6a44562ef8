import SocialValue
import Storage
import Vapor

/// One place that turns errors into responses: JSON problems under `/api/`, GOV.UK-style
/// error pages elsewhere. Internals never reach the user; unexpected errors are logged.
struct ErrorHandlingMiddleware: AsyncMiddleware {
    struct Problem: Content {
        var error: String
        var message: String
        var problems: [FieldError]?
    }

    func respond(to req: Request, chainingTo next: AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: req)
        } catch {
            let isAPI = req.url.path.hasPrefix("/api/")
            let (status, message, problems) = classify(error, req)
            if status == .internalServerError {
                req.logger.report(error: error)
            }
            if isAPI {
                let response = Response(status: status)
                try response.content.encode(
                    Problem(error: status.reasonPhrase, message: message, problems: problems), as: .json)
                if status == .unauthorized { response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer") }
                Self.retryLater(response, error)
                if let refused = error as? MethodNotAllowedMiddleware.Refused {
                    response.headers.replaceOrAdd(name: .allow, value: AllowedMethods.header(refused.allowed))
                }
                return response
            }
            if case WebError.signInRequired = error {
                let next = req.url.path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "/"
                return req.seeOther(Paths.signIn(next: next))
            }
            let response = Page(
                title: title(for: status),
                content: """
                    <h1 class="govuk-heading-l">\(title(for: status))</h1>
                    <p class="govuk-body">\(message)</p>
                    \(problemList(problems))
                    <p class="govuk-body"><a class="govuk-link" href="\(Paths.home)">Go to the home page</a></p>
                    """, status: status
            ).render(req)
            Self.retryLater(response, error)
            return response
        }
    }

    /// The problems of a refused request that never reached its form (a control character
    /// anywhere in the body), each with the field it is in.
    func problemList(_ problems: [FieldError]?) -> HTML {
        guard let problems, !problems.isEmpty else { return .empty }
        let items = problems.map { p -> HTML in "<li><code>\(p.field)</code>: \(p.message)</li>" }
        return "<ul class=\"govuk-list govuk-list--bullet\">\(items)</ul>"
    }

    /// A database fault passes: `Retry-After` tells clients when to try again (docs/security.md, "Faults").
    static func retryLater(_ response: Response, _ error: Error) {
        guard DatabaseFault(error) != nil else { return }
        response.headers.replaceOrAdd(name: .retryAfter, value: "30")
    }

    func classify(_ error: Error, _ req: Request) -> (HTTPStatus, String, [FieldError]?) {
        if let fault = DatabaseFault(error) {
            req.logger.warning("database fault (\(fault)): \(String(describing: error).prefix(200))")
            return (fault.status, fault.message, nil)
        }
        switch error {
        case let f as ValidationFailure:
            return (.unprocessableEntity, "The request has problems: see the list of problems by field.", f.errors)
        case let f as ImportFailure:
            return (
                .unprocessableEntity, "The file has problems; nothing was saved.",
                f.problems.map { FieldError("csv", $0.description) }
            )
        case StorageError.notFound(let what):
            return (.notFound, "\(what) was not found.", nil)
        case StorageError.conflict(let e):
            return (.conflict, e.message, [e])
        case let sealed as BidsSealed:
            return (.forbidden, sealed.message + ".", nil)
        case let refused as MethodNotAllowedMiddleware.Refused:
            let allowed = AllowedMethods.header(refused.allowed)
            return (.methodNotAllowed, "\(req.method.rawValue) is not allowed here. Allowed: \(allowed).", nil)
        case WebError.signInRequired:
            return (.unauthorized, "Sign in, or send an API token as ‘Authorization: Bearer …’.", nil)
        case StorageError.forbidden(let why):
            return (.forbidden, why + ".", nil)
        case WebError.csrfMismatch:
            return (
                .forbidden,
                "This form has expired or was sent from another site. Go back, reload the page and try again.", nil
            )
        case let d as DecodingError:
            return (.badRequest, "The request body could not be read: \(describe(d))", nil)
        case let abort as AbortError:
            switch abort.status {
            case .notFound: return (.notFound, "If you typed the web address, check it is correct.", nil)
            case .payloadTooLarge: return (.payloadTooLarge, "The request is too large.", nil)
            default: return (abort.status, abort.reason, nil)
            }
        default:
            return (.internalServerError, "Something went wrong on our side. Nothing was saved. Try again later.", nil)
        }
    }

    func describe(_ e: DecodingError) -> String {
        // A path as the API's problems name fields: `answers[0].questionId`.
        func joined(_ path: [any CodingKey]) -> String {
            path.reduce("") { text, key in
                if let i = key.intValue { return text + "[\(i)]" }
                return text.isEmpty ? key.stringValue : text + "." + key.stringValue
            }
        }
        switch e {
        case .keyNotFound(let key, _): return "the field ‘\(key.stringValue)’ is missing."
        case .typeMismatch(_, let c), .valueNotFound(_, let c):
            return "the field ‘\(joined(c.codingPath))’ has the wrong type."
        case .dataCorrupted(let c):
            let path = joined(c.codingPath)
            return path.isEmpty ? "it is not valid JSON." : "the field ‘\(path)’ is not valid: \(c.debugDescription)"
        @unknown default: return "it is not valid."
        }
    }

    func title(for status: HTTPStatus) -> String {
        switch status {
        case .notFound: return "Page not found"
        case .forbidden: return "You cannot do this"
        case .unauthorized: return "Sign in to continue"
        case .payloadTooLarge: return "Too much was sent"
        case .tooManyRequests: return "Too many attempts"
        case .serviceUnavailable: return "Sorry, the service is unavailable"
        case .insufficientStorage: return "Sorry, the server's disk is full"
        case .badRequest, .unprocessableEntity: return "There is a problem with what was sent"
        default: return "Sorry, there is a problem with the service"
        }
    }
}

/// Headers every response carries: no framing, no sniffing, nothing loaded from elsewhere.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: req)
        response.headers.replaceOrAdd(
            name: "Content-Security-Policy",
            value:
                "default-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        )
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        // Nothing said to a signed-in person or an API token holder is kept by a browser or a
        // proxy: pages, API answers and downloads alike (issue 19 item 7). Asked here, outermost,
        // so error responses carry it too.
        if response.headers.contentType == .html || req.auth.has(CurrentUser.self)
            || req.headers[.authorization].first != nil || req.cookies[CookieName.session] != nil
        {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        return response
    }
}

extension DatabaseFault {
    /// 503 while the database cannot be reached, 507 while its disk is full.
    var status: HTTPStatus {
        switch self {
        case .unavailable: return .serviceUnavailable
        case .diskFull: return .insufficientStorage
        }
    }
}
