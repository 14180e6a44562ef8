import Foundation
import Vapor

extension Response {
    /// A file to save, never to show inline: the browser downloads it under its own name. The
    /// plain `filename` keeps ASCII other than quotes and backslashes; `filename*` carries the
    /// name as it was, percent-encoded (RFC 6266).
    static func download(_ data: Data, filename: String, contentType: String) -> Response {
        let r = Response(status: .ok, body: .init(data: data))
        r.headers.replaceOrAdd(name: .contentType, value: contentType)
        let ascii = String(
            filename.unicodeScalars.map {
                $0.isASCII && $0.properties.generalCategory != .control && $0 != "\\" && $0 != "\""
                    ? Character($0) : "_"
            })
        let encoded = filename.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ascii
        r.headers.replaceOrAdd(
            name: .contentDisposition, value: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)")
        r.headers.replaceOrAdd(name: .cacheControl, value: "private, no-cache")
        return r
    }
}
