import SocialValue
import Storage
import Vapor

struct SignInPages: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.get("sign-in", use: show)
        routes.post("sign-in", use: signIn)
        routes.post("sign-out", use: signOut)
    }

    func page(_ req: Request, email: String? = nil, errors: [FieldError] = [], next: String?, status: HTTPStatus = .ok)
        -> Response
    {
        let csrf = req.csrfToken()
        return Page(
            title: "Sign in", errors: errors,
            content: """
                <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
                <h1 class="govuk-heading-l">Sign in to Commonweal</h1>
                \(Components.form(action: Paths.signIn, csrf: csrf, """
                <input type="hidden" name="next" value="\(safeNext(next))">
                \(Components.textInput("email", label: "Email address", value: email, errors: errors, type: "email", autocomplete: "email", maxLength: 254))
                \(Components.textInput("password", label: "Password", value: nil, errors: errors, type: "password", autocomplete: "current-password", maxLength: 200))
                \(Components.button("Sign in"))
                """))
                <p class="govuk-body">If you have forgotten your password, ask your installation administrator to reset it.</p>
                </div></div>
                """, status: status
        ).render(req)
    }

    /// Only local paths, so sign-in cannot bounce a person to another site.
    func safeNext(_ next: String?) -> String {
        // Only a parsed, normalised path on this site (issue 19 item 1): see `LocalPath`.
        LocalPath.orFallback(next, Paths.dashboard)
    }

    func show(req: Request) -> Response {
        if req.currentUser != nil { return req.seeOther(Paths.dashboard) }
        return page(req, next: req.query[String.self, at: "next"])
    }

    func signIn(req: Request) async throws -> Response {
        let form = try req.form()
        let email = form["email"]?.trimmingCharacters(in: .whitespaces)
        let next = form["next"]
        var errors: [FieldError] = []
        if (email ?? "").isEmpty { errors.append(FieldError("email", "Enter your email address")) }
        if (form["password"] ?? "").isEmpty { errors.append(FieldError("password", "Enter your password")) }
        if !errors.isEmpty { return page(req, email: email, errors: errors, next: next) }
        // Behind a trusted reverse proxy, the address the proxy saw (docs/accounts.md).
        let client =
            ClientAddress.resolve(
                peer: req.remoteAddress?.ipAddress,
                forwardedFor: req.headers[.xForwardedFor], trusted: req.settings.trustedProxies) ?? "unknown"
        guard await req.application.signInLimiter.allow(client) else {
            return page(
                req, email: email,
                errors: [
                    FieldError("email", "Too many sign-in attempts from your network. Wait 5 minutes, then try again")
                ],
                next: next, status: .tooManyRequests)
        }
        switch try await req.users.signIn(email: email, password: form["password"]) {
        case .success(let user):
            // A new session id at every sign-in; any session cookie sent before is ended.
            if let old = req.cookies[CookieName.session]?.string { try await req.sessions.end(secret: old) }
            let (secret, _) = try await req.sessions.start(for: user)
            let response = req.seeOther(safeNext(next))
            response.cookies[CookieName.session] = HTTPCookies.Value(
                string: secret, maxAge: Int(SessionStore.lifetime), path: "/", isSecure: req.settings.secureCookies,
                isHTTPOnly: true, sameSite: .lax)
            return response
        case .disabled:
            return page(
                req, email: email,
                errors: [FieldError("email", "This account has been disabled. Ask your installation administrator")],
                next: next)
        case .wrongCredentials, .locked:
            // One answer whether or not the email has an account, locked or not, so that sign-in
            // cannot be used to find out which emails have accounts (docs/accounts.md).
            return page(req, email: email, errors: [FieldError("email", Self.wrongCredentials)], next: next)
        }
    }

    func signOut(req: Request) async throws -> Response {
        _ = try req.form()
        if let secret = req.cookies[CookieName.session]?.string { try await req.sessions.end(secret: secret) }
        let response = req.seeOther(Paths.home, flash: "You have signed out")
        response.cookies[CookieName.session] = HTTPCookies.Value(
            string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/",
            isSecure: req.settings.secureCookies, isHTTPOnly: true, sameSite: .lax)
        return response
    }

    /// The answer to a wrong email or password, and to any attempt on a locked account.
    static let wrongCredentials =
        "Enter a correct email address and password. After 5 wrong passwords in a row an account is locked for 15 minutes"
}
