import Fluent
import SQLKit
import TestSupport
import Testing

@testable import Storage

@Suite struct BackendTests {
    @Test(
        .enabled(
            if: PostgresTestServer.url != nil || PostgresTestServer.isCI,
            Comment(rawValue: PostgresTestServer.skipReason)))
    func postgresIsConfigured() throws {
        if PostgresTestServer.url == nil { throw PostgresTestServer.Missing() }
    }

    @Test(arguments: Backend.all)
    func migrationsApplyRevertAndReapply(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            #expect(try await OrganisationModel.query(on: app.db).count() == 0)
            try await app.autoRevert()
            await #expect(throws: (any Error).self) { try await OrganisationModel.query(on: app.db).count() }
            try await app.autoMigrate()
            #expect(try await AuditEventModel.query(on: app.db).count() == 0)
        }
    }

    @Test(arguments: Backend.all)
    func aFailureHalfWayLeavesNothingBehind(backend: Backend) async throws {
        struct Boom: Error {}
        try await withApp(backend) { app async throws in
            await #expect(throws: Boom.self) {
                try await app.db.write { tx in
                    let org = OrganisationModel()
                    org.apply(
                        try .validate(
                            .init(
                                name: "Half Done Ltd", kind: "sme", addressLine1: "1 Road", town: "Eastmoor",
                                postcode: "EM1 1AA", area: "Eastmoor")))
                    try await org.create(on: tx)
                    try await AuditLog.record(
                        "created", "organisation", id: org.id!.uuidString, changes: [:], by: .commandLine, on: tx)
                    throw Boom()
                }
            }
            #expect(try await OrganisationModel.query(on: app.db).count() == 0)
            #expect(try await AuditEventModel.query(on: app.db).count() == 0)
        }
    }

    @Test(arguments: Backend.all)
    func theDatabaseRefusesDuplicateEmailsEvenPastTheStore(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            for _ in 0..<2 {
                let u = UserModel()
                u.email = "same@eastmoor.example"
                u.displayName = "Same"
                u.passwordHash = "x"
                u.isAdmin = false
                u.isDisabled = false
                u.failedSignIns = 0
                if try await UserModel.query(on: app.db).count() == 0 {
                    try await u.create(on: app.db)
                } else {
                    await #expect(throws: (any Error).self) { try await u.create(on: app.db) }
                }
            }
        }
    }
}
