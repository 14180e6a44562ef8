import Foundation

/// The kinds of consultation document the product accepts, told apart by name and checked by
/// content: a file is accepted only if its bytes are what its extension claims.
public enum DocumentType: String, Codable, Sendable, CaseIterable {
    case pdf, odt, docx, xlsx, ods, csv, txt

    /// 10 MB (10 × 1024 × 1024 bytes) per file.
    public static let maximumBytes = 10 * 1_024 * 1_024

    public var contentType: String {
        switch self {
        case .pdf: return "application/pdf"
        case .odt: return "application/vnd.oasis.opendocument.text"
        case .ods: return "application/vnd.oasis.opendocument.spreadsheet"
        case .docx: return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .xlsx: return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .csv: return "text/csv; charset=utf-8"
        case .txt: return "text/plain; charset=utf-8"
        }
    }

    public var label: String {
        switch self {
        case .pdf: return "PDF"
        case .odt: return "OpenDocument text"
        case .ods: return "OpenDocument spreadsheet"
        case .docx: return "Word document"
        case .xlsx: return "Excel spreadsheet"
        case .csv: return "CSV"
        case .txt: return "Plain text"
        }
    }

    static let accepted = "PDF, ODT, DOCX, XLSX, ODS, CSV or TXT"

    /// Checks a file: its name's extension picks the type, its size is at most 10 MB and not
    /// empty, and its bytes match the type. PDF starts `%PDF-`; ODT and ODS are ZIP files whose
    /// first entry is `mimetype` holding their media type; DOCX and XLSX are ZIP files with
    /// `[Content_Types].xml` and a `word/` or `xl/` part; CSV and TXT are UTF-8 text without
    /// NUL bytes. Errors are on `field`.
    public static func check(filename raw: String?, bytes: [UInt8], field: String = "file") throws -> (
        type: DocumentType, filename: String
    ) {
        let name = DocumentType.safeFilename(raw ?? "")
        guard !name.isEmpty else { throw ValidationFailure(field, "Select a file to upload") }
        let ext = name.split(separator: ".").count > 1 ? String(name.split(separator: ".").last!).lowercased() : ""
        guard let type = DocumentType(rawValue: ext) else {
            throw ValidationFailure(field, "The file must be a \(accepted) file")
        }
        if bytes.isEmpty { throw ValidationFailure(field, "The selected file is empty") }
        if bytes.count > maximumBytes { throw ValidationFailure(field, "The file must be smaller than 10 MB") }
        guard type.matches(bytes) else {
            throw ValidationFailure(
                field, "The file’s contents are not what a .\(ext) file holds: check it is a real \(type.label) file")
        }
        return (type, name)
    }

    func matches(_ b: [UInt8]) -> Bool {
        switch self {
        case .pdf: return b.starts(with: Array("%PDF-".utf8))
        case .odt, .ods:
            let media = Array("mimetype".utf8) + Array(contentType.utf8)
            return isZip(b) && b.count >= 30 + media.count && Array(b[30..<(30 + media.count)]) == media
        case .docx: return isZip(b) && contains(b, "[Content_Types].xml") && contains(b, "word/")
        case .xlsx: return isZip(b) && contains(b, "[Content_Types].xml") && contains(b, "xl/")
        case .csv, .txt: return !b.contains(0) && String(validating: b, as: UTF8.self) != nil
        }
    }

    func isZip(_ b: [UInt8]) -> Bool { b.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

    func contains(_ b: [UInt8], _ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard b.count >= needle.count else { return false }
        var i = 0
        while i <= b.count - needle.count {
            if b[i] == needle[0] && Array(b[i..<(i + needle.count)]) == needle { return true }
            i += 1
        }
        return false
    }

    /// The last path component, without control characters, quotes or slashes, at most 200
    /// characters: safe to store and to send back in a Content-Disposition header.
    public static func safeFilename(_ raw: String) -> String {
        let last = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let cleaned = String(
            last.unicodeScalars.filter { s in
                s.value >= 0x20 && s.value != 0x7F && s != "\"" && s != ";"
            }.map(Character.init)
        ).trimmingCharacters(in: .whitespaces)
        return String(cleaned.suffix(200))
    }

    /// "2.4 MB", "830 KB", "12 bytes" (1 KB = 1024 bytes; one decimal place for MB).
    public static func describeSize(_ bytes: Int) -> String {
        if bytes < 1_024 { return bytes == 1 ? "1 byte" : "\(bytes) bytes" }
        if bytes < 1_024 * 1_024 { return "\((bytes + 512) / 1_024) KB" }
        let tenths = (bytes * 10 + 524_288) / 1_048_576
        return tenths % 10 == 0 ? "\(tenths / 10) MB" : "\(tenths / 10).\(tenths % 10) MB"
    }
}
