import Foundation
import SocialValue
import Storage
import Vapor

/// Scoring and moderation under /api/v1: a thin layer over `EvaluationStore`, which checks the
/// panel, the tender's state, the sealed bids and who sees whose scores (`PanelRules.visibility`).
/// Every write answers with the viewer's score board as it stands afterwards.
struct ScoringAPI: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let t = routes.grouped("api", "v1", "tenders", ":id")
        t.get("scores", use: board)
        t.put("bids", ":bidId", "scores", use: save)
        t.post("scores", "submit", use: submit)
        t.put("bids", ":bidId", "moderation", ":key", use: moderate)
        t.post("ranking", use: rank)
    }

    func board(req: Request) async throws -> ScoreBoardJSON {
        let me = try req.requireUser()
        return try await board(req, me, try await req.visibleTender())
    }

    func board(_ req: Request, _ me: CurrentUser, _ t: TenderModel) async throws -> ScoreBoardJSON {
        let b = try await req.evaluations.scores(tender: t.id!, viewer: me.viewer)
        // The agreed scores are drawn from everyone's: shown only to those who see everyone's.
        let moderated =
            b.visibility.seesOthersScores ? try await req.evaluations.moderated(tender: t.id!, viewer: me.viewer) : nil
        return ScoreBoardJSON(t, b, viewer: me.viewer.userID, moderated: moderated)
    }

    func save(req: Request) async throws -> ScoreBoardJSON {
        let me = try req.requireUser()
        let t = try await req.visibleTender()
        let body = try req.content.decode(ScoresInput.self)
        try await req.evaluations.saveScores(
            tender: try t.requireID(), bid: try req.parameterID("bidId"), body, viewer: me.viewer, by: me.actor)
        return try await board(req, me, t)
    }

    func submit(req: Request) async throws -> ScoreBoardJSON {
        let me = try req.requireUser()
        let t = try await req.visibleTender()
        try await req.evaluations.submitScores(tender: try t.requireID(), viewer: me.viewer, by: me.actor)
        return try await board(req, me, t)
    }

    func moderate(req: Request) async throws -> ScoreBoardJSON {
        let me = try req.requireUser()
        let t = try await req.visibleTender()
        var body = try req.content.decode(ModerationInput.self)
        guard let key = req.parameters.get("key") else { throw Abort(.notFound) }
        body.key = key
        try await req.evaluations.moderate(
            tender: try t.requireID(), bid: try req.parameterID("bidId"), body, viewer: me.viewer, by: me.actor)
        return try await board(req, me, t)
    }

    func rank(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let t = try await req.visibleTender()
        return try EvaluationAPI.rankingJSON(
            t, try await req.evaluations.rank(tender: t.id!, viewer: me.viewer, by: me.actor))
    }
}

/// What the viewer may see of a tender's scores, as `EvaluationStore.scores` gives it. Bid ids
/// used as keys are lowercase; scores are decimal text.
struct ScoreBoardJSON: Content {
    struct Evaluator: Content {
        var userId: UUID
        var name: String
        var submittedAt: String?
    }

    struct Entry: Content {
        var score: String?
        var comment: String
    }

    struct Sheet: Content {
        var evaluatorId: UUID
        var evaluator: String
        var isYours: Bool
        /// Bid id → score key → score and comment.
        var bids: [String: [String: Entry]]
    }

    struct Agreed: Content {
        var score: String?
        var rationale: String
    }

    var tenderId: UUID
    /// own-only (on the panel, not yet submitted), all, or progress-only (the buying body's
    /// other people until the whole panel has submitted).
    var visibility: String
    var scoreKeys: [String]
    var scaleMax: Int
    var panel: [Evaluator]
    /// The viewer's own sheet first, then the others the rule lets them see, by name.
    var sheets: [Sheet]
    /// Bid id → score key → the agreed score and rationale; only for those who see every score.
    var moderation: [String: [String: Agreed]]?

    init(_ t: TenderModel, _ b: EvaluationStore.ScoreBoard, viewer: UUID, moderated: EvaluationStore.Sheets?) {
        func keyed<T>(_ sheets: EvaluationStore.Sheets, _ f: @escaping (ScoreEntry) -> T) -> [String: [String: T]] {
            Dictionary(uniqueKeysWithValues: sheets.map { ($0.key.uuidString.lowercased(), $0.value.mapValues(f)) })
        }
        tenderId = t.id!
        visibility =
            switch b.visibility {
            case .all: "all"
            case .ownOnly: "own-only"
            case .progressOnly, .denied: "progress-only"
            }
        scoreKeys = PanelRules.scoreKeys(t.configuration)
        scaleMax = t.configuration.qualityScaleMax
        panel = b.panel.evaluators.map {
            Evaluator(userId: $0.userID, name: $0.name, submittedAt: $0.submittedAt.map(UKTime.isoUTC))
        }
        let evaluators =
            b.panel.evaluators.filter { $0.userID == viewer } + b.panel.evaluators.filter { $0.userID != viewer }
        sheets = evaluators.compactMap { e in
            b.sheets[e.userID].map { s in
                Sheet(
                    evaluatorId: e.userID, evaluator: e.name, isYours: e.userID == viewer,
                    bids: keyed(s) { Entry(score: $0.score.map(DecimalText.plainNumber), comment: $0.comment) })
            }
        }
        moderation = moderated.map {
            keyed($0) { Agreed(score: $0.score.map(DecimalText.plainNumber), rationale: $0.comment) }
        }
    }
}
