import SocialValue
import Storage
import Vapor

/// Who is in a Compact: signatories, the group, and the principles they adopted. The pages are
/// for those who keep the Compact; the store checks every change.
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

    /// The signed-in person and the Compact. The management pages show only to those who keep
    /// it; what they post, the store checks.
    func managed(_ req: Request) async throws -> (CurrentUser, CompactModel, UUID) {
        let id = try req.parameterID()
        let me = try req.require { $0.canManageCompact(id) }
        return (me, try await req.compacts.find(id), id)
    }

    /// The signed-in person and the Compact's ID, for a form post.
    func poster(_ req: Request) throws -> (CurrentUser, UUID) {
        (try req.requireUser(), try req.parameterID())
    }

    func crumbs(_ c: CompactModel, _ id: UUID) -> [(String, String)] {
        [("Local Compacts", Paths.compacts), (c.name, Paths.compact(id))]
    }

    // MARK: Signatories

    func signatories(req: Request) async throws -> Response {
        try await signatoriesPage(req, input: CompactSignatoryInput(), errors: [])
    }

    /// The signatories and the form to add one: it posts a `CompactSignatoryInput`, the API's body.
    func signatoriesPage(_ req: Request, input: CompactSignatoryInput, errors: [FieldError]) async throws -> Response {
        let (_, c, id) = try await managed(req)
        let csrf = req.csrfToken()
        let list = try await req.compacts.signatories(of: id)
        let signedIDs = Set(try list.map { try $0.organisation.requireID() })
        let candidates = try await req.organisations.all().filter { !signedIDs.contains(try $0.requireID()) }
        let rows = try list.map { s -> [HTML] in
            [
                "\(s.organisation.name)", "\(longDate(s.signedOn))",
                Components.inlineAction(
                    action: Paths.compact(id, .signatories, try s.requireID(), .delete), csrf: csrf, label: "Remove",
                    context: s.organisation.name),
            ]
        }
        let options = try candidates.map { (try $0.requireID().uuidString, $0.name) }
        let selected = input.organisationId?.uuidString
        return Page(
            title: "Signatories – \(c.name)", breadcrumbs: crumbs(c, id), errors: errors,
            content: """
                <span class="govuk-caption-l">\(c.name)</span>
                <h1 class="govuk-heading-l">Signatories</h1>
                \(list.isEmpty ? "<p class=\"govuk-body\">No organisation has signed yet.</p>" : Components.table(caption: "Organisations that have signed", headers: ["Organisation", "Signed", "Action"], rows: rows))
                <h2 class="govuk-heading-m">Add a signatory</h2>
                <p class="govuk-body">Public bodies such as NHS bodies and police and crime commissioners can join after the Compact is adopted.</p>
                \(Components.form(action: Paths.compact(id, .signatories), csrf: csrf, """
                \(Components.select("organisationId", label: "Organisation", options: options, selected: selected, errors: errors))
                \(Components.dateInput("signedOn", legend: "Date signed", value: input.signedOn ?? today().iso, errors: errors))
                \(Components.button("Add signatory"))
                """))
                """
        ).render(req)
    }

    func addSignatory(req: Request) async throws -> Response {
        let (me, id) = try poster(req)
        return try await req.handleForm(CompactSignatoryInput.self) { input in
            try await req.compacts.addSignatory(id, input, viewer: me.viewer, by: me.actor)
            return Saved(Paths.compact(id, .signatories), "The signatory has been added")
        } reshow: { input, errors in
            try await signatoriesPage(req, input: input, errors: errors)
        }
    }

    func removeSignatory(req: Request) async throws -> Response {
        let (me, id) = try poster(req)
        let item = try req.parameterID("item")
        return try await req.handleForm {
            try await req.compacts.removeSignatory(id, signatory: item, viewer: me.viewer, by: me.actor)
            return Saved(Paths.compact(id, .signatories), "The signatory has been removed")
        } reshow: { errors in
            try await signatoriesPage(req, input: CompactSignatoryInput(), errors: errors)
        }
    }

    // MARK: Group

    func group(req: Request) async throws -> Response {
        try await groupPage(req, input: CompactSeatInput(), errors: [])
    }

    /// The group and the form to seat a member: it posts a `CompactSeatInput`, the API's body.
    func groupPage(_ req: Request, input: CompactSeatInput, errors: [FieldError]) async throws -> Response {
        let (me, c, id) = try await managed(req)
        let csrf = req.csrfToken()
        let seats = try await req.compacts.seats(of: id)
        let users = try await req.compacts.seatCandidates(id, viewer: me.viewer)
        let orgs = try await req.organisations.all()
        let rows = try seats.map { s -> [HTML] in
            [
                "\(s.user.displayName)", "\(s.position)", "\(s.organisation.name)",
                Components.inlineAction(
                    action: Paths.compact(id, .group, try s.requireID(), .delete), csrf: csrf, label: "Remove",
                    context: s.user.displayName),
            ]
        }
        let people = try users.map { (try $0.requireID().uuidString, "\($0.displayName) (\($0.email))") }
        let organisations = try orgs.map { (try $0.requireID().uuidString, $0.name) }
        return Page(
            title: "The Compact group – \(c.name)", breadcrumbs: crumbs(c, id), errors: errors,
            content: """
                <span class="govuk-caption-l">\(c.name)</span>
                <h1 class="govuk-heading-l">The Compact group</h1>
                \(seats.isEmpty ? "<p class=\"govuk-body\">No group members are recorded yet.</p>" : Components.table(caption: "Members", headers: ["Name", "Position", "Organisation", "Action"], rows: rows))
                <h2 class="govuk-heading-m">Add a member</h2>
                <p class="govuk-body">Group members keep this Compact’s register entry, settings and principles. Each represents an organisation they belong to.</p>
                \(Components.form(action: Paths.compact(id, .group), csrf: csrf, """
                \(Components.select("userId", label: "Person", options: people, selected: input.userId?.uuidString, errors: errors))
                \(Components.select("organisationId", label: "Representing", options: organisations, selected: input.organisationId?.uuidString, errors: errors))
                \(Components.textInput("position", label: "Position on the group", value: input.position ?? "Member", errors: errors, width: "20", maxLength: 100))
                \(Components.button("Add member"))
                """))
                """
        ).render(req)
    }

    func addSeat(req: Request) async throws -> Response {
        let (me, id) = try poster(req)
        return try await req.handleForm(CompactSeatInput.self) { input in
            try await req.compacts.addSeat(id, input, viewer: me.viewer, by: me.actor)
            return Saved(Paths.compact(id, .group), "The member has been added")
        } reshow: { input, errors in
            try await groupPage(req, input: input, errors: errors)
        }
    }

    func removeSeat(req: Request) async throws -> Response {
        let (me, id) = try poster(req)
        let item = try req.parameterID("item")
        return try await req.handleForm {
            try await req.compacts.removeSeat(id, seat: item, viewer: me.viewer, by: me.actor)
            return Saved(Paths.compact(id, .group), "The member has been removed")
        } reshow: { errors in
            try await groupPage(req, input: CompactSeatInput(), errors: errors)
        }
    }

    // MARK: Principles

    /// A principle's fields: the form posts a `CompactPrincipleInput`, the API's body.
    func principleFields(_ input: CompactPrincipleInput, _ errors: [FieldError]) -> HTML {
        """
        \(Components.textInput("code", label: "Number", value: input.code, errors: errors, hint: "As in your Compact, for example 2.4", width: "5", maxLength: 20))
        \(Components.textInput("title", label: "Short title", value: input.title, errors: errors))
        \(Components.textarea("text", label: "Text of the principle", value: input.text, errors: errors, maxLength: 5_000))
        \(Components.textarea("productRule", label: "What Commonweal checks (optional)", value: input.productRule, errors: errors, rows: 3, maxLength: 2_000))
        """
    }

    func principles(req: Request) async throws -> Response {
        try await principlesPage(req, input: CompactPrincipleInput(), errors: [])
    }

    func principlesPage(_ req: Request, input: CompactPrincipleInput, errors: [FieldError]) async throws -> Response {
        let (_, c, id) = try await managed(req)
        let csrf = req.csrfToken()
        let list = try await req.compacts.principles(of: id)
        // Once signed, the principles change only by an amendment of the Compact.
        if !(try await req.compacts.versions(of: id)).isEmpty {
            return Page(
                title: "Principles – \(c.name)", breadcrumbs: crumbs(c, id), errors: errors,
                content: """
                    <span class="govuk-caption-l">\(c.name)</span>
                    <h1 class="govuk-heading-l">Principles</h1>
                    <p class="govuk-body">\(c.name) has been signed, so its principles are part of what was signed and are not changed one by one. \(Components.link("Amend the Compact", Paths.compact(id, .amend))) to change them: the amendment is a new version with your reason.</p>
                    \(Components.table(caption: "Principles", headers: ["Number", "Title"], rows: list.map { p -> [HTML] in ["\(p.code)", "\(p.title)"] }))
                    """
            ).render(req)
        }
        let rows = try list.map { p -> [HTML] in
            let item = try p.requireID()
            let change = Components.link("Change", Paths.compact(id, .principles, item, .edit))
            let remove = Components.inlineAction(
                action: Paths.compact(id, .principles, item, .delete), csrf: csrf, label: "Remove",
                context: "principle \(p.code)")
            return ["\(p.code)", "\(p.title)", HTML("\(change) \(remove)")]
        }
        return Page(
            title: "Principles – \(c.name)", breadcrumbs: crumbs(c, id), errors: errors,
            content: """
                <span class="govuk-caption-l">\(c.name)</span>
                <h1 class="govuk-heading-l">Principles</h1>
                <p class="govuk-body">These started from the national Compact (2010). Adapt them to what your area agreed.</p>
                \(list.isEmpty ? "<p class=\"govuk-body\">This Compact has no principles recorded.</p>" : Components.table(caption: "Principles", headers: ["Number", "Title", "Actions"], rows: rows))
                <h2 class="govuk-heading-m">Add a principle</h2>
                \(Components.form(action: Paths.compact(id, .principles), csrf: csrf, principleFields(input, errors) + Components.button("Add principle")))
                """
        ).render(req)
    }

    func addPrinciple(req: Request) async throws -> Response {
        let (me, id) = try poster(req)
        return try await req.handleForm(CompactPrincipleInput.self) { input in
            let p = try await req.compacts.addPrinciple(id, input, viewer: me.viewer, by: me.actor)
            return Saved(Paths.compact(id, .principles), "Principle \(p.code) has been added")
        } reshow: { input, errors in
            try await principlesPage(req, input: input, errors: errors)
        }
    }

    func removePrinciple(req: Request) async throws -> Response {
        let (me, id) = try poster(req)
        let item = try req.parameterID("item")
        return try await req.handleForm {
            try await req.compacts.removePrinciple(id, principle: item, viewer: me.viewer, by: me.actor)
            return Saved(Paths.compact(id, .principles), "The principle has been removed")
        } reshow: { errors in
            try await principlesPage(req, input: CompactPrincipleInput(), errors: errors)
        }
    }

    func editPage(_ req: Request, item: UUID, input: CompactPrincipleInput?, errors: [FieldError]) async throws
        -> Response
    {
        let (_, c, id) = try await managed(req)
        guard let p = try await req.compacts.principles(of: id).first(where: { $0.id == item }) else {
            throw StorageError.notFound("The principle")
        }
        let f =
            input
            ?? CompactPrincipleInput(code: p.code, title: p.title, text: p.text, productRule: p.productRule)
        return Page(
            title: "Change a principle", breadcrumbs: crumbs(c, id), errors: errors,
            content: """
                <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
                <span class="govuk-caption-l">\(c.name)</span>
                <h1 class="govuk-heading-l">Change a principle</h1>
                \(Components.form(action: Paths.compact(id, .principles, item), csrf: req.csrfToken(), principleFields(f, errors) + Components.button("Save")))
                </div></div>
                """
        ).render(req)
    }

    func editPrinciple(req: Request) async throws -> Response {
        try await editPage(req, item: try req.parameterID("item"), input: nil, errors: [])
    }

    func updatePrinciple(req: Request) async throws -> Response {
        let (me, id) = try poster(req)
        let item = try req.parameterID("item")
        return try await req.handleForm(CompactPrincipleInput.self) { input in
            let p = try await req.compacts.updatePrinciple(id, principle: item, input, viewer: me.viewer, by: me.actor)
            return Saved(Paths.compact(id, .principles), "Principle \(p.code) has been saved")
        } reshow: { input, errors in
            try await editPage(req, item: item, input: input, errors: errors)
        }
    }
}
