import Foundation

/// Which address a request comes from, for the sign-in rate limit (docs/accounts.md, "Behind a
/// reverse proxy"). Behind a proxy every request arrives from the proxy, so all people would
/// share one limit; the proxy writes the address it saw at the end of `X-Forwarded-For`.
/// That header is believed only when the socket peer is a trusted proxy
/// (`COMMONWEAL_TRUSTED_PROXIES`), and then only from the right: the right-most address that is
/// not itself a trusted proxy is the client. Anything to its left was written by the client
/// and could be anything.
public enum ClientAddress {
    /// Reads `COMMONWEAL_TRUSTED_PROXIES`: addresses separated by commas, spaces around them
    /// ignored; empty entries dropped. Nil or empty text trusts no proxy.
    public static func trustedProxies(_ setting: String?) -> Set<String> {
        Set(
            (setting ?? "").split(separator: ",").map { normalised(String($0)) }.filter { !$0.isEmpty })
    }

    /// The address to count a request against.
    /// - peer: the socket's remote address (nil when unknown).
    /// - forwardedFor: every `X-Forwarded-For` header's value, in the order received.
    /// - trusted: the trusted proxies' addresses.
    public static func resolve(peer: String?, forwardedFor: [String], trusted: Set<String>) -> String? {
        guard let peer = peer.map(normalised), !peer.isEmpty else { return nil }
        guard trusted.contains(peer) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { normalised(String($0)) }
        for hop in hops.reversed() where !trusted.contains(hop) {
            // A hop that is no address (an empty entry, "unknown", junk) ends what can be
            // believed: count the request against the last proxy that wrote it.
            return isAddress(hop) ? hop : peer
        }
        return peer
    }

    /// Lower case without spaces, so "2001:DB8::1 " and "2001:db8::1" are one address.
    static func normalised(_ s: String) -> String { s.trimmingCharacters(in: .whitespaces).lowercased() }

    /// An IPv4 or IPv6 address as text: digits, dots, hex digits and colons only, at most 45.
    static func isAddress(_ s: String) -> Bool {
        guard !s.isEmpty, s.count <= 45 else { return false }
        let allowed = Set("0123456789abcdef.:")
        guard s.allSatisfy({ allowed.contains($0) }) else { return false }
        if s.contains(":") { return true }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4
            && parts.allSatisfy { p in !p.isEmpty && p.count <= 3 && (Int(p).map { $0 <= 255 } ?? false) }
    }
}
