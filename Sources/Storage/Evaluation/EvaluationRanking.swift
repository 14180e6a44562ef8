import Fluent
import Foundation
import SocialValue

/// The ranking: the evaluation document built from the tender and its moderated bids, run
/// through the engine, and both stored so the report can always be reproduced.
extension EvaluationStore {
    public struct Ranking: Sendable {
        public let document: String
        public let result: String
        public let outcome: EvaluationOutcome
        /// Bidder (organisation name) → bid id.
        public let bids: [String: UUID]
        public let rankedBy: String
        public let rankedAt: Date

        /// The bid ranked first (not excluded).
        public var topBid: UUID? { outcome.winner.flatMap { bids[$0] } }
        /// Ranked bids that were not excluded: those an award may go to.
        public var eligible: Set<UUID> {
            Set(outcome.ranking.filter { !$0.excluded && $0.rank != nil }.compactMap { bids[$0.bidder] })
        }
        public func bidder(of bid: UUID) -> String? { bids.first { $0.value == bid }?.key }
    }

    /// The evaluation document for the opened bids with their moderated scores.
    static func document(_ t: TenderModel, bids: [BidView], moderated: Sheets) -> JSONValue {
        let config = t.configuration
        let facts = bids.map { b in
            let scores = moderated[b.id] ?? [:]
            var quality: [String: Decimal] = [:]
            for c in config.criteria { quality[c.id] = scores[c.id]?.score ?? 0 }
            return EvaluationBidFacts(
                bidder: b.organisationName, price: b.content.price ?? Money(pence: 0), quality: quality,
                commitments: b.content.commitments, socialValueScore: scores[PanelRules.socialValueKey]?.score)
        }
        return EvaluationDocument.build(title: t.procurement.title, config: config, bids: facts)
    }

    /// Ranks the bids: every bid moderated on every key, then the engine. Replaces an earlier ranking.
    public func rank(tender id: UUID, viewer: Viewer, by actor: Actor, now: Date = Date()) async throws -> Ranking {
        try await db.write { tx in
            let t = try await TenderStore.find(id, on: tx)
            try Self.checkManager(t, viewer, "ranks the bids")
            try Self.checkEvaluating(t)
            let panel = try await Self.panel(id, on: tx)
            try PanelRules.checkCanModerate(panel: panel.ids, submitted: panel.submitted)
            let bids = try await BidStore(tx).openedBids(tender: id, viewer: viewer, now: now)
            let moderated = try await Self.moderated(id, on: tx)
            try PanelRules.checkModerated(
                moderated, bids: bids.map { ($0.id, $0.organisationName) }, config: t.configuration)
            let document = Self.document(t, bids: bids, moderated: moderated).rendered() + "\n"
            let result = try EngineBridge.run(document)
            try await EvaluationResultModel.query(on: tx).filter(\.$tender.$id == id).delete()
            let r = EvaluationResultModel()
            r.$tender.id = id
            r.inputJSON = document
            r.resultJSON = result
            r.bidIDsJSON = String(decoding: try JSONEncoder().encode(bids.map(\.id)), as: UTF8.self)
            r.rankedBy = actor.label
            r.rankedAt = now
            try await r.create(on: tx)
            if t.statusValue == .bidsOpened {
                t.statusValue = .evaluation
                try await t.update(on: tx)
            }
            let outcome = try EvaluationOutcome.parse(result)
            try await AuditLog.record(
                "ranked", "tender", id: id.uuidString,
                changes: [
                    "winner": FieldChange(from: nil, to: outcome.winner),
                    "document": FieldChange(from: nil, to: AuditLog.sha256Hex(document)),
                ], by: actor, on: tx, at: now)
            return try Self.ranking(r, bids: bids.map { ($0.organisationName, $0.id) })
        }
    }

    static func ranking(_ r: EvaluationResultModel, bids names: [(String, UUID)]) throws -> Ranking {
        Ranking(
            document: r.inputJSON, result: r.resultJSON, outcome: try EvaluationOutcome.parse(r.resultJSON),
            bids: Dictionary(names, uniquingKeysWith: { a, _ in a }), rankedBy: r.rankedBy, rankedAt: r.rankedAt)
    }

    /// The stored ranking read without access checks (for award and feedback, which check their own).
    static func storedRanking(_ id: UUID, on db: Database) async throws -> Ranking? {
        guard let r = try await EvaluationResultModel.query(on: db).filter(\.$tender.$id == id).first() else {
            return nil
        }
        let ids = r.bidIDs
        // The names the ranking was made with, from its own document, paired with the bids in
        // the same order: renaming an organisation later does not lose its bid (issue 19 §8).
        if let names = EvaluationDocument.bidders(in: r.inputJSON), names.count == ids.count {
            return try ranking(r, bids: Array(zip(names, ids)))
        }
        let bids = try await BidModel.query(on: db).filter(\.$id ~~ ids).with(\.$organisation).all()
        return try ranking(r, bids: bids.map { ($0.organisation.name, $0.id!) })
    }

    /// The stored ranking, for the buyer side (nil before ranking).
    public func ranking(tender id: UUID, viewer: Viewer) async throws -> Ranking? {
        let t = try await TenderStore.find(id, on: db)
        guard viewer.isBuyerSide(owner: t.procurement.$owner.id) else {
            throw StorageError.forbidden("Only the buying organisation sees the evaluation")
        }
        return try await Self.storedRanking(id, on: db)
    }
}
