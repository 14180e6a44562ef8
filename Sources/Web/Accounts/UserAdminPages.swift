import SocialValue
import Storage
import Vapor

/// The installation administrator's user management.
struct UserAdminPages: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let users = routes.grouped("admin", "users")
        users.get(use: list)
        users.get("new", use: new)
        users.post(use: create)
        users.get(":id", use: show)
        users.post(":id", "memberships", use: addMembership)
        users.post(":id", "memberships", ":membership", "delete", use: removeMembership)
        users.post(":id", "disable", use: disable)
        users.post(":id", "enable", use: enable)
        users.post(":id", "password", use: resetPassword)
        users.get(":id", "subject-access", use: subjectAccess)
    }

    /// Everything held about the person, as a JSON file (docs/data-protection.md, "Subject access").
    func subjectAccess(req: Request) async throws -> Response {
        let me = try req.require { $0.canAdminister }
        let id = try req.parameterID()
        let export = try await SubjectAccessStore(req.db).export(userID: id, viewer: me.viewer)
        return Response.download(
            try export.json(), filename: "subject-access-\(id.uuidString.lowercased()).json",
            contentType: "application/json")
    }

    func list(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let q = req.query[String.self, at: "q"]?.trimmingCharacters(in: .whitespaces)
        let (users, page) = try await req.users.list(
            viewer: me.viewer, search: q, page: req.query[Int.self, at: "page"])
        let rows = try users.map { u -> [HTML] in
            [
                Components.link(u.displayName, Paths.user(try u.requireID())), "\(u.email)",
                u.isDisabled
                    ? Components.tag("Disabled", colour: "grey")
                    : (u.isAdmin
                        ? Components.tag("Admin", colour: "purple") : Components.tag("Active", colour: "green")),
            ]
        }
        let table: HTML =
            users.isEmpty
            ? "<p class=\"govuk-body\">No users match. Try a different search.</p>"
            : Components.table(caption: "Users", headers: ["Name", "Email address", "Status"], rows: rows)
        return Page(
            title: "Users", breadcrumbs: [("Dashboard", Paths.dashboard)],
            content: """
                <h1 class="govuk-heading-l">Users</h1>
                <a class="govuk-button" href="\(Paths.newUser)">Add a user</a>
                \(Components.searchForm(path: Paths.users, label: "Search by name or email", query: q))
                \(table)
                \(Components.pagination(page, path: Paths.users, query: ["q": q ?? ""]))
                """
        ).render(req)
    }

    /// The new account form: it posts a `NewUserInput`, the API's body.
    func formPage(_ req: Request, input: NewUserInput, errors: [FieldError]) -> Response {
        Page(
            title: "Add a user", breadcrumbs: [("Users", Paths.users)], errors: errors,
            content: """
                <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
                <h1 class="govuk-heading-l">Add a user</h1>
                \(Components.form(action: Paths.users, csrf: req.csrfToken(), """
                \(Components.textInput("displayName", label: "Full name", value: input.displayName, errors: errors, autocomplete: "off", maxLength: 100))
                \(Components.textInput("email", label: "Email address", value: input.email, errors: errors, type: "email", autocomplete: "off", maxLength: 254))
                \(Components.textInput("password", label: "First password", value: nil, errors: errors, hint: "At least 12 characters. Give it to the person securely; they can change it under ‘Your account’.", type: "password", autocomplete: "new-password"))
                \(Components.checkbox("isAdmin", label: "Installation administrator", checked: input.isAdmin ?? false, errors: errors, hint: "Can manage every user, organisation and Compact."))
                <div class="govuk-button-group">\(Components.button("Add user"))<a class="govuk-link" href="\(Paths.users)">Cancel</a></div>
                """))
                </div></div>
                """
        ).render(req)
    }

    func new(req: Request) throws -> Response {
        _ = try req.require { $0.canAdminister }
        return formPage(req, input: NewUserInput(), errors: [])
    }

    func create(req: Request) async throws -> Response {
        let me = try req.requireUser()
        return try await req.handleForm(NewUserInput.self) { input in
            let user = try await req.users.create(input, viewer: me.viewer, by: me.actor)
            return Saved(
                Paths.user(try user.requireID()), "\(user.displayName) has been added. Now add them to an organisation")
        } reshow: { input, errors in
            formPage(req, input: input, errors: errors)
        }
    }

    func show(req: Request) async throws -> Response {
        try await showPage(req, errors: [], membership: MembershipInput())
    }

    /// The account, with the forms to add a role (a `MembershipInput`) and reset the password.
    func showPage(_ req: Request, errors: [FieldError], membership: MembershipInput) async throws -> Response {
        let me = try req.require { $0.canAdminister }
        let csrf = req.csrfToken()
        let user = try await req.users.find(try req.parameterID(), viewer: me.viewer)
        let userID = try user.requireID()
        let memberships = try await req.users.memberships(of: userID)
        let seats = try await req.compacts.seats(ofUser: userID)
        let organisations = try await req.organisations.all().map { (try $0.requireID().uuidString, $0.name) }
        let rows = try memberships.map { m -> [HTML] in
            [
                Components.link(m.organisation.name, Paths.organisation(try m.organisation.requireID())),
                "\(m.membershipRole?.label ?? m.role)",
                Components.inlineAction(
                    action: Paths.membership(userID, try m.requireID(), .delete), csrf: csrf, label: "Remove",
                    context: "\(m.role) at \(m.organisation.name)"),
            ]
        }
        let table: HTML =
            memberships.isEmpty
            ? "<p class=\"govuk-body\">\(user.displayName) does not belong to any organisation yet.</p>"
            : Components.table(
                caption: "Organisations and roles", headers: ["Organisation", "Role", "Action"], rows: rows)
        let seatList: HTML =
            seats.isEmpty
            ? .empty
            : """
            <h2 class="govuk-heading-m">Compact groups</h2>
            <ul class="govuk-list">\(try seats.map { s -> HTML in "<li>\(s.position), \(Components.link(s.compact.name, Paths.compact(try s.compact.requireID()))) (for \(s.organisation.name))</li>" })</ul>
            """
        let toggle =
            user.isDisabled
            ? Components.inlineAction(
                action: Paths.user(userID, .enable), csrf: csrf, label: "Enable account", context: "",
                kind: "secondary")
            : Components.inlineAction(
                action: Paths.user(userID, .disable), csrf: csrf, label: "Disable account", context: "",
                kind: "warning")
        let summary = Components.summaryList([
            .init("Email address", text: user.email),
            .init("Installation administrator", text: user.isAdmin ? "Yes" : "No"),
            .init(
                "Status",
                user.isDisabled ? Components.tag("Disabled", colour: "grey") : Components.tag("Active", colour: "green")
            ),
            .init(
                "Locked after failed sign-ins",
                text: SignInLockout.isLocked(lockedUntil: user.lockedUntil, now: Date())
                    ? "Yes, until \(user.lockedUntil!.formatted(date: .omitted, time: .shortened))" : "No"),
        ])
        return Page(
            title: user.displayName, breadcrumbs: [("Users", Paths.users)], errors: errors,
            content: """
                <h1 class="govuk-heading-l">\(user.displayName)</h1>
                \(summary)
                \(table)
                <h2 class="govuk-heading-m">Add to an organisation</h2>
                \(Components.form(action: Paths.user(userID, .memberships), csrf: csrf, """
                \(Components.select("organisationId", label: "Organisation", options: organisations, selected: membership.organisationId?.uuidString, errors: errors))
                \(Components.select("role", label: "Role", options: MembershipRole.allCases.map { ($0.rawValue, $0.label + ($0.sector == .publicBody ? " (public bodies)" : " (suppliers)")) }, selected: membership.role, errors: errors))
                \(Components.button("Add", kind: "secondary"))
                """))
                <h2 class="govuk-heading-m">Reset password</h2>
                \(Components.form(action: Paths.user(userID, .password), csrf: csrf, """
                \(Components.textInput("password", label: "New password", value: nil, errors: errors, hint: "At least 12 characters. This signs the person out everywhere and unlocks the account.", type: "password", autocomplete: "new-password"))
                \(Components.button("Reset password", kind: "secondary"))
                """))
                \(seatList)
                <h2 class="govuk-heading-m">Account</h2>
                \(toggle)
                <h2 class="govuk-heading-m">Personal data</h2>
                <p class="govuk-body">\(Components.link("Download everything held about this person (JSON)", Paths.user(userID, .subjectAccess)))</p>
                <p class="govuk-body">To erase the person, use <code>commonweal subject-access erase</code> (see the data protection guide in the documentation).</p>
                """
        ).render(req)
    }

    func addMembership(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let id = try req.parameterID()
        return try await req.handleForm(MembershipInput.self) { input in
            try await req.users.addMembership(user: id, input, viewer: me.viewer, by: me.actor)
            return Saved(Paths.user(id), "The role has been added")
        } reshow: { input, errors in
            try await showPage(req, errors: errors, membership: input)
        }
    }

    func removeMembership(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let id = try req.parameterID()
        let membership = try req.parameterID("membership")
        return try await req.handleForm {
            try await req.users.removeMembership(membership, of: id, viewer: me.viewer, by: me.actor)
            return Saved(Paths.user(id), "The role has been removed")
        } reshow: { errors in
            try await showPage(req, errors: errors, membership: MembershipInput())
        }
    }

    func disable(req: Request) async throws -> Response { try await setDisabled(req, true) }
    func enable(req: Request) async throws -> Response { try await setDisabled(req, false) }

    func setDisabled(_ req: Request, _ disabled: Bool) async throws -> Response {
        let me = try req.requireUser()
        let id = try req.parameterID()
        return try await req.handleForm {
            let user = try await req.users.setDisabled(id, disabled, viewer: me.viewer, by: me.actor)
            return Saved(Paths.user(id), "\(user.displayName)’s account has been \(disabled ? "disabled" : "enabled")")
        } reshow: { errors in
            try await showPage(req, errors: errors, membership: MembershipInput())
        }
    }

    func resetPassword(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let id = try req.parameterID()
        return try await req.handleForm(PasswordResetInput.self) { input in
            try await req.users.setPassword(id, input, viewer: me.viewer, by: me.actor)
            return Saved(Paths.user(id), "The password has been reset")
        } reshow: { _, errors in
            try await showPage(req, errors: errors, membership: MembershipInput())
        }
    }
}
