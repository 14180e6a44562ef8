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
        c.get("proposal", "amend", use: amendmentForm)
        c.post("proposal", "amend", use: amend)
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

    /// The case, for the form of a section only its owning body's commissioners fill in (the
    /// store checks again when the form is sent).
    func managed(_ req: Request) async throws -> (CurrentUser, DecommissioningCaseModel) {
        let me = try req.requireUser()
        let c = try await req.decommissioning.find(try req.parameterID(), viewer: me.viewer)
        guard me.viewer.canManageDecommissioning(owner: c.$owner.id) else { throw StorageError.roleNotAllowed }
        return (me, c)
    }

    func page(
        _ req: Request, _ c: DecommissioningCaseModel, _ section: DecommissioningSection, errors: [FieldError],
        intro: String, _ form: HTML
    ) throws -> Response {
        let id = try c.requireID()
        return Page(
            title: "\(section.title): \(c.serviceName)", breadcrumbs: DecommissioningView.crumbs(c), errors: errors,
            content: """
                <span class="govuk-caption-l">\(c.serviceName) · \(c.provider.name)</span>
                <h1 class="govuk-heading-l">\(section.title)</h1>
                <p class="govuk-body">\(intro)</p>
                \(Components.form(action: Paths.decommissioning(id, section: section), csrf: req.csrfToken(), form))
                <p class="govuk-body">\(Components.link("Back to the case", Paths.decommissioning(id)))</p>
                """
        ).render(req)
    }

    /// A section's form, the one way: decode `Input`, the store call (which checks who may, and
    /// names the message), back to the case; or the section again with the problems.
    func post<Input: Decodable>(
        _ req: Request, _ type: Input.Type,
        save: (CurrentUser, UUID, Input) async throws -> String,
        reshow: (CurrentUser, DecommissioningCaseModel, Input, [FieldError]) async throws -> Response
    ) async throws -> Response {
        let me = try req.requireUser()
        let id = try req.parameterID()
        return try await req.handleForm(
            type,
            save: { input in Saved(Paths.decommissioning(id), try await save(me, id, input)) },
            reshow: { input, errors in
                try await reshow(me, try await req.decommissioning.find(id, viewer: me.viewer), input, errors)
            })
    }

    // MARK: 1. The proposal

    static func proposalFields(_ f: ProposalInput, _ errors: [FieldError]) -> HTML {
        let changes = FundingChange.allCases.map { ($0.rawValue, $0.label) }
        return """
            \(Components.textInput("serviceName", label: "Name of the service", value: f.serviceName, errors: errors))
            \(Components.textarea("serviceDescription", label: "What the service does", value: f.serviceDescription, errors: errors, hint: "Who it is for and what it provides", rows: 4))
            \(Components.radios("change", legend: "What do you propose?", options: changes, selected: f.change, errors: errors))
            \(Components.textInput("currentFunding", label: "Current annual funding (£)", value: f.currentFunding, errors: errors, hint: "Needed to reduce funding, for example 48,000", width: "10", maxLength: 20))
            \(Components.textInput("proposedFunding", label: "Proposed annual funding (£)", value: f.proposedFunding, errors: errors, hint: "Only if funding would be reduced: less than the current funding", width: "10", maxLength: 20))
            \(Components.textarea("rationale", label: "Rationale for the change", value: f.rationale, errors: errors, hint: "A clear reason the organisation can understand and answer (Compact principle 4)", rows: 5))
            """
    }

    func proposalPage(_ req: Request, _ c: DecommissioningCaseModel, _ f: ProposalInput, _ errors: [FieldError]) throws
        -> Response
    {
        try page(
            req, c, .proposal, errors: errors,
            intro: "The service provided by \(c.provider.name), the change you propose and why.",
            Self.proposalFields(f, errors) + Components.button("Save and return to the case"))
    }

    /// Once shared, the proposal and its impact assessment are amended, not changed in place:
    /// their forms lead to the amendment.
    func proposalForm(req: Request) async throws -> Response {
        let (_, c) = try await managed(req)
        if c.isShared && c.statusValue == .assessing {
            return req.redirect(to: Paths.decommissioningAmendment(try c.requireID()))
        }
        let current = ProposalInput(
            serviceName: c.serviceName, serviceDescription: c.serviceDescription, change: c.change,
            currentFunding: c.currentFunding.map { String($0.description.dropFirst()) } ?? "",
            proposedFunding: c.proposedFunding.map { String($0.description.dropFirst()) } ?? "", rationale: c.rationale)
        return try proposalPage(req, c, current, [])
    }

    func saveProposal(req: Request) async throws -> Response {
        try await post(
            req, ProposalInput.self,
            save: { me, id, input in
                _ = try await req.decommissioning.updateProposal(id, input, viewer: me.viewer, by: me.actor)
                return "The proposal has been saved"
            },
            reshow: { _, c, input, errors in try proposalPage(req, c, input, errors) })
    }

    // MARK: 2. The impact assessment

    func impactPage(_ req: Request, _ c: DecommissioningCaseModel, _ f: ImpactInput, _ errors: [FieldError]) throws
        -> Response
    {
        try page(
            req, c, .impact, errors: errors,
            intro:
                "Assess the impact on beneficiaries, service users and volunteers before deciding (the guidance, §6.2). You can save part of the assessment and come back; the decision needs all three.",
            """
            \(Self.impactFields(f, errors))
            \(Components.button("Save and return to the case"))
            """)
    }

    static func impactFields(_ f: ImpactInput, _ errors: [FieldError]) -> HTML {
        """
            \(Components.textarea("onBeneficiaries", label: "Impact on beneficiaries", value: f.onBeneficiaries, errors: errors, rows: 4))
            \(Components.textarea("onServiceUsers", label: "Impact on service users", value: f.onServiceUsers, errors: errors, rows: 4))
            \(Components.textarea("onVolunteers", label: "Impact on volunteers", value: f.onVolunteers, errors: errors, rows: 4))
            \(Components.textarea("widerImpact", label: "Social, environmental and economic impact, and advice sought from voluntary groups (optional)", value: f.widerImpact, errors: errors, hint: "Which voluntary groups you asked and what they advised", rows: 4))
            \(Components.textarea("mitigation", label: "Mitigation (optional)", value: f.mitigation, errors: errors, hint: "What would soften the impact", rows: 4))
        """
    }

    func impactForm(req: Request) async throws -> Response {
        let (_, c) = try await managed(req)
        if c.isShared && c.statusValue == .assessing {
            return req.redirect(to: Paths.decommissioningAmendment(try c.requireID()))
        }
        let current = ImpactInput(
            onBeneficiaries: c.impactBeneficiaries ?? "", onServiceUsers: c.impactServiceUsers ?? "",
            onVolunteers: c.impactVolunteers ?? "", widerImpact: c.widerImpact ?? "", mitigation: c.mitigation ?? "")
        return try impactPage(req, c, current, [])
    }

    func saveImpact(req: Request) async throws -> Response {
        try await post(
            req, ImpactInput.self,
            save: { me, id, input in
                _ = try await req.decommissioning.saveImpact(id, input, viewer: me.viewer, by: me.actor)
                return "The impact assessment has been saved"
            },
            reshow: { _, c, input, errors in try impactPage(req, c, input, errors) })
    }

    // MARK: 3. Early discussion

    func discussionPage(
        _ req: Request, _ me: CurrentUser, _ c: DecommissioningCaseModel, _ f: DiscussionInput, _ errors: [FieldError]
    ) async throws -> Response {
        let held = try await req.decommissioning.discussions(of: try c.requireID(), viewer: me.viewer)
        let list: HTML =
            held.isEmpty
            ? "<p class=\"govuk-body\">No discussions recorded yet.</p>"
            : Components.table(
                caption: "Discussions so far", headers: ["Held on", "What was discussed"],
                rows: held.map { ["\(longDate($0.heldOn))", "\($0.notes)"] })
        return try page(
            req, c, .discussion, errors: errors,
            intro:
                "Discuss the change with \(c.provider.name) early and consider its views (Compact principle 4). Record each discussion.",
            """
            \(list)
            \(Components.dateInput("heldOn", legend: "Date of the discussion", value: f.heldOn, errors: errors, example: "18 1 2027"))
            \(Components.textarea("notes", label: "What was discussed", value: f.notes, errors: errors, rows: 4))
            \(Components.button("Record the discussion"))
            """)
    }

    func discussionForm(req: Request) async throws -> Response {
        let (me, c) = try await managed(req)
        return try await discussionPage(req, me, c, DiscussionInput(), [])
    }

    func addDiscussion(req: Request) async throws -> Response {
        try await post(
            req, DiscussionInput.self,
            save: { me, id, input in
                _ = try await req.decommissioning.addDiscussion(id, input, viewer: me.viewer, by: me.actor)
                return "The discussion has been recorded"
            },
            reshow: { me, c, input, errors in try await discussionPage(req, me, c, input, errors) })
    }

    /// Sharing is a button: a refusal (already shared) comes back on the case page.
    func share(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let id = try req.parameterID()
        return try await req.handleForm(
            save: {
                let c = try await req.decommissioning.share(id, viewer: me.viewer, by: me.actor)
                return Saved(Paths.decommissioning(id), "The proposal has been shared with \(c.provider.name)")
            },
            reshow: { errors in try await DecommissioningPages().casePage(req, errors: errors) })
    }

    // MARK: 4. The organisation's response

    func responsePage(
        _ req: Request, _ me: CurrentUser, _ c: DecommissioningCaseModel, _ f: ResponseInput, _ errors: [FieldError]
    ) throws -> Response {
        if me.viewer.canRespondToDecommissioning(provider: c.$provider.id, shared: c.isShared, status: c.statusValue) {
            return try page(
                req, c, .response, errors: errors,
                intro:
                    "\(c.owner.name) proposes: \(DecommissioningView.changeText(c)). Its rationale and impact assessment are on the case page. Your response is sent to its commissioners and considered before any decision.",
                """
                \(Components.textarea("responseText", label: "Your organisation’s response", value: f.text, errors: errors, hint: "Include the impact you expect on the people you serve and your volunteers, and anything that would reduce it", rows: 8))
                \(Components.button("Send the response"))
                """)
        }
        let intro =
            "Record a written response from \(c.provider.name) received outside Commonweal. \(c.isShared ? "The organisation can also respond here itself." : "Or share the proposal from the case page so the organisation can respond here.")"
        return try page(
            req, c, .response, errors: errors, intro: intro,
            """
            \(Components.textarea("responseText", label: "The organisation’s response", value: f.text, errors: errors, rows: 8))
            \(Components.dateInput("receivedOn", legend: "Date the response was received", value: f.receivedOn, errors: errors, example: "19 1 2027"))
            \(Components.textInput("how", label: "How it was received", value: f.how, errors: errors, hint: "For example letter, email, or at a meeting", width: "20"))
            \(Components.button("Record the response"))
            """)
    }

    func responseForm(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let c = try await req.decommissioning.find(try req.parameterID(), viewer: me.viewer)
        guard
            me.viewer.canManageDecommissioning(owner: c.$owner.id)
                || me.viewer.canRespondToDecommissioning(
                    provider: c.$provider.id, shared: c.isShared, status: c.statusValue)
        else { throw StorageError.roleNotAllowed }
        let current = ResponseInput(
            text: c.responseText ?? "", receivedOn: c.responseReceivedOn ?? "", how: c.responseHow ?? "")
        return try responsePage(req, me, c, current, [])
    }

    /// The body's commissioners record a response received elsewhere; the provider's members
    /// respond themselves (the store checks each).
    func saveResponse(req: Request) async throws -> Response {
        try await post(
            req, ResponseInput.self,
            save: { me, id, input in
                let c = try await req.decommissioning.find(id, viewer: me.viewer)
                if me.viewer.canManageDecommissioning(owner: c.$owner.id) {
                    _ = try await req.decommissioning.recordResponse(id, input, viewer: me.viewer, by: me.actor)
                } else {
                    _ = try await req.decommissioning.respond(id, input, viewer: me.viewer, by: me.actor)
                }
                return "The response has been recorded"
            },
            reshow: { me, c, input, errors in try responsePage(req, me, c, input, errors) })
    }

    // MARK: 5. Notice and decision

    /// The decision form while the case is assessed; once decided, the amendment form: the same
    /// fields with the recorded decision filled in, and why it is amended (the decision recorded
    /// stays on the case page beside the amendment).
    func decisionPage(
        _ req: Request, _ c: DecommissioningCaseModel, _ f: DecisionAmendmentInput, _ errors: [FieldError]
    ) throws -> Response {
        let decisions = FundingDecision.allCases.map { ($0.rawValue, $0.label) }
        let amending = c.statusValue.isDecided
        let d = f.decision
        let intro =
            amending
            ? "The decision has been recorded and is not changed: an amendment is recorded beside it with its reason, your name and today’s date. The minimum notice stays \(NoticeRule.monthsText(c.minimumNoticeMonths)), as fixed by the decision."
            : "Ending or reducing funding needs the impact assessment and the organisation’s response, and at least \(NoticeRule.monthsText(c.minimumNoticeMonths)) of written notice (Compact principle 4\(c.compact.map { "; \($0.name)" } ?? "")). Notice given on a day the target month lacks runs to that month’s last day. Continuing unchanged withdraws the proposal."
        let reason: HTML =
            amending
            ? Components.textarea(
                "amendmentReason", label: "Why the decision is amended", value: f.amendmentReason, errors: errors,
                hint: "Required. Shown on the case beside the decision it amends", rows: 3)
            : .empty
        return try page(
            req, c, .decision, errors: errors, intro: intro,
            """
            \(Components.radios("decision", legend: amending ? "Amended decision" : "Decision", options: decisions, selected: d.decision, errors: errors))
            \(Components.textarea("decisionRationale", label: "Rationale for the decision", value: d.rationale, errors: errors, hint: "A clear reason, given to the organisation with the notice", rows: 5))
            \(Components.dateInput("noticeGivenOn", legend: "Date written notice is given", value: d.noticeGivenOn, errors: errors, hint: "For ending or reducing funding.", example: "15 1 2027"))
            \(Components.dateInput("effectiveOn", legend: "Date the change takes effect", value: d.effectiveOn, errors: errors, hint: "At least \(NoticeRule.monthsText(c.minimumNoticeMonths)) later.", example: "15 4 2027"))
            \(Components.checkbox("useExceptionalReason", label: "Notice is shorter for an exceptional reason", checked: d.useExceptionalReason == true, errors: errors))
            \(Components.textarea("exceptionalReason", label: "Exceptional reason for shorter notice", value: d.exceptionalReason, errors: errors, hint: "Required if notice is shorter for an exceptional reason", rows: 3))
            \(reason)
            \(Components.button(amending ? "Record the amendment" : "Record the decision"))
            """)
    }

    func decisionForm(req: Request) async throws -> Response {
        let (_, c) = try await managed(req)
        let current = DecisionInput(
            decision: c.decision ?? "", rationale: c.decisionRationale ?? "", noticeGivenOn: c.noticeGivenOn ?? "",
            effectiveOn: c.effectiveOn ?? "", useExceptionalReason: c.exceptionalReason != nil,
            exceptionalReason: c.exceptionalReason ?? "")
        return try decisionPage(req, c, DecisionAmendmentInput(current, amendmentReason: nil), [])
    }

    /// The decision form records the decision; the amendment form (the one with a reason field)
    /// records an amendment. A decision sent for a case decided meanwhile is refused, not applied.
    func decide(req: Request) async throws -> Response {
        if !Confirmation.isConfirmed(req), let confirmation = try await breachConfirmation(req) { return confirmation }
        return try await post(
            req, DecisionAmendmentInput.self,
            save: { me, id, input in
                if input.amendmentReason != nil {
                    let d = try await req.decommissioning.amendDecision(id, input, viewer: me.viewer, by: me.actor)
                    let breach = try d.notice?.isBreach == true ? ": notice is short of the Compact’s minimum" : ""
                    return "The amendment has been recorded\(breach)"
                }
                let d = try await req.decommissioning.decide(id, input.decision, viewer: me.viewer, by: me.actor)
                let breach = try d.notice?.isBreach == true ? ": notice is short of the Compact’s minimum" : ""
                return "The decision has been recorded\(breach)"
            },
            reshow: { _, c, input, errors in try decisionPage(req, c, input, errors) })
    }

    /// A decision or amendment whose notice breaches the Compact's minimum is recorded only from
    /// the "check and confirm" page that says plainly it is a breach (issue 13 §5); nil when the
    /// notice is not a breach, or the form has other problems (they are shown first, by the store).
    func breachConfirmation(_ req: Request) async throws -> Response? {
        let (me, c) = try await managed(req)
        guard let input = try? req.content.decode(DecisionAmendmentInput.self) else { return nil }
        // A decision sent for a case decided meanwhile (or an amendment of none) is refused by the store.
        guard input.amendmentReason == nil ? c.statusValue == .assessing : c.statusValue.isDecided else { return nil }
        if let reason = input.amendmentReason, reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return nil
        }
        let facts = try await req.decommissioning.facts(c, viewer: me.viewer)
        guard
            let decision = try? Decommissioning.validate(
                input.decision, facts: facts, minimumMonths: c.minimumNoticeMonths,
                casePath: Paths.decommissioning(try c.requireID())),
            let notice = decision.notice, case .breach(let days) = notice.check
        else { return nil }
        let (given, result) = (notice.noticeGivenOn, notice)
        let id = try c.requireID()
        let carried = Confirmation.typedFields(req)
        let what = input.amendmentReason == nil ? "decision" : "amendment"
        return Confirmation(
            title: "This \(what) breaches the notice period", caption: "\(c.serviceName) · \(c.provider.name)",
            breadcrumbs: DecommissioningView.crumbs(c),
            consequence:
                "This is a breach of Compact principle 4: notice given on \(given.longForm) is \(NoticeRule.daysText(days)) short of the \(NoticeRule.monthsText(c.minimumNoticeMonths)) the Compact requires. The earliest the change could take effect is \(result.earliestEnd.longForm).",
            detail: """
                <p class="govuk-body">If you record it, the case shows the breach and \(c.provider.name) is told in its notification that the notice is a breach of the Compact.</p>
                <p class="govuk-body">To avoid the breach, go back and give the change a later date, or record the exceptional reason for shorter notice if there is one.</p>
                """,
            action: Paths.decommissioning(id, section: .decision), carried: carried,
            button: "Record the \(what) despite the breach",
            back: ("No, go back and change the dates", Paths.decommissioning(id, section: .decision))
        ).render(req)
    }
}
