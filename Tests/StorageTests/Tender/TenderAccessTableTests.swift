import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing
import Vapor

@testable import Storage

/// The access table's tender, bid and procurement rows (`TenderOperation`, `ProcurementOperation`):
/// every operation for every asker (`AccessRole`), called on the real store, must be allowed or
/// refused as the core's policy says (see `checkAccessTable`). The procurement rows share the
/// tender's fixture: a procurement with a published tender.
@Suite struct TenderAccessTableTests {
    /// A published tender whose bids have been opened (Kestrel's and the food bank's, the food
    /// bank's with an attachment), a clarification asked, and a draft tender on another
    /// procurement. Allowed calls are made so that they fail after the access check (the tender
    /// has closed, the input is invalid), so the fixture does not change between calls.
    struct Fixture {
        let area: TenderArea
        let subject: AccessSubject
        let draft: UUID
        let bid: UUID
        let attachment: UUID
        let event: UUID
        /// The draft tender's procurement, in the public pipeline.
        let listed: UUID
        let after = TenderArea.deadline.addingTimeInterval(3600)

        init(_ app: Application) async throws {
            let a = try await TenderArea(app)
            let priya = Actor.user(a.area.priya)
            let later = TenderArea.deadline.addingTimeInterval(3600)
            try await a.twoBids()
            try await a.tenders.ask(
                a.tender, organisation: a.area.firm, question: "Is TUPE expected?", viewer: a.kim,
                by: .user(a.area.kim), now: utc("2027-02-01T11:00:00Z"))
            _ = try await a.bids.openBids(tender: a.tender, viewer: a.commissioner, by: priya, now: TenderArea.deadline)
            let opened = try await a.bids.openedBids(tender: a.tender, viewer: a.commissioner, now: later)
            let foodbank = a.area.foodbank
            let foodbankBid = try #require(opened.first { $0.organisationID == foodbank })
            let procurements = ProcurementStore(app.db)
            let other = try await procurements.create(
                owner: a.area.county, compact: a.area.compact,
                ProcurementStoreTests.input(title: "Meals"), viewer: a.commissioner, by: priya)
            let draftTender = try await a.tenders.save(
                procurement: other.id!, TenderArea.input(), viewer: a.commissioner, by: priya)
            let added = try await procurements.addEvent(
                other.id!,
                EngagementEventInput(
                    kind: "meet-the-buyer", title: "Meet the buyer", heldOn: "2027-05-01", place: "County Hall",
                    capacity: "10"), viewer: a.commissioner, by: priya)
            _ = try await procurements.publishToPipeline(other.id!, viewer: a.commissioner, by: priya)
            area = a
            bid = foodbankBid.id
            attachment = try #require(foodbankBid.attachments.first?.id)
            draft = draftTender.id!
            event = added.id!
            listed = other.id!
            subject = AccessSubject(buyer: a.area.county, supplier: foodbank, compact: a.area.compact)
        }

        /// Calls the real store operation as `v`.
        func perform(_ op: TenderOperation, as v: Viewer?) async throws {
            func signedIn() throws -> Viewer { try StorageTests.signedIn(v) }
            let a = area
            let by = Actor.commandLine
            let supplier = subject.supplier
            switch op {
            case .saveTender:
                _ = try await a.tenders.save(
                    procurement: a.procurement, TenderArea.input(), viewer: try signedIn(), by: by)
            case .publishTender:
                _ = try await a.tenders.publish(a.tender, viewer: try signedIn(), by: by, now: after)
            case .cancelTender:
                _ = try await a.tenders.cancel(a.tender, reason: " ", viewer: try signedIn(), by: by, now: after)
            case .addTenderDocument:
                try await a.tenders.addDocument(
                    a.tender, title: "Spec", filename: "spec.txt", bytes: Array("Spec".utf8),
                    viewer: try signedIn(), by: by, now: after)
            case .removeTenderDocument:
                try await a.tenders.removeDocument(a.tender, document: UUID(), viewer: try signedIn(), by: by)
            case .answerClarification:
                let q = try await a.tenders.clarifications(of: a.tender, for: a.commissioner)
                try await a.tenders.answer(
                    a.tender, clarification: q[0].id, answer: nil, viewer: try signedIn(), by: by, now: after)
            case .askClarification:
                try await a.tenders.ask(
                    a.tender, organisation: supplier, question: "Why?", viewer: try signedIn(), by: by, now: after)
            case .readDraftTender:
                _ = try await a.tenders.find(draft, for: v)
            case .readDraftTenderDocuments:
                _ = try await a.tenders.documents(of: draft, for: v)
            case .readDraftTenderClarifications:
                _ = try await a.tenders.clarifications(of: draft, for: v)
            case .countBids:
                _ = try await a.bids.submittedCount(tender: a.tender, viewer: try signedIn())
            case .openBids:
                _ = try await a.bids.openBids(tender: a.tender, viewer: try signedIn(), by: by, now: after)
            case .readOpenedBids:
                _ = try await a.bids.openedBids(tender: a.tender, viewer: try signedIn(), now: after)
            case .readOpenedBid:
                _ = try await a.bids.openedBid(bid, tender: a.tender, viewer: try signedIn(), now: after)
            case .readBidAttachment:
                _ = try await a.bids.attachment(attachment, tender: a.tender, viewer: try signedIn(), now: after)
            case .readOwnBid:
                _ = try await a.bids.ownBid(tender: a.tender, organisation: supplier, viewer: try signedIn())
            case .saveBid:
                _ = try await a.bids.saveDraft(
                    tender: a.tender, organisation: supplier, TenderArea.complete, viewer: try signedIn(),
                    by: by, now: after)
            case .submitBid:
                _ = try await a.bids.submit(
                    tender: a.tender, organisation: supplier, viewer: try signedIn(), by: by, now: after)
            case .withdrawBid:
                try await a.bids.withdraw(
                    tender: a.tender, organisation: supplier, viewer: try signedIn(), by: by, now: after)
            case .addBidAttachment:
                try await a.bids.addAttachment(
                    tender: a.tender, organisation: supplier, criterion: nil, title: "Plan", filename: "plan.txt",
                    bytes: Array("Plan".utf8), viewer: try signedIn(), by: by, now: after)
            case .removeBidAttachment:
                try await a.bids.removeAttachment(
                    tender: a.tender, organisation: supplier, attachment: attachment, viewer: try signedIn(),
                    by: by, now: after)
            }
        }

