import Fluent
import Foundation
import SQLKit
import SocialValue
import Vapor

/// Who made a change: a signed-in user, or the system (CLI, demo loader, migrations).
public struct Actor: Sendable, Equatable {
    public let userID: UUID?
    public let label: String

    public init(userID: UUID?, label: String) {
        self.userID = userID
        self.label = label
    }

    public static func user(_ u: UserModel) -> Actor { Actor(userID: u.id, label: u.email) }
    public static let commandLine = Actor(userID: nil, label: "command line")
    public static let demoLoader = Actor(userID: nil, label: "demo loader")
}

/// Writes and checks the chained audit trail. Every store calls `record` inside the same
/// transaction as the change it describes, so a change and its event commit or fail together.
public enum AuditLog {
    /// SHA-256 in lower-case hex.
    public static func sha256Hex(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The fields that differ between two snapshots (a nil snapshot means the record did not exist).
    public static func diff(_ before: [String: String?]?, _ after: [String: String?]?) -> [String: FieldChange] {
        var changes: [String: FieldChange] = [:]
        for key in Set((before ?? [:]).keys).union((after ?? [:]).keys) {
            let old = before?[key] ?? nil
            let new = after?[key] ?? nil
            if old != new { changes[key] = FieldChange(from: old, to: new) }
        }
        return changes
    }

    static let timestampFormat: Date.ISO8601FormatStyle = .iso8601.year().month().day()
        .timeZone(separator: .omitted).time(includingFractionalSeconds: true).timeSeparator(.colon)
        .dateSeparator(.dash).dateTimeSeparator(.standard)

    /// Appends one event to the chain. Call inside a transaction.
    public static func record(
        _ action: String, _ recordType: String, id: String, changes: [String: FieldChange],
        by actor: Actor, on db: Database, at now: Date = Date()
    ) async throws {
        if let sql = db as? SQLDatabase, sql.dialect.name == "postgresql" {
            // Serialise writers across processes: the chain must not fork.
            try await sql.raw("LOCK TABLE audit_events IN EXCLUSIVE MODE").run()
        }
        let last = try await AuditEventModel.query(on: db).sort(\.$sequence, .descending).first()
        let content = AuditEventContent(
            sequence: (last?.sequence ?? 0) + 1,
            occurredAt: now.formatted(timestampFormat),
            actor: actor.label, action: action, recordType: recordType, recordID: id,
            changes: AuditEventContent.encode(changes: changes),
            previousHash: last?.hash ?? AuditChain.genesis)
        let event = AuditEventModel()
        event.sequence = content.sequence
        event.occurredAt = content.occurredAt
        event.actorUserID = actor.userID
        event.actor = content.actor
        event.action = content.action
        event.recordType = content.recordType
        event.recordID = content.recordID
        event.changes = content.changes
        event.previousHash = content.previousHash
        event.hash = AuditKey.hmacHex(content.canonicalText)
        try await event.create(on: db)
    }

    /// One page of events, newest first, optionally of one record type.
    public static func events(
        recordType: String?, page: Int?, size: Int,
        on db: Database
    ) async throws -> ([AuditEventModel], ListPage) {
        var q = AuditEventModel.query(on: db)
        if let recordType, !recordType.isEmpty { q = q.filter(\.$recordType == recordType) }
        return try await q.sort(\.$sequence, .descending).paginated(page, size: size)
    }

    /// Every kind of record the trail holds events of, in alphabetical order: the audit filter's
    /// choices, read from the events themselves so that no kind a store records is left out.
    public static func recordTypes(on db: Database) async throws -> [String] {
        try await AuditEventModel.query(on: db).unique().all(\.$recordType).sorted()
    }

    /// Walks the whole chain, oldest first, and names the first event that does not match.
    public static func verify(on db: Database) async throws -> AuditChain.Finding {
        try await check(on: db).finding
    }

    /// What `verify` found, the head to keep elsewhere, and where keyed hashing begins.
    public struct Check: Sendable {
        public var finding: AuditChain.Finding
        public var head: AuditHead?
        public var keyedFrom: Int
        /// Why `expecting` did not match, when it was given and did not.
        public var anchorProblem: String?
    }

    /// Verifies the chain and, when given, that the head an operator kept is still in it.
    public static func check(on db: Database, expecting anchor: AuditHead? = nil) async throws -> Check {
        let events = try await AuditEventModel.query(on: db).sort(\.$sequence, .ascending).all()
            .map { AuditChain.StoredEvent(content: $0.content, hash: $0.hash) }
        let head = events.last.map { AuditHead(sequence: $0.content.sequence, hash: $0.hash) }
        let keying = try await readKeying(on: db)
        guard let keyedFrom = keying.first?.keyedFrom, keying.count == 1 else {
            return Check(
                finding: .broken(
                    sequence: 0,
                    reason:
                        "the record of where keyed hashing begins (\(keyingTable)) is missing or doubled: it was removed or changed"
                ), head: head, keyedFrom: 0)
        }
        guard keying[0].seal == AuditKey.hmacHex(sealText(keyedFrom)) else {
            return Check(
                finding: .broken(
                    sequence: keyedFrom,
                    reason:
                        "the record of where keyed hashing begins does not match the audit key: it was changed, or this is not the key the trail was written with"
                ), head: head, keyedFrom: keyedFrom)
        }
        let finding = AuditChain.verify(
            events, keyedFrom: keyedFrom, sha256Hex: sha256Hex, keyedHex: AuditKey.hmacHex)
        return Check(
            finding: finding, head: head, keyedFrom: keyedFrom,
            anchorProblem: anchor.flatMap { AuditChain.check($0, against: events) })
    }

    static let keyingTable = "audit_chain_keying"

    static func sealText(_ keyedFrom: Int) -> String { "commonweal audit chain keyed from event \(keyedFrom)" }

    static func writeKeying(from keyedFrom: Int, on db: Database) async throws {
        guard let sql = db as? SQLDatabase else { return }
        try await sql.insert(into: keyingTable).columns("keyed_from", "seal")
            .values(SQLBind(keyedFrom), SQLBind(AuditKey.hmacHex(sealText(keyedFrom)))).run()
    }

    struct Keying: Decodable {
        var keyedFrom: Int
        var seal: String
        enum CodingKeys: String, CodingKey {
            case keyedFrom = "keyed_from"
            case seal
        }
    }

    static func readKeying(on db: Database) async throws -> [Keying] {
        guard let sql = db as? SQLDatabase else { return [] }
        return try await sql.select().columns("keyed_from", "seal").from(keyingTable).all(decoding: Keying.self)
    }
}
