import Foundation
import SocialValue
import Vapor

/// Every form and JSON body is read through this decoder, which refuses a body holding a control
/// character (`TextRules.isControl`: not tab, line feed or carriage return) in any text value,
/// naming each field, before the body is decoded into an input. So no form, API call or input
/// type can forget the rule; the core's `Problems.text` applies it again to CSV imports and the
/// CLI (issue 19 item 5, docs/security.md).
struct TextCheckingDecoder: ContentDecoder {
    enum Kind { case json, form, multipart }
    let inner: any ContentDecoder
    let kind: Kind

    static let message = "Remove the control characters (invisible characters such as a vertical tab) from this answer"

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        try check(body, headers: headers)
        return try inner.decode(D.self, from: body, headers: headers)
    }

    func decode<D: Decodable>(
        _ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders, userInfo: [CodingUserInfoKey: any Sendable]
    ) throws -> D {
        try check(body, headers: headers)
        return try inner.decode(D.self, from: body, headers: headers, userInfo: userInfo)
    }

    func check(_ body: ByteBuffer, headers: HTTPHeaders) throws {
        let fields: [(name: String, value: String)]
        switch kind {
        case .json: fields = Self.jsonFields(body)
        case .form: fields = FormFields.parse(String(decoding: body.readableBytesView, as: UTF8.self))
        // An upload form's text fields; its files are checked by their importers, not here.
        case .multipart:
            fields = MultipartFields.parse(body, headers: headers).filter { $0.filename == nil }.map {
                (name: $0.name, value: $0.text)
            }
        }
        try Self.refuse(fields)
    }

    /// Refuses the fields holding a control character, each named.
    static func refuse(_ fields: [(name: String, value: String)]) throws {
        let refused = fields.filter { $0.value.unicodeScalars.contains(where: TextRules.isControl) }
        if !refused.isEmpty { throw ValidationFailure(refused.map { FieldError($0.name, Self.message) }) }
    }

    /// Every text value in a JSON body with its path (`title`, `criteria[2].name`). A body that
    /// is not JSON gives none: the real decoder reports it.
    static func jsonFields(_ body: ByteBuffer) -> [(name: String, value: String)] {
        guard
            let root = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView), options: .fragmentsAllowed)
        else { return [] }
        var out: [(name: String, value: String)] = []
        func walk(_ value: Any, _ path: String) {
            switch value {
            case let s as String: out.append((path.isEmpty ? "$" : path, s))
            case let d as [String: Any]:
                for key in d.keys.sorted() { walk(d[key]!, path.isEmpty ? key : "\(path).\(key)") }
            case let a as [Any]:
                for (i, item) in a.enumerated() { walk(item, "\(path)[\(i)]") }
            default: break
            }
        }
        walk(root, "")
        return out
    }

    /// Installs the checking decoders for JSON, URL-encoded forms and multipart (upload) forms.
    static func install() {
        var config = ContentConfiguration.global
        config.use(decoder: TextCheckingDecoder(inner: JSONDecoder.custom(dates: .iso8601), kind: .json), for: .json)
        config.use(decoder: TextCheckingDecoder(inner: URLEncodedFormDecoder(), kind: .form), for: .urlEncodedForm)
        config.use(decoder: TextCheckingDecoder(inner: FormDataDecoder(), kind: .multipart), for: .formData)
        ContentConfiguration.global = config
    }

    /// The body decoded into `Input` without the check, for re-showing a form refused for a
    /// control character with its own error summary (its CSRF token already checked). Nil for
    /// a body that is not a form.
    static func unchecked<Input: Decodable>(_ type: Input.Type, _ req: Request) -> Input? {
        guard let body = req.body.data, let contentType = req.headers.contentType else { return nil }
        if contentType == .urlEncodedForm {
            return try? URLEncodedFormDecoder().decode(Input.self, from: body, headers: req.headers)
        }
        if contentType.type == "multipart" {
            return try? FormDataDecoder().decode(Input.self, from: body, headers: req.headers)
        }
        return nil
    }
}

/// Refuses a request whose query string holds a control character in any parameter (after
/// percent-decoding), naming each parameter: 422 with the list of problems, before any handler
/// reads it (issue 19 item 5).
struct QueryTextCheckMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: AsyncResponder) async throws -> Response {
        if let query = req.url.query, !query.isEmpty {
            try TextCheckingDecoder.refuse(FormFields.parse(query))
        }
        return try await next.respond(to: req)
    }
}