        /// Calls the real procurement store operation as `v`.
        func perform(_ op: ProcurementOperation, as v: Viewer?) async throws {
            func signedIn() throws -> Viewer { try StorageTests.signedIn(v) }
            let a = area
            let procurements = ProcurementStore(a.tenders.db)
            let by = Actor.commandLine
            switch op {
            case .createProcurement:
                _ = try await procurements.create(
                    owner: subject.buyer, compact: subject.compact, ProcurementInput(), viewer: try signedIn(),
                    by: by)
            case .updateProcurement:
                _ = try await procurements.update(a.procurement, ProcurementInput(), viewer: try signedIn(), by: by)
            case .recordConsideration:
                _ = try await procurements.recordConsideration(
                    a.procurement, ConsiderationInput(), signedBy: "Someone", viewer: try signedIn(),
                    by: by)
            case .amendConsideration:
                _ = try await procurements.amendConsideration(
                    a.procurement, ConsiderationAmendmentInput(), signedBy: "Someone", viewer: try signedIn(), by: by)
            case .transitionProcurement:
                _ = try await procurements.transition(a.procurement, to: nil, viewer: try signedIn(), by: by)
            case .publishProcurement:
                _ = try await procurements.publishToPipeline(a.procurement, viewer: try signedIn(), by: by)
            case .addEngagementEvent:
                _ = try await procurements.addEvent(
                    a.procurement, EngagementEventInput(kind: nil, title: nil, heldOn: nil, place: nil, capacity: nil),
                    viewer: try signedIn(), by: by)
            case .recordAfterEvent:
                try await procurements.recordAfterEvent(event, attended: [], notes: nil, viewer: try signedIn(), by: by)
            case .commentOnProcurement:
                try await procurements.addComment(
                    a.procurement, organisation: nil, author: "Someone", comment: nil, event: nil,
                    consultation: nil, viewer: try signedIn(), by: by)
            case .commentOnPipelineProcurement:
                try await procurements.addComment(
                    listed, organisation: nil, author: "Someone", comment: nil, event: nil,
                    consultation: nil, viewer: try signedIn(), by: by)
            case .registerForEvent:
                let viewer = try signedIn()
                try await procurements.register(
                    event: event, user: viewer.userID, organisation: nil, viewer: viewer, by: by,
                    now: utc("2027-04-01T10:00:00Z"))
            }
        }
    }

    @Test func everyTenderAndBidOperationForEveryRoleIsDecidedByTheCore() async throws {
        try await withApp(.sqliteMemory) { app in
            let f = try await Fixture(app)
            await checkAccessTable(TenderOperation.self, subject: f.subject, hidden: ["The tender"]) {
                try await f.perform($0, as: $1)
            }
        }
    }

    @Test func everyProcurementOperationForEveryRoleIsDecidedByTheCore() async throws {
        try await withApp(.sqliteMemory) { app in
            let f = try await Fixture(app)
            await checkAccessTable(ProcurementOperation.self, subject: f.subject) { try await f.perform($0, as: $1) }
        }
    }

    @Test func theTableAllowsTheOwnersAndRefusesOthers() {
        let subject = AccessSubject(buyer: UUID(), supplier: UUID(), compact: UUID())
        let commissioner = Viewer(
            userID: UUID(), isAdmin: false, memberships: [.init(organisationID: subject.buyer, role: .commissioner)],
            compactSeats: [])
        let admin = Viewer(userID: UUID(), isAdmin: true, memberships: [], compactSeats: [])
        #expect(TenderOperation.saveTender.outcome(for: commissioner, on: subject) == .allowed)
        #expect(TenderOperation.saveTender.outcome(for: admin, on: subject) == .forbidden)
        #expect(TenderOperation.readDraftTender.outcome(for: nil, on: subject) == .notFound)
        #expect(TenderOperation.readOpenedBids.outcome(for: admin, on: subject) == .allowed)
        #expect(TenderOperation.saveBid.outcome(for: commissioner, on: subject) == .forbidden)
    }
}

private func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }
