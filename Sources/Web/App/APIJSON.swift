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

    /// The whole-number query parameter `name`, nil when it is not sent. Sent but not a whole
    /// number (empty, `null`, `1.5`) is a problem on `name`, never the default (openapi.json).
    func integer(_ name: String) throws -> Int? {
        guard let raw = query[String.self, at: name] else { return nil }
        guard let value = Int(raw) else { throw ValidationFailure(name, "\(name) must be a whole number") }
        return value
    }

    /// Refuses a filter sent empty (`ownerId=`): the API's UUID and date filters are either
    /// absent or a value, as openapi.json describes them (the pages' forms send empty ones).
    func refuseEmptyQuery(_ names: String...) throws {
        let empty = names.filter { query[String.self, at: $0]?.isEmpty == true }
        if !empty.isEmpty { throw ValidationFailure(empty.map { FieldError($0, "\($0) must not be empty") }) }
    }

    /// The `q` search term of an API list, at most 100 characters.
    func searchTerm() throws -> String? {
        let q = query[String.self, at: "q"]
        if let q, q.count > 100 { throw ValidationFailure("q", "q must be 100 characters or fewer") }
        return q
    }
}
