import Foundation
import Vapor

/// bcrypt hashing off the event loop. The cost is a setting: 12 in production; tests and the
/// demo may lower it (`COMMONWEAL_BCRYPT_COST`, 4 to 16).
public struct Passwords: Sendable {
    public let cost: Int

    public init(cost: Int = 12) { self.cost = min(max(cost, 4), 16) }

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await offload { try Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, hash: String) async -> Bool {
        (try? await offload { try Bcrypt.verify(password, created: hash) }) ?? false
    }

    /// A hash to check against when the email is unknown, so both paths take as long. Made once,
    /// when first needed, from a random secret nobody knows, so it never matches; should hashing
    /// fail, `decoyFallback` takes its place.
    static let decoy: String = (try? Bcrypt.hash(Secrets.make(), cost: 4)) ?? decoyFallback

    /// A well-formed bcrypt hash (cost 4) whose salt and digest are all zero bits: checking a
    /// password against it costs what checking against `decoy` does, and no password is known to match.
    static let decoyFallback = "$2b$04$" + String(repeating: ".", count: 53)

    private func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { cont in
            DispatchQueue.global().async { cont.resume(with: Result { try work() }) }
        }
    }
}

/// Random secrets for sessions, CSRF and API tokens: 32 bytes, URL-safe base64.
public enum Secrets {
    public static func make(prefix: String = "") -> String {
        var rng = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let b64 = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return prefix + b64
    }

    /// A password a person can type: four groups of five letters and digits.
    public static func readablePassword() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        var rng = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String((0..<5).map { _ in alphabet.randomElement(using: &rng)! }) }
            .joined(separator: "-")
    }
}
