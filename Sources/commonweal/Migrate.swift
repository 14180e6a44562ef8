import ArgumentParser
import Fluent
import Storage

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending migrations, or revert the last batch.")

    @Flag(help: "Revert the last batch of migrations instead.") var revert = false
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await withApplication(database, migrate: false) { app, location in
            if revert {
                try await app.autoRevert()
                print("Reverted the last batch of migrations (\(location.summary)).")
            } else {
                try await app.autoMigrate()
                print("Migrations are up to date (\(location.summary)).")
            }
        }
    }
}
