import Foundation
import SocialValue
import Storage
import Vapor

/// A contract's delivery against commitments under /api/v1 (docs/delivery.md): the figures of the
/// contract page. Access as the monitoring returns: outsiders get 404.
struct DeliveryAPI: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.grouped("api", "v1", "contracts", ":id").get("delivery", use: delivery)
    }

    func delivery(req: Request) async throws -> DeliveryJSON {
        let me = try req.requireUser()
        return DeliveryJSON(try await req.monitoring.delivery(contract: try req.parameterID(), viewer: me.viewer))
    }
}
