import Foundation

/// Decompresses gzip data by running the system's `gzip -dc` (found on PATH) on a temporary file, so the
/// pure OCDS module stays free of I/O and the package needs no compression library (docs/ocds.md).
enum Gunzip {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func decompress(_ data: Data) throws -> Data {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("commonweal-\(UUID().uuidString).gz")
        try data.write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", "--", input.path]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do {
            try process.run()
        } catch {
            throw Failure(description: "cannot run gzip: \(error)")
        }
        // gzip's messages are short; read them after the output so neither pipe fills up while we wait.
        let result = out.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = message.trimmingCharacters(in: .whitespacesAndNewlines)
            throw Failure(description: text.isEmpty ? "gzip exited \(process.terminationStatus)" : text)
        }
        return result
    }
}
