import Fluent
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
        let access: FrameworkAccess
    }

    /// Loads the version, checking it belongs to the framework in the path and may be seen.
    func load(_ req: Request) async throws -> Loaded {
        let version = try await req.frameworks.version(try req.parameterID("version"))
        guard version.$framework.id == (try req.parameterID()) else { throw Abort(.notFound) }
        let access = try await FrameworkAccess.load(req, version.framework)
        guard access.canSee(version) else {
            if req.currentUser == nil { throw WebError.signInRequired }
            throw StorageError.roleNotAllowed
        }
        return Loaded(framework: version.framework, version: version, access: access)
    }

    func owner(_ req: Request) async throws -> (CurrentUser, Loaded) {
        let me = try req.requireUser()
        let l = try await load(req)
        guard l.access.canEdit else { throw StorageError.roleNotAllowed }
        return (me, l)
    }

    func path(_ l: Loaded) -> String { Paths.version(l.framework.id!, l.version.id!) }

    func show(req: Request) async throws -> Response { try await page(req, form: [:], errors: []) }

    func page(_ req: Request, form: [String: String], errors: [FieldError]) async throws -> Response {
        let l = try await load(req)
        let v = l.version
        let (fid, vid) = (l.framework.id!, l.version.id!)
        let csrf = req.csrfToken()
        let tree = try await req.frameworks.tree(of: v.id!)
        let comments = try await req.frameworks.comments(on: v.id!)
        let adoptions = try await req.frameworks.adoptions(of: v.id!)
        let valueSets = req.currentUser == nil ? [] : try await req.valueSets.sets(of: v.id!)
        let editable = l.access.canEdit && v.status.isEditable
        let commentable = l.access.canComment && v.status.isEditable

        func thread(_ kind: String, _ targetID: UUID, _ label: String) -> HTML {
            let items = comments.filter { $0.targetKind == kind && $0.targetID == targetID }.map { c -> HTML in
                let response: HTML =
                    c.response.map { r in
                        "<p class=\"govuk-body-s\"><strong>Response from \(c.respondedBy ?? "the owners"):</strong> \(r)</p>"
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
                    <input type="hidden" name="targetKind" value="\(kind)"><input type="hidden" name="targetId" value="\(targetID.uuidString)">
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
                let measureThreads = o.measures.map { m in thread("measure", m.id!, "measure \(m.code)") }
                return """
                    <h3 class="govuk-heading-s">\(o.model.name)</h3>
                    \(itemActions(.outcome, o.model.id!, o.model.name))
                    \(o.model.description.isEmpty ? HTML.empty : "<p class=\"govuk-body\">\(o.model.description)</p>")
                    \(o.model.source.isEmpty ? HTML.empty : "<p class=\"govuk-body-s cw-meta\">Source: \(o.model.source)</p>")
                    \(rows.isEmpty ? "<p class=\"govuk-body\">No measures yet.</p>" : Components.table(caption: "Measures for \(o.model.name)", headers: ["Code", "Measure", "Unit", "Valuation", editable ? "Actions" : ""], rows: rows, captionHidden: true))
                    \(thread("outcome", o.model.id!, "the outcome ‘\(o.model.name)’"))
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
            let boxes = publicBodies.enumerated().map { i, o -> HTML in
                """
                <div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" id="adoptedBy-\(i)" name="adoptedBy.\(i)" type="checkbox" value="\(o.id!.uuidString)">
                <label class="govuk-label govuk-checkboxes__label" for="adoptedBy-\(i)">\(o.name)</label></div>
                """
            }
            let (boxError, _) = Components.errorMessage("adoptedBy", errors)
            transitions.append(
                """
                <h3 class="govuk-heading-s">Adopt \(v.label)</h3>
                <p class="govuk-body">Adopting makes this version read-only and supersedes the version adopted before it.</p>
                \(Components.form(action: Paths.version(fid, vid, .transition), csrf: csrf, """
                    <input type="hidden" name="status" value="adopted">
                    \(Components.textInput("adoptedOn", label: "Date adopted", value: form["adoptedOn"] ?? today().iso, errors: errors, hint: "As year-month-day", width: "10", maxLength: 10))
                    <div class="govuk-form-group" id="adoptedBy"><fieldset class="govuk-fieldset"><legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Public bodies that adopted it</legend>
                    \(boxError)<div class="govuk-checkboxes govuk-checkboxes--small">\(boxes)</div></fieldset></div>
                    \(Components.button("Adopt"))
                    """))
                """)
        }
        let allOutcomes = tree.themes.flatMap { t in
            t.outcomes.map { ($0.model.id!.uuidString, "\(t.model.name): \($0.model.name)") }
        }
        let editing: HTML =
            editable
            ? """
            <h2 class="govuk-heading-m">Change this draft</h2>
            \(Components.form(action: Paths.version(fid, vid), csrf: csrf, """
                \(Components.textarea("definition", label: "Local definition of social value", value: form["definition"] ?? v.definition, errors: errors, rows: 5, maxLength: 10_000))
                \(Components.textInput("reviewOn", label: "Review date", value: form["reviewOn"] ?? v.reviewOn, errors: errors, width: "10", maxLength: 10))
                \(Components.button("Save", kind: "secondary"))
                """))
            <h3 class="govuk-heading-s">Add a theme</h3>
            \(Components.form(action: Paths.version(fid, vid, .themes), csrf: csrf, Components.textInput("themeName", label: "Theme name", value: nil, errors: errors) + Components.button("Add theme", kind: "secondary")))
            <h3 class="govuk-heading-s">Add an outcome</h3>
            \(Components.form(action: Paths.version(fid, vid, .outcomes), csrf: csrf, """
                \(Components.select("themeId", label: "Theme", options: tree.themes.map { ($0.model.id!.uuidString, $0.model.name) }, selected: nil, errors: errors))
                \(Components.textInput("outcomeName", label: "Outcome", value: nil, errors: errors))
                \(Components.button("Add outcome", kind: "secondary"))
                """))
            <h3 class="govuk-heading-s">Add a measure</h3>
            \(Components.form(action: Paths.version(fid, vid, .measures), csrf: csrf, Components.select("outcomeId", label: "Outcome", options: allOutcomes, selected: form["outcomeId"], errors: errors) + measureFields(form, errors) + Components.button("Add measure", kind: "secondary")))
            """ : .empty
        let setsList: HTML =
            req.currentUser == nil
            ? .empty
            : """
            <h2 class="govuk-heading-m">Proxy value sets</h2>
            \(valueSets.isEmpty ? "<p class=\"govuk-body\">No value sets yet.</p>" as HTML : "<ul class=\"govuk-list\">\(valueSets.map { s -> HTML in "<li>\(Components.link(s.name, Paths.valueSet(s.id!))) \(s.isIllustrative ? Components.tag("Illustrative — not for decisions", colour: "yellow") : .empty)</li>" })</ul>")
            \(l.access.canEdit ? Components.link("Add a value set", Paths.newValueSet(version: v.id!)) : .empty)
            """
        let summary = Components.summaryList([
            .init("Belongs to", text: l.access.ownerName),
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
            breadcrumbs: [("Frameworks", Paths.frameworks), (l.framework.name, Paths.framework(l.framework.id!))],
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

    func measureFields(_ form: [String: String], _ errors: [FieldError]) -> HTML {
        """
        \(Components.textInput("code", label: "Code", value: form["code"], errors: errors, hint: "Unique in the framework, like ECO4", width: "10", maxLength: 20))
        \(Components.textInput("name", label: "Measure", value: form["name"], errors: errors))
        \(Components.textarea("description", label: "Description (optional)", value: form["description"], errors: errors, rows: 2, maxLength: 2_000))
        \(Components.textInput("unit", label: "Unit", value: form["unit"], errors: errors, hint: "For example: \(Measure.commonUnits.joined(separator: ", "))", width: "10", maxLength: 30))
        \(Components.select("valuation", label: "Valuation", options: MeasureValuation.allCases.map { ($0.rawValue, $0.label) }, selected: form["valuation"], errors: errors))
        \(Components.textarea("evidence", label: "Evidence a supplier must keep", value: form["evidence"], errors: errors, rows: 2, maxLength: 2_000))
        \(Components.textarea("guidance", label: "Guidance (optional)", value: form["guidance"], errors: errors, rows: 2, maxLength: 5_000))
        """
    }

    static func measureInput(_ f: [String: String]) -> MeasureInput {
        MeasureInput(
            code: f["code"], name: f["name"], description: f["description"], unit: f["unit"], valuation: f["valuation"],
            evidence: f["evidence"], guidance: f["guidance"])
    }

    func exportJSON(req: Request) async throws -> Response {
        let l = try await load(req)
        let tree = try await req.frameworks.exportTree(l.version.id!)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let r = Response(status: .ok, body: .init(data: try encoder.encode(tree)))
        r.headers.contentType = .json
        r.headers.replaceOrAdd(
            name: .contentDisposition, value: "attachment; filename=\"framework-v\(l.version.number).json\"")
        return r
    }

    /// Runs a change; on a validation failure shows the page again with the errors.
    func change(
        _ req: Request, done message: String, _ body: (CurrentUser, Loaded, [String: String]) async throws -> Void
    ) async throws -> Response {
        let (me, l) = try await owner(req)
        let form = try req.form()
        do {
            try await body(me, l, form)
            return req.seeOther(path(l), flash: message)
        } catch let f as ValidationFailure {
            return try await page(req, form: form, errors: f.errors)
        }
    }

    func update(req: Request) async throws -> Response {
        try await change(req, done: "The draft has been saved") { me, l, f in
            try await req.frameworks.updateVersion(
                l.version.id!, definition: f["definition"], reviewOn: f["reviewOn"], by: me.actor)
        }
    }

    func transition(req: Request) async throws -> Response {
        try await change(req, done: "The version’s status has changed") { me, l, f in
            try await req.frameworks.transition(
                l.version.id!, to: f["status"], adoptedOn: f["adoptedOn"],
                adoptedBy: FrameworkPages.checked(f, prefix: "adoptedBy"), by: me.actor)
        }
    }

    func addTheme(req: Request) async throws -> Response {
        try await change(req, done: "The theme has been added") { me, l, f in
            let item: NamedItem
            do {
                item = try NamedItem.validate(name: f["themeName"], description: f["description"], what: "theme")
            } catch let v as ValidationFailure {
                throw ValidationFailure(
                    v.errors.map { FieldError($0.field == "name" ? "themeName" : $0.field, $0.message) })
            }
            try await req.frameworks.addTheme(l.version.id!, item, by: me.actor)
        }
    }

    func addOutcome(req: Request) async throws -> Response {
        try await change(req, done: "The outcome has been added") { me, l, f in
            let item: NamedItem
            do {
                item = try NamedItem.validate(name: f["outcomeName"], description: f["description"], what: "outcome")
            } catch let v as ValidationFailure {
                throw ValidationFailure(
                    v.errors.map { FieldError($0.field == "name" ? "outcomeName" : $0.field, $0.message) })
            }
            try await req.frameworks.addOutcome(
                l.version.id!, theme: f["themeId"].flatMap(UUID.init(uuidString:)), item, by: me.actor)
        }
    }

    func addMeasure(req: Request) async throws -> Response {
        try await change(req, done: "The measure has been added") { me, l, f in
            try await req.frameworks.addMeasure(
                l.version.id!, outcome: f["outcomeId"].flatMap(UUID.init(uuidString:)),
                try Measure.validate(Self.measureInput(f)), by: me.actor)
        }
    }

    func measurePage(_ req: Request, _ l: Loaded, _ measureID: UUID, form: [String: String], errors: [FieldError])
        -> Response
    {
        Page(
            title: "Change a measure",
            breadcrumbs: [
                ("Frameworks", Paths.frameworks), (l.framework.name, Paths.framework(l.framework.id!)),
                (l.version.label, path(l)),
            ], errors: errors,
            content: """
                <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
                <h1 class="govuk-heading-l">Change a measure</h1>
                \(Components.form(action: Paths.version(l.framework.id!, l.version.id!, .measures, measureID), csrf: req.csrfToken(), measureFields(form, errors) + Components.button("Save")))
                </div></div>
                """
        ).render(req)
    }

    func editMeasure(req: Request) async throws -> Response {
        let (_, l) = try await owner(req)
        let m = try await req.frameworks.measure(try req.parameterID("measure"))
        guard m.$version.id == l.version.id else { throw Abort(.notFound) }
        return measurePage(
            req, l, m.id!,
            form: [
                "code": m.code, "name": m.name, "description": m.description, "unit": m.unit,
                "valuation": m.valuation, "evidence": m.evidence, "guidance": m.guidance,
            ], errors: [])
    }

    func updateMeasure(req: Request) async throws -> Response {
        let (me, l) = try await owner(req)
        let id = try req.parameterID("measure")
        let form = try req.form()
        do {
            let m = try await req.frameworks.measure(id)
            guard m.$version.id == l.version.id else { throw Abort(.notFound) }
            try await req.frameworks.updateMeasure(id, try Measure.validate(Self.measureInput(form)), by: me.actor)
            return req.seeOther(path(l), flash: "The measure has been saved")
        } catch let f as ValidationFailure {
            return measurePage(req, l, id, form: form, errors: f.errors)
        }
    }

    func removeMeasure(req: Request) async throws -> Response {
        try await change(req, done: "The measure has been removed") { me, l, _ in
            let m = try await req.frameworks.measure(try req.parameterID("measure"))
            guard m.$version.id == l.version.id else { throw Abort(.notFound) }
            try await req.frameworks.removeMeasure(m.id!, by: me.actor)
        }
    }

    func itemKind(_ req: Request) throws -> TreeItemKind {
        guard let kind = TreeItemKind(rawValue: req.parameters.get("kind") ?? "") else { throw Abort(.notFound) }
        return kind
    }

    /// The theme or outcome named in the path, checked to belong to this version.
    func item(_ req: Request, _ l: Loaded) async throws -> (TreeItemKind, UUID, NamedItem) {
        let kind = try itemKind(req)
        let id = try req.parameterID("item")
        let tree = try await req.frameworks.tree(of: l.version.id!)
        switch kind {
        case .theme:
            guard let t = tree.themes.first(where: { $0.model.id == id }) else { throw Abort(.notFound) }
            return (kind, id, NamedItem(name: t.model.name, description: t.model.description))
        case .outcome:
            guard let o = tree.outcomes.first(where: { $0.id == id }) else { throw Abort(.notFound) }
            return (kind, id, NamedItem(name: o.name, description: o.description))
        }
    }

    func itemPage(
        _ req: Request, _ l: Loaded, _ kind: TreeItemKind, _ id: UUID, form: [String: String], errors: [FieldError]
    ) -> Response {
        Page(
            title: "Change a \(kind.rawValue)",
            breadcrumbs: [
                ("Frameworks", Paths.frameworks), (l.framework.name, Paths.framework(l.framework.id!)),
                (l.version.label, path(l)),
            ], errors: errors,
            content: """
                <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
                <h1 class="govuk-heading-l">Change a \(kind.rawValue)</h1>
                \(Components.form(action: Paths.versionItem(l.framework.id!, l.version.id!, kind.rawValue, id), csrf: req.csrfToken(), """
                \(Components.textInput("name", label: "Name", value: form["name"], errors: errors))
                \(Components.textarea("description", label: "Description (optional)", value: form["description"], errors: errors, rows: 3, maxLength: 2_000))
                \(Components.button("Save"))
                """))
                </div></div>
                """
        ).render(req)
    }

    func editItem(req: Request) async throws -> Response {
        let (_, l) = try await owner(req)
        let (kind, id, current) = try await item(req, l)
        return itemPage(req, l, kind, id, form: ["name": current.name, "description": current.description], errors: [])
    }

    func renameItem(req: Request) async throws -> Response {
        let (me, l) = try await owner(req)
        let (kind, id, _) = try await item(req, l)
        let form = try req.form()
        do {
            try await req.frameworks.rename(
                kind, id,
                try NamedItem.validate(name: form["name"], description: form["description"], what: kind.rawValue),
                by: me.actor)
            return req.seeOther(path(l), flash: "The \(kind.rawValue) has been saved")
        } catch let f as ValidationFailure {
            return itemPage(req, l, kind, id, form: form, errors: f.errors)
        }
    }

    func removeItem(req: Request) async throws -> Response {
        try await change(req, done: "Removed, with everything under it") { me, l, _ in
            let (kind, id, _) = try await item(req, l)
            try await req.frameworks.remove(kind, id, by: me.actor)
        }
    }

    /// Compact group members comment, on behalf of the organisation their seat represents.
    func addComment(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let l = try await load(req)
        guard l.access.canComment else { throw StorageError.roleNotAllowed }
        let form = try req.form()
        do {
            let compacts = try await req.frameworks.commentingCompacts(for: l.framework)
            let seat = try await req.compacts.seats(ofUser: me.user.id!).first { compacts.contains($0.$compact.id) }
            try await req.frameworks.addComment(
                l.version.id!, targetKind: form["targetKind"],
                targetID: form["targetId"].flatMap(UUID.init(uuidString:)),
                text: form["text"], author: me.user, onBehalfOf: seat?.organisation.name ?? "", by: me.actor)
            return req.seeOther(path(l), flash: "Your comment has been added")
        } catch let f as ValidationFailure {
            return try await page(req, form: form, errors: f.errors)
        }
    }

    func respond(req: Request) async throws -> Response {
        try await change(req, done: "Your response has been added") { me, l, f in
            let id = try req.parameterID("comment")
            guard try await req.frameworks.comments(on: l.version.id!).contains(where: { $0.id == id }) else {
                throw Abort(.notFound)
            }
            try await req.frameworks.respond(to: id, text: f["response"], by: me.actor)
        }
    }
}
