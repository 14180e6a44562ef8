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
        let size = query[Int.self, at: "pageSize"] ?? 20
        guard (1...100).contains(size) else {
            throw ValidationFailure("pageSize", "pageSize must be between 1 and 100")
        }
        let page = query[Int.self, at: "page"]
        if let page, page < 1 { throw ValidationFailure("page", "page must be 1 or more") }
        return (page, size)
    }

    /// The `q` search term of an API list, at most 100 characters.
    func searchTerm() throws -> String? {
        let q = query[String.self, at: "q"]
        if let q, q.count > 100 { throw ValidationFailure("q", "q must be 100 characters or fewer") }
        return q
    }
}
