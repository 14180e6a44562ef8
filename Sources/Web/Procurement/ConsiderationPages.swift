import Foundation
import SocialValue
import Storage
import Vapor

/// The recorded consideration: a summary card on the procurement page, and a page of its own
/// with the form that records it once, or the original as signed off, with its timeliness, and
/// each amendment beside it; and the page that amends it (procurements.md, "Amending the
/// consideration").
extension ProcurementPages {
    /// The consideration on the procurement's summary: a GOV.UK summary card with its status, the
    /// weighting and measures in force, who signed it off and when, and its amendments, linking to
    /// the consideration's own page (issue 13 §5: the form made the summary too long).
    func considerationCard(
        _ req: Request, _ p: ProcurementModel, canManage: Bool, proportion: HTML
    ) async throws -> HTML {
        let id = try p.requireID()
        let open = ![.closed, .cancelled].contains(p.statusValue)
        var actions: [HTML] = []
        var rows: [Components.Row] = []
        if p.consideration == nil {
            rows.append(
                .init(
                    "Status",
                    text: p.considerationRequired
                        ? "Not recorded yet. It is required before the tender opens."
                        : "Not recorded yet. It is not required, but considering social value is good practice."))
            if canManage && open {
                actions.append(
                    Components.link(
                        "Record the consideration", Paths.procurement(id, .consideration), context: "of \(p.title)"))
            }
        } else if let inForce = try await req.considerationInForce(p) {
            let amendments = try await req.procurements.amendments(of: id)
            let trees = try await req.procurements.frameworkChoices(for: p)
            let c = inForce.consideration
            let measures = trees.flatMap(\.measures).filter { c.measureIDs.contains($0.id!) }.map {
                "\($0.code) \($0.name)"
            }
            let status =
                p.isLate
                ? Components.tag("Signed off late", colour: "red") : Components.tag("Signed off", colour: "green")
            rows += [
                .init("Status", status),
                .init(
                    "Signed off by",
                    text: "\(p.considerationSignedBy ?? "") on \(longDate(p.considerationSignedOn ?? ""))"),
                .init("Timeliness", text: timeliness(p)),
                .init("Social value weighting", text: "\(c.weightingPercent)%"),
                .init(
                    "Measures for the tender",
                    text: c.measureIDs.isEmpty
                        ? "None chosen"
                        : measures.isEmpty
                            ? "Chosen from a framework that is no longer adopted" : measures.joined(separator: "; ")),
                .init(
                    "Amendments",
                    text: amendments.last.map { last in
                        "\(Plural.count(amendments.count, "amendment")); version \(inForce.version) is in force, signed off by \(last.signedBy) on \(longDate(last.signedOn))"
                    } ?? "None"),
            ]
            actions.append(
                Components.link(
                    "See the consideration in full", Paths.procurement(id, .consideration), context: "of \(p.title)"))
            if canManage && open {
                actions.append(
                    Components.link(
                        "Amend the consideration", Paths.procurement(id, .amendConsideration), context: "of \(p.title)")
                )
            }
        }
        let actionList: HTML =
            actions.isEmpty
            ? .empty
            : "<ul class=\"govuk-summary-card__actions\">\(HTML.join(actions.map { "<li class=\"govuk-summary-card__action\">\($0)</li>" as HTML }))</ul>"
        return """
            <div class="govuk-summary-card" id="consideration">
            <div class="govuk-summary-card__title-wrapper"><h2 class="govuk-summary-card__title">The recorded consideration</h2>\(actionList)</div>
            <div class="govuk-summary-card__content">\(proportion)\(Components.summaryList(rows))</div></div>
            """
    }

    /// The consideration in full, on its own page: the original as signed off, with its
    /// timeliness, and each amendment beside it.
    func considerationRecord(
        _ req: Request, _ p: ProcurementModel, _ original: Consideration, canManage: Bool
    ) async throws -> HTML {
        let id = try p.requireID()
        let open = ![.closed, .cancelled].contains(p.statusValue)
        let trees = try await req.procurements.frameworkChoices(for: p)
        let amendments = try await req.procurements.amendments(of: id)
        var parts: [HTML] = []
        if p.isLate {
            parts.append(
                "<strong class=\"govuk-tag govuk-tag--red\">Late</strong> <p class=\"govuk-body\">This consideration was signed off after the procurement started.</p>"
            )
        }
        let signed = "\(p.considerationSignedBy ?? "") on \(longDate(p.considerationSignedOn ?? ""))"
        if let last = amendments.last {
            let times = amendments.count == 1 ? "once" : "\(amendments.count) times"
            parts.append(
                """
                <p class="govuk-body" id="consideration-versions">Signed off on \(longDate(p.considerationSignedOn ?? "")) and amended \(times) since. Version \(last.version), the last amendment, is in force; the original stays as it was signed off.</p>
                <h2 class="govuk-heading-m">The original consideration (version 1)</h2>
                """)
        }
        parts.append(
            Components.summaryList(
                [.init("Signed off by", text: signed), .init("Timeliness", text: timeliness(p))]
                    + considerationRows(original, trees: trees)))
        if !amendments.isEmpty {
            parts.append("<h2 class=\"govuk-heading-m\">Amendments</h2>")
            var previous = original
            for a in amendments {
                guard let c = a.consideration else { continue }
                parts.append(amendmentHTML(a, c, previous: previous, p, trees: trees))
                previous = c
            }
        }
        if canManage && open {
            parts.append(
                "<p class=\"govuk-body\">\(Components.link("Amend the consideration", Paths.procurement(id, .amendConsideration), context: "of \(p.title)"))</p>"
            )
        }
        return HTML.join(parts)
    }

    /// The consideration's own page: the form that records it (for those who manage the
    /// procurement, before it is signed off), or the consideration in full with its amendments.
    func considerationPage(req: Request) async throws -> Response {
        let p = try await req.procurements.find(try procurementID(req))
        let viewer = req.currentUser?.viewer
        guard viewer.canSeeProcurement(owner: p.$owner.id, published: p.inPipeline) else { throw Abort(.notFound) }
        let canManage = viewer?.canManageProcurement(owner: p.$owner.id) ?? false
        let open = ![.closed, .cancelled].contains(p.statusValue)
        if p.consideration == nil && canManage && open {
            return try await considerationFormPage(req, p, form: ConsiderationInput(), errors: [])
        }
        let id = try p.requireID()
        let body: HTML =
            if let original = p.consideration {
                try await considerationRecord(req, p, original, canManage: canManage)
            } else {
                HTML(
                    "<p class=\"govuk-body\">\(p.considerationRequired ? "Not recorded yet. It is required before the tender opens." : "Not recorded yet. It is not required, but considering social value is good practice.")</p>"
                )
            }
        let crumbs = canManage ? [("Procurements", Paths.procurements)] : [("Pipeline", Paths.pipeline)]
        return Page(
            title: "The recorded consideration: \(p.title)", breadcrumbs: crumbs + [(p.title, Paths.procurement(id))],
            content: """
                <span class="govuk-caption-l">\(p.title)</span>
                <h1 class="govuk-heading-l">The recorded consideration</h1>
                \(body)
                <p class="govuk-body">\(Components.link("Back to the procurement", Paths.procurement(id)))</p>
                """
        ).render(req)
    }

    /// Whether the original was signed off before the procurement started: the proof the Act asks
    /// for, judged from the original only.
    func timeliness(_ p: ProcurementModel) -> String {
        guard let started = p.startedOn else { return "Recorded before the procurement started" }
        return p.isLate
            ? "Recorded late, after the procurement started on \(longDate(started))"
            : "Recorded on time, before the procurement started on \(longDate(started))"
    }

    /// The rows of one version of the consideration.
    func considerationRows(_ c: Consideration, trees: [VersionTree]) -> [Components.Row] {
        let outcomes = trees.flatMap(\.outcomes).filter { c.outcomeIDs.contains($0.id!) }.map(\.name)
        let measures = trees.flatMap(\.measures).filter { c.measureIDs.contains($0.id!) }.map {
            "\($0.code) \($0.name)"
        }
        func chosen(_ names: [String], _ ids: [UUID]) -> String {
            if ids.isEmpty { return "None chosen" }
            return names.isEmpty ? "Chosen from a framework that is no longer adopted" : names.joined(separator: "; ")
        }
        return [
            .init("How it might improve well-being in the area (s.1(3)(a))", text: c.wellbeing),
            .init("Framework outcomes", text: chosen(outcomes, c.outcomeIDs)),
            .init("How the process will secure it (s.1(3)(b))", text: c.securing),
            .init(
                "Social value weighting",
                text: "\(c.weightingPercent)%" + (c.weightingReason.map { ". Reason: \($0)" } ?? "")),
            .init("Measures for the tender", text: chosen(measures, c.measureIDs)),
            .init("Contract conditions", text: c.contractConditions.isEmpty ? "None" : c.contractConditions),
            .init("Steps that help SMEs and VCS organisations", text: c.smeVcsSteps.isEmpty ? "None" : c.smeVcsSteps),
            .init("Whether to consult (s.1(7))", text: (c.consult ? "Yes. " : "No. ") + c.consultReason),
            .init("Monitoring", text: c.monitoring.label + (c.monitoringReason.map { ". Reason: \($0)" } ?? "")),
            .init("Monitoring plan", text: c.monitoringPlan),
        ]
    }

    /// One amendment: who signed it off and when, why, what changed from the version before,
    /// whether it came after the start, what the tender kept; and the version in full.
    func amendmentHTML(
        _ a: ConsiderationAmendmentModel, _ c: Consideration, previous: Consideration, _ p: ProcurementModel,
        trees: [VersionTree]
    ) -> HTML {
        let changes = c.changes(from: previous)
        let what = changes.isEmpty ? "Nothing" : changes.joined(separator: "; ")
        let after = Procurement.isLate(signedOffOn: a.signedDay, startedOn: p.started)
        var rows: [Components.Row] = [
            .init("Signed off by", text: "\(a.signedBy) on \(longDate(a.signedOn))"),
            .init("Reason", text: a.reason),
            .init("What changed", text: what.prefix(1).uppercased() + what.dropFirst()),
            .init(
                "When",
                text: after
                    ? "After the procurement started on \(longDate(p.startedOn ?? "")). The original’s timeliness stands."
                    : "Before the procurement started"),
        ]
        if let note = a.frozenWeightingNote { rows.append(.init("The tender", text: note)) }
        return """
            <div class="cw-card" id="amendment-\(a.version)">
            <h3 class="govuk-heading-s">Version \(a.version): amended on \(longDate(a.signedOn))</h3>
            \(Components.summaryList(rows))
            <details class="govuk-details"><summary class="govuk-details__summary"><span class="govuk-details__summary-text">Version \(a.version) in full</span></summary>
            <div class="govuk-details__text">\(Components.summaryList(considerationRows(c, trees: trees)))</div></details>
            </div>
            """
    }

    /// The consideration's fields, filled from `form` (or empty), with the form's own heading,
    /// address and button; `extra` comes before the button.
    func considerationFields(
        _ req: Request, _ p: ProcurementModel, form f: ConsiderationInput, errors: [FieldError],
        suggestion: ProportionalitySuggestion?, confirmedBefore: Set<UUID> = []
    ) async throws -> HTML {
        let trees = try await req.procurements.frameworkChoices(for: p)
        let outcomes = try trees.flatMap(\.outcomes).map { o in (value: try o.requireID().uuidString, label: o.name) }
        // Measures no value set open to the procurement prices are marked, and chosen ones warned of.
        let priced = try await req.pricedCodes(p)
        let catalogue = try await req.chosenMeasures(p)
        let unpricedAll = Procurement.unpricedMeasures(
            chosen: catalogue.map(\.id), measures: catalogue, valueSets: priced)
        let measures = try trees.flatMap(\.measures).map { m in
            (value: try m.requireID().uuidString, label: "\(m.code) \(m.name)")
        }
        let unpriced = Procurement.unpricedMeasures(
            chosen: (f.measureIDs ?? []).filter { !confirmedBefore.contains($0) }, measures: catalogue,
            valueSets: priced)
        let outcomesChecked = Set((f.outcomeIDs ?? []).map(\.uuidString))
        let measuresChecked = Set((f.measureIDs ?? []).map(\.uuidString))
        let outcomeBoxes =
            outcomes.isEmpty
            ? HTML("<p class=\"govuk-body\">No adopted framework: adopt one to link outcomes.</p>")
            : Components.checkboxes(
                "outcomeIDs", legend: "Outcomes of the adopted framework it aims at", options: outcomes,
                checked: outcomesChecked, errors: errors)
        let measureBoxes =
            measures.isEmpty
            ? HTML.empty
            : Components.checkboxes(
                "measureIDs", legend: "Measures chosen for the tender", options: measures, checked: measuresChecked,
                errors: errors,
                hint: unpricedAll.isEmpty
                    ? nil
                    : "No value set open to this procurement prices \(unpricedAll.map(\.code).joined(separator: ", ")): a tender cannot monetise commitments to \(unpricedAll.count == 1 ? "it" : "them")."
            )
        let consult = f.consult.map { $0 ? "yes" : "no" }
        return """
            \(Components.textarea("wellbeing", label: "How might this procurement improve the economic, social and environmental well-being of the area?", value: f.wellbeing, errors: errors, rows: 4, maxLength: 5000))
            \(outcomeBoxes)
            \(Components.textarea("securing", label: "How will the procurement secure that improvement?", value: f.securing, errors: errors, rows: 4, maxLength: 5000))
            \(Components.textInput("weightingPercent", label: "Social value weighting (%)", value: f.weightingPercent, errors: errors, hint: suggestion.map { "Suggested: \($0.minWeightingPercent)% to \($0.maxWeightingPercent)%" }, width: "3", maxLength: 3))
            \(Components.textarea("weightingReason", label: "Reason for a weighting outside the suggestion (if any)", value: f.weightingReason, errors: errors, rows: 2, maxLength: 2000))
            \(measureBoxes)
            \(unpricedWarning(unpriced, errors))
            \(Components.textarea("contractConditions", label: "Contract conditions (optional)", value: f.contractConditions, errors: errors, rows: 2, maxLength: 5000))
            \(Components.textarea("smeVcsSteps", label: "Lotting and other steps that help SMEs and VCS organisations (optional)", value: f.smeVcsSteps, errors: errors, rows: 2, maxLength: 5000))
            \(Components.radios("consult", legend: "Will you consult on these matters?", options: [("yes", "Yes"), ("no", "No")], selected: consult, errors: errors, inline: true))
            \(Components.textarea("consultReason", label: "Why", value: f.consultReason, errors: errors, rows: 2, maxLength: 2000))
            \(Components.select("monitoring", label: "How often the supplier reports", options: MonitoringFrequency.allCases.map { ($0.rawValue, $0.label) }, selected: f.monitoring ?? suggestion?.monitoring.rawValue, errors: errors))
            \(Components.textarea("monitoringReason", label: "Reason for monitoring other than the suggestion (if any)", value: f.monitoringReason, errors: errors, rows: 2, maxLength: 2000))
            \(Components.textarea("monitoringPlan", label: "Monitoring plan", value: f.monitoringPlan, errors: errors, rows: 3, maxLength: 5000))
            """
    }

    /// The warning that chosen measures have no proxy in any value set, with the box that
    /// confirms them (procurements.md, "Measures no value set prices").
    func unpricedWarning(_ unpriced: [ChosenMeasure], _ errors: [FieldError]) -> HTML {
        guard !unpriced.isEmpty else { return .empty }
        let items = unpriced.map { m -> HTML in "<li>\(m.code) \(m.name)</li>" }
        return """
            <div class="govuk-warning-text" id="unpriced-measures"><span class="govuk-warning-text__icon" aria-hidden="true">!</span>
            <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>No value set open to this procurement prices these measures, so a tender cannot monetise commitments to them:</strong></div>
            <ul class="govuk-list govuk-list--bullet">\(HTML.join(items))</ul>
            \(Components.checkbox(Procurement.confirmUnpricedField, label: "I want these measures though no value set prices them", checked: false, errors: errors))
            """
    }

    /// Measures no value set prices need the box ticked; without it nothing is signed off, and
    /// the form's other problems (from `validate`) are reported with it, all at once. Measures the
    /// version in force already chose (`confirmedBefore`) were confirmed then.
    func checkUnpriced(
        _ req: Request, _ p: ProcurementModel, _ c: ConsiderationInput, confirmedBefore: [UUID] = [],
        alongside validate: ([UUID]) throws -> Void
    ) async throws {
        // Who may not sign it off is refused by the store, as before.
        guard req.currentUser?.viewer.canManageProcurement(owner: p.$owner.id) == true else { return }
        let confirmed = (try? req.content.get(String.self, at: Procurement.confirmUnpricedField)) == "yes"
        let catalogue = try await req.chosenMeasures(p)
        let unpriced = Procurement.unpricedMeasures(
            chosen: (c.measureIDs ?? []).filter { !confirmedBefore.contains($0) }, measures: catalogue,
            valueSets: try await req.pricedCodes(p))
        do {
            try Procurement.checkUnpricedConfirmed(unpriced, confirmed: confirmed)
        } catch let failure as ValidationFailure {
            var others: [FieldError] = []
            do { try validate(catalogue.map(\.id)) } catch let more as ValidationFailure { others = more.errors }
            throw ValidationFailure(others + failure.errors)
        }
    }

    /// What the consideration is checked against, as the store checks it.
    func rules(_ req: Request, _ p: ProcurementModel) async throws -> (
        suggestion: ProportionalitySuggestion?, authority: AuthorityType, outcomes: Set<UUID>
    ) {
        let authority = p.owner.organisationKind.authorityType
        let suggestion = Procurement.proportionality(settings: p.compact.settings, value: p.value, authority: authority)
        let outcomes = Set(try await req.procurements.frameworkChoices(for: p).flatMap(\.outcomes).compactMap(\.id))
        return (suggestion, authority, outcomes)
    }

    /// The page with the form that records the consideration, before it is signed off; the
    /// form's problems are shown again here with the error summary.
    func considerationFormPage(
        _ req: Request, _ p: ProcurementModel, form: ConsiderationInput, errors: [FieldError]
    ) async throws -> Response {
        let id = try p.requireID()
        let authority = p.owner.organisationKind.authorityType
        let suggestion = Procurement.proportionality(settings: p.compact.settings, value: p.value, authority: authority)
        let fields = try await considerationFields(req, p, form: form, errors: errors, suggestion: suggestion)
        let title = "Record the consideration"
        return Page(
            title: "\(title): \(p.title)",
            breadcrumbs: [("Procurements", Paths.procurements), (p.title, Paths.procurement(id))],
            errors: errors,
            content: """
                <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
                <span class="govuk-caption-l">\(p.title)</span>
                <h1 class="govuk-heading-l">\(title)</h1>
                <p class="govuk-body">Before the procurement starts, the Social Value Act asks the authority to consider how it might improve the economic, social and environmental well-being of the area, how the procurement might secure that, and whether to consult. Once signed off, the consideration is not recorded again: a change is an amendment beside it.</p>
                \(Self.proportionHTML(p, suggestion))
                \(Components.form(action: Paths.procurement(id, .consideration), csrf: req.csrfToken(), """
                  \(fields)
                  \(Components.button("Sign off the consideration"))
                """))
                <p class="govuk-body">\(Components.link("Back to the procurement", Paths.procurement(id)))</p>
                </div></div>
                """
        ).render(req)
    }

    /// The Compact's suggested weighting and monitoring for the procurement's value.
    static func proportionHTML(_ p: ProcurementModel, _ suggestion: ProportionalitySuggestion?) -> HTML {
        guard let s = suggestion else { return .empty }
        return """
            <p class="govuk-body" id="proportionality">For a contract of this value, the \(p.compact.name) suggests a social value weighting of <strong>\(s.minWeightingPercent)% to \(s.maxWeightingPercent)%</strong> and monitoring <strong>\(s.monitoring.label.lowercased())</strong>.\(s.statutoryMinimumPercent.map { HTML(" As a central government body, \(p.owner.name) must weight social value at least \($0)% (PPN 002).") } ?? .empty) Choosing outside the suggestion needs a reason.</p>
            """
    }

    func consider(req: Request) async throws -> Response {
        let (me, p) = try await signedIn(req)
        let id = try p.requireID()
        return try await req.handleForm(
            ConsiderationInput.self,
            save: { input in
                let r = try await rules(req, p)
                try await checkUnpriced(req, p, input) { measures in
                    _ = try Procurement.validate(
                        consideration: input, suggestion: r.suggestion, authority: r.authority,
                        knownOutcomes: r.outcomes, knownMeasures: Set(measures))
                }
                _ = try await req.procurements.recordConsideration(
                    id, input, signedBy: me.user.displayName, viewer: me.viewer, by: me.actor)
                return Saved(Paths.procurement(id, .consideration), "The consideration has been signed off")
            },
            reshow: { input, errors in try await considerationFormPage(req, p, form: input, errors: errors) })
    }

    // MARK: Amending

    /// The amendment form, filled from the version in force.
    func amendConsiderationForm(req: Request) async throws -> Response {
        let (me, p) = try await managed(req)
        // Nothing to amend before it is signed off, nor once the procurement is closed or cancelled.
        guard let original = p.consideration, ![.closed, .cancelled].contains(p.statusValue) else {
            throw Abort(.notFound)
        }
        let current = try await req.procurements.amendments(of: try p.requireID()).last?.consideration ?? original
        return try await amendmentPage(
            req, me, p, form: ConsiderationAmendmentInput(ConsiderationInput(current)), errors: [])
    }

    func amendConsideration(req: Request) async throws -> Response {
        let (me, p) = try await signedIn(req)
        let id = try p.requireID()
        return try await req.handleForm(
            ConsiderationAmendmentInput.self,
            save: { input in
                let r = try await rules(req, p)
                if let inForce = try await req.considerationInForce(p) {
                    try await checkUnpriced(
                        req, p, input.consideration, confirmedBefore: inForce.consideration.measureIDs
                    ) { measures in
                        _ = try Procurement.validate(
                            amendment: input, current: inForce.consideration, currentVersion: inForce.version,
                            suggestion: r.suggestion, authority: r.authority, knownOutcomes: r.outcomes,
                            knownMeasures: Set(measures))
                    }
                }
                let a = try await req.procurements.amendConsideration(
                    id, input, signedBy: me.user.displayName, viewer: me.viewer, by: me.actor)
                return Saved(
                    Paths.procurement(id, .consideration),
                    "The consideration has been amended: version \(a.version) is in force")
            },
            reshow: { input, errors in try await amendmentPage(req, me, p, form: input, errors: errors) })
    }

    func amendmentPage(
        _ req: Request, _ me: CurrentUser, _ p: ProcurementModel, form: ConsiderationAmendmentInput,
        errors: [FieldError]
    ) async throws -> Response {
        let id = try p.requireID()
        guard me.viewer.canManageProcurement(owner: p.$owner.id) else { throw StorageError.roleNotAllowed }
        let authority = p.owner.organisationKind.authorityType
        let suggestion = Procurement.proportionality(settings: p.compact.settings, value: p.value, authority: authority)
        let inForce = try await req.considerationInForce(p)
        let fields = try await considerationFields(
            req, p, form: form.consideration, errors: errors, suggestion: suggestion,
            confirmedBefore: Set(inForce?.consideration.measureIDs ?? []))
        var notes: [HTML] = [
            "<p class=\"govuk-body\">The consideration signed off on \(longDate(p.considerationSignedOn ?? "")) stays as it was, with its date, and timeliness is still judged from it. Your amendment is added beside it as a new version, with your name, today’s date and the reason.</p>"
        ]
        if let frozen = try await req.procurements.frozenTenderWeighting(of: id) {
            notes.append(
                """
                <div class="govuk-warning-text" id="frozen-weighting"><span class="govuk-warning-text__icon" aria-hidden="true">!</span>
                <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>The tender was published with a social value weighting of \(frozen)%. Amending the weighting here does not change the tender: bids are evaluated at \(frozen)%.</strong></div>
                """)
        }
        let title = "Amend the consideration"
        return Page(
            title: title, breadcrumbs: [("Procurements", Paths.procurements), (p.title, Paths.procurement(id))],
            errors: errors,
            content: """
                <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
                <span class="govuk-caption-l">\(p.title)</span>
                <h1 class="govuk-heading-l">\(title)</h1>
                \(HTML.join(notes))
                \(Components.form(action: Paths.procurement(id, .amendConsideration), csrf: req.csrfToken(), """
                  \(Components.textarea("reason", label: "Why is the consideration amended?", value: form.reason, errors: errors, hint: "This is shown with the amendment on the procurement’s page", rows: 3, maxLength: Procurement.amendmentReasonMaxLength))
                  \(fields)
                  \(Components.button("Sign off the amendment"))
                """))
                </div></div>
                """
        ).render(req)
    }
}
