import Fluent
import SocialValue
import Storage
import Vapor

/// The JSON API under /api/v1, described by openapi.json (served at /api/v1/openapi.json).
/// Authentication is a bearer token from "Your account"; published Compacts are public.
struct APIv1: RouteCollection {
    static let document: String = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { return "{}" }
        return text
    }()

    func boot(routes: RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.get("openapi.json") { _ -> Response in
            let r = Response(status: .ok, body: .init(string: Self.document))
            r.headers.contentType = .json
            return r
        }

    }

    // MARK: Helpers

    func created<T: Content>(_ value: T, at location: String) async throws -> Response {
        let r = Response(status: .created)
        try r.content.encode(value, as: .json)
        r.headers.replaceOrAdd(name: .location, value: location)
        return r
    }
}
