import Foundation
import SocialValue
import Vapor

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

/// A model that stores an uploaded file's details and bytes (tender documents, bid attachments).
protocol StoredFileRecord: AnyObject {
    var title: String { get set }
    var filename: String { get set }
    var fileType: DocumentType { get set }
    var contentType: String { get set }
    var sizeBytes: Int { get set }
    var sha256: String { get set }
    var data: Data { get set }
    var uploadedBy: String { get set }
}

extension StoredFileRecord {
    /// Copies the checked file in; the title defaults to the file's name.
    func store(_ file: StoredFile, title: String?, by actor: Actor) {
        self.title = title ?? file.filename
        filename = file.filename
        fileType = file.type
        contentType = file.type.contentType
        sizeBytes = file.data.count
        sha256 = file.sha256
        data = file.data
        uploadedBy = actor.label
    }
}

extension TenderDocumentModel: StoredFileRecord {}
extension BidAttachmentModel: StoredFileRecord {}
