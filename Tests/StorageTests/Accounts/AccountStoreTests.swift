import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing

@testable import Storage

/// The viewer for a person's own data (their notifications and tokens): only their ID matters.
func ownViewer(_ u: UserModel) -> Viewer {
    Viewer(userID: u.id!, isAdmin: false, memberships: [], compactSeats: [])
}

@Suite struct AccountStoreTests {
    func newUser(_ email: String = "priya@eastmoor.example") -> UserStore.NewUser {
        .init(email: email, displayName: "Priya Commissioner", password: testPassword)
    }

    @Test(arguments: Backend.all)
    func passwordsAreHashedAndEmailsUniqueRegardlessOfCase(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            let users = UserStore(app.db, passwords: testPasswords)
            let u = try await users.create(newUser(), viewer: .commandLine, by: .commandLine)
            #expect(u.passwordHash.hasPrefix("$2b$04$"))
            #expect(!u.passwordHash.contains(testPassword))
            await #expect(
                throws: ValidationFailure(
                    "email", "An account with the email address priya@eastmoor.example already exists")
            ) {
                try await users.create(newUser("PRIYA@Eastmoor.example"), viewer: .commandLine, by: .commandLine)
            }
            await #expect(throws: ValidationFailure.self) {
                try await users.create(
                    .init(email: "x@eastmoor.example", displayName: "X", password: "short"), viewer: .commandLine,
                    by: .commandLine)
            }
            #expect(try await UserModel.query(on: app.db).count() == 1)
        }
    }

    @Test(arguments: Backend.all)
    func signInLocksAfterFiveWrongPasswordsThenRecovers(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            let users = UserStore(app.db, passwords: testPasswords)
            _ = try await users.create(newUser(), viewer: .commandLine, by: .commandLine)
            let now = Date()
            guard
                case .success = try await users.signIn(
                    email: "Priya@eastmoor.example", password: testPassword, now: now)
            else {
                Issue.record("correct password refused")
                return
            }
            for _ in 1...4 {
                guard
                    case .wrongCredentials = try await users.signIn(
                        email: "priya@eastmoor.example", password: "wrong password!", now: now)
                else {
                    Issue.record("expected wrong credentials")
                    return
                }
            }
            guard
                case .locked = try await users.signIn(
                    email: "priya@eastmoor.example", password: "wrong password!", now: now)
            else {
                Issue.record("fifth failure did not lock")
                return
            }
            guard
                case .locked = try await users.signIn(
                    email: "priya@eastmoor.example", password: testPassword, now: now.addingTimeInterval(60))
            else {
                Issue.record("the right password opened a locked account")
                return
            }
            guard
                case .success = try await users.signIn(
                    email: "priya@eastmoor.example", password: testPassword, now: now.addingTimeInterval(16 * 60))
            else {
                Issue.record("lock did not expire")
                return
            }
            guard
                case .wrongCredentials = try await users.signIn(
                    email: "nobody@eastmoor.example", password: testPassword, now: now)
            else {
                Issue.record("unknown email")
                return
            }
        }
    }

    @Test(arguments: Backend.all)
    func disablingEndsSessionsAndTokens(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            let users = UserStore(app.db, passwords: testPasswords)
            let sessions = SessionStore(app.db)
            let u = try await users.create(newUser(), viewer: .commandLine, by: .commandLine)
            let (secret, _) = try await sessions.start(for: u)
            let (token, model) = try await sessions.createToken(
                for: try await users.viewer(for: u), APITokenInput(name: "report script"), by: .user(u))
            #expect(model.tokenHash != token)
            #expect(token.hasPrefix("cw_"))
            #expect(try await sessions.find(secret: secret)?.1.id == u.id)
            #expect(try await sessions.user(forToken: token)?.id == u.id)
            _ = try await users.setDisabled(u.id!, true, viewer: .commandLine, by: .commandLine)
            let result = try await users.signIn(email: u.email, password: testPassword)
            guard case .disabled = result else {
                Issue.record("disabled user signed in")
                return
            }
            #expect(try await sessions.find(secret: secret) == nil)
            #expect(try await sessions.user(forToken: token) == nil)
        }
    }

    @Test(arguments: Backend.all)
    func sessionsExpireAndTokensRevoke(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            let users = UserStore(app.db, passwords: testPasswords)
            let sessions = SessionStore(app.db)
            let u = try await users.create(newUser(), viewer: .commandLine, by: .commandLine)
            let now = Date()
            let (secret, _) = try await sessions.start(for: u, now: now)
            #expect(
                try await sessions.find(secret: secret, now: now.addingTimeInterval(SessionStore.lifetime - 1)) != nil)
            #expect(
                try await sessions.find(secret: secret, now: now.addingTimeInterval(SessionStore.lifetime + 1)) == nil)
            let (second, _) = try await sessions.start(for: u, now: now)
            #expect(second != secret)
            try await sessions.end(secret: second)
            #expect(try await sessions.find(secret: second, now: now) == nil)
            let (token, model) = try await sessions.createToken(
                for: try await users.viewer(for: u), APITokenInput(name: "script"), by: .user(u))
            try await sessions.revokeToken(model.id!, for: try await users.viewer(for: u), by: .user(u))
            #expect(try await sessions.user(forToken: token) == nil)
            let other = try await users.create(
                newUser("other@eastmoor.example"), viewer: .commandLine, by: .commandLine)
            await #expect(throws: StorageError.notFound("The API token")) {
                try await sessions.revokeToken(model.id!, for: try await users.viewer(for: other), by: .user(other))
            }
        }
    }

    @Test(arguments: Backend.all)
    func membershipsFollowTheSideOfTheOrganisation(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            let users = UserStore(app.db, passwords: testPasswords)
            let u = try await users.create(newUser(), viewer: .commandLine, by: .commandLine)
            let charity = try await OrganisationStore(app.db).create(foodbank(), viewer: .commandLine, by: .commandLine)
            await #expect(throws: ValidationFailure("role", "A commissioner must belong to a public body")) {
                try await users.addMembership(
                    user: u.id!, MembershipInput(organisationId: charity.id, role: "commissioner"),
                    viewer: .commandLine, by: .commandLine)
            }
            try await users.addMembership(
                user: u.id!, MembershipInput(organisationId: charity.id, role: "supplier-member"), viewer: .commandLine,
                by: .commandLine)
            await #expect(throws: ValidationFailure.self) {
                try await users.addMembership(
                    user: u.id!, MembershipInput(organisationId: charity.id, role: "supplier-member"),
                    viewer: .commandLine, by: .commandLine)
            }
            let viewer = try await users.viewer(for: u)
            #expect(viewer.roles == [.supplierMember])
            #expect(viewer.canEditOrganisation(charity.id!))
        }
    }
}
