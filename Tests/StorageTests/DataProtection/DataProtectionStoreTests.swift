import Demo
import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing

@testable import Storage

/// Retention, subject access and erasure on the demo area (docs/data-protection.md). The demo's
/// one member of the public, Margaret Ellis, answered the dial-a-ride consultation, which closed
/// 66 days before the day it was loaded.
@Suite struct DataProtectionStoreTests {
    static let cath = "compact@eastmoor-cvs.example"
    static let margaret = "m.ellis@example.org"

    func response(_ email: String, on db: Database) async throws -> ConsultationResponseModel? {
        try await ConsultationResponseModel.query(on: db).filter(\.$respondentEmail == email).first()
    }

    func user(_ email: String, on db: Database) async throws -> UserModel {
        try await UserModel.query(on: db).filter(\.$email == email).first()!
    }

    @Test(arguments: Backend.all)
    func retentionErasesPublicRespondentsAndOldSignInsOnlyWhenDue(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            let now = Date()
            let today = UKTime.date(at: now)
            _ = try await DemoArea.load(on: app.db, passwords: testPasswords, password: testPassword, now: now)
            let store = RetentionStore(app.db)
            let ellis = try #require(try await response(Self.margaret, on: app.db))
            let answersBefore = try await ConsultationAnswerModel.query(on: app.db)
                .filter(\.$response.$id == ellis.requireID()).all().map(\.value).sorted()
            let cathResponse = try #require(
                try await ConsultationResponseModel.query(on: app.db)
                    .filter(\.$respondent.$id == user(Self.cath, on: app.db).requireID()).first())
            // A session that ended 170 days ago (it lasted under 30) and one started now.
            let sessions = SessionStore(app.db)
            _ = try await sessions.start(for: user(Self.cath, on: app.db), now: now.addingTimeInterval(-200 * 86400))
            _ = try await sessions.start(for: user("admin@eastmoor.example", on: app.db), now: now)
            let auditCount = try await AuditEventModel.query(on: app.db).count()

