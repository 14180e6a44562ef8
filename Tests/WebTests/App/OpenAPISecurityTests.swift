import Fluent
import Foundation
import SocialValue
import Storage
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// Issue 19 §9: the OpenAPI document says truly which operations need a token. Driven from the
/// document itself: every GET marked public (`security: []`) answers without a token (not 401),
/// and every GET marked secured answers 401 without one, on the demo data's own records.
@Suite struct OpenAPISecurityTests {
    /// A demo record for each kind of `{id}`, by the path's first segment after /api/v1/.
    static func ids(_ app: Application) async throws -> [String: UUID] {
        let published = try await TenderModel.query(on: app.db).all().first { $0.statusValue == .published }
        var ids: [String: UUID] = [
            "compacts": try await CompactModel.query(on: app.db).first()!.id!,
            "frameworks": try await FrameworkModel.query(on: app.db).first()!.id!,
            "framework-versions": try await FrameworkVersionModel.query(on: app.db).first()!.id!,
            "consultations": try await ConsultationModel.query(on: app.db).first()!.id!,
            "procurements": try await ProcurementModel.query(on: app.db).first()!.id!,
            "tenders": try #require(published?.id),
            "contracts": try await ContractModel.query(on: app.db).first()!.id!,
            "organisations": try await OrganisationModel.query(on: app.db).first()!.id!,
            "users": try await UserModel.query(on: app.db).first()!.id!,
        ]
        if let v = try await ValueSetModel.query(on: app.db).first() { ids["value-sets"] = v.id! }
        if let d = try await DecommissioningCaseModel.query(on: app.db).first() { ids["decommissioning"] = d.id! }
        return ids
    }

    @Test func everyGetOperationIsPublicOrSecuredAsTheDocumentSays() async throws {
        try await withDemoApp { app in
            let b = Browser(app)
            let served = try await b.api(.GET, "/api/v1/openapi.json", token: nil)
            #expect(served.status == .ok)
            let doc = try #require(
                try JSONSerialization.jsonObject(with: Data(served.body.string.utf8)) as? [String: Any])
            let global = doc["security"] as? [[String: Any]] ?? []
            let paths = try #require(doc["paths"] as? [String: [String: Any]])
            let ids = try await Self.ids(app)
            var publicCount = 0
            var securedCount = 0
            for (path, operations) in paths.sorted(by: { $0.key < $1.key }) {
                guard let get = operations["get"] as? [String: Any] else { continue }
                let security = get["security"] as? [[String: Any]] ?? global
                let isPublic = security.isEmpty || security.contains { $0.isEmpty }
                let kind = path.dropFirst("/api/v1/".count).split(separator: "/").first.map(String.init) ?? ""
                let concrete = path.split(separator: "/", omittingEmptySubsequences: false).map { part -> String in
                    guard part.hasPrefix("{") else { return String(part) }
                    return part == "{id}"
                        ? (ids[kind] ?? UUID()).uuidString : part == "{period}" ? "1" : UUID().uuidString
                }.joined(separator: "/")
                let status = try await b.api(.GET, concrete, token: nil).status
                if isPublic {
                    publicCount += 1
                    #expect(status != .unauthorized, "\(path) is marked public but needs a token")
                } else {
                    securedCount += 1
                    #expect(status == .unauthorized, "\(path) is marked secured but answered \(status.code)")
                }
            }
            // The document lists both kinds (a check that the loop ran over the real document).
            #expect(publicCount >= 15)
            #expect(securedCount >= 15)
        }
    }
}
