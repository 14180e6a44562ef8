import Foundation

/// What one viewer may see of the evaluators' scores. Evaluators score independently: nobody on
/// the panel sees another evaluator's scores until they have submitted their own.
public enum ScoreVisibility: Equatable, Sendable {
    /// Not on the buyer side: nothing at all (suppliers get feedback after award instead).
    case denied
    /// On the buyer side, not on the panel: who has submitted, never a score, until the whole
    /// panel has submitted (then commissioners see everything, to moderate).
    case progressOnly
    /// On the panel, not yet submitted: their own scores only.
    case ownOnly
    /// Every evaluator's scores.
    case all

    public var seesOthersScores: Bool { self == .all }
}

/// One evaluator's scores and comments for one bid, as typed in the scoring form or sent to the
/// API, keyed by score key ("Q1", "SV"): a form sends `scores[Q1]` and `comments[Q1]`, and
/// problems are reported under `scores.Q1` and `comments.Q1`. A draft may leave some out.
public struct ScoresInput: Codable, Sendable, Equatable {
    public var scores: [String: String]?
    public var comments: [String: String]?

    public init(scores: [String: String]? = nil, comments: [String: String]? = nil) {
        self.scores = scores
        self.comments = comments
    }
}

/// The person to add to the evaluation panel, as chosen in the panel's form (`userId`).
public struct EvaluatorInput: Codable, Sendable, Equatable {
    public var userId: UUID?

    public init(userId: UUID? = nil) { self.userId = userId }
}

/// An agreed score as typed by the moderator: the score key (`key`; the API gives it in the
/// path), the score and the rationale.
public struct ModerationInput: Codable, Sendable, Equatable {
    public var key: String?
    public var score: String?
    public var rationale: String?

    public init(key: String? = nil, score: String? = nil, rationale: String? = nil) {
        self.key = key
        self.score = score
        self.rationale = rationale
    }
}

/// The evaluation's independence rule and the checks on scores and moderation, as pure functions.
public enum PanelRules {
    /// The key used for the qualitative social value score alongside the criterion ids ("Q1").
    public static let socialValueKey = "SV"
    static let maxComment = 5_000

    /// Who may see whose scores. `panel` are the assigned evaluators' user ids, `submitted` those
    /// who have submitted theirs.
    public static func visibility(viewer: Viewer, owner: UUID, panel: Set<UUID>, submitted: Set<UUID>)
        -> ScoreVisibility
    {
        if panel.contains(viewer.userID) {
            return submitted.contains(viewer.userID) ? .all : .ownOnly
        }
        guard viewer.isBuyerSide(owner: owner) else { return .denied }
        let everyoneIn = !panel.isEmpty && panel.isSubset(of: submitted)
        return everyoneIn && viewer.canManageTender(owner: owner) ? .all : .progressOnly
    }

    /// Whether the viewer may see scores by `evaluator` (a user id).
    public static func canSeeScores(
        of evaluator: UUID, viewer: Viewer, owner: UUID, panel: Set<UUID>, submitted: Set<UUID>
    ) -> Bool {
        switch visibility(viewer: viewer, owner: owner, panel: panel, submitted: submitted) {
        case .all: return true
        case .ownOnly: return evaluator == viewer.userID
        case .denied, .progressOnly: return false
        }
    }

    /// Only evaluators assigned to the panel (`panel`: their user ids) score the bids.
    public static func canScore(viewer: Viewer, panel: Set<UUID>) -> Bool { panel.contains(viewer.userID) }

    /// Evaluators are people holding the evaluator or commissioner role at the owning body.
    public static func canBeEvaluator(roles: [MembershipRole]) -> Bool {
        roles.contains(.evaluator) || roles.contains(.commissioner)
    }

    /// The keys each bid is scored on: every criterion, and "SV" when social value is qualitative
    /// and weighted.
    public static func scoreKeys(_ config: TenderConfiguration) -> [String] {
        var keys = config.criteria.map(\.id)
        if config.socialValueMethod == .qualitative && config.weights.socialValue > 0 { keys.append(socialValueKey) }
        return keys
    }

    /// The name shown for a score key.
    public static func label(_ key: String, config: TenderConfiguration) -> String {
        if key == socialValueKey { return "Social value" }
        return config.criterion(key).map { "\($0.id): \($0.name)" } ?? key
    }

