import Testing

@testable import SocialValue

/// The chain logic, with a stand-in digest; real SHA-256 is exercised in the storage tests.
@Suite struct AuditChainTests {
    func digest(_ s: String) -> String {
        String(s.utf8.reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 })
    }

    func chain(_ n: Int) -> [AuditChain.StoredEvent] {
        var events: [AuditChain.StoredEvent] = []
        var previous = AuditChain.genesis
        for i in 1...n {
            let c = AuditEventContent(
                sequence: i, occurredAt: "2026-11-25T10:00:0\(i).000Z", actor: "admin@eastmoor.example",
                action: "created", recordType: "organisation", recordID: "id-\(i)", changes: "{}",
                previousHash: previous)
            let hash = digest(c.canonicalText)
            events.append(.init(content: c, hash: hash))
            previous = hash
        }
        return events
    }

    @Test func intactChainVerifies() {
        #expect(AuditChain.verify(chain(5), sha256Hex: digest) == .intact(count: 5))
        #expect(AuditChain.verify([], sha256Hex: digest) == .intact(count: 0))
    }

    @Test func editedContentIsFoundAtThatEvent() {
        var events = chain(5)
        events[2].content.actor = "mallory"
        #expect(
            AuditChain.verify(events, sha256Hex: digest)
                == .broken(
                    sequence: 3,
                    reason: "its content does not match its stored hash (it was changed after it was written)"))
    }

    @Test func rehashedEditBreaksTheNextLink() {
        var events = chain(5)
        events[2].content.changes = "{\"name\":{}}"
        events[2].hash = digest(events[2].content.canonicalText)
        #expect(
            AuditChain.verify(events, sha256Hex: digest)
                == .broken(sequence: 4, reason: "its previous hash does not match the hash of event 3"))
    }

    @Test func missingEventIsFound() {
        var events = chain(5)
        events.remove(at: 1)
        guard case .broken(let seq, _) = AuditChain.verify(events, sha256Hex: digest) else {
            Issue.record("not broken")
            return
        }
        #expect(seq == 3)
    }

    @Test func canonicalTextCannotBeShiftedBetweenFields() {
        let a = AuditEventContent(
            sequence: 1, occurredAt: "t", actor: "ab", action: "c", recordType: "r", recordID: "i", changes: "{}",
            previousHash: "0")
        let b = AuditEventContent(
            sequence: 1, occurredAt: "t", actor: "a", action: "bc", recordType: "r", recordID: "i", changes: "{}",
            previousHash: "0")
        #expect(a.canonicalText != b.canonicalText)
    }
}
