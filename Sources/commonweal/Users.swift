import ArgumentParser
import Fluent
import Foundation
import SocialValue
import Storage

struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage user accounts.",
        subcommands: [Add.self, List.self, Disable.self, Enable.self, ResetPassword.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user. Without --password-stdin a random password is made and printed once.")

        @Option(help: "Email address.") var email: String
        @Option(help: "Full name.") var name: String
        @Flag(help: "Make the user an installation administrator.") var admin = false
        @Option(help: "Organisation to join (its exact name).") var organisation: String?
        @Option(help: "Role at that organisation: commissioner, evaluator, viewer or supplier-member.") var role:
            String?
        @Flag(help: "Read the password from the first line of standard input.") var passwordStdin = false
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if (organisation == nil) != (role == nil) {
                throw ValidationError("--organisation and --role go together")
            }
        }

        func run() async throws {
            let given = passwordStdin ? try readPasswordFromStandardInput() : nil
            let password = given ?? Secrets.readablePassword()
            let passwords = try passwordHashing()
            try await withApplication(database) { app, _ in
                var orgID: UUID?
                if let organisation {
                    guard
                        let org = try await OrganisationModel.query(on: app.db).filter(\.$name == organisation).first()
                    else {
                        throw ValidationFailure("organisation", "No organisation is called ‘\(organisation)’")
                    }
                    orgID = org.id
                }
                let store = UserStore(app.db, passwords: passwords)
                let user = try await store.create(
                    .init(email: email, displayName: name, password: password, isAdmin: admin), viewer: .commandLine,
                    by: .commandLine)
                if let orgID {
                    try await store.addMembership(
                        user: try user.requireID(), MembershipInput(organisationId: orgID, role: role),
                        viewer: .commandLine, by: .commandLine)
                }
                print("Added \(user.email)\(admin ? " (installation administrator)" : "").")
                if given == nil { print("Password: \(password)") }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users.")

        @Option(help: "Only users whose name or email contains this.") var search: String?
        @Option(help: "Page number (50 a page).") var page = 1
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await withApplication(database) { app, _ in
                let store = UserStore(app.db, passwords: Passwords())
                let (users, p) = try await store.list(
                    viewer: .commandLine, search: search, page: page, pageSize: 50)
                if users.isEmpty {
                    print("No users.")
                    return
                }
                for u in users {
                    let roles = try await store.viewer(for: u).roles.map(\.rawValue).joined(separator: ",")
                    let status = u.isDisabled ? "disabled" : "active"
                    print(
                        "\(u.email.padding(toLength: 40, withPad: " ", startingAt: 0)) \(status.padding(toLength: 9, withPad: " ", startingAt: 0)) \(u.displayName) [\(roles)]"
                    )
                }
                print(p.rangeText + (p.hasNext ? " (next: --page \(p.number + 1))" : ""))
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a user (signs them out everywhere).")
        @Argument(help: "Email address.") var email: String
        @OptionGroup var database: DatabaseOptions

        func run() async throws { try await setDisabled(email, true, database) }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled user.")
        @Argument(help: "Email address.") var email: String
        @OptionGroup var database: DatabaseOptions

        func run() async throws { try await setDisabled(email, false, database) }
    }

    static func setDisabled(_ email: String, _ disabled: Bool, _ database: DatabaseOptions) async throws {
        try await withApplication(database) { app, _ in
            let store = UserStore(app.db, passwords: Passwords())
            let id = try await store.find(email: email, viewer: .commandLine).requireID()
            let user = try await store.setDisabled(id, disabled, viewer: .commandLine, by: .commandLine)
            print("\(disabled ? "Disabled" : "Enabled") \(user.email).")
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password",
            abstract: "Set a new password, unlock the account and sign the user out everywhere.")
        @Argument(help: "Email address.") var email: String
        @Flag(help: "Read the password from the first line of standard input.") var passwordStdin = false
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let given = passwordStdin ? try readPasswordFromStandardInput() : nil
            let password = given ?? Secrets.readablePassword()
            let passwords = try passwordHashing()
            try await withApplication(database) { app, _ in
                let store = UserStore(app.db, passwords: passwords)
                let id = try await store.find(email: email, viewer: .commandLine).requireID()
                try await store.setPassword(
                    id, PasswordResetInput(password: password), viewer: .commandLine, by: .commandLine)
                print("Reset the password of \(email.lowercased()).")
                if given == nil { print("New password: \(password)") }
            }
        }
    }
}
