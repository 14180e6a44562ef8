import SocialValue
import Storage
import Vapor

/// The public consultation finder, each consultation's page, and writing and publishing one.
struct ConsultationPages: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let c = routes.grouped("consultations")
        c.get(use: finder)
        c.get("compliance", use: compliance)
        c.get("new", use: new)
        c.post(use: create)
        c.get(":id", use: show)
        c.get(":id", "edit", use: edit)
        c.post(":id", use: update)
        c.post(":id", "delete", use: delete)
        c.get(":id", "publish", use: checkPublish)
        c.post(":id", "publish", use: publish)
        try c.register(collection: ConsultationContentPages())
        try c.register(collection: ConsultationResponsePages())
        try routes.register(collection: MyResponsesPages())
    }

    // MARK: The finder

    func finder(req: Request) async throws -> Response {
        let me = req.currentUser
        let q = req.query[String.self, at: "q"]?.trimmingCharacters(in: .whitespaces)
        let statusRaw = req.query[String.self, at: "status"] ?? ""
        let status = ConsultationStore.Search.Status(rawValue: statusRaw) ?? .all
        let bodyRaw = req.query[String.self, at: "body"] ?? ""
        let compactRaw = req.query[String.self, at: "compact"] ?? ""
        let subjectRaw = req.query[String.self, at: "subject"] ?? ""
        let audienceRaw = req.query[String.self, at: "audience"] ?? ""
        let periodRaw = req.query[String.self, at: "period"] ?? ""
        let search = ConsultationStore.Search(
            text: q, status: status, owner: UUID(uuidString: bodyRaw), compact: UUID(uuidString: compactRaw),
            subject: ConsultationSubject(rawValue: subjectRaw), audience: audienceRaw.isEmpty ? nil : audienceRaw,
            period: .init(rawValue: periodRaw), page: req.query[Int.self, at: "page"])
        let (list, page) = try await req.consultations.search(search, viewer: me?.viewer)
        let outcomes = try await req.consultations.withPublishedOutcome(list.map { $0.id! })
        let now = Date()
        let rows = list.map { c -> [HTML] in
            let phase = c.phase(at: now, summaryPublished: outcomes.contains(c.id!))
            return [
                "\(Components.link(c.title, Paths.consultation(c.id!)))<br><span class=\"cw-meta\">\(c.owner.name) · \(c.subjectKind.label)</span>",
                ConsultationView.phaseTag(phase), "\(ConsultationView.dates(c))", ConsultationView.periodTag(c),
                ConsultationView.noticeTag(c),
            ]
        }
        let bodies = try await req.organisations.list(sector: .publicBody, pageSize: 100).0
        let (compacts, _) = try await req.compacts.list(pageSize: 100)
        var statuses: [(String, String)] = [("open", "Open"), ("forthcoming", "Forthcoming"), ("closed", "Closed")]
        if me != nil { statuses.append(("draft", "Drafts you can see")) }
        let filters: HTML = """
            \(Components.select("status", label: "Status", options: statuses, selected: statusRaw, errors: [], includeBlank: "Open, forthcoming and closed"))
            \(Components.select("body", label: "Public body", options: bodies.map { ($0.id!.uuidString, $0.name) }, selected: bodyRaw, errors: [], includeBlank: "Any body"))
            \(Components.select("compact", label: "Local Compact", options: compacts.map { ($0.id!.uuidString, $0.name) }, selected: compactRaw, errors: [], includeBlank: "Any Compact"))
            \(Components.select("subject", label: "About", options: ConsultationSubject.allCases.map { ($0.rawValue, $0.label) }, selected: subjectRaw, errors: [], includeBlank: "Anything"))
            \(Components.select("audience", label: "Who can respond", options: [("vcs", "VCS organisations"), ("suppliers", "Suppliers"), ("public", "The public")], selected: audienceRaw, errors: [], includeBlank: "Anyone asked"))
            \(Components.select("period", label: "Period", options: [("meets-minimum", "Meets the Compact’s minimum"), ("shorter", "Shorter than the minimum")], selected: periodRaw, errors: [], includeBlank: "Any period"))
            """
        let table: HTML =
            list.isEmpty
            ? "<p class=\"govuk-body\">No consultations match. Try a different search or clear the filters.</p>"
            : Components.table(
                caption: "Consultations", headers: ["Consultation", "Status", "Dates", "Period", "Early notice"],
                rows: rows)
        let add: HTML =
            (me?.viewer.canCreateConsultation ?? false)
            ? "<a class=\"govuk-button\" href=\"\(Paths.newConsultation)\">Start a consultation</a>" : .empty
        return Page(
            title: "Consultations", breadcrumbs: [("Home", Paths.home)],
            content: """
                <h1 class="govuk-heading-l">Consultations</h1>
                <p class="govuk-body">Public bodies consult the voluntary and community sector, suppliers and the public under their local Compact. The Compact asks for early notice of consultations and for twelve weeks to respond, with the reason published whenever a consultation is shorter.</p>
                <p class="govuk-body">\(Components.link("How each body keeps to the Compact", Paths.consultationCompliance))</p>
                \(add)
                \(Components.searchForm(path: Paths.consultations, label: "Search titles and summaries", query: q, filters: filters))
                \(table)
                \(Components.pagination(page, path: Paths.consultations, query: ["q": q ?? "", "status": statusRaw, "body": bodyRaw, "compact": compactRaw, "subject": subjectRaw, "audience": audienceRaw, "period": periodRaw]))
                """
        ).render(req)
    }

    // MARK: Compliance

    func compliance(req: Request) async throws -> Response {
        let compactRaw = req.query[String.self, at: "compact"] ?? ""
        let rows = try await req.consultations.compliance(compact: UUID(uuidString: compactRaw))
        let (compacts, _) = try await req.compacts.list(pageSize: 100)
        let filter = Components.select(
            "compact", label: "Local Compact", options: compacts.map { ($0.id!.uuidString, $0.name) },
            selected: compactRaw, errors: [], includeBlank: "Every Compact")
        return Page(
            title: "Keeping to the Compact on consultation", breadcrumbs: [("Consultations", Paths.consultations)],
            content: """
                <h1 class="govuk-heading-l">Keeping to the Compact on consultation</h1>
                <p class="govuk-body">For each public body and local Compact: how many consultations have opened, how many ran for at least the Compact’s minimum period (principle 2.4), the shorter ones with their published reasons, and the median early notice given before opening (principle 2.3).</p>
                <div class="govuk-inset-text">A consultation counts once it has opened. Its period is the number of calendar days from its opening date to its closing date, against the minimum that applied when it was published. Early notice runs from the day it was published as forthcoming to its opening date; one published on the day it opened had none.</div>
                <form class="cw-search" method="get" action="\(Paths.consultationCompliance)">\(filter)<button type="submit" class="govuk-button govuk-button--secondary">Show</button></form>
                \(ConsultationView.compliance(rows, caption: "Consultation compliance by body and Compact"))
                """
        ).render(req)
    }

    // MARK: One consultation

    func show(req: Request) async throws -> Response {
        let (c, phase) = try await req.visibleConsultation()
        let id = try c.requireID()
        let viewer = req.currentUser?.viewer
        let canManage = viewer?.canManageConsultation(owner: c.$owner.id) ?? false
        let questions = try await req.consultations.questions(of: id, for: viewer)
        let documents = try await req.consultations.documents(of: id, for: viewer)
        let invitations = try await req.consultations.invitations(of: id)
        let outcome = try await req.consultations.outcome(of: id, for: viewer)
        let count =
            viewer.canCountConsultationResponses(owner: c.$owner.id, closed: phase.hasClosed)
            ? try await req.responses.submittedCount(id, viewer: viewer) : nil
        let period = c.period
        let minimum = c.isPublished ? c.minimumDays : c.compact.minConsultationDays
        let csrf = req.csrfToken()

        var rows: [Components.Row] = [
            .init("Run by", text: c.owner.name),
            .init("Under", Components.link(c.compact.name, Paths.compact(c.$compact.id))),
            .init("About", text: ConsultationView.about(c)),
            .init("Who can respond", text: c.audience.label.prefix(1).uppercased() + c.audience.label.dropFirst()),
            .init("Opens", text: period.opensOn.longForm),
            .init("Closes", text: UKTime.deadlineText(period.closesOn) + " (UK time)"),
            .init(
                "Period",
                HTML(
                    "\(ConsultationPeriod.describe(days: period.days)). The \(c.compact.name)’s minimum is \(ConsultationPeriod.describe(days: minimum)). \(ConsultationView.periodTag(c))"
                )),
        ]
        if let linked = c.linkedFrameworkVersionID, let v = try? await req.frameworks.versionSummary(linked) {
            rows.insert(
                .init(
                    "Framework version",
                    Components.link("\(v.framework.name), \(v.label)", Paths.version(v.$framework.id, linked))), at: 3)
        }
        if let linked = c.linkedProcurementID, let procurement = try? await req.procurements.find(linked) {
            rows.insert(.init("Procurement", Components.link(procurement.title, Paths.procurement(linked))), at: 3)
        }
        if c.isPublished {
            let notice =
                c.noticeDate.map {
                    "Announced on \($0.longForm): \(ConsultationRules.describeNotice(days: c.noticeDays))."
                }
                ?? "Published on the day it opened, with no early notice."
            rows.append(.init("Early notice", text: notice))
        }
        if let count {
            rows.append(.init("Responses sent", text: count == 1 ? "1 response" : "\(count) responses"))
        }
        let reason: HTML =
            c.meetsMinimum || c.shortPeriodReason == nil
            ? .empty
            : """
            <div class="govuk-inset-text" id="short-period-reason"><h2 class="govuk-heading-s">Why this consultation is shorter than \(ConsultationPeriod.describe(days: minimum))</h2>\(HTML.paragraphs(c.shortPeriodReason ?? ""))</div>
            """
        let draftWarning: HTML =
            phase == .draft
            ? """
            <div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span>
            <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>This is a draft. Only people at \(c.owner.name), the \(c.compact.name) group and the administrator can see it.</strong></div>
            """ : .empty
        let docs: HTML =
            documents.isEmpty
            ? "<p class=\"govuk-body\">No documents.</p>"
            : """
            <ul class="govuk-list">\(documents.map { d -> HTML in "<li>\(Components.link(d.title, Paths.consultation(id, .documents, d.id))) <span class=\"cw-meta\">(\(ConsultationView.documentMeta(d)))</span></li>" })</ul>
            """
        let questionList: HTML =
            questions.isEmpty
            ? "<p class=\"govuk-body\">No questions yet.</p>"
            : """
            <ol class="govuk-list govuk-list--number">\(questions.map { q -> HTML in
                let question = q.question
                let extra: HTML = question.kind.hasChoices ? " <span class=\"cw-meta\">(\(question.kind.label.lowercased()): \(question.options.joined(separator: "; ")))</span>" : " <span class=\"cw-meta\">(\(question.kind.label.lowercased()))</span>"
                return "<li>\(question.text)\(question.required ? "" : " (optional)")\(extra)</li>"
            })</ol>
            """
        let invited: HTML =
            invitations.isEmpty
            ? .empty
            : """
            <h2 class="govuk-heading-m">Organisations invited</h2>
            <p class="govuk-body">The \(c.compact.name)’s voluntary and community sector organisations were invited when this consultation was published.</p>
            <ul class="govuk-list govuk-list--bullet">\(invitations.map { i -> HTML in "<li>\(i.organisation.name)</li>" })</ul>
            """
        var outcomeHTML: HTML = .empty
        if let outcome {
            let versions =
                outcome.publishedAt == nil ? [] : try await req.consultations.outcomeVersions(of: id, for: viewer)
            outcomeHTML = ConsultationView.outcome(
                outcome, versions: versions, owner: c.owner.name, showAuthors: canManage)
        }
        let manage: HTML =
            canManage
            ? try await managePanel(
                req, c, phase: phase, csrf: csrf, questions: questions.count, documents: documents.count,
                responses: count ?? 0) : .empty
        return Page(
            title: c.title, breadcrumbs: [("Consultations", Paths.consultations)],
            content: """
                \(ConsultationView.caption(c))
                <h1 class="govuk-heading-l">\(c.title)</h1>
                <p class="govuk-body">\(ConsultationView.phaseTag(phase)) \(ConsultationView.periodTag(c)) \(ConsultationView.noticeTag(c))</p>
                \(draftWarning)
                \(try await respondPanel(req, c, phase: phase))
                \(manage)
                \(HTML.paragraphs(c.summary))
                \(reason)
                \(Components.summaryList(rows))
                \(outcomeHTML)
                <h2 class="govuk-heading-m">Documents</h2>
                \(docs)
                <h2 class="govuk-heading-m">Questions</h2>
                \(questionList)
                \(invited)
                """
        ).render(req)
    }

    /// What the person can do about responding, given the phase and who they are.
    func respondPanel(_ req: Request, _ c: ConsultationModel, phase: ConsultationPhase) async throws -> HTML {
        let id = try c.requireID()
        let deadline = "Responses close at \(UKTime.deadlineText(c.period.closesOn)) (UK time)."
        switch phase {
        case .draft: return .empty
        case .forthcoming:
            return
                "<div class=\"govuk-inset-text\">This consultation opens on \(c.period.opensOn.longForm). You can read it now and respond from then.</div>"
        case .closed, .summaryPublished:
            return
                "<div class=\"govuk-inset-text\">This consultation closed at \(UKTime.deadlineText(c.period.closesOn)).\(phase == .closed ? " The outcome will be published here." : "")</div>"
        case .open:
            guard let me = req.currentUser else {
                if c.audiencePublic {
                    return """
                        <p class="govuk-body">\(deadline)</p>
                        <a class="govuk-button govuk-button--start" href="\(Paths.consultation(id, .respond))">Respond to this consultation</a>
                        <p class="govuk-body">You do not need an account. To respond for an organisation, \(Components.link("sign in", Paths.signIn(next: Paths.consultation(id)))) first.</p>
                        """
                }
                return
                    "<div class=\"govuk-inset-text\">This consultation asks \(c.audience.label) to respond. \(Components.link("Sign in", Paths.signIn(next: Paths.consultation(id)))) to respond for your organisation. \(deadline)</div>"
            }
            let capacities = try await req.responses.capacities(for: c, user: me.user)
            guard !capacities.isEmpty else {
                return
                    "<div class=\"govuk-inset-text\">This consultation asks \(c.audience.label) to respond, and you do not belong to an organisation it asks.</div>"
            }
            var items: [HTML] = []
            for capacity in capacities {
                let existing = try await req.responses.existing(id, as: capacity, viewer: me.viewer)
                let label = try await capacityLabel(req, capacity)
                let href = "\(Paths.consultation(id, .respond))?as=\(capacity.code)"
                let status: HTML
                if let r = existing, r.isSubmitted {
                    let mine = r.$respondent.id == me.user.id
                    status =
                        "Sent on \(r.submittedAt.map { UKTime.date(at: $0).longForm } ?? "")\(mine ? HTML(" · \(Components.link("View", Paths.response(r.id!)))") : HTML(" by \(r.respondent?.displayName ?? "a colleague")"))"
                } else if let r = existing {
                    status =
                        r.$respondent.id == me.user.id
                        ? "Draft saved · \(Components.link("Continue", href))"
                        : "\(r.respondent?.displayName ?? "A colleague") has started it"
                } else {
                    status = Components.link("Start", href)
                }
                items.append("<li>\(label): \(status)</li>")
            }
            return """
                <div class="govuk-inset-text"><h2 class="govuk-heading-s">Respond</h2><p class="govuk-body">\(deadline) You can save a draft and come back; once sent, a response cannot be changed.</p>
                <ul class="govuk-list">\(items)</ul></div>
                """
        }
    }

    func capacityLabel(_ req: Request, _ capacity: RespondingAs) async throws -> String {
        switch capacity {
        case .individual: return "As yourself"
        case .organisation(let org): return "On behalf of \(try await req.organisations.find(org).name)"
        }
    }

    func managePanel(
        _ req: Request, _ c: ConsultationModel, phase: ConsultationPhase, csrf: String, questions: Int, documents: Int,
        responses: Int
    ) async throws -> HTML {
        let id = try c.requireID()
        var links: [HTML] = []
        if !phase.hasClosed { links.append(Components.link("Change details", Paths.consultation(id, .edit))) }
        links.append(Components.link("Questions (\(questions))", Paths.consultation(id, .questions)))
        links.append(Components.link("Documents (\(documents))", Paths.consultation(id, .documents)))
        if c.isPublished {
            links.append(Components.link("Responses (\(responses))", Paths.consultation(id, .responses)))
        }
        if phase == .summaryPublished {
            links.append(Components.link("Amend “you said, we did”", Paths.consultation(id, .outcome)))
        } else if phase.hasClosed {
            links.append(Components.link("Write “you said, we did”", Paths.consultation(id, .outcome)))
        }
        let buttons: HTML =
            phase == .draft
            ? """
            <div class="govuk-button-group">
              <a class="govuk-button" href="\(Paths.consultation(id, .publish))">Check and publish</a>
              \(Components.inlineAction(action: Paths.consultation(id, .delete), csrf: csrf, label: "Delete draft", context: c.title, kind: "warning"))
            </div>
            """ : .empty
        return """
            <div class="cw-card"><h2 class="govuk-heading-s">Manage this consultation</h2>
            <ul class="govuk-list">\(links.map { "<li>\($0)</li>" as HTML })</ul>\(buttons)</div>
            """
    }

    // MARK: Writing

    /// The consultation form. It posts a `NewConsultation` (a new one) or a `ConsultationInput`
    /// (a change): the bodies the API takes, with the same field names.
    func formPage(
        _ req: Request, title: String, action: String, form new: NewConsultation, errors: [FieldError],
        owners: [OrganisationModel]?, compacts: [CompactModel]?, minimumDays: Int?, back: String,
        publishedReason: String? = nil
    ) async throws -> Response {
        let f = new.consultation
        // A published reason is part of the public record: shown, never offered for change.
        let reasonField: HTML =
            publishedReason.map {
                """
                <div class="govuk-inset-text" id="shortPeriodReason"><h2 class="govuk-heading-s">Reason for a shorter period, as published</h2>\(HTML.paragraphs($0))<p class="govuk-body">It is part of the public record and cannot be changed.</p></div>
                """
            }
            ?? Components.textarea(
                "shortPeriodReason", label: "Reason for a shorter period (only if shorter than the minimum)",
                value: f.shortPeriodReason, errors: errors,
                hint:
                    "Compact principle 2.4: a shorter consultation cannot open without a reason, and the reason is published on its page.",
                rows: 4, maxLength: 5_000)
        var versions: [(value: String, label: String)] = []
        for framework in try await req.frameworks.all() {
            for v in try await req.frameworks.versionSummaries(of: try framework.requireID())
            where v.status != .superseded {
                versions.append(
                    (try v.requireID().uuidString, "\(framework.name), \(v.label) (\(v.status.label.lowercased()))"))
            }
        }
        // Procurements of the bodies this person runs consultations for.
        let bodies =
            try owners?.map { try $0.requireID() }
            ?? (req.currentUser?.viewer.memberships.filter { $0.role == .commissioner }.map(\.organisationID) ?? [])
        let procurements = try await req.procurements.procurements(ownedBy: bodies)
        let ownerOptions = try (owners ?? []).map { (value: try $0.requireID().uuidString, label: $0.name) }
        let compactOptions = try (compacts ?? []).map {
            (value: try $0.requireID().uuidString, label: "\($0.name) (minimum \($0.minConsultationDays) days)")
        }
        var ownerField: HTML = .empty
        if owners != nil {
            ownerField =
                ownerOptions.count == 1
                ? "<input type=\"hidden\" name=\"ownerId\" value=\"\(ownerOptions[0].value)\"><p class=\"govuk-body\">Run by <strong>\(ownerOptions[0].label)</strong>.</p>"
                : Components.select(
                    "ownerId", label: "Public body consulting", options: ownerOptions,
                    selected: new.ownerId?.uuidString, errors: errors)
        }
        let compactField: HTML =
            compacts == nil
            ? .empty
            : Components.select(
                "compactId", label: "Local Compact", options: compactOptions,
                selected: new.compactId?.uuidString ?? (compactOptions.count == 1 ? compactOptions[0].value : nil),
                errors: errors,
                hint: "The Compact sets the minimum period. Only Compacts your body has signed are listed.")
        let minimumHint =
            minimumDays.map {
                "The Compact’s minimum is \(ConsultationPeriod.describe(days: $0)), counted in calendar days from the opening date to the closing date."
            }
            ?? "Counted in calendar days from the opening date to the closing date."
        let audiences = [
            ("vcs", "Voluntary, community and social enterprise organisations"),
            ("suppliers", "Suppliers, including small businesses"),
            ("public", "The public (no account needed: they give a name and email address)"),
        ]
        let procurementOptions = try procurements.map { (try $0.requireID().uuidString, $0.title) }
        return Page(
            title: title, breadcrumbs: [("Consultations", Paths.consultations)], errors: errors,
            content: """
                <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
                <h1 class="govuk-heading-l">\(title)</h1>
                \(Components.form(action: action, csrf: req.csrfToken(), """
                \(ownerField)
                \(compactField)
                \(Components.textInput("title", label: "Title", value: f.title, errors: errors, hint: "Say what you are consulting on, for example ‘The future of dial-a-ride’"))
                \(Components.textarea("summary", label: "Summary", value: f.summary, errors: errors, hint: "What you propose, why, and what could change as a result. Separate paragraphs with a blank line.", rows: 8))
                \(Components.select("subject", label: "What it is about", options: ConsultationSubject.allCases.map { ($0.rawValue, $0.label) }, selected: f.subject, errors: errors))
                \(Components.textInput("subjectReference", label: "Name or reference of the policy, programme, service or contract (optional)", value: f.subjectReference, errors: errors, hint: "For example ‘Dial-a-ride contract EM-CT-2023-04’"))
                \(Components.select("frameworkVersionId", label: "Social value framework version it is about (optional)", options: versions, selected: f.frameworkVersionId?.uuidString, errors: errors, hint: "Only for a consultation about a social value framework version", includeBlank: "None"))
                \(Components.select("procurementId", label: "Procurement it is about (optional)", options: procurementOptions, selected: f.procurementId?.uuidString, errors: errors, hint: "Only for a consultation about one of your procurements", includeBlank: "None"))
                \(Components.checkboxes("audience", legend: "Who can respond", options: audiences, checked: Set(f.audience ?? []), errors: errors, hint: "Select all that apply. When VCS organisations are asked, the Compact’s VCS organisations are invited when you publish."))
                \(Components.dateInput("opensOn", legend: "Opening date", value: f.opensOn, errors: errors, hint: "It opens at midnight at the start of this day, UK time."))
                \(Components.dateInput("closesOn", legend: "Closing date", value: f.closesOn, errors: errors, hint: "It closes at 11:59pm on this day, UK time. \(minimumHint)"))
                \(reasonField)
                <div class="govuk-button-group">\(Components.button("Save"))<a class="govuk-link" href="\(back)">Cancel</a></div>
                """))
                </div></div>
                """
        ).render(req)
    }

    /// The public bodies the person commissions for, and the Compacts those bodies signed.
    func choices(_ me: CurrentUser, _ req: Request) async throws -> ([OrganisationModel], [CompactModel]) {
        let owners = try me.organisations.filter { me.viewer.canManageConsultation(owner: try $0.requireID()) }
        var seen = Set<UUID>()
        let compacts = try await req.compacts.compactsSigned(by: try owners.map { try $0.requireID() }).map(\.compact)
            .filter { seen.insert($0.id ?? UUID()).inserted }.sorted { $0.name < $1.name }
        return (owners, compacts)
    }

    func new(req: Request) async throws -> Response {
        let me = try req.require { $0.canCreateConsultation }
        let (owners, compacts) = try await choices(me, req)
        let today = UKTime.date(at: Date())
        let opens = today.adding(days: 28)
        let form = NewConsultation(
            ConsultationInput(audience: ["vcs", "public"], opensOn: opens.iso, closesOn: opens.adding(days: 84).iso))
        return try await formPage(
            req, title: "Start a consultation", action: Paths.consultations, form: form, errors: [], owners: owners,
            compacts: compacts, minimumDays: compacts.count == 1 ? compacts[0].minConsultationDays : nil,
            back: Paths.consultations)
    }

    func create(req: Request) async throws -> Response {
        let me = try req.requireUser()
        return try await req.handleForm(NewConsultation.self) { new in
            let c = try await req.consultations.create(
                owner: new.ownerId, compact: new.compactId, new.consultation, viewer: me.viewer, by: me.actor)
            return Saved(
                Paths.consultation(try c.requireID(), .questions), "The draft has been saved. Add the questions next")
        } reshow: { new, errors in
            let (owners, compacts) = try await choices(me, req)
            return try await formPage(
                req, title: "Start a consultation", action: Paths.consultations, form: new, errors: errors,
                owners: owners, compacts: compacts, minimumDays: nil, back: Paths.consultations)
        }
    }

    func edit(req: Request) async throws -> Response {
        let (_, c, _) = try await req.consultationToChange()
        let id = try c.requireID()
        // Arriving from a refused publish: show the same problems beside their fields.
        var errors: [FieldError] = []
        if req.query[String.self, at: "check"] == "publish" {
            let questions = try await req.consultations.questions(of: id, for: req.currentUser?.viewer).count
            do {
                try ConsultationRules.checkCanPublish(
                    c.details, minimumDays: c.compact.minConsultationDays, questionCount: questions,
                    compactName: c.compact.name, today: UKTime.date(at: Date()))
            } catch let f as ValidationFailure {
                errors = f.errors.filter { $0.field != "questions" }
            }
        }
        return try await formPage(
            req, title: "Change the consultation", action: Paths.consultation(id), form: NewConsultation(c.input),
            errors: errors,
            owners: nil, compacts: nil, minimumDays: c.isPublished ? c.minimumDays : c.compact.minConsultationDays,
            back: Paths.consultation(id), publishedReason: c.isPublished ? c.shortPeriodReason : nil)
    }

    func update(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let (c, _) = try await req.visibleConsultation()
        let id = try c.requireID()
        return try await req.handleForm(ConsultationInput.self) { input in
            _ = try await req.consultations.update(id, input, viewer: me.viewer, by: me.actor)
            return Saved(Paths.consultation(id), "The consultation has been saved")
        } reshow: { input, errors in
            try await formPage(
                req, title: "Change the consultation", action: Paths.consultation(id), form: NewConsultation(input),
                errors: errors,
                owners: nil, compacts: nil, minimumDays: c.isPublished ? c.minimumDays : c.compact.minConsultationDays,
                back: Paths.consultation(id), publishedReason: c.isPublished ? c.shortPeriodReason : nil)
        }
    }

    func delete(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let (c, _) = try await req.visibleConsultation()
        return try await req.handleForm {
            try await req.consultations.delete(try c.requireID(), viewer: me.viewer, by: me.actor)
            return Saved("\(Paths.consultations)?status=draft", "The draft ‘\(c.title)’ has been deleted")
        } reshow: { errors in
            ConsultationResponsePages().message(
                req, c, title: "This consultation cannot be deleted",
                "<p class=\"govuk-body\">\(errors.map(\.message).joined(separator: ". ")).</p>",
                status: .unprocessableEntity)
        }
    }

    // MARK: Publishing

    func checkPublish(req: Request) async throws -> Response {
        let (_, c, phase) = try await req.consultationToChange()
        guard phase == .draft else {
            return req.seeOther(Paths.consultation(c.id!), flash: "This consultation is already published")
        }
        return try await publishPage(req, c, errors: [])
    }

    func publishPage(_ req: Request, _ c: ConsultationModel, errors: [FieldError]) async throws -> Response {
        let id = try c.requireID()
        let viewer = req.currentUser?.viewer
        let minimum = c.compact.minConsultationDays
        let questions = try await req.consultations.questions(of: id, for: viewer).count
        let documents = try await req.consultations.documents(of: id, for: viewer).count
        let invitees = c.audienceVCS ? try await req.consultations.invitees(of: c.$compact.id) : []
        let today = UKTime.date(at: Date())
        let period = c.period
        let opensNow = period.opensOn <= today
        let problems: HTML =
            errors.isEmpty
            ? .empty
            : """
            <div class="govuk-error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
              <h2 class="govuk-error-summary__title" id="error-summary-title">This consultation cannot be published yet</h2>
              <div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list">\(errors.map { e -> HTML in
                  let target = e.field == "questions" ? Paths.consultation(id, .questions) : "\(Paths.consultation(id, .edit))?check=publish#\(Components.fieldID(e.field))"
                  return "<li><a href=\"\(target)\">\(e.message)</a></li>"
              })</ul></div>
            </div>
            """
        let periodText =
            period.days >= minimum
            ? "\(ConsultationPeriod.describe(days: period.days)): meets the \(c.compact.name)’s minimum of \(ConsultationPeriod.describe(days: minimum))."
            : "\(ConsultationPeriod.describe(days: period.days)): shorter than the \(c.compact.name)’s minimum of \(ConsultationPeriod.describe(days: minimum))."
        let notice =
            opensNow
            ? "It opens today, so no early notice is given."
            : "It is announced today as forthcoming: \(ConsultationRules.describeNotice(days: today.days(until: period.opensOn)))."
        let summary = Components.summaryList(
            [
                .init("Title", text: c.title, action: Components.link("Change", Paths.consultation(id, .edit))),
                .init("Dates", text: ConsultationView.dates(c)),
                .init("Period", text: periodText),
            ]
                + (period.days >= minimum
                    ? []
                    : [
                        .init(
                            "Reason for a shorter period", text: c.shortPeriodReason ?? "None given yet",
                            action: Components.link(
                                "Change", "\(Paths.consultation(id, .edit))#shortPeriodReason", context: "the reason"))
                    ]) + [
                    .init("Early notice", text: notice),
                    .init(
                        "Questions", text: questions == 1 ? "1 question" : "\(questions) questions",
                        action: Components.link("Change", Paths.consultation(id, .questions))),
                    .init(
                        "Documents", text: documents == 1 ? "1 document" : "\(documents) documents",
                        action: Components.link("Change", Paths.consultation(id, .documents))),
                    .init(
                        "Invited",
                        text: invitees.isEmpty
                            ? "No organisations (VCS organisations are not asked, or the Compact has none)"
                            : invitees.map(\.name).joined(separator: ", ")),
                ])
        return Page(
            title: "Check and publish – \(c.title)", breadcrumbs: ConsultationView.crumbs(c),
            content: """
                <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
                \(problems)
                \(ConsultationView.caption(c))
                <h1 class="govuk-heading-l">Check and publish</h1>
                \(summary)
                <p class="govuk-body">Once published the consultation is public, its minimum period is fixed, and its early-notice date is recorded. You can still extend it, and change its questions until it opens.</p>
                \(Components.form(action: Paths.consultation(id, .publish), csrf: req.csrfToken(), Components.button(opensNow ? "Publish and open now" : "Publish as forthcoming")))
                </div></div>
                """, status: errors.isEmpty ? .ok : .unprocessableEntity, showsErrors: !errors.isEmpty
        ).render(req)
    }

    func publish(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let (c, _) = try await req.visibleConsultation()
        let id = try c.requireID()
        return try await req.handleForm {
            let p = try await req.consultations.publish(id, viewer: me.viewer, by: me.actor)
            let invited = p.invited.isEmpty ? "" : ". Invited: \(p.invited.joined(separator: ", "))"
            return Saved(Paths.consultation(id), "‘\(c.title)’ has been published\(invited)")
        } reshow: { errors in
            try await publishPage(req, c, errors: errors)
        }
    }
}
