import Vapor

/// The methods the router answers on a path, for the 405 Method Not Allowed of an API path
/// asked with a method it does not have (with an `Allow` header; ErrorHandlingMiddleware).
/// Matched as the router matches: a constant segment exactly, a parameter any one segment.
enum AllowedMethods {
    static func on(_ path: String, in routes: Routes) -> [HTTPMethod] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var methods: [HTTPMethod] = []
        for route in routes.all where matches(route.path, segments) && !methods.contains(route.method) {
            methods.append(route.method)
        }
        return methods
    }

    static func matches(_ pattern: [PathComponent], _ segments: [String]) -> Bool {
        for (i, component) in pattern.enumerated() {
            switch component {
            case .catchall: return segments.count > i
            case .constant(let text): if i >= segments.count || segments[i] != text { return false }
            default: if i >= segments.count { return false }
            }
        }
        return pattern.count == segments.count
    }

    /// The `Allow` header's value: the methods in the router's order, HEAD beside GET (the
    /// server answers HEAD wherever it answers GET).
    static func header(_ methods: [HTTPMethod]) -> String {
        methods.flatMap { $0 == .GET ? [$0, .HEAD] : [$0] }.map(\.rawValue).joined(separator: ", ")
    }
}
