import ArgumentParser
import SocialValue
import Storage

struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Work with the audit trail.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the keyed hash chain; name the first event that does not match; print the head.",
            discussion: """
                Needs the audit key the trail was written with (COMMONWEAL_AUDIT_KEY, \
                COMMONWEAL_AUDIT_KEY_FILE, or audit.key in the data directory). Keep the printed head \
                somewhere else and give it back with --expect-head to detect events deleted after it.
                """)

        @ArgumentParser.Option(
            name: .customLong("expect-head"),
            help: "A head printed earlier (SEQUENCE:HASH): fail unless that event is still there, unchanged.")
        var expectHead: String?

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if let expectHead, AuditHead(parsing: expectHead) == nil {
                throw ValidationError(
                    "--expect-head must be SEQUENCE:HASH as printed by `audit verify` (e.g. 12:followed by 64 hex digits), not ‘\(expectHead)’"
                )
            }
        }

        func run() async throws {
            let anchor = expectHead.flatMap(AuditHead.init(parsing:))
            let check = try await withApplication(database, auditKey: .mustExist) { app, _ in
                try await AuditLog.check(on: app.db, expecting: anchor)
            }
            switch check.finding {
            case .intact(let count):
                print("Audit chain intact: \(count) events checked.")
                if check.keyedFrom > 1 {
                    print(
                        "Events 1 to \(min(count, check.keyedFrom - 1)) were written before keyed hashing (plain SHA-256); the rest are keyed."
                    )
                }
                print("Head: \(check.head?.description ?? "none (the trail is empty)")")
            case .broken(let sequence, let reason):
                printError("audit chain broken at event \(sequence): \(reason)")
                throw ExitCode.failure
            }
            if let anchor {
                if let problem = check.anchorProblem {
                    printError("expected head \(anchor) not found: \(problem)")
                    throw ExitCode.failure
                }
                print("Expected head \(anchor.sequence) is present and unchanged.")
            }
        }
    }
}
