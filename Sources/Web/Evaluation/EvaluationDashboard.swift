import Foundation
import SocialValue
import Storage
import Vapor

/// The evaluation's dashboard tasks: bids to score for evaluators on a panel; scores to moderate
/// and awards to make for the commissioners of the buying organisation.
enum EvaluationDashboard {
    static func tasks(_ req: Request, viewer: Viewer) async throws -> HTML {
        let scoring = try await req.evaluations.toScore(for: viewer).map { t in
            TaskList.Item(
                name: "Score these bids", about: t.procurement.title, link: Paths.evaluation(t.id!),
                hint: "\(t.procurement.title), \(t.procurement.owner.name). You are on the evaluation panel.",
                status: "To do")
        }
        let managing = try await req.evaluations.managerTasks(for: viewer).filter { $0.task != .openBids }.map { m in
            TaskList.Item(
                name: m.task.title, about: m.tender.procurement.title,
                link: m.task == .award
                    ? Paths.tender(m.tender.id!, .award) : Paths.evaluation(m.tender.id!, .moderation),
                hint: m.task == .award
                    ? "\(m.tender.procurement.title): the bids have been ranked."
                    : "\(m.tender.procurement.title): every evaluator has submitted their scores.",
                status: "To do")
        }
        return TaskList.section("Evaluations", id: "evaluation-tasks", scoring + managing)
    }
}