    /// A score typed as text: a number from 0 to the scale's top, at most two decimal places.
    public static func parseScore(_ raw: String?, field: String, label: String, scaleMax: Int, into p: inout Problems)
        -> Decimal?
    {
        let text = (raw ?? "").trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return nil }
        guard let d = DecimalText.parse(text), !text.hasPrefix("-"), d >= 0, d <= Decimal(scaleMax),
            DecimalText.rounded(d, places: 2) == d
        else {
            p.add(field, "Enter a score for \(label) from 0 to \(scaleMax)")
            return nil
        }
        return d
    }

    /// Checks one evaluator's scores for one bid as typed (a draft may leave some out).
    public static func validateScores(_ input: ScoresInput, config: TenderConfiguration) throws -> [String: ScoreEntry]
    {
        let scores = input.scores ?? [:]
        let comments = input.comments ?? [:]
        var p = Problems()
        var out: [String: ScoreEntry] = [:]
        let keys = scoreKeys(config)
        for key in Set(scores.keys).union(comments.keys).sorted() where !keys.contains(key) {
            p.add("scores.\(key)", "\(key) is not scored in this tender")
        }
        for key in keys {
            let name = label(key, config: config)
            let score = parseScore(
                scores[key], field: "scores.\(key)", label: name, scaleMax: config.qualityScaleMax, into: &p)
            let comment = p.text(
                comments[key], field: "comments.\(key)", label: "the comment on \(name)", required: false,
                max: maxComment)
            if score != nil || comment != nil { out[key] = ScoreEntry(score: score, comment: comment ?? "") }
        }
        try p.throwIfAny()
        return out
    }

    /// Before submitting, every bid has a score and a comment for every key. `sheets` maps bid
    /// id → key → entry; `bids` names them for the messages.
    public static func checkComplete(
        _ sheets: [UUID: [String: ScoreEntry]], bids: [(id: UUID, name: String)], config: TenderConfiguration
    ) throws {
        var p = Problems()
        for bid in bids {
            for key in scoreKeys(config) {
                let entry = sheets[bid.id]?[key]
                if entry?.score == nil || (entry?.comment ?? "").isEmpty {
                    p.add(
                        "scores.\(bid.id.uuidString.lowercased()).\(key)",
                        "Score \(label(key, config: config)) for \(bid.name), with a comment")
                }
            }
        }
        try p.throwIfAny()
    }

    /// Moderation needs every evaluator's submitted scores.
    public static func checkCanModerate(panel: Set<UUID>, submitted: Set<UUID>) throws {
        guard !panel.isEmpty else { throw ValidationFailure("evaluators", "Assign evaluators before moderation") }
        guard panel.isSubset(of: submitted) else {
            throw ValidationFailure(
                "evaluators",
                "Every evaluator must submit their scores before moderation (\(panel.subtracting(submitted).count) still to submit)"
            )
        }
    }

    /// One agreed score with its rationale (both required).
    public static func validateModeration(_ input: ModerationInput, config: TenderConfiguration) throws -> ScoreEntry {
        let key = input.key ?? ""
        let raw = input.score
        let rationale = input.rationale
        var p = Problems()
        guard scoreKeys(config).contains(key) else {
            throw ValidationFailure("criterion", "\(key) is not scored in this tender")
        }
        let name = label(key, config: config)
        let score = parseScore(raw, field: "score", label: name, scaleMax: config.qualityScaleMax, into: &p)
        if score == nil && p.isEmpty { p.add("score", "Enter the agreed score for \(name)") }
        let text = p.text(rationale, field: "rationale", label: "the rationale for the agreed score", max: maxComment)
        try p.throwIfAny()
        return ScoreEntry(score: score, comment: text ?? "")
    }

    /// Whether the panel can still change (an evaluator assigned or removed): only while the
    /// tender is published, its bids opened or in evaluation, and before any evaluator has saved
    /// a score. Once scoring has started, or after award or cancelling, the panel is fixed, so
    /// the page does not offer to change it (issue 13 §5).
    public static func panelCanChange(status: TenderStatus, scoringStarted: Bool) -> Bool {
        [.published, .bidsOpened, .evaluation].contains(status) && !scoringStarted
    }

    /// Where the evaluators agree: bid id → key → the score every evaluator on the panel gave,
    /// for each bid and key where all of them scored and all gave the same score (3, 3 and 3
    /// agree; 3, 3 and 4 do not, nor 3 and a missing score). `sheets` is evaluator → bid → key →
    /// entry; `panel` the evaluators' ids. An empty panel agrees on nothing.
    public static func agreedScores(
        _ sheets: [UUID: [UUID: [String: ScoreEntry]]], panel: Set<UUID>, bids: [UUID], config: TenderConfiguration
    ) -> [UUID: [String: Decimal]] {
        guard !panel.isEmpty else { return [:] }
        var out: [UUID: [String: Decimal]] = [:]
        for bid in bids {
            for key in scoreKeys(config) {
                let scores = panel.map { sheets[$0]?[bid]?[key]?.score }
                guard let first = scores.first ?? nil, scores.allSatisfy({ $0 == first }) else { continue }
                out[bid, default: [:]][key] = first
            }
        }
        return out
    }

    /// The rationale recorded with a score accepted because every evaluator gave it.
    public static func agreedRationale(score: Decimal, evaluators: Int) -> String {
        "Every evaluator (\(evaluators) of \(evaluators)) gave \(DecimalText.plainNumber(score)); accepted as the agreed score."
    }

    /// The spread of the evaluators' scores: highest minus lowest (nil with no scores).
    public static func spread(_ scores: [Decimal]) -> Decimal? {
        guard let lo = scores.min(), let hi = scores.max() else { return nil }
        return hi - lo
    }

    /// Ranking needs every bid moderated on every key.
    public static func checkModerated(
        _ moderated: [UUID: [String: ScoreEntry]], bids: [(id: UUID, name: String)], config: TenderConfiguration
    ) throws {
        var p = Problems()
        for bid in bids {
            for key in scoreKeys(config) where moderated[bid.id]?[key]?.score == nil {
                p.add("moderation", "Record the agreed score for \(label(key, config: config)) for \(bid.name)")
            }
        }
        try p.throwIfAny()
    }
}

/// A score (maybe not yet given) and its comment or rationale.
public struct ScoreEntry: Sendable, Equatable, Codable {
    public var score: Decimal?
    public var comment: String

    public init(score: Decimal?, comment: String) {
        self.score = score
        self.comment = comment
    }
}
