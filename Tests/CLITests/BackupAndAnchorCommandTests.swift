import Foundation
import TestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `audit verify --expect-head`, the keyed chain, `backup` and `restore`, run as a person would,
/// on real SQLite files (docs/audit.md).
@Suite struct BackupAndAnchorCommandTests {
    /// Runs Python's sqlite3 on a database file, as someone with file access would.
    func python(_ script: String, _ args: [String]) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script] + args
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    func head(_ stdout: String) -> String? {
        stdout.split(separator: "\n").first { $0.hasPrefix("Head: ") }.map { String($0.dropFirst(6)) }
    }

    /// Edits event 5 and recomputes every hash from there: plain SHA-256, or HMAC with the key file.
    static let rewrite = """
        import sqlite3, sys, hashlib, hmac
        db, mode, keyfile = sys.argv[1], sys.argv[2], sys.argv[3]
        key = open(keyfile).read().strip().encode()
        c = sqlite3.connect(db)
        c.execute("DROP TRIGGER audit_events_no_update")
        c.execute("UPDATE audit_events SET actor = 'mallory' WHERE sequence = 5")
        rows = c.execute("SELECT sequence, occurred_at, actor, action, record_type, record_id, changes, hash FROM audit_events ORDER BY sequence").fetchall()
        prev = rows[3][7]
        for r in rows[4:]:
            fields = [str(r[0]), r[1], r[2], r[3], r[4], r[5], r[6], prev]
            text = "\\n".join("%d:%s" % (len(f.encode()), f) for f in fields).encode()
            h = hashlib.sha256(text).hexdigest() if mode == "plain" else hmac.new(key, text, hashlib.sha256).hexdigest()
            c.execute("UPDATE audit_events SET previous_hash = ?, hash = ? WHERE sequence = ?", (prev, h, r[0]))
            prev = h
        c.commit()
        """

    @Test func theKeyFileIsCreatedPrivateAndTheHeadAnchorsTheTrail() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let demo = try cli.run(["demo"])
        let keyPath = cli.dataDir.appendingPathComponent("audit.key").path
        #expect(demo.stdout.contains("Created the audit key at \(keyPath)"))
        let mode = try FileManager.default.attributesOfItem(atPath: keyPath)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let ok = try cli.run(["audit", "verify"])
        #expect(ok.status == 0)
        let anchor = try #require(head(ok.stdout))
        let (seq, hash) = (Int(anchor.split(separator: ":")[0]) ?? 0, anchor.split(separator: ":")[1])
        #expect(seq > 10 && hash.count == 64)
        let same = try cli.run(["audit", "verify", "--expect-head", anchor])
        #expect(same.status == 0)
        #expect(same.stdout.contains("Expected head \(seq) is present and unchanged."))
        // Without the key the trail cannot be verified, and the command says why.
        let moved = cli.dataDir.appendingPathComponent("elsewhere.key").path
        try FileManager.default.moveItem(atPath: keyPath, toPath: moved)
        let noKey = try cli.run(["audit", "verify"])
        #expect(noKey.status == 1)
        #expect(noKey.stderr.hasPrefix("error: no audit key at \(keyPath)"))
        #expect(try cli.run(["audit", "verify"], env: ["COMMONWEAL_AUDIT_KEY_FILE": moved]).status == 0)
        try FileManager.default.moveItem(atPath: moved, toPath: keyPath)
        // Drop the guard and delete the newest three events: the chain alone still verifies.
        #expect(
            try python(
                """
                import sqlite3, sys
                c = sqlite3.connect(sys.argv[1])
                c.execute("DROP TRIGGER audit_events_no_delete")
                c.execute("DELETE FROM audit_events WHERE sequence > (SELECT MAX(sequence) - 3 FROM audit_events)")
                c.commit()
                """, [cli.databasePath]) == 0)
        #expect(try cli.run(["audit", "verify"]).status == 0)
        let truncated = try cli.run(["audit", "verify", "--expect-head", anchor])
        #expect(truncated.status == 1)
        #expect(
            truncated.stderr
                == "error: expected head \(anchor) not found: event \(seq) of the expected head is missing: the trail ends at event \(seq - 3), so events were deleted after the head was taken\n"
        )
        let bad = try cli.run(["audit", "verify", "--expect-head", "latest"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--expect-head must be SEQUENCE:HASH"))
    }

    @Test func recomputingThePlainHashesIsCaughtButTheKeyedRewriteIsNot() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.run(["demo"])
        let keyPath = cli.dataDir.appendingPathComponent("audit.key").path
        let copy = cli.dataDir.appendingPathComponent("copy.sqlite").path
        try FileManager.default.copyItem(atPath: cli.databasePath, toPath: copy)
        #expect(try python(Self.rewrite, [cli.databasePath, "plain", keyPath]) == 0)
        let broken = try cli.run(["audit", "verify"])
        #expect(broken.status == 1)
        #expect(
            broken.stderr
                == "error: audit chain broken at event 5: its content does not match its stored hash (it was changed after it was written)\n"
        )
        // The same rewrite with the key passes: the key is what stands between an edit and its
        // concealment, so it must be kept away from the database (docs/audit.md).
        try FileManager.default.removeItem(atPath: cli.databasePath)
        try FileManager.default.moveItem(atPath: copy, toPath: cli.databasePath)
        #expect(try python(Self.rewrite, [cli.databasePath, "keyed", keyPath]) == 0)
        #expect(try cli.run(["audit", "verify"]).status == 0)
    }

    @Test func backupAndRestoreRoundTripAndRefuseWhatWouldLoseData() throws {
        let source = try CLI()
        defer { source.cleanUp() }
        try source.run(["demo"])
        try source.run(
            ["users", "add", "--email", "ops@eastmoor.example", "--name", "Ops", "--admin", "--password-stdin"],
            stdin: "a long enough password\n")
        let backup = source.dataDir.appendingPathComponent("backup.sqlite").path
        let made = try source.run(["backup", "--to", backup])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("Backup written: \(backup)"))
        let again = try source.run(["backup", "--to", backup])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already exists"))
        let sourceHead = head(try source.run(["audit", "verify"]).stdout)

        // Into a new installation that has the key.
        let target = try CLI()
        defer { target.cleanUp() }
        let key = ["COMMONWEAL_AUDIT_KEY_FILE": source.dataDir.appendingPathComponent("audit.key").path]
        let restored = try target.run(["restore", backup], env: key)
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(restored.stdout.contains("Restored \(backup) to \(target.databasePath)"))
        #expect(try target.run(["users", "list"], env: key).stdout.contains("ops@eastmoor.example"))
        let verified = try target.run(["audit", "verify"], env: key)
        #expect(verified.status == 0)
        #expect(head(verified.stdout) == sourceHead)

        // An existing database is not replaced without --force.
        let before = try Data(contentsOf: URL(fileURLWithPath: target.databasePath))
        let refused = try target.run(["restore", backup], env: key)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("a database already exists at \(target.databasePath)"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: target.databasePath)) == before)
        #expect(try target.run(["restore", backup, "--force"], env: key).status == 0)

        // Not SQLite, damaged SQLite, and a backup whose audit chain was edited: refused, nothing changed.
        let current = try Data(contentsOf: URL(fileURLWithPath: target.databasePath))
        let text = source.dataDir.appendingPathComponent("notes.txt")
        try Data("not a database\n".utf8).write(to: text)
        let damaged = source.dataDir.appendingPathComponent("damaged.sqlite")
        var bytes = try Data(contentsOf: URL(fileURLWithPath: backup))
        bytes.replaceSubrange(4096..<min(bytes.count, 4096 * 8), with: Data(repeating: 0x5a, count: 4096 * 7))
        try bytes.write(to: damaged)
        let edited = source.dataDir.appendingPathComponent("edited.sqlite").path
        try FileManager.default.copyItem(atPath: backup, toPath: edited)
        #expect(
            try python(
                """
                import sqlite3, sys
                c = sqlite3.connect(sys.argv[1])
                c.execute("DROP TRIGGER audit_events_no_update")
                c.execute("UPDATE audit_events SET actor = 'mallory' WHERE sequence = 3")
                c.commit()
                """, [edited]) == 0)
        for (file, message) in [
            (text.path, "is not an SQLite database"), (damaged.path, "Nothing was changed"),
            (edited, "the backup's audit chain is broken at event 3"),
        ] {
            let r = try target.run(["restore", file, "--force"], env: key)
            #expect(r.status == 1, "\(file)")
            #expect(r.stderr.contains(message), "\(r.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: target.databasePath)) == current)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: target.dataDir.path)
                .filter { $0.contains(".restore-") }
            #expect(leftovers.isEmpty)
        }
    }

    @Test func backupIsConsistentWhileTheServerRuns() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let port = freePort()
        let server = Process()
        server.executableURL = CLI.binary
        server.arguments = ["serve", "--demo", "--port", String(port), "--data-dir", cli.dataDir.path]
        server.environment = cli.environment
        server.standardOutput = Pipe()
        server.standardError = Pipe()
        try server.run()
        defer { if server.isRunning { server.terminate() } }
        for _ in 0..<100 {
            try await Task.sleep(for: .milliseconds(100))
            if (try? await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/healthz")!)) != nil {
                break
            }
        }
        let added = try cli.run(
            ["users", "add", "--email", "live@eastmoor.example", "--name", "Live", "--admin", "--password-stdin"],
            stdin: "a long enough password\n")
        #expect(added.status == 0, "\(added.stderr)")
        let backup = cli.dataDir.appendingPathComponent("online.sqlite").path
        let made = try cli.run(["backup", "--to", backup])
        #expect(made.status == 0, "\(made.stderr)")
        let target = try CLI()
        defer { target.cleanUp() }
        let key = ["COMMONWEAL_AUDIT_KEY_FILE": cli.dataDir.appendingPathComponent("audit.key").path]
        let restored = try target.run(["restore", backup], env: key)
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(try target.run(["users", "list"], env: key).stdout.contains("live@eastmoor.example"))
        server.terminate()
        server.waitUntilExit()
    }
}
