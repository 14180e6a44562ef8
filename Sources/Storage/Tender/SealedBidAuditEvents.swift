import Fluent
import Foundation
import SocialValue

/// One audit event as it may be shown: the stored event, and who acted and what changed after
/// `SealedBidAudit` has hidden a sealed bid's bidder.
public struct DisplayedAuditEvent: Sendable {
    public let event: AuditEventModel
    public let actor: String
    public let changes: [String: FieldChange]
}

extension AuditLog {
    /// The events ready to show to anyone on the buyer side or the administrator: a bid event, or
    /// a clarification question's "asked" event, whose tender's bids are not yet opened names no
    /// bidder (docs/tenders.md). A bid or question that cannot be found is treated as sealed. The
    /// stored rows are only read, never changed.
    public static func displayed(_ events: [AuditEventModel], on db: Database) async throws -> [DisplayedAuditEvent] {
        let bidIDs = Set(
            events.filter { $0.recordType == SealedBidAudit.recordType }.compactMap { UUID(uuidString: $0.recordID) })
        var opened = Set<String>()
        if !bidIDs.isEmpty {
            let bids = try await BidModel.query(on: db).filter(\.$id ~~ Array(bidIDs)).with(\.$tender).all()
            for b in bids
            where !SealedBidAudit.isSealed(b.tender.statusValue, opened: b.tender.openedAt != nil) {
                opened.insert(b.id!.uuidString)
            }
        }
        // A clarification question's "asked" event names the supplier who asked: sealed likewise.
        let questionIDs = Set(events.filter(isQuestionAsked).compactMap { UUID(uuidString: $0.recordID) })
        if !questionIDs.isEmpty {
            let questions = try await TenderClarificationModel.query(on: db).filter(\.$id ~~ Array(questionIDs))
                .with(\.$tender).all()
            for q in questions
            where !SealedBidAudit.isSealed(q.tender.statusValue, opened: q.tender.openedAt != nil) {
                opened.insert(q.id!.uuidString)
            }
        }
        return events.map { e in
            let changes = (try? JSONDecoder().decode([String: FieldChange].self, from: Data(e.changes.utf8))) ?? [:]
            guard e.recordType == SealedBidAudit.recordType || isQuestionAsked(e),
                !opened.contains(e.recordID.uppercased())
            else {
                return DisplayedAuditEvent(event: e, actor: e.actor, changes: changes)
            }
            let shown = SealedBidAudit.redact(actor: e.actor, changes: changes)
            return DisplayedAuditEvent(event: e, actor: shown.actor, changes: shown.changes)
        }
    }

    /// A supplier's clarification question being asked (`TenderStore.ask`): its actor is the
    /// supplier member. The buyer's answers name the buyer and are shown as they are.
    static func isQuestionAsked(_ e: AuditEventModel) -> Bool {
        e.recordType == "tender-clarification" && e.action == "asked"
    }
}
