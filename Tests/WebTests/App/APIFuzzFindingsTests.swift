import Foundation
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// What schemathesis found (issue 19, "Fuzzing"; docs/security.md "API fuzzing"): an API path
/// asked with a method it does not have, query parameters the document refuses, and the
/// statuses the server can answer that the document did not list.
@Suite struct APIFuzzFindingsTests {
    func problemFields(_ r: TestingHTTPResponse) -> [String] {
        let json = try? JSONSerialization.jsonObject(with: Data(r.body.string.utf8)) as? [String: Any]
        return (json?["problems"] as? [[String: String]])?.compactMap { $0["field"] } ?? []
    }

    @Test func aKnownAPIPathWithAnotherMethodIs405WithAllow() async throws {
        try await withDemoApp { app in
            let b = Browser(app)
            let patch = try await b.api(.PATCH, "/api/v1/procurements", token: nil)
            #expect(patch.status == .methodNotAllowed)
            #expect(patch.headers.first(name: .allow) == "GET, HEAD, POST")
            #expect(patch.headers.contentType == .json)
            #expect(patch.body.string.contains(#""error":"Method Not Allowed""#))
            let delete = try await b.api(.DELETE, "/api/v1/procurements/\(UUID().uuidString)/events", token: nil)
            #expect(delete.status == .methodNotAllowed)
            #expect(delete.headers.first(name: .allow) == "GET, HEAD, POST")
            #expect(try await b.api(.OPTIONS, "/api/v1/me", token: nil).headers.first(name: .allow) == "GET, HEAD")
            // A constant path beside a parameter route answers with its own methods only.
            let put = try await b.api(.PUT, "/api/v1/consultations/compliance", token: nil)
            #expect(put.status == .methodNotAllowed)
            #expect(put.headers.first(name: .allow) == "GET, HEAD")
            let get = try await b.api(.GET, "/api/v1/decommissioning/notice-check", token: nil)
            #expect(get.headers.first(name: .allow) == "POST")
            // A path the API does not have is still 404, whatever the method.
            #expect(try await b.api(.PATCH, "/api/v1/no-such-thing", token: nil).status == .notFound)
            #expect(try await b.api(.GET, "/api/v1/no-such-thing", token: nil).status == .notFound)
        }
    }

    @Test func pageArgumentsThatAreNotWholeNumbersAreProblemsOnTheirName() async throws {
        try await withDemoApp { app in
            let b = Browser(app)
            for (query, field) in [
                ("pageSize=null", "pageSize"), ("pageSize=", "pageSize"), ("page=1.5", "page"), ("page=", "page"),
                ("page=0", "page"), ("pageSize=101", "pageSize"),
            ] {
                let r = try await b.api(.GET, "/api/v1/consultations?\(query)", token: nil)
                #expect(r.status == .unprocessableEntity, "\(query)")
                #expect(problemFields(r) == [field], "\(query)")
            }
            #expect(try await b.api(.GET, "/api/v1/consultations?page=1&pageSize=100", token: nil).status == .ok)
            #expect(
                try await b.api(.GET, "/api/v1/consultations?pageSize=1&pageSize=2", token: nil).status
                    == .unprocessableEntity)
        }
    }

    @Test func emptyIdAndDateFiltersAreRefused() async throws {
        try await withDemoApp { app in
            let b = Browser(app)
            for path in [
                "/api/v1/consultations?ownerId=", "/api/v1/consultations/compliance?compactId=",
                "/api/v1/procurements?ownerId=", "/api/v1/procurements?to=", "/api/v1/procurements?mine=yes",
                "/api/v1/procurements?value=", "/api/v1/procurements?ownerId=\(UUID().uuidString)&ownerId=",
                "/api/v1/consultations?status=", "/api/v1/consultations?audience=",
                "/api/v1/consultations?subject=", "/api/v1/consultations?period=",
            ] {
                let r = try await b.api(.GET, path, token: nil)
                #expect(r.status == .unprocessableEntity, "\(path)")
                #expect(problemFields(r).count == 1, "\(path)")
            }
            // The pipeline page's form sends its empty filters, and they mean "any".
            #expect(try await app.testing().sendRequest(.GET, "/pipeline?ownerId=&to=").status == .ok)
        }
    }

    /// Any query parameter holding a control character is a 422 (the query text check runs before
    /// every route), so every operation documents 422 and free-text query parameters say so.
    @Test func everyOperationDocumentsTheQueryTextRefusal() async throws {
        let doc = try #require(
            try JSONSerialization.jsonObject(with: Data(APIv1.document.utf8)) as? [String: Any])
        let paths = try #require(doc["paths"] as? [String: [String: Any]])
        for (path, operations) in paths {
            for (method, operation) in operations {
                guard let op = operation as? [String: Any], let responses = op["responses"] as? [String: Any]
                else { continue }
                #expect(responses["422"] != nil, "\(method) \(path)")
            }
        }
        try await withDemoApp { app in
            let r = try await Browser(app).api(.GET, "/api/v1/tenders/\(UUID().uuidString)?x=%0B", token: nil)
            #expect(r.status == .unprocessableEntity)
        }
    }

    /// Every operation that reads a body documents what the server answers to a body it cannot
    /// take: 400 (not JSON, or a wrong type), 413 (too large), 415 (no or another content type) and 422 (a control character, or
    /// a broken rule); every `page` parameter starts at 1 as the server counts.
    @Test func theDocumentListsTheStatusesTheServerCanAnswer() throws {
        let doc = try #require(
            try JSONSerialization.jsonObject(with: Data(APIv1.document.utf8)) as? [String: Any])
        let paths = try #require(doc["paths"] as? [String: [String: Any]])
        var bodies = 0
        for (path, operations) in paths {
            for (method, value) in operations {
                guard let operation = value as? [String: Any] else { continue }
                let responses = operation["responses"] as? [String: Any] ?? [:]
                if operation["requestBody"] != nil {
                    bodies += 1
                    for status in ["400", "413", "415", "422"] {
                        #expect(responses[status] != nil, "\(method.uppercased()) \(path) does not document \(status)")
                    }
                }
                for parameter in operation["parameters"] as? [[String: Any]] ?? []
                where parameter["name"] as? String == "page" {
                    let minimum = (parameter["schema"] as? [String: Any])?["minimum"] as? Int
                    #expect(minimum == 1, "\(method.uppercased()) \(path): page starts at 1")
                }
            }
        }
        #expect(bodies > 50)
    }
}
