import Vapor

/// The methods the router answers on a path, for the 405 Method Not Allowed of an API path
/// asked with a method it does not have (with an `Allow` header; ErrorHandlingMiddleware).
/// Matched as the router matches: a constant segment exactly, a parameter any one segment.
enum AllowedMethods {
    /// The routes' paths and methods grouped by their number of segments, in the router's order,
    /// without catch-all routes: built once at boot (`MethodNotAllowedMiddleware.didBoot`), not
    /// from `routes.all` on every request.
    struct Table: Sendable {
        struct Entry: Sendable {
            let path: [PathComponent]
            let method: HTTPMethod
        }
        let bySegments: [Int: [Entry]]

        init(_ routes: Routes) {
            var grouped: [Int: [Entry]] = [:]
            for route in routes.all
            where !route.path.contains(where: { if case .catchall = $0 { true } else { false } }) {
                grouped[route.path.count, default: []].append(Entry(path: route.path, method: route.method))
            }
            bySegments = grouped
        }

        /// The methods of the routes that match `path` most specifically, segment by segment:
        /// where some route has the segment as a constant (`/consultations/compliance`), only
        /// those; else those with a parameter there (`/consultations/:id`). So a path the document
        /// lists is answered with its own methods only, not with those of a parameter route beside it.
        func on(_ path: String) -> [HTTPMethod] {
            let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
            var candidates = bySegments[segments.count] ?? []
            for (i, segment) in segments.enumerated() {
                let constant = candidates.filter {
                    if case .constant(let c) = $0.path[i] { c == segment } else { false }
                }
                candidates =
                    constant.isEmpty
                    ? candidates.filter { if case .constant = $0.path[i] { false } else { true } } : constant
            }
            var methods: [HTTPMethod] = []
            for entry in candidates where !methods.contains(entry.method) { methods.append(entry.method) }
            return methods
        }
    }

    /// The methods on `path` of the routes as they are now (the table built on the spot).
    static func on(_ path: String, in routes: Routes) -> [HTTPMethod] {
        Table(routes).on(path)
    }

    /// The `Allow` header's value: the methods in the router's order, HEAD beside GET (the
    /// server answers HEAD wherever it answers GET).
    static func header(_ methods: [HTTPMethod]) -> String {
        methods.flatMap { $0 == .GET ? [$0, .HEAD] : [$0] }.map(\.rawValue).joined(separator: ", ")
    }
}

/// A method the API path does not have is 405 Method Not Allowed, before authentication and
/// before the router (which would hand `PUT /consultations/compliance` to `PUT /consultations/:id`).
///
/// Registered as a lifecycle handler too: the path→methods table is built once when the
/// application boots, after every route is registered.
final class MethodNotAllowedMiddleware: AsyncMiddleware, LifecycleHandler, @unchecked Sendable {
    struct Refused: Error {
        let allowed: [HTTPMethod]
    }

    private let lock = Lock()
    private var table: AllowedMethods.Table?  // under `lock`: set at boot, then only read

    func didBoot(_ application: Application) throws {
        let built = AllowedMethods.Table(application.routes)
        lock.withLock { table = built }
    }

    func respond(to req: Request, chainingTo next: AsyncResponder) async throws -> Response {
        if req.url.path.hasPrefix("/api/") {
            // Not booted (an application used without `boot()`): the routes as they are now.
            let built = lock.withLock { table } ?? AllowedMethods.Table(req.application.routes)
            let allowed = built.on(req.url.path)
            let method = req.method == .HEAD ? .GET : req.method
            if !allowed.isEmpty && !allowed.contains(method) { throw Refused(allowed: allowed) }
        }
        return try await next.respond(to: req)
    }
}
