import ArgumentParser
import SocialValue
import Storage

struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Work with the audit trail.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the hash chain; name the first event that does not match.")

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let finding = try await withApplication(database) { app, _ in try await AuditLog.verify(on: app.db) }
            switch finding {
            case .intact(let count):
                print("Audit chain intact: \(count) events checked.")
            case .broken(let sequence, let reason):
                printError("audit chain broken at event \(sequence): \(reason)")
                throw ExitCode.failure
            }
        }
    }
}
