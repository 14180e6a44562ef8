import SocialValue
import Storage
import Vapor

/// The public local Compact register, and its register entry and reviews.
struct CompactPages: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let compacts = routes.grouped("compacts")
        compacts.get(use: list)
        compacts.get("new", use: new)
        compacts.post(use: create)
        compacts.get(":id", use: show)
        compacts.get(":id", "edit", use: edit)
        compacts.post(":id", use: update)
        compacts.get(":id", "reviews", use: reviews)
        compacts.get(":id", "reviews", "new", use: newReview)
        compacts.post(":id", "reviews", use: recordReview)
        compacts.get(":id", "amend", use: amendment)
        compacts.post(":id", "amend", use: amend)
        try compacts.register(collection: CompactSettingsPages())
        try compacts.register(collection: CompactPartiesPages())
    }

    static func reviewTag(_ c: CompactModel) -> HTML {
        let due = CalendarDate(iso: c.nextReviewOn).map { $0 <= today() } ?? false
        return due ? Components.tag("Review due", colour: "red") : Components.tag("In date", colour: "green")
    }

    func list(req: Request) async throws -> Response {
        let q = req.query[String.self, at: "q"]?.trimmingCharacters(in: .whitespaces)
        let (compacts, page) = try await req.compacts.list(search: q, page: req.query[Int.self, at: "page"])
        let rows = try compacts.map { c -> [HTML] in
            [
                Components.link(c.name, Paths.compact(try c.requireID())), "\(c.area)", "\(c.version)",
                "\(longDate(c.nextReviewOn))", Self.reviewTag(c),
            ]
        }
        let table: HTML =
            compacts.isEmpty
            ? "<p class=\"govuk-body\">No local Compacts match.</p>"
            : Components.table(
                caption: "Local Compacts", headers: ["Compact", "Area", "Version", "Next review", "Status"], rows: rows)
        let add: HTML =
            (req.currentUser?.viewer.canCreateCompact ?? false)
            ? "<a class=\"govuk-button\" href=\"\(Paths.newCompact)\">Add a local Compact</a>" : .empty
        return Page(
            title: "Local Compacts", breadcrumbs: [("Home", Paths.home)],
            content: """
                <h1 class="govuk-heading-l">Local Compacts</h1>
                <p class="govuk-body">A local Compact is the agreement between the public bodies of an area and its voluntary and community sector about how they work together.</p>
                \(add)
                \(Components.searchForm(path: Paths.compacts, label: "Search by name or area", query: q))
                \(table)
                \(Components.pagination(page, path: Paths.compacts, query: ["q": q ?? ""]))
                """
        ).render(req)
    }

    func show(req: Request) async throws -> Response {
        let compact = try await req.compacts.find(try req.parameterID())
        let id = try compact.requireID()
        let canManage = req.currentUser?.viewer.canManageCompact(id) ?? false
        let signatories = try await req.compacts.signatories(of: id)
        let seats = try await req.compacts.seats(of: id)
        let principles = try await req.compacts.principles(of: id)
        let versions = try await req.compacts.versions(of: id)
        let s = compact.settings
        let due = compact.details.isReviewDue(today: today())
        let dueWarning: HTML =
            due
            ? """
            <div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span>
            <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>This Compact was due for review on \(longDate(compact.nextReviewOn)).</strong></div>
            """ : .empty
        func manage(_ label: String, _ page: Paths.Compact) -> HTML? {
            canManage ? Components.link(label, Paths.compact(id, page)) : nil
        }
        let signatoryRows = try signatories.map { sig -> [HTML] in
            [
                Components.link(sig.organisation.name, Paths.organisation(try sig.organisation.requireID())),
                "\(sig.organisation.organisationKind.label)", "\(longDate(sig.signedOn))",
                "\(sig.signedVersion.map { "Version \($0)" } ?? "Not recorded")",
            ]
        }
        let seatRows = seats.map { seat -> [HTML] in
            ["\(seat.user.displayName)", "\(seat.position)", "\(seat.organisation.name)"]
        }
        let principleItems = principles.map { p -> HTML in
            """
            <div class="govuk-summary-card"><div class="govuk-summary-card__title-wrapper"><h3 class="govuk-summary-card__title">\(CompactPages.heading(code: p.code, title: p.title))</h3></div>
            <div class="govuk-summary-card__content"><p class="govuk-body">\(p.text)</p>\(p.productRule.isEmpty ? HTML.empty : "<p class=\"govuk-body cw-meta\">What Commonweal checks: \(p.productRule)</p>")</div></div>
            """
        }
        let bandRows = s.bands.enumerated().map { i, b -> [HTML] in
            let upper = s.upperBound(ofBand: i)
            let range =
                upper.map { "\(Money(pence: b.fromPence)) to under \($0)" } ?? "\(Money(pence: b.fromPence)) and above"
            return ["\(range)", "\(b.minWeightingPercent)% to \(b.maxWeightingPercent)%", "\(b.monitoring.label)"]
        }
        let actions: HTML =
            canManage
            ? """
            <div class="govuk-button-group">
              <a class="govuk-button govuk-button--secondary" href="\(Paths.compact(id, .edit))">Change details</a>
              <a class="govuk-button govuk-button--secondary" href="\(Paths.compact(id, .newReview))">Record a review</a>
              \(versions.isEmpty ? HTML.empty : "<a class=\"govuk-button govuk-button--secondary\" href=\"\(Paths.compact(id, .amend))\">Amend the Compact</a>")
            </div>
            """ : .empty
        let summary = Components.summaryList([
            .init("Area", text: compact.area),
            .init("Version", text: compact.version),
            .init("Adopted", text: longDate(compact.adoptedOn)),
            .init(
                "Next review", HTML("\(longDate(compact.nextReviewOn)) \(Self.reviewTag(compact))"),
                action: Components.link("Review history", Paths.compact(id, .reviews))),
        ])
        let summary2 = Components.summaryList([
            .init("Minimum consultation period", text: "\(s.minimumConsultationDays) days"),
            .init(
                "Minimum notice before reducing or ending funding",
                text: "\(s.minimumNoticeMonths) calendar month\(s.minimumNoticeMonths == 1 ? "" : "s")"),
            .init(
                "Social value considered in all procurements",
                text: s.considerSocialValueInAllProcurements
                    ? "Yes, not only those the Act covers" : "Only where the Social Value Act applies"),
        ])
        return Page(
            title: compact.name, breadcrumbs: [("Local Compacts", Paths.compacts)],
            content: """
                <span class="govuk-caption-l">\(compact.area)</span>
                <h1 class="govuk-heading-l">\(compact.name)</h1>
                \(dueWarning)
                \(actions)
                \(summary)
                <ul class="govuk-list">
                  <li>\(Components.link("Joint social value strategy", Paths.compact(id, .strategy)))</li>
                  <li>\(Components.link("Social value market statement", Paths.compact(id, .marketStatement)))</li>
                </ul>
                <h2 class="govuk-heading-m">The Compact</h2>
                \(CompactView.versionLine(versions, showAuthors: canManage))
                \(HTML.paragraphs(compact.text))
                <h2 class="govuk-heading-m">Signatories</h2>
                \(signatories.isEmpty ? "<p class=\"govuk-body\">No organisation has signed yet.</p>" : Components.table(caption: "Organisations that have signed", headers: ["Organisation", "Kind", "Signed", "Signed version"], rows: signatoryRows))
                \(manage("Manage signatories", .signatories).map { "<p class=\"govuk-body\">\($0)</p>" as HTML })
                <h2 class="govuk-heading-m">The Compact group</h2>
                \(seats.isEmpty ? "<p class=\"govuk-body\">No group members are recorded yet.</p>" : Components.table(caption: "Members of the Compact group", headers: ["Name", "Position", "Organisation"], rows: seatRows))
                \(manage("Manage the group", .group).map { "<p class=\"govuk-body\">\($0)</p>" as HTML })
                <h2 class="govuk-heading-m">Principles as adopted locally</h2>
                \(principleItems)
                \(versions.isEmpty ? manage("Change the principles", .principles).map { "<p class=\"govuk-body\">\($0)</p>" as HTML } : nil)
                \(CompactView.earlierVersions(versions, showAuthors: canManage))
                <h2 class="govuk-heading-m">Settings</h2>
                \(summary2)
                \(Components.table(caption: "Proportionality: social value weighting and monitoring by contract value", headers: ["Contract value", "Suggested social value weighting", "Monitoring"], rows: bandRows))
                \(manage("Change the settings", .settings).map { "<p class=\"govuk-body\">\($0)</p>" as HTML })
                <h2 class="govuk-heading-m">Consultations</h2>
                <p class="govuk-body">\(Components.link("Consultations under the \(compact.name)", "\(Paths.consultations)?compact=\(id)")) · \(Components.link("How each body keeps to it on consultation", "\(Paths.consultationCompliance)?compact=\(id)"))</p>
                """
        ).render(req)
    }

    func formPage(
        _ req: Request, title: String, action: String, input: CompactInput, errors: [FieldError], back: String,
        signed: Bool = false
    ) -> Response {
        // Once signed, the text changes only by an amendment: the form carries it unchanged.
        let textField: HTML =
            signed
            ? """
            <input type="hidden" name="text" value="\(input.text ?? "")">
            <div class="govuk-inset-text">The Compact has been signed, so its text and principles are not changed here: \(Components.link("amend the Compact", action + "/amend")) to make a new version with your reason.</div>
            """
            : Components.textarea(
                "text", label: "Text of the Compact", value: input.text, errors: errors,
                hint: "Separate paragraphs with a blank line.", rows: 12, maxLength: 100_000)
        return Page(
            title: title, breadcrumbs: [("Local Compacts", Paths.compacts)], errors: errors,
            content: """
                <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
                <h1 class="govuk-heading-l">\(title)</h1>
                \(Components.form(action: action, csrf: req.csrfToken(), """
                \(Components.textInput("name", label: "Name", value: input.name, errors: errors, hint: "For example, ‘Eastmoor Compact’"))
                \(Components.textInput("area", label: "Area covered", value: input.area, errors: errors, width: "20", maxLength: 100))
                \(Components.textInput("version", label: "Version", value: input.version, errors: errors, hint: "For example, 2.1", width: "5", maxLength: 20))
                \(Components.dateInput("adoptedOn", legend: "Date adopted", value: input.adoptedOn, errors: errors, example: "1 3 2024"))
                \(Components.dateInput("nextReviewOn", legend: "Date of next review", value: input.nextReviewOn, errors: errors, hint: "Within five years of adoption.", example: "1 3 2026"))
                \(textField)
                <div class="govuk-button-group">\(Components.button("Save"))<a class="govuk-link" href="\(back)">Cancel</a></div>
                """))
                </div></div>
                """
        ).render(req)
    }

    /// The form page (a blank one) is shown to those the store would let save it.
    func new(req: Request) throws -> Response {
        _ = try req.require { $0.canCreateCompact }
        return formPage(
            req, title: "Add a local Compact", action: Paths.compacts, input: CompactInput(), errors: [],
            back: Paths.compacts)
    }

    func create(req: Request) async throws -> Response {
        let me = try req.requireUser()
        return try await req.handleForm(CompactInput.self) { input in
            let c = try await req.compacts.create(input, viewer: me.viewer, by: me.actor)
            return Saved(
                Paths.compact(try c.requireID()),
                "\(c.name) has been added, with the national principles and default settings to adapt")
        } reshow: { input, errors in
            formPage(
                req, title: "Add a local Compact", action: Paths.compacts, input: input, errors: errors,
                back: Paths.compacts)
        }
    }

    func edit(req: Request) async throws -> Response {
        let id = try req.parameterID()
        _ = try req.require { $0.canManageCompact(id) }
        let c = try await req.compacts.find(id)
        let signed = !(try await req.compacts.versions(of: id)).isEmpty
        return formPage(
            req, title: "Change \(c.name)", action: Paths.compact(id), input: CompactInput(c.details), errors: [],
            back: Paths.compact(id), signed: signed)
    }

    func update(req: Request) async throws -> Response {
        let id = try req.parameterID()
        let me = try req.requireUser()
        return try await req.handleForm(CompactInput.self) { input in
            let c = try await req.compacts.update(id, input, viewer: me.viewer, by: me.actor)
            return Saved(Paths.compact(id), "\(c.name) has been saved")
        } reshow: { input, errors in
            let signed = !(try await req.compacts.versions(of: id)).isEmpty
            return formPage(
                req, title: "Change the Compact", action: Paths.compact(id), input: input, errors: errors,
                back: Paths.compact(id), signed: signed)
        }
    }

    func reviews(req: Request) async throws -> Response {
        let c = try await req.compacts.find(try req.parameterID())
        let id = try c.requireID()
        let reviews = try await req.compacts.reviews(of: id)
        let items = reviews.map { r -> HTML in
            """
            <div class="govuk-summary-card"><div class="govuk-summary-card__title-wrapper"><h2 class="govuk-summary-card__title">Review of \(longDate(r.reviewedOn))</h2></div>
            <div class="govuk-summary-card__content">\(Components.summaryList([
                .init("Version", text: r.versionBefore == r.versionAfter ? "\(r.versionAfter) (unchanged)" : "\(r.versionBefore) to \(r.versionAfter)"),
                .init("What the review found and changed", text: r.summary),
                .init("Next review set for", text: longDate(r.nextReviewOn)),
                .init("Recorded by", text: r.recordedBy),
            ]))</div></div>
            """
        }
        return Page(
            title: "Review history – \(c.name)",
            breadcrumbs: [("Local Compacts", Paths.compacts), (c.name, Paths.compact(id))],
            content: """
                <span class="govuk-caption-l">\(c.name)</span>
                <h1 class="govuk-heading-l">Review history</h1>
                <p class="govuk-body">Adopted \(longDate(c.adoptedOn)). Next review \(longDate(c.nextReviewOn)) \(Self.reviewTag(c)).</p>
                \(reviews.isEmpty ? "<p class=\"govuk-body\">No review has been recorded yet.</p>" : HTML.join(items))
                """
        ).render(req)
    }

    /// The review form: it posts a `CompactReviewInput`, the body the API takes.
    func reviewForm(_ req: Request, _ c: CompactModel, input: CompactReviewInput?, errors: [FieldError]) throws
        -> Response
    {
        let id = try c.requireID()
        let f =
            input
            ?? CompactReviewInput(
                reviewedOn: today().iso, versionAfter: c.version, nextReviewOn: today().adding(months: 12).iso)
        return Page(
            title: "Record a review",
            breadcrumbs: [("Local Compacts", Paths.compacts), (c.name, Paths.compact(id))], errors: errors,
            content: """
                <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
                <span class="govuk-caption-l">\(c.name)</span>
                <h1 class="govuk-heading-l">Record a review</h1>
                \(Components.form(action: Paths.compact(id, .reviews), csrf: req.csrfToken(), """
                \(Components.dateInput("reviewedOn", legend: "Date of the review", value: f.reviewedOn, errors: errors))
                \(Components.textInput("versionAfter", label: "Version after the review", value: f.versionAfter, errors: errors, hint: "Keep the same version if nothing changed", width: "5", maxLength: 20))
                \(Components.textarea("summary", label: "What the review found and changed", value: f.summary, errors: errors))
                \(Components.dateInput("nextReviewOn", legend: "Date of the next review", value: f.nextReviewOn, errors: errors))
                \(Components.button("Record review"))
                """))
                </div></div>
                """
        ).render(req)
    }

    func newReview(req: Request) async throws -> Response {
        let id = try req.parameterID()
        _ = try req.require { $0.canManageCompact(id) }
        return try reviewForm(req, try await req.compacts.find(id), input: nil, errors: [])
    }

    func recordReview(req: Request) async throws -> Response {
        let id = try req.parameterID()
        let me = try req.requireUser()
        return try await req.handleForm(CompactReviewInput.self) { input in
            try await req.compacts.recordReview(id, input, viewer: me.viewer, by: me.actor)
            return Saved(Paths.compact(id, .reviews), "The review has been recorded")
        } reshow: { input, errors in
            try reviewForm(req, try await req.compacts.find(id), input: input, errors: errors)
        }
    }
}
