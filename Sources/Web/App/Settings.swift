import Foundation
import SocialValue
import Storage
import Vapor

/// What the web layer is configured with. Built once in `configure`.
public struct WebSettings: Sendable {
    /// Mark cookies `Secure` (set `COMMONWEAL_SECURE_COOKIES=true` behind HTTPS).
    public var secureCookies: Bool
    public var passwords: Passwords
    /// Product version, shown in the footer and the API.
    public var version: String
    /// The address people reach the product at (`COMMONWEAL_PUBLIC_URL`), with no trailing `/`:
    /// every absolute link (the Atom feed) is built on it, never on the request's Host header.
    public var publicURL: String
    /// Reverse proxies whose `X-Forwarded-For` is believed (`COMMONWEAL_TRUSTED_PROXIES`,
    /// read by `ClientAddress.trustedProxies`); empty trusts none.
    public var trustedProxies: Set<String> = []

    public init(
        secureCookies: Bool = false, passwords: Passwords = Passwords(), version: String = commonwealVersion,
        publicURL: String = "http://localhost:8080"
    ) {
        self.secureCookies = secureCookies
        self.passwords = passwords
        self.version = version
        self.publicURL = publicURL
    }

    /// `COMMONWEAL_PUBLIC_URL` checked: an absolute `http` or `https` address with a host, no
    /// user, query or fragment, and no white space; returned without its trailing `/`.
    public static func publicURL(_ raw: String) throws -> String {
        let refuse = ConfigurationError(
            "COMMONWEAL_PUBLIC_URL must be an absolute http:// or https:// address with no query, like https://commonweal.example.gov.uk (it is ‘\(raw)’)"
        )
        guard !raw.unicodeScalars.contains(where: { $0.properties.isWhitespace || TextRules.isControl($0) }),
            let parts = URLComponents(string: raw), let scheme = parts.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = parts.host, !host.isEmpty,
            parts.query == nil, parts.fragment == nil, parts.user == nil, parts.password == nil
        else { throw refuse }
        var kept = raw
        while kept.hasSuffix("/") { kept.removeLast() }
        return kept
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
