import Fluent
import SQLKit
import SocialValue
import Storage
import Vapor

/// Home, dashboard, health check, stylesheet and the accessibility statement.
struct PublicPages: RouteCollection {
    static let stylesheet: String = {
        guard let url = Bundle.module.url(forResource: "Public/app", withExtension: "css"),
            let css = try? String(contentsOf: url, encoding: .utf8)
        else { return "" }
        return css
    }()

    func boot(routes: RoutesBuilder) throws {
        routes.get(use: home)
        routes.get("dashboard", use: dashboard)
        routes.get("healthz", use: health)
        routes.get("accessibility", use: accessibility)
        routes.get("assets", "app.css") { _ -> Response in
            let r = Response(status: .ok, body: .init(string: Self.stylesheet))
            r.headers.contentType = HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"])
            r.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
            return r
        }
    }

    /// 200 when the database answers, 503 when it does not (for load balancers and monitoring).
    func health(req: Request) async -> Response {
        let ok = await databaseIsReachable(req.db)
        let r = Response(
            status: ok ? .ok : .serviceUnavailable,
            body: .init(
                string: ok
                    ? #"{"status":"ok","database":"reachable"}"# : #"{"status":"unavailable","database":"unreachable"}"#
            ))
        r.headers.contentType = .json
        return r
    }

    func home(req: Request) async throws -> Response {
        let (compacts, _) = try await req.compacts.list(pageSize: 10)
        let list: HTML =
            compacts.isEmpty
            ? "<p class=\"govuk-body\">No local Compact has been published yet.</p>"
            : "<ul class=\"govuk-list govuk-list--bullet\">\(compacts.map { c -> HTML in "<li>\(Components.link(c.name, Paths.compact(c.id!))) – \(c.area)</li>" })</ul>"
        let start: HTML =
            req.currentUser == nil
            ? "<a href=\"\(Paths.signIn)\" role=\"button\" draggable=\"false\" class=\"govuk-button govuk-button--start\">Sign in</a>"
            : "<a href=\"\(Paths.dashboard)\" role=\"button\" draggable=\"false\" class=\"govuk-button\">Go to your dashboard</a>"
        return Page(
            title: "Create and prove social value in public services",
            content: """
                <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
                <h1 class="govuk-heading-xl">Create and prove social value in public services</h1>
                <p class="govuk-body-l">Commonweal helps public bodies and the voluntary and community sector work together under their local Compact, and meet the Public Services (Social Value) Act 2012.</p>
                <p class="govuk-body">Use it to:</p>
                <ul class="govuk-list govuk-list--bullet">
                  <li>keep your local Compact, its signatories, its group and its principles in one public register</li>
                  <li>agree what social value means locally, and how much weight it carries in contracts of each size</li>
                  <li>show, for every procurement, that social value was considered before it started</li>
                  <li>consult the sector early and for twelve weeks, and publish what you heard and what you did</li>
                  <li>keep a tamper-evident record of every change</li>
                </ul>
                \(start)
                <h2 class="govuk-heading-m">Local Compacts</h2>
                \(list)
                <p class="govuk-body">\(Components.link("See all local Compacts", Paths.compacts))</p>
                <h2 class="govuk-heading-m">Awarded contracts</h2>
                <p class="govuk-body">\(Components.link("See the contracts public bodies have awarded", Paths.awardedContracts)), with the social value each supplier committed to and what has been delivered, as verified by the buyer.</p>
                <h2 class="govuk-heading-m">Open consultations</h2>
                \(try await ConsultationDashboard.openList(req))
                </div></div>
                """
        ).render(req)
    }

