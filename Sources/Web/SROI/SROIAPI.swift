import Foundation
import SocialValue
import Vapor

/// `POST /api/v1/sroi`: the SROI document in, the result document out (calculations.md §3). A
/// public, stateless calculator like `POST /api/v1/evaluations`: nothing is stored, so
/// `?persist=false` changes nothing. `?detail=full` adds the payback period and each outcome's
/// tornado table (docs/calculations.md, "Beyond §3"). Bad documents are 422 with problems named
/// by JSON path.
struct SROIAPI: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.grouped("api", "v1").on(.POST, "sroi", body: .collect(maxSize: "256kb"), use: sroi)
    }

    func sroi(req: Request) async throws -> Response {
        var detail = SROIDetail.document
        if let raw = req.query[String.self, at: "detail"] {
            guard let d = SROIDetail(rawValue: raw) else {
                throw ValidationFailure("detail", "detail must be document or full, or left out")
            }
            detail = d
        }
        if let persist = req.query[String.self, at: "persist"], persist != "true", persist != "false" {
            throw ValidationFailure("persist", "persist must be true or false, or left out")
        }
        let output = try SROI.run(req.body.string ?? "", detail: detail)
        let r = Response(status: .ok, body: .init(string: output))
        r.headers.contentType = .json
        return r
    }
}
