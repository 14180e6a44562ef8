import Foundation
import TestSupport
import Testing

/// Runs the real `commonweal` binary, built beside the test bundle, as a person would.
struct CLI {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static var binary: URL {
        // The test bundle sits in the build folder, next to the products.
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("commonweal").path), dir.path != "/" {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("commonweal")
    }

    let dataDir: URL
    var environment: [String: String] = [:]

    init() throws {
        dataDir = try scratchDirectory()
        var env = ProcessInfo.processInfo.environment
        env["DATABASE_URL"] = nil
        env["COMMONWEAL_DATA_DIR"] = nil
        env["COMMONWEAL_BCRYPT_COST"] = "4"
        environment = env
    }

    func cleanUp() { try? FileManager.default.removeItem(at: dataDir) }

    var databasePath: String { dataDir.appendingPathComponent("commonweal.sqlite").path }

    /// Runs with `--data-dir` unless `dataDirFlag` is false.
    @discardableResult
    func run(
        _ args: [String], stdin: String? = nil, stdinData: Data? = nil, env extra: [String: String] = [:],
        dataDirFlag: Bool = true
    ) throws -> Result {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = args + (dataDirFlag ? ["--data-dir", dataDir.path] : [])
        process.environment = environment.merging(extra) { $1 }
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let bytes = stdinData ?? stdin.map({ Data($0.utf8) }) { input.fileHandleForWriting.write(bytes) }
        try input.fileHandleForWriting.close()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }
}

/// A free TCP port on loopback.
func freePort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    addr.sin_port = 0
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
    _ = withUnsafeMutablePointer(to: &addr) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
    }
    return Int(UInt16(bigEndian: addr.sin_port))
}
