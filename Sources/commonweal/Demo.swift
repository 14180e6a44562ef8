import ArgumentParser
import Demo
import Storage

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load the demo area (Eastmoor) into an empty database.",
        discussion: "Prints the demo accounts and their password. Set COMMONWEAL_DEMO_PASSWORD to choose the password.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let passwords = try passwordHashing()
        try await withApplication(database) { app, _ in
            printDemoAccounts(
                try await DemoArea.load(on: app.db, passwords: passwords, password: DemoArea.configuredPassword))
        }
    }
}
