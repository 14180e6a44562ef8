import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing
import Vapor

@testable import Storage

/// A provider's response becomes the commissioners' task, and the provider's "respond"
/// notification is done once they have responded (issue 13 §2).
@Suite struct DecommissioningTaskTests {
    @Test(arguments: Backend.all)
    func theResponseMarksTheProposalNotificationDoneAndAsksTheCommissionersToReadIt(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let a = try await DecommissioningArea(app)
            let id = try await a.create()
            let shared = {
                try await NotificationModel.query(on: app.db).filter(\.$kind == .decommissioningShared).all()
            }
            _ = try await a.store.share(id, viewer: a.priya, by: .user(a.area.priya), now: DecommissioningArea.now)
            #expect(try await shared().map(\.doneAt) == [nil, nil])
            #expect(try await NotificationStore(app.db).unreadCount(for: a.sam) == 1)
            #expect(try await a.store.responsesToRead(for: a.priya).isEmpty)

            // A refused response (empty) changes nothing.
            await #expect(throws: ValidationFailure.self) {
                try await a.store.respond(
                    id, ResponseInput(text: " "), viewer: a.sam, by: .user(a.area.sam), now: DecommissioningArea.now)
            }
            #expect(try await shared().map(\.doneAt) == [nil, nil])

            let responded = utc("2027-01-25T09:30:00Z")
            _ = try await a.store.respond(
                id, ResponseInput(text: "Please keep Friday opening"), viewer: a.sam, by: .user(a.area.sam),
                now: responded)
            // Both members' notifications are done (either could have responded for the foodbank).
            #expect(try await shared().map(\.doneAt) == [responded, responded])
            #expect(try await NotificationStore(app.db).unreadCount(for: a.sam) == 0)
            #expect(try await a.store.responsesToRead(for: a.priya).map(\.id) == [id])
            for outsider in [a.colin, a.sam, a.kim, a.otherCommissioner] {
                #expect(try await a.store.responsesToRead(for: outsider).isEmpty)
            }
        }
    }
}

private func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }
