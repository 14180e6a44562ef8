import Demo
import Fluent
import SQLKit
import SocialValue
import TestSupport
import Testing

@testable import Storage

@Suite struct AuditTrailTests {
    @Test func sha256MatchesTheStandardTestVector() {
        #expect(AuditLog.sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test(arguments: Backend.all)
    func theDatabaseRefusesToChangeOrDeleteEvents(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            _ = try await OrganisationStore(app.db).create(foodbank(), viewer: .commandLine, by: .commandLine)
            let sql = app.db as! SQLDatabase
            await #expect(throws: (any Error).self) {
                try await sql.raw("UPDATE audit_events SET actor = 'mallory'").run()
            }
            await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM audit_events").run() }
            #expect(try await AuditEventModel.query(on: app.db).first()?.actor == "command line")
        }
    }

    @Test(arguments: Backend.all)
    func verifyNamesTheFirstTamperedEvent(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            for i in 1...4 {
                _ = try await OrganisationStore(app.db).create(
                    foodbank(name: "Pantry \(i)"), viewer: .commandLine, by: .commandLine)
            }
            #expect(try await AuditLog.verify(on: app.db) == .intact(count: 4))
            // Someone with direct database access removes the guard and edits history.
            let sql = app.db as! SQLDatabase
            if sql.dialect.name == "sqlite" {
                try await sql.raw("DROP TRIGGER audit_events_no_update").run()
            } else {
                try await sql.raw("DROP TRIGGER audit_events_append_only ON audit_events").run()
            }
            try await sql.raw("UPDATE audit_events SET changes = '{}' WHERE sequence = 2").run()
            #expect(
                try await AuditLog.verify(on: app.db)
                    == .broken(
                        sequence: 2,
                        reason: "its content does not match its stored hash (it was changed after it was written)"))
        }
    }

    @Test(arguments: Backend.all)
    func concurrentWritesKeepTheChainLinear(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            let db = app.db
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 1...12 {
                    group.addTask {
                        _ = try await OrganisationStore(db).create(
                            foodbank(name: "Concurrent \(i)"), viewer: .commandLine, by: .commandLine)
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await AuditLog.verify(on: app.db) == .intact(count: 12))
        }
    }
}

@Suite struct DemoAreaTests {
    @Test(arguments: Backend.all)
    func loadsABelievableAreaWithAUserForEveryRole(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            let loaded = try await DemoArea.load(on: app.db, passwords: testPasswords, password: testPassword)
            #expect(loaded.password == testPassword)
            #expect(Set(loaded.accounts.map(\.role)) == Set(Role.allCases))
            let orgs = try await OrganisationModel.query(on: app.db).all()
            let kinds = orgs.map(\.organisationKind)
            #expect(kinds.filter { $0 == .countyCouncil }.count == 1)
            #expect(kinds.filter { $0 == .districtCouncil }.count == 2)
            #expect(kinds.contains(.nhsBody) && kinds.contains(.policeAndCrimeCommissioner))
            #expect(orgs.filter { $0.organisationKind.sector == .supplier }.count >= 8)
            #expect(orgs.contains { $0.isSME })
            // Every account can sign in with the printed password.
            let users = UserStore(app.db, passwords: testPasswords)
            for account in loaded.accounts {
                guard case .success = try await users.signIn(email: account.email, password: testPassword) else {
                    Issue.record("\(account.email) cannot sign in")
                    continue
                }
            }
            #expect(try await AuditLog.verify(on: app.db) != .intact(count: 0))
            await #expect(throws: DemoArea.NotEmpty.self) {
                try await DemoArea.load(on: app.db, passwords: testPasswords)
            }
        }
    }
}
