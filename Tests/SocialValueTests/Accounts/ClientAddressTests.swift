import Foundation
import Testing

@testable import SocialValue

/// Issue 19 §9: the sign-in rate limit keys on the client's address, believing
/// `X-Forwarded-For` only from trusted proxies and only its right-most untrusted entry.
@Suite struct ClientAddressTests {
    static let proxies: Set<String> = ["10.0.0.2", "10.0.0.3"]

    @Test(arguments: [
        // No proxy trusted: the socket peer, whatever the header says.
        ("203.0.113.9", ["198.51.100.7"], Set<String>(), "203.0.113.9"),
        // The peer is not a trusted proxy: its header is the client's own words, ignored.
        ("203.0.113.9", ["198.51.100.7"], proxies, "203.0.113.9"),
        // Through a trusted proxy: the address it saw, at the right of the header.
        ("10.0.0.2", ["198.51.100.7"], proxies, "198.51.100.7"),
        // A client cannot choose its key by writing a header itself: the left part is ignored.
        ("10.0.0.2", ["1.2.3.4, 198.51.100.7"], proxies, "198.51.100.7"),
        ("10.0.0.2", ["1.2.3.4", "198.51.100.7"], proxies, "198.51.100.7"),
        // Two trusted proxies in a row: skip both, take the first untrusted from the right.
        ("10.0.0.2", ["1.2.3.4, 198.51.100.7, 10.0.0.3"], proxies, "198.51.100.7"),
        // Only proxies in the header, or none at all: the peer.
        ("10.0.0.2", ["10.0.0.3"], proxies, "10.0.0.2"),
        ("10.0.0.2", [], proxies, "10.0.0.2"),
        // Junk where the client should be: not believed, counted against the proxy.
        ("10.0.0.2", ["198.51.100.7, nonsense"], proxies, "10.0.0.2"),
        ("10.0.0.2", [" , "], proxies, "10.0.0.2"),
        // IPv6, case and spaces do not matter.
        ("10.0.0.2", ["2001:DB8::1 "], proxies, "2001:db8::1"),
    ])
    func resolvesTheClient(peer: String, forwardedFor: [String], trusted: Set<String>, expected: String) {
        #expect(ClientAddress.resolve(peer: peer, forwardedFor: forwardedFor, trusted: trusted) == expected)
    }

    @Test func noPeerIsNoAddress() {
        #expect(ClientAddress.resolve(peer: nil, forwardedFor: ["198.51.100.7"], trusted: Self.proxies) == nil)
    }

    @Test func theSettingIsAListOfAddresses() {
        #expect(ClientAddress.trustedProxies(nil).isEmpty)
        #expect(ClientAddress.trustedProxies("").isEmpty)
        #expect(ClientAddress.trustedProxies(" 10.0.0.2, ,10.0.0.3,::1 ") == ["10.0.0.2", "10.0.0.3", "::1"])
        #expect(ClientAddress.trustedProxies("FE80::1") == ["fe80::1"])
    }
}
