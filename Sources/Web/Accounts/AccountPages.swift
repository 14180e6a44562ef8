import SocialValue
import Storage
import Vapor

/// Your account: change password, personal API tokens.
struct AccountPages: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let account = routes.grouped("account")
        account.get(use: show)
        account.post("password", use: changePassword)
        account.post("tokens", use: createToken)
        account.post("tokens", ":id", "revoke", use: revokeToken)
    }

    func show(req: Request) async throws -> Response {
        try await page(req)
    }

    func page(_ req: Request, errors: [FieldError] = [], newToken: String? = nil) async throws -> Response {
        let me = try req.requireUser()
        let csrf = req.csrfToken()
        let tokens = try await req.sessions.tokens(for: me.viewer)
        let rows = try tokens.map { t -> [HTML] in
            [
                "\(t.name)", "<code>\(t.prefix)…</code>",
                "\(t.createdAt.map { $0.formatted(date: .abbreviated, time: .shortened) } ?? "")",
                t.revokedAt == nil
                    ? Components.inlineAction(
                        action: Paths.revokeToken(try t.requireID()), csrf: csrf, label: "Revoke", context: t.name,
                        kind: "warning")
                    : Components.tag("Revoked", colour: "grey"),
            ]
        }
        let tokenTable: HTML =
            tokens.isEmpty
            ? "<p class=\"govuk-body\">You have no API tokens.</p>"
            : Components.table(
                caption: "Your API tokens", headers: ["Name", "Starts with", "Created", "Action"], rows: rows)
        let shown: HTML =
            newToken.map { token in
                """
                <div class="govuk-panel govuk-panel--confirmation"><h2 class="govuk-panel__title">API token created</h2>
                <div class="govuk-panel__body">Copy it now: it will not be shown again.</div></div>
                <pre class="cw-code" id="new-token">\(token)</pre>
                <p class="govuk-body">Send it with each API request as <code>Authorization: Bearer &lt;token&gt;</code>.</p>
                """
            } ?? .empty
        let summary = Components.summaryList([
            .init("Name", text: me.user.displayName), .init("Email address", text: me.user.email),
            .init("Roles", text: me.viewer.roles.map(\.label).joined(separator: ", ")),
            .init("Organisations", text: me.organisations.map(\.name).joined(separator: ", ")),
        ])
        return Page(
            title: "Your account", breadcrumbs: [("Dashboard", Paths.dashboard)], errors: errors,
            content: """
                <h1 class="govuk-heading-l">Your account</h1>
                \(shown)
                \(summary)
                <h2 class="govuk-heading-m">Change your password</h2>
                \(Components.form(action: Paths.accountPassword, csrf: csrf, """
                \(Components.textInput("currentPassword", label: "Current password", value: nil, errors: errors, type: "password", autocomplete: "current-password"))
                \(Components.textInput("newPassword", label: "New password", value: nil, errors: errors, hint: "At least 12 characters. A few random words make a good password.", type: "password", autocomplete: "new-password"))
                \(Components.button("Change password"))
                """))
                <h2 class="govuk-heading-m">API tokens</h2>
                <p class="govuk-body">A token lets a script use the JSON API as you. It has your permissions.</p>
                \(tokenTable)
                \(Components.form(action: Paths.accountTokens, csrf: csrf, """
                \(Components.textInput("name", label: "Name for a new token", value: nil, errors: errors, hint: "For example, ‘monthly report script’", maxLength: 100))
                \(Components.button("Create token", kind: "secondary"))
                """))
                """
        ).render(req)
    }

    func changePassword(req: Request) async throws -> Response {
        let me = try req.requireUser()
        return try await req.handleForm(PasswordChangeInput.self) { input in
            try await req.users.changeOwnPassword(viewer: me.viewer, input)
            // Changing the password ends every session, this one included.
            return Saved(Paths.signIn, "Your password has been changed. Sign in with your new password")
        } reshow: { _, errors in
            try await page(req, errors: errors)
        }
    }

    /// The new token's secret is shown once, on the page itself.
    func createToken(req: Request) async throws -> Response {
        let me = try req.requireUser()
        return try await req.handleFormShowing(APITokenInput.self) { input in
            let (secret, _) = try await req.sessions.createToken(for: me.viewer, input, by: me.actor)
            return try await page(req, newToken: secret)
        } reshow: { _, errors in
            try await page(req, errors: errors)
        }
    }

    func revokeToken(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let id = try req.parameterID()
        return try await req.handleForm {
            try await req.sessions.revokeToken(id, for: me.viewer, by: me.actor)
            return Saved(Paths.account, "The token has been revoked")
        } reshow: { errors in
            try await page(req, errors: errors)
        }
    }
}
