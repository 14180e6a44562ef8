import Fluent
import Foundation
import SocialValue

/// What the evaluation asks of people, for their dashboards: evaluators on a panel score the
/// opened bids; the buying organisation's commissioners open, moderate and award
/// (`EvaluationTask`). Each is offered only to whom `EvaluationOperation`'s table allows it.
extension EvaluationStore {
    /// A tender and what it asks of its managers next.
    public struct ManagerTask: Sendable {
        public let tender: TenderModel
        public let task: EvaluationTask
    }

    /// Tenders whose opened bids the viewer, on the panel, has not yet submitted scores for.
    public func toScore(for viewer: Viewer) async throws -> [TenderModel] {
        let places = try await TenderEvaluatorModel.query(on: db).filter(\.$user.$id == viewer.userID)
            .filter(\.$submittedAt == nil).all()
        guard !places.isEmpty else { return [] }
        // Being on the panel is what lets them score (`PanelRules.canScore`).
        return try await TenderModel.query(on: db).filter(\.$id ~~ places.map { $0.$tender.id })
            .filter(\.$statusValue ~~ [TenderStatus.bidsOpened, .evaluation])
            .with(\.$procurement, { $0.with(\.$owner).with(\.$compact) }).sort(\.$deadlineAt).all()
    }

    /// The tasks of the tenders the viewer manages (as a commissioner of the buying organisation).
    public func managerTasks(for viewer: Viewer, now: Date = Date()) async throws -> [ManagerTask] {
        let owners = Set(viewer.memberships.map(\.organisationID)).filter { viewer.canManageTender(owner: $0) }
        let tenders = try await TenderStore(db).tenders(ownedBy: Array(owners)).filter {
            [.published, .bidsOpened, .evaluation].contains($0.statusValue)
        }
        var tasks: [ManagerTask] = []
        for t in tenders.sorted(by: { $0.deadlineAt < $1.deadlineAt }) {
            let id = try t.requireID()
            let panel = try await Self.panel(id, on: db)
            let ranked = try await EvaluationResultModel.query(on: db).filter(\.$tender.$id == id).count() > 0
            let contracted = try await ContractModel.query(on: db).filter(\.$tender.$id == id).count() > 0
            if let task = EvaluationTask.due(
                status: t.statusValue, deadline: t.deadlineAt, now: now, panel: panel.ids.count,
                submitted: panel.submitted.count, ranked: ranked, contracted: contracted)
            {
                tasks.append(ManagerTask(tender: t, task: task))
            }
        }
        return tasks
    }
}

extension TenderStore {
    /// The deadline of each procurement's published tender (drafts have none yet), by procurement id.
    public func deadlines(ofProcurements ids: [UUID]) async throws -> [UUID: Date] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await TenderModel.query(on: db).filter(\.$procurement.$id ~~ ids)
            .filter(\.$statusValue != .draft).all()
        return Dictionary(rows.map { ($0.$procurement.id, $0.deadlineAt) }, uniquingKeysWith: { a, _ in a })
    }
}
