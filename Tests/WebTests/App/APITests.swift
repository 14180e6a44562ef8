import Fluent
import Foundation
import Storage
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

@Suite struct APITests {
    /// Creates a token the way a person does: on the account page, shown once.
    func token(for email: String, _ app: Application) async throws -> String {
        let browser = Browser(app)
        try await browser.signIn(email)
        try await browser.get("/account")
        let page = try await browser.post("/account/tokens", ["name": "test script"])
        return try #require(
            Browser.firstMatch(#"<pre class="cw-code" id="new-token">([^<]+)</pre>"#, in: page.body.string))
    }

    func json(_ r: TestingHTTPResponse) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(r.body.string.utf8)) as? [String: Any])
    }

    @Test func tokensAuthenticateAndBadOnesAre401() async throws {
        try await withDemoApp { app in
            let b = Browser(app)
            let none = try await b.api(.GET, "/api/v1/me", token: nil)
            #expect(none.status == .unauthorized)
            #expect(none.headers.first(name: .wwwAuthenticate) == "Bearer")
            #expect(try json(none)["error"] as? String == "Unauthorized")
            #expect(try await b.api(.GET, "/api/v1/me", token: "cw_not-a-real-token").status == .unauthorized)
            let token = try await token(for: Demo.supplier, app)
            let me = try await b.api(.GET, "/api/v1/me", token: token)
            #expect(me.status == .ok)
            #expect(try json(me)["roles"] as? [String] == ["supplier-member"])
            // A session cookie does not authenticate the API.
            let browser = Browser(app)
            try await browser.signIn(Demo.admin)
            var headers = HTTPHeaders()
            headers.add(name: .cookie, value: "cw_session=\(browser.cookies["cw_session"]!)")
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/me", headers: headers).status == .unauthorized)
        }
    }

    @Test func organisationsValidateByFieldAndRespectRoles() async throws {
        try await withDemoApp { app in
            let b = Browser(app)
            let admin = try await token(for: Demo.admin, app)
            let supplier = try await token(for: Demo.supplier, app)
            let body =
                #"{"name":"Saltmarsh Lifeboat Friends","kind":"charity","addressLine1":"Boathouse","town":"Saltmarsh","postcode":"EM9 1LB","area":"Eastmoor"}"#
            #expect(try await b.api(.POST, "/api/v1/organisations", token: supplier, json: body).status == .forbidden)
            let created = try await b.api(.POST, "/api/v1/organisations", token: admin, json: body)
            #expect(created.status == .created)
            #expect(created.headers.first(name: .location)?.hasPrefix("/api/v1/organisations/") == true)
            #expect(try json(created)["isVCSE"] as? Bool == true)
            let invalid = try await b.api(
                .POST, "/api/v1/organisations", token: admin, json: #"{"name":"X","kind":"charity","postcode":"??"}"#)
            #expect(invalid.status == .unprocessableEntity)
            let fields = (try json(invalid)["problems"] as? [[String: String]])?.compactMap { $0["field"] } ?? []
            #expect(Set(fields) == ["addressLine1", "town", "postcode", "area"])
            #expect(
                try await b.api(.POST, "/api/v1/organisations", token: admin, json: "{not json").status == .badRequest)
            #expect(
                try await b.api(.POST, "/api/v1/organisations", token: admin, json: #"{"name": 12}"#).status
                    == .badRequest)
            let list = try await b.api(.GET, "/api/v1/organisations?sector=public-body&pageSize=2", token: supplier)
            #expect(try json(list)["total"] as? Int == 5)
            #expect((try json(list)["items"] as? [Any])?.count == 2)
            #expect(
                try await b.api(.GET, "/api/v1/organisations?pageSize=500", token: supplier).status
                    == .unprocessableEntity)
            #expect(try await b.api(.GET, "/api/v1/organisations/\(UUID())", token: supplier).status == .notFound)
        }
    }

    @Test func compactsArePublicAndSettingsAreCheckedByField() async throws {
        try await withDemoApp { app in
            let b = Browser(app)
            let list = try await b.api(.GET, "/api/v1/compacts", token: nil)
            #expect(list.status == .ok)
            let id = try await compactID(app)
            let compact = try json(try await b.api(.GET, "/api/v1/compacts/\(id)", token: nil))
            #expect(compact["reviewDue"] as? Bool == true)
            #expect((compact["signatories"] as? [Any])?.count == 9)
            let member = try await token(for: Demo.groupMember, app)
            let commissioner = try await token(for: Demo.commissioner, app)
            let settings =
                #"{"minimumConsultationDays":84,"minimumNoticeMonths":3,"considerSocialValueInAllProcurements":true,"bands":[{"from":"0","minWeightingPercent":10,"maxWeightingPercent":20,"monitoring":"fortnightly"}]}"#
            #expect(
                try await b.api(.PUT, "/api/v1/compacts/\(id)/settings", token: commissioner, json: settings).status
                    == .forbidden)
            let bad = try await b.api(.PUT, "/api/v1/compacts/\(id)/settings", token: member, json: settings)
            #expect(bad.status == .unprocessableEntity)
            #expect((try json(bad)["problems"] as? [[String: String]])?.first?["field"] == "bands[0].monitoring")
            let good = try await b.api(
                .PUT, "/api/v1/compacts/\(id)/settings", token: member,
                json: settings.replacingOccurrences(of: "fortnightly", with: "monthly"))
            #expect(good.status == .ok)
            let publicSettings = try json(try await b.api(.GET, "/api/v1/compacts/\(id)/settings", token: nil))
            #expect((publicSettings["bands"] as? [[String: Any]])?.first?["monitoring"] as? String == "monthly")
            // What is read can be sent back as it is.
            let read = try await b.api(.GET, "/api/v1/compacts/\(id)/settings", token: nil)
            let again = try await b.api(
                .PUT, "/api/v1/compacts/\(id)/settings", token: member, json: read.body.string)
            #expect(again.status == .ok)
            func sorted(_ r: TestingHTTPResponse) throws -> String {
                String(
                    decoding: try JSONSerialization.data(withJSONObject: try json(r), options: .sortedKeys),
                    as: UTF8.self)
            }
            #expect(try sorted(again) == sorted(read))
        }
    }

    @Test func theOpenAPIDocumentDescribesExactlyTheRoutesServed() async throws {
        try await withDemoApp { app in
            let doc = try json(try await Browser(app).api(.GET, "/api/v1/openapi.json", token: nil))
            #expect(doc["openapi"] as? String == "3.1.0")
            let paths = try #require(doc["paths"] as? [String: [String: Any]])
            func normalise(_ path: String) -> String {
                path.split(separator: "/").map { $0.hasPrefix("{") || $0.hasPrefix(":") ? "*" : String($0) }.joined(
                    separator: "/")
            }
            var documented = Set<String>()
            for (path, item) in paths {
                for method in item.keys where ["get", "post", "put", "patch", "delete"].contains(method) {
                    documented.insert("\(method.uppercased()) \(normalise(path))")
                }
            }
            let served = Set(
                app.routes.all.compactMap { route -> String? in
                    let path = "/" + route.path.map(\.description).joined(separator: "/")
                    guard path.hasPrefix("/api/v1/") else { return nil }
                    return "\(route.method.rawValue) \(normalise(path))"
                })
            #expect(
                served.subtracting(documented).isEmpty,
                "served but not documented: \(served.subtracting(documented).sorted())")
            #expect(
                documented.subtracting(served).isEmpty,
                "documented but not served: \(documented.subtracting(served).sorted())")
            #expect(served.count >= 28)
        }
    }
}
