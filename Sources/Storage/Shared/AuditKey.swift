import Foundation
import Vapor

/// The secret the audit chain is keyed with (HMAC-SHA256), kept outside the database so that
/// someone who can write the database file cannot recompute the hashes after an edit
/// (docs/audit.md). One per process: commands set it before they touch the database; until then
/// a random key of this process is used, so nothing is ever written unkeyed.
public enum AuditKey {
    public static let environmentVariable = "COMMONWEAL_AUDIT_KEY"
    public static let fileEnvironmentVariable = "COMMONWEAL_AUDIT_KEY_FILE"
    public static let fileName = "audit.key"
    /// A key shorter than this is refused: 32 characters of hex is 128 bits.
    public static let minimumLength = 32

    nonisolated(unsafe) private static var key = SymmetricKey(size: .bits256)
    private static let lock = NSLock()

    public static var current: SymmetricKey { lock.withLock { key } }

    /// Uses `material` (the key text as given) from now on.
    public static func use(_ material: String) {
        let k = SymmetricKey(data: Data(material.utf8))
        lock.withLock { key = k }
    }

    /// HMAC-SHA256 of `text` under the current key, in lower-case hex.
    public static func hmacHex(_ text: String) -> String { hmacHex(text, using: current) }

    /// HMAC-SHA256 of `text` under the key `keyText` (its UTF-8 bytes), in lower-case hex.
    public static func hmacHex(_ text: String, keyText: String) -> String {
        hmacHex(text, using: SymmetricKey(data: Data(keyText.utf8)))
    }

    static func hmacHex(_ text: String, using key: SymmetricKey) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key).map { String(format: "%02x", $0) }.joined()
    }

    /// Where the key came from, for the messages a command prints.
    public enum Source: Equatable, Sendable {
        case environment
        case file(path: String)
        case created(path: String)
    }

    /// Finds the key: `COMMONWEAL_AUDIT_KEY`, else the file named by `COMMONWEAL_AUDIT_KEY_FILE`,
    /// else `audit.key` in the data directory. With `create`, a missing default file is generated
    /// (32 random bytes as hex, permissions 0600); otherwise a missing key is an error.
    public static func resolve(dataDir: String?, environment: [String: String], create: Bool) throws -> (
        material: String, source: Source
    ) {
        if let text = environment[environmentVariable], !text.isEmpty {
            return (try checked(text, from: environmentVariable), .environment)
        }
        let named = environment[fileEnvironmentVariable].flatMap { $0.isEmpty ? nil : $0 }
        let dir = dataDir ?? environment["COMMONWEAL_DATA_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "./commonweal-data"
        let path = named ?? URL(fileURLWithPath: dir).appendingPathComponent(fileName).path
        if let data = FileManager.default.contents(atPath: path) {
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return (try checked(text, from: path), .file(path: path))
        }
        guard create, named == nil else {
            throw ConfigurationError(
                "no audit key at \(path): set \(environmentVariable), or \(fileEnvironmentVariable) to the file holding it (the key the trail was written with is needed to verify it)"
            )
        }
        var bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        defer { bytes.resetBytes(in: 0..<bytes.count) }
        let text = bytes.map { String(format: "%02x", $0) }.joined() + "\n"
        try? FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            throw ConfigurationError("cannot create the audit key file \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let written = text.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, text.utf8.count) }
        guard written == text.utf8.count, fsync(fd) == 0 else {
            throw ConfigurationError("cannot write the audit key file \(path)")
        }
        return (text.trimmingCharacters(in: .whitespacesAndNewlines), .created(path: path))
    }

    static func checked(_ text: String, from place: String) throws -> String {
        guard text.count >= minimumLength else {
            throw ConfigurationError(
                "the audit key in \(place) is too short: use at least \(minimumLength) characters (e.g. `openssl rand -hex 32`)"
            )
        }
        return text
    }
}
