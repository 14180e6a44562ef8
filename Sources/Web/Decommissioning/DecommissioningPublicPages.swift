import Foundation
import SocialValue
import Storage
import Vapor

/// The public record of decommissioning (issue 16; docs/decommissioning.md, "The public
/// record"): the commissioner publishes a decided case's public summary from the case page; anyone,
/// without signing in, reads the list (filters, pages, CSV) and each summary with its earlier
/// versions. Only the snapshot in `decommissioning_publications` is read publicly: no person's
/// name or email, no discussions, no response text.
struct DecommissioningPublicPages: RouteCollection {
    static let list = "/decommissioning/public"
    static let csvPath = "/decommissioning/public.csv"
    static func summary(_ caseID: UUID) -> String { "\(list)/\(caseID.uuidString)" }
    static func publish(_ caseID: UUID) -> String { "/decommissioning/\(caseID.uuidString)/publish" }

    func boot(routes: RoutesBuilder) throws {
        routes.get("decommissioning", "public", use: listPage)
        routes.get("decommissioning", "public.csv", use: csv)
        routes.get("decommissioning", "public", ":id", use: show)
        routes.get("decommissioning", ":id", "publish", use: publishForm)
        routes.post("decommissioning", ":id", "publish", use: publish)
    }

    // MARK: Publishing

    static let rationaleHint =
        "This is published for anyone to read. Do not include personal data: no names, emails or other details of people, only what the public should know about why the funding changed."

    func publishForm(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let c = try await req.decommissioning.find(try req.parameterID(), viewer: me.viewer)
        guard c.statusValue.isDecided else { return req.redirect(to: Paths.decommissioning(try c.requireID())) }
        let rationale = [c.rationale, c.decisionRationale].compactMap { $0 }.reduce(into: [String]()) {
            if !$0.contains($1) { $0.append($1) }
        }
        return try await publishPage(
            req, me, c, PublicSummaryInput(rationale: rationale.joined(separator: "\n\n")), [])
    }

    func publishPage(
        _ req: Request, _ me: CurrentUser, _ c: DecommissioningCaseModel, _ f: PublicSummaryInput,
        _ errors: [FieldError]
    ) async throws -> Response {
        let id = try c.requireID()
        guard me.viewer.canManageDecommissioning(owner: c.$owner.id) else {
            throw Abort(.forbidden, reason: "Only the commissioners of \(c.owner.name) publish this case’s summary")
        }
        let versions = try await req.decommissioning.publications(of: id)
        let again: HTML =
            versions.isEmpty
            ? .empty
            : """
            <p class="govuk-body">Version \(versions.count) is published. \(Components.link("Read the public summary", Self.summary(id))). Publishing again makes version \(versions.count + 1) beside it; the earlier versions stay public.</p>
            \(Components.textarea("reason", label: "Why is the summary published again?", value: f.reason, errors: errors, hint: "For example: the decision was amended. This is shown with the new version.", rows: 3, maxLength: Decommissioning.publicationReasonMaxLength))
            """
        return Page(
            title: "Publish the public summary: \(c.serviceName)", breadcrumbs: DecommissioningView.crumbs(c),
            errors: errors,
            content: """
                <span class="govuk-caption-l">\(c.serviceName) · \(c.provider.name)</span>
                <h1 class="govuk-heading-l">Publish the public summary</h1>
                <p class="govuk-body">The public summary shows the service, the provider, your body, the decision and funding, your public rationale, whether the impact was assessed and the organisation’s response considered before the decision, the notice given against the minimum and any exceptional reason. It does not show the discussions, the response, the impact assessment’s text or who did what.</p>
                \(Components.form(action: Self.publish(id), csrf: req.csrfToken(), """
                \(Components.textarea("rationale", label: "Public rationale", value: f.rationale, errors: errors, hint: Self.rationaleHint, rows: 8, maxLength: Decommissioning.publicRationaleMaxLength))
                \(again)
                \(Components.button("Publish the public summary"))
                """))
                <p class="govuk-body">\(Components.link("Back to the case", Paths.decommissioning(id)))</p>
                """
        ).render(req)
    }