    func dashboard(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let v = me.viewer
        var sections: [HTML] = []
        let todayDate = today()
        if v.isAdmin {
            let orgs = try await req.organisations.count()
            let users = try await req.users.count()
            let compacts = try await req.compacts.all()
            let due = compacts.filter { CalendarDate(iso: $0.nextReviewOn).map { $0 <= todayDate } ?? false }
            sections.append(
                """
                <h2 class="govuk-heading-m">Installation administrator</h2>
                <div class="cw-card-grid">
                  <div class="cw-card"><p class="cw-stat"><span class="cw-stat__value">\(orgs)</span> <span class="cw-stat__label">organisations</span></p>\(Components.link("Manage organisations", Paths.organisations))</div>
                  <div class="cw-card"><p class="cw-stat"><span class="cw-stat__value">\(users)</span> <span class="cw-stat__label">user accounts</span></p>\(Components.link("Manage users", Paths.users))</div>
                  <div class="cw-card"><p class="cw-stat"><span class="cw-stat__value">\(compacts.count)</span> <span class="cw-stat__label">local \(compacts.count == 1 ? "Compact" : "Compacts"), \(due.count) due for review</span></p>\(Components.link("Manage Compacts", Paths.compacts))</div>
                </div>
                <ul class="govuk-list">
                  <li>\(Components.link("Add an organisation", Paths.newOrganisation))</li>
                  <li>\(Components.link("Add a user", Paths.newUser))</li>
                  <li>\(Components.link("Add a local Compact", Paths.newCompact))</li>
                  <li>\(Components.link("Check the audit trail", Paths.audit))</li>
                </ul>
                \(try await ConsultationDashboard.admin(req))
                """)
        }
        sections.append(contentsOf: try await BodyFiguresView.sections(req, me))
        sections.append(MonitoringView.dashboard(try await req.monitoring.tasks(for: v), viewer: v))
        sections.append(DecommissioningView.awaitingResponse(try await req.decommissioning.awaitingResponse(from: v)))
        sections.append(try await TenderDashboard.tasks(req, viewer: v))
        sections.append(try await EvaluationDashboard.tasks(req, viewer: v))
        sections.append(try await DecommissioningDashboard.responses(req, viewer: v))
        let due = try await req.frameworks.versionsDueForReview(today: todayDate).filter {
            v.canEditFramework($0.framework.owner)
        }
        if !due.isEmpty {
            sections.append(
                """
                <h2 class="govuk-heading-m">Frameworks due for review</h2>
                <ul class="govuk-list">\(due.map { d -> HTML in "<li>\(Components.link("\(d.framework.name), \(d.label)", Paths.version(d.framework.id!, d.id!))) \(Components.tag("Review due \(longDate(d.reviewOn))", colour: "red"))</li>" })</ul>
                """)
        }
        let seats = try await req.compacts.seats(ofUser: me.user.id!)
        if !seats.isEmpty {
            let seatCompacts = Set(seats.map { $0.$compact.id })
            var open: [HTML] = []
            for f in try await req.frameworks.all() {
                guard !seatCompacts.isDisjoint(with: try await req.frameworks.commentingCompacts(for: f)) else {
                    continue
                }
                for version in try await req.frameworks.versions(of: f.id!, viewer: v) where version.status.isEditable {
                    open.append(
                        "<li>\(Components.link("\(f.name), \(version.label)", Paths.version(f.id!, version.id!))) \(Components.tag(version.status.label, colour: version.status.tagColour))</li>"
                    )
                }
            }
            if !open.isEmpty {
                sections.append(
                    "<h2 class=\"govuk-heading-m\">Framework drafts open for your comments</h2><ul class=\"govuk-list\">\(open)</ul>"
                )
            }
        }
        if !seats.isEmpty {
            let rows = seats.map { seat -> HTML in
                let c = seat.compact
                let due = CalendarDate(iso: c.nextReviewOn).map { $0 <= todayDate } ?? false
                let status =
                    due
                    ? Components.tag("Review due", colour: "red")
                    : Components.tag("Review \(longDate(c.nextReviewOn))", colour: "green")
                return """
                    <li class="govuk-task-list__item govuk-task-list__item--with-link">
                      <div class="govuk-task-list__name-and-hint"><a class="govuk-link govuk-task-list__link" href="\(Paths.compact(c.id!))">\(c.name)</a>
                      <div class="govuk-task-list__hint">\(seat.position) for \(seat.organisation.name). \(Components.link("Settings", Paths.compact(c.id!, .settings))) · \(Components.link("Record a review", Paths.compact(c.id!, .newReview)))</div></div>
                      <div class="govuk-task-list__status">\(status)</div>
                    </li>
                    """
            }
            var compliance: [HTML] = []
            for seat in seats { compliance.append(try await ConsultationDashboard.compact(req, seat.compact)) }
            sections.append(
                "<h2 class=\"govuk-heading-m\">Compact group member</h2><ul class=\"govuk-task-list\">\(rows)</ul>\(compliance)"
            )
        }
        for org in me.organisations {
            let roles = v.memberships.filter { $0.organisationID == org.id }.map(\.role)
            let signed = try await req.compacts.compactsSigned(by: [org.id!])
            let signedList: HTML =
                signed.isEmpty
                ? "<p class=\"govuk-body\">\(org.name) has not signed a local Compact yet. \(Components.link("Find your local Compact", Paths.compacts))</p>"
                : "<ul class=\"govuk-list\">\(signed.map { s -> HTML in "<li>\(Components.link(s.compact.name, Paths.compact(s.compact.id!))) (signed \(longDate(s.signedOn)))</li>" })</ul>"
            let edit: HTML =
                v.canEditOrganisation(org.id!)
                ? "<li>\(Components.link("Update \(org.name)’s details", Paths.organisation(org.id!, .edit)))</li>"
                : .empty
            let consultations: HTML =
                org.organisationKind.sector == .publicBody
                ? try await ConsultationDashboard.publicBody(
                    req, org, canManage: v.canManageConsultation(owner: org.id!))
                : (roles.contains(.supplierMember)
                    ? try await ConsultationDashboard.supplier(req, org, user: me.user) : .empty)
            let procurements: HTML =
                org.organisationKind.sector == .publicBody
                ? try await ProcurementDashboard.publicBody(req, org, canManage: v.canManageProcurement(owner: org.id!))
                : (roles.contains(.supplierMember)
                    ? try await ProcurementDashboard.supplier(req, user: me.user) : .empty)
            sections.append(
                """
                <h2 class="govuk-heading-m">\(roles.map(\.label).joined(separator: " and ")) at \(org.name)</h2>
                <ul class="govuk-list"><li>\(Components.link("View \(org.name)", Paths.organisation(org.id!)))</li>\(edit)</ul>
                <h3 class="govuk-heading-s">Local Compacts \(org.name) has signed</h3>
                \(signedList)
                \(consultations)
                \(procurements)
                """)
        }
        if sections.isEmpty {
            sections.append(
                "<p class=\"govuk-body\">You do not belong to an organisation yet. Ask your installation administrator to add you to one.</p>"
            )
        }
        return Page(
            title: "Your dashboard",
            content: """
                <span class="govuk-caption-l">\(me.user.displayName)</span>
                <h1 class="govuk-heading-l">Your dashboard</h1>
                \(ConsultationDashboard.news(me))
                <p class="govuk-body">Your roles: \(v.roles.map(\.label).joined(separator: ", ").isEmpty ? "none yet" : v.roles.map(\.label).joined(separator: ", ")).</p>
                \(sections)
                """
        ).render(req)
    }

    func accessibility(req: Request) -> Response {
        Page(
            title: "Accessibility statement", breadcrumbs: [("Home", Paths.home)],
            content: """
                <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
                <h1 class="govuk-heading-l">Accessibility statement for Commonweal</h1>
                <p class="govuk-body">This statement applies to this installation of Commonweal. We want as many people as possible to be able to use it. You should be able to change colours, contrast and fonts using your browser, zoom in to 400% without text spilling off the screen, navigate with a keyboard alone, use the service without JavaScript, and use it with a screen reader.</p>
                <h2 class="govuk-heading-m">How accessible this service is</h2>
                <p class="govuk-body">We aim to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 at level AA. Pages are tested in a real browser with automated accessibility checks as features are added.</p>
                <h2 class="govuk-heading-m">Reporting problems</h2>
                <p class="govuk-body">If you find a problem, contact the organisation that runs this installation. If you are not happy with how they respond, contact the Equality Advisory and Support Service (EASS).</p>
                <h2 class="govuk-heading-m">Technical information</h2>
                <p class="govuk-body">The organisation running this installation is committed to making it accessible, in accordance with the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018.</p>
                </div></div>
                """
        ).render(req)
    }
}
