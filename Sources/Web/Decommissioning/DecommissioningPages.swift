import Foundation
import SocialValue
import Storage
import Vapor

/// Decommissioning cases (Compact principle 4.x): the list with its filters and CSV, starting a
/// case, and the case page with its task list and notice check. The sections' forms are in
/// `DecommissioningSectionPages`.
struct DecommissioningPages: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.get("decommissioning", use: list)
        routes.get("decommissioning.csv", use: csv)
        routes.get("decommissioning", "new", use: newForm)
        routes.post("decommissioning", "new", use: create)
        routes.get("decommissioning", ":id", use: show)
    }

    /// The list's filters from the query string; unknown values are ignored on the page and
    /// refused (422, by field) in the API.
    static func search(_ req: Request, strict: Bool = false, pageSize: Int = 20) throws -> DecommissioningStore.Search {
        let status = req.query[String.self, at: "status"].flatMap { $0.isEmpty ? nil : $0 }
        let notice = req.query[String.self, at: "notice"].flatMap { $0.isEmpty ? nil : $0 }
        var p = Problems()
        if strict, let status, DecommissioningStatus(rawValue: status) == nil {
            p.add(
                "status",
                "status must be one of \(DecommissioningStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if strict, let notice, DecommissioningStore.Search.Notice(rawValue: notice) == nil {
            p.add("notice", "notice must be one of breach, compliant, exceptional")
        }
        try p.throwIfAny()
        let text = req.query[String.self, at: "q"].map { String($0.prefix(100)) }
        return .init(
            text: text, status: status.flatMap(DecommissioningStatus.init(rawValue:)),
            notice: notice.flatMap(DecommissioningStore.Search.Notice.init(rawValue:)),
            page: req.query[Int.self, at: "page"], pageSize: pageSize)
    }

    static let noticeOptions: [(value: String, label: String)] = [
        ("breach", "Breach of the minimum notice"), ("exceptional", "Shorter notice with an exceptional reason"),
        ("compliant", "Compliant"),
    ]

    func list(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let s = try Self.search(req)
        let (items, page) = try await req.decommissioning.list(s, viewer: me.viewer)
        let q: (String) -> String? = { req.query[String.self, at: $0] }
        let rows = try items.map { c -> [HTML] in
            [
                Components.link(c.serviceName, Paths.decommissioning(try c.requireID())), "\(c.provider.name)",
                "\(DecommissioningView.changeText(c))",
                DecommissioningView.statusTag(c.statusValue), try DecommissioningView.noticeTag(c),
            ]
        }
        let filters: HTML = """
            \(Components.select("status", label: "Status", options: DecommissioningStatus.allCases.map { ($0.rawValue, $0.label) }, selected: q("status"), errors: [], includeBlank: "Any status"))
            \(Components.select("notice", label: "Notice check", options: Self.noticeOptions, selected: q("notice"), errors: [], includeBlank: "Any notice"))
            """
        let filtered = [q("q"), q("status"), q("notice")].contains { !($0 ?? "").isEmpty }
        let query = ["q", "status", "notice"].reduce(into: [String: String]()) { $0[$1] = q($1) ?? "" }
        let csvQuery = query.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(
                separator: "&")
        let empty =
            filtered
            ? "No decommissioning cases match. Try another search or clear the filters."
            : "No decommissioning cases yet. When your body proposes to reduce or end a provider’s funding, start a case to assess its impact and give notice."
        return Page(
            title: "Decommissioning",
            content: """
                <h1 class="govuk-heading-l">Decommissioning</h1>
                <p class="govuk-body">Before reducing or ending a service’s funding, the Compact asks public bodies to assess the impact on beneficiaries, service users and volunteers, discuss the change early with the organisation, consider its response, and give at least three months’ written notice with a clear rationale (principle 4).</p>
                \(me.viewer.canStartDecommissioning ? HTML("<a class=\"govuk-button\" href=\"\(Paths.newDecommissioning)\" role=\"button\">Start a decommissioning case</a>") : .empty)
                \(Components.searchForm(path: Paths.decommissioning, label: "Search by service or provider", query: q("q"), filters: filters))
                \(items.isEmpty ? HTML("<p class=\"govuk-body\">\(empty)</p>") : Components.table(caption: "Decommissioning cases", headers: ["Service", "Provider", "Change", "Status", "Notice check"], rows: rows))
                \(items.isEmpty ? .empty : Components.pagination(page, path: Paths.decommissioning, query: query))
                \(items.isEmpty ? .empty : HTML("<p class=\"govuk-body\">\(Components.link("Download as CSV", Paths.decommissioningCSV + (csvQuery.isEmpty ? "" : "?" + csvQuery), context: "(the decommissioning cases)"))</p>"))
                """
        ).render(req)
    }

    func csv(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let (items, _) = try await req.decommissioning.list(try Self.search(req, pageSize: 10_000), viewer: me.viewer)
        var text = CSV.byteOrderMark + CSV.line(DecommissioningView.csvColumns)
        for c in items { text += DecommissioningView.csvLine(c) }
        let r = Response(status: .ok, body: .init(string: text))
        r.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        r.headers.contentDisposition = .init(.attachment, filename: "decommissioning.csv")
        return r
    }

    // MARK: Starting a case

    func newForm(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let form = NewCaseInput(contractId: req.query[String.self, at: "contractId"].flatMap(UUID.init(uuidString:)))
        return try await newPage(req, me, form: form, errors: [])
    }

    func newPage(_ req: Request, _ me: CurrentUser, form f: NewCaseInput, errors: [FieldError]) async throws
        -> Response
    {
        // The store refuses those who may not start a case (the providers are theirs to choose from).
        let all = try await req.decommissioning.providers(viewer: me.viewer)
        let bodies = try await req.decommissioning.bodies(for: me.viewer)
        var contracts: [(value: String, label: String)] = []
        for b in bodies {
            contracts += try await req.decommissioning.contracts(buyer: try b.requireID(), viewer: me.viewer).map {
                (try $0.requireID().uuidString, "\($0.title) (\($0.supplier.name))")
            }
        }
        let providers = try all.filter { o in !bodies.contains { $0.id == o.id } }.map {
            (try $0.requireID().uuidString, $0.name)
        }
        let bodyChoices = try bodies.map { (try $0.requireID().uuidString, $0.name) }
        let owner: HTML =
            bodies.count == 1
            ? "<input type=\"hidden\" name=\"ownerId\" value=\"\(bodyChoices[0].0)\"><p class=\"govuk-body\">For <strong>\(bodies[0].name)</strong>.</p>"
            : Components.select(
                "ownerId", label: "Public body", options: bodyChoices, selected: f.ownerId?.uuidString, errors: errors)
        let contractChoice: HTML =
            contracts.isEmpty
            ? .empty
            : Components.select(
                "contractId", label: "Contract (optional)", options: contracts, selected: f.contractId?.uuidString,
                errors: errors,
                hint:
                    "If the service is bought under a contract, choose it: the provider and the service’s name come from it.",
                includeBlank: "Not under a contract")
        return Page(
            title: "Start a decommissioning case", breadcrumbs: [("Decommissioning", Paths.decommissioning)],
            errors: errors,
            content: """
                <h1 class="govuk-heading-l">Start a decommissioning case</h1>
                <p class="govuk-body">Describe the service and the change you propose, and why. You will then assess its impact, discuss it with the organisation and hear its response before any decision.</p>
                \(Components.form(action: Paths.newDecommissioning, csrf: req.csrfToken(), """
                  \(owner)
                  \(contractChoice)
                  \(Components.select("providerId", label: "Organisation that provides the service", options: providers, selected: f.providerId?.uuidString, errors: errors))
                  \(DecommissioningSectionPages.proposalFields(f.proposal, errors))
                  \(Components.button("Start the case"))
                  """))
                """
        ).render(req)
    }

    func create(req: Request) async throws -> Response {
        let me = try req.requireUser()
        return try await req.handleForm(
            NewCaseInput.self,
            save: { input in
                let c = try await req.decommissioning.create(input, viewer: me.viewer, by: me.actor)
                return Saved(Paths.decommissioning(try c.requireID()), "The decommissioning case has been started")
            },
            reshow: { input, errors in try await newPage(req, me, form: input, errors: errors) })
    }

    // MARK: The case

    func show(req: Request) async throws -> Response { try await casePage(req, errors: []) }

    /// The case page; `errors` are a refused button's problems (sharing twice).
    func casePage(_ req: Request, errors: [FieldError]) async throws -> Response {
        let me = try req.requireUser()
        let c = try await req.decommissioning.find(try req.parameterID(), viewer: me.viewer)
        let id = try c.requireID()
        let facts = try await req.decommissioning.facts(c, viewer: me.viewer)
        let discussions = try await req.decommissioning.discussions(of: id, viewer: me.viewer)
        let answered = try await req.decommissioning.responseVersion(of: id, viewer: me.viewer)
        let manages = me.viewer.canManageDecommissioning(owner: c.$owner.id)
        let responds = me.viewer.canRespondToDecommissioning(
            provider: c.$provider.id, shared: c.isShared, status: c.statusValue)
        let tasks = DecommissioningSection.allCases.enumerated().map { i, s -> HTML in
            let status = Decommissioning.status(of: s, facts)
            let open = manages && (c.statusValue == .assessing || s == .decision) || (s == .response && responds)
            let name: HTML =
                open
                ? "<a class=\"govuk-link govuk-task-list__link\" href=\"\(Paths.decommissioning(id, section: s))\" aria-describedby=\"task-\(s.rawValue)-status\">\(i + 1). \(s.title)</a>"
                : "\(i + 1). \(s.title)"
            let hint: HTML =
                s == .decision && status == .cannotStartYet && manages
                ? "<div class=\"govuk-task-list__hint\">Assess the impact and record the organisation’s response first. You can withdraw the proposal at any time.</div>"
                : .empty
            let tag: HTML =
                status == .completed
                ? "Completed"
                : status == .cannotStartYet
                    ? "Cannot start yet"
                    : Components.tag(status.label, colour: status == .inProgress ? "light-blue" : "blue")
            return """
                <li class="govuk-task-list__item\(open ? " govuk-task-list__item--with-link" : "")">
                  <div class="govuk-task-list__name-and-hint">\(name)\(hint)</div>
                  <div class="govuk-task-list__status\(status == .cannotStartYet ? " govuk-task-list__status--cannot-start-yet" : "")" id="task-\(s.rawValue)-status">\(tag)</div>
                </li>
                """
        }
        func text(_ s: String?) -> HTML { s.map { HTML.paragraphs($0) } ?? "Not yet recorded" }
        let discussionText: HTML =
            discussions.isEmpty
            ? "None recorded"
            : HTML.join(
                discussions.map { d in
                    HTML("<p class=\"govuk-body\"><strong>\(longDate(d.heldOn))</strong>: \(d.notes)</p>")
                })
        var rows: [Components.Row] = [
            .init("Public body", text: c.owner.name), .init("Provider", text: c.provider.name),
            .init("Service", text: c.serviceName),
            .init("What the service does", HTML.paragraphs(c.serviceDescription)),
        ]
        if let contract = c.contract {
            rows.append(.init("Contract", Components.link(contract.title, Paths.contract(contract.id!))))
        }
        rows += [
            .init("Proposed change", text: DecommissioningView.changeText(c)),
            .init("Rationale", HTML.paragraphs(c.rationale)),
            .init("Impact on beneficiaries", text(c.impactBeneficiaries)),
            .init("Impact on service users", text(c.impactServiceUsers)),
            .init("Impact on volunteers", text(c.impactVolunteers)),
            .init("Social, environmental and economic impact; advice from voluntary groups", text(c.widerImpact)),
            .init("Mitigation", text(c.mitigation)), .init("Early discussions", discussionText),
            .init(
                "Shared with the organisation",
                text: c.sharedAt.map { UKTime.date(at: $0).longForm } ?? "Not yet shared"),
            .init(
                "Organisation’s response",
                c.responseText.map {
                    HTML.paragraphs($0)
                        + HTML(
                            "<p class=\"govuk-body cw-meta\">Received \(longDate(c.responseReceivedOn ?? "")): \(c.responseHow ?? "")\(answered.map { " · answers version \($0) of the proposal" } ?? "")</p>"
                        )
                } ?? "Awaited"),
        ]
        if let d = c.decisionValue {
            rows += [.init("Decision", text: d.label), .init("Rationale for the decision", text(c.decisionRationale))]
            if let given = c.noticeGivenOn, let effective = c.effectiveOn {
                rows += [
                    .init("Written notice given", text: longDate(given)),
                    .init("Takes effect", text: longDate(effective)),
                    .init(
                        "Minimum notice",
                        text: NoticeRule.monthsText(c.minimumNoticeMonths)
                            + (c.compact.map { " (\($0.name))" } ?? " (the national Compact)")),
                ]
            }
            if let reason = c.exceptionalReason {
                rows.append(.init("Exceptional reason for shorter notice", HTML.paragraphs(reason)))
            }
        }
        let versions = try DecommissioningView.proposalVersions(
            try await req.decommissioning.proposalVersions(of: id, viewer: me.viewer),
            amend: manages && c.statusValue == .assessing ? Paths.decommissioningAmendment(id) : nil)
        let history = DecommissioningView.decisionHistory(
            try await req.decommissioning.decisions(of: id, viewer: me.viewer))
        let share: HTML =
            manages && !c.isShared && c.statusValue == .assessing
            ? """
            <h2 class="govuk-heading-m">Share the proposal with the organisation</h2>
            <p class="govuk-body">Sharing lets the members of \(c.provider.name) read this case and respond here; they are told it is waiting for them.</p>
            \(Components.form(action: Paths.decommissioning(id, .share), csrf: req.csrfToken(), Components.button("Share the proposal with \(c.provider.name)", kind: "secondary")))
            """ : .empty
        let publication = try await DecommissioningPublicPages.caseSection(
            req, c, manages: manages, try await req.decommissioning.publications(of: id))
        let respond: HTML =
            responds
            ? "<p class=\"govuk-body\">\(Components.link("Respond to this proposal", Paths.decommissioning(id, .response)))</p>"
            : .empty
        return Page(
            title: "Decommissioning: \(c.serviceName)", breadcrumbs: [("Decommissioning", Paths.decommissioning)],
            errors: errors,
            content: """
                <span class="govuk-caption-l">Decommissioning case · \(c.owner.name)</span>
                <h1 class="govuk-heading-l">\(c.serviceName)</h1>
                <p class="govuk-body">\(DecommissioningView.statusTag(c.statusValue)) \(DecommissioningView.changeText(c)), provided by \(c.provider.name).</p>
                \(try DecommissioningView.noticeCheck(c))
                \(respond)
                <h2 class="govuk-heading-m">Tasks</h2>
                <ul class="govuk-task-list">\(tasks)</ul>
                \(share)
                \(publication)
                <h2 class="govuk-heading-m">What is recorded</h2>
                \(Components.summaryList(rows))
                \(versions)
                \(history)
                """
        ).render(req)
    }
}
