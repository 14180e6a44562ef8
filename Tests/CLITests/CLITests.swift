import Foundation
import TestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite struct CLITests {
    @Test func versionAndHelp() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let v = try cli.run(["version"], dataDirFlag: false)
        #expect(v.status == 0)
        #expect(v.stdout == "commonweal 0.1.0\n")
        let help = try cli.run(["--help"], dataDirFlag: false)
        for command in ["serve", "migrate", "demo", "users", "audit", "version"] {
            #expect(help.stdout.contains(command))
        }
    }

    @Test func badConfigurationGivesOneClearLineAndFails() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let scheme = try cli.run(["migrate"], env: ["DATABASE_URL": "mysql://root@localhost/db"], dataDirFlag: false)
        #expect(scheme.status == 1)
        #expect(
            scheme.stderr
                == "error: DATABASE_URL must start with postgres:// (it starts with mysql://); unset it to use the embedded SQLite database\n"
        )
        let refused = try cli.run(
            ["migrate"], env: ["DATABASE_URL": "postgres://someone:secret@127.0.0.1:1/nothing?tlsmode=disable"],
            dataDirFlag: false)
        #expect(refused.status == 1)
        #expect(
            refused.stderr.hasPrefix("error: cannot reach the PostgreSQL at 127.0.0.1:1/nothing: connection refused"))
        #expect(!refused.stderr.contains("secret"))
        #expect(refused.stderr.split(separator: "\n").count == 1)
        // A file where the data directory should be.
        let blocker = cli.dataDir.appendingPathComponent("blocker")
        FileManager.default.createFile(atPath: blocker.path, contents: Data())
        let blocked = try cli.run(
            ["migrate", "--data-dir", blocker.appendingPathComponent("data").path], dataDirFlag: false)
        #expect(blocked.status == 1)
        #expect(blocked.stderr.hasPrefix("error: cannot create the data directory"))
        let port = try cli.run(["serve", "--port", "70000"])
        #expect(port.status != 0)
        #expect(port.stderr.contains("--port must be between 1 and 65535"))
    }

    @Test func demoLoadsOnceAndPrintsItsAccounts() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let first = try cli.run(["demo"], env: ["COMMONWEAL_DEMO_PASSWORD": "demo password for tests"])
        #expect(first.status == 0)
        #expect(first.stdout.contains("every one has the password: demo password for tests"))
        for email in [
            "admin@eastmoor.example", "commissioner@eastmoor-cc.example", "evaluator@eastmoor-cc.example",
            "viewer@brackenford-dc.example", "supplier@brackenford-foodbank.example", "compact@eastmoor-cvs.example",
        ] {
            #expect(first.stdout.contains(email))
        }
        let second = try cli.run(["demo"])
        #expect(second.status == 1)
        #expect(
            second.stderr
                == "error: the database already has data: the demo area loads only into an empty database (use a new --data-dir)\n"
        )
        let random = try CLI()
        defer { random.cleanUp() }
        let generated = try random.run(["demo"])
        #expect(
            generated.stdout.range(
                of: #"password: [a-z2-9]{5}-[a-z2-9]{5}-[a-z2-9]{5}-[a-z2-9]{5}"#, options: .regularExpression) != nil)
    }

    @Test func usersAreAddedListedDisabledAndReset() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try cli.run(["migrate"]).stdout.contains("Migrations are up to date"))
        let short = try cli.run(
            ["users", "add", "--email", "ops@eastmoor.example", "--name", "Ops", "--admin", "--password-stdin"],
            stdin: "too short\n")
        #expect(short.status == 1)
        #expect(short.stderr == "error: password: Password must be 12 characters or more\n")
        let added = try cli.run(
            ["users", "add", "--email", "Ops@Eastmoor.example", "--name", "Ops Person", "--admin", "--password-stdin"],
            stdin: "a long enough password\n")
        #expect(added.status == 0)
        #expect(added.stdout == "Added ops@eastmoor.example (installation administrator).\n")
        let dup = try cli.run(["users", "add", "--email", "ops@eastmoor.example", "--name", "Again"])
        #expect(dup.stderr.contains("already exists"))
        let orgMissing = try cli.run([
            "users", "add", "--email", "x@eastmoor.example", "--name", "X", "--organisation", "Nowhere Council",
            "--role", "viewer",
        ])
        #expect(orgMissing.stderr == "error: organisation: No organisation is called ‘Nowhere Council’\n")
        let list = try cli.run(["users", "list"])
        #expect(list.stdout.contains("ops@eastmoor.example"))
        #expect(list.stdout.contains("[installation-admin]"))
        #expect(!list.stdout.contains("x@eastmoor.example"))  // the failed add saved nothing
        #expect(try cli.run(["users", "disable", "ops@eastmoor.example"]).stdout == "Disabled ops@eastmoor.example.\n")
        #expect(try cli.run(["users", "list"]).stdout.contains("disabled"))
        let reset = try cli.run(["users", "reset-password", "ops@eastmoor.example"])
        #expect(reset.stdout.contains("New password: "))
        let unknown = try cli.run(["users", "disable", "nobody@eastmoor.example"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "error: The user nobody@eastmoor.example was not found\n")
    }

    @Test func auditVerifyFindsTampering() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.run(["demo"])
        let ok = try cli.run(["audit", "verify"])
        #expect(ok.status == 0)
        #expect(ok.stdout.hasPrefix("Audit chain intact: "))
        // Edit history behind the product's back, with Python's sqlite3.
        let tamper = Process()
        tamper.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        tamper.arguments = [
            "python3", "-c",
            """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            c.execute("DROP TRIGGER audit_events_no_update")
            c.execute("UPDATE audit_events SET actor = 'mallory' WHERE sequence = 7")
            c.commit()
            """, cli.databasePath,
        ]
        try tamper.run()
        tamper.waitUntilExit()
        #expect(tamper.terminationStatus == 0)
        let broken = try cli.run(["audit", "verify"])
        #expect(broken.status == 1)
        #expect(
            broken.stderr
                == "error: audit chain broken at event 7: its content does not match its stored hash (it was changed after it was written)\n"
        )
    }

    @Test func migrateRevertsTheLastBatch() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.run(["migrate"])
        #expect(try cli.run(["migrate", "--revert"]).stdout.contains("Reverted the last batch"))
        #expect(try cli.run(["users", "list"]).stdout == "No users.\n")  // re-applied on the next command
    }

    @Test func serveStartsPrintsItsURLAndStopsCleanly() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let port = freePort()
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["serve", "--demo", "--port", String(port), "--data-dir", cli.dataDir.path]
        process.environment = cli.environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        var health: Int?
        for _ in 0..<100 {
            try await Task.sleep(for: .milliseconds(100))
            if let (_, response) = try? await URLSession.shared.data(
                from: URL(string: "http://127.0.0.1:\(port)/healthz")!)
            {
                health = (response as? HTTPURLResponse)?.statusCode
                break
            }
        }
        #expect(health == 200)
        let (page, _) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/compacts")!)
        #expect(String(decoding: page, as: UTF8.self).contains("Eastmoor Compact"))
        // A second server on the same port says so in one line.
        let clash = try cli.run(["serve", "--port", String(port)])
        #expect(clash.status == 1)
        #expect(
            clash.stderr
                == "error: port \(port) on 127.0.0.1 is already in use: stop the other program or choose another port with --port\n"
        )
        process.terminate()  // SIGTERM
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(printed.contains("Commonweal is running at http://127.0.0.1:\(port)/"))
        #expect(printed.contains("Demo accounts"))
    }

    @Test(
        .enabled(
            if: PostgresTestServer.url != nil || PostgresTestServer.isCI,
            Comment(rawValue: PostgresTestServer.skipReason)))
    func theSameCommandsRunOnPostgreSQL() async throws {
        let (url, drop) = try await PostgresTestServer.createDatabase()
        let cli = try CLI()
        defer { cli.cleanUp() }
        let demo = try cli.run(["demo"], env: ["DATABASE_URL": url], dataDirFlag: false)
        #expect(demo.status == 0, "\(demo.stderr)")
        let verify = try cli.run(["audit", "verify"], env: ["DATABASE_URL": url], dataDirFlag: false)
        #expect(verify.stdout.hasPrefix("Audit chain intact"))
        let port = freePort()
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["serve", "--port", String(port)]
        process.environment = cli.environment.merging(["DATABASE_URL": url]) { $1 }
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        try process.run()
        var status: Int?
        for _ in 0..<100 {
            try await Task.sleep(for: .milliseconds(100))
            if let (_, r) = try? await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/healthz")!) {
                status = (r as? HTTPURLResponse)?.statusCode
                break
            }
        }
        process.terminate()
        process.waitUntilExit()
        #expect(status == 200)
        await drop()
    }
}
