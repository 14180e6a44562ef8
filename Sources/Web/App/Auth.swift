import Fluent
import SocialValue
import Storage
import Vapor

/// The signed-in person for this request.
struct CurrentUser: Authenticatable {
    let user: UserModel
    let viewer: Viewer
    /// The session's CSRF token (nil for API token requests, which carry no cookies).
    let csrf: String?
    /// The organisations the user belongs to, for the header and dashboard.
    let organisations: [OrganisationModel]
    /// Notifications not yet read, for the header (0 on API requests, which have no header).
    var unreadNotifications: Int = 0

    var actor: Actor { .user(user) }
}

enum CookieName {
    static let session = "cw_session"
    static let csrf = "cw_csrf"
    static let flash = "cw_flash"
}

/// Finds the user: a bearer token on `/api/`, the session cookie elsewhere. API requests never
/// look at cookies, so cross-site requests cannot use a browser's session against the API.
struct AuthenticationMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: AsyncResponder) async throws -> Response {
        if req.url.path.hasPrefix("/api/") {
            if let bearer = req.headers.bearerAuthorization,
                let user = try await req.sessions.user(forToken: bearer.token)
            {
                req.auth.login(try await current(user, csrf: nil, req))
            }
        } else if let secret = req.cookies[CookieName.session]?.string,
            let (session, user) = try await req.sessions.find(secret: secret)
        {
            var me = try await current(user, csrf: session.csrfToken, req)
            me.unreadNotifications = try await NotificationStore(req.db).unreadCount(for: me.viewer)
            req.auth.login(me)
        }
        return try await next.respond(to: req)
    }

    func current(_ user: UserModel, csrf: String?, _ req: Request) async throws -> CurrentUser {
        let memberships = try await req.users.memberships(of: user.id!)
        let viewer = try await req.users.viewer(for: user, memberships: memberships)
        var seen = Set<UUID>()
        let orgs = memberships.map(\.organisation).filter { seen.insert($0.id!).inserted }
        return CurrentUser(user: user, viewer: viewer, csrf: csrf, organisations: orgs)
    }
}

/// Page cookies: sets the anonymous CSRF cookie when a page made one, and carries one-time
/// "flash" messages across a redirect (Post/Redirect/Get).
struct PageCookiesMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: AsyncResponder) async throws -> Response {
        let incomingFlash = req.cookies[CookieName.flash]?.string
        req.storage[FlashKey.self] = incomingFlash.flatMap { $0.removingPercentEncoding }
        let response = try await next.respond(to: req)
        let secure = req.settings.secureCookies
        if let token = req.storage[NewCSRFKey.self] {
            response.cookies[CookieName.csrf] = HTTPCookies.Value(
                string: token, maxAge: 2 * 60 * 60, path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .strict)
        }
        if let message = req.storage[OutgoingFlashKey.self] {
            response.cookies[CookieName.flash] = HTTPCookies.Value(
                string: message.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "",
                maxAge: 60, path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .lax)
        } else if incomingFlash != nil {
            response.cookies[CookieName.flash] = HTTPCookies.Value(
                string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/", isSecure: secure,
                isHTTPOnly: true, sameSite: .lax)
        }
        return response
    }
}

struct FlashKey: StorageKey { typealias Value = String }
struct OutgoingFlashKey: StorageKey { typealias Value = String }
struct NewCSRFKey: StorageKey { typealias Value = String }

/// Errors the page layer turns into redirects or error pages.
enum WebError: Error {
    case signInRequired
    case csrfMismatch
}

extension Request {
    var currentUser: CurrentUser? { auth.get(CurrentUser.self) }

    func requireUser() throws -> CurrentUser {
        guard let u = currentUser else { throw WebError.signInRequired }
        return u
    }

    func require(_ allowed: (Viewer) -> Bool) throws -> CurrentUser {
        let u = try requireUser()
        guard allowed(u.viewer) else { throw StorageError.roleNotAllowed }
        return u
    }

    /// The token every form on this page carries: the session's, or for visitors a cookie's.
    func csrfToken() -> String {
        if let t = currentUser?.csrf { return t }
        if let t = storage[NewCSRFKey.self] { return t }
        if let t = cookies[CookieName.csrf]?.string, t.count >= 32 { return t }
        let t = Secrets.make()
        storage[NewCSRFKey.self] = t
        return t
    }

    /// The submitted form, after checking its CSRF token. Every form handler reads its input
    /// through this, so no form can skip the check.
    func form() throws -> [String: String] {
        let fields: [String: String]
        do {
            fields = try content.decode([String: String].self)
        } catch let refused as ValidationFailure {
            try checkCSRF(sentCSRFToken())
            throw refused
        } catch {
            fields = [:]
        }
        try checkCSRF(fields["_csrf"])
        return fields
    }

    /// The CSRF check itself, in constant time. `form()` uses it, and so does the one
    /// multipart (file upload) handler, whose body is not a map of strings.
    func checkCSRF(_ given: String?) throws {
        let expected = currentUser?.csrf ?? cookies[CookieName.csrf]?.string
        guard let expected, let given, !given.isEmpty,
            given.utf8.count == expected.utf8.count,
            zip(given.utf8, expected.utf8).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0
        else { throw WebError.csrfMismatch }
    }

    func flash(_ message: String) { storage[OutgoingFlashKey.self] = message }
    var flashMessage: String? { storage[FlashKey.self] }

    func parameterID(_ name: String = "id") throws -> UUID {
        guard let raw = parameters.get(name), let id = UUID(uuidString: raw) else { throw Abort(.notFound) }
        return id
    }
}

/// Limits sign-in attempts per client address: 20 in 5 minutes, then 429 until the window
/// passes. Per-account lockout (`SignInLockout`) handles slow guessing across addresses.
actor SignInRateLimiter {
    static let limit = 20
    static let window: TimeInterval = 5 * 60
    private var attempts: [String: [Date]] = [:]

    func allow(_ key: String, now: Date = Date()) -> Bool {
        var recent = (attempts[key] ?? []).filter { now.timeIntervalSince($0) < Self.window }
        guard recent.count < Self.limit else {
            attempts[key] = recent
            return false
        }
        recent.append(now)
        attempts[key] = recent
        if attempts.count > 10_000 { attempts = attempts.filter { !$0.value.isEmpty } }
        return true
    }

}

struct SignInRateLimiterKey: StorageKey { typealias Value = SignInRateLimiter }

extension Application {
    /// One limiter per running application.
    var signInLimiter: SignInRateLimiter {
        if let l = storage[SignInRateLimiterKey.self] { return l }
        let l = SignInRateLimiter()
        storage[SignInRateLimiterKey.self] = l
        return l
    }
}
