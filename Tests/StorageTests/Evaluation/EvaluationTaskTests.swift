import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing
import Vapor

@testable import Storage

/// Tasks find their people (issue 13 §2): an evaluator added to a panel is notified in the same
/// write, and the notification is done once they submit; the commissioners' tasks follow the
/// tender from its deadline to the award.
private func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

@Suite struct EvaluationTaskTests {
    static func own(_ v: Viewer, on db: Database) async throws -> [NotificationModel] {
        try await NotificationModel.query(on: db).filter(\.$user.$id == v.userID).all()
    }

    @Test(arguments: Backend.all)
    func anAssignedEvaluatorIsNotifiedAndTheNotificationIsDoneOnceTheyHaveSubmitted(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let e = try await EvaluationArea(app)
            let notes = NotificationStore(app.db)
            let mine = try await Self.own(e.eve, on: app.db)
            #expect(mine.count == 1)
            #expect(mine.first?.kind == .evaluationAssigned)
            #expect(mine.first?.link == "/tenders/\(e.a.tender)/evaluation")
            #expect(mine.first?.text.contains("score these bids") == true)
            #expect(mine.first?.doneAt == nil)
            #expect(try await notes.unreadCount(for: e.eve) == 1)
            // The commissioner who assigned them hears nothing of it.
            #expect(try await Self.own(e.a.commissioner, on: app.db).filter { $0.kind == .evaluationAssigned }.isEmpty)

            // A refused assignment (already on the panel) writes no notification.
            await #expect(throws: StorageError.self) {
                try await e.store.assign(
                    tender: e.a.tender, user: e.eveUser.id!, viewer: e.a.commissioner, by: .user(e.a.area.priya))
            }
            #expect(try await Self.own(e.eve, on: app.db).count == 1)

