import ArgumentParser
import Fluent
import Foundation
import SQLKit
import SocialValue
import Storage
import Vapor

/// `commonweal backup --to FILE`: a consistent copy of the SQLite database, safe while the server
/// runs (`VACUUM INTO` reads one snapshot). PostgreSQL is backed up with pg_dump (docs/audit.md).
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the SQLite database to a new file, consistently, while the server runs.",
        discussion: "For PostgreSQL, use pg_dump (the command prints how). Keep the audit key apart from backups.")

    @ArgumentParser.Option(name: .customLong("to"), help: "The new file to write (never overwritten).")
    var to: String

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let path = try sqlitePath(
            database, for: "backup", otherwise: "pg_dump --format=custom --file=\(to) \"$DATABASE_URL\"")
        let fm = FileManager.default
        guard fm.fileExists(atPath: path) else { try fail("there is no database at \(path) to back up") }
        guard !fm.fileExists(atPath: to) else {
            try fail("\(to) already exists: backup never overwrites a file, so choose a new name")
        }
        let partial = to + ".partial-\(UUID().uuidString)"
        print("Copying the SQLite database at \(path) to \(to)…")
        try await withApplication(database, migrate: false, auditKey: .notNeeded) { app, _ in
            do {
                try await (app.db as! SQLDatabase).raw("VACUUM INTO \(bind: partial)").run()
            } catch {
                try? fm.removeItem(atPath: partial)
                throw ConfigurationError("cannot write \(to): \(String(describing: error).prefix(160))")
            }
        }
        guard rename(partial, to) == 0 else {
            try? fm.removeItem(atPath: partial)
            try fail("cannot move the copy into place at \(to): \(String(cString: strerror(errno)))")
        }
        let size = (try? fm.attributesOfItem(atPath: to)[.size] as? Int) ?? 0
        print("Backup written: \(to) (\(size) bytes). Restore it with `commonweal restore \(to)`.")
    }
}

/// `commonweal restore FILE`: checks a backup on a copy (integrity, foreign keys, the audit chain)
/// and only then puts it in place of the database, by rename, so a bad file changes nothing.
struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replace the SQLite database with a checked backup (stop the server first).",
        discussion: """
            The backup is copied beside the database and checked there: PRAGMA integrity_check, \
            pending migrations, PRAGMA foreign_key_check and the audit chain (with the audit key). \
            Only if every check passes does it replace the database, by an atomic rename.
            """)

    @ArgumentParser.Argument(help: "The backup file (written by `commonweal backup`).") var file: String
    @ArgumentParser.Flag(help: "Replace an existing database.") var force = false
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let target = try sqlitePath(
            database, for: "restore", otherwise: "pg_restore --clean --dbname=\"$DATABASE_URL\" \(file)")
        let fm = FileManager.default
        guard let handle = FileHandle(forReadingAtPath: file) else { try fail("cannot read \(file)") }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        try? handle.close()
        guard header == Data("SQLite format 3\0".utf8) else {
            try fail(
                "\(file) is not an SQLite database (it does not start with the SQLite header); nothing was changed")
        }
        let existing = (try? fm.attributesOfItem(atPath: target)[.size] as? Int).map { $0 > 0 } ?? false
        if existing && !force {
            try fail(
                "a database already exists at \(target): stop the server, back it up (commonweal backup --to FILE) and run again with --force to replace it"
            )
        }
        let staging = target + ".restore-\(UUID().uuidString)"
        let stagingFiles = [staging, staging + "-wal", staging + "-shm", staging + "-journal"]
        do {
            try fm.copyItem(atPath: file, toPath: staging)
            print("Checking \(file) (on a copy at \(staging))…")
            let check = try await withApplication(
                database, migrate: false, auditKey: .mustExist, at: .sqliteFile(path: staging)
            ) { app, _ in try await Self.check(app) }
            guard case .intact(let count) = check.finding else { throw ExitCode.failure }
            // Closing the last connection folded the write-ahead log into the file; a log left over
            // would hold data the rename below would not carry.
            let log = (try? fm.attributesOfItem(atPath: staging + "-wal")[.size] as? Int) ?? 0
            guard log == 0 else { throw ConfigurationError("the checked copy still has a write-ahead log") }
            for f in [target + "-wal", target + "-shm", target + "-journal"] where fm.fileExists(atPath: f) {
                try fm.removeItem(atPath: f)
            }
            guard rename(staging, target) == 0 else {
                throw ConfigurationError("cannot move the checked copy into place: \(String(cString: strerror(errno)))")
            }
            for f in stagingFiles { try? fm.removeItem(atPath: f) }
            print(
                "Restored \(file) to \(target): integrity, foreign keys and the audit chain (\(count) events, head \(check.head?.description ?? "none")) checked."
            )
        } catch {
            for f in stagingFiles { try? fm.removeItem(atPath: f) }
            if let e = error as? ConfigurationError {
                printError(e.description)
            } else if !(error is ExitCode) {
                printError("the restore failed: \(String(describing: error).prefix(200))")
            }
            FileHandle.standardError.write(Data("Nothing was changed: \(target) is as it was.\n".utf8))
            throw ExitCode.failure
        }
    }

    /// Every check on the staged copy; throws a one-line reason at the first that fails.
    static func check(_ app: Application) async throws -> AuditLog.Check {
        let sql = app.db as! SQLDatabase
        do {
            let rows = try await sql.raw("PRAGMA integrity_check").all()
            let results = rows.compactMap { try? $0.decode(column: "integrity_check", as: String.self) }
            guard results == ["ok"] else {
                throw ConfigurationError(
                    "the backup is damaged: integrity_check says \(results.prefix(3).joined(separator: "; "))")
            }
            try await app.autoMigrate()
            let orphans = try await sql.raw("PRAGMA foreign_key_check").all()
            guard orphans.isEmpty else {
                throw ConfigurationError("the backup has \(orphans.count) rows whose foreign keys point at nothing")
            }
        } catch let e as ConfigurationError {
            throw e
        } catch {
            throw ConfigurationError("the backup cannot be read: \(String(describing: error).prefix(160))")
        }
        let check = try await AuditLog.check(on: app.db)
        if case .broken(let sequence, let reason) = check.finding {
            throw ConfigurationError("the backup's audit chain is broken at event \(sequence): \(reason)")
        }
        return check
    }
}

/// The SQLite file of the configured database; for PostgreSQL, says which tool to use instead.
func sqlitePath(_ options: DatabaseOptions, for command: String, otherwise postgresCommand: String) throws -> String {
    let location: DatabaseLocation
    do {
        location = try options.location()
    } catch let e as ConfigurationError {
        try fail(e.description)
    }
    switch location {
    case .sqliteFile(let path): return path
    case .sqliteMemory: try fail("there is nothing to \(command) in an in-memory database")
    case .postgres:
        try fail("\(command) works on the embedded SQLite database; for PostgreSQL run: \(postgresCommand)")
    }
}

/// Prints one clear line and exits with status 1.
func fail(_ message: String) throws -> Never {
    printError(message)
    throw ExitCode.failure
}
