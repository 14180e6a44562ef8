import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing
import Vapor

@testable import Storage

/// The access table's organisation and account rows (`AccountsOperation`): every operation for
/// every asker (`AccessRole`), called on the real store, must be allowed or refused as the core's
/// policy says (see `checkAccessTable`). The subject's buyer is a county council, its supplier a
/// foodbank; the account operations concern a person who is none of the askers.
@Suite struct AccountsAccessTableTests {
    /// Two organisations and an enabled account. Allowed calls are made so that they fail after
    /// the access check (an invalid input, an unknown membership) or change nothing (enabling an
    /// enabled account), so the fixture does not change between calls.
    struct Fixture {
        let organisations: OrganisationStore
        let users: UserStore
        let user: UserModel
        let subject: AccessSubject

        init(_ app: Application) async throws {
            organisations = OrganisationStore(app.db)
            users = UserStore(app.db, passwords: testPasswords)
            var countyInput = foodbank(name: "Eastmoor County Council")
            countyInput.kind = "county-council"
            countyInput.charityNumber = nil
            let county = try await organisations.create(countyInput, viewer: .commandLine, by: .commandLine)
            let charity = try await organisations.create(foodbank(), viewer: .commandLine, by: .commandLine)
            user = try await users.create(
                NewUserInput(email: "cath@eastmoor.example", displayName: "Cath", password: testPassword),
                viewer: .commandLine, by: .commandLine)
            subject = AccessSubject(buyer: try county.requireID(), supplier: try charity.requireID(), compact: UUID())
        }

        /// Calls the real store operation as `v`.
        func perform(_ op: AccountsOperation, as v: Viewer?) async throws {
            func signedIn() throws -> Viewer { try StorageTests.signedIn(v) }
            let by = Actor.commandLine
            let id = try user.requireID()
            switch op {
            case .createOrganisation:
                _ = try await organisations.create(OrganisationInput(), viewer: try signedIn(), by: by)
            case .updatePublicBody:
                _ = try await organisations.update(subject.buyer, OrganisationInput(), viewer: try signedIn(), by: by)
            case .updateSupplier:
                _ = try await organisations.update(
                    subject.supplier, OrganisationInput(), viewer: try signedIn(), by: by)
            case .createUser:
                _ = try await users.create(NewUserInput(), viewer: try signedIn(), by: by)
            case .listUsers:
                _ = try await users.list(viewer: try signedIn())
            case .readUser:
                _ = try await users.find(id, viewer: try signedIn())
            case .findUserByEmail:
                _ = try await users.find(email: user.email, viewer: try signedIn())
            case .setUserDisabled:
                _ = try await users.setDisabled(id, false, viewer: try signedIn(), by: by)
            case .resetPassword:
                try await users.setPassword(id, PasswordResetInput(password: "short"), viewer: try signedIn(), by: by)
            case .addMembership:
                try await users.addMembership(user: id, MembershipInput(), viewer: try signedIn(), by: by)
            case .removeMembership:
                try await users.removeMembership(UUID(), of: id, viewer: try signedIn(), by: by)
            }
        }
    }

    @Test func everyOrganisationAndAccountOperationForEveryRoleIsDecidedByTheCore() async throws {
        try await withApp(.sqliteMemory) { app in
            let f = try await Fixture(app)
            await checkAccessTable(AccountsOperation.self, subject: f.subject) { try await f.perform($0, as: $1) }
            #expect(try await f.users.count() == 1)
            #expect(try await f.organisations.count() == 2)
            #expect(try await f.users.find(try f.user.requireID(), viewer: .commandLine).isDisabled == false)
        }
    }

    @Test func aPersonSeesTheirOwnAccountAndTheAdministratorEveryone() async throws {
        try await withApp(.sqliteMemory) { app in
            let f = try await Fixture(app)
            let cath = try await f.users.viewer(for: f.user)
            #expect(try await f.users.find(try f.user.requireID(), viewer: cath).email == "cath@eastmoor.example")
            let other = try await f.users.create(
                NewUserInput(email: "dan@eastmoor.example", displayName: "Dan", password: testPassword),
                viewer: .commandLine, by: .commandLine)
            await expectForbidden { try await f.users.find(try other.requireID(), viewer: cath) }
            await expectForbidden { try await f.users.list(viewer: cath) }
            // The administrator does not disable their own account.
            let admin = try await f.users.create(
                NewUserInput(
                    email: "alex@eastmoor.example", displayName: "Alex", password: testPassword, isAdmin: true),
                viewer: .commandLine, by: .commandLine)
            let alex = try await f.users.viewer(for: admin)
            await #expect(throws: ValidationFailure("id", "You cannot disable your own account")) {
                try await f.users.setDisabled(try admin.requireID(), true, viewer: alex, by: .user(admin))
            }
            #expect(
                try await f.users.setDisabled(try other.requireID(), true, viewer: alex, by: .user(admin)).isDisabled)
        }
    }
}
