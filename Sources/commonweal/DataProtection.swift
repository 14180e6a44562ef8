import ArgumentParser
import Foundation
import SocialValue
import Storage

/// `commonweal retention apply`: the retention periods (docs/data-protection.md).
struct Retention: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply the personal data retention periods.", subcommands: [Apply.self])

    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase and delete personal data past its retention period, in one transaction.",
            discussion: """
                Members of the public's names and emails on consultation responses are erased \
                COMMONWEAL_RETAIN_CONSULTATION_RESPONSES_MONTHS (default 24) months after the consultation \
                closed; sessions and revoked API tokens are deleted COMMONWEAL_RETAIN_SIGN_INS_DAYS \
                (default 90) days after they ended. Each run is recorded in the audit trail.
                """)

        @Flag(help: "Print what would be erased and deleted, and change nothing.") var dryRun = false
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let periods = try retentionPeriods()
            let today = UKTime.date(at: Date())
            try await withApplication(database) { app, _ in
                let run = try await RetentionStore(app.db).apply(
                    periods, today: today, dryRun: dryRun, viewer: .commandLine, by: .commandLine)
                let verb = dryRun ? "Would erase" : "Erased"
                let del = dryRun ? "Would delete" : "Deleted"
                print(
                    "Retention on \(today.iso): consultation responses kept \(periods.consultationResponseMonths) months after closing, sign-in records \(periods.signInDays) days."
                )
                print("\(verb) the name and email on \(run.responsesErased) public consultation responses.")
                print("\(del) \(run.sessionsDeleted) sessions that ended before \(run.firstSignInDayKept.iso).")
                print("\(del) \(run.tokensDeleted) API tokens revoked before \(run.firstSignInDayKept.iso).")
                print(dryRun ? "Dry run: nothing was changed." : "Recorded in the audit trail.")
            }
        }
    }
}

/// Reads the retention settings, turning a bad one into one `error:` line.
func retentionPeriods() throws -> RetentionPeriods {
    do {
        return try RetentionPeriods.read(ProcessInfo.processInfo.environment)
    } catch let p as RetentionPeriods.Problem {
        printError(p.message)
        throw ExitCode.failure
    }
}

/// `commonweal subject-access export|erase`: a person's data (docs/data-protection.md).
struct SubjectAccess: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subject-access", abstract: "Export or erase the personal data held about a person.",
        subcommands: [Export.self, Erase.self])

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write everything held about a person as JSON (to standard output, or --output FILE).")

        @Option(help: "The person's email address.") var email: String
        @Option(help: "Write the JSON to this file (refuses to overwrite one).") var output: String?
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            if let output, FileManager.default.fileExists(atPath: output) {
                printError("\(output) already exists: choose another --output")
                throw ExitCode.failure
            }
            let data = try await withApplication(database) { app, _ in
                try await SubjectAccessStore(app.db).export(email: email, viewer: .commandLine).json()
            }
            if let output {
                guard
                    FileManager.default.createFile(
                        atPath: output, contents: data, attributes: [.posixPermissions: 0o600])
                else {
                    printError("cannot write \(output)")
                    throw ExitCode.failure
                }
                print("Wrote the subject access export for \(email.lowercased()) to \(output).")
            } else {
                FileHandle.standardOutput.write(data + Data("\n".utf8))
            }
        }
    }

    struct Erase: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase a person's personal fields, keeping the records others rely on and the audit trail.")

        @Option(help: "The person's email address.") var email: String
        @Option(help: "Why (recorded in the audit trail), e.g. the request's reference.") var reason: String
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await withApplication(database) { app, _ in
                let e = try await SubjectAccessStore(app.db).erase(
                    email: email, reason: reason, viewer: .commandLine, by: .commandLine)
                print("Erased \(email.lowercased()): the account is now \(e.placeholderEmail), disabled.")
                print(
                    "Deleted \(e.sessionsDeleted) sessions, \(e.tokensDeleted) API tokens and \(e.notificationsDeleted) notifications; erased the name and email on \(e.responsesErased) consultation responses."
                )
                print("The audit trail is unchanged; the erasure is recorded in it.")
            }
        }
    }
}