            // Their task, until they submit.
            #expect(try await e.store.toScore(for: e.eve).map(\.id) == [e.a.tender])
            #expect(try await e.store.toScore(for: e.a.commissioner).isEmpty)
            try await e.scoreAll(e.eve, e.eveUser, score: "4")
            try await e.store.submitScores(
                tender: e.a.tender, viewer: e.eve, by: .user(e.eveUser), now: EvaluationArea.opened)
            #expect(try await e.store.toScore(for: e.eve).isEmpty)
            let done = try await Self.own(e.eve, on: app.db)
            #expect(done.map(\.doneAt) == [EvaluationArea.opened])
            #expect(try await notes.unreadCount(for: e.eve) == 0)
            #expect(try await notes.list(for: e.eve, unreadOnly: true).0.isEmpty)
            // Ed has not submitted: his stays new.
            #expect(try await Self.own(e.ed, on: app.db).map(\.doneAt) == [nil])
            #expect(try await e.store.toScore(for: e.ed).map(\.id) == [e.a.tender])
        }
    }

    @Test(arguments: Backend.all)
    func theCommissionersTasksFollowTheTenderToTheAward(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let e = try await EvaluationArea(app)
            let a = e.a
            let tasks = { (v: Viewer) in
                try await e.store.managerTasks(for: v, now: EvaluationArea.opened).map(\.task)
            }
            // Opened, the panel still scoring: nothing for the commissioner yet; nothing ever for evaluators.
            #expect(try await tasks(a.commissioner) == [])
            try await e.scoreAll(e.eve, e.eveUser, score: "4")
            try await e.scoreAll(e.ed, e.edUser, score: "3")
            try await e.store.submitScores(
                tender: a.tender, viewer: e.eve, by: .user(e.eveUser), now: EvaluationArea.opened)
            #expect(try await tasks(a.commissioner) == [])
            try await e.store.submitScores(
                tender: a.tender, viewer: e.ed, by: .user(e.edUser), now: EvaluationArea.opened)
            #expect(try await tasks(a.commissioner) == [.moderate])
            #expect(try await tasks(e.eve) == [])
            #expect(try await tasks(a.viewer) == [])
            try await e.moderateAll()
            _ = try await e.store.rank(
                tender: a.tender, viewer: a.commissioner, by: .user(a.area.priya), now: EvaluationArea.opened)
            #expect(try await tasks(a.commissioner) == [.award])
            #expect(try await tasks(a.sam) == [])
        }
    }

    @Test(arguments: Backend.all)
    func aClosedTenderAsksItsCommissionersToOpenTheBids(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let a = try await TenderArea(app)
            let store = EvaluationStore(app.db)
            #expect(try await store.managerTasks(for: a.commissioner, now: TenderArea.before).isEmpty)
            #expect(
                try await store.managerTasks(for: a.commissioner, now: TenderArea.deadline).map(\.task) == [.openBids])
            #expect(try await store.managerTasks(for: a.viewer, now: TenderArea.deadline).isEmpty)
            #expect(try await store.managerTasks(for: a.kim, now: TenderArea.deadline).isEmpty)
            // The procurement's deadline, for its status in lists.
            #expect(
                try await a.tenders.deadlines(ofProcurements: [a.procurement]) == [a.procurement: TenderArea.deadline])
        }
    }

    @Test(arguments: Backend.all)
    func aQuestionNotifiesTheBuyersCommissionersUntilEveryQuestionIsAnswered(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let a = try await TenderArea(app)
            let asked = utc("2027-02-01T10:00:00Z")
            for question in ["How many meals a day?", "Is there parking?"] {
                try await a.tenders.ask(
                    a.tender, organisation: a.area.firm, question: question, viewer: a.kim, by: .user(a.area.kim),
                    now: asked)
            }
            let priyas = try await Self.own(a.commissioner, on: app.db).filter { $0.kind == .tenderQuestion }
            #expect(priyas.count == 2)
            #expect(priyas.allSatisfy { $0.link == "/tenders/\(a.tender)" && $0.doneAt == nil })
            // Not the viewer (not a commissioner), not the bidder who asked.
            #expect(try await Self.own(a.viewer, on: app.db).isEmpty)
            #expect(try await Self.own(a.kim, on: app.db).filter { $0.kind == .tenderQuestion }.isEmpty)
            // A question after the deadline is refused, and notifies nobody.
            await #expect(throws: StorageError.self) {
                try await a.tenders.ask(
                    a.tender, organisation: a.area.firm, question: "Late?", viewer: a.kim, by: .user(a.area.kim),
                    now: TenderArea.deadline)
            }
            #expect(try await Self.own(a.commissioner, on: app.db).filter { $0.kind == .tenderQuestion }.count == 2)

            let questions = try await a.tenders.clarifications(of: a.tender, for: a.commissioner)
            try await a.tenders.answer(
                a.tender, clarification: questions[0].id, answer: "Two", viewer: a.commissioner,
                by: .user(a.area.priya), now: asked)
            #expect(
                try await Self.own(a.commissioner, on: app.db).filter { $0.kind == .tenderQuestion }.allSatisfy {
                    $0.doneAt == nil
                })
            let answered = utc("2027-02-02T10:00:00Z")
            try await a.tenders.answer(
                a.tender, clarification: questions[1].id, answer: "Yes", viewer: a.commissioner,
                by: .user(a.area.priya), now: answered)
            #expect(
                try await Self.own(a.commissioner, on: app.db).filter { $0.kind == .tenderQuestion }.map(\.doneAt) == [
                    answered, answered,
                ])
        }
    }

    @Test(arguments: Backend.all)
    func cancellingTheTenderMarksItsPanelAndQuestionNotificationsDone(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let a = try await TenderArea(app)
            let asked = utc("2027-02-01T10:00:00Z")
            try await a.tenders.ask(
                a.tender, organisation: a.area.firm, question: "Is there parking?", viewer: a.kim,
                by: .user(a.area.kim), now: asked)
            let users = UserStore(app.db, passwords: testPasswords)
            let eveUser = try await users.create(
                .init(email: "eve@eastmoor.example", displayName: "Eve", password: testPassword), viewer: .commandLine,
                by: .commandLine)
            try await users.addMembership(
                user: eveUser.id!, MembershipInput(organisationId: a.area.county, role: "evaluator"),
                viewer: .commandLine, by: .commandLine)
            let eve = try await users.viewer(for: eveUser)
            try await EvaluationStore(app.db).assign(
                tender: a.tender, user: eveUser.id!, viewer: a.commissioner, by: .user(a.area.priya))
            // Eve's task on another tender, which this cancellation leaves alone.
            let elsewhere = "/tenders/\(UUID())/evaluation"
            try await NotificationStore.send(
                to: [eveUser.id!], kind: .evaluationAssigned, text: "Score the other bids", link: elsewhere, now: asked,
                on: app.db)
            #expect(try await NotificationStore(app.db).unreadCount(for: eve) == 2)

            let cancelled = TenderArea.before
            _ = try await a.tenders.cancel(
                a.tender, reason: "The service is being brought in-house.", viewer: a.commissioner,
                by: .user(a.area.priya), now: cancelled)
            let eves = try await Self.own(eve, on: app.db)
            #expect(eves.first { $0.link == "/tenders/\(a.tender)/evaluation" }?.doneAt == cancelled)
            #expect(eves.count == 2)
            #expect(eves.first { $0.link == elsewhere }?.doneAt == nil)
            #expect(try await NotificationStore(app.db).unreadCount(for: eve) == 1)
            // The unanswered question is done too: nothing is left to answer.
            #expect(
                try await Self.own(a.commissioner, on: app.db).filter { $0.kind == .tenderQuestion }.map(\.doneAt) == [
                    cancelled
                ])
            // The bidders' news of the cancellation is new.
            let news = try await NotificationModel.query(on: app.db).filter(\.$kind == .tenderCancelled).all()
            #expect(!news.isEmpty && news.allSatisfy { $0.doneAt == nil })
        }
    }
}
