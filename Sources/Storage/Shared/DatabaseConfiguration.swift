import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit
import Vapor

/// Where the data lives. Every command that touches the database resolves it the same way:
/// `DATABASE_URL` (PostgreSQL) wins; otherwise an SQLite file in the data directory, which is
/// `--data-dir`, else `COMMONWEAL_DATA_DIR`, else `./commonweal-data`.
public enum DatabaseLocation: Sendable, Equatable {
    case sqliteFile(path: String)
    case sqliteMemory
    case postgres(url: String)

    public static let fileName = "commonweal.sqlite"

    public static func resolve(dataDir: String?, environment: [String: String]) throws -> DatabaseLocation {
        if let url = environment["DATABASE_URL"], !url.trimmingCharacters(in: .whitespaces).isEmpty {
            try checkPostgresURL(url)
            return .postgres(url: url)
        }
        let dir = dataDir ?? environment["COMMONWEAL_DATA_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "./commonweal-data"
        try prepareDataDirectory(dir)
        return .sqliteFile(path: URL(fileURLWithPath: dir).appendingPathComponent(fileName).path)
    }

    static func checkPostgresURL(_ url: String) throws {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased() else {
            throw ConfigurationError("DATABASE_URL is not a URL: expected postgres://user:password@host:5432/database")
        }
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw ConfigurationError(
                "DATABASE_URL must start with postgres:// (it starts with \(scheme)://); unset it to use the embedded SQLite database"
            )
        }
        guard let host = parsed.host, !host.isEmpty else {
            throw ConfigurationError("DATABASE_URL has no host: expected postgres://user:password@host:5432/database")
        }
        do {
            _ = try SQLPostgresConfiguration(url: url)
        } catch {
            throw ConfigurationError(
                "DATABASE_URL could not be read (\(String(describing: error).prefix(120))): expected postgres://user:password@host:5432/database"
            )
        }
    }

    /// Creates the folder if needed and proves it is writable.
    static func prepareDataDirectory(_ dir: String) throws {
        let fm = FileManager.default
        do {
            try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
        } catch {
            throw ConfigurationError(
                "cannot create the data directory \(dir): a file is in the way or permission is denied; choose another with --data-dir or COMMONWEAL_DATA_DIR"
            )
        }
        let probe = URL(fileURLWithPath: dir).appendingPathComponent(".write-test-\(UUID().uuidString)").path
        guard fm.createFile(atPath: probe, contents: Data()) else {
            throw ConfigurationError(
                "cannot write to the data directory \(dir): check its permissions, or choose another with --data-dir or COMMONWEAL_DATA_DIR"
            )
        }
        try? fm.removeItem(atPath: probe)
    }

    /// What to tell a person about where the data is, without any password.
    public var summary: String {
        switch self {
        case .sqliteFile(let path): return "SQLite database at \(path)"
        case .sqliteMemory: return "in-memory SQLite database"
        case .postgres(let url):
            guard let u = URL(string: url) else { return "PostgreSQL" }
            return "PostgreSQL at \(u.host ?? "?"):\(u.port ?? 5432)\(u.path)"
        }
    }
}

/// A configuration problem, told in one line.
public struct ConfigurationError: Error, CustomStringConvertible {
    public let description: String
    public init(_ message: String) { description = message }
}

/// The product's migrations, in order. New tables get a new migration at the end.
public let commonwealMigrations: [any Migration] = [
    CreateOrganisations(), CreateAccounts(), CreateCompacts(), CreateAuditEvents(), CreateFrameworks(),
    CreateConsultations(), CreateProcurements(), CreateTenders(), CreateEvaluations(), CreateContracts(),
    CreateMonitoring(),
    CreateDecommissioning(),
    ConstrainEnumColumns(),
    ConstrainNotificationKinds(),
    CreateConsiderationAmendments(),
    CreateDecommissioningDecisions(),
    WidenNotificationKinds(),
    CreateConsultationOutcomeVersions(),
    CreateCommentResponseVersions(),
    CreateCompactVersions(),
    CreateStrategyVersions(),
    KeyAuditChain(),
    CreateDecommissioningProposalVersions(),
    AddDeliveryThresholds(),
    CreateOCDSImports(),
    RecordValueSetLicences(),
    CreateDecommissioningPublications(),
    CreateContractPerformance(),
]

extension Application {
    /// Points Fluent at `location` and registers the migrations. Does not connect yet.
    public func useDatabase(_ location: DatabaseLocation) throws {
        switch location {
        case .sqliteFile(let path):
            databases.use(.sqlite(.file(path), sqlLogLevel: nil), as: .sqlite)
        case .sqliteMemory:
            databases.use(.sqlite(.memory, sqlLogLevel: nil), as: .sqlite)
        case .postgres(let url):
            var config = try SQLPostgresConfiguration(url: url)
            config.searchPath = nil
            databases.use(
                .postgres(
                    configuration: config, maxConnectionsPerEventLoop: 4, connectionPoolTimeout: .seconds(5),
                    encodingContext: .default, decodingContext: .default, sqlLogLevel: .debug),
                as: .psql)
        }
        for migration in commonwealMigrations { migrations.add(migration) }
    }

    /// Connects once, so a bad host or password is reported before anything else happens.
    public func checkDatabaseConnection(_ location: DatabaseLocation) async throws {
        do {
            guard let sql = db as? SQLDatabase else { return }
            try await sql.raw("SELECT 1").run()
            if case .sqliteFile = location {
                // Write-ahead logging: readers do not block the writer, and a crash mid-write
                // leaves the database as of the last commit.
                try await sql.raw("PRAGMA journal_mode=WAL").run()
            }
        } catch {
            throw ConfigurationError("cannot reach the \(location.summary): \(Self.oneLine(error))")
        }
    }

    /// The cause in a few words: driver errors are long and may hold connection details.
    static func oneLine(_ error: Error) -> String {
        let text = String(reflecting: error)
        let causes: [(String, String)] = [
            ("Connection refused", "connection refused (is the server running, and is the host and port right?)"),
            ("password authentication failed", "password authentication failed"),
            ("does not exist", "the database or role does not exist"),
            ("No such host", "no such host"), ("NXDOMAIN", "no such host"),
            ("unable to open database", "unable to open the database file"),
            ("timed out", "timed out"), ("timeout", "timed out"),
        ]
        for (marker, cause) in causes where text.contains(marker) { return cause }
        return String(text.split(separator: "\n").first ?? "").prefix(160).description
    }
}

/// Whether the database answers a trivial query (for the health check).
public func databaseIsReachable(_ db: Database) async -> Bool {
    guard let sql = db as? SQLDatabase else { return false }
    return (try? await sql.raw("SELECT 1").run()) != nil
}
