import SocialValue
import Storage
import Vapor

/// One framework version: its tree, editing while it is a draft, the move to consultation and
/// adoption, and comments by Compact group members with the owners' responses.
struct FrameworkVersionPages: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let v = routes.grouped(":id", "versions", ":version")
        v.get(use: show)
        v.get("export.json", use: exportJSON)
        v.post(use: update)
        v.post("transition", use: transition)
        v.post("themes", use: addTheme)
        v.post("outcomes", use: addOutcome)
        v.post("measures", use: addMeasure)
        v.get("measures", ":measure", "edit", use: editMeasure)
        v.post("measures", ":measure", use: updateMeasure)
        v.post("measures", ":measure", "delete", use: removeMeasure)
        v.get("items", ":kind", ":item", "edit", use: editItem)
        v.post("items", ":kind", ":item", use: renameItem)
        v.post("items", ":kind", ":item", "delete", use: removeItem)
        v.post("comments", use: addComment)
        v.post("comments", ":comment", "response", use: respond)
    }

    struct Loaded {
        let framework: FrameworkModel
        let version: FrameworkVersionModel
        let access: FrameworkStore.Permissions
    }

    /// What a re-shown version page puts back in the form that was sent, and which form the
    /// problems belong to.
    struct Refill {
        enum Form: String { case version, transition, theme, outcome, measure, comment, response }
        var form: Form?
        var version = VersionInput()
        var transition = TransitionInput()
        var theme = TreeItemInput()
        var outcome = TreeItemInput()
        var measure = MeasureInput()
    }

    /// The framework and version ids in the path, checked that the version belongs to the framework.
    func ids(_ req: Request) async throws -> (framework: UUID, version: UUID) {
        let (fid, vid) = (try req.parameterID(), try req.parameterID("version"))
        guard try await req.frameworks.versionSummary(vid).$framework.id == fid else { throw Abort(.notFound) }
        return (fid, vid)
    }

    /// Loads the version as the store lets this person see it: a hidden draft asks a visitor to
    /// sign in, and is refused to someone signed in.
    func load(_ req: Request) async throws -> Loaded {
        let (_, vid) = try await ids(req)
        let viewer = req.currentUser?.viewer
        let version: FrameworkVersionModel
        do {
            version = try await req.frameworks.version(vid, viewer: viewer)
        } catch StorageError.notFound {
            if viewer == nil { throw WebError.signInRequired }
            throw StorageError.roleNotAllowed
        }
        let access = try await req.frameworks.permissions(version.framework, viewer: viewer)
        return Loaded(framework: version.framework, version: version, access: access)
    }

    func show(req: Request) async throws -> Response { try await page(req, errors: []) }

    func page(_ req: Request, refill: Refill = Refill(), errors: [FieldError]) async throws -> Response {
        let l = try await load(req)
        let v = l.version
        let (fid, vid) = (try l.framework.requireID(), try l.version.requireID())
        let viewer = req.currentUser?.viewer
        let csrf = req.csrfToken()
        let tree = try await req.frameworks.tree(of: vid, viewer: viewer)
        let comments = try await req.frameworks.comments(on: vid, viewer: viewer)
        let responseVersions = try await req.frameworks.responseVersions(on: vid, viewer: viewer)
        let adoptions = try await req.frameworks.adoptions(of: vid, viewer: viewer)
        let valueSets = try await req.valueSets.sets(of: vid, viewer: viewer)
        /// The problems of the form that was sent, for that form only.
        func problems(_ form: Refill.Form) -> [FieldError] { refill.form == form ? errors : [] }
        /// A field's element id: the plain name for the form that was sent, so the error summary
        /// links to it; prefixed with the form otherwise, so names shared by forms stay unique.
        func fieldID(_ form: Refill.Form, _ name: String) -> String? {
            refill.form == form ? nil : "\(form.rawValue)-\(name)"
        }
        let editable = l.access.canEdit && v.status.isEditable
        let commentable = l.access.canComment && v.status.isEditable

        func thread(_ kind: CommentTarget, _ targetID: UUID, _ label: String) -> HTML {
            let items = comments.filter { $0.targetKind == kind && $0.targetID == targetID }.map { c -> HTML in
                let response: HTML =
                    c.response.map { r in
                        FrameworkView.response(
                            r, c, versions: responseVersions[c.id!] ?? [],
                            amend: l.access.canEdit
                                ? Paths.version(fid, vid, .comments, c.id!, .response) : nil, csrf: csrf)
                    }
                    ?? (l.access.canEdit
                        ? Components.form(
                            action: Paths.version(fid, vid, .comments, c.id!, .response), csrf: csrf,
                            """
                            \(Components.textarea("response", label: "Respond to \(c.author.displayName)", value: nil, errors: [], rows: 2, maxLength: 5_000, id: "response-\(c.id!)"))
                            \(Components.button("Respond", kind: "secondary"))
                            """) : "<p class=\"govuk-body-s cw-meta\">Awaiting a response.</p>")
                return """
                    <div class="govuk-inset-text"><p class="govuk-body-s"><strong>\(c.author.displayName), \(c.authorOrganisation)</strong> commented:</p>
                    <p class="govuk-body-s">\(c.text)</p>\(response)</div>
                    """
            }
            let form: HTML =
                commentable
                ? """
                <details class="govuk-details"><summary class="govuk-details__summary"><span class="govuk-details__summary-text">Comment on \(label)</span></summary>
                <div class="govuk-details__text">\(Components.form(action: Paths.version(fid, vid, .comments), csrf: csrf, """
                    <input type="hidden" name="targetKind" value="\(kind.rawValue)"><input type="hidden" name="targetId" value="\(targetID.uuidString)">
                    \(Components.textarea("text", label: "Your comment", value: nil, errors: [], rows: 3, maxLength: 5_000, id: "text-\(targetID)"))
                    \(Components.button("Add comment", kind: "secondary"))
                    """))</div></details>
                """ : .empty
            return HTML.join(items) + form
        }

        func itemActions(_ kind: TreeItemKind, _ id: UUID, _ name: String) -> HTML {
            guard editable else { return .empty }
            return
                "<p class=\"govuk-body-s\">\(Components.link("Change \(kind.rawValue)", Paths.versionItem(fid, vid, kind.rawValue, id, .edit))) \(Components.inlineAction(action: Paths.versionItem(fid, vid, kind.rawValue, id, .delete), csrf: csrf, label: "Remove \(kind.rawValue)", context: name, kind: "warning"))</p>"
        }

        let themes = tree.themes.map { theme -> HTML in
            let outcomes = theme.outcomes.map { o -> HTML in
                let rows = o.measures.map { m -> [HTML] in
                    var actions: HTML = .empty
                    if editable {
                        actions = HTML(
                            "\(Components.link("Change", Paths.version(fid, vid, .measures, m.id!, .edit))) \(Components.inlineAction(action: Paths.version(fid, vid, .measures, m.id!, .delete), csrf: csrf, label: "Remove", context: m.code))"
                        )
                    }
                    return [
                        "<strong>\(m.code)</strong>",
                        HTML("\(m.name)<br><span class=\"cw-meta\">Evidence: \(m.evidence)</span>"), "\(m.unit)",
                        "\(MeasureValuation(rawValue: m.valuation)?.label ?? m.valuation)", actions,
                    ]
                }
                let measureThreads = o.measures.map { m in thread(.measure, m.id!, "measure \(m.code)") }
                return """
                    <h3 class="govuk-heading-s">\(o.model.name)</h3>
                    \(itemActions(.outcome, o.model.id!, o.model.name))
                    \(o.model.description.isEmpty ? HTML.empty : "<p class=\"govuk-body\">\(o.model.description)</p>")
                    \(o.model.source.isEmpty ? HTML.empty : "<p class=\"govuk-body-s cw-meta\">Source: \(o.model.source)</p>")
                    \(rows.isEmpty ? "<p class=\"govuk-body\">No measures yet.</p>" : Components.table(caption: "Measures for \(o.model.name)", headers: ["Code", "Measure", "Unit", "Valuation", editable ? "Actions" : ""], rows: rows, captionHidden: true))
                    \(thread(.outcome, o.model.id!, "the outcome ‘\(o.model.name)’"))
                    \(HTML.join(measureThreads))
                    """
            }
            return """
                <h2 class="govuk-heading-m">\(theme.model.name)</h2>
                \(itemActions(.theme, theme.model.id!, theme.model.name))
                \(theme.model.description.isEmpty ? HTML.empty : "<p class=\"govuk-body\">\(theme.model.description)</p>")
                \(outcomes.isEmpty ? "<p class=\"govuk-body\">No outcomes yet.</p>" : HTML.join(outcomes))
                """
        }

        let due = isReviewDue(CalendarDate(iso: v.reviewOn)!, status: v.status, today: today())
        let publicBodies =
            editable ? try await req.organisations.all().filter { $0.organisationKind.sector == .publicBody } : []
        let adopting = Components.checkboxes(
            "adoptedBy", legend: "Public bodies that adopted it",
            options: try publicBodies.map { (try $0.requireID().uuidString, $0.name) },
            checked: Set((refill.transition.adoptedBy ?? []).map(\.uuidString)), errors: problems(.transition))
        var transitions: [HTML] = []
        if l.access.canEdit && v.status.canMove(to: .consultation) {
            transitions.append(
                Components.form(
                    action: Paths.version(fid, vid, .transition), csrf: csrf,
                    "<input type=\"hidden\" name=\"status\" value=\"consultation\">"
                        + Components.button("Send out for consultation", kind: "secondary")))
        }
        if l.access.canEdit && v.status == .consultation {
            transitions.append(
                Components.form(
                    action: Paths.version(fid, vid, .transition), csrf: csrf,
                    "<input type=\"hidden\" name=\"status\" value=\"draft\">"
                        + Components.button("Return to draft", kind: "secondary")))
        }
        if l.access.canEdit && v.status.canMove(to: .adopted) {
            transitions.append(
                """
                <h3 class="govuk-heading-s">Adopt \(v.label)</h3>
                <p class="govuk-body">Adopting makes this version read-only and supersedes the version adopted before it.</p>
                \(Components.form(action: Paths.version(fid, vid, .transition), csrf: csrf, """
                    <input type="hidden" name="status" value="adopted">
                    \(Components.dateInput("adoptedOn", legend: "Date adopted", value: refill.transition.adoptedOn ?? today().iso, errors: problems(.transition)))
                    \(adopting)
                    \(Components.button("Adopt"))
                    """))
                """)
        }
        let allOutcomes = tree.themes.flatMap { t in
            t.outcomes.map { ($0.model.id?.uuidString ?? "", "\(t.model.name): \($0.model.name)") }
        }
        let themeChoices = tree.themes.map { ($0.model.id?.uuidString ?? "", $0.model.name) }
        let editing: HTML =
            editable
            ? """
            <h2 class="govuk-heading-m">Change this draft</h2>
            \(Components.form(action: Paths.version(fid, vid), csrf: csrf, """
                \(Components.textarea("definition", label: "Local definition of social value", value: refill.version.definition ?? v.definition, errors: problems(.version), rows: 5, maxLength: 10_000))
                \(Components.dateInput("reviewOn", legend: "Review date", value: refill.version.reviewOn ?? v.reviewOn, errors: problems(.version)))
                \(Components.button("Save", kind: "secondary"))
                """))
            <h3 class="govuk-heading-s">Add a theme</h3>
            \(Components.form(action: Paths.version(fid, vid, .themes), csrf: csrf, Components.textInput("name", label: "Theme name", value: refill.theme.name, errors: problems(.theme), id: fieldID(.theme, "name")) + Components.button("Add theme", kind: "secondary")))
            <h3 class="govuk-heading-s">Add an outcome</h3>
            \(Components.form(action: Paths.version(fid, vid, .outcomes), csrf: csrf, """
                \(Components.select("themeId", label: "Theme", options: themeChoices, selected: refill.outcome.themeId?.uuidString, errors: problems(.outcome)))
                \(Components.textInput("name", label: "Outcome", value: refill.outcome.name, errors: problems(.outcome), id: fieldID(.outcome, "name")))
                \(Components.button("Add outcome", kind: "secondary"))
                """))
            <h3 class="govuk-heading-s">Add a measure</h3>
            \(Components.form(action: Paths.version(fid, vid, .measures), csrf: csrf, Components.select("outcomeId", label: "Outcome", options: allOutcomes, selected: refill.measure.outcomeId?.uuidString, errors: problems(.measure)) + measureFields(refill.measure, problems(.measure), id: { fieldID(.measure, $0) }) + Components.button("Add measure", kind: "secondary")))
            """ : .empty
        let setsList: HTML = """
            <h2 class="govuk-heading-m">Proxy value sets</h2>
            \(valueSets.isEmpty ? "<p class=\"govuk-body\">No value sets yet.</p>" as HTML : "<ul class=\"govuk-list\">\(valueSets.map { s -> HTML in "<li>\(Components.link(s.name, Paths.valueSet(s.id!))) \(s.isIllustrative ? Components.tag("Illustrative — not for decisions", colour: "yellow") : .empty)</li>" })</ul>")
            \(l.access.canEdit ? Components.link("Add a value set", Paths.newValueSet(version: vid)) : .empty)
            """
        let summary = Components.summaryList([
            .init("Belongs to", text: l.framework.ownerName),
            .init("Status", text: v.status.label),
            .init(
                "Adopted",
                text: v.adoptedOn.map {
                    "\(longDate($0)) by \(adoptions.map(\.organisation.name).joined(separator: ", "))"
                } ?? "Not adopted"),
            .init("Superseded", text: v.supersededOn.map(longDate) ?? "No"),
            .init("Review date", text: longDate(v.reviewOn)),
            .init("Download", Components.link("This version as JSON", Paths.version(fid, vid, .exportJSON))),
        ])
        return Page(
            title: "\(l.framework.name), \(v.label)",
            breadcrumbs: [("Frameworks", Paths.frameworks), (l.framework.name, Paths.framework(fid))],
            errors: errors,
            content: """
                <span class="govuk-caption-l">\(l.framework.name)</span>
                <h1 class="govuk-heading-l">\(v.label) \(Components.tag(v.status.label, colour: v.status.tagColour))</h1>
                \(due ? "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span><strong class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">Warning</span>This version was due for review on \(longDate(v.reviewOn)).</strong></div>" as HTML : .empty)
                \(summary)
                <h2 class="govuk-heading-m">Local definition of social value</h2>
                \(HTML.paragraphs(v.definition.isEmpty ? "Not written yet." : v.definition))
                \(HTML.join(themes))
                \(HTML.join(transitions))
                \(editing)
                \(setsList)
                """
        ).render(req)
    }

    func measureFields(_ form: MeasureInput, _ errors: [FieldError], id: (String) -> String? = { _ in nil }) -> HTML {
        let valuations = MeasureValuation.allCases.map { ($0.rawValue, $0.label) }
        return """
            \(Components.textInput("code", label: "Code", value: form.code, errors: errors, hint: "Unique in the framework, like ECO4", width: "10", maxLength: 20, id: id("code")))
            \(Components.textInput("name", label: "Measure", value: form.name, errors: errors, id: id("name")))
            \(Components.textarea("description", label: "Description (optional)", value: form.description, errors: errors, rows: 2, maxLength: 2_000, id: id("description")))
            \(Components.textInput("unit", label: "Unit", value: form.unit, errors: errors, hint: "For example: \(Measure.commonUnits.joined(separator: ", "))", width: "10", maxLength: 30, id: id("unit")))
            \(Components.select("valuation", label: "Valuation", options: valuations, selected: form.valuation, errors: errors))
            \(Components.textarea("evidence", label: "Evidence a supplier must keep", value: form.evidence, errors: errors, rows: 2, maxLength: 2_000, id: id("evidence")))
            \(Components.textarea("guidance", label: "Guidance (optional)", value: form.guidance, errors: errors, rows: 2, maxLength: 5_000, id: id("guidance")))
            """
    }

    func exportJSON(req: Request) async throws -> Response {
        let (_, vid) = try await ids(req)
        let version = try await load(req).version
        let tree = try await req.frameworks.exportTree(vid, viewer: req.currentUser?.viewer)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let r = Response(status: .ok, body: .init(data: try encoder.encode(tree)))
        r.headers.contentType = .json
        r.headers.replaceOrAdd(
            name: .contentDisposition, value: "attachment; filename=\"framework-v\(version.number).json\"")
        return r
    }

    /// A form on the version page, the one way: decode `Input`, run `save` (the store call, which
    /// checks who may), then back to the version page with `done`, or the page again with the
    /// problems beside the form that was sent (`refill`).
    func post<Input: Decodable>(
        _ req: Request, _ type: Input.Type, done: String,
        refill: (form: Refill.Form, field: WritableKeyPath<Refill, Input>)? = nil,
        _ save: (CurrentUser, UUID, Input) async throws -> Void
    ) async throws -> Response {
        let me = try req.requireUser()
        let (fid, vid) = try await ids(req)
        return try await req.handleForm(
            type,
            save: { input in
                try await save(me, vid, input)
                return Saved(Paths.version(fid, vid), done)
            },
            reshow: { input, errors in
                var again = Refill()
                if let refill {
                    again.form = refill.form
                    again[keyPath: refill.field] = input
                }
                return try await page(req, refill: again, errors: errors)
            })
    }

    func update(req: Request) async throws -> Response {
        try await post(req, VersionInput.self, done: "The draft has been saved", refill: (.version, \.version)) {
            me, vid, input in
            try await req.frameworks.updateVersion(vid, input, viewer: me.viewer, by: me.actor)
        }
    }

    func transition(req: Request) async throws -> Response {
        try await post(
            req, TransitionInput.self, done: "The version’s status has changed", refill: (.transition, \.transition)
        ) { me, vid, input in
            try await req.frameworks.transition(vid, input, viewer: me.viewer, by: me.actor)
        }
    }

    func addTheme(req: Request) async throws -> Response {
        try await post(req, TreeItemInput.self, done: "The theme has been added", refill: (.theme, \.theme)) {
            me, vid, input in
            try await req.frameworks.addTheme(vid, input, viewer: me.viewer, by: me.actor)
        }
    }

    func addOutcome(req: Request) async throws -> Response {
        try await post(req, TreeItemInput.self, done: "The outcome has been added", refill: (.outcome, \.outcome)) {
            me, vid, input in
            try await req.frameworks.addOutcome(vid, input, viewer: me.viewer, by: me.actor)
        }
    }

    func addMeasure(req: Request) async throws -> Response {
        try await post(req, MeasureInput.self, done: "The measure has been added", refill: (.measure, \.measure)) {
            me, vid, input in
            try await req.frameworks.addMeasure(vid, input, viewer: me.viewer, by: me.actor)
        }
    }

    func measurePage(_ req: Request, _ l: Loaded, _ measureID: UUID, form: MeasureInput, errors: [FieldError]) throws
        -> Response
    {
        let (fid, vid) = (try l.framework.requireID(), try l.version.requireID())
        return Page(
            title: "Change a measure",
            breadcrumbs: [
                ("Frameworks", Paths.frameworks), (l.framework.name, Paths.framework(fid)),
                (l.version.label, Paths.version(fid, vid)),
            ], errors: errors,
            content: """
                <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
                <h1 class="govuk-heading-l">Change a measure</h1>
                \(Components.form(action: Paths.version(fid, vid, .measures, measureID), csrf: req.csrfToken(), measureFields(form, errors) + Components.button("Save")))
                </div></div>
                """
        ).render(req)
    }

    /// The measure named in the path, checked to belong to this version.
    func measure(_ req: Request, version vid: UUID) async throws -> FrameworkMeasureModel {
        let m = try await req.frameworks.measure(try req.parameterID("measure"), viewer: req.currentUser?.viewer)
        guard m.$version.id == vid else { throw Abort(.notFound) }
        return m
    }

    func editMeasure(req: Request) async throws -> Response {
        _ = try req.requireUser()
        let l = try await load(req)
        guard l.access.canEdit else { throw StorageError.roleNotAllowed }
        let m = try await measure(req, version: try l.version.requireID())
        return try measurePage(req, l, try m.requireID(), form: MeasureInput(m.measure), errors: [])
    }

    func updateMeasure(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let l = try await load(req)
        let vid = try l.version.requireID()
        let m = try await measure(req, version: vid)
        let id = try m.requireID()
        return try await req.handleForm(
            MeasureInput.self,
            save: { input in
                try await req.frameworks.updateMeasure(id, input, viewer: me.viewer, by: me.actor)
                return Saved(Paths.version(try l.framework.requireID(), vid), "The measure has been saved")
            },
            reshow: { input, errors in try measurePage(req, l, id, form: input, errors: errors) })
    }

    func removeMeasure(req: Request) async throws -> Response {
        try await post(req, [String: String].self, done: "The measure has been removed") { me, vid, _ in
            let m = try await measure(req, version: vid)
            try await req.frameworks.removeMeasure(try m.requireID(), viewer: me.viewer, by: me.actor)
        }
    }

    func itemKind(_ req: Request) throws -> TreeItemKind {
        guard let kind = TreeItemKind(rawValue: req.parameters.get("kind") ?? "") else { throw Abort(.notFound) }
        return kind
    }

    /// The theme or outcome named in the path, checked to belong to this version.
    func item(_ req: Request, version vid: UUID) async throws -> (TreeItemKind, UUID, TreeItemInput) {
        let kind = try itemKind(req)
        let id = try req.parameterID("item")
        let tree = try await req.frameworks.tree(of: vid, viewer: req.currentUser?.viewer)
        switch kind {
        case .theme:
            guard let t = tree.themes.first(where: { $0.model.id == id }) else { throw Abort(.notFound) }
            return (kind, id, TreeItemInput(name: t.model.name, description: t.model.description))
        case .outcome:
            guard let o = tree.outcomes.first(where: { $0.id == id }) else { throw Abort(.notFound) }
            return (kind, id, TreeItemInput(name: o.name, description: o.description))
        }
    }

    func itemPage(
        _ req: Request, _ l: Loaded, _ kind: TreeItemKind, _ id: UUID, form: TreeItemInput, errors: [FieldError]
    ) throws -> Response {
        let (fid, vid) = (try l.framework.requireID(), try l.version.requireID())
        return Page(
            title: "Change a \(kind.rawValue)",
            breadcrumbs: [
                ("Frameworks", Paths.frameworks), (l.framework.name, Paths.framework(fid)),
                (l.version.label, Paths.version(fid, vid)),
            ], errors: errors,
            content: """
                <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
                <h1 class="govuk-heading-l">Change a \(kind.rawValue)</h1>
                \(Components.form(action: Paths.versionItem(fid, vid, kind.rawValue, id), csrf: req.csrfToken(), """
                \(Components.textInput("name", label: "Name", value: form.name, errors: errors))
                \(Components.textarea("description", label: "Description (optional)", value: form.description, errors: errors, rows: 3, maxLength: 2_000))
                \(Components.button("Save"))
                """))
                </div></div>
                """
        ).render(req)
    }

    func editItem(req: Request) async throws -> Response {
        _ = try req.requireUser()
        let l = try await load(req)
        guard l.access.canEdit else { throw StorageError.roleNotAllowed }
        let (kind, id, current) = try await item(req, version: try l.version.requireID())
        return try itemPage(req, l, kind, id, form: current, errors: [])
    }

    func renameItem(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let l = try await load(req)
        let vid = try l.version.requireID()
        let (kind, id, _) = try await item(req, version: vid)
        return try await req.handleForm(
            TreeItemInput.self,
            save: { input in
                try await req.frameworks.rename(kind, id, input, viewer: me.viewer, by: me.actor)
                return Saved(Paths.version(try l.framework.requireID(), vid), "The \(kind.rawValue) has been saved")
            },
            reshow: { input, errors in try itemPage(req, l, kind, id, form: input, errors: errors) })
    }

    func removeItem(req: Request) async throws -> Response {
        try await post(req, [String: String].self, done: "Removed, with everything under it") { me, vid, _ in
            let (kind, id, _) = try await item(req, version: vid)
            try await req.frameworks.remove(kind, id, viewer: me.viewer, by: me.actor)
        }
    }

    /// Compact group members comment, on behalf of the organisation their seat represents.
    func addComment(req: Request) async throws -> Response {
        try await post(req, CommentInput.self, done: "Your comment has been added") { me, vid, input in
            try await req.frameworks.addComment(vid, input, viewer: me.viewer, by: me.actor)
        }
    }

    /// The first response, or once there is one, an amendment of it (with its reason).
    func respond(req: Request) async throws -> Response {
        try await post(req, CommentResponseAmendmentInput.self, done: "Your response has been published") {
            me, vid, input in
            let id = try req.parameterID("comment")
            guard let c = try await req.frameworks.comments(on: vid, viewer: me.viewer).first(where: { $0.id == id })
            else {
                throw Abort(.notFound)
            }
            if c.response == nil {
                try await req.frameworks.respond(
                    to: id, CommentResponseInput(response: input.response), viewer: me.viewer, by: me.actor)
            } else {
                try await req.frameworks.amendResponse(to: id, input, viewer: me.viewer, by: me.actor)
            }
        }
    }
}
