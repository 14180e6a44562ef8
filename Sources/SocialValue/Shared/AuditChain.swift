import Foundation

/// One field's value before and after a change; nil where it did not exist.
public struct FieldChange: Codable, Sendable, Equatable {
    public var from: String?
    public var to: String?

    public init(from: String?, to: String?) {
        self.from = from
        self.to = to
    }
}

/// The content of an audit event that its hash covers.
public struct AuditEventContent: Sendable, Equatable {
    public var sequence: Int
    /// UTC, ISO 8601 with milliseconds, so the text hashed is the text stored.
    public var occurredAt: String
    public var actor: String
    public var action: String
    public var recordType: String
    public var recordID: String
    /// JSON object with sorted keys: field name → `FieldChange`.
    public var changes: String
    public var previousHash: String

    public init(
        sequence: Int, occurredAt: String, actor: String, action: String, recordType: String,
        recordID: String, changes: String, previousHash: String
    ) {
        self.sequence = sequence
        self.occurredAt = occurredAt
        self.actor = actor
        self.action = action
        self.recordType = recordType
        self.recordID = recordID
        self.changes = changes
        self.previousHash = previousHash
    }

    /// The exact bytes hashed: each field on its own line, its length first, so no two
    /// different events can produce the same text.
    public var canonicalText: String {
        [String(sequence), occurredAt, actor, action, recordType, recordID, changes, previousHash]
            .map { "\($0.utf8.count):\($0)" }
            .joined(separator: "\n")
    }

    /// Encodes a change set as canonical JSON (sorted keys).
    public static func encode(changes: [String: FieldChange]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(changes)) ?? Data("{}".utf8), as: UTF8.self)
    }
}

/// The audit trail is a hash chain: each event stores SHA-256 over its content, which
/// includes the previous event's hash. The first event's previous hash is `genesis`.
public enum AuditChain {
    public static let genesis = String(repeating: "0", count: 64)

    public struct StoredEvent: Sendable {
        public var content: AuditEventContent
        public var hash: String

        public init(content: AuditEventContent, hash: String) {
            self.content = content
            self.hash = hash
        }
    }

    public enum Finding: Equatable, Sendable {
        case intact(count: Int)
        /// The first event that does not match, and why.
        case broken(sequence: Int, reason: String)
    }

    /// Walks events in sequence order. `sha256Hex` is passed in so the core stays free of I/O
    /// and crypto libraries.
    public static func verify(_ events: [StoredEvent], sha256Hex: (String) -> String) -> Finding {
        var expectedPrevious = genesis
        var expectedSequence = 1
        for event in events {
            let c = event.content
            if c.sequence != expectedSequence {
                return .broken(
                    sequence: c.sequence,
                    reason: "expected event \(expectedSequence) here: an event is missing or out of order")
            }
            if c.previousHash != expectedPrevious {
                return .broken(
                    sequence: c.sequence, reason: "its previous hash does not match the hash of event \(c.sequence - 1)"
                )
            }
            if sha256Hex(c.canonicalText) != event.hash {
                return .broken(
                    sequence: c.sequence,
                    reason: "its content does not match its stored hash (it was changed after it was written)")
            }
            expectedPrevious = event.hash
            expectedSequence += 1
        }
        return .intact(count: events.count)
    }
}

/// Page arithmetic for long lists: 1-based page numbers, clamped to what exists.
public struct ListPage: Sendable, Equatable {
    public let number: Int
    public let size: Int
    public let total: Int

    public init(requested: Int?, size: Int, total: Int) {
        self.size = max(1, size)
        self.total = max(0, total)
        let last = max(1, (self.total + self.size - 1) / self.size)
        self.number = min(max(1, requested ?? 1), last)
    }

    public var pageCount: Int { max(1, (total + size - 1) / size) }
    public var offset: Int { (number - 1) * size }
    public var hasPrevious: Bool { number > 1 }
    public var hasNext: Bool { number < pageCount }
    /// This page's share of a list already in order.
    public func slice<T>(_ items: [T]) -> [T] {
        guard offset < items.count else { return [] }
        return Array(items[offset..<min(offset + size, items.count)])
    }

    /// "Showing 21 to 40 of 57".
    public var rangeText: String {
        total == 0 ? "No results" : "Showing \(offset + 1) to \(min(offset + size, total)) of \(total)"
    }
}