            // Closed 66 days ago: kept 3 months, nothing is due yet, but the old session is.
            let three = try await store.apply(
                RetentionPeriods(consultationResponseMonths: 3, signInDays: 90), today: today, dryRun: true,
                viewer: .commandLine, by: .commandLine)
            #expect(three.responsesErased == 0)
            #expect(three.sessionsDeleted == 1)
            #expect(three.firstSignInDayKept == today.adding(days: -90))
            // Kept 1 month: Margaret's name and email are due. The dry run changes nothing.
            let periods = RetentionPeriods(consultationResponseMonths: 1, signInDays: 90)
            let dry = try await store.apply(periods, today: today, dryRun: true, viewer: .commandLine, by: .commandLine)
            #expect(
                dry
                    == .init(
                        responsesErased: 1, sessionsDeleted: 1, tokensDeleted: 0,
                        firstSignInDayKept: dry.firstSignInDayKept))
            #expect(try await response(Self.margaret, on: app.db) != nil)
            #expect(try await SessionModel.query(on: app.db).count() == 2)
            #expect(try await AuditEventModel.query(on: app.db).count() == auditCount)

            let run = try await store.apply(
                periods, today: today, dryRun: false, viewer: .commandLine, by: .commandLine)
            #expect(run == dry)
            let erased = try await ConsultationResponseModel.find(ellis.id, on: app.db)!
            #expect(erased.respondentName == "Erased")
            #expect(erased.respondentEmail == ErasedPerson.email(for: ellis.id!))
            #expect(erased.isSubmitted)
            let answersAfter = try await ConsultationAnswerModel.query(on: app.db)
                .filter(\.$response.$id == ellis.requireID()).all().map(\.value).sorted()
            #expect(answersAfter == answersBefore)
            #expect(answersAfter.contains("Please keep Saturdays. It is how I get to the market."))
            // A signed-in respondent's response is not a member of the public's: it stays.
            let kept = try await ConsultationResponseModel.find(cathResponse.id, on: app.db)!
            #expect(kept.respondentName == "Cath Compact")
            #expect(try await SessionModel.query(on: app.db).count() == 1)
            let event = try await AuditEventModel.query(on: app.db).sort(\.$sequence, .descending).first()!
            #expect(event.action == "retention-applied")
            #expect(event.changes.contains("\"responsesErased\""))
            #expect(!event.changes.contains("Ellis"))
            #expect(try await AuditLog.verify(on: app.db) == .intact(count: auditCount + 1))
            // Applying again finds nothing more.
            let again = try await store.apply(
                periods, today: today, dryRun: false, viewer: .commandLine, by: .commandLine)
            #expect(again.responsesErased == 0 && again.sessionsDeleted == 0)
            let visitor = Viewer(userID: UUID(), isAdmin: false, memberships: [], compactSeats: [])
            await #expect(throws: StorageError.self) {
                try await store.apply(periods, today: today, dryRun: true, viewer: visitor, by: .commandLine)
            }
        }
    }

    /// Cath: a membership, a Compact group seat, a response for her organisation, plus a session,
    /// an API token (its creation is an audit event she made), a notification and a clarification.
    func giveCathOneOfEverything(_ db: Database, now: Date) async throws -> UserModel {
        let cath = try await user(Self.cath, on: db)
        _ = try await SessionStore(db).start(for: cath, now: now)
        let viewer = try await UserStore(db, passwords: testPasswords).viewer(for: cath)
        _ = try await SessionStore(db).createToken(for: viewer, APITokenInput(name: "Cath's laptop"), by: .user(cath))
        let n = NotificationModel()
        n.$user.id = try cath.requireID()
        n.kind = NotificationKind.allCases[0]
        n.text = "Something new for Cath"
        n.link = "/"
        n.createdAt = now
        try await n.create(on: db)
        let q = TenderClarificationModel()
        q.$tender.id = try await TenderModel.query(on: db).first()!.requireID()
        q.askedBy = cath.email
        q.question = "Can a consortium of small charities bid?"
        q.askedAt = now
        try await q.create(on: db)
        return cath
    }

    @Test(arguments: Backend.all)
    func exportHoldsEveryKindAboutThePersonAndNothingAboutOthers(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            let now = Date()
            _ = try await DemoArea.load(on: app.db, passwords: testPasswords, password: testPassword, now: now)
            _ = try await giveCathOneOfEverything(app.db, now: now)
            let export = try await SubjectAccessStore(app.db).export(
                email: "Compact@Eastmoor-CVS.example", viewer: .commandLine)
            #expect(export.account.email == Self.cath)
            #expect(export.account.displayName == "Cath Compact")
            #expect(export.memberships.contains { $0.organisation == "Eastmoor Council for Voluntary Service" })
            #expect(!export.compactSeats.isEmpty)
            #expect(export.sessions.count == 1)
            #expect(export.apiTokens.map(\.name) == ["Cath's laptop"])
            #expect(export.notifications.contains { $0.text == "Something new for Cath" })
            #expect(export.clarificationQuestions.map(\.question) == ["Can a consortium of small charities bid?"])
            let transport = try #require(export.consultationResponses.first { $0.consultation.contains("dial-a-ride") })
            #expect(transport.organisation == "Eastmoor Council for Voluntary Service")
            #expect(
                transport.answers.map(\.value).contains(
                    "Book by phone as well as online, and keep drivers who know the villages."))
            #expect(export.auditEvents.contains { $0.by == "you" && $0.recordType == "api-token" })
            #expect(export.auditEvents.contains { $0.recordType == "user" && $0.action == "created" })
            let text = String(decoding: try export.json(), as: UTF8.self)
            for other in [
                Self.margaret, "Margaret", "supplier@brackenford-foodbank.example", "admin@eastmoor.example",
                "commissioner@eastmoor-cc.example", "Keep the Saturday service",
            ] {
                #expect(!text.contains(other), "the export mentions \(other)")
            }
            let visitor = Viewer(userID: UUID(), isAdmin: false, memberships: [], compactSeats: [])
            await #expect(throws: StorageError.self) {
                try await SubjectAccessStore(app.db).export(email: Self.cath, viewer: visitor)
            }
        }
    }

    @Test(arguments: Backend.all)
    func erasureKeepsRecordsAndTheAuditChainAndRecordsItself(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            let now = Date()
            _ = try await DemoArea.load(on: app.db, passwords: testPasswords, password: testPassword, now: now)
            let cath = try await giveCathOneOfEverything(app.db, now: now)
            let id = try cath.requireID()
            let events = try await AuditEventModel.query(on: app.db).sort(\.$sequence).all()
            let store = SubjectAccessStore(app.db)
            await #expect(throws: ValidationFailure("reason", "Enter the reason for the erasure")) {
                try await store.erase(email: Self.cath, reason: "  ", viewer: .commandLine, by: .commandLine)
            }
            let e = try await store.erase(
                email: Self.cath, reason: "Subject access request SAR-2026-014", viewer: .commandLine, by: .commandLine)
            #expect(e.placeholderEmail == ErasedPerson.email(for: id))
            #expect(e.sessionsDeleted == 1 && e.tokensDeleted == 1 && e.responsesErased >= 1)
            let after = try await UserModel.find(id, on: app.db)!
            #expect(after.email == e.placeholderEmail && after.displayName == "Erased")
            #expect(after.passwordHash == "" && after.isDisabled)
            #expect(try await SessionModel.query(on: app.db).filter(\.$user.$id == id).count() == 0)
            #expect(try await APITokenModel.query(on: app.db).filter(\.$user.$id == id).count() == 0)
            #expect(try await NotificationModel.query(on: app.db).filter(\.$user.$id == id).count() == 0)
            // Kept: her memberships, seat, responses (anonymised, answers intact) and the trail.
            #expect(try await MembershipModel.query(on: app.db).filter(\.$user.$id == id).count() >= 1)
            #expect(try await CompactGroupSeatModel.query(on: app.db).filter(\.$user.$id == id).count() >= 1)
            let responses = try await ConsultationResponseModel.query(on: app.db).filter(\.$respondent.$id == id).all()
            #expect(!responses.isEmpty && responses.allSatisfy { $0.respondentName == "Erased" })
            #expect(
                try await ConsultationAnswerModel.query(on: app.db).filter(
                    \.$value == "Book by phone as well as online, and keep drivers who know the villages."
                ).count() == 1)
            let eventsAfter = try await AuditEventModel.query(on: app.db).sort(\.$sequence).all()
            #expect(eventsAfter.count == events.count + 1)
            #expect(zip(events, eventsAfter).allSatisfy { $0.hash == $1.hash && $0.changes == $1.changes })
            #expect(try await AuditLog.verify(on: app.db) == .intact(count: events.count + 1))
            let last = eventsAfter.last!
            #expect(last.action == "erased" && last.recordID == id.uuidString && last.actor == "command line")
            #expect(last.changes.contains("SAR-2026-014"))
            #expect(!last.changes.contains(Self.cath) && !last.changes.contains("Cath Compact"))
            // She can no longer sign in, and the old address is free.
            guard
                case .wrongCredentials = try await UserStore(app.db, passwords: testPasswords)
                    .signIn(email: Self.cath, password: testPassword)
            else {
                Issue.record("the erased account still signs in")
                return
            }
            await #expect(throws: StorageError.self) {
                try await store.export(email: Self.cath, viewer: .commandLine)
            }
        }
    }

    @Test(arguments: Backend.all)
    func aFailedErasureChangesNothing(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            let now = Date()
            _ = try await DemoArea.load(on: app.db, passwords: testPasswords, password: testPassword, now: now)
            let cath = try await giveCathOneOfEverything(app.db, now: now)
            // Another account already holds the placeholder, so the last update in the
            // transaction breaks the unique email: everything before it must be undone.
            let squatter = UserModel()
            squatter.email = ErasedPerson.email(for: try cath.requireID())
            squatter.displayName = "Squatter"
            squatter.passwordHash = ""
            squatter.isAdmin = false
            squatter.isDisabled = true
            squatter.failedSignIns = 0
            try await squatter.create(on: app.db)
            let events = try await AuditEventModel.query(on: app.db).count()
            await #expect(throws: (any Error).self) {
                try await SubjectAccessStore(app.db).erase(
                    email: Self.cath, reason: "SAR-2026-015", viewer: .commandLine, by: .commandLine)
            }
            let id = try cath.requireID()
            #expect(try await UserModel.find(id, on: app.db)!.email == Self.cath)
            #expect(try await SessionModel.query(on: app.db).filter(\.$user.$id == id).count() == 1)
            #expect(try await APITokenModel.query(on: app.db).filter(\.$user.$id == id).count() == 1)
            #expect(try await NotificationModel.query(on: app.db).filter(\.$user.$id == id).count() >= 1)
            let responses = try await ConsultationResponseModel.query(on: app.db).filter(\.$respondent.$id == id).all()
            #expect(responses.allSatisfy { $0.respondentName == "Cath Compact" })
            #expect(try await AuditEventModel.query(on: app.db).count() == events)
        }
    }
}
