import Foundation
import SocialValue
import Storage
import Vapor

/// The decommissioning dashboard task for the owning body's commissioners: a provider's
/// response to a proposal has arrived; read it before deciding.
enum DecommissioningDashboard {
    static func responses(_ req: Request, viewer: Viewer) async throws -> HTML {
        let items = try await req.decommissioning.responsesToRead(for: viewer).map { c in
            TaskList.Item(
                name: "Read the provider’s response", about: c.serviceName, link: Paths.decommissioning(c.id!),
                hint: "\(c.provider.name) has responded to the proposal about “\(c.serviceName)”.", status: "To do")
        }
        return TaskList.section("Responses to your proposals", id: "decommissioning-tasks", items)
    }
}
