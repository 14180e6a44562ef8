import Foundation
import SocialValue
import Storage
import Vapor

/// Amending a proposal shared with the provider: the form, filled from the version in force (the
/// proposal and its impact assessment), and a reason; it posts a `ProposalAmendmentInput`, the
/// API's body.
extension DecommissioningSectionPages {
    func amendmentForm(req: Request) async throws -> Response {
        let (_, c) = try await managed(req)
        guard c.isShared else { return req.redirect(to: Paths.decommissioning(try c.requireID(), section: .proposal)) }
        return try amendmentPage(req, c, ProposalAmendmentInput(c.proposalContent), [])
    }

    func amend(req: Request) async throws -> Response {
        try await post(
            req, ProposalAmendmentInput.self,
            save: { me, id, input in
                let v = try await req.decommissioning.amendProposal(id, input, viewer: me.viewer, by: me.actor)
                return "The amendment is version \(v.version) of the proposal; the organisation has been told"
            },
            reshow: { _, c, input, errors in try amendmentPage(req, c, input, errors) })
    }

    func amendmentPage(
        _ req: Request, _ c: DecommissioningCaseModel, _ f: ProposalAmendmentInput, _ errors: [FieldError]
    )
        throws -> Response
    {
        let id = try c.requireID()
        return Page(
            title: "Amend the proposal: \(c.serviceName)", breadcrumbs: DecommissioningView.crumbs(c), errors: errors,
            content: """
                <span class="govuk-caption-l">\(c.serviceName) · \(c.provider.name)</span>
                <h1 class="govuk-heading-l">Amend the proposal</h1>
                <p class="govuk-body">The proposal has been shared with \(c.provider.name), so it is not changed in place: your amendment becomes the next version, with your name, today’s date and the reason. The earlier versions stay on the case, and the organisation’s members are told.</p>
                \(Components.form(action: Paths.decommissioningAmendment(id), csrf: req.csrfToken(), """
                \(Self.proposalFields(f.proposal, errors))
                <h2 class="govuk-heading-m">Impact assessment</h2>
                \(Self.impactFields(f.impact, errors))
                \(Components.textarea("reason", label: "Why is the proposal amended?", value: f.reason, errors: errors, hint: "This is shown with the amendment on the case", rows: 3, maxLength: Decommissioning.amendmentReasonMaxLength))
                \(Components.button("Record the amendment"))
                """))
                <p class="govuk-body">\(Components.link("Back to the case", Paths.decommissioning(id)))</p>
                """
        ).render(req)
    }
}
