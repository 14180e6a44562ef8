import ArgumentParser
import Demo
import Foundation
import SocialValue
import Storage
import Vapor
import Web

/// Where the data is: the same options and environment for every command.
struct DatabaseOptions: ParsableArguments {
    @ArgumentParser.Option(
        name: .customLong("data-dir"),
        help:
            "Folder for the embedded SQLite database (default ./commonweal-data, or COMMONWEAL_DATA_DIR). Ignored when DATABASE_URL is set."
    )
    var dataDir: String?

    func location() throws -> DatabaseLocation {
        try DatabaseLocation.resolve(dataDir: dataDir, environment: ProcessInfo.processInfo.environment)
    }
}

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data(("error: " + message + "\n").utf8))
}

/// Reads `COMMONWEAL_BCRYPT_COST` (4–16, default 12).
func passwordHashing() throws -> Passwords {
    guard let raw = ProcessInfo.processInfo.environment["COMMONWEAL_BCRYPT_COST"], !raw.isEmpty else {
        return Passwords()
    }
    guard let cost = Int(raw), (4...16).contains(cost) else {
        throw ConfigurationError("COMMONWEAL_BCRYPT_COST must be a whole number from 4 to 16 (it is ‘\(raw)’)")
    }
    return Passwords(cost: cost)
}

/// Whether a command needs the audit key, and may create it (the first run of a new installation).
enum AuditKeyUse {
    case createIfMissing
    case mustExist
    case notNeeded
}

/// Sets the process's audit key from the environment or the key file (docs/audit.md), creating
/// the file beside the database when allowed, and says where a new one is.
func configureAuditKey(_ use: AuditKeyUse, _ options: DatabaseOptions) throws {
    guard use != .notNeeded else { return }
    let (material, source) = try AuditKey.resolve(
        dataDir: options.dataDir, environment: ProcessInfo.processInfo.environment, create: use == .createIfMissing)
    AuditKey.use(material)
    if case .created(let path) = source {
        print(
            "Created the audit key at \(path) (readable by this user only). Keep a copy somewhere other than this server: without it the audit trail cannot be verified."
        )
    }
}

/// Runs `body` with an application connected to the database, turning the errors a person can
/// fix into one clear line and a non-zero exit, never a stack trace.
func withApplication<T>(
    _ options: DatabaseOptions, migrate: Bool = true, logLevel: Logger.Level = .warning,
    auditKey: AuditKeyUse = .createIfMissing, at override: DatabaseLocation? = nil,
    _ body: (Application, DatabaseLocation) async throws -> T
) async throws -> T {
    setvbuf(stdout, nil, _IOLBF, 0)  // progress lines appear at once, even when piped
    do {
        let location = try override ?? options.location()
        try configureAuditKey(auditKey, options)
        var env = Environment(name: "production", arguments: ["commonweal"])
        env.commandInput.arguments = []
        let app = try await Application.make(env)
        // Connection failures are reported in one line below, not by the pool's own log.
        app.logger.logLevel = .critical
        do {
            try app.useDatabase(location)
            try await app.checkDatabaseConnection(location)
            app.logger.logLevel = logLevel
            if migrate { try await app.autoMigrate() }
            let result = try await body(app, location)
            try await app.asyncShutdown()
            return result
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    } catch let e as ConfigurationError {
        printError(e.description)
        throw ExitCode.failure
    } catch let f as ValidationFailure {
        for e in f.errors { printError("\(e.field): \(e.message)") }
        throw ExitCode.failure
    } catch let e as StorageError {
        printError(e.description)
        throw ExitCode.failure
    } catch let e as DemoArea.NotEmpty {
        printError(e.description)
        throw ExitCode.failure
    }
}

/// Reads a password from the first line of standard input (for `--password-stdin`).
func readPasswordFromStandardInput() throws -> String {
    guard let line = readLine(strippingNewline: true), !line.isEmpty else {
        throw ValidationFailure("password", "No password was given on standard input")
    }
    return line
}

func printDemoAccounts(_ loaded: DemoArea.Loaded) {
    print("Loaded the demo area: Eastmoor, a fictional county.")
    print("Demo accounts (every one has the password: \(loaded.password)):")
    for a in loaded.accounts {
        let org = a.organisation.map { " at \($0)" } ?? ""
        print("  \(a.email.padding(toLength: 40, withPad: " ", startingAt: 0)) \(a.role.label)\(org)")
    }
}

extension DemoArea {
    /// The password demo accounts get: `COMMONWEAL_DEMO_PASSWORD` if set, else a random one.
    static var configuredPassword: String? {
        ProcessInfo.processInfo.environment["COMMONWEAL_DEMO_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
    }
}
