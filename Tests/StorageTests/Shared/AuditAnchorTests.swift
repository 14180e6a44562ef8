import Fluent
import Foundation
import SQLKit
import SocialValue
import TestSupport
import Testing

@testable import Storage

/// The keyed chain and the head anchor (docs/audit.md): what someone with write access to the
/// database file, but not the audit key or the head kept elsewhere, can no longer hide.
@Suite struct AuditAnchorTests {
    @Test func hmacMatchesRFC4231TestCase2() {
        #expect(
            AuditKey.hmacHex("what do ya want for nothing?", keyText: "Jefe")
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func headsAreReadAsSequenceColonHash() {
        let hash = String(repeating: "ab", count: 32)
        #expect(AuditHead(parsing: "12:\(hash)") == AuditHead(sequence: 12, hash: hash))
        #expect(AuditHead(parsing: "12:\(hash.uppercased())")?.hash == hash)
        for bad in ["", "12", "0:\(hash)", "x:\(hash)", "12:\(hash.dropLast())", "12:\(hash)z", "1:2:\(hash)"] {
            #expect(AuditHead(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test(arguments: Backend.all)
    func theHappyPathVerifiesAndGivesTheHead(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            try await addOrganisations(3, on: app.db)
            let check = try await AuditLog.check(on: app.db)
            #expect(check.finding == .intact(count: 3))
            #expect(check.keyedFrom == 1)
            let last = try #require(try await AuditEventModel.query(on: app.db).sort(\.$sequence, .descending).first())
            #expect(check.head == AuditHead(sequence: 3, hash: last.hash))
            // Keyed: the stored hash is not plain SHA-256 of the content.
            #expect(last.hash != AuditLog.sha256Hex(last.content.canonicalText))
            #expect(last.hash == AuditKey.hmacHex(last.content.canonicalText))
            #expect(try await AuditLog.check(on: app.db, expecting: check.head).anchorProblem == nil)
        }
    }

    @Test(arguments: Backend.all)
    func deletingTheNewestEventsIsCaughtByTheExpectedHead(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            try await addOrganisations(4, on: app.db)
            let early = try #require(try await AuditLog.check(on: app.db).head)
            try await addOrganisations(2, on: app.db)
            let head = try #require(try await AuditLog.check(on: app.db).head)
            #expect(head.sequence == 6)
            let sql = app.db as! SQLDatabase
            try await dropAppendOnlyTriggers(sql)
            try await sql.raw("DELETE FROM audit_events WHERE sequence > 4").run()
            // The shortened chain is still a valid chain: only the anchor can tell.
            let after = try await AuditLog.check(on: app.db, expecting: head)
            #expect(after.finding == .intact(count: 4))
            #expect(
                after.anchorProblem
                    == "event 6 of the expected head is missing: the trail ends at event 4, so events were deleted after the head was taken"
            )
            #expect(try await AuditLog.check(on: app.db, expecting: early).anchorProblem == nil)
        }
    }

    @Test(arguments: Backend.all)
    func recomputingPlainHashesAfterAnEditIsCaught(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            try await addOrganisations(4, on: app.db)
            let sql = app.db as! SQLDatabase
            try await dropAppendOnlyTriggers(sql)
            try await sql.raw("UPDATE audit_events SET actor = 'mallory' WHERE sequence = 2").run()
            // Recompute every hash from the edit on, as the old unkeyed chain allowed.
            let events = try await AuditEventModel.query(on: app.db).sort(\.$sequence, .ascending).all()
            var previous = events[0].hash
            for e in events.dropFirst() {
                var c = e.content
                c.previousHash = previous
                previous = AuditLog.sha256Hex(c.canonicalText)
                try await sql.raw(
                    "UPDATE audit_events SET previous_hash = \(bind: c.previousHash), hash = \(bind: previous) WHERE sequence = \(bind: e.sequence)"
                ).run()
            }
            let reason = "its content does not match its stored hash (it was changed after it was written)"
            #expect(try await AuditLog.verify(on: app.db) == .broken(sequence: 2, reason: reason))
            // Nor can the rewritten events be passed off as older than keying.
            try await sql.raw(
                "UPDATE audit_chain_keying SET keyed_from = 5, seal = \(bind: AuditLog.sha256Hex(AuditLog.sealText(5)))"
            ).run()
            guard case .broken(5, let why) = try await AuditLog.verify(on: app.db) else {
                Issue.record("moving the keying point was not caught")
                return
            }
            #expect(why.hasPrefix("the record of where keyed hashing begins does not match the audit key"))
        }
    }

    @Test(arguments: Backend.all)
    func eventsWrittenBeforeKeyingStillVerify(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            // The database as it was before the keyed chain: no keying record, plain hashes.
            let sql = app.db as! SQLDatabase
            try await sql.raw("DROP TABLE audit_chain_keying").run()
            try await sql.raw("DELETE FROM _fluent_migrations WHERE name = 'Storage.KeyAuditChain'").run()
            var previous = AuditChain.genesis
            for i in 1...3 {
                let c = AuditEventContent(
                    sequence: i, occurredAt: "2026-11-25T10:00:0\(i - 1).000Z", actor: "admin@eastmoor.example",
                    action: "created", recordType: "organisation", recordID: "id-\(i)", changes: "{}",
                    previousHash: previous)
                let e = AuditEventModel()
                e.sequence = c.sequence
                e.occurredAt = c.occurredAt
                e.actor = c.actor
                e.action = c.action
                e.recordType = c.recordType
                e.recordID = c.recordID
                e.changes = c.changes
                e.previousHash = c.previousHash
                e.hash = AuditLog.sha256Hex(c.canonicalText)
                try await e.create(on: app.db)
                previous = e.hash
            }
            // Worked by hand (Python hashlib) for event 1's canonical text.
            let first = try #require(try await AuditEventModel.query(on: app.db).filter(\.$sequence == 1).first())
            #expect(first.hash == "c714346a0db93a81bca7a25dc2dc6937087ca3489e4f0998bb1f6b9f4adfd650")
            try await app.autoMigrate()
            try await addOrganisations(2, on: app.db)
            let check = try await AuditLog.check(on: app.db)
            #expect(check.finding == .intact(count: 5))
            #expect(check.keyedFrom == 4)
        }
    }

    func addOrganisations(_ n: Int, on db: Database) async throws {
        for _ in 1...n {
            _ = try await OrganisationStore(db).create(
                foodbank(name: "Pantry \(UUID().uuidString.prefix(8))"), viewer: .commandLine, by: .commandLine)
        }
    }

    func dropAppendOnlyTriggers(_ sql: SQLDatabase) async throws {
        if sql.dialect.name == "sqlite" {
            try await sql.raw("DROP TRIGGER audit_events_no_update").run()
            try await sql.raw("DROP TRIGGER audit_events_no_delete").run()
        } else {
            try await sql.raw("DROP TRIGGER audit_events_append_only ON audit_events").run()
        }
    }
}
