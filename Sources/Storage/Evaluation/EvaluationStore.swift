import Fluent
import Foundation
import SocialValue

/// The evaluation panel, the evaluators' independent scores and moderation. Bids are always read
/// through `BidStore`'s sealed reads; who sees whose scores is `PanelRules.visibility`.
public struct EvaluationStore: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    static func conflict(_ field: String, _ message: String) -> StorageError { .conflict(FieldError(field, message)) }

    // MARK: The panel

    /// An assigned evaluator as listed on the panel.
    public struct Evaluator: Sendable, Equatable {
        public let userID: UUID
        public let name: String
        public let email: String
        public let submittedAt: Date?
    }

    public struct Panel: Sendable {
        public let evaluators: [Evaluator]
        /// Whether any evaluator has saved a score: the panel is then fixed.
        public let scoringStarted: Bool
        public var ids: Set<UUID> { Set(evaluators.map(\.userID)) }
        public var submitted: Set<UUID> { Set(evaluators.filter { $0.submittedAt != nil }.map(\.userID)) }
        public var allSubmitted: Bool { !evaluators.isEmpty && ids == submitted }
    }

    static func panel(_ tenderID: UUID, on db: Database) async throws -> Panel {
        let rows = try await TenderEvaluatorModel.query(on: db).filter(\.$tender.$id == tenderID).with(\.$user).all()
        return Panel(
            evaluators: rows.map {
                Evaluator(
                    userID: $0.$user.id, name: $0.user.displayName, email: $0.user.email, submittedAt: $0.submittedAt)
            }.sorted { $0.name < $1.name }, scoringStarted: try await scoringStarted(tenderID, on: db))
    }

    /// The panel, for the buyer side.
    public func panel(tender id: UUID, viewer: Viewer) async throws -> Panel {
        let t = try await TenderStore.find(id, on: db)
        guard viewer.isBuyerSide(owner: t.procurement.$owner.id) else {
            throw StorageError.forbidden("Only the buying organisation sees the evaluation panel")
        }
        return try await Self.panel(id, on: db)
    }

    /// People who can be assigned: evaluators and commissioners of the owning body not yet on the
    /// panel, for those who assign them.
    public func candidates(tender id: UUID, viewer: Viewer) async throws -> [UserModel] {
        let t = try await TenderStore.find(id, on: db)
        try Self.checkManager(t, viewer, "assigns evaluators")
        let onPanel = try await Self.panel(id, on: db).ids
        let members = try await MembershipModel.query(on: db).filter(\.$organisation.$id == t.procurement.$owner.id)
            .with(\.$user).all()
        var seen = Set<UUID>()
        return members.filter { m in
            PanelRules.canBeEvaluator(roles: [m.membershipRole].compactMap { $0 }) && !onPanel.contains(m.$user.id)
                && !m.user.isDisabled
                && seen.insert(m.$user.id).inserted
        }.map(\.user).sorted { $0.displayName < $1.displayName }
    }

    static func checkManager(_ t: TenderModel, _ viewer: Viewer, _ what: String) throws {
        guard viewer.canManageTender(owner: t.procurement.$owner.id) else {
            throw StorageError.forbidden("Only a commissioner of the buying organisation \(what)")
        }
    }

    static func checkEvaluating(_ t: TenderModel) throws {
        guard [.bidsOpened, .evaluation].contains(t.statusValue) else {
            throw conflict(
                "status",
                t.statusValue == .awarded
                    ? "The tender has been awarded: the evaluation is closed"
                    : "The evaluation starts once the bids have been opened")
        }
    }

    /// The evaluator's scoring page, where an assignment notification leads.
    static func scoringLink(_ tenderID: UUID) -> String { "/tenders/\(tenderID)/evaluation" }

    static func scoringStarted(_ tenderID: UUID, on db: Database) async throws -> Bool {
        try await EvaluationScoreModel.query(on: db).filter(\.$tender.$id == tenderID).count() > 0
    }

    /// Adds the person chosen in `input` to the panel, before scoring starts.
    public func assign(tender id: UUID, _ input: EvaluatorInput, viewer: Viewer, by actor: Actor) async throws {
        let t = try await TenderStore.find(id, on: db)
        try Self.checkManager(t, viewer, "assigns evaluators")
        guard let user = input.userId else { throw ValidationFailure("userId", "Choose an evaluator") }
        try await assign(tender: id, user: user, viewer: viewer, by: actor)
    }

    /// Adds someone to the panel, before scoring starts.
    public func assign(tender id: UUID, user userID: UUID, viewer: Viewer, by actor: Actor) async throws {
        try await db.write { tx in
            let t = try await TenderStore.find(id, on: tx)
            try Self.checkManager(t, viewer, "assigns evaluators")
            let started = try await Self.scoringStarted(id, on: tx)
            guard PanelRules.panelCanChange(status: t.statusValue, scoringStarted: started) else {
                if started { throw Self.conflict("userId", "Scoring has started: the panel can no longer change") }
                throw Self.conflict("status", "Evaluators are assigned to a published tender before its award")
            }
            let roles = try await MembershipModel.query(on: tx).filter(\.$user.$id == userID).filter(
                \.$organisation.$id == t.procurement.$owner.id
            ).all()
                .compactMap(\.membershipRole)
            guard PanelRules.canBeEvaluator(roles: roles), let user = try await UserModel.find(userID, on: tx) else {
                throw ValidationFailure("userId", "Choose an evaluator or commissioner of \(t.procurement.owner.name)")
            }
            guard
                try await TenderEvaluatorModel.query(on: tx).filter(\.$tender.$id == id).filter(\.$user.$id == userID)
                    .first() == nil
            else {
                throw Self.conflict("userId", "\(user.displayName) is already on the panel")
            }
            let e = TenderEvaluatorModel()
            e.$tender.id = id
            e.$user.id = userID
            e.assignedBy = actor.label
            try await e.create(on: tx)
            try await AuditLog.record(
                "evaluator-assigned", "tender", id: id.uuidString,
                changes: ["evaluator": FieldChange(from: nil, to: user.email)], by: actor, on: tx)
            try await NotificationStore.send(
                to: [userID], kind: .evaluationAssigned,
                text:
                    "You have been added to the evaluation panel for “\(t.procurement.title)”: score these bids once they are opened.",
                link: Self.scoringLink(id), now: Date(), on: tx)
        }
    }

    /// Takes someone off the panel, before scoring starts.
    public func unassign(tender id: UUID, user userID: UUID, viewer: Viewer, by actor: Actor) async throws {
        try await db.write { tx in
            let t = try await TenderStore.find(id, on: tx)
            try Self.checkManager(t, viewer, "changes the evaluation panel")
            let started = try await Self.scoringStarted(id, on: tx)
            guard PanelRules.panelCanChange(status: t.statusValue, scoringStarted: started) else {
                if started { throw Self.conflict("userId", "Scoring has started: the panel can no longer change") }
                throw Self.conflict("status", "The panel is changed only while the tender is open or in evaluation")
            }
            guard
                let e = try await TenderEvaluatorModel.query(on: tx).filter(\.$tender.$id == id).filter(
                    \.$user.$id == userID
                ).with(\.$user).first()
            else {
                throw StorageError.notFound("The evaluator")
            }
            try await e.delete(on: tx)
            try await NotificationStore.markDone(
                kind: .evaluationAssigned, link: Self.scoringLink(id), users: [userID], now: Date(), on: tx)
            try await AuditLog.record(
                "evaluator-removed", "tender", id: id.uuidString,
                changes: ["evaluator": FieldChange(from: e.user.email, to: nil)], by: actor, on: tx)
        }
    }

    // MARK: Scoring

    /// Bid id → key → entry.
    public typealias Sheets = [UUID: [String: ScoreEntry]]

    static func entries(_ rows: [EvaluationScoreModel]) -> Sheets {
        var out: Sheets = [:]
        for r in rows {
            out[r.$bid.id, default: [:]][r.criterionID] = ScoreEntry(
                score: r.score.flatMap(DecimalText.parse), comment: r.comment)
        }
        return out
    }

    /// The viewer's place on the panel; only evaluators on the panel score (`PanelRules.canScore`).
    static func onPanel(_ tenderID: UUID, _ viewer: Viewer, on db: Database) async throws -> TenderEvaluatorModel {
        let rows = try await TenderEvaluatorModel.query(on: db).filter(\.$tender.$id == tenderID).all()
        guard PanelRules.canScore(viewer: viewer, panel: Set(rows.map(\.$user.id))),
            let e = rows.first(where: { $0.$user.id == viewer.userID })
        else {
            throw StorageError.forbidden("Only evaluators on the panel score the bids")
        }
        return e
    }

    /// Saves the viewer's scores and comments for one bid as a draft (some may be left out).
    public func saveScores(
        tender id: UUID, bid bidID: UUID, _ input: ScoresInput, viewer: Viewer, by actor: Actor, now: Date = Date()
    ) async throws {
        try await db.write { tx in
            let t = try await TenderStore.find(id, on: tx)
            let me = try await Self.onPanel(id, viewer, on: tx)
            try Self.checkEvaluating(t)
            guard me.submittedAt == nil else {
                throw Self.conflict("scores", "You have submitted your scores: they can no longer change")
            }
            _ = try await BidStore(tx).openedBid(bidID, tender: id, viewer: viewer, now: now)
            let entries = try PanelRules.validateScores(input, config: t.configuration)
            let existing = try await EvaluationScoreModel.query(on: tx).filter(\.$bid.$id == bidID).filter(
                \.$evaluatorID == viewer.userID
            ).all()
            var changes: [String: FieldChange] = [:]
            for row in existing where entries[row.criterionID] == nil {
                changes[row.criterionID] = FieldChange(from: row.score, to: nil)
                try await row.delete(on: tx)
            }
            for (key, entry) in entries.sorted(by: { $0.key < $1.key }) {
                let row = existing.first { $0.criterionID == key } ?? EvaluationScoreModel()
                let before = row.id == nil ? nil : row.score
                row.$tender.id = id
                row.$bid.id = bidID
                row.evaluatorID = viewer.userID
                row.criterionID = key
                row.score = entry.score.map(DecimalText.plainNumber)
                row.comment = entry.comment
                try await row.save(on: tx)
                if before != row.score { changes[key] = FieldChange(from: before, to: row.score) }
            }
            try await AuditLog.record(
                "scored", "bid", id: bidID.uuidString, changes: changes, by: actor, on: tx, at: now)
        }
    }

    /// Submits the viewer's scores: every bid scored on every key, with comments. Final.
    public func submitScores(tender id: UUID, viewer: Viewer, by actor: Actor, now: Date = Date()) async throws {
        try await db.write { tx in
            let t = try await TenderStore.find(id, on: tx)
            let me = try await Self.onPanel(id, viewer, on: tx)
            try Self.checkEvaluating(t)
            guard me.submittedAt == nil else { throw Self.conflict("scores", "You have already submitted your scores") }
            let bids = try await BidStore(tx).openedBids(tender: id, viewer: viewer, now: now)
            let rows = try await EvaluationScoreModel.query(on: tx).filter(\.$tender.$id == id).filter(
                \.$evaluatorID == viewer.userID
            ).all()
            try PanelRules.checkComplete(
                Self.entries(rows), bids: bids.map { ($0.id, $0.organisationName) }, config: t.configuration)
            me.submittedAt = now
            try await me.update(on: tx)
            try await NotificationStore.markDone(
                kind: .evaluationAssigned, link: Self.scoringLink(id), users: [viewer.userID], now: now, on: tx)
            try await AuditLog.record(
                "scores-submitted", "tender", id: id.uuidString,
                changes: ["evaluator": FieldChange(from: nil, to: actor.label)], by: actor, on: tx, at: now)
        }
    }

    /// What the viewer may see of the scores: the visibility, the panel's progress, and the
    /// sheets of the evaluators whose scores the rule lets them see (evaluator id → sheets).
    public struct ScoreBoard: Sendable {
        public let visibility: ScoreVisibility
        public let panel: Panel
        public let sheets: [UUID: Sheets]
    }

    public func scores(tender id: UUID, viewer: Viewer) async throws -> ScoreBoard {
        let t = try await TenderStore.find(id, on: db)
        let panel = try await Self.panel(id, on: db)
        let owner = t.procurement.$owner.id
        let visibility = PanelRules.visibility(
            viewer: viewer, owner: owner, panel: panel.ids, submitted: panel.submitted)
        guard visibility != .denied else {
            throw StorageError.forbidden("Only the buying organisation sees the evaluation")
        }
        var sheets: [UUID: Sheets] = [:]
        for e in panel.evaluators
        where PanelRules.canSeeScores(
            of: e.userID, viewer: viewer, owner: owner, panel: panel.ids, submitted: panel.submitted)
        {
            let rows = try await EvaluationScoreModel.query(on: db).filter(\.$tender.$id == id).filter(
                \.$evaluatorID == e.userID
            ).all()
            sheets[e.userID] = Self.entries(rows)
        }
        return ScoreBoard(visibility: visibility, panel: panel, sheets: sheets)
    }

    // MARK: Moderation

    /// Records the agreed score for one bid on one key, with the rationale. Needs every
    /// evaluator's submission; a change after ranking clears the ranking (it is run again).
    public func moderate(
        tender id: UUID, bid bidID: UUID, _ input: ModerationInput, viewer: Viewer, by actor: Actor,
        now: Date = Date()
    ) async throws {
        try await db.write { tx in
            let t = try await TenderStore.find(id, on: tx)
            try Self.checkManager(t, viewer, "moderates the scores")
            try Self.checkEvaluating(t)
            let panel = try await Self.panel(id, on: tx)
            try PanelRules.checkCanModerate(panel: panel.ids, submitted: panel.submitted)
            _ = try await BidStore(tx).openedBid(bidID, tender: id, viewer: viewer, now: now)
            let entry = try PanelRules.validateModeration(input, config: t.configuration)
            let key = input.key ?? ""
            let row =
                try await ModeratedScoreModel.query(on: tx).filter(\.$bid.$id == bidID).filter(\.$criterionID == key)
                .first() ?? ModeratedScoreModel()
            let before: [String: String?]? = row.id == nil ? nil : ["score": row.score, "rationale": row.rationale]
            row.$tender.id = id
            row.$bid.id = bidID
            row.criterionID = key
            row.score = DecimalText.plainNumber(entry.score!)
            row.rationale = entry.comment
            row.moderatedBy = actor.label
            try await row.save(on: tx)
            try await EvaluationResultModel.query(on: tx).filter(\.$tender.$id == id).delete()
            var changes = AuditLog.diff(before, ["score": row.score, "rationale": row.rationale])
            changes["criterion"] = FieldChange(from: nil, to: key)
            try await AuditLog.record(
                "moderated", "bid", id: bidID.uuidString, changes: changes, by: actor, on: tx, at: now)
        }
    }

    /// Accepts, in one transaction, the score every evaluator gave (`PanelRules.agreedScores`) as
    /// the agreed score for each bid and key not yet moderated, each audited like a single
    /// moderation; disagreements are left for moderation one by one. Returns how many were
    /// accepted. Any failure records none of them.
    @discardableResult
    public func acceptAgreed(tender id: UUID, viewer: Viewer, by actor: Actor, now: Date = Date()) async throws -> Int {
        try await db.write { tx in
            let t = try await TenderStore.find(id, on: tx)
            try Self.checkManager(t, viewer, "moderates the scores")
            try Self.checkEvaluating(t)
            let panel = try await Self.panel(id, on: tx)
            try PanelRules.checkCanModerate(panel: panel.ids, submitted: panel.submitted)
            let bids = try await BidStore(tx).openedBids(tender: id, viewer: viewer, now: now).map(\.id)
            var sheets: [UUID: Sheets] = [:]
            for r in try await EvaluationScoreModel.query(on: tx).filter(\.$tender.$id == id).all() {
                sheets[r.evaluatorID, default: [:]][r.$bid.id, default: [:]][r.criterionID] = ScoreEntry(
                    score: r.score.flatMap(DecimalText.parse), comment: r.comment)
            }
            let already = try await Self.moderated(id, on: tx)
            let agreed = PanelRules.agreedScores(sheets, panel: panel.ids, bids: bids, config: t.configuration)
            var count = 0
            for bid in bids {
                for key in PanelRules.scoreKeys(t.configuration) {
                    guard let score = agreed[bid]?[key], already[bid]?[key] == nil else { continue }
                    let row = ModeratedScoreModel()
                    row.$tender.id = id
                    row.$bid.id = bid
                    row.criterionID = key
                    row.score = DecimalText.plainNumber(score)
                    row.rationale = PanelRules.agreedRationale(score: score, evaluators: panel.ids.count)
                    row.moderatedBy = actor.label
                    try await row.create(on: tx)
                    var changes = AuditLog.diff(nil, ["score": row.score, "rationale": row.rationale])
                    changes["criterion"] = FieldChange(from: nil, to: key)
                    try await AuditLog.record(
                        "moderated", "bid", id: bid.uuidString, changes: changes, by: actor, on: tx, at: now)
                    count += 1
                }
            }
            if count > 0 { try await EvaluationResultModel.query(on: tx).filter(\.$tender.$id == id).delete() }
            return count
        }
    }

    /// The agreed scores (bid id → key → score and rationale), for the buyer side.
    public func moderated(tender id: UUID, viewer: Viewer) async throws -> Sheets {
        let t = try await TenderStore.find(id, on: db)
        guard viewer.isBuyerSide(owner: t.procurement.$owner.id) else {
            throw StorageError.forbidden("Only the buying organisation sees the agreed scores")
        }
        return try await Self.moderated(id, on: db)
    }

    /// What moderation starts from, for those who moderate: every evaluator's scores and the
    /// agreed scores so far. Needs every evaluator's submission.
    public struct Moderation: Sendable {
        public let board: ScoreBoard
        public let moderated: Sheets
    }

    public func moderation(tender id: UUID, viewer: Viewer) async throws -> Moderation {
        let t = try await TenderStore.find(id, on: db)
        try Self.checkManager(t, viewer, "moderates the scores")
        let board = try await scores(tender: id, viewer: viewer)
        try PanelRules.checkCanModerate(panel: board.panel.ids, submitted: board.panel.submitted)
        return Moderation(board: board, moderated: try await Self.moderated(id, on: db))
    }

    static func moderated(_ id: UUID, on db: Database) async throws -> Sheets {
        var out: Sheets = [:]
        for r in try await ModeratedScoreModel.query(on: db).filter(\.$tender.$id == id).all() {
            out[r.$bid.id, default: [:]][r.criterionID] = ScoreEntry(
                score: DecimalText.parse(r.score), comment: r.rationale)
        }
        return out
    }
}
