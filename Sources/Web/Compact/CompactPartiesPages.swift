import SocialValue
import Storage
import Vapor

/// Who is in a Compact: signatories, the group, and the principles they adopted.
struct CompactPartiesPages: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.get(":id", "signatories", use: signatories)
        routes.post(":id", "signatories", use: addSignatory)
        routes.post(":id", "signatories", ":item", "delete", use: removeSignatory)
        routes.get(":id", "group", use: group)
        routes.post(":id", "group", use: addSeat)
        routes.post(":id", "group", ":item", "delete", use: removeSeat)
        routes.get(":id", "principles", use: principles)
        routes.post(":id", "principles", use: addPrinciple)
        routes.get(":id", "principles", ":item", "edit", use: editPrinciple)
        routes.post(":id", "principles", ":item", use: updatePrinciple)
        routes.post(":id", "principles", ":item", "delete", use: removePrinciple)
    }

    /// Loads the Compact and checks the person may manage it.
    func managed(_ req: Request) async throws -> (CurrentUser, CompactModel) {
        let id = try req.parameterID()
        let me = try req.require { $0.canManageCompact(id) }
        return (me, try await req.compacts.find(id))
    }

    func crumbs(_ c: CompactModel) -> [(String, String)] {
        [("Local Compacts", Paths.compacts), (c.name, Paths.compact(c.id!))]
    }

    // MARK: Signatories

    func signatories(req: Request) async throws -> Response { try await signatoriesPage(req, form: [:], errors: []) }

    func signatoriesPage(_ req: Request, form: [String: String], errors: [FieldError]) async throws -> Response {
        let (_, c) = try await managed(req)
        let csrf = req.csrfToken()
        let list = try await req.compacts.signatories(of: c.id!)
        let signedIDs = Set(list.map { $0.organisation.id! })
        let candidates = try await req.organisations.all().filter { !signedIDs.contains($0.id!) }
        let rows = list.map { s -> [HTML] in
            [
                "\(s.organisation.name)", "\(longDate(s.signedOn))",
                Components.inlineAction(
                    action: Paths.compact(c.id!, .signatories, s.id!, .delete), csrf: csrf, label: "Remove",
                    context: s.organisation.name),
            ]
        }
        return Page(
            title: "Signatories – \(c.name)", breadcrumbs: crumbs(c), errors: errors,
            content: """
                <span class="govuk-caption-l">\(c.name)</span>
                <h1 class="govuk-heading-l">Signatories</h1>
                \(list.isEmpty ? "<p class=\"govuk-body\">No organisation has signed yet.</p>" : Components.table(caption: "Organisations that have signed", headers: ["Organisation", "Signed", "Action"], rows: rows))
                <h2 class="govuk-heading-m">Add a signatory</h2>
                <p class="govuk-body">Public bodies such as NHS bodies and police and crime commissioners can join after the Compact is adopted.</p>
                \(Components.form(action: Paths.compact(c.id!, .signatories), csrf: csrf, """
                \(Components.select("organisationId", label: "Organisation", options: candidates.map { ($0.id!.uuidString, $0.name) }, selected: form["organisationId"], errors: errors))
                \(Components.textInput("signedOn", label: "Date signed", value: form["signedOn"] ?? today().iso, errors: errors, hint: "As year-month-day", width: "10", maxLength: 10))
                \(Components.button("Add signatory"))
                """))
                """
        ).render(req)
    }

    func addSignatory(req: Request) async throws -> Response {
        let (me, c) = try await managed(req)
        let form = try req.form()
        do {
            try await req.compacts.addSignatory(
                c.id!, organisation: form["organisationId"].flatMap(UUID.init(uuidString:)), signedOn: form["signedOn"],
                by: me.actor)
            return req.seeOther(Paths.compact(c.id!, .signatories), flash: "The signatory has been added")
        } catch let f as ValidationFailure {
            return try await signatoriesPage(req, form: form, errors: f.errors)
        }
    }

    func removeSignatory(req: Request) async throws -> Response {
        let (me, c) = try await managed(req)
        _ = try req.form()
        try await req.compacts.removeSignatory(c.id!, signatory: try req.parameterID("item"), by: me.actor)
        return req.seeOther(Paths.compact(c.id!, .signatories), flash: "The signatory has been removed")
    }

    // MARK: Group

    func group(req: Request) async throws -> Response { try await groupPage(req, form: [:], errors: []) }

    func groupPage(_ req: Request, form: [String: String], errors: [FieldError]) async throws -> Response {
        let (_, c) = try await managed(req)
        let csrf = req.csrfToken()
        let seats = try await req.compacts.seats(of: c.id!)
        let (users, _) = try await req.users.list(pageSize: 500)
        let orgs = try await req.organisations.all()
        let rows = seats.map { s -> [HTML] in
            [
                "\(s.user.displayName)", "\(s.position)", "\(s.organisation.name)",
                Components.inlineAction(
                    action: Paths.compact(c.id!, .group, s.id!, .delete), csrf: csrf, label: "Remove",
                    context: s.user.displayName),
            ]
        }
        return Page(
            title: "The Compact group – \(c.name)", breadcrumbs: crumbs(c), errors: errors,
            content: """
                <span class="govuk-caption-l">\(c.name)</span>
                <h1 class="govuk-heading-l">The Compact group</h1>
                \(seats.isEmpty ? "<p class=\"govuk-body\">No group members are recorded yet.</p>" : Components.table(caption: "Members", headers: ["Name", "Position", "Organisation", "Action"], rows: rows))
                <h2 class="govuk-heading-m">Add a member</h2>
                <p class="govuk-body">Group members keep this Compact’s register entry, settings and principles. Each represents an organisation they belong to.</p>
                \(Components.form(action: Paths.compact(c.id!, .group), csrf: csrf, """
                \(Components.select("userId", label: "Person", options: users.filter { !$0.isDisabled }.map { ($0.id!.uuidString, "\($0.displayName) (\($0.email))") }, selected: form["userId"], errors: errors))
                \(Components.select("organisationId", label: "Representing", options: orgs.map { ($0.id!.uuidString, $0.name) }, selected: form["organisationId"], errors: errors))
                \(Components.textInput("position", label: "Position on the group", value: form["position"] ?? "Member", errors: errors, width: "20", maxLength: 100))
                \(Components.button("Add member"))
                """))
                """
        ).render(req)
    }

    func addSeat(req: Request) async throws -> Response {
        let (me, c) = try await managed(req)
        let form = try req.form()
        do {
            try await req.compacts.addSeat(
                c.id!, user: form["userId"].flatMap(UUID.init(uuidString:)),
                organisation: form["organisationId"].flatMap(UUID.init(uuidString:)), position: form["position"],
                by: me.actor)
            return req.seeOther(Paths.compact(c.id!, .group), flash: "The member has been added")
        } catch let f as ValidationFailure {
            return try await groupPage(req, form: form, errors: f.errors)
        }
    }

    func removeSeat(req: Request) async throws -> Response {
        let (me, c) = try await managed(req)
        _ = try req.form()
        try await req.compacts.removeSeat(c.id!, seat: try req.parameterID("item"), by: me.actor)
        return req.seeOther(Paths.compact(c.id!, .group), flash: "The member has been removed")
    }

    // MARK: Principles

    func principleFields(_ form: [String: String], _ errors: [FieldError]) -> HTML {
        """
        \(Components.textInput("code", label: "Number", value: form["code"], errors: errors, hint: "As in your Compact, for example 2.4", width: "5", maxLength: 20))
        \(Components.textInput("title", label: "Short title", value: form["title"], errors: errors))
        \(Components.textarea("text", label: "Text of the principle", value: form["text"], errors: errors, maxLength: 5_000))
        \(Components.textarea("productRule", label: "What Commonweal checks (optional)", value: form["productRule"], errors: errors, rows: 3, maxLength: 2_000))
        """
    }

    func principles(req: Request) async throws -> Response { try await principlesPage(req, form: [:], errors: []) }

    func principlesPage(_ req: Request, form: [String: String], errors: [FieldError]) async throws -> Response {
        let (_, c) = try await managed(req)
        let csrf = req.csrfToken()
        let list = try await req.compacts.principles(of: c.id!)
        let rows = list.map { p -> [HTML] in
            [
                "\(p.code)", "\(p.title)",
                HTML(
                    "\(Components.link("Change", Paths.compact(c.id!, .principles, p.id!, .edit))) \(Components.inlineAction(action: Paths.compact(c.id!, .principles, p.id!, .delete), csrf: csrf, label: "Remove", context: "principle \(p.code)"))"
                ),
            ]
        }
        return Page(
            title: "Principles – \(c.name)", breadcrumbs: crumbs(c), errors: errors,
            content: """
                <span class="govuk-caption-l">\(c.name)</span>
                <h1 class="govuk-heading-l">Principles</h1>
                <p class="govuk-body">These started from the national Compact (2010). Adapt them to what your area agreed.</p>
                \(list.isEmpty ? "<p class=\"govuk-body\">This Compact has no principles recorded.</p>" : Components.table(caption: "Principles", headers: ["Number", "Title", "Actions"], rows: rows))
                <h2 class="govuk-heading-m">Add a principle</h2>
                \(Components.form(action: Paths.compact(c.id!, .principles), csrf: csrf, principleFields(form, errors) + Components.button("Add principle")))
                """
        ).render(req)
    }

    func addPrinciple(req: Request) async throws -> Response {
        let (me, c) = try await managed(req)
        let form = try req.form()
        do {
            let p = try CompactPrinciple.validate(
                code: form["code"], title: form["title"], text: form["text"], productRule: form["productRule"])
            try await req.compacts.addPrinciple(c.id!, p, by: me.actor)
            return req.seeOther(Paths.compact(c.id!, .principles), flash: "Principle \(p.code) has been added")
        } catch let f as ValidationFailure {
            return try await principlesPage(req, form: form, errors: f.errors)
        }
    }

    func editPage(_ req: Request, _ c: CompactModel, item: UUID, form: [String: String], errors: [FieldError])
        -> Response
    {
        Page(
            title: "Change a principle", breadcrumbs: crumbs(c), errors: errors,
            content: """
                <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
                <span class="govuk-caption-l">\(c.name)</span>
                <h1 class="govuk-heading-l">Change a principle</h1>
                \(Components.form(action: Paths.compact(c.id!, .principles, item), csrf: req.csrfToken(), principleFields(form, errors) + Components.button("Save")))
                </div></div>
                """
        ).render(req)
    }

    func editPrinciple(req: Request) async throws -> Response {
        let (_, c) = try await managed(req)
        let item = try req.parameterID("item")
        guard let p = try await req.compacts.principles(of: c.id!).first(where: { $0.id == item }) else {
            throw Abort(.notFound)
        }
        return editPage(
            req, c, item: item, form: ["code": p.code, "title": p.title, "text": p.text, "productRule": p.productRule],
            errors: [])
    }

    func updatePrinciple(req: Request) async throws -> Response {
        let (me, c) = try await managed(req)
        let item = try req.parameterID("item")
        let form = try req.form()
        do {
            let p = try CompactPrinciple.validate(
                code: form["code"], title: form["title"], text: form["text"], productRule: form["productRule"])
            try await req.compacts.updatePrinciple(c.id!, principle: item, p, by: me.actor)
            return req.seeOther(Paths.compact(c.id!, .principles), flash: "Principle \(p.code) has been saved")
        } catch let f as ValidationFailure {
            return editPage(req, c, item: item, form: form, errors: f.errors)
        }
    }

    func removePrinciple(req: Request) async throws -> Response {
        let (me, c) = try await managed(req)
        _ = try req.form()
        try await req.compacts.removePrinciple(c.id!, principle: try req.parameterID("item"), by: me.actor)
        return req.seeOther(Paths.compact(c.id!, .principles), flash: "The principle has been removed")
    }
}
