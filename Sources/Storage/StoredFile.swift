import Vapor
import Foundation
import SocialValue

/// An uploaded file, checked by `DocumentType.check` and ready to store in the database with
/// its SHA-256: consultation documents, tender documents and bid attachments all go through it.
struct StoredFile: Sendable {
    let type: DocumentType
    let filename: String
    let data: Data
    let sha256: String

    init(filename: String?, bytes: [UInt8], field: String = "file") throws {
        let (type, name) = try DocumentType.check(filename: filename, bytes: bytes, field: field)
        self.type = type
        self.filename = name
        self.data = Data(bytes)
        self.sha256 = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
