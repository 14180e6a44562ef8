import Foundation
import SocialValue
import Storage
import Vapor

/// /api/v1 for public impact profiles: open to everyone, no token (docs/profiles.md).
struct ProfileAPI: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.grouped("api", "v1").get("organisations", ":id", "profile", use: profile)
    }

    func profile(req: Request) async throws -> ProfileJSON {
        ProfileJSON(try await req.profiles.profile(of: try req.parameterID(), viewer: req.currentUser?.viewer))
    }
}
