import Foundation
import OCDS
import SocialValue
import Storage
import Vapor

/// `GET /api/v1/indicators?body=&from=&to=` (docs/indicators.md): the flags in the JSON shape of
/// OCP's Cardinal, as `commonweal indicators` prints them. Signed in only; a body's flags for its
/// own members and the administrator (403 for anyone else); without `body`, every body the user
/// may read. Each parameter at most once; a bad one is a 422 naming it.
struct IndicatorsAPI: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.grouped("api", "v1").get("indicators", use: indicators)
    }

    /// Reads `body`, `from` and `to` from the raw query, refusing a repeated one.
    static func query(_ raw: String?) throws -> IndicatorQuery {
        var values: [String: String] = [:]
        var problems: [FieldError] = []
        for pair in (raw ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            let name = parts[0].removingPercentEncoding ?? parts[0]
            let value =
                parts.count > 1 ? (parts[1].replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "") : ""
            guard ["body", "from", "to"].contains(name) else { continue }
            if values[name] != nil { problems.append(FieldError(name, "\(name) must be one value")) }
            values[name] = value
        }
        if !problems.isEmpty { throw ValidationFailure(problems) }
        return try IndicatorQuery.read(body: values["body"], from: values["from"], to: values["to"])
    }

    func indicators(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let q = try Self.query(req.url.query)
        let flags = try await IndicatorStore(req.db).flags(
            body: q.body, from: q.from, to: q.to, viewer: me.viewer, ocidPrefix: OCDSAPI.ocidPrefix)
        let r = Response(status: .ok, body: .init(string: CardinalShape.json(flags.map(\.flag)).rendered()))
        r.headers.contentType = .json
        return r
    }
}
