import Foundation
import SocialValue
import Storage
import Vapor

/// The tenders' dashboard task: a tender whose deadline has passed waits for its commissioners
/// to open the bids.
enum TenderDashboard {
    static func tasks(_ req: Request, viewer: Viewer) async throws -> HTML {
        let items = try await req.evaluations.managerTasks(for: viewer).filter { $0.task == .openBids }.map { m in
            TaskList.Item(
                name: m.task.title, about: m.tender.procurement.title, link: Paths.tender(m.tender.id!),
                hint: "\(m.tender.procurement.title): the deadline was \(m.tender.deadline.text).", status: "To do")
        }
        return TaskList.section("Tenders", id: "tender-tasks", items)
    }
}
