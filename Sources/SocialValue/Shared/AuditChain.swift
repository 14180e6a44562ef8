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

    /// Walks events in sequence order, all hashed with `sha256Hex` (the chain before keying).
    public static func verify(_ events: [StoredEvent], sha256Hex: (String) -> String) -> Finding {
        verify(events, keyedFrom: Int.max, sha256Hex: sha256Hex, keyedHex: sha256Hex)
    }

    /// Walks events in sequence order. Events before `keyedFrom` were written before the chain
    /// was keyed and carry plain SHA-256 (`sha256Hex`); from `keyedFrom` on each carries an
    /// HMAC-SHA256 under a key kept outside the database (`keyedHex`), so recomputing the hashes
    /// after an edit needs that key (docs/audit.md). Both functions are passed in so the core
    /// stays free of I/O and crypto libraries.
    public static func verify(
        _ events: [StoredEvent], keyedFrom: Int, sha256Hex: (String) -> String, keyedHex: (String) -> String
    ) -> Finding {
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
            let digest = c.sequence >= keyedFrom ? keyedHex(c.canonicalText) : sha256Hex(c.canonicalText)
            if digest != event.hash {
                return .broken(
                    sequence: c.sequence,
                    reason: "its content does not match its stored hash (it was changed after it was written)")
            }
            expectedPrevious = event.hash
            expectedSequence += 1
        }
        return .intact(count: events.count)
    }

    /// Checks an anchor kept outside the database against the trail: nil when the event at the
    /// anchor's sequence is there with the anchor's hash, else why not. Events are in sequence
    /// order and already verified, so a matching anchor proves nothing before it was removed or
    /// rewritten, and a missing one that events after it were removed.
    public static func check(_ anchor: AuditHead, against events: [StoredEvent]) -> String? {
        guard let event = events.first(where: { $0.content.sequence == anchor.sequence }) else {
            return
                "event \(anchor.sequence) of the expected head is missing: the trail ends at event \(events.last?.content.sequence ?? 0), so events were deleted after the head was taken"
        }
        guard event.hash == anchor.hash else {
            return
                "event \(anchor.sequence) has hash \(event.hash), not the expected \(anchor.hash): the trail was rewritten up to that event"
        }
        return nil
    }
}

/// The last event of the trail, as `SEQUENCE:HASH`: what an operator keeps elsewhere and gives
/// back to `audit verify --expect-head` to detect events removed after it.
public struct AuditHead: Sendable, Equatable, CustomStringConvertible {
    public var sequence: Int
    public var hash: String

    public init(sequence: Int, hash: String) {
        self.sequence = sequence
        self.hash = hash
    }

    /// Reads `SEQUENCE:HASH` (a positive sequence, 64 lower-case hex digits); nil otherwise.
    public init?(parsing text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let sequence = Int(parts[0]), sequence >= 1 else { return nil }
        let hash = parts[1].lowercased()
        guard hash.count == 64, hash.allSatisfy({ $0.isHexDigit }) else { return nil }
        self.init(sequence: sequence, hash: hash)
    }

    public var description: String { "\(sequence):\(hash)" }
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
