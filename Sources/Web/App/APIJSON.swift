import Foundation
import SocialValue
import Storage
import Vapor

struct ListJSON<Item: Content>: Content {
    var items: [Item]
    var page: Int
    var pageSize: Int
    var total: Int

    init(_ items: [Item], _ page: ListPage) {
        self.items = items
        self.page = page.number
        self.pageSize = page.size
        self.total = page.total
    }
}

extension Request {
    /// `page` (1 or more) and `pageSize` (1 to 100, default 20) of an API list.
    func pageArguments() throws -> (page: Int?, size: Int) {
        let size = try integer("pageSize") ?? 20
        guard (1...100).contains(size) else {
            throw ValidationFailure("pageSize", "pageSize must be between 1 and 100")
        }
        let page = try integer("page")
        if let page, page < 1 { throw ValidationFailure("page", "page must be 1 or more") }
        return (page, size)
    }

    /// The whole-number query parameter `name`, nil when it is not sent. Sent but not one whole
    /// number (empty, `null`, `1.5`, sent twice) is a problem on `name`, never the default
    /// (openapi.json).
    func integer(_ name: String) throws -> Int? {
        let values = rawQuery(name)
        if values.isEmpty { return nil }
        guard values.count == 1, let value = Int(values[0]) else {
            throw ValidationFailure(name, "\(name) must be a whole number")
        }
        return value
    }

    /// The boolean query parameter `name` (`true` or `false`), nil when it is not sent.
    func boolean(_ name: String) throws -> Bool? {
        let values = rawQuery(name)
        if values.isEmpty { return nil }
        guard values.count == 1, let value = Bool(values[0]) else {
            throw ValidationFailure(name, "\(name) must be true or false")
        }
        return value
    }

    /// Refuses a filter sent empty (`ownerId=`) or more than once: the API's UUID and date
    /// filters are either absent or one value, as openapi.json describes them (the pages' forms
    /// send empty ones, and mean "any").
    func refuseEmptyQuery(_ names: String...) throws {
        let refused = names.filter {
            let values = rawQuery($0)
            return values.count > 1 || values.first?.isEmpty == true
        }
        if !refused.isEmpty { throw ValidationFailure(refused.map { FieldError($0, "\($0) must be one value") }) }
    }

    /// The query parameter `name` as a UUID: nil when absent; empty, repeated or not a UUID is a
    /// 422 naming it (never ignored, so a mistyped id does not quietly mean "any" or "the first").
    func queryID(_ name: String) throws -> UUID? {
        try refuseEmptyQuery(name)
        guard let raw = rawQuery(name).first else { return nil }
        guard let id = UUID(uuidString: raw) else { throw ValidationFailure(name, "\(name) must be a UUID") }
        return id
    }

    /// Every value sent for the query parameter `name`, as sent (`+` a space, percent-decoded).
    func rawQuery(_ name: String) -> [String] {
        guard let query = url.query, !query.isEmpty else { return [] }
        return query.split(separator: "&", omittingEmptySubsequences: true).compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (s: Substring) in
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
            }
            guard decode(parts[0]) == name else { return nil }
            return parts.count > 1 ? decode(parts[1]) : ""
        }
    }

    /// The `q` search term of an API list, at most 100 characters.
    func searchTerm() throws -> String? {
        let q = query[String.self, at: "q"]
        if let q, q.count > 100 { throw ValidationFailure("q", "q must be 100 characters or fewer") }
        return q
    }
}