    func publish(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let id = try req.parameterID()
        return try await req.handleForm(
            PublicSummaryInput.self,
            save: { input in
                let p = try await req.decommissioning.publish(id, input, viewer: me.viewer, by: me.actor)
                return Saved(Self.summary(id), "Version \(p.version) of the public summary has been published")
            },
            reshow: { input, errors in
                let c = try await req.decommissioning.find(id, viewer: me.viewer)
                return try await publishPage(req, me, c, input, errors)
            })
    }

    // MARK: The public pages

    static let decisionOptions: [(value: String, label: String)] = FundingDecision.allCases.map {
        ($0.rawValue, $0.publicLabel)
    }

    static func search(_ req: Request, pageSize: Int = 20) -> DecommissioningStore.PublicSearch {
        let q: (String) -> String? = { req.query[String.self, at: $0].flatMap { $0.isEmpty ? nil : $0 } }
        return .init(
            text: q("q").map { String($0.prefix(100)) }, body: q("bodyId").flatMap(UUID.init(uuidString:)),
            decision: q("change").flatMap(FundingDecision.init(rawValue:)),
            notice: q("notice").flatMap(DecommissioningStore.Search.Notice.init(rawValue:)),
            page: req.query[Int.self, at: "page"], pageSize: pageSize)
    }

    static func noticeTag(_ p: DecommissioningPublicationModel) throws -> HTML {
        guard let check = try p.notice else { return Components.tag("No notice needed", colour: "grey") }
        let colour = check.isBreach ? "red" : (check == .compliant ? "green" : "yellow")
        return Components.tag(check.label(months: p.minimumNoticeMonths), colour: colour)
    }

    static func changeText(_ p: DecommissioningPublicationModel) -> String {
        let from = p.currentFundingPence.map(Money.init(pence:))
        let to = p.proposedFundingPence.map(Money.init(pence:))
        switch p.decisionValue {
        case .reduce where from != nil && to != nil: return "Funding reduced from \(from!) to \(to!) a year"
        case .end: return "Funding ended" + (from.map { " (was \($0) a year)" } ?? "")
        default: return p.decisionValue.publicLabel
        }
    }

    func listPage(req: Request) async throws -> Response {
        let s = Self.search(req)
        let (items, page) = try await req.decommissioning.publicRecord(s)
        let bodies = try await req.organisations.publicBodies()
        let q: (String) -> String? = { req.query[String.self, at: $0] }
        let rows = try items.map { p -> [HTML] in
            [
                Components.link(p.serviceName, Self.summary(p.caseID)), "\(p.providerName)", "\(p.publicBodyName)",
                "\(Self.changeText(p))", try Self.noticeTag(p), "\(UKTime.date(at: p.publishedAt).longForm)",
            ]
        }
        let filters: HTML = """
            \(Components.select("bodyId", label: "Public body", options: bodies.map { ($0.id!.uuidString, $0.name) }, selected: q("bodyId"), errors: [], includeBlank: "Any public body"))
            \(Components.select("change", label: "Decision", options: Self.decisionOptions, selected: q("change"), errors: [], includeBlank: "Any decision"))
            \(Components.select("notice", label: "Notice check", options: DecommissioningPages.noticeOptions, selected: q("notice"), errors: [], includeBlank: "Any notice"))
            """
        let keys = ["q", "bodyId", "change", "notice"]
        let query = keys.reduce(into: [String: String]()) { $0[$1] = q($1) ?? "" }
        let filtered = query.values.contains { !$0.isEmpty }
        let csvQuery = query.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            .joined(separator: "&")
        let empty =
            filtered
            ? "No published decisions match. Try another search or clear the filters."
            : "No decommissioning decisions have been published yet."
        return Page(
            title: "Decommissioning decisions: the public record",
            content: """
                <h1 class="govuk-heading-l">Decommissioning decisions: the public record</h1>
                <p class="govuk-body">When a public body reduces or ends a voluntary organisation’s funding, the Compact asks it to assess the impact, consider the organisation’s response and give at least three months’ notice (principle 4). Each summary here is published by the body’s commissioners once the case is decided; a summary published again keeps its earlier versions.</p>
                \(Components.searchForm(path: Self.list, label: "Search by service or provider", query: q("q"), filters: filters))
                \(items.isEmpty ? HTML("<p class=\"govuk-body\">\(empty)</p>") : Components.table(caption: "Published decommissioning decisions", headers: ["Service", "Provider", "Public body", "Decision", "Notice check", "Published"], rows: rows, captionHidden: true))
                \(items.isEmpty ? .empty : Components.pagination(page, path: Self.list, query: query))
                \(items.isEmpty ? .empty : HTML("<p class=\"govuk-body\">\(Components.link("Download as CSV", Self.csvPath + (csvQuery.isEmpty ? "" : "?" + csvQuery), context: "(the published decommissioning decisions)"))</p>"))
                """
        ).render(req)
    }

