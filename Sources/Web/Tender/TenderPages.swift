import Foundation
import SocialValue
import Storage
import Vapor

/// The buyer's side of a tender: the set-up form on a procurement, the tender page (set-up,
/// documents, clarifications, publishing, the bid count while sealed, opening the bids) and the
/// opened bids. Bid contents are read only through `BidStore`, which keeps them sealed.
struct TenderPages: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.get("procurements", ":id", "tender", use: setupForm)
        routes.post("procurements", ":id", "tender", use: saveSetup)
        let t = routes.grouped("tenders")
        t.get(use: openTenders)
        t.get(":id", use: show)
        t.post(":id", "publish", use: publish)
        t.on(.POST, ":id", "documents", body: .collect(maxSize: "11mb"), use: upload)
        t.get(":id", "documents", ":item", use: download)
        t.post(":id", "documents", ":item", "delete", use: removeDocument)
        t.post(":id", "clarifications", use: ask)
        t.post(":id", "clarifications", ":item", "answer", use: answer)
        t.post(":id", "open", use: open)
        t.get(":id", "cancel", use: cancelForm)
        t.post(":id", "cancel", use: cancel)
        t.get(":id", "bids", use: bids)
        t.get(":id", "bids", ":item", use: bid)
        t.get(":id", "bids", ":item", "attachments", ":file", use: bidAttachment)
    }

    // MARK: Set-up

    func managedProcurement(_ req: Request) async throws -> (CurrentUser, ProcurementModel) {
        let me = try req.requireUser()
        let p = try await req.procurements.find(try req.parameterID())
        guard me.viewer.canManageTender(owner: p.$owner.id) else { throw StorageError.roleNotAllowed }
        return (me, p)
    }

    func setupPage(
        _ req: Request, _ me: CurrentUser, _ p: ProcurementModel, form f: TenderInput, errors mapped: [FieldError]
    ) async throws -> Response {
        let choices = try await req.tenders.valueSetChoices(forProcurement: p.id!)
        let authority = p.owner.organisationKind.authorityType
        let suggestion = Procurement.proportionality(settings: p.compact.settings, value: p.value, authority: authority)
        let criteria = f.criteria ?? []
        let used =
            criteria.indices.last { n in
                let q = criteria[n]
                return [q.id, q.name, q.guidance, q.weight].contains { !($0 ?? "").isEmpty }
            } ?? -1
        let criteriaRows = (0..<min(Tender.maximumCriteria, max(used + 3, 3))).map { n -> HTML in
            let q = n < criteria.count ? criteria[n] : CriterionInput()
            let name = "criteria[\(n)]"
            return """
                <fieldset class="govuk-fieldset cw-card"><legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Criterion \(n + 1)</legend>
                \(Components.textInput("\(name)[id]", label: "Id (optional, like Q\(n + 1))", value: q.id, errors: mapped, width: "4", maxLength: 10))
                \(Components.textInput("\(name)[name]", label: "Name", value: q.name, errors: mapped))
                \(Components.textarea("\(name)[guidance]", label: "Guidance for bidders (optional)", value: q.guidance, errors: mapped, rows: 2, maxLength: 5000))
                \(Components.textInput("\(name)[weight]", label: "Weight (% of the quality score)", value: q.weight, errors: mapped, width: "3", maxLength: 3))
                </fieldset>
                """
        }
        let chosenCodes = Set(f.measureCodes ?? [])
        let measureGroups = choices.map { choice -> HTML in
            let options = choice.measures.map { m in
                (value: m.code, label: "\(m.code) \(m.name): \(Money.display(m.proxy)) \(Plural.per(m.unit))")
            }
            // The measures ticked are those of the chosen value set (each group names its codes `measureCodes[]`).
            let checked = f.valueSetId == choice.valueSet.id ? chosenCodes : []
            return options.isEmpty
                ? .empty
                : Components.checkboxes(
                    "measureCodes", legend: "Measures priced by \(choice.valueSet.name) (\(choice.frameworkName))",
                    options: options, checked: checked, errors: [], id: "measureCodes-\(choice.valueSet.id)")
        }
        let proportion: HTML =
            suggestion.map { s in
                "<p class=\"govuk-body\" id=\"proportionality\">The \(p.compact.name) suggests a social value weight of <strong>\(s.minWeightingPercent)% to \(s.maxWeightingPercent)%</strong> for a contract of this value.\(authority == .centralGovernment ? HTML(" As a central government body, PPN 002 applies: at least 10%.") : .empty) A weight outside the suggestion needs a reason.</p>"
            } ?? .empty
        let title = "Set up the tender"
        let considered = try await considerationNote(req, p, form: f)
        return Page(
            title: title, breadcrumbs: [("Procurements", Paths.procurements), (p.title, Paths.procurement(p.id!))],
            errors: mapped,
            content: """
                <span class="govuk-caption-l">\(p.title)</span>
                <h1 class="govuk-heading-l">\(title)</h1>
                <p class="govuk-body">The set-up is frozen when the tender is published. Proxy values are copied into the tender when a measure is chosen.</p>
                \(proportion)
                \(considered)
                \(Components.form(action: Paths.procurement(p.id!, .tender), csrf: req.csrfToken(), """
                  <h2 class="govuk-heading-m">Weights</h2>
                  \(Components.textInput("priceWeight", label: "Price weight (%)", value: f.priceWeight, errors: mapped, width: "3", maxLength: 3))
                  \(Components.textInput("qualityWeight", label: "Quality weight (%)", value: f.qualityWeight, errors: mapped, width: "3", maxLength: 3))
                  \(Components.textInput("socialValueWeight", label: "Social value weight (%)", value: f.socialValueWeight, errors: mapped, width: "3", maxLength: 3))
                  \(Components.textarea("weightingReason", label: "Reason for a social value weight outside the suggestion (if it is)", value: f.weightingReason, errors: mapped, rows: 2, maxLength: 2000))
                  \(Components.radios("priceMethod", legend: "How price is scored", options: PriceMethod.allCases.map { ($0.rawValue, $0.label) }, selected: f.priceMethod, errors: mapped))
                  <h2 class="govuk-heading-m">Quality</h2>
                  \(Components.textInput("qualityScaleMax", label: "Top of the quality scale", value: f.qualityScaleMax ?? "5", errors: mapped, hint: "For example 5, 4 or 100. The bottom is 0.", width: "3", maxLength: 3))
                  \(Components.textarea("descriptors", label: "What each score means (one per line)", value: f.descriptors ?? TenderSetup.descriptorsText(TenderSetup.defaultDescriptors), errors: mapped, rows: 6, maxLength: 5000))
                  \(Components.textInput("minimumQualityPercent", label: "Minimum quality (% of the quality weight, optional)", value: f.minimumQualityPercent, errors: mapped, width: "3", maxLength: 3))
                  <div id="criteria">\(Components.errorMessage("criteria", mapped).0)</div>
                  \(HTML.join(criteriaRows))
                  <h2 class="govuk-heading-m">Social value</h2>
                  \(Components.radios("socialValueMethod", legend: "How social value is scored", options: SocialValueMethod.allCases.map { ($0.rawValue, $0.label) }, selected: f.socialValueMethod, errors: mapped))
                  \(Components.select("valueSetId", label: "Value set the proxies come from", options: choices.map { ($0.valueSet.id.uuidString, "\($0.valueSet.name) (\($0.frameworkName))") }, selected: f.valueSetId?.uuidString ?? (choices.count == 1 ? choices[0].valueSet.id.uuidString : nil), errors: mapped, includeBlank: "No value set"))
                  <div id="measureCodes">\(Components.errorMessage("measureCodes", mapped).0)</div>
                  \(choices.isEmpty ? HTML("<p class=\"govuk-body\">No adopted framework of the Compact or the body has a value set yet.</p>") : HTML.join(measureGroups))
                  \(Components.radios("policy", legend: "Policy check", options: [("", "None"), (EvaluationPolicy.ppn002.rawValue, "PPN 002: at least 10% social value")], selected: f.policy ?? "", errors: mapped))
                  \(Components.textInput("deliverabilitySharePercent", label: "Check deliverability above this share of the bid price (%)", value: f.deliverabilitySharePercent ?? "50", errors: mapped, width: "3", maxLength: 3))
                  <h2 class="govuk-heading-m">Deadline (UK time)</h2>
                  \(Components.dateInput("deadlineOn", legend: "Date", value: f.deadlineOn, errors: mapped, example: "12 3 2027"))
                  \(Components.textInput("deadlineTime", label: "Time (24-hour clock)", value: f.deadlineTime ?? "12:00", errors: mapped, hint: "For example, 12:00", width: "5", maxLength: 5))
                  \(Components.button("Save the tender"))
                """))
                """
        ).render(req)
    }

    /// What the set-up owes the consideration in force: which version it started from, and a
    /// warning when the social value weight typed differs from the consideration's.
    func considerationNote(_ req: Request, _ p: ProcurementModel, form f: TenderInput) async throws -> HTML {
        guard let inForce = try await req.considerationInForce(p) else { return .empty }
        let (c, version) = (inForce.consideration, inForce.version)
        let which = version == 1 ? "the signed-off consideration" : "version \(version) of the consideration (amended)"
        var out: HTML =
            "<div class=\"govuk-inset-text\" id=\"from-consideration\">A new set-up starts from \(which): a social value weighting of \(c.weightingPercent)% and the measures it chose that a value set prices. You can change them.</div>"
        if let note = TenderSetup.considerationWeightingNote(
            tenderWeighting: f.socialValueWeight, consideration: c.weightingPercent)
        {
            out =
                out
                    + """
                    <div class="govuk-warning-text" id="weighting-differs"><span class="govuk-warning-text__icon" aria-hidden="true">!</span>
                    <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>\(note)</strong></div>
                    """
        }
        return out
    }

    func setupForm(req: Request) async throws -> Response {
        let (me, p) = try await managedProcurement(req)
        let existing = try await req.tenders.tender(ofProcurement: p.id!)
        if let existing, existing.statusValue != .draft { return req.seeOther(Paths.tender(existing.id!)) }
        if let existing {
            let form = TenderInput(
                existing.configuration, deadlineOn: existing.deadlineOn, deadlineTime: existing.deadlineTime)
            return try await setupPage(req, me, p, form: form, errors: [])
        }
        // A new tender starts from the consideration in force: its weighting and its measures.
        var form = TenderInput()
        if let inForce = try await req.considerationInForce(p) {
            form = TenderSetup.start(
                from: inForce.consideration, measures: try await req.chosenMeasures(p),
                valueSets: try await req.pricedCodes(p))
        }
        return try await setupPage(req, me, p, form: form, errors: [])
    }

    func saveSetup(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let p = try await req.procurements.find(try req.parameterID())
        let id = try p.requireID()
        return try await req.handleForm(
            TenderInput.self,
            save: { input in
                let t = try await req.tenders.save(procurement: id, input, viewer: me.viewer, by: me.actor)
                return Saved(Paths.tender(try t.requireID()), "The tender has been saved as a draft")
            },
            reshow: { input, errors in try await setupPage(req, me, p, form: input, errors: errors) })
    }

    /// The "Tender" section of a procurement's page: its task list for the buyer, a link for everyone once published.
    static func section(_ req: Request, _ p: ProcurementModel, canManage: Bool) async throws -> HTML {
        let t = try await req.tenders.tender(ofProcurement: p.id!)
        var items: [HTML] = []
        var cancel: HTML = .empty
        if let t, canManage, ![.awarded, .cancelled].contains(t.phase(at: Date())) {
            cancel =
                "<p class=\"govuk-body\">\(Components.link("Cancel the tender", Paths.tender(t.id!, .cancel), context: "for \(p.title)"))</p>"
        }
        if let t, t.statusValue != .draft {
            let phase = t.phase(at: Date())
            items.append(
                "<li>\(Components.link("The tender", Paths.tender(t.id!), context: "for \(p.title)")) \(TenderView.phaseTag(phase)): deadline \(t.deadline.text)</li>"
            )
        } else if canManage && [.planning, .marketEngagement, .tenderOpen].contains(p.statusValue) {
            let consideration = p.considerationRequired && p.considerationJSON == nil
            items.append(
                "<li>\(Components.link(t == nil ? "Set up the tender" : "Change the tender set-up", Paths.procurement(p.id!, .tender))) \(Components.tag(t == nil ? "Not started" : "Draft", colour: t == nil ? "grey" : "yellow"))</li>"
            )
            if let t {
                items.append(
                    "<li>\(Components.link("Documents, clarifications and publishing", Paths.tender(t.id!)))\(consideration ? HTML(" \(Components.tag("Needs the consideration signed off", colour: "red"))") : .empty)</li>"
                )
            }
        }
        guard !items.isEmpty else { return .empty }
        return
            "<h2 class=\"govuk-heading-m\" id=\"tender\">Tender</h2><ul class=\"govuk-list\">\(HTML.join(items))</ul>\(cancel)"
    }

    // MARK: The tender page

    func openTenders(req: Request) async throws -> Response {
        let items = try await req.tenders.openTenders()
        let rows = items.map { t -> [HTML] in
            [
                Components.link(t.procurement.title, Paths.tender(t.id!)), "\(t.procurement.owner.name)",
                "\(Procurement.valueBand(t.procurement.value).label)", "\(t.deadline.text)",
            ]
        }
        return Page(
            title: "Open tenders",
            content: """
                <h1 class="govuk-heading-l">Open tenders</h1>
                <p class="govuk-body">Tenders open for bids now. Forthcoming opportunities are in the \(Components.link("pipeline", Paths.pipeline)).</p>
                \(items.isEmpty ? HTML("<p class=\"govuk-body\">No tenders are open.</p>") : Components.table(caption: "Tenders open for bids", headers: ["Tender", "Public body", "Value band", "Deadline (UK time)"], rows: rows))
                """
        ).render(req)
    }

    func show(req: Request) async throws -> Response { try await page(req, errors: []) }

    func page(_ req: Request, errors: [FieldError]) async throws -> Response {
        let t = try await req.visibleTender()
        let viewer = req.currentUser?.viewer
        let now = Date()
        let id = t.id!
        let owner = t.procurement.$owner.id
        let phase = t.phase(at: now)
        let canManage = viewer?.canManageTender(owner: owner) ?? false
        let buyer = viewer?.isBuyerSide(owner: owner) ?? false
        let csrf = req.csrfToken()
        var sections: [HTML] = []
        sections.append(
            Components.summaryList(
                [
                    .init("Status", TenderView.phaseTag(phase)),
                    .init("Deadline", text: "\(t.deadline.text) (UK time)"),
                    .init("Published", text: t.publishedAt.map(TenderView.stamp) ?? "Not yet"),
                ]
                    + (t.openedAt.map { [.init("Bids opened", text: "\(TenderView.stamp($0)) by \(t.openedBy ?? "")")] }
                        ?? [])
                    + (t.cancelReason.map { [.init("Why it was cancelled", text: $0)] } ?? [])))
        if canManage && phase == .draft {
            sections.append(
                """
                <ul class="govuk-list">
                <li>\(Components.link("Change the set-up", Paths.procurement(t.$procurement.id, .tender)))</li>
                <li>\(Components.inlineAction(action: Paths.tender(id, .publish), csrf: csrf, label: "Publish the tender", context: t.procurement.title, kind: "primary"))</li>
                </ul>
                """)
        }
        // Bids: the count while sealed, the opening, the list once opened.
        if buyer, let viewer {
            let count = try await req.bids.submittedCount(tender: id, viewer: viewer)
            var bidHTML: HTML =
                "<p class=\"govuk-body\" id=\"bid-count\">\(count) \(count == 1 ? "bid has" : "bids have") been submitted.</p>"
            if phase == .open {
                bidHTML =
                    bidHTML
                    + "<div class=\"govuk-inset-text\">Bids are sealed until the deadline: \(t.deadline.text). Nobody can read them before then.</div>"
            } else if phase == .closed {
                bidHTML =
                    bidHTML
                    + (canManage
                        ? Components.inlineAction(
                            action: Paths.tender(id, .open), csrf: csrf, label: "Open the bids",
                            context: t.procurement.title, kind: "primary")
                        : "<p class=\"govuk-body\">The deadline has passed. A commissioner opens the bids.</p>")
            } else if req.bids.canRead(tender: t, viewer: viewer, now: now) {
                bidHTML =
                    bidHTML
                    + "<p class=\"govuk-body\">\(Components.link("Read the bids", Paths.tender(id, .bids))) · \(Components.link("Evaluation", Paths.tender(id, .evaluation)))</p>"
            }
            sections.append("<h2 class=\"govuk-heading-m\">Bids</h2>\(bidHTML)")
        }
        if let viewer, !viewer.biddingOrganisations.isEmpty, phase != .draft {
            let feedback: HTML =
                phase == .awarded
                ? " · \(Components.link("Feedback on your bid", Paths.tender(id, .feedback)))" : .empty
            sections.append(
                "<h2 class=\"govuk-heading-m\">Your bid</h2><p class=\"govuk-body\">\(Components.link(phase == .open ? "Write or change your bid" : "See your bid", Paths.bid(id)))\(feedback)</p>"
            )
        }
        sections.append(
            "<h2 class=\"govuk-heading-m\">How bids are evaluated</h2>\(TenderView.configuration(t.configuration))")
        sections.append(try await documentsHTML(req, t, canManage: canManage, phase: phase, errors: errors))
        sections.append(
            try await clarificationsHTML(req, t, viewer: viewer, canManage: canManage, phase: phase, errors: errors))
        // The danger action last, on its own page.
        if canManage && ![.awarded, .cancelled].contains(phase) { sections.append(Self.cancelLink(t)) }
        return Page(
            title: "Tender: \(t.procurement.title)", breadcrumbs: TenderView.crumbs(t, for: viewer), errors: errors,
            content: """
                \(TenderView.caption(t))
                <h1 class="govuk-heading-l">Tender: \(t.procurement.title)</h1>
                \(HTML.paragraphs(t.procurement.description))
                \(HTML.join(sections))
                """
        ).render(req)
    }

    func documentsHTML(_ req: Request, _ t: TenderModel, canManage: Bool, phase: TenderPhase, errors: [FieldError])
        async throws -> HTML
    {
        let id = t.id!
        let csrf = req.csrfToken()
        let docs = try await req.tenders.documents(of: id, for: req.currentUser?.viewer)
        let rows = docs.map { d -> [HTML] in
            var row: [HTML] = [
                Components.link(d.title, Paths.tender(id, .documents, d.id)), "\(d.filename)",
                "\(DocumentType.describeSize(d.sizeBytes))",
            ]
            if canManage {
                row.append(
                    phase == .draft
                        ? Components.inlineAction(
                            action: Paths.tender(id, .documents, d.id, .delete), csrf: csrf, label: "Remove",
                            context: d.title, kind: "warning") : "Kept on record")
            }
            return row
        }
        var upload: HTML = .empty
        if canManage && (phase == .draft || phase == .open) {
            upload = """
                <form method="post" action="\(Paths.tender(id, .documents))" enctype="multipart/form-data" novalidate>
                  <input type="hidden" name="_csrf" value="\(csrf)">
                  \(Components.textInput("title", label: "Document title (optional)", value: nil, errors: errors))
                  \(Components.fileUpload(errors: errors))
                  \(Components.button("Upload the document", kind: "secondary"))
                </form>
                """
        }
        let headers = ["Document", "File", "Size"] + (canManage ? ["Action"] : [])
        return """
            <h2 class="govuk-heading-m">Tender documents</h2>
            \(docs.isEmpty ? HTML("<p class=\"govuk-body\">No documents yet.</p>") : Components.table(caption: "Tender documents", headers: headers, rows: rows, captionHidden: true))
            \(upload)
            """
    }

    func clarificationsHTML(
        _ req: Request, _ t: TenderModel, viewer: Viewer?, canManage: Bool, phase: TenderPhase, errors: [FieldError]
    ) async throws -> HTML {
        let id = t.id!
        let csrf = req.csrfToken()
        let items = try await req.tenders.clarifications(of: id, for: viewer)
        let list = items.map { c -> HTML in
            let who: HTML =
                c.askedBy.map { "<p class=\"govuk-body-s\">Asked by \($0) on \(TenderView.stamp(c.askedAt))</p>" }
                ?? (c.askedByYourOrganisation ? "<p class=\"govuk-body-s\">Asked by your organisation</p>" : .empty)
            let answerForm: HTML =
                canManage
                ? Components.form(
                    action: Paths.tender(id, .clarifications, c.id, .answer), csrf: csrf,
                    """
                    \(Components.textarea("answer", label: c.answer == nil ? "Your answer (published to every bidder)" : "Correct the answer", value: c.answer, errors: [], rows: 3, id: "answer-\(c.id)"))
                    \(Components.button("Publish the answer", kind: "secondary"))
                    """) : .empty
            return """
                <div class="cw-card">
                <h3 class="govuk-heading-s">Question</h3>\(HTML.paragraphs(c.question))\(who)
                <h3 class="govuk-heading-s">Answer</h3>\(c.answer.map { HTML.paragraphs($0) } ?? "<p class=\"govuk-body\">Not answered yet.</p>")
                \(answerForm)
                </div>
                """
        }
        var askForm: HTML = .empty
        if let viewer, !viewer.biddingOrganisations.isEmpty, phase == .open {
            askForm = Components.form(
                action: Paths.tender(id, .clarifications), csrf: csrf,
                """
                \(Components.textarea("question", label: "Ask a clarification question", value: nil, errors: errors, hint: "Answers are published to every bidder without saying who asked.", rows: 3, maxLength: 5000))
                \(Components.button("Send the question", kind: "secondary"))
                """)
        }
        return """
            <h2 class="govuk-heading-m">Clarification questions</h2>
            \(items.isEmpty ? HTML("<p class=\"govuk-body\">No questions answered yet.</p>") : HTML.join(list))
            \(askForm)
            """
    }

    /// A form posted from the tender page: the store call, or the page again with its problems.
    func handle<Input: Decodable>(
        _ req: Request, _ type: Input.Type, _ save: @escaping (Input) async throws -> Saved
    ) async throws -> Response {
        try await req.handleForm(type, save: save, reshow: { _, errors in try await page(req, errors: errors) })
    }

    func publish(req: Request) async throws -> Response {
        let (me, t) = try await req.signedInTender()
        let id = try t.requireID()
        return try await req.handleForm(
            save: {
                _ = try await req.tenders.publish(id, viewer: me.viewer, by: me.actor)
                return Saved(Paths.tender(id), "The tender is published and open for bids until \(t.deadline.text)")
            },
            reshow: { errors in try await page(req, errors: errors) })
    }

    /// The link to the cancel page, at the end of the tender page and of the procurement's
    /// tender section.
    static func cancelLink(_ t: TenderModel) -> HTML {
        """
        <h2 class="govuk-heading-m" id="cancel">Cancel the tender</h2>
        <p class="govuk-body">Cancelling ends the tender and its procurement. It cannot be undone.</p>
        <p class="govuk-body"><a class="govuk-link" href="\(Paths.tender(t.id!, .cancel))">Cancel the tender<span class="govuk-visually-hidden"> for \(t.procurement.title)</span></a></p>
        """
    }

    /// The "check and confirm" page for cancelling: what it does, the reason, the warning button.
    func cancelPage(_ req: Request, _ t: TenderModel, reason: String?, errors: [FieldError]) throws -> Response {
        let id = try t.requireID()
        return Confirmation(
            title: "Cancel the tender", caption: t.procurement.title,
            breadcrumbs: TenderView.crumbs(t) + [("Tender", Paths.tender(id))],
            consequence:
                "Cancelling ends the tender and its procurement. It cannot be undone: bidders can no longer bid, and bids not yet opened stay sealed.",
            detail: "<p class=\"govuk-body\">The reason is shown on the tender and the procurement.</p>",
            action: Paths.tender(id, .cancel),
            fields: Components.textarea(
                "reason", label: "Why the tender is cancelled", value: reason, errors: errors, rows: 3, maxLength: 5000),
            button: "Cancel the tender", back: ("No, go back to the tender", Paths.tender(id)), errors: errors,
            status: errors.isEmpty ? .ok : .unprocessableEntity
        ).render(req)
    }

    func managedTender(_ req: Request) async throws -> (CurrentUser, TenderModel) {
        let (me, t) = try await req.signedInTender()
        guard me.viewer.canManageTender(owner: t.procurement.$owner.id) else { throw StorageError.roleNotAllowed }
        return (me, t)
    }

    func cancelForm(req: Request) async throws -> Response {
        let (_, t) = try await managedTender(req)
        return try cancelPage(req, t, reason: nil, errors: [])
    }

    /// Cancels only from the confirmation page (`confirmed=yes`); any other post shows that page.
    func cancel(req: Request) async throws -> Response {
        let (me, t) = try await managedTender(req)
        let id = try t.requireID()
        guard Confirmation.isConfirmed(req) else {
            return try cancelPage(req, t, reason: try? req.content.get(String.self, at: "reason"), errors: [])
        }
        return try await req.handleForm(
            TenderCancelInput.self,
            save: { f in
                _ = try await req.tenders.cancel(id, reason: f.reason, viewer: me.viewer, by: me.actor)
                return Saved(Paths.tender(id), "The tender and its procurement are cancelled")
            },
            reshow: { f, errors in try cancelPage(req, t, reason: f.reason, errors: errors) })
    }

    struct Upload: Content {
        var _csrf: String?
        var title: String?
        var file: File?
    }

    func upload(req: Request) async throws -> Response {
        let (me, t) = try await req.signedInTender()
        let id = try t.requireID()
        return try await req.handleForm(
            Upload.self,
            save: { form in
                let file = form.file.flatMap { $0.filename.isEmpty && $0.data.readableBytes == 0 ? nil : $0 }
                try await req.tenders.addDocument(
                    id, title: form.title, filename: file?.filename,
                    bytes: file.map { Array($0.data.readableBytesView) } ?? [], viewer: me.viewer, by: me.actor)
                return Saved(Paths.tender(id), "The document has been uploaded")
            },
            reshow: { _, errors in try await page(req, errors: errors) })
    }

    func download(req: Request) async throws -> Response {
        let d = try await req.tenders.document(
            try req.parameterID("item"), of: try req.parameterID(), for: req.currentUser?.viewer)
        return Response.download(d.data, filename: d.filename, contentType: d.contentType)
    }

    func removeDocument(req: Request) async throws -> Response {
        let (me, t) = try await req.signedInTender()
        let id = try t.requireID()
        return try await req.handleForm(
            save: {
                try await req.tenders.removeDocument(
                    id, document: try req.parameterID("item"), viewer: me.viewer, by: me.actor)
                return Saved(Paths.tender(id), "The document has been removed")
            },
            reshow: { errors in try await page(req, errors: errors) })
    }

    func ask(req: Request) async throws -> Response {
        let (me, org) = try req.bidder()
        let t = try await req.visibleTender()
        let id = try t.requireID()
        return try await handle(req, ClarificationQuestionInput.self) { f in
            try await req.tenders.ask(id, organisation: org, question: f.question, viewer: me.viewer, by: me.actor)
            return Saved(Paths.tender(id), "Your question has been sent. The answer will be published to every bidder")
        }
    }

    func answer(req: Request) async throws -> Response {
        let (me, t) = try await req.signedInTender()
        let id = try t.requireID()
        let item = try req.parameterID("item")
        return try await handle(req, ClarificationAnswerInput.self) { f in
            try await req.tenders.answer(id, clarification: item, answer: f.answer, viewer: me.viewer, by: me.actor)
            return Saved(Paths.tender(id), "The answer has been published to every bidder")
        }
    }

    func open(req: Request) async throws -> Response {
        let (me, t) = try await req.signedInTender()
        let id = try t.requireID()
        return try await req.handleForm(
            save: {
                _ = try await req.bids.openBids(tender: id, viewer: me.viewer, by: me.actor)
                return Saved(Paths.tender(id, .bids), "The bids have been opened")
            },
            reshow: { errors in try await page(req, errors: errors) })
    }

    func bids(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let t = try await req.visibleTender()
        let list = try await req.bids.openedBids(tender: t.id!, viewer: me.viewer)
        let rows = list.map { b -> [HTML] in
            [
                Components.link(b.organisationName, Paths.tender(t.id!, .bids, b.id)),
                "\(b.content.price?.description ?? "")",
                "\(Money.display(b.monetisedSocialValue))", "\(TenderView.stamp(b.submittedAt))",
                "\(b.receipts.last.map { String($0.sha256.prefix(12)) } ?? "")",
            ]
        }
        return Page(
            title: "Bids: \(t.procurement.title)",
            breadcrumbs: TenderView.crumbs(t) + [("Tender", Paths.tender(t.id!))],
            content: """
                \(TenderView.caption(t))
                <h1 class="govuk-heading-l">Bids</h1>
                <p class="govuk-body">Opened \(TenderView.stamp(t.openedAt)) by \(t.openedBy ?? "").</p>
                \(list.isEmpty ? HTML("<p class=\"govuk-body\">No bids were submitted.</p>") : Components.table(caption: "Submitted bids", headers: ["Bidder", "Price", "Monetised social value", "Submitted (UK time)", "Receipt (SHA-256, first 12)"], rows: rows, numericColumns: [1, 2]))
                """
        ).render(req)
    }

    func bid(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let t = try await req.visibleTender()
        let b = try await req.bids.openedBid(try req.parameterID("item"), tender: t.id!, viewer: me.viewer)
        let config = t.configuration
        let receipts = b.receipts.map { r -> [HTML] in
            ["\(TenderView.stamp(r.submittedAt))", "<code class=\"cw-hash\">\(r.sha256)</code>"]
        }
        return Page(
            title: "Bid from \(b.organisationName)",
            breadcrumbs: TenderView.crumbs(t) + [("Bids", Paths.tender(t.id!, .bids))],
            content: """
                \(TenderView.caption(t))
                <h1 class="govuk-heading-l">Bid from \(b.organisationName)</h1>
                \(TenderView.contents(b, config: config) { Paths.openedBid(t.id!, b.id, attachment: $0) })
                \(b.warnings.isEmpty ? HTML.empty : HTML("<div class=\"govuk-warning-text\"><strong class=\"govuk-warning-text__text\">\(HTML.join(b.warnings.map { HTML("\($0.message)") }, separator: "<br>"))</strong></div>"))
                \(Components.table(caption: "Submission receipts", headers: ["Submitted (UK time)", "SHA-256"], rows: receipts))
                """
        ).render(req)
    }

    func bidAttachment(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let t = try await req.visibleTender()
        // The buyer's route: the bid must be readable as an opened bid (bidders use /bid/attachments).
        let b = try await req.bids.openedBid(try req.parameterID("item"), tender: t.id!, viewer: me.viewer)
        let a = try await req.bids.attachment(try req.parameterID("file"), tender: t.id!, viewer: me.viewer)
        guard a.$bid.id == b.id else { throw Abort(.notFound) }
        return Response.download(a.data, filename: a.filename, contentType: a.contentType)
    }
}
