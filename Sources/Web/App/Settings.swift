import Storage
import Vapor

/// What the web layer is configured with. Built once in `configure`.
public struct WebSettings: Sendable {
    /// Mark cookies `Secure` (set `COMMONWEAL_SECURE_COOKIES=true` behind HTTPS).
    public var secureCookies: Bool
    public var passwords: Passwords
    /// Product version, shown in the footer and the API.
    public var version: String
    /// Reverse proxies whose `X-Forwarded-For` is believed (`COMMONWEAL_TRUSTED_PROXIES`,
    /// read by `ClientAddress.trustedProxies`); empty trusts none.
    public var trustedProxies: Set<String> = []

    public init(secureCookies: Bool = false, passwords: Passwords = Passwords(), version: String = commonwealVersion) {
        self.secureCookies = secureCookies
        self.passwords = passwords
        self.version = version
    }
}

public let commonwealVersion = "0.1.0"

struct WebSettingsKey: StorageKey { typealias Value = WebSettings }

extension Application {
    var webSettings: WebSettings {
        get { storage[WebSettingsKey.self] ?? WebSettings() }
        set { storage[WebSettingsKey.self] = newValue }
    }
}

extension Request {
    var settings: WebSettings { application.webSettings }
    var users: UserStore { UserStore(db, passwords: settings.passwords) }
    var organisations: OrganisationStore { OrganisationStore(db) }
    var compacts: CompactStore { CompactStore(db) }
    var sessions: SessionStore { SessionStore(db) }
    var procurements: ProcurementStore { ProcurementStore(db) }
}
