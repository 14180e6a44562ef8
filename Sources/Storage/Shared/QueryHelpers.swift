import Fluent
import Foundation
import SQLKit
import SocialValue

extension QueryBuilder {
    /// Case-insensitive "contains" on a text field, on SQLite (LIKE) and PostgreSQL (ILIKE).
    @discardableResult
    func filter<F: QueryableProperty>(_ field: KeyPath<Model, F>, contains term: String, on db: Database) -> Self
    where F.Value == String, F.Model == Model {
        let cleaned = term.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: " ")
        let op = (db as? SQLDatabase)?.dialect.name == "postgresql" ? "ILIKE" : "LIKE"
        return filter(field, .custom(op), "%\(cleaned)%")
    }

    /// One page of results and the page arithmetic (DOMAIN: lists are paginated, 1-based).
    func paginated(_ requested: Int?, size: Int) async throws -> ([Model], ListPage) {
        let total = try await copy().count()
        let page = ListPage(requested: requested, size: size, total: total)
        let rows = try await range(page.offset..<(page.offset + page.size)).all()
        return (rows, page)
    }
}

extension Model where IDValue == UUID {
    /// The record with this id, or `StorageError.notFound(what)`.
    public static func require(_ id: UUID?, on db: Database, _ what: String) async throws -> Self {
        guard let id, let found = try await find(id, on: db) else { throw StorageError.notFound(what) }
        return found
    }
}
