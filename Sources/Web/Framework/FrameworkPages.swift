import Fluent
import SocialValue
import Storage
import Vapor

/// Frameworks: list, create from a template, overview with versions and co-production.
struct FrameworkPages: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let f = routes.grouped("frameworks")
        f.get(use: list)
        f.get("new", use: new)
        f.post(use: create)
        f.get(":id", use: show)
        f.post(":id", "versions", use: newVersion)
        f.post(":id", "contributors", use: addContributor)
        f.post(":id", "workshops", use: addWorkshop)
        try f.register(collection: FrameworkVersionPages())
    }

    func list(req: Request) async throws -> Response {
        let q = req.query[String.self, at: "q"]?.trimmingCharacters(in: .whitespaces)
        let (frameworks, page) = try await req.frameworks.list(search: q, page: req.query[Int.self, at: "page"])
        var rows: [[HTML]] = []
        for f in frameworks {
            let adopted = try await req.frameworks.adoptedVersion(of: f.id!)
            let status: HTML =
                adopted.map { v in
                    let due = isReviewDue(CalendarDate(iso: v.reviewOn)!, status: v.status, today: today())
                    return HTML(
                        "\(v.label) adopted \(longDate(v.adoptedOn ?? "")) \(due ? Components.tag("Review due", colour: "red") : .empty)"
                    )
                } ?? "No version adopted yet"
            rows.append([
                Components.link(f.name, Paths.framework(f.id!)), "\(f.compact?.name ?? f.organisation?.name ?? "")",
                status,
            ])
        }
        let canCreate = req.currentUser?.viewer.canStartFramework ?? false
        return Page(
            title: "Social value frameworks", breadcrumbs: [("Home", Paths.home)],
            content: """
                <h1 class="govuk-heading-l">Social value frameworks</h1>
                <p class="govuk-body">A framework is an area’s agreed definition of social value, with themes, outcomes and measures that every commissioning body uses.</p>
                \(canCreate ? "<a class=\"govuk-button\" href=\"\(Paths.newFramework)\">Start a framework</a>" as HTML : .empty)
                \(Components.searchForm(path: Paths.frameworks, label: "Search by name", query: q))
                \(rows.isEmpty ? "<p class=\"govuk-body\">No frameworks yet.</p>" : Components.table(caption: "Frameworks", headers: ["Framework", "Belongs to", "Adopted version"], rows: rows))
                \(Components.pagination(page, path: Paths.frameworks, query: ["q": q ?? ""]))
                """
        ).render(req)
    }

    /// Owners the person may create a framework for: Compacts on whose group they sit, bodies
    /// where they are a commissioner (all of them for the admin).
    func owners(_ req: Request) async throws -> [(value: String, label: String)] {
        let me = try req.requireUser()
        var options: [(String, String)] = []
        let compacts = try await req.compacts.all()
        for c in compacts where me.viewer.canEditFramework(.compact(c.id!)) {
            options.append(("compact:\(c.id!)", "Compact: \(c.name)"))
        }
        let orgs = try await req.organisations.all().filter { $0.organisationKind.sector == .publicBody }
        for o in orgs where me.viewer.canEditFramework(.organisation(o.id!)) {
            options.append(("organisation:\(o.id!)", "Public body: \(o.name)"))
        }
        return options
    }

    func formPage(_ req: Request, form: [String: String], errors: [FieldError]) async throws -> Response {
        let options = try await owners(req)
        guard !options.isEmpty else { throw StorageError.roleNotAllowed }
        return Page(
            title: "Start a framework", breadcrumbs: [("Frameworks", Paths.frameworks)], errors: errors,
            content: """
                <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
                <h1 class="govuk-heading-l">Start a framework</h1>
                \(Components.form(action: Paths.frameworks, csrf: req.csrfToken(), """
                \(Components.textInput("name", label: "Name", value: form["name"], errors: errors, hint: "For example, ‘Eastmoor Social Value Framework’"))
                \(Components.select("owner", label: "Belongs to", options: options, selected: form["owner"], errors: errors, hint: "A Compact’s framework is shared by every body that adopts it"))
                \(Components.select("template", label: "Start from", options: FrameworkTemplate.allCases.map { ($0.rawValue, $0.label) }, selected: form["template"] ?? FrameworkTemplate.socialValueAct.rawValue, errors: errors, hint: "The template is copied; you then make it your own. Outcomes copied from a government model show whether their wording was verified.", includeBlank: nil))
                \(Components.textInput("reviewOn", label: "Review date", value: form["reviewOn"] ?? today().adding(months: 24).iso, errors: errors, hint: "When the framework should be reviewed, as year-month-day", width: "10", maxLength: 10))
                \(Components.button("Start framework"))
                """))
                </div></div>
                """
        ).render(req)
    }

    func new(req: Request) async throws -> Response { try await formPage(req, form: [:], errors: []) }

    static func owner(_ raw: String?) -> FrameworkOwner? {
        guard let raw else { return nil }
        let parts = raw.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let id = UUID(uuidString: parts[1]) else { return nil }
        switch parts[0] {
        case "compact": return .compact(id)
        case "organisation": return .organisation(id)
        default: return nil
        }
    }

    func create(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let form = try req.form()
        do {
            guard let owner = Self.owner(form["owner"]) else {
                throw ValidationFailure("owner", "Select who the framework belongs to")
            }
            guard me.viewer.canEditFramework(owner) else { throw StorageError.roleNotAllowed }
            guard let template = FrameworkTemplate(rawValue: form["template"] ?? "") else {
                throw ValidationFailure("template", "Select a template to start from")
            }
            let (f, v) = try await req.frameworks.create(
                name: form["name"], owner: owner, template: template.rawValue,
                tree: try FrameworkTemplateLibrary.tree(for: template), reviewOn: form["reviewOn"], by: me.actor)
            return req.seeOther(
                Paths.version(f.id!, v.id!),
                flash: "\(f.name) has been started as a draft. Make it your own, then send it out for consultation")
        } catch let failure as ValidationFailure {
            return try await formPage(req, form: form, errors: failure.errors)
        }
    }

    func show(req: Request) async throws -> Response {
        try await showPage(req, form: [:], errors: [])
    }

    func showPage(_ req: Request, form: [String: String], errors: [FieldError]) async throws -> Response {
        let framework = try await req.frameworks.find(try req.parameterID())
        let access = try await FrameworkAccess.load(req, framework)
        let id = framework.id!
        let versions = try await req.frameworks.versions(of: id).filter(access.canSee)
        let contributors = try await req.frameworks.contributors(of: id)
        let workshops = try await req.frameworks.workshops(of: id)
        let csrf = req.csrfToken()
        let rows = versions.map { v -> [HTML] in
            let due = isReviewDue(CalendarDate(iso: v.reviewOn)!, status: v.status, today: today())
            return [
                Components.link(v.label, Paths.version(id, v.id!)),
                Components.tag(v.status.label, colour: v.status.tagColour),
                "\(v.adoptedOn.map(longDate) ?? "–")",
                HTML("\(longDate(v.reviewOn)) \(due ? Components.tag("Review due", colour: "red") : .empty)"),
            ]
        }
        let organisations = access.canEdit ? try await req.organisations.all() : []
        let ownerForms: HTML =
            access.canEdit
            ? """
            \(Components.form(action: Paths.framework(id, .versions), csrf: csrf, Components.button("Start a new version", kind: "secondary")))
            <h3 class="govuk-heading-s">Record a contributor</h3>
            \(Components.form(action: Paths.framework(id, .contributors), csrf: csrf, """
                \(Components.select("organisationId", label: "Organisation", options: organisations.map { ($0.id!.uuidString, $0.name) }, selected: form["organisationId"], errors: errors))
                \(Components.textInput("contribution", label: "How they contributed", value: form["contribution"], errors: errors, maxLength: 500))
                \(Components.button("Add contributor", kind: "secondary"))
                """))
            <h3 class="govuk-heading-s">Record a workshop</h3>
            \(Components.form(action: Paths.framework(id, .workshops), csrf: csrf, """
                \(Components.textInput("heldOn", label: "Date held", value: form["heldOn"], errors: errors, hint: "As year-month-day", width: "10", maxLength: 10))
                \(Components.textInput("title", label: "Title", value: form["title"], errors: errors))
                \(attendeeBoxes(organisations, errors))
                \(Components.textarea("notes", label: "Notes", value: form["notes"], errors: errors))
                \(Components.button("Add workshop", kind: "secondary"))
                """))
            """ : .empty
        return Page(
            title: framework.name, breadcrumbs: [("Frameworks", Paths.frameworks)], errors: errors,
            content: """
                <span class="govuk-caption-l">\(access.ownerName)</span>
                <h1 class="govuk-heading-l">\(framework.name)</h1>
                \(versions.isEmpty ? "<p class=\"govuk-body\">No version is published yet.</p>" : Components.table(caption: "Versions", headers: ["Version", "Status", "Adopted", "Review"], rows: rows))
                <h2 class="govuk-heading-m">How it was made</h2>
                <p class="govuk-body">The guidance asks each area to co-produce its definition of social value with the voluntary and community sector.</p>
                \(contributors.isEmpty ? "<p class=\"govuk-body\">No contributors recorded yet.</p>" : Components.table(caption: "Contributors", headers: ["Organisation", "Contribution"], rows: contributors.map { ["\($0.organisation.name)", "\($0.contribution)"] }))
                \(workshops.isEmpty ? "<p class=\"govuk-body\">No workshops recorded yet.</p>" : Components.table(caption: "Workshops", headers: ["Date", "Workshop", "Attended", "Notes"], rows: workshops.map { ["\(longDate($0.heldOn))", "\($0.title)", "\($0.attendees.joined(separator: ", "))", "\($0.notes)"] }))
                \(ownerForms)
                """
        ).render(req)
    }

    func attendeeBoxes(_ orgs: [OrganisationModel], _ errors: [FieldError]) -> HTML {
        let (error, _) = Components.errorMessage("attending", errors)
        let boxes = orgs.enumerated().map { i, o -> HTML in
            """
            <div class="govuk-checkboxes__item">
              <input class="govuk-checkboxes__input" id="attending-\(i)" name="attending.\(i)" type="checkbox" value="\(o.id!.uuidString)">
              <label class="govuk-label govuk-checkboxes__label" for="attending-\(i)">\(o.name)</label>
            </div>
            """
        }
        return """
            <div class="govuk-form-group\(error.raw.isEmpty ? "" : " govuk-form-group--error")" id="attending">
            <fieldset class="govuk-fieldset"><legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Organisations that attended</legend>
            \(error)<div class="govuk-checkboxes govuk-checkboxes--small">\(boxes)</div></fieldset></div>
            """
    }

    /// The ids of checked boxes named `prefix.N`.
    static func checked(_ form: [String: String], prefix: String) -> [UUID] {
        form.filter { $0.key.hasPrefix(prefix + ".") }.compactMap { UUID(uuidString: $0.value) }
    }

    func ownerAccess(_ req: Request) async throws -> (CurrentUser, FrameworkModel) {
        let me = try req.requireUser()
        let framework = try await req.frameworks.find(try req.parameterID())
        guard me.viewer.canEditFramework(framework.owner) else { throw StorageError.roleNotAllowed }
        return (me, framework)
    }

    func newVersion(req: Request) async throws -> Response {
        let (me, f) = try await ownerAccess(req)
        _ = try req.form()
        do {
            let v = try await req.frameworks.newVersion(of: f.id!, by: me.actor)
            return req.seeOther(
                Paths.version(f.id!, v.id!), flash: "\(v.label) has been started as a copy of the adopted version")
        } catch let failure as ValidationFailure {
            return try await showPage(req, form: [:], errors: failure.errors)
        }
    }

    func addContributor(req: Request) async throws -> Response {
        let (me, f) = try await ownerAccess(req)
        let form = try req.form()
        do {
            try await req.frameworks.addContributor(
                f.id!, organisation: form["organisationId"].flatMap(UUID.init(uuidString:)),
                contribution: form["contribution"], by: me.actor)
            return req.seeOther(Paths.framework(f.id!), flash: "The contributor has been recorded")
        } catch let failure as ValidationFailure {
            return try await showPage(req, form: form, errors: failure.errors)
        }
    }

    func addWorkshop(req: Request) async throws -> Response {
        let (me, f) = try await ownerAccess(req)
        let form = try req.form()
        do {
            try await req.frameworks.addWorkshop(
                f.id!, heldOn: form["heldOn"], title: form["title"], notes: form["notes"],
                attending: Self.checked(form, prefix: "attending"), by: me.actor)
            return req.seeOther(Paths.framework(f.id!), flash: "The workshop has been recorded")
        } catch let failure as ValidationFailure {
            return try await showPage(req, form: form, errors: failure.errors)
        }
    }
}
