import Fluent
import Foundation
import SQLKit
import SocialValue
import TestSupport
import Testing
import Vapor

@testable import Storage

/// `RecordValueSetLicences` gives each set stored before licences were recorded the terms its
/// rows imply: an OGL set may be published; a CC BY-NC-ND set and one with a licence it cannot
/// read may not.
@Suite struct ValueSetLicenceMigrationTests {
    @Test(arguments: Backend.all)
    func existingSetsGetTheTermsTheirRowsImply(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let sets = ValueSetStore(app.db)
            let (_, _, _, v1) = try await frameworkFixture(app.db)
            var ids: [String: UUID] = [:]
            for (name, licence) in [
                ("Open", "Open Government Licence v3.0"), ("HACT", "CC BY-NC-ND 4.0"), ("Ours", "Members only"),
            ] {
                ids[name] = try await sets.create(
                    version: v1.id!,
                    ValueSetInput(name: name, csv: valueHeader + "ECO1,23809.50,GBP,2025,NLW,\(licence),\n"),
                    viewer: owner, by: .commandLine
                ).requireID()
            }
            // As before the migration: no licence recorded; then the migration's fill over the rows.
            let sql = try #require(app.db as? SQLDatabase)
            try await sql.update("value_sets").set("licence_name", to: SQLLiteral.null)
                .set("licence_url", to: SQLLiteral.null).set("permits_redistribution", to: SQLLiteral.null)
                .set("permits_commercial_use", to: SQLLiteral.null).run()
            try await RecordValueSetLicences.fill(sql)
            func licence(_ name: String) async throws -> ProxyLicence {
                try await ValueSetModel.find(ids[name]!, on: app.db)!.licence
            }
            #expect(
                try await licence("Open")
                    == ProxyLicence(
                        name: "Open Government Licence v3.0", url: ProxyLicence.openGovernmentLicenceURL,
                        permitsRedistribution: true, permitsCommercialUse: true))
            #expect(
                try await licence("HACT")
                    == ProxyLicence(
                        name: "CC BY-NC-ND 4.0", url: nil, permitsRedistribution: true, permitsCommercialUse: false))
            #expect(
                try await licence("Ours")
                    == ProxyLicence(
                        name: "Members only", url: nil, permitsRedistribution: false, permitsCommercialUse: false))
        }
    }
}
