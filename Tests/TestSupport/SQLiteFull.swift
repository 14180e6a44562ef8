import Fluent
import SQLKit

/// A real SQLITE_FULL raised by SQLite itself (no stand-in): one connection limited to a few
/// pages, then a row larger than the limit, in a transaction that is rolled back. The error it
/// throws is what a full disk gives (DatabaseFaultTests, DatabaseFaultWebTests). Should the insert
/// succeed, the answer is `InsertPastPageLimitSucceeded`, which is no fault: the tests fail.
public func sqliteFullError(_ db: Database) async throws -> Error {
    do {
        try await db.transaction { tx in
            let sql = tx as! SQLDatabase
            try await sql.raw("CREATE TABLE filler (x BLOB)").run()
            try await sql.raw("PRAGMA max_page_count = 64").run()
            try await sql.raw("INSERT INTO filler VALUES (zeroblob(4000000))").run()
        }
    } catch {
        return error
    }
    return InsertPastPageLimitSucceeded()
}

public struct InsertPastPageLimitSucceeded: Error {}
