import Foundation
import SocialValue
import Storage
import Vapor

/// The consultations part of each role's dashboard.
enum ConsultationDashboard {
    /// For anyone at a public body: its consultations by phase and its compliance figures;
    /// commissioners also get the way to start one.
    static func publicBody(_ req: Request, _ org: OrganisationModel, canManage: Bool) async throws -> HTML {
        let id = try org.requireID()
        let viewer = try req.requireUser().viewer
        let all = try await req.consultations.consultations(ownedBy: id, viewer: viewer)
        let outcomes = try await req.consultations.withPublishedOutcome(all.map { $0.id! })
        let now = Date()
        var counts: [ConsultationPhase: Int] = [:]
        for c in all { counts[c.phase(at: now, summaryPublished: outcomes.contains(c.id!)), default: 0] += 1 }
        func item(_ phase: ConsultationPhase, _ words: String, _ status: String) -> HTML {
            let n = counts[phase] ?? 0
            return "<li>\(Components.link("\(n) \(words)", "\(Paths.consultations)?status=\(status)&body=\(id)"))</li>"
        }
        let awaiting = counts[.closed] ?? 0
        let summary: HTML =
            all.isEmpty
            ? "<p class=\"govuk-body\">\(org.name) has not started a consultation yet.</p>"
            : """
            <ul class="govuk-list">
              \(item(.draft, "draft\(counts[.draft] == 1 ? "" : "s")", "draft"))
              \(item(.forthcoming, "forthcoming", "forthcoming"))
              \(item(.open, "open", "open"))
              <li>\(Components.link("\((counts[.closed] ?? 0) + (counts[.summaryPublished] ?? 0)) closed", "\(Paths.consultations)?status=closed&body=\(id)"))\(awaiting > 0 ? HTML(", \(awaiting) waiting for “you said, we did”") : .empty)</li>
            </ul>
            """
        let start: HTML =
            canManage
            ? "<p class=\"govuk-body\">\(Components.link("Start a consultation", Paths.newConsultation))</p>" : .empty
        let rows = try await req.consultations.compliance(owner: id)
        return """
            <h3 class="govuk-heading-s">Consultations by \(org.name)</h3>
            \(summary)
            \(start)
            \(rows.isEmpty ? HTML.empty : ConsultationView.compliance(rows, caption: "How \(org.name) keeps to the Compact on consultation"))
            """
    }

    /// For a supplier member: what their organisation is asked to respond to, and how far
    /// their responses have got.
    static func supplier(_ req: Request, _ org: OrganisationModel, user: UserModel) async throws -> HTML {
        let facts = RespondentOrganisation(
            id: org.id!, name: org.name, sector: org.organisationKind.sector, isVCSE: org.isVCSE)
        var rows: [[HTML]] = []
        for status in [ConsultationStore.Search.Status.open, .forthcoming] {
            let (list, _) = try await req.consultations.search(.init(status: status, pageSize: 50), viewer: nil)
            for c in list
            where ResponseRules.capacities(audience: c.audience, signedIn: true, organisations: [facts]).contains(
                .organisation(org.id!))
            {
                var state: HTML =
                    status == .forthcoming
                    ? "Opens \(c.period.opensOn.longForm)"
                    : Components.link(
                        "Start", "\(Paths.consultation(c.id!, .respond))?as=\(org.id!)",
                        context: "a response to ‘\(c.title)’")
                if let r = try await req.responses.existing(
                    c.id!, as: .organisation(org.id!), viewer: try req.requireUser().viewer)
                {
                    state =
                        r.isSubmitted
                        ? Components.tag("Sent", colour: "green")
                        : (r.$respondent.id == user.id
                            ? Components.link(
                                "Continue draft", "\(Paths.consultation(c.id!, .respond))?as=\(org.id!)",
                                context: "of your response to ‘\(c.title)’") : "Started by a colleague")
                }
                rows.append([
                    Components.link(c.title, Paths.consultation(c.id!)), "\(c.owner.name)",
                    "\(UKTime.deadlineText(c.period.closesOn))", state,
                ])
            }
        }
        return """
            <h3 class="govuk-heading-s">Consultations asking \(org.name) to respond</h3>
            \(rows.isEmpty ? "<p class=\"govuk-body\">None open or forthcoming. \(Components.link("Find consultations", Paths.consultations))</p>" as HTML
                : Components.table(caption: "Open and forthcoming consultations for \(org.name)", headers: ["Consultation", "Run by", "Closes", "Response"], rows: rows))
            <p class="govuk-body">\(Components.link("Your responses", Paths.responses))</p>
            """
    }

    /// For a Compact group member: how each body under the Compact keeps to it.
    static func compact(_ req: Request, _ compact: CompactModel) async throws -> HTML {
        let rows = try await req.consultations.compliance(compact: compact.id!)
        return """
            <h3 class="govuk-heading-s">Consultation under the \(compact.name)</h3>
            \(ConsultationView.compliance(rows, caption: "Consultations under the \(compact.name), by body", showCompact: false))
            <p class="govuk-body">\(Components.link("Drafts you can see", "\(Paths.consultations)?status=draft&compact=\(compact.id!)")) · \(Components.link("All consultations under this Compact", "\(Paths.consultations)?compact=\(compact.id!)"))</p>
            """
    }

    /// For the installation administrator: the overall figure.
    static func admin(_ req: Request) async throws -> HTML {
        let published = try await req.consultations.publishedCount()
        return
            "<p class=\"govuk-body\">\(published) consultation\(published == 1 ? "" : "s") published. \(Components.link("Compliance with the Compact", Paths.consultationCompliance))</p>"
    }

    /// At the top of every dashboard: unread notifications.
    static func news(_ me: CurrentUser) -> HTML {
        guard me.unreadNotifications > 0 else { return .empty }
        return """
            <div class="govuk-inset-text">\(Components.link(me.unreadNotifications == 1 ? "You have 1 unread notification" : "You have \(me.unreadNotifications) unread notifications", Paths.notifications))</div>
            """
    }

    /// The home page's list of open consultations.
    static func openList(_ req: Request) async throws -> HTML {
        let (list, page) = try await req.consultations.search(.init(status: .open, pageSize: 5), viewer: nil)
        guard !list.isEmpty else {
            return
                "<p class=\"govuk-body\">No consultation is open at the moment. \(Components.link("See forthcoming consultations", "\(Paths.consultations)?status=forthcoming"))</p>"
        }
        return """
            <ul class="govuk-list govuk-list--bullet">\(list.map { c -> HTML in
                "<li>\(Components.link(c.title, Paths.consultation(c.id!))) – \(c.owner.name), closes \(UKTime.deadlineText(c.period.closesOn))</li>"
            })</ul>
            <p class="govuk-body">\(Components.link(page.total > list.count ? "See all \(page.total) open consultations" : "Find consultations", "\(Paths.consultations)?status=open"))</p>
            """
    }
}
