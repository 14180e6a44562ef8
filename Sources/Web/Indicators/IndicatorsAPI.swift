import Foundation
import OCDS
import SocialValue
import Storage
import Vapor

/// `GET /api/v1/indicators?body=&from=&to=` (docs/indicators.md): the flags in the JSON shape of
/// OCP's Cardinal, as `commonweal indicators` prints them. Signed in only; a body's flags for its
/// own members and the administrator (403 for anyone else); without `body`, every body the user
/// may read. Each parameter at most once and not empty; a bad one is a 422 naming it.
struct IndicatorsAPI: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.grouped("api", "v1").get("indicators", use: indicators)
    }

    func indicators(req: Request) async throws -> Response {
        let me = try req.requireUser()
        try req.refuseEmptyQuery("body", "from", "to")
        let q = try IndicatorQuery.read(
            body: req.rawQuery("body").first, from: req.rawQuery("from").first, to: req.rawQuery("to").first)
        let flags = try await IndicatorStore(req.db).flags(
            body: q.body, from: q.from, to: q.to, viewer: me.viewer, ocidPrefix: OCDSAPI.ocidPrefix)
        let r = Response(status: .ok, body: .init(string: CardinalShape.json(flags.map(\.flag)).rendered()))
        r.headers.contentType = .json
        return r
    }
}
