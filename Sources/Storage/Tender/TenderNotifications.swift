import Fluent
import Foundation
import SocialValue

/// What a tender's bidders hear in the product: answered clarifications, a cancellation, and the
/// award (with the way to their feedback). Each call sits inside the transaction that made the news.
enum TenderNotifications {
    /// Supplier members of the organisations taking part: with a bid on the tender (any status) or
    /// a clarification question asked, each with their organisation.
    static func bidderMembers(_ tenderID: UUID, on tx: Database) async throws -> [(user: UUID, organisation: UUID)] {
        var orgs = Set(
            try await BidModel.query(on: tx).filter(\.$tender.$id == tenderID).all().map { $0.$organisation.id })
        for q in try await TenderClarificationModel.query(on: tx).filter(\.$tender.$id == tenderID).all() {
            if let org = q.$organisation.id { orgs.insert(org) }
        }
        guard !orgs.isEmpty else { return [] }
        let members = try await MembershipModel.query(on: tx).filter(\.$organisation.$id ~~ Array(orgs))
            .filter(\.$roleValue == .supplierMember).all()
        var seen = Set<UUID>()
        return members.compactMap { m in seen.insert(m.$user.id).inserted ? (m.$user.id, m.$organisation.id) : nil }
    }

    static func clarificationAnswered(_ t: TenderModel, now: Date, on tx: Database) async throws {
        let users = try await bidderMembers(t.id!, on: tx).map(\.user)
        try await NotificationStore.send(
            to: users, kind: .tenderClarification,
            text: "A clarification question about “\(t.procurement.title)” has been answered.",
            link: "/tenders/\(t.id!)", now: now, on: tx)
    }

    /// The buyer's commissioners hear of a new question (without who asked: they see it on the tender).
    static func questionAsked(_ t: TenderModel, now: Date, on tx: Database) async throws {
        let owner = t.procurement.$owner.id
        var seen = Set<UUID>()
        let users = try await MembershipModel.query(on: tx).filter(\.$organisation.$id == owner)
            .filter(\.$roleValue == .commissioner).all().map { $0.$user.id }.filter { seen.insert($0).inserted }
        try await NotificationStore.send(
            to: users, kind: .tenderQuestion,
            text:
                "A bidder has asked a clarification question about “\(t.procurement.title)”. Answer it on the tender.",
            link: "/tenders/\(t.id!)", now: now, on: tx)
    }

    /// Once every question on the tender has an answer, the question notifications are done.
    static func questionsAnswered(_ tenderID: UUID, now: Date, on tx: Database) async throws {
        let open = try await TenderClarificationModel.query(on: tx).filter(\.$tender.$id == tenderID)
            .filter(\.$answer == nil).count()
        guard open == 0 else { return }
        try await NotificationStore.markDone(kind: .tenderQuestion, link: "/tenders/\(tenderID)", now: now, on: tx)
    }

    /// The bidders hear of it with the reason; the tasks it ends (the evaluators' "score these
    /// bids", the commissioners' unanswered questions) are done.
    static func cancelled(_ t: TenderModel, reason: String, now: Date, on tx: Database) async throws {
        let id = try t.requireID()
        try await NotificationStore.markDone(
            kind: .evaluationAssigned, link: EvaluationStore.scoringLink(id), now: now, on: tx)
        try await NotificationStore.markDone(kind: .tenderQuestion, link: "/tenders/\(id)", now: now, on: tx)
        let users = try await bidderMembers(id, on: tx).map(\.user)
        try await NotificationStore.send(
            to: users, kind: .tenderCancelled,
            text: "The tender “\(t.procurement.title)” has been cancelled: \(reason)",
            link: "/tenders/\(id)", now: now, on: tx)
    }

    /// The winner's members hear they won; every other bidder's that the feedback is ready.
    static func awarded(_ t: TenderModel, winner: UUID, standstillEnds: CalendarDate, now: Date, on tx: Database)
        async throws
    {
        let members = try await bidderMembers(t.id!, on: tx)
        let title = t.procurement.title
        try await NotificationStore.send(
            to: members.filter { $0.organisation == winner }.map(\.user), kind: .tenderAwarded,
            text:
                "Your bid for “\(title)” has been chosen. The standstill period ends on \(standstillEnds.longForm); your feedback is ready.",
            link: "/tenders/\(t.id!)/feedback", now: now, on: tx)
        try await NotificationStore.send(
            to: members.filter { $0.organisation != winner }.map(\.user), kind: .tenderAwarded,
            text:
                "The contract for “\(title)” has been awarded to another bidder. Your feedback is ready; the standstill period ends on \(standstillEnds.longForm).",
            link: "/tenders/\(t.id!)/feedback", now: now, on: tx)
    }
}