    static func rows(_ p: DecommissioningPublicationModel) throws -> [Components.Row] {
        func yesNo(_ b: Bool, _ yes: String, _ no: String) -> String { b ? yes : no }
        var rows: [Components.Row] = [
            .init("Service", text: p.serviceName), .init("Provider", text: p.providerName),
            .init("Public body", text: p.publicBodyName), .init("Decision", text: Self.changeText(p)),
            .init("Decided", text: p.decidedOn.map(longDate) ?? "Not recorded"),
            .init("Rationale", HTML.paragraphs(p.rationale)),
            .init(
                "Impact assessed before the decision",
                text: yesNo(
                    p.impactsAssessed, "Yes: on beneficiaries, service users and volunteers",
                    "No: not on all of beneficiaries, service users and volunteers")),
            .init(
                "Organisation’s response considered",
                text: yesNo(
                    p.responseConsidered, "Yes: recorded before the decision",
                    "No response was recorded before the decision")
            ),
        ]
        if let given = p.noticeGivenOn, let effective = p.effectiveOn {
            rows += [
                .init("Written notice given", text: longDate(given)), .init("Takes effect", text: longDate(effective)),
                .init("Minimum notice", text: NoticeRule.monthsText(p.minimumNoticeMonths)),
                .init("Notice check", try Self.noticeTag(p)),
            ]
        }
        if let reason = p.exceptionalReason {
            rows.append(.init("Exceptional reason for shorter notice", HTML.paragraphs(reason)))
        }
        return rows
    }

    func show(req: Request) async throws -> Response {
        let versions = try await req.decommissioning.publications(of: try req.parameterID())
        guard let current = versions.last else { throw Abort(.notFound) }
        let earlier = try versions.dropLast().reversed().map { v -> HTML in
            let reason: HTML =
                v.reason.map { "<p class=\"govuk-body\">Why it was published again: \($0)</p>" } ?? .empty
            return """
                <h3 class="govuk-heading-s" id="version-\(v.version)">Version \(v.version), published on \(UKTime.date(at: v.publishedAt).longForm)</h3>
                \(reason)
                <details class="govuk-details"><summary class="govuk-details__summary"><span class="govuk-details__summary-text">Version \(v.version) of the summary</span></summary>
                <div class="govuk-details__text">\(Components.summaryList(try Self.rows(v)))</div></details>
                """
        }
        let why: HTML =
            current.reason.map { "<p class=\"govuk-body\">Why it was published again: \($0)</p>" } ?? .empty
        let history: HTML =
            earlier.isEmpty
            ? .empty
            : """
            <h2 class="govuk-heading-m" id="earlier-versions">Earlier versions</h2>
            <p class="govuk-body">A published summary is never changed: each later version is published beside the earlier ones.</p>
            \(HTML.join(earlier))
            """
        return Page(
            title: "\(current.serviceName): decommissioning decision",
            breadcrumbs: [("Home", Paths.home), ("Decommissioning decisions", Self.list)],
            content: """
                <span class="govuk-caption-l">Decommissioning decision · \(current.publicBodyName)</span>
                <h1 class="govuk-heading-l">\(current.serviceName)</h1>
                <p class="govuk-body cw-meta">Version \(current.version), published on \(UKTime.date(at: current.publishedAt).longForm).</p>
                \(why)
                \(Components.summaryList(try Self.rows(current)))
                \(history)
                """
        ).render(req)
    }

