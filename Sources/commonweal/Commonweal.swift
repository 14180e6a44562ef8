import ArgumentParser
import Foundation

@main
struct Commonweal: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "commonweal",
        abstract: "Social value and the Compact: create and prove social value in public services.",
        discussion: """
            With no DATABASE_URL, data lives in an embedded SQLite database in the data directory \
            (--data-dir, else COMMONWEAL_DATA_DIR, else ./commonweal-data). With \
            DATABASE_URL=postgres://… it lives in PostgreSQL.
            """,
        subcommands: [
            Serve.self, Migrate.self, Demo.self, Users.self, Frameworks.self, Screen.self, Evaluate.self,
            SROICommand.self, Audit.self, Backup.self, Restore.self, Retention.self, SubjectAccess.self,
            OCDSCommand.self, ImportCommand.self, ExportCommand.self, IndicatorsCommand.self,
            Version.self,
        ],
        defaultSubcommand: nil)
}
