import Fluent
import Foundation
import Storage
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// The administrator downloads a person's data from their user page (docs/data-protection.md).
@Suite struct SubjectAccessPageTests {
    @Test func onlyTheAdministratorDownloadsAPersonsData() async throws {
        try await withDemoApp { app in
            let cath = try await UserModel.query(on: app.db).filter(\.$email == Demo.groupMember).first()!
            let path = "/admin/users/\(cath.id!.uuidString)/subject-access"
            let admin = Browser(app)
            try await admin.signIn(Demo.admin)
            let page = try await admin.get("/admin/users/\(cath.id!.uuidString)")
            #expect(page.body.string.contains("href=\"\(path)\""))
            let file = try await admin.get(path)
            #expect(file.status == .ok)
            #expect(file.headers.contentType?.subType == "json")
            #expect(file.headers.first(name: .contentDisposition)?.hasPrefix("attachment;") == true)
            let body = file.body.string
            #expect(body.contains("\"email\" : \"\(Demo.groupMember)\""))
            #expect(body.contains("\"displayName\" : \"Cath Compact\""))
            #expect(!body.contains("m.ellis@example.org"))
            let viewer = Browser(app)
            try await viewer.signIn(Demo.viewer)
            #expect(try await viewer.get(path).status == .forbidden)
            #expect(try await Browser(app).get(path).status != .ok)
        }
    }
}
