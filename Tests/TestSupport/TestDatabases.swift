import Fluent
import FluentPostgresDriver
import Foundation
import SQLKit
import Storage
import Vapor

/// The databases every storage test runs against (fluent-kit style: one suite, every backend).
public enum Backend: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqliteMemory = "SQLite in memory"
    case sqliteFile = "SQLite file"
    case postgres = "PostgreSQL"

    public var description: String { rawValue }

    /// PostgreSQL is in the list when `COMMONWEAL_TEST_POSTGRES_URL` is set, and always under
    /// `CI=true`, where a missing server fails the tests instead of skipping them.
    public static var all: [Backend] {
        PostgresTestServer.url != nil || PostgresTestServer.isCI ? allCases : [.sqliteMemory, .sqliteFile]
    }
}

public enum PostgresTestServer {
    public static var url: String? {
        ProcessInfo.processInfo.environment["COMMONWEAL_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    public static let skipReason =
        "COMMONWEAL_TEST_POSTGRES_URL is not set: the PostgreSQL backend is skipped (scripts/test.sh starts a throwaway server when PostgreSQL is installed)"

    public struct Missing: Error, CustomStringConvertible {
        public init() {}
        public var description: String {
            "CI=true but COMMONWEAL_TEST_POSTGRES_URL is not set: PostgreSQL tests cannot be skipped in CI"
        }
    }

    /// Creates an empty database for one test and returns its URL; `drop` removes it.
    public static func createDatabase() async throws -> (url: String, drop: @Sendable () async -> Void) {
        guard let base = url else { throw Missing() }
        let name = "cw_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        try await admin(base) { sql in try await sql.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
        var components = URLComponents(string: base)!
        components.path = "/" + name
        let testURL = components.string!
        return (
            testURL,
            {
                try? await admin(base) { sql in
                    try await sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run()
                }
            }
        )
    }

    static func admin(_ url: String, _ body: (SQLDatabase) async throws -> Void) async throws {
        let app = try await Application.make(.testing)
        app.logger.logLevel = .critical
        do {
            app.databases.use(try .postgres(url: url), as: .psql)
            try await body(app.db as! SQLDatabase)
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}

/// A scratch folder under the test run's TMPDIR, removed by the caller.
public func scratchDirectory() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cw-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

/// Runs `body` with a migrated application on a fresh database of the given backend, then
/// tears it down. Each call gets its own database, so tests can run in parallel.
public func withApp<T>(_ backend: Backend, migrate: Bool = true, _ body: (Application) async throws -> T) async throws
    -> T
{
    var cleanup: [@Sendable () async -> Void] = []
    let location: DatabaseLocation
    switch backend {
    case .sqliteMemory:
        location = .sqliteMemory
    case .sqliteFile:
        let dir = try scratchDirectory()
        cleanup.append { try? FileManager.default.removeItem(at: dir) }
        location = .sqliteFile(path: dir.appendingPathComponent("test.sqlite").path)
    case .postgres:
        let (url, drop) = try await PostgresTestServer.createDatabase()
        cleanup.append(drop)
        location = .postgres(url: url)
    }
    let app = try await Application.make(.testing)
    app.logger.logLevel = .warning
    do {
        try app.useDatabase(location)
        try await app.checkDatabaseConnection(location)
        if migrate { try await app.autoMigrate() }
        let result = try await body(app)
        try await app.asyncShutdown()
        for c in cleanup { await c() }
        return result
    } catch {
        try? await app.asyncShutdown()
        for c in cleanup { await c() }
        throw error
    }
}

/// Fast bcrypt for tests: the cost is a parameter, not part of what is tested.
public let testPasswords = Passwords(cost: 4)
public let testPassword = "correct horse battery staple"
