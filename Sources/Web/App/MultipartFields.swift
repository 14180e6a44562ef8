import Vapor

/// A posted `multipart/form-data` body read part by part, as sent: each part's name, its file
/// name when it is a file, and its bytes. For checking the text fields of an upload form
/// (`TextCheckingDecoder`) and the bytes of a file as sent (not as a lossy string).
enum MultipartFields {
    struct Part {
        var name: String
        var filename: String?
        var bytes: [UInt8]

        /// The part as text, with any bytes that are not UTF-8 replaced (for checking only).
        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// The parts of a multipart body; none when the body is not multipart or cannot be read (the
    /// real decoder reports that).
    static func parse(_ body: ByteBuffer, headers: HTTPHeaders) -> [Part] {
        guard let type = headers.contentType, type.type == "multipart", let boundary = type.parameters["boundary"]
        else { return [] }
        let parser = MultipartParser(boundary: boundary)
        var parts: [Part] = []
        var partHeaders = HTTPHeaders()
        var bytes: [UInt8] = []
        parser.onHeader = { name, value in partHeaders.add(name: name, value: value) }
        parser.onBody = { buffer in bytes += buffer.readableBytesView }
        parser.onPartComplete = {
            let disposition = partHeaders.contentDisposition
            parts.append(Part(name: disposition?.name ?? "", filename: disposition?.filename, bytes: bytes))
            partHeaders = HTTPHeaders()
            bytes = []
        }
        do { try parser.execute(body) } catch { return [] }
        return parts
    }
}

extension Request {
    /// The posted multipart body's parts (`MultipartFields.parse`); none without one.
    var multipartParts: [MultipartFields.Part] {
        body.data.map { MultipartFields.parse($0, headers: headers) } ?? []
    }
}
