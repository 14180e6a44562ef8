import Fluent
import SQLKit

extension SchemaBuilder {
    /// The columns of a stored file (`StoredFileRecord`): details, SHA-256 and the bytes.
    func storedFileFields() -> Self {
        field("title", .string, .required)
            .field("filename", .string, .required)
            .field("file_type", .string, .required)
            .field("content_type", .string, .required)
            .field("size_bytes", .int, .required)
            .field("sha256", .string, .required)
            .field("data", .data, .required)
            .field("uploaded_by", .string, .required)
            .field("uploaded_at", .datetime)
    }
}

/// Plain indexes on foreign-key columns (name, table, column), on the SQL databases we run on.
func createIndexes(_ indexes: [(name: String, table: String, column: String)], on db: Database) async throws {
    guard let sql = db as? SQLDatabase else { return }
    for (name, table, column) in indexes {
        try await sql.raw("CREATE INDEX \(unsafeRaw: name) ON \(unsafeRaw: table) (\(unsafeRaw: column))").run()
    }
}
