import Fluent
import Foundation
import SocialValue
import Storage
import Vapor

/// Procurements: the body's list, the form (screened on every save), the procurement page with
/// its screening, recorded consideration, proportionality, status, comments and market
/// engagement events; and the public pipeline with its CSV and Atom feed.
struct ProcurementPages: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let p = routes.grouped("procurements")
        p.get(use: list)
        p.get("new", use: new)
        p.post(use: create)
        p.get(":id", use: show)
        p.get(":id", "edit", use: edit)
        p.post(":id", use: update)
        p.get(":id", "consideration", use: considerationPage)
        p.post(":id", "consideration", use: consider)
        p.get(":id", "consideration", "amend", use: amendConsiderationForm)
        p.post(":id", "consideration", "amend", use: amendConsideration)
        p.post(":id", "status", use: status)
        p.post(":id", "publish", use: publish)
        p.get(":id", "comments", use: showComments)
        p.post(":id", "comments", use: comment)
        p.get(":id", "engagement", use: showEngagement)
        p.post(":id", "events", use: addEvent)
        routes.post("events", ":id", "register", use: register)
        routes.post("events", ":id", "after", use: afterEvent)
        routes.get("pipeline", use: pipeline)
        routes.get("pipeline.csv", use: pipelineCSV)
        routes.get("pipeline.atom", use: pipelineAtom)
    }

    func procurementID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw Abort(.notFound) }
        return id
    }

    func managed(_ req: Request) async throws -> (CurrentUser, ProcurementModel) {
        let me = try req.requireUser()
        let p = try await req.procurements.find(try procurementID(req))
        guard me.viewer.canManageProcurement(owner: p.$owner.id) else { throw StorageError.roleNotAllowed }
        return (me, p)
    }

    /// The signed-in person and the procurement; the store checks what they may change.
    func signedIn(_ req: Request) async throws -> (CurrentUser, ProcurementModel) {
        let me = try req.requireUser()
        return (me, try await req.procurements.find(try procurementID(req)))
    }

    // MARK: List and form

    func list(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let items = try await req.procurements.owned(by: me.viewer)
        let deadlines = try await req.tenders.deadlines(ofProcurements: items.compactMap(\.id))
        let now = Date()
        let rows = items.map { p -> [HTML] in
            [
                "\(Components.link(p.title, Paths.procurement(p.id!)))", "\(p.owner.name)",
                "\(Components.tag(p.statusValue.label(tenderDeadline: deadlines[p.id!], now: now, managing: me.viewer.canManageProcurement(owner: p.$owner.id))))",
                "\(p.actApplies ? "Applies" : "Does not apply")", "\(consideredTag(p))",
            ]
        }
        let canStart = me.viewer.canStartProcurement
        return Page(
            title: "Procurements",
            content: """
                <h1 class="govuk-heading-l">Procurements</h1>
                <p class="govuk-body">Every procurement carries its Social Value Act screening and the recorded consideration of social value. \(Components.link("See the public pipeline", Paths.pipeline)) · \(Components.link("See the tenders", Paths.tenders))</p>
                \(canStart ? Components.link("Start a procurement", Paths.newProcurement) : .empty)
                \(items.isEmpty ? HTML("<p class=\"govuk-body\">No procurements yet.</p>") : Components.table(caption: "Your bodies’ procurements", headers: ["Title", "Public body", "Status", "Social Value Act", "Consideration"], rows: rows))
                """
        ).render(req)
    }

    func consideredTag(_ p: ProcurementModel) -> HTML {
        if p.considerationJSON != nil {
            return p.isLate
                ? Components.tag("Recorded late", colour: "red") : Components.tag("Recorded", colour: "green")
        }
        return p.considerationRequired
            ? Components.tag("Required", colour: "yellow") : Components.tag("Not required", colour: "grey")
    }

    func bodiesAndCompacts(_ req: Request, _ me: CurrentUser) async throws -> (
        [(value: String, label: String)], [(value: String, label: String)]
    ) {
        let bodies = me.organisations.filter { me.viewer.canManageProcurement(owner: $0.id!) }
        let signed = try await req.compacts.compactsSigned(by: bodies.compactMap(\.id))
        var seen = Set<UUID>()
        let compacts = signed.compactMap { s -> (value: String, label: String)? in
            guard seen.insert(s.compact.id!).inserted else { return nil }
            return (s.compact.id!.uuidString, s.compact.name)
        }
        return (bodies.map { ($0.id!.uuidString, $0.name) }, compacts)
    }

    /// The procurement form: it posts a `NewProcurement` (a new one) or a `ProcurementInput` (a
    /// change), the bodies the API takes, with the same field names.
    func formPage(
        _ req: Request, _ me: CurrentUser, existing: ProcurementModel?, form new: NewProcurement, errors: [FieldError]
    ) async throws -> Response {
        let f = new.procurement
        let (bodies, compacts) = try await bodiesAndCompacts(req, me)
        let ownerChoice = new.ownerId?.uuidString ?? (bodies.count == 1 ? bodies[0].value : nil)
        let compactChoice = new.compactId?.uuidString ?? (compacts.count == 1 ? compacts[0].value : nil)
        let action = existing.map { Paths.procurement($0.id!) } ?? Paths.procurements
        let title = existing == nil ? "Start a procurement" : "Change the procurement"
        let owner: HTML =
            existing == nil
            ? """
            \(Components.select("ownerId", label: "Public body", options: bodies, selected: ownerChoice, errors: errors))
            \(Components.select("compactId", label: "Local Compact", options: compacts, selected: compactChoice, errors: errors))
            """ : .empty
        let dates = ProcurementDates.fields.map { field -> HTML in
            Components.dateInput(
                field.key, legend: "Planned \(field.label) (optional)",
                value: ProcurementInput.dates[field.key].flatMap { f[keyPath: $0] }, errors: errors, example: "1 9 2026"
            )
        }
        var crumbs = [("Procurements", Paths.procurements)]
        if let existing { crumbs.append((existing.title, Paths.procurement(existing.id!))) }
        return Page(
            title: title, breadcrumbs: crumbs, errors: errors,
            content: """
                <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
                <h1 class="govuk-heading-l">\(title)</h1>
                <p class="govuk-body">The procurement is screened under the Social Value Act every time it is saved.</p>
                \(Components.form(action: action, csrf: req.csrfToken(), """
                  \(owner)
                  \(Components.textInput("title", label: "Title", value: f.title, errors: errors))
                  \(Components.textarea("description", label: "Description", value: f.description, errors: errors, rows: 4, maxLength: 5000))
                  \(Components.radios("kind", legend: "What the contract buys", options: ContractKind.allCases.map { ($0.rawValue, $0.label) }, selected: f.kind, errors: errors))
                  \(Components.checkbox("lightTouch", label: "Light-touch services (social, health, education and similar)", checked: f.lightTouch == true, errors: errors))
                  \(Components.textInput("value", label: "Estimated value (£)", value: f.value, errors: errors, hint: "The whole contract, including any extensions", width: "10", maxLength: 20))
                  \(Components.radios("valueIncludesVAT", legend: "The estimated value", options: [("yes", "includes VAT"), ("no", "excludes VAT")], selected: f.valueIncludesVAT == false ? "no" : "yes", errors: errors, inline: true))
                  <fieldset class="govuk-fieldset"><legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Mixed contracts only: the value of each part (£)</legend>
                  \(Components.textInput("servicesValue", label: "Services", value: f.servicesValue, errors: errors, width: "10", maxLength: 20))
                  \(Components.textInput("goodsValue", label: "Goods", value: f.goodsValue, errors: errors, width: "10", maxLength: 20))
                  \(Components.textInput("worksValue", label: "Works", value: f.worksValue, errors: errors, width: "10", maxLength: 20))
                  \(Components.checkbox("worksIncidental", label: "The works are only incidental to the services", checked: f.worksIncidental == true, errors: errors))
                  </fieldset>
                  \(Components.checkbox("frameworkCallOff", label: "This is a call-off under an existing framework", checked: f.frameworkCallOff == true, errors: errors))
                  \(Components.checkbox("establishesFramework", label: "This sets up a framework", checked: f.establishesFramework == true, errors: errors))
                  \(Components.textarea("lots", label: "Lots (optional, one per line)", value: f.lots?.joined(separator: "\n"), errors: errors, rows: 3, maxLength: 5000))
                  \(dates)
                  \(Components.checkbox("urgencyClaimed", label: "Urgency makes considering social value impractical", checked: f.urgencyClaimed == true, errors: errors))
                  \(Components.checkbox("urgencyCausedByAuthorityDelay", label: "The urgency comes from our own delay", checked: f.urgencyCausedByAuthorityDelay == true, errors: errors))
                  \(Components.textarea("urgencyReason", label: "Why it is urgent (if claimed)", value: f.urgencyReason, errors: errors, rows: 3, maxLength: 2000))
                  \(Components.button("Save and screen"))
                """))
                </div></div>
                """
        ).render(req)
    }

    func new(req: Request) async throws -> Response {
        let me = try req.require { $0.canStartProcurement }
        return try await formPage(req, me, existing: nil, form: NewProcurement(), errors: [])
    }

    func create(req: Request) async throws -> Response {
        let me = try req.require { $0.canStartProcurement }
        return try await req.handleForm(
            NewProcurement.self,
            save: { f in
                let p = try await req.procurements.create(
                    owner: f.ownerId, compact: f.compactId, f.procurement, viewer: me.viewer, by: me.actor)
                return Saved(Paths.procurement(try p.requireID()), "The procurement has been saved and screened")
            },
            reshow: { f, errors in try await formPage(req, me, existing: nil, form: f, errors: errors) })
    }

    func edit(req: Request) async throws -> Response {
        let (me, p) = try await managed(req)
        return try await formPage(
            req, me, existing: p, form: NewProcurement(ProcurementInput(p.details)), errors: [])
    }

    func update(req: Request) async throws -> Response {
        let (me, p) = try await signedIn(req)
        let id = try p.requireID()
        return try await req.handleForm(
            ProcurementInput.self,
            save: { f in
                _ = try await req.procurements.update(id, f, viewer: me.viewer, by: me.actor)
                return Saved(Paths.procurement(id), "The procurement has been saved and screened again")
            },
            reshow: { f, errors in try await formPage(req, me, existing: p, form: NewProcurement(f), errors: errors) })
    }

    // MARK: The procurement page

    func show(req: Request) async throws -> Response { try await page(req, errors: []) }

    func showEngagement(req: Request) async throws -> Response {
        try await page(req, errors: [], part: .engagement)
    }

    func showComments(req: Request) async throws -> Response {
        try await page(req, errors: [], part: .comments)
    }

    /// The procurement page is a summary (details, screening, the recorded consideration, the
    /// tender, and the status form last); market engagement and the comments agreeing the
    /// outcomes are pages of their own, linked from it (issue 13 §5: the page was too long).
    enum Part { case summary, engagement, comments }

    static func screeningHTML(_ p: ProcurementModel) -> HTML {
        guard case .object(_, let s) = p.screening else { return .empty }
        if case .string(let error)? = s["error"] { return "<p class=\"govuk-body\">Not screened: \(error)</p>" }
        var reasons: [HTML] = []
        if case .array(let items)? = s["reasons"] {
            reasons = items.compactMap {
                if case .string(let t) = $0 { return "<li>\(t)</li>" }
                return nil
            }
        }
        var must: [HTML] = []
        if case .array(let items)? = s["mustConsider"] {
            must = items.compactMap {
                if case .string(let t) = $0 { return "<li>\(t)</li>" }
                return nil
            }
        }
        var regime = ""
        if case .string(let r)? = s["regime"] { regime = ProcurementRegime(rawValue: r)?.label ?? r }
        var threshold = "No threshold needed"
        if case .object(_, let t)? = s["threshold"], case .string(let amount)? = t["amount"],
            case .bool(let vat)? = t["includesVAT"]
        {
            threshold = "\(Money.display(amount)) (\(vat ? "VAT included" : "VAT excluded"))"
        }
        let applies = s["actApplies"] == .bool(true)
        let urgency = s["urgencyExemption"] == .bool(true)
        return """
            <div class="govuk-inset-text" id="screening-result">
              <p class="govuk-body"><strong>\(applies ? "The Social Value Act applies" : "The Social Value Act does not apply")</strong>\(urgency ? HTML(", but urgency exempts the duty to the extent it makes it impractical") : .empty).\(applies ? .empty : HTML(" Consider social value anyway as good practice."))</p>
              \(Components.summaryList([.init("Rules in force", text: regime), .init("Threshold", text: threshold)]))
              <h3 class="govuk-heading-s">Reasons</h3>
              <ul class="govuk-list govuk-list--bullet">\(reasons)</ul>
              \(must.isEmpty ? HTML.empty : HTML("<h3 class=\"govuk-heading-s\">Before the procurement starts, the authority must consider</h3><ul class=\"govuk-list govuk-list--bullet\">\(must)</ul>"))
            </div>
            """
    }

    /// The procurement page (`procurement`, or the one in the path), with `errors` from a form
    /// posted from it.
    func page(
        _ req: Request, procurement: UUID? = nil, errors: [FieldError],
        status: HTTPStatus = .ok, part: Part = .summary
    ) async throws -> Response {
        let p = try await req.procurements.find(try procurement ?? procurementID(req))
        let viewer = req.currentUser?.viewer
        guard viewer.canSeeProcurement(owner: p.$owner.id, published: p.inPipeline) else { throw Abort(.notFound) }
        let canManage = viewer?.canManageProcurement(owner: p.$owner.id) ?? false
        let csrf = req.csrfToken()
        let d = p.details
        let id = p.id!
        let deadline = try await req.tenders.deadlines(ofProcurements: [id])[id]
        var sections: [HTML] = []
        let dateRows = ProcurementDates.fields.map { f in
            Components.Row(
                f.label.prefix(1).uppercased() + f.label.dropFirst(),
                text: d.dates[keyPath: f.path]?.longForm ?? "Not planned yet")
        }
        var rows: [Components.Row] =
            [
                .init("Public body", text: p.owner.name),
                .init("Local Compact", Components.link(p.compact.name, Paths.compact(p.$compact.id))),
                .init(
                    "Status",
                    HTML(
                        "\(Components.tag(p.statusValue.label(tenderDeadline: deadline, now: Date(), managing: canManage)))\(p.cancelReason.map { HTML(" \($0)") } ?? .empty)"
                    )),
                .init("What it buys", text: d.kind.label + (d.lightTouch ? ", light-touch services" : "")),
                .init(
                    "Value",
                    text: canManage
                        ? "\(d.value) (\(d.valueIncludesVAT ? "including" : "excluding") VAT)"
                        : Procurement.valueBand(p.value).label),
                .init("Lots", text: d.lots.isEmpty ? "None" : d.lots.joined(separator: "; ")),
            ] + dateRows
        rows.append(
            .init(
                "Pipeline notice",
                text: p.pipelinePublishedOn.map {
                    "Published \(longDate($0))" + (p.noticeWeeks.map { ", \($0) weeks before the tender opened" } ?? "")
                } ?? "Not in the pipeline"))
        if let started = p.startedOn { rows.append(.init("Procurement started", text: longDate(started))) }
        sections.append(Components.summaryList(rows))
        if canManage {
            var actions: [HTML] = [
                "<li>\(Components.link("Change the details", Paths.procurement(id, .edit), context: "of \(p.title)"))</li>"
            ]
            if !p.inPipeline && p.statusValue.isForthcoming {
                actions.append(
                    "<li>\(Components.inlineAction(action: Paths.procurement(id, .publish), csrf: csrf, label: "Publish in the pipeline", context: p.title, kind: "secondary"))</li>"
                )
            }
            sections.append("<ul class=\"govuk-list\">\(actions)</ul>")
        }
        sections.append("<h2 class=\"govuk-heading-m\">Social Value Act screening</h2>\(Self.screeningHTML(p))")

        // The consideration: a summary card linking to its own page
        let authority = p.owner.organisationKind.authorityType
        let suggestion = Procurement.proportionality(settings: p.compact.settings, value: p.value, authority: authority)
        sections.append(
            try await considerationCard(
                req, p, canManage: canManage,
                proportion: p.consideration == nil ? Self.proportionHTML(p, suggestion) : .empty))

        sections.append(try await TenderPages.section(req, p, canManage: canManage))

        // Status: last on the summary
        var statusForm: HTML = .empty
        if canManage && !p.statusValue.next.isEmpty {
            let options = p.statusValue.next.map { ($0.rawValue, $0.label) }
            statusForm =
                ("""
                <h2 class="govuk-heading-m">Move the procurement on</h2>
                \(Components.form(action: Paths.procurement(id, .status), csrf: csrf, """
                  \(Components.radios("status", legend: "New status", options: options, selected: nil, errors: errors))
                  \(Components.textInput("cancelReason", label: "Reason, if cancelling", value: nil, errors: errors, maxLength: 2000))
                  \(Components.button("Change status", kind: "secondary"))
                """))
                """)
        }

        // Market engagement events
        let events = try await req.procurements.events(of: id)
        var eventHTML: [HTML] = []
        for e in events {
            let regs = try await req.procurements.registrations(for: e.id!)
            let kind = e.kind.label
            var extra: HTML = .empty
            if let v = viewer, v.canRegisterForEvents, p.inPipeline, !regs.contains(where: { $0.$user.id == v.userID }),
                regs.count < e.capacity, (CalendarDate(iso: e.heldOn) ?? today()) >= today()
            {
                extra = Components.inlineAction(
                    action: Paths.event(e.id!, .register), csrf: csrf, label: "Register", context: "for \(e.title)",
                    kind: "primary")
            } else if let v = viewer, regs.contains(where: { $0.$user.id == v.userID }) {
                extra = HTML("<p class=\"govuk-body\">You are registered.</p>")
            }
            if canManage {
                let boxes = regs.map { r in
                    (
                        value: r.$user.id.uuidString,
                        label: "\(r.user.displayName)\(r.organisation.map { ", \($0.name)" } ?? "")"
                    )
                }
                let attended = Set(regs.filter(\.attended).map { $0.$user.id.uuidString })
                let eventID = try e.requireID()
                let attendance =
                    regs.isEmpty
                    ? HTML.empty
                    : Components.checkboxes(
                        "attendedUserIds", legend: "Who attended", options: boxes, checked: attended, errors: [],
                        id: "attended-\(eventID)")
                extra =
                    extra
                    + Components.form(
                        action: Paths.event(e.id!, .after), csrf: csrf,
                        """
                        \(attendance)
                        \(Components.textarea("notes", label: "Notes to publish after \(e.title)", value: e.notes, errors: [], rows: 3, id: "notes-\(e.id!)"))
                        \(Components.button("Publish the notes", kind: "secondary"))
                        """)
            }
            eventHTML.append(
                """
                <div class="cw-card">
                <h3 class="govuk-heading-s">\(e.title)</h3>
                \(Components.summaryList([.init("Kind", text: kind), .init("Date", text: longDate(e.heldOn)), .init("Place or link", text: e.place),
                                          .init("Places", text: "\(regs.count) of \(e.capacity) taken"),
                                          .init("Attended", text: e.notesPublished ? "\(regs.filter(\.attended).count)" : "Not recorded yet"),
                                          .init("Notes", text: e.notesPublished ? e.notes : "Published after the event")]))
                \(extra)
                </div>
                """)
        }
        var eventForm: HTML = .empty
        if canManage && ![.closed, .cancelled].contains(p.statusValue) {
            eventForm = """
                <h3 class="govuk-heading-s">Add an event</h3>
                \(Components.form(action: Paths.procurement(id, .events), csrf: csrf, """
                  \(Components.select("kind", label: "Kind of event", options: ProcurementStore.EventKind.allCases.map { ($0.rawValue, $0.label) }, selected: nil, errors: errors))
                  \(Components.textInput("title", label: "Event title", value: nil, errors: errors))
                  \(Components.dateInput("heldOn", legend: "Date", value: nil, errors: errors, example: "1 9 2026"))
                  \(Components.textInput("place", label: "Place or link to join", value: nil, errors: errors, maxLength: 500))
                  \(Components.textInput("capacity", label: "Number of places", value: nil, errors: errors, width: "4", maxLength: 5))
                  \(Components.button("Add the event", kind: "secondary"))
                """))
                """
        }
        let engagement: HTML =
            "<h2 class=\"govuk-heading-m\">Events</h2>\(events.isEmpty ? HTML("<p class=\"govuk-body\">No events yet.</p>") : HTML.join(eventHTML))\(eventForm)"

        // Comments: outcomes agreed before the contract
        let comments = try await req.procurements.comments(on: id)
        var commentRows: [HTML] = []
        for c in comments {
            let at =
                c.eventID.flatMap { eid in events.first { $0.id == eid } }.map { HTML(" (at \($0.title))") } ?? .empty
            var inConsultation: HTML = .empty
            if let cid = c.consultationID, let consultation = try? await req.consultations.find(cid) {
                inConsultation = HTML(
                    " (in the consultation \(Components.link(consultation.title, Paths.consultation(cid))))")
            }
            commentRows.append(
                "<li><strong>\(c.organisation?.name ?? c.author)</strong>: \(c.comment)\(at)\(inConsultation)</li>")
        }
        var commentForm: HTML = .empty
        let canComment = canManage || (viewer?.canRegisterForEvents ?? false) && p.inPipeline
        if canComment {
            let eventOptions = events.map { ($0.id!.uuidString, $0.title) }
            let consultations = try await req.consultations.published(ownedBy: p.$owner.id).map {
                ($0.id!.uuidString, $0.title)
            }
            commentForm = Components.form(
                action: Paths.procurement(id, .comments), csrf: csrf,
                """
                \(Components.textarea("comment", label: "Your comment on the outcomes and measures", value: nil, errors: errors, rows: 3, maxLength: 5000, id: "new-comment"))
                \(eventOptions.isEmpty ? HTML.empty : Components.select("eventId", label: "Made at an event (optional)", options: eventOptions, selected: nil, errors: [], includeBlank: "Not at an event"))
                \(consultations.isEmpty ? HTML.empty : Components.select("consultationId", label: "Made in a consultation (optional)", options: consultations, selected: nil, errors: [], includeBlank: "Not in a consultation"))
                \(Components.button("Add the comment", kind: "secondary"))
                """)
        }
        let commentsHTML: HTML =
            ("""
            <p class="govuk-body">Compact principle 3.6: outcomes, including social value, and how they are monitored are agreed before the contract.</p>
            \(comments.isEmpty ? HTML("<p class=\"govuk-body\">No comments yet.</p>") : HTML("<ul class=\"govuk-list\">\(commentRows)</ul>"))
            \(commentForm)
            """)
        let crumbs = canManage ? [("Procurements", Paths.procurements)] : [("Pipeline", Paths.pipeline)]
        if part != .summary {
            let heading =
                part == .engagement ? "Market engagement" : "Agreeing the outcomes with VCS partners and bidders"
            return Page(
                title: "\(heading): \(p.title)", breadcrumbs: crumbs + [(p.title, Paths.procurement(id))],
                errors: errors,
                content: """
                    <span class="govuk-caption-l">\(p.title)</span>
                    <h1 class="govuk-heading-l">\(heading)</h1>
                    \(part == .engagement ? engagement : commentsHTML)
                    <p class="govuk-body">\(Components.link("Back to the procurement", Paths.procurement(id)))</p>
                    """, status: status
            ).render(req)
        }
        sections.append(
            Self.moreSections(
                id, consideration: Self.considerationStatus(p), events: events.count, comments: comments.count))
        sections.append(statusForm)
        return Page(
            title: p.title,
            breadcrumbs: crumbs,
            errors: errors,
            content: """
                <span class="govuk-caption-l">\(p.owner.name)</span>
                <h1 class="govuk-heading-l">\(p.title)</h1>
                \(HTML.paragraphs(p.description))
                \(HTML.join(sections))
                """, status: status
        ).render(req)
    }

    /// Where the consideration stands, for the task list.
    static func considerationStatus(_ p: ProcurementModel) -> String {
        guard p.consideration != nil else { return p.considerationRequired ? "Not recorded yet" : "Not required" }
        return p.isLate ? "Signed off late" : "Signed off"
    }

    /// The links to the procurement's own pages for the consideration, market engagement and the
    /// comments, as a GOV.UK task list with what each holds.
    static func moreSections(_ id: UUID, consideration: String, events: Int, comments: Int) -> HTML {
        func item(_ name: String, _ path: String, _ key: String, _ status: String) -> HTML {
            """
            <li class="govuk-task-list__item govuk-task-list__item--with-link">
              <div class="govuk-task-list__name-and-hint"><a class="govuk-link govuk-task-list__link" href="\(path)" aria-describedby="part-\(key)-status">\(name)</a></div>
              <div class="govuk-task-list__status" id="part-\(key)-status">\(status)</div>
            </li>
            """
        }
        return """
            <h2 class="govuk-heading-m" id="more">Consideration, engagement and outcomes</h2>
            <ul class="govuk-task-list">
            \(item("The social value consideration", Paths.procurement(id, .consideration), "consideration", consideration))
            \(item("Market engagement", Paths.procurement(id, .engagement), "engagement", events == 0 ? "No events yet" : Plural.count(events, "event")))
            \(item("Agreeing the outcomes with VCS partners and bidders", Paths.procurement(id, .comments), "comments", comments == 0 ? "No comments yet" : Plural.count(comments, "comment")))
            </ul>
            """
    }

    /// Moves the procurement on. Cancelling is done only from its confirmation page
    /// (`confirmed=yes`); a post to cancel without it shows that page and changes nothing.
    func status(req: Request) async throws -> Response {
        let (me, p) = try await signedIn(req)
        let id = try p.requireID()
        let input = try req.formInput(ProcurementTransitionInput.self)
        let cancelling = input.status == ProcurementStatus.cancelled.rawValue
        if cancelling && !Confirmation.isConfirmed(req) {
            guard me.viewer.canManageProcurement(owner: p.$owner.id) else { throw StorageError.roleNotAllowed }
            return try await cancelPage(req, p, reason: input.cancelReason, errors: [])
        }
        return try await req.handleForm(
            decoded: input,
            save: { f in
                let updated = try await req.procurements.transition(
                    id, to: f.status, cancelReason: f.cancelReason, viewer: me.viewer, by: me.actor)
                return Saved(Paths.procurement(id), "The procurement is now \(updated.statusValue.label.lowercased())")
            },
            reshow: { f, errors in
                cancelling
                    ? try await cancelPage(req, p, reason: f.cancelReason, errors: errors)
                    : try await page(req, errors: errors)
            })
    }

    func publish(req: Request) async throws -> Response {
        let (me, p) = try await signedIn(req)
        let id = try p.requireID()
        return try await req.handleForm(
            save: {
                _ = try await req.procurements.publishToPipeline(id, viewer: me.viewer, by: me.actor)
                return Saved(Paths.procurement(id), "‘\(p.title)’ is now in the public pipeline")
            },
            reshow: { errors in try await page(req, errors: errors) })
    }

    func comment(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let p = try await req.procurements.find(try procurementID(req))
        let id = try p.requireID()
        let org = me.viewer.memberships.first { $0.role == .supplierMember }?.organisationID
        let canManage = me.viewer.canManageProcurement(owner: p.$owner.id)
        return try await req.handleForm(
            ProcurementCommentInput.self,
            save: { f in
                try await req.procurements.addComment(
                    id, organisation: canManage ? p.$owner.id : org, author: me.user.displayName, comment: f.comment,
                    event: f.eventId, consultation: f.consultationId, viewer: me.viewer, by: me.actor)
                return Saved(Paths.procurement(id, .comments), "Your comment has been added")
            },
            reshow: { _, errors in try await page(req, errors: errors, part: .comments) })
    }

    func addEvent(req: Request) async throws -> Response {
        let (me, p) = try await signedIn(req)
        let id = try p.requireID()
        return try await req.handleForm(
            EngagementEventInput.self,
            save: { input in
                _ = try await req.procurements.addEvent(id, input, viewer: me.viewer, by: me.actor)
                return Saved(Paths.procurement(id, .engagement), "The event has been added")
            },
            reshow: { _, errors in try await page(req, errors: errors, part: .engagement) })
    }

    func register(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let e = try await req.procurements.event(try procurementID(req))
        let org = me.viewer.memberships.first { $0.role == .supplierMember }?.organisationID
        return try await req.handleForm(
            save: {
                try await req.procurements.register(
                    event: try e.requireID(), user: me.viewer.userID, organisation: org, viewer: me.viewer,
                    by: me.actor)
                return Saved(Paths.procurement(e.$procurement.id, .engagement), "You are registered for \(e.title)")
            },
            reshow: { errors in
                try await page(
                    req, procurement: e.$procurement.id, errors: errors, part: .engagement)
            })
    }

    func afterEvent(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let e = try await req.procurements.event(try procurementID(req))
        let eventID = try e.requireID()
        return try await req.handleForm(
            EventNotesInput.self,
            save: { f in
                let regs = try await req.procurements.registrations(for: eventID)
                let attended = Set(
                    try regs.filter { (f.attendedUserIds ?? []).contains($0.$user.id) }.map { try $0.requireID() })
                try await req.procurements.recordAfterEvent(
                    eventID, attended: attended, notes: f.notes, viewer: me.viewer, by: me.actor)
                return Saved(
                    Paths.procurement(e.$procurement.id, .engagement), "The notes from \(e.title) are published")
            },
            reshow: { _, errors in
                try await page(
                    req, procurement: e.$procurement.id, errors: errors, part: .engagement)
            })
    }

    // MARK: The public pipeline

    func pipeline(req: Request) async throws -> Response {
        var errors: [FieldError] = []
        var search = ProcurementStore.PipelineSearch()
        do { search = try PipelineQuery.search(req) } catch let e as ValidationFailure { errors = e.errors }
        let items = try await req.procurements.pipeline(search)
        let themes = try await req.procurements.pipelineThemes()
        let bodies = try await req.organisations.publicBodies()
        let q: (String) -> String? = { req.query[String.self, at: $0] }
        let filters: HTML = """
            \(Components.select("ownerId", label: "Public body", options: bodies.map { ($0.id!.uuidString, $0.name) }, selected: q("ownerId"), errors: errors, includeBlank: "Any public body"))
            \(Components.select("theme", label: "Theme", options: themes.map { ($0, $0) }, selected: q("theme"), errors: errors, includeBlank: "Any theme"))
            \(Components.select("value", label: "Value", options: Procurement.valueBands.map { ($0.code, $0.label) }, selected: q("value"), errors: errors, includeBlank: "Any value"))
            \(Components.select("kind", label: "What it buys", options: ContractKind.allCases.map { ($0.rawValue, $0.label) }, selected: q("kind"), errors: errors, includeBlank: "Anything"))
            \(Components.dateInput("from", legend: "Tender expected from", value: PipelineQuery.rawDate(req, "from"), errors: errors, example: "1 9 2026"))
            \(Components.dateInput("to", legend: "Tender expected by", value: PipelineQuery.rawDate(req, "to"), errors: errors, example: "31 3 2027"))
            """
        let page = ListPage(requested: req.query[Int.self, at: "page"], size: 25, total: items.count)
        let rows = page.slice(items).map { p -> [HTML] in
            [
                "\(Components.link(p.title, Paths.procurement(p.id!)))", "\(p.owner.name)",
                "\(p.tenderOpensOn.map(longDate) ?? "To be confirmed")",
                "\(Procurement.valueBand(p.value).label)",
                "\(p.outcomeList.isEmpty ? "Not set yet" : p.outcomeList.joined(separator: "; "))",
            ]
        }
        let query = req.url.query.map { "?" + $0 } ?? ""
        // The next pages keep the filters, the dates as ISO text.
        var pageQuery = ["q", "ownerId", "theme", "value", "kind"].reduce(into: [String: String]()) {
            $0[$1] = q($1) ?? ""
        }
        pageQuery["from"] = search.from?.iso ?? ""
        pageQuery["to"] = search.to?.iso ?? ""
        return Page(
            title: "Pipeline of forthcoming opportunities", errors: errors,
            content: """
                <h1 class="govuk-heading-l">Pipeline of forthcoming opportunities</h1>
                <p class="govuk-body">Contracts public bodies plan to tender, published early so suppliers and voluntary and community organisations can prepare (Compact principle 2.3). Tenders open for bids now are under \(Components.link("open tenders", Paths.tenders)).</p>
                \(Components.searchForm(path: Paths.pipeline, label: "Search the pipeline", query: q("q"), filters: filters))
                <p class="govuk-body">\(items.count) \(items.count == 1 ? "opportunity" : "opportunities"). \(Components.link("Download as CSV", Paths.pipelineCSV + query, context: "(the pipeline)")) · \(Components.link("Atom feed", Paths.pipelineAtom, context: "of the pipeline"))</p>
                \(items.isEmpty ? HTML("<p class=\"govuk-body\">No forthcoming opportunities match.</p>") : Components.table(caption: "Forthcoming opportunities", headers: ["Opportunity", "Public body", "Expected tender date", "Value band", "Outcomes sought"], rows: rows))
                \(items.isEmpty ? .empty : Components.pagination(page, path: Paths.pipeline, query: pageQuery))
                """
        ).render(req)
    }

    static let csvColumns = [
        "id", "title", "public_body", "compact", "kind", "value_band", "expected_tender_date", "pipeline_published_on",
        "status", "themes", "outcomes_sought", "url",
    ]

    func pipelineCSV(req: Request) async throws -> Response {
        let items = try await req.procurements.pipeline(try PipelineQuery.search(req))
        var text = CSV.byteOrderMark + CSV.line(Self.csvColumns)
        for p in items {
            text += CSV.line([
                p.id!.uuidString, p.title, p.owner.name, p.compact.name, p.kind.rawValue,
                Procurement.valueBand(p.value).label,
                p.tenderOpensOn ?? "", p.pipelinePublishedOn ?? "", p.status, p.themeList.joined(separator: "; "),
                p.outcomeList.joined(separator: "; "), Paths.procurement(p.id!),
            ])
        }
        let r = Response(status: .ok, body: .init(string: text))
        r.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        r.headers.contentDisposition = .init(.attachment, filename: "pipeline.csv")
        return r
    }

    func pipelineAtom(req: Request) async throws -> Response {
        let items = try await req.procurements.pipeline(try PipelineQuery.search(req))
        func stamp(_ d: Date?) -> String {
            let f = ISO8601DateFormatter()
            return f.string(from: d ?? Date(timeIntervalSince1970: 0))
        }
        // Links are built on the configured public address, never the request's Host header
        // (issue 19 item 6); text is escaped for XML 1.0, dropping what XML cannot hold (item 5).
        let base = req.settings.publicURL
        func xml(_ text: String) -> HTML { HTML(raw: XMLText.escape(text)) }
        let updated = stamp(items.compactMap(\.updatedAt).max())
        let entries = items.map { p -> HTML in
            let summary =
                "\(p.description) Expected tender date: \(p.tenderOpensOn ?? "to be confirmed"). Value: \(Procurement.valueBand(p.value).label)."
            return """
                <entry>
                  <id>urn:uuid:\(p.id!.uuidString.lowercased())</id>
                  <title>\(xml(p.title))</title>
                  <link href="\(xml(base + Paths.procurement(p.id!)))"/>
                  <updated>\(stamp(p.updatedAt))</updated>
                  <author><name>\(xml(p.owner.name))</name></author>
                  <summary>\(xml(summary))</summary>
                </entry>
                """
        }
        let body: HTML = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <id>\(xml(base + Paths.pipelineAtom))</id>
              <title>Commonweal pipeline of forthcoming opportunities</title>
              <link rel="self" href="\(xml(base + Paths.pipelineAtom))"/>
              <link href="\(xml(base + Paths.pipeline))"/>
              <updated>\(updated)</updated>
              \(entries)
            </feed>
            """
        let r = Response(status: .ok, body: .init(string: body.raw))
        r.headers.contentType = HTTPMediaType(
            type: "application", subType: "atom+xml", parameters: ["charset": "utf-8"])
        return r
    }
}
