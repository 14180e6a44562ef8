import Demo
import Fluent
import Foundation
import NIOCore
import Storage
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// A tiny browser for in-process tests: keeps cookies, remembers the last form's CSRF token,
/// posts URL-encoded forms. Tests read like what a person does.
final class Browser: @unchecked Sendable {
    let app: Application
    var cookies: [String: String] = [:]
    var csrf: String?

    init(_ app: Application) { self.app = app }

    @discardableResult
    func get(_ path: String) async throws -> TestingHTTPResponse {
        try await send(.GET, path, body: nil, contentType: nil)
    }

    /// Posts a form; the page's CSRF token is added unless `csrf` is given (use "" for none).
    @discardableResult
    func post(_ path: String, _ form: [String: String], csrf override: String? = nil) async throws
        -> TestingHTTPResponse
    {
        var fields = form
        let token = override ?? csrf ?? ""
        if !token.isEmpty { fields["_csrf"] = token }
        let body = fields.sorted { $0.key < $1.key }
            .map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }.joined(separator: "&")
        return try await send(.POST, path, body: body, contentType: "application/x-www-form-urlencoded")
    }

    static func encode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }

    func send(_ method: HTTPMethod, _ path: String, body: String?, contentType: String?) async throws
        -> TestingHTTPResponse
    {
        var headers = HTTPHeaders()
        if !cookies.isEmpty {
            headers.add(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        if let contentType { headers.add(name: .contentType, value: contentType) }
        let response = try await app.testing().sendRequest(
            method, path, headers: headers, body: body.map { ByteBuffer(string: $0) })
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0])
            let value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty || header.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        if let token = Self.firstMatch(#"name="_csrf" value="([^"]+)""#, in: response.body.string) { csrf = token }
        return response
    }

    static func firstMatch(_ pattern: String, in text: String) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
            let m = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
            let r = Range(m.range(at: 1), in: text)
        else { return nil }
        return String(text[r])
    }

    /// Posts a multipart form with one file (field `fileField`), as a browser does for an upload.
    func upload(
        _ path: String, fields: [String: String], file: (name: String, bytes: String), fileField: String = "file"
    ) async throws -> TestingHTTPResponse {
        let boundary = "----cw-test-boundary"
        var body = ""
        var all = fields
        all["_csrf"] = csrf ?? ""
        for (k, v) in all.sorted(by: { $0.key < $1.key }) {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n"
        }
        body +=
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(fileField)\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n\(file.bytes)\r\n--\(boundary)--\r\n"
        return try await send(.POST, path, body: body, contentType: "multipart/form-data; boundary=\(boundary)")
    }

    /// Signs in through the real form and follows the redirect.
    @discardableResult
    func signIn(_ email: String, password: String = testPassword) async throws -> TestingHTTPResponse {
        try await get("/sign-in")
        return try await post("/sign-in", ["email": email, "password": password])
    }

    /// A JSON API call with an optional bearer token.
    func api(_ method: HTTPMethod, _ path: String, token: String?, json: String? = nil) async throws
        -> TestingHTTPResponse
    {
        var headers = HTTPHeaders()
        if let token { headers.bearerAuthorization = .init(token: token) }
        if json != nil { headers.contentType = .json }
        return try await app.testing().sendRequest(
            method, path, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }
}

/// An in-process app on in-memory SQLite with the demo area loaded (password `testPassword`).
func withDemoApp(_ body: (Application) async throws -> Void) async throws {
    try await withApp(.sqliteMemory) { app in
        try configure(app, settings: WebSettings(passwords: testPasswords))
        _ = try await DemoArea.load(on: app.db, passwords: testPasswords, password: testPassword)
        try await body(app)
    }
}

enum Demo {
    static let admin = "admin@eastmoor.example"
    static let commissioner = "commissioner@eastmoor-cc.example"
    static let evaluator = "evaluator@eastmoor-cc.example"
    static let viewer = "viewer@brackenford-dc.example"
    static let supplier = "supplier@brackenford-foodbank.example"
    static let groupMember = "compact@eastmoor-cvs.example"
}

func id(of organisation: String, _ app: Application) async throws -> UUID {
    try await OrganisationModel.query(on: app.db).filter(\.$name == organisation).first()!.id!
}

func compactID(_ app: Application) async throws -> UUID {
    try await CompactModel.query(on: app.db).first()!.id!
}
