import Foundation
import SocialValue
import Storage
import Vapor

/// One page per section of a decommissioning case, each with its form: the proposal, the impact
/// assessment, early discussions, the organisation's response (the provider's members respond;
/// the commissioner records a written response), sharing, and the notice and decision.
struct DecommissioningSectionPages: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let c = routes.grouped("decommissioning", ":id")
        c.get("proposal", use: proposalForm)
        c.post("proposal", use: saveProposal)
        c.get("impact", use: impactForm)
        c.post("impact", use: saveImpact)
        c.get("discussion", use: discussionForm)
        c.post("discussion", use: addDiscussion)
        c.post("share", use: share)
        c.get("response", use: responseForm)
        c.post("response", use: saveResponse)
        c.get("decision", use: decisionForm)
        c.post("decision", use: decide)
    }

    /// The case, for one of its owning body's commissioners (readers: forbidden; others: not found).
    func managed(_ req: Request) async throws -> (CurrentUser, DecommissioningCaseModel) {
        let me = try req.requireUser()
        let c = try await req.decommissioning.find(try req.parameterID(), viewer: me.viewer)
        guard me.viewer.canManageDecommissioning(owner: c.$owner.id) else { throw StorageError.roleNotAllowed }
        return (me, c)
    }

    func page(
        _ req: Request, _ c: DecommissioningCaseModel, _ section: DecommissioningSection, errors: [FieldError],
        intro: String, _ form: HTML
    ) -> Response {
        Page(
            title: "\(section.title): \(c.serviceName)", breadcrumbs: DecommissioningView.crumbs(c), errors: errors,
            content: """
                <span class="govuk-caption-l">\(c.serviceName) · \(c.provider.name)</span>
                <h1 class="govuk-heading-l">\(section.title)</h1>
                <p class="govuk-body">\(intro)</p>
                \(Components.form(action: Paths.decommissioning(c.id!, section: section), csrf: req.csrfToken(), form))
                <p class="govuk-body">\(Components.link("Back to the case", Paths.decommissioning(c.id!)))</p>
                """
        ).render(req)
    }

    func saved(_ req: Request, _ c: DecommissioningCaseModel, _ message: String) -> Response {
        req.seeOther(Paths.decommissioning(c.id!), flash: message)
    }

    // MARK: 1. The proposal

    static func proposalFields(_ f: [String: String], _ errors: [FieldError]) -> HTML {
        """
        \(Components.textInput("serviceName", label: "Name of the service", value: f["serviceName"], errors: errors))
        \(Components.textarea("serviceDescription", label: "What the service does", value: f["serviceDescription"], errors: errors, hint: "Who it is for and what it provides", rows: 4))
        \(Components.radios("change", legend: "What do you propose?", options: FundingChange.allCases.map { ($0.rawValue, $0.label) }, selected: f["change"], errors: errors))
        \(Components.textInput("currentFunding", label: "Current annual funding (£)", value: f["currentFunding"], errors: errors, hint: "Needed to reduce funding, for example 48,000", width: "10", maxLength: 20))
        \(Components.textInput("proposedFunding", label: "Proposed annual funding (£)", value: f["proposedFunding"], errors: errors, hint: "Only if funding would be reduced: less than the current funding", width: "10", maxLength: 20))
        \(Components.textarea("rationale", label: "Rationale for the change", value: f["rationale"], errors: errors, hint: "A clear reason the organisation can understand and answer (Compact principle 4)", rows: 5))
        """
    }

    static func proposal(_ f: [String: String]) -> ProposalInput {
        ProposalInput(
            serviceName: f["serviceName"], serviceDescription: f["serviceDescription"], change: f["change"],
            currentFunding: f["currentFunding"], proposedFunding: f["proposedFunding"], rationale: f["rationale"])
    }

    func proposalPage(_ req: Request, _ c: DecommissioningCaseModel, _ f: [String: String], _ errors: [FieldError])
        -> Response
    {
        page(
            req, c, .proposal, errors: errors,
            intro: "The service provided by \(c.provider.name), the change you propose and why.",
            Self.proposalFields(f, errors) + Components.button("Save and return to the case"))
    }

    func proposalForm(req: Request) async throws -> Response {
        let (_, c) = try await managed(req)
        return proposalPage(
            req, c,
            [
                "serviceName": c.serviceName, "serviceDescription": c.serviceDescription, "change": c.change,
                "rationale": c.rationale,
                "currentFunding": c.currentFunding.map { String($0.description.dropFirst()) } ?? "",
                "proposedFunding": c.proposedFunding.map { String($0.description.dropFirst()) } ?? "",
            ], [])
    }

    func saveProposal(req: Request) async throws -> Response {
        let (me, c) = try await managed(req)
        let f = try req.form()
        do {
            _ = try await req.decommissioning.updateProposal(c.id!, Self.proposal(f), viewer: me.viewer, by: me.actor)
            return saved(req, c, "The proposal has been saved")
        } catch { return proposalPage(req, c, f, try formErrors(error)) }
    }

    // MARK: 2. The impact assessment

    func impactPage(_ req: Request, _ c: DecommissioningCaseModel, _ f: [String: String], _ errors: [FieldError])
        -> Response
    {
        page(
            req, c, .impact, errors: errors,
            intro:
                "Assess the impact on beneficiaries, service users and volunteers before deciding (the guidance, §6.2). You can save part of the assessment and come back; the decision needs all three.",
            """
            \(Components.textarea("onBeneficiaries", label: "Impact on beneficiaries", value: f["onBeneficiaries"], errors: errors, rows: 4))
            \(Components.textarea("onServiceUsers", label: "Impact on service users", value: f["onServiceUsers"], errors: errors, rows: 4))
            \(Components.textarea("onVolunteers", label: "Impact on volunteers", value: f["onVolunteers"], errors: errors, rows: 4))
            \(Components.textarea("widerImpact", label: "Social, environmental and economic impact, and advice sought from voluntary groups (optional)", value: f["widerImpact"], errors: errors, hint: "Which voluntary groups you asked and what they advised", rows: 4))
            \(Components.textarea("mitigation", label: "Mitigation (optional)", value: f["mitigation"], errors: errors, hint: "What would soften the impact", rows: 4))
            \(Components.button("Save and return to the case"))
            """)
    }

    func impactForm(req: Request) async throws -> Response {
        let (_, c) = try await managed(req)
        return impactPage(
            req, c,
            [
                "onBeneficiaries": c.impactBeneficiaries ?? "", "onServiceUsers": c.impactServiceUsers ?? "",
                "onVolunteers": c.impactVolunteers ?? "", "widerImpact": c.widerImpact ?? "",
                "mitigation": c.mitigation ?? "",
            ], [])
    }

    func saveImpact(req: Request) async throws -> Response {
        let (me, c) = try await managed(req)
        let f = try req.form()
        do {
            _ = try await req.decommissioning.saveImpact(
                c.id!,
                ImpactInput(
                    onBeneficiaries: f["onBeneficiaries"], onServiceUsers: f["onServiceUsers"],
                    onVolunteers: f["onVolunteers"],
                    widerImpact: f["widerImpact"], mitigation: f["mitigation"]), viewer: me.viewer, by: me.actor)
            return saved(req, c, "The impact assessment has been saved")
        } catch { return impactPage(req, c, f, try formErrors(error)) }
    }

    // MARK: 3. Early discussion

    func discussionPage(_ req: Request, _ c: DecommissioningCaseModel, _ f: [String: String], _ errors: [FieldError])
        async throws -> Response
    {
        let held = try await req.decommissioning.discussions(of: c.id!)
        let list: HTML =
            held.isEmpty
            ? "<p class=\"govuk-body\">No discussions recorded yet.</p>"
            : Components.table(
                caption: "Discussions so far", headers: ["Held on", "What was discussed"],
                rows: held.map { ["\(longDate($0.heldOn))", "\($0.notes)"] })
        return page(
            req, c, .discussion, errors: errors,
            intro:
                "Discuss the change with \(c.provider.name) early and consider its views (Compact principle 4). Record each discussion.",
            """
            \(list)
            \(Components.textInput("heldOn", label: "Date of the discussion", value: f["heldOn"], errors: errors, hint: "For example 2027-01-18", width: "10", maxLength: 10))
            \(Components.textarea("notes", label: "What was discussed", value: f["notes"], errors: errors, rows: 4))
            \(Components.button("Record the discussion"))
            """)
    }

    func discussionForm(req: Request) async throws -> Response {
        let (_, c) = try await managed(req)
        return try await discussionPage(req, c, [:], [])
    }

    func addDiscussion(req: Request) async throws -> Response {
        let (me, c) = try await managed(req)
        let f = try req.form()
        do {
            _ = try await req.decommissioning.addDiscussion(
                c.id!, heldOn: f["heldOn"], notes: f["notes"], viewer: me.viewer, by: me.actor)
            return saved(req, c, "The discussion has been recorded")
        } catch { return try await discussionPage(req, c, f, try formErrors(error)) }
    }

    func share(req: Request) async throws -> Response {
        let (me, c) = try await managed(req)
        _ = try req.form()
        _ = try await req.decommissioning.share(c.id!, viewer: me.viewer, by: me.actor)
        return saved(req, c, "The proposal has been shared with \(c.provider.name)")
    }

    // MARK: 4. The organisation's response

    func responsePage(
        _ req: Request, _ me: CurrentUser, _ c: DecommissioningCaseModel, _ f: [String: String], _ errors: [FieldError]
    ) -> Response {
        if me.viewer.canRespondToDecommissioning(provider: c.$provider.id, shared: c.isShared, status: c.statusValue) {
            return page(
                req, c, .response, errors: errors,
                intro:
                    "\(c.owner.name) proposes: \(DecommissioningView.changeText(c)). Its rationale and impact assessment are on the case page. Your response is sent to its commissioners and considered before any decision.",
                """
                \(Components.textarea("responseText", label: "Your organisation’s response", value: f["responseText"], errors: errors, hint: "Include the impact you expect on the people you serve and your volunteers, and anything that would reduce it", rows: 8))
                \(Components.button("Send the response"))
                """)
        }
        return page(
            req, c, .response, errors: errors,
            intro:
                "Record a written response from \(c.provider.name) received outside Commonweal. \(c.isShared ? "The organisation can also respond here itself." : "Or share the proposal from the case page so the organisation can respond here.")",
            """
            \(Components.textarea("responseText", label: "The organisation’s response", value: f["responseText"], errors: errors, rows: 8))
            \(Components.textInput("receivedOn", label: "Date the response was received", value: f["receivedOn"], errors: errors, hint: "For example 2027-01-19", width: "10", maxLength: 10))
            \(Components.textInput("how", label: "How it was received", value: f["how"], errors: errors, hint: "For example letter, email, or at a meeting", width: "20"))
            \(Components.button("Record the response"))
            """)
    }

    func responder(_ req: Request) async throws -> (CurrentUser, DecommissioningCaseModel) {
        let me = try req.requireUser()
        let c = try await req.decommissioning.find(try req.parameterID(), viewer: me.viewer)
        guard
            me.viewer.canManageDecommissioning(owner: c.$owner.id)
                || me.viewer.canRespondToDecommissioning(
                    provider: c.$provider.id, shared: c.isShared, status: c.statusValue)
        else { throw StorageError.roleNotAllowed }
        return (me, c)
    }

    func responseForm(req: Request) async throws -> Response {
        let (me, c) = try await responder(req)
        return responsePage(
            req, me, c,
            [
                "responseText": c.responseText ?? "", "receivedOn": c.responseReceivedOn ?? "",
                "how": c.responseHow ?? "",
            ], [])
    }

    func saveResponse(req: Request) async throws -> Response {
        let (me, c) = try await responder(req)
        let f = try req.form()
        do {
            if me.viewer.canManageDecommissioning(owner: c.$owner.id) {
                _ = try await req.decommissioning.recordResponse(
                    c.id!, ResponseInput(text: f["responseText"], receivedOn: f["receivedOn"], how: f["how"]),
                    viewer: me.viewer, by: me.actor)
            } else {
                _ = try await req.decommissioning.respond(
                    c.id!, text: f["responseText"], viewer: me.viewer, by: me.actor)
            }
            return saved(req, c, "The response has been recorded")
        } catch { return responsePage(req, me, c, f, try formErrors(error)) }
    }

    // MARK: 5. Notice and decision

    func decisionPage(_ req: Request, _ c: DecommissioningCaseModel, _ f: [String: String], _ errors: [FieldError])
        -> Response
    {
        page(
            req, c, .decision, errors: errors,
            intro:
                "Ending or reducing funding needs the impact assessment and the organisation’s response, and at least \(NoticeRule.monthsText(c.minimumNoticeMonths)) of written notice (Compact principle 4\(c.compact.map { "; \($0.name)" } ?? "")). Notice given on a day the target month lacks runs to that month’s last day. Continuing unchanged withdraws the proposal.",
            """
            \(Components.radios("decision", legend: "Decision", options: FundingDecision.allCases.map { ($0.rawValue, $0.label) }, selected: f["decision"], errors: errors))
            \(Components.textarea("decisionRationale", label: "Rationale for the decision", value: f["decisionRationale"], errors: errors, hint: "A clear reason, given to the organisation with the notice", rows: 5))
            \(Components.textInput("noticeGivenOn", label: "Date written notice is given", value: f["noticeGivenOn"], errors: errors, hint: "For ending or reducing funding. For example 2027-01-15", width: "10", maxLength: 10))
            \(Components.textInput("effectiveOn", label: "Date the change takes effect", value: f["effectiveOn"], errors: errors, hint: "At least \(NoticeRule.monthsText(c.minimumNoticeMonths)) later, for example 2027-04-15", width: "10", maxLength: 10))
            \(Components.checkbox("useExceptionalReason", label: "Notice is shorter for an exceptional reason", checked: f["useExceptionalReason"] == "yes", errors: errors))
            \(Components.textarea("exceptionalReason", label: "Exceptional reason for shorter notice", value: f["exceptionalReason"], errors: errors, hint: "Required if notice is shorter for an exceptional reason", rows: 3))
            \(Components.button("Record the decision"))
            """)
    }

    func decisionForm(req: Request) async throws -> Response {
        let (_, c) = try await managed(req)
        return decisionPage(
            req, c,
            [
                "decision": c.decision ?? "", "decisionRationale": c.decisionRationale ?? "",
                "noticeGivenOn": c.noticeGivenOn ?? "",
                "effectiveOn": c.effectiveOn ?? "", "useExceptionalReason": c.exceptionalReason == nil ? "" : "yes",
                "exceptionalReason": c.exceptionalReason ?? "",
            ], [])
    }

    func decide(req: Request) async throws -> Response {
        let (me, c) = try await managed(req)
        let f = try req.form()
        let input = DecisionInput(
            decision: f["decision"], rationale: f["decisionRationale"], noticeGivenOn: f["noticeGivenOn"],
            effectiveOn: f["effectiveOn"],
            useExceptionalReason: f["useExceptionalReason"] == "yes", exceptionalReason: f["exceptionalReason"])
        do {
            let d = try await req.decommissioning.decide(c.id!, input, viewer: me.viewer, by: me.actor)
            let breach = d.notice?.isBreach == true ? ": notice is short of the Compact’s minimum" : ""
            return saved(req, c, "The decision has been recorded\(breach)")
        } catch { return decisionPage(req, c, f, try formErrors(error)) }
    }
}
