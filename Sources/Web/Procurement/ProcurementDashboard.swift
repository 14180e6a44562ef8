import Fluent
import Foundation
import SocialValue
import Storage
import Vapor

/// Procurement sections of the role dashboards.
enum ProcurementDashboard {
    static func publicBody(_ req: Request, _ org: OrganisationModel, canManage: Bool) async throws -> HTML {
        let items = try await req.procurements.procurements(ownedBy: org.id!)
        let needing = items.filter {
            $0.considerationRequired && $0.considerationJSON == nil && $0.statusValue.isForthcoming
        }
        let deadlines = try await req.tenders.deadlines(ofProcurements: items.compactMap(\.id))
        let now = Date()
        let rows = items.prefix(10).map { p -> HTML in
            "<li>\(Components.link(p.title, Paths.procurement(p.id!))) \(Components.tag(p.statusValue.label(tenderDeadline: deadlines[p.id!], now: now, managing: canManage)))\(p.isLate ? HTML(" \(Components.tag("Consideration late", colour: "red"))") : .empty)</li>"
        }
        return """
            <h3 class="govuk-heading-s">Procurements</h3>
            <p class="govuk-body">\(Plural.count(items.count, "procurement")); \(needing.count) still \(Plural.verb(needing.count, "needs", "need")) the social value consideration before the tender opens.</p>
            \(rows.isEmpty ? HTML.empty : HTML("<ul class=\"govuk-list\">\(rows)</ul>"))
            <ul class="govuk-list"><li>\(Components.link("All procurements", Paths.procurements, context: "of \(org.name)"))</li>\(canManage ? HTML("<li>\(Components.link("Start a procurement", Paths.newProcurement, context: "for \(org.name)"))</li>") : .empty)</ul>
            """
    }

    static func supplier(_ req: Request, user: UserModel) async throws -> HTML {
        let regs = try await req.procurements.registrations(ofUser: user.id!)
        let rows = regs.map { r -> HTML in
            "<li>\(Components.link(r.event.title, Paths.procurement(r.event.$procurement.id))) on \(longDate(r.event.heldOn))</li>"
        }
        return """
            <h3 class="govuk-heading-s">Forthcoming opportunities</h3>
            <p class="govuk-body">\(Components.link("See the pipeline of forthcoming opportunities", Paths.pipeline)) · \(Components.link("Open tenders", Paths.tenders, context: "you can bid for"))</p>
            \(rows.isEmpty ? HTML("<p class=\"govuk-body\">You have not registered for any market engagement events.</p>") : HTML("<h4 class=\"govuk-heading-s\">Your market engagement events</h4><ul class=\"govuk-list\">\(rows)</ul>"))
            """
    }
}
