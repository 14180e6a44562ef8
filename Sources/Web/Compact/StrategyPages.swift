import SocialValue
import Storage
import Vapor

/// A Compact's joint social value strategy and its public market statement.
struct StrategyPages: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let c = routes.grouped("compacts", ":id")
        c.get("strategy", use: show)
        c.post("strategy", use: save)
        c.post("strategy", "priorities", use: addPriority)
        c.post("strategy", "priorities", ":priority", "up") { try await self.move($0, up: true) }
        c.post("strategy", "priorities", ":priority", "down") { try await self.move($0, up: false) }
        c.post("strategy", "priorities", ":priority", "delete", use: removePriority)
        c.post("strategy", "signups", use: signUp)
        c.get("strategy", "amend", use: amendment)
        c.post("strategy", "amend", use: amend)
        c.get("market-statement", use: marketStatement)
    }

    func show(req: Request) async throws -> Response { try await page(req, errors: []) }

    /// The strategy, and for those who keep the Compact its forms: each posts the core's input
    /// (`StrategyInput`, `StrategyPriorityInput`, `StrategySignupInput`), the API's bodies. `posted`
    /// is what the form that failed sent, shown again.
    func page(_ req: Request, posted: (any Encodable)? = nil, errors: [FieldError]) async throws -> Response {
        let compact = try await req.compacts.find(try req.parameterID())
        let id = try compact.requireID()
        let canManage = req.currentUser?.viewer.canManageCompact(id) ?? false
        let strategy = try await req.strategies.strategy(of: id)
        // Once a body has signed up, the strategy changes only by an amendment (a new version).
        let versions = try await req.strategies.versions(compact: id)
        let signed = !versions.isEmpty
        // Once signed up, the change and priority forms are gone: their refusals point at the
        // notice that says why, so the error summary's links lead somewhere.
        let hidden: Set<String> = [
            "title", "frameworkVersionId", "startsOn", "endsOn", "summary", "outcomeId", "target", "period",
            "priorities",
        ]
        let errors =
            signed ? errors.map { hidden.contains($0.field) ? FieldError("strategy-signed", $0.message) : $0 } : errors
        let csrf = req.csrfToken()
        var content: [HTML] = []
        if let s = strategy {
            let priorities = try await req.strategies.priorities(of: try s.requireID())
            let signups = try await req.strategies.signups(of: try s.requireID())
            let rows = try priorities.map { p -> [HTML] in
                var actions: HTML = .empty
                if canManage && !signed {
                    let item = try p.requireID()
                    actions = HTML.join(
                        [
                            Components.inlineAction(
                                action: Paths.compact(id, .priorities, item, .up), csrf: csrf, label: "Up",
                                context: "priority \(p.rank)"),
                            Components.inlineAction(
                                action: Paths.compact(id, .priorities, item, .down), csrf: csrf, label: "Down",
                                context: "priority \(p.rank)"),
                            Components.inlineAction(
                                action: Paths.compact(id, .priorities, item, .delete), csrf: csrf, label: "Remove",
                                context: "priority \(p.rank)", kind: "warning"),
                        ], separator: " ")
                }
                return ["\(p.rank)", "\(p.outcome.name)", "\(p.target)", "\(p.period)", actions]
            }
            let frameworkLink = Components.link(
                "\(s.version.framework.name), \(s.version.label)",
                Paths.version(try s.version.framework.requireID(), try s.version.requireID()))
            let signedUp = signups.map {
                "\($0.organisation.name) (\(longDate($0.signedUpOn))\($0.signedVersion.map { ", version \($0)" } ?? ""))"
            }
            content.append(
                """
                <h1 class="govuk-heading-l">\(s.title)</h1>
                \(StrategyVersionView.versionLine(versions, showAuthors: canManage))
                \(Components.summaryList([
                    .init("Framework", frameworkLink),
                    .init("Runs", text: "\(longDate(s.startsOn)) to \(longDate(s.endsOn))"),
                    .init("Signed up", text: signups.isEmpty ? "No body has signed up yet" : signedUp.joined(separator: ", ")),
                ]))
                \(HTML.paragraphs(s.summary))
                \(priorities.isEmpty ? "<p class=\"govuk-body\">No priorities yet.</p>" : Components.table(caption: "Priorities, in order", headers: ["Rank", "Outcome", "Local target", "Period", canManage && !signed ? "Actions" : ""], rows: rows))
                \(StrategyVersionView.earlierVersions(versions, showAuthors: canManage))
                <p class="govuk-body">\(Components.link("Read the social value market statement", Paths.compact(id, .marketStatement)))</p>
                """)
            if canManage {
                let outcomes = try await req.frameworks.tree(of: s.$version.id, viewer: req.currentUser?.viewer)
                    .outcomes
                let bodies = try await req.organisations.publicBodies()
                let priority = posted as? StrategyPriorityInput ?? StrategyPriorityInput()
                let signup = posted as? StrategySignupInput ?? StrategySignupInput(signedUpOn: today().iso)
                let outcomeOptions = try outcomes.map { (try $0.requireID().uuidString, $0.name) }
                let bodyOptions = try bodies.map { (try $0.requireID().uuidString, $0.name) }
                if !signed {
                    content.append(
                        """
                        <h2 class="govuk-heading-m">Add a priority</h2>
                        \(Components.form(action: Paths.compact(id, .priorities), csrf: csrf, """
                            \(Components.select("outcomeId", label: "Outcome", options: outcomeOptions, selected: priority.outcomeId?.uuidString, errors: errors))
                            \(Components.textInput("target", label: "Local target", value: priority.target, errors: errors, hint: "For example, ‘£2m spend with local VCSE organisations’", maxLength: 500))
                            \(Components.textInput("period", label: "Period", value: priority.period, errors: errors, hint: "For example, ‘a year’", width: "20", maxLength: 100))
                            \(Components.button("Add priority", kind: "secondary"))
                            """))
                        """)
                }
                content.append(
                    """
                    <h2 class="govuk-heading-m">Record a body signing up</h2>
                    \(Components.form(action: Paths.compact(id, .signups), csrf: csrf, """
                        \(Components.select("organisationId", label: "Public body", options: bodyOptions, selected: signup.organisationId?.uuidString, errors: errors))
                        \(Components.dateInput("signedUpOn", legend: "Date signed up", value: signup.signedUpOn, errors: errors))
                        \(Components.button("Record", kind: "secondary"))
                        """))
                    """)
            }
        } else {
            content.append(
                "<h1 class=\"govuk-heading-l\">Joint social value strategy</h1><p class=\"govuk-body\">\(compact.name) has not published a joint social value strategy yet.</p>"
            )
        }
        if canManage && signed {
            content.append(
                """
                <h2 class="govuk-heading-m">Amend the strategy</h2>
                <div class="govuk-inset-text" id="strategy-signed">Public bodies have signed up to version \(versions.last?.version ?? 1) of the strategy, so its fields and priorities are not changed here: amend it to make a new version with your reason. Each sign-up stays with the version it signed up to.</div>
                <p class="govuk-body"><a class="govuk-button govuk-button--secondary" href="\(Paths.compact(id, .amendStrategy))">Amend the strategy</a></p>
                """)
        } else if canManage {
            let versions = try await req.frameworks.adoptedVersions(ownedBy: id)
            let f =
                posted as? StrategyInput
                ?? strategy.map {
                    StrategyInput(
                        title: $0.title, summary: $0.summary, frameworkVersionId: $0.$version.id,
                        startsOn: $0.startsOn, endsOn: $0.endsOn)
                } ?? StrategyInput()
            let versionOptions = try versions.map {
                (try $0.requireID().uuidString, "\($0.framework.name), \($0.label)")
            }
            content.append(
                versions.isEmpty
                    ? "<p class=\"govuk-body\">Adopt a version of a framework this Compact owns before writing the strategy. \(Components.link("Go to frameworks", Paths.frameworks))</p>"
                    : """
                    <h2 class="govuk-heading-m">\(strategy == nil ? "Write the strategy" : "Change the strategy")</h2>
                    \(Components.form(action: Paths.compact(id, .strategy), csrf: csrf, """
                    \(Components.textInput("title", label: "Title", value: f.title, errors: errors))
                    \(Components.select("frameworkVersionId", label: "Adopted framework version", options: versionOptions, selected: f.frameworkVersionId?.uuidString, errors: errors))
                    \(Components.dateInput("startsOn", legend: "Starts", value: f.startsOn, errors: errors, example: "1 4 2026"))
                    \(Components.dateInput("endsOn", legend: "Ends", value: f.endsOn, errors: errors, example: "31 3 2030"))
                    \(Components.textarea("summary", label: "Summary", value: f.summary, errors: errors, rows: 5))
                    \(Components.button("Save strategy", kind: "secondary"))
                    """))
                    """)
        }
        return Page(
            title: "Strategy – \(compact.name)",
            breadcrumbs: [("Local Compacts", Paths.compacts), (compact.name, Paths.compact(id))], errors: errors,
            content: "<span class=\"govuk-caption-l\">\(compact.name)</span>" + HTML.join(content)
        ).render(req)
    }

    /// The signed-in person and the Compact's ID, for a form post; the store checks they keep it.
    func poster(_ req: Request) throws -> (CurrentUser, UUID) {
        (try req.requireUser(), try req.parameterID())
    }

    /// A form post of `Input` that re-shows the strategy page with the problems.
    func post<Input: Decodable & Encodable>(
        _ req: Request, _ type: Input.Type, done: String,
        _ save: @escaping (CurrentUser, UUID, Input) async throws -> Void
    ) async throws -> Response {
        let (me, id) = try poster(req)
        return try await req.handleForm(type) { input in
            try await save(me, id, input)
            return Saved(Paths.compact(id, .strategy), done)
        } reshow: { input, errors in
            try await page(req, posted: input, errors: errors)
        }
    }

    func save(req: Request) async throws -> Response {
        try await post(req, StrategyInput.self, done: "The strategy has been saved") { me, id, input in
            _ = try await req.strategies.save(id, input, viewer: me.viewer, by: me.actor)
        }
    }

    func addPriority(req: Request) async throws -> Response {
        try await post(req, StrategyPriorityInput.self, done: "The priority has been added") { me, id, input in
            try await req.strategies.addPriority(compact: id, input, viewer: me.viewer, by: me.actor)
        }
    }

    func move(_ req: Request, up: Bool) async throws -> Response {
        let (me, id) = try poster(req)
        let item = try req.parameterID("priority")
        return try await req.handleForm {
            try await req.strategies.move(compact: id, priority: item, up: up, viewer: me.viewer, by: me.actor)
            return Saved(Paths.compact(id, .strategy), "The priorities have been reordered")
        } reshow: { errors in
            try await page(req, errors: errors)
        }
    }

    func removePriority(req: Request) async throws -> Response {
        let (me, id) = try poster(req)
        let item = try req.parameterID("priority")
        return try await req.handleForm {
            try await req.strategies.removePriority(compact: id, priority: item, viewer: me.viewer, by: me.actor)
            return Saved(Paths.compact(id, .strategy), "The priority has been removed")
        } reshow: { errors in
            try await page(req, errors: errors)
        }
    }

    func signUp(req: Request) async throws -> Response {
        try await post(req, StrategySignupInput.self, done: "The sign-up has been recorded") { me, id, input in
            try await req.strategies.signUp(compact: id, input, viewer: me.viewer, by: me.actor)
        }
    }

    /// What the area wants suppliers to deliver, how social value is weighed, and what is
    /// coming up. Public and printable.
    func marketStatement(req: Request) async throws -> Response {
        let compact = try await req.compacts.find(try req.parameterID())
        let id = try compact.requireID()
        let strategy = try await req.strategies.strategy(of: id)
        let version: FrameworkVersionModel?
        if let strategy {
            version = strategy.version
        } else {
            version = try await req.frameworks.adoptedVersions(ownedBy: id).first
        }
        let settings = compact.settings
        let opportunities = try await req.procurements.pipeline().filter { $0.$compact.id == id }.map { p -> HTML in
            "<li>\(Components.link(p.title, Paths.procurement(try p.requireID()))): \(p.owner.name), \(Procurement.valueBand(p.value).label), tender expected \(p.tenderOpensOn.map(longDate) ?? "date to be confirmed")</li>"
        }
        var sections: [HTML] = []
        if let version {
            let tree = try await req.frameworks.tree(of: try version.requireID(), viewer: req.currentUser?.viewer)
            sections.append(
                """
                <h2 class="govuk-heading-m">What social value means here</h2>
                \(HTML.paragraphs(version.definition))
                <p class="govuk-body cw-meta">From \(version.framework.name), \(version.label), adopted \(longDate(version.adoptedOn ?? "")).</p>
                """)
            if let strategy {
                let priorities = try await req.strategies.priorities(of: try strategy.requireID())
                if !priorities.isEmpty {
                    sections.append(
                        "<h2 class=\"govuk-heading-m\">Our priorities</h2><ol class=\"govuk-list govuk-list--number\">\(priorities.map { p -> HTML in "<li><strong>\(p.outcome.name)</strong>: \(p.target), \(p.period)</li>" })</ol>"
                    )
                }
            }
            for theme in tree.themes {
                let outcomes = theme.outcomes.map { o -> HTML in
                    let rows = o.measures.map { m -> [HTML] in ["\(m.code)", "\(m.name)", "\(m.unit)", "\(m.evidence)"]
                    }
                    return """
                        <h3 class="govuk-heading-s">\(o.model.name)</h3>
                        \(rows.isEmpty ? "<p class=\"govuk-body\">No measures set yet.</p>" : Components.table(caption: "How we measure ‘\(o.model.name)’", headers: ["Code", "Measure", "Unit", "Evidence to keep"], rows: rows, captionHidden: true))
                        """
                }
                sections.append("<h2 class=\"govuk-heading-m\">\(theme.model.name)</h2>" + HTML.join(outcomes))
            }
        } else {
            sections.append("<p class=\"govuk-body\">\(compact.name) has not adopted a social value framework yet.</p>")
        }
        let bandRows = settings.bands.enumerated().map { i, b -> [HTML] in
            let upper = settings.upperBound(ofBand: i)
            return [
                "\(upper.map { "\(Money(pence: b.fromPence)) to under \($0)" } ?? "\(Money(pence: b.fromPence)) and above")",
                "\(b.minWeightingPercent)% to \(b.maxWeightingPercent)%", "\(b.monitoring.label)",
            ]
        }
        sections.append(
            """
            <h2 class="govuk-heading-m">How social value is weighed in tenders</h2>
            <p class="govuk-body">Social value is considered in \(settings.considerSocialValueInAllProcurements ? "every procurement, not only those the Social Value Act covers" : "procurements the Social Value Act covers"). Its weighting in the evaluation depends on the contract’s value:</p>
            \(Components.table(caption: "Social value weighting and monitoring by contract value", headers: ["Contract value", "Social value weighting", "Monitoring"], rows: bandRows))
            <h2 class="govuk-heading-m">Forthcoming opportunities</h2>
            \(opportunities.isEmpty ? HTML("<p class=\"govuk-body\">No forthcoming opportunities are published yet.</p>") : HTML("<ul class=\"govuk-list\">\(opportunities)</ul>"))
            <p class="govuk-body">\(Components.link("See the full pipeline", Paths.pipeline, context: "of forthcoming opportunities"))</p>
            """)
        return Page(
            title: "Social value market statement – \(compact.name)",
            breadcrumbs: [("Local Compacts", Paths.compacts), (compact.name, Paths.compact(id))],
            content: """
                <span class="govuk-caption-l">\(compact.name)</span>
                <h1 class="govuk-heading-l">Social value market statement</h1>
                <p class="govuk-body-l">What the public bodies of \(compact.area) want the services they buy to achieve, and how they weigh it when choosing suppliers.</p>
                \(HTML.join(sections))
                """
        ).render(req)
    }
}
