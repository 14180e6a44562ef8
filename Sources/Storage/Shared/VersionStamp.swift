import Fluent
import Foundation
import SocialValue

/// What every kept version of a signed or published record carries besides its content: its
/// number (1 as first signed or published, then each amendment), why it was amended (nil for
/// version 1), who made it and when (issue 13 §1). The version models adopt it; `stamp` fills
/// it the one way.
public protocol VersionStamp: AnyObject {
    var version: Int { get set }
    var reason: String? { get set }
    var authorID: UUID? { get set }
    var author: String { get set }
    var at: Date { get set }
}

extension VersionStamp {
    /// Makes this version `number`, by `actor` at `now`, for `reason` (nil for version 1).
    func stamp(_ number: Int, reason: String?, by actor: Actor, at now: Date) {
        version = number
        self.reason = reason
        authorID = actor.userID
        author = actor.label
        at = now
    }
}

extension VersionStamp where Self: Model {
    /// The versions `filter` selects, version 1 first.
    static func versions(on db: Database, _ filter: (QueryBuilder<Self>) -> QueryBuilder<Self>) async throws -> [Self] {
        try await filter(query(on: db)).sort(FieldKey("version"), .ascending).all()
    }

    /// The latest of the versions `filter` selects: the one in force.
    static func latest(on db: Database, _ filter: (QueryBuilder<Self>) -> QueryBuilder<Self>) async throws -> Self? {
        try await filter(query(on: db)).sort(FieldKey("version"), .descending).first()
    }
}

/// How a version keeps a list (principles, links, priorities): JSON with sorted keys.
enum VersionJSON {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
