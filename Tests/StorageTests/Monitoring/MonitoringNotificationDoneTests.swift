import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing
import Vapor

@testable import Storage

private func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

/// Issue 13 §2: "ready to verify" is done once the return is verified, not left new.
@Suite struct MonitoringNotificationDoneTests {
    @Test(arguments: Backend.all)
    func theSubmittedNotificationIsDoneOnceTheReturnIsVerified(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let m = try await MonitoringArea(app)
            let priya = m.a.commissioner
            try await m.submitted(1, at: utc("2027-07-01T09:00:00Z"))
            let toVerify = {
                try await NotificationModel.query(on: app.db).filter(\.$user.$id == priya.userID)
                    .filter(\.$kind == .monitoringSubmitted).all()
            }
            #expect(try await toVerify().map(\.doneAt) == [nil])
            let unread = try await NotificationStore(app.db).unreadCount(for: priya)
            // A refused decision (a quantity that is not a number) leaves it new.
            await #expect(throws: ValidationFailure.self) {
                try await m.store.decide(
                    contract: m.contract, period: 1,
                    VerificationInput(decision: "verify", lines: ["APPR": .init(quantity: "three")]),
                    viewer: priya, by: m.priyaActor, now: utc("2027-07-04T09:00:00Z"))
            }
            #expect(try await toVerify().map(\.doneAt) == [nil])
            let verified = utc("2027-07-05T09:00:00Z")
            try await m.store.decide(
                contract: m.contract, period: 1,
                VerificationInput(decision: "verify", lines: ["APPR": .init(quantity: "4")]),
                viewer: priya, by: m.priyaActor, now: verified)
            #expect(try await toVerify().map(\.doneAt) == [verified])
            #expect(try await NotificationStore(app.db).unreadCount(for: priya) == unread - 1)
        }
    }
}
