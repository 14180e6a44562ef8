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
            let fid = try f.requireID()
            let adopted = try await req.frameworks.adoptedVersion(of: fid)
            let status: HTML =
                adopted.map { v in
                    let due = isReviewDue(CalendarDate(iso: v.reviewOn)!, status: v.status, today: today())
                    return HTML(
                        "\(v.label) adopted \(longDate(v.adoptedOn ?? "")) \(due ? Components.tag("Review due", colour: "red") : .empty)"
                    )
                } ?? "No version adopted yet"
            rows.append([
                Components.link(f.name, Paths.framework(fid)), "\(f.ownerName)",
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
        for c in compacts {
            let id = try c.requireID()
            if me.viewer.canEditFramework(.compact(id)) { options.append(("compact:\(id)", "Compact: \(c.name)")) }
        }
        let orgs = try await req.organisations.all().filter { $0.organisationKind.sector == .publicBody }
        for o in orgs {
            let id = try o.requireID()
            if me.viewer.canEditFramework(.organisation(id)) {
                options.append(("organisation:\(id)", "Public body: \(o.name)"))
            }
        }
        return options
    }

    func formPage(_ req: Request, form: NewFrameworkInput, errors: [FieldError]) async throws -> Response {
        let options = try await owners(req)
        guard !options.isEmpty else { throw StorageError.roleNotAllowed }
        let templates = FrameworkTemplate.allCases.map { ($0.rawValue, $0.label) }
        let review = form.reviewOn ?? today().adding(months: 24).iso
        return Page(
            title: "Start a framework", breadcrumbs: [("Frameworks", Paths.frameworks)], errors: errors,
            content: """
                <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
                <h1 class="govuk-heading-l">Start a framework</h1>
                \(Components.form(action: Paths.frameworks, csrf: req.csrfToken(), """
                \(Components.textInput("name", label: "Name", value: form.name, errors: errors, hint: "For example, ‘Eastmoor Social Value Framework’"))
                \(Components.select("owner", label: "Belongs to", options: options, selected: form.owner, errors: errors, hint: "A Compact’s framework is shared by every body that adopts it"))
                \(Components.select("template", label: "Start from", options: templates, selected: form.template ?? FrameworkTemplate.socialValueAct.rawValue, errors: errors, hint: "The template is copied; you then make it your own. Outcomes copied from a government model show whether their wording was verified.", includeBlank: nil))
                \(Components.dateInput("reviewOn", legend: "Review date", value: review, errors: errors, hint: "When the framework should be reviewed."))
                \(Components.button("Start framework"))
                """))
                </div></div>
                """
        ).render(req)
    }

    func new(req: Request) async throws -> Response { try await formPage(req, form: NewFrameworkInput(), errors: []) }

    func create(req: Request) async throws -> Response {
        let me = try req.requireUser()
        return try await req.handleForm(
            NewFrameworkInput.self,
            save: { input in
                var input = input
                input.tree = nil  // a form starts from a template
                let (f, v) = try await req.frameworks.create(input, viewer: me.viewer, by: me.actor)
                return Saved(
                    Paths.version(try f.requireID(), try v.requireID()),
                    "\(f.name) has been started as a draft. Make it your own, then send it out for consultation")
            },
            reshow: { input, errors in try await formPage(req, form: input, errors: errors) })
    }

    func show(req: Request) async throws -> Response {
        try await showPage(req, errors: [])
    }

    /// The overview; `contributor` and `workshop` refill the form that was sent with problems.
    func showPage(
        _ req: Request, contributor: ContributorInput = .init(), workshop: WorkshopInput = .init(), errors: [FieldError]
    ) async throws -> Response {
        let framework = try await req.frameworks.find(try req.parameterID())
        let viewer = req.currentUser?.viewer
        let access = try await req.frameworks.permissions(framework, viewer: viewer)
        let id = try framework.requireID()
        let versions = try await req.frameworks.versions(of: id, viewer: viewer)
        let contributors = try await req.frameworks.contributors(of: id)
        let workshops = try await req.frameworks.workshops(of: id)
        let csrf = req.csrfToken()
        let rows = try versions.map { v -> [HTML] in
            let due = isReviewDue(CalendarDate(iso: v.reviewOn)!, status: v.status, today: today())
            return [
                Components.link(v.label, Paths.version(id, try v.requireID())),
                Components.tag(v.status.label, colour: v.status.tagColour),
                "\(v.adoptedOn.map(longDate) ?? "–")",
                HTML("\(longDate(v.reviewOn)) \(due ? Components.tag("Review due", colour: "red") : .empty)"),
            ]
        }
        let organisations = access.canEdit ? try await req.organisations.all() : []
        let choices = try organisations.map { (try $0.requireID().uuidString, $0.name) }
        let attending = Components.checkboxes(
            "attending", legend: "Organisations that attended", options: choices,
            checked: Set((workshop.attending ?? []).map(\.uuidString)), errors: errors)
        let ownerForms: HTML =
            access.canEdit
            ? """
            \(Components.form(action: Paths.framework(id, .versions), csrf: csrf, Components.button("Start a new version", kind: "secondary")))
            <h3 class="govuk-heading-s">Record a contributor</h3>
            \(Components.form(action: Paths.framework(id, .contributors), csrf: csrf, """
                \(Components.select("organisationId", label: "Organisation", options: choices, selected: contributor.organisationId?.uuidString, errors: errors))
                \(Components.textInput("contribution", label: "How they contributed", value: contributor.contribution, errors: errors, maxLength: 500))
                \(Components.button("Add contributor", kind: "secondary"))
                """))
            <h3 class="govuk-heading-s">Record a workshop</h3>
            \(Components.form(action: Paths.framework(id, .workshops), csrf: csrf, """
                \(Components.dateInput("heldOn", legend: "Date held", value: workshop.heldOn, errors: errors))
                \(Components.textInput("title", label: "Title", value: workshop.title, errors: errors))
                \(attending)
                \(Components.textarea("notes", label: "Notes", value: workshop.notes, errors: errors))
                \(Components.button("Add workshop", kind: "secondary"))
                """))
            """ : .empty
        return Page(
            title: framework.name, breadcrumbs: [("Frameworks", Paths.frameworks)], errors: errors,
            content: """
                <span class="govuk-caption-l">\(framework.ownerName)</span>
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

    func newVersion(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let id = try req.parameterID()
        return try await req.handleForm(
            save: {
                let v = try await req.frameworks.newVersion(of: id, viewer: me.viewer, by: me.actor)
                return Saved(
                    Paths.version(id, try v.requireID()), "\(v.label) has been started as a copy of the adopted version"
                )
            },
            reshow: { errors in try await showPage(req, errors: errors) })
    }

    func addContributor(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let id = try req.parameterID()
        return try await req.handleForm(
            ContributorInput.self,
            save: { input in
                try await req.frameworks.addContributor(id, input, viewer: me.viewer, by: me.actor)
                return Saved(Paths.framework(id), "The contributor has been recorded")
            },
            reshow: { input, errors in try await showPage(req, contributor: input, errors: errors) })
    }

    func addWorkshop(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let id = try req.parameterID()
        return try await req.handleForm(
            WorkshopInput.self,
            save: { input in
                try await req.frameworks.addWorkshop(id, input, viewer: me.viewer, by: me.actor)
                return Saved(Paths.framework(id), "The workshop has been recorded")
            },
            reshow: { input, errors in try await showPage(req, workshop: input, errors: errors) })
    }
}