    static let csvColumns = [
        "id", "version", "service", "provider", "public_body", "decision", "current_funding_pence",
        "proposed_funding_pence", "rationale", "impacts_assessed", "response_considered", "decided_on",
        "notice_given_on", "effective_on", "earliest_end_on", "minimum_notice_months", "notice_check", "days_short",
        "exceptional_reason", "published_on", "url",
    ]

    func csv(req: Request) async throws -> Response {
        let (items, _) = try await req.decommissioning.publicRecord(Self.search(req, pageSize: 10_000))
        var text = CSV.byteOrderMark + CSV.line(Self.csvColumns)
        for p in items {
            text += CSV.line([
                p.caseID.uuidString, String(p.version), p.serviceName, p.providerName, p.publicBodyName,
                p.decisionValue.rawValue, p.currentFundingPence.map(String.init) ?? "",
                p.proposedFundingPence.map(String.init) ?? "", p.rationale, p.impactsAssessed ? "yes" : "no",
                p.responseConsidered ? "yes" : "no", p.decidedOn ?? "", p.noticeGivenOn ?? "", p.effectiveOn ?? "",
                p.earliestEndOn ?? "", String(p.minimumNoticeMonths), p.noticeCheck ?? "",
                p.daysShort.map(String.init) ?? "", p.exceptionalReason ?? "",
                UKTime.date(at: p.publishedAt).iso, Self.summary(p.caseID),
            ])
        }
        return Response.download(
            Data(text.utf8), filename: "decommissioning-decisions.csv", contentType: "text/csv; charset=utf-8")
    }
}

extension FundingDecision {
    /// The decision as the public record names it.
    var publicLabel: String {
        switch self {
        case .end: return "Funding ended"
        case .reduce: return "Funding reduced"
        case .continueUnchanged: return "Continued unchanged (proposal withdrawn)"
        }
    }
}

extension DecommissioningPublicPages {
    /// On the case page of a decided case: the link to the published summary, and for the body's
    /// commissioners the button to publish it (again).
    static func caseSection(
        _ req: Request, _ c: DecommissioningCaseModel, manages: Bool, _ versions: [DecommissioningPublicationModel]
    ) async throws -> HTML {
        guard c.statusValue.isDecided, manages || !versions.isEmpty else { return .empty }
        let id = try c.requireID()
        let published: HTML =
            versions.last.map {
                "<p class=\"govuk-body\">Version \($0.version) of the public summary was published on \(UKTime.date(at: $0.publishedAt).longForm). \(Components.link("Read the public summary", summary(id)))</p>"
            } ?? "<p class=\"govuk-body\">The public summary of this decision has not been published yet.</p>"
        let action: HTML =
            manages
            ? "<a class=\"govuk-button govuk-button--secondary\" href=\"\(publish(id))\" role=\"button\">\(versions.isEmpty ? "Publish the public summary" : "Publish the public summary again")</a>"
            : .empty
        return """
            <h2 class="govuk-heading-m" id="public-summary">Public summary</h2>
            \(published)
            \(action)
            """
    }
}
