import Foundation
import SocialValue
import Vapor

/// Every form and JSON body is read through this decoder, which refuses a body holding a control
/// character (`TextRules.isControl`: not tab, line feed or carriage return) in any text value,
/// naming each field, before the body is decoded into an input. So no form, API call or input
/// type can forget the rule; the core's `Problems.text` applies it again to CSV imports and the
/// CLI (issue 19 item 5, docs/security.md).
struct TextCheckingDecoder: ContentDecoder {
    enum Kind { case json, form }
    let inner: any ContentDecoder
    let kind: Kind

    static let message = "Remove the control characters (invisible characters such as a vertical tab) from this answer"

    func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        try check(body)
        return try inner.decode(D.self, from: body, headers: headers)
    }

    func decode<D: Decodable>(
        _ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders, userInfo: [CodingUserInfoKey: any Sendable]
    ) throws -> D {
        try check(body)
        return try inner.decode(D.self, from: body, headers: headers, userInfo: userInfo)
    }

    func check(_ body: ByteBuffer) throws {
        let fields =
            kind == .json
            ? Self.jsonFields(body) : FormFields.parse(String(decoding: body.readableBytesView, as: UTF8.self))
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

    /// Installs the checking decoders for JSON and URL-encoded forms.
    static func install() {
        var config = ContentConfiguration.global
        config.use(decoder: TextCheckingDecoder(inner: JSONDecoder.custom(dates: .iso8601), kind: .json), for: .json)
        config.use(decoder: TextCheckingDecoder(inner: URLEncodedFormDecoder(), kind: .form), for: .urlEncodedForm)
        ContentConfiguration.global = config
    }
}
