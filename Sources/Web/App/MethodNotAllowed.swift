import Vapor

/// The methods the router answers on a path, for the 405 Method Not Allowed of an API path
/// asked with a method it does not have (with an `Allow` header; ErrorHandlingMiddleware).
/// Matched as the router matches: a constant segment exactly, a parameter any one segment.
enum AllowedMethods {
    /// The methods of the routes that match `path` most specifically, segment by segment: where
    /// some route has the segment as a constant (`/consultations/compliance`), only those; else
    /// those with a parameter there (`/consultations/:id`). So a path the document lists is
    /// answered with its own methods only, not with those of a parameter route beside it.
    static func on(_ path: String, in routes: Routes) -> [HTTPMethod] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var candidates = routes.all.filter { route in
            route.path.count == segments.count
                && !route.path.contains { if case .catchall = $0 { true } else { false } }
        }
        for (i, segment) in segments.enumerated() {
            let constant = candidates.filter { if case .constant(let c) = $0.path[i] { c == segment } else { false } }
            candidates =
                constant.isEmpty
                ? candidates.filter { if case .constant = $0.path[i] { false } else { true } } : constant
        }
        var methods: [HTTPMethod] = []
        for route in candidates where !methods.contains(route.method) { methods.append(route.method) }
        return methods
    }

    /// The `Allow` header's value: the methods in the router's order, HEAD beside GET (the
    /// server answers HEAD wherever it answers GET).
    static func header(_ methods: [HTTPMethod]) -> String {
        methods.flatMap { $0 == .GET ? [$0, .HEAD] : [$0] }.map(\.rawValue).joined(separator: ", ")
    }
}

/// A method the API path does not have is 405 Method Not Allowed, before authentication and
/// before the router (which would hand `PUT /consultations/compliance` to `PUT /consultations/:id`).
struct MethodNotAllowedMiddleware: AsyncMiddleware {
    struct Refused: Error {
        let allowed: [HTTPMethod]
    }

    func respond(to req: Request, chainingTo next: AsyncResponder) async throws -> Response {
        if req.url.path.hasPrefix("/api/") {
            let allowed = AllowedMethods.on(req.url.path, in: req.application.routes)
            let method = req.method == .HEAD ? .GET : req.method
            if !allowed.isEmpty && !allowed.contains(method) { throw Refused(allowed: allowed) }
        }
        return try await next.respond(to: req)
    }
}
