import Fluent
import FluentPostgresDriver
import SQLKit
import TestSupport
import Testing
import Vapor

@testable import Storage

/// Real faults from the real drivers (no stand-ins): a SQLite database that runs out of pages
/// reports SQLITE_FULL, and a PostgreSQL address where nothing listens refuses the connection.
@Suite struct DatabaseFaultTests {
    @Test func aFullSQLiteDatabaseIsADiskFullFault() async throws {
        try await withApp(.sqliteFile) { app in
            let error = try await sqliteFullError(app.db)
            #expect(DatabaseFault(error) == .diskFull, "\(String(reflecting: error))")
            #expect(DatabaseFault.diskFull.message.hasPrefix("The server's disk is full"))
            // Earlier data is still there and the database keeps working.
            #expect(try await OrganisationModel.query(on: app.db).count() == 0)
        }
    }

    /// The pool's 3-second timeout ends the wait; how long it took is not asserted (a loaded
    /// machine took 13.8 s in CI on 2026-12-07: tests assert behaviour, never speed).
    @Test func aPostgreSQLServerThatRefusesIsUnavailable() async throws {
        let app = try await Application.make(.testing)
        app.logger.logLevel = .critical
        // Port 1 on the loopback: nothing listens there, so the connection is refused.
        let config = SQLPostgresConfiguration(
            hostname: "127.0.0.1", port: 1, username: "nobody", password: "x", database: "none", tls: .disable)
        app.databases.use(.postgres(configuration: config, connectionPoolTimeout: .seconds(3)), as: .psql)
        do {
            try await (app.db as! SQLDatabase).raw("SELECT 1").run()
            Issue.record("SELECT 1 against a closed port succeeded")
        } catch {
            #expect(DatabaseFault(error) == .unavailable, "\(String(reflecting: error))")
        }
        #expect(DatabaseFault.unavailable.message.hasPrefix("The database is not available at the moment"))
        try await app.asyncShutdown()
    }

    @Test func otherErrorsAreNotFaults() {
        #expect(DatabaseFault(StorageError.notFound("Tender")) == nil)
        #expect(DatabaseFault(CancellationError()) == nil)
    }
}
