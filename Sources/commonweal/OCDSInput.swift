import ArgumentParser
import Foundation
import OCDS

/// Reading OCDS input for `ocds compile` and `import ocds` (docs/ocds.md): files or standard input, gzip
/// or not; release packages, bare releases, JSON lines, concatenated JSON and arrays of them.
enum OCDSInput {
    /// The bytes of a file (or standard input), decompressed when the name ends `.gz` or the data starts
    /// with gzip's magic bytes (1f 8b). Exits 2 if it cannot be read or decompressed.
    static func read(_ file: String) throws -> [UInt8] {
        let data: Data
        if file == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else if let contents = FileManager.default.contents(atPath: file) {
            data = contents
        } else {
            printError("\(file): cannot read the file")
            throw ExitCode(2)
        }
        guard file.hasSuffix(".gz") || data.starts(with: [0x1F, 0x8B]) else { return [UInt8](data) }
        do {
            return [UInt8](try Gunzip.decompress(data))
        } catch {
            printError("\(file): cannot decompress: \(error)")
            throw ExitCode(2)
        }
    }
}
