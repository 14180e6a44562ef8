import Foundation
import SocialValue
import Storage
import Vapor

/// The bidder's side: their organisation's bid for a tender (draft, submit, withdraw, receipts,
/// attachments), the bid template as JSON or CSV, and uploading a filled template.
struct BidPages: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let b = routes.grouped("tenders", ":id", "bid")
        b.get(use: show)
        b.post(use: save)
        b.post("submit", use: submit)
        b.get("withdraw", use: withdrawConfirmation)
        b.post("withdraw", use: withdraw)
        b.on(.POST, "attachments", body: .collect(maxSize: "11mb"), use: attach)
        b.get("attachments", ":item", use: download)
        b.post("attachments", ":item", "delete", use: detach)
        b.get("template.json", use: templateJSON)
        b.get("template.csv", use: templateCSV)
        b.on(.POST, "template", body: .collect(maxSize: "2mb"), use: uploadTemplate)
    }

    func context(_ req: Request) async throws -> (CurrentUser, UUID, TenderModel, BidView?) {
        let (me, org) = try req.bidder()
        let t = try await req.visibleTender()
        let bid = try await req.bids.ownBid(tender: try t.requireID(), organisation: org, viewer: me.viewer)
        return (me, org, t, bid)
    }

    func show(req: Request) async throws -> Response {
        let (me, org, t, bid) = try await context(req)
        return try await page(req, me, org, t, bid, form: bid.map { BidInput($0.content) } ?? BidInput(), errors: [])
    }

    func page(
        _ req: Request, _ me: CurrentUser, _ org: UUID, _ t: TenderModel, _ bid: BidView?, form f: BidInput,
        errors: [FieldError]
    ) async throws -> Response {
        let id = try t.requireID()
        let config = t.configuration
        let csrf = req.csrfToken()
        let open = t.phase(at: Date()) == .open
        let orgModel = me.organisations.first { $0.id == org }
        let isVCS = orgModel.map { $0.isVCSE || $0.organisationKind.isAlwaysVCSE } ?? false
        let status = bid?.status ?? .draft
        var sections: [HTML] = []
        sections.append(
            Components.summaryList([
                .init("Bidding for", text: orgModel?.name ?? ""),
                .init(
                    "Status",
                    Components.tag(
                        bid == nil ? "Not started" : status.label, colour: status == .submitted ? "green" : "yellow")),
                .init("Deadline", text: "\(t.deadline.text) (UK time)"),
            ]))
        if let bid, !bid.warnings.isEmpty {
            sections.append(
                """
                <div class="govuk-warning-text" id="deliverability"><span class="govuk-warning-text__icon" aria-hidden="true">!</span>
                <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>\(HTML.join(bid.warnings.map { HTML("\($0.message)") }, separator: "<br>"))</strong></div>
                """)
        }
        if let bid, !bid.receipts.isEmpty {
            let rows = bid.receipts.map { r -> [HTML] in
                [
                    "\(TenderView.stamp(r.submittedAt))", "\(r.submittedBy)",
                    "<code class=\"cw-hash\">\(r.sha256)</code>",
                ]
            }
            sections.append(
                Components.table(
                    caption: "Your submission receipts",
                    headers: ["Submitted (UK time)", "By", "SHA-256 of the content"], rows: rows))
        }
        if !open {
            sections.append(
                "<div class=\"govuk-inset-text\">This tender closed at \(t.deadline.text). Bids can no longer be changed.</div>"
            )
            if let bid { sections.append(TenderView.contents(bid, config: config) { Paths.bidAttachment(id, $0) }) }
        } else if status == .submitted, let bid {
            sections.append(TenderView.contents(bid, config: config) { Paths.bidAttachment(id, $0) })
            sections.append(
                """
                <p class="govuk-body">Your bid is submitted. To change it, withdraw it, change it and submit it again before the deadline.</p>
                <a class="govuk-button govuk-button--warning" href="\(Paths.bid(id, .withdraw))">Withdraw the bid<span class="govuk-visually-hidden"> for \(t.procurement.title)</span></a>
                """)
        } else {
            sections.append(try editForm(req, t, bid, form: f, errors: errors, isVCS: isVCS))
        }
        return Page(
            title: "Your bid: \(t.procurement.title)",
            breadcrumbs: [("Open tenders", Paths.tenders), ("Tender", Paths.tender(id))], errors: errors,
            content: """
                \(TenderView.caption(t))
                <h1 class="govuk-heading-l">Your bid: \(t.procurement.title)</h1>
                \(HTML.join(sections))
                """
        ).render(req)
    }

    func editForm(
        _ req: Request, _ t: TenderModel, _ bid: BidView?, form f: BidInput, errors: [FieldError], isVCS: Bool
    ) throws -> HTML {
        let id = try t.requireID()
        let config = t.configuration
        let csrf = req.csrfToken()
        let responses = config.criteria.map { q in
            Components.textarea(
                "responses[\(q.id)]", label: "\(q.id) \(q.name) (\(q.weight)% of quality)", value: f.responses?[q.id],
                errors: errors, hint: q.guidance.isEmpty ? nil : q.guidance, rows: 6, maxLength: 20_000)
        }
        let commitments =
            config.socialValueMethod.isMonetised
            ? config.measures.map { m in
                Components.textInput(
                    "commitments[\(m.code)]", label: "\(m.code) \(m.name) (\(m.unit))", value: f.commitments?[m.code],
                    errors: errors,
                    hint: "Valued at \(Money.display(m.proxy)) \(Plural.per(m.unit)). Enter 0 if you commit to none.",
                    width: "10",
                    maxLength: 24)
            } : []
        let attachments = (bid?.attachments ?? []).map { a -> [HTML] in
            [
                Components.link(a.title, Paths.bidAttachment(id, a.id)), "\(a.criterionID ?? "Whole bid")",
                "\(DocumentType.describeSize(a.sizeBytes))",
                Components.inlineAction(
                    action: Paths.bidAttachment(id, a.id, .delete), csrf: csrf, label: "Remove", context: a.title,
                    kind: "warning"),
            ]
        }
        return """
            \(Components.form(action: Paths.bid(id), csrf: csrf, """
              \(Components.textInput("price", label: "Bid price (£)", value: f.price, errors: errors, hint: "The whole contract price", width: "10", maxLength: 20))
              <h2 class="govuk-heading-m">Quality</h2>
              \(HTML.join(responses))
              <h2 class="govuk-heading-m">Social value</h2>
              \(HTML.join(commitments))
              \(config.socialValueMethod.isMonetised
                ? Components.textarea("deliveryPlan", label: "Delivery plan for your social value commitments", value: f.deliveryPlan, errors: errors, rows: 5, maxLength: 20_000)
                : Components.textarea("socialValueResponse", label: "Your social value response", value: f.socialValueResponse, errors: errors, rows: 6, maxLength: 20_000))
              \(isVCS ? Components.textarea("embeddedValueStatement", label: "The social value embedded in your service (optional)", value: f.embeddedValueStatement, errors: errors, hint: "As a voluntary, community or social enterprise organisation you may describe the social value your way of working brings.", rows: 4, maxLength: 20_000) : HTML.empty)
              \(Components.button("Save as draft", kind: "secondary"))
            """))
            \(bid == nil ? HTML.empty : Components.inlineAction(action: Paths.bid(id, .submit), csrf: csrf, label: "Submit the bid", context: t.procurement.title, kind: "primary"))
            <h2 class="govuk-heading-m">Attachments</h2>
            \(attachments.isEmpty ? HTML("<p class=\"govuk-body\">No attachments.</p>") : Components.table(caption: "Attachments", headers: ["File", "For", "Size", "Action"], rows: attachments, captionHidden: true))
            <form method="post" action="\(Paths.bid(id, .attachments))" enctype="multipart/form-data" novalidate>
              <input type="hidden" name="_csrf" value="\(csrf)">
              \(Components.select("criterion", label: "Attach to", options: config.criteria.map { ($0.id, "\($0.id) \($0.name)") }, selected: nil, errors: errors, includeBlank: "The whole bid"))
              \(Components.textInput("title", label: "Title (optional)", value: nil, errors: errors))
              \(Components.fileUpload(errors: errors))
              \(Components.button("Attach the file", kind: "secondary"))
            </form>
            <h2 class="govuk-heading-m">Work offline</h2>
            <p class="govuk-body">Download the template as \(Components.link("JSON", Paths.bid(id, .templateJSON), context: "(bid template)")) or \(Components.link("CSV", Paths.bid(id, .templateCSV), context: "(bid template)")), fill it in and upload it to fill in your draft. Nothing is saved if it has any problem.</p>
            <form method="post" action="\(Paths.bid(id, .template))" enctype="multipart/form-data" novalidate>
              <input type="hidden" name="_csrf" value="\(csrf)">
              \(Components.fileUpload(label: "Filled template", errors: errors, id: "template", hint: "The .json or .csv template, filled in.", accept: ".json,.csv"))
              \(Components.button("Upload the template", kind: "secondary"))
            </form>
            """
    }

    /// The bid form again as the bid stands, with `errors`.
    func reshow(_ req: Request, _ context: (CurrentUser, UUID, TenderModel, BidView?), errors: [FieldError])
        async throws -> Response
    {
        let (me, org, t, bid) = context
        return try await page(
            req, me, org, t, bid, form: bid.map { BidInput($0.content) } ?? BidInput(), errors: errors)
    }

    func save(req: Request) async throws -> Response {
        let (me, org, t, bid) = try await context(req)
        let id = try t.requireID()
        return try await req.handleForm(
            BidInput.self,
            save: { input in
                _ = try await req.bids.saveDraft(tender: id, organisation: org, input, viewer: me.viewer, by: me.actor)
                return Saved(Paths.bid(id), "Your draft has been saved. It is not submitted yet")
            },
            reshow: { input, errors in try await page(req, me, org, t, bid, form: input, errors: errors) })
    }

    func submit(req: Request) async throws -> Response {
        let c = try await context(req)
        let (me, org, t, _) = c
        let id = try t.requireID()
        return try await req.handleForm(
            save: {
                let r = try await req.bids.submit(tender: id, organisation: org, viewer: me.viewer, by: me.actor)
                let stamp = TenderView.stamp(r.submittedAt)
                return Saved(Paths.bid(id), "Your bid has been submitted at \(stamp). Receipt: SHA-256 \(r.sha256)")
            },
            reshow: { errors in try await reshow(req, c, errors: errors) })
    }

    /// "Check and confirm" before withdrawing: a withdrawn bid does not count unless it is
    /// submitted again before the deadline.
    func withdrawal(_ req: Request, _ t: TenderModel) throws -> Confirmation {
        let id = try t.requireID()
        return Confirmation(
            title: "Withdraw your bid", caption: t.procurement.title,
            breadcrumbs: [("Open tenders", Paths.tenders), ("Tender", Paths.tender(id)), ("Your bid", Paths.bid(id))],
            consequence:
                "A withdrawn bid does not count. To be considered, it must be submitted again before the deadline: \(t.deadline.text) (UK time).",
            detail:
                "<p class=\"govuk-body\">Your answers stay as a draft you can change. Your submission receipts stay on record.</p>",
            action: Paths.bid(id, .withdraw), button: "Withdraw the bid",
            back: ("No, keep the bid submitted", Paths.bid(id)))
    }

    func withdrawConfirmation(req: Request) async throws -> Response {
        let (_, _, t, _) = try await context(req)
        return try withdrawal(req, t).render(req)
    }

    func withdraw(req: Request) async throws -> Response {
        let c = try await context(req)
        let (me, org, t, _) = c
        let id = try t.requireID()
        // A post that did not come through the confirmation page shows it and does nothing.
        guard Confirmation.isConfirmed(req) else { return try withdrawal(req, t).render(req) }
        return try await req.handleForm(
            save: {
                try await req.bids.withdraw(tender: id, organisation: org, viewer: me.viewer, by: me.actor)
                return Saved(
                    Paths.bid(id), "Your bid has been withdrawn. Submit it again before the deadline for it to count")
            },
            reshow: { errors in try await reshow(req, c, errors: errors) })
    }

    struct Upload: Content {
        var _csrf: String?
        var title: String?
        var criterion: String?
        var file: File?
    }

    func attach(req: Request) async throws -> Response {
        let c = try await context(req)
        let (me, org, t, _) = c
        let id = try t.requireID()
        return try await req.handleForm(
            Upload.self,
            save: { form in
                let file = form.file.flatMap { $0.filename.isEmpty && $0.data.readableBytes == 0 ? nil : $0 }
                try await req.bids.addAttachment(
                    tender: id, organisation: org, criterion: form.criterion, title: form.title,
                    filename: file?.filename, bytes: file.map { Array($0.data.readableBytesView) } ?? [],
                    viewer: me.viewer, by: me.actor)
                return Saved(Paths.bid(id), "The file has been attached")
            },
            reshow: { _, errors in try await reshow(req, c, errors: errors) })
    }

    func download(req: Request) async throws -> Response {
        let (me, _) = try req.bidder()
        let t = try await req.visibleTender()
        let a = try await req.bids.attachment(try req.parameterID("item"), tender: try t.requireID(), viewer: me.viewer)
        return Response.download(a.data, filename: a.filename, contentType: a.contentType)
    }

    func detach(req: Request) async throws -> Response {
        let c = try await context(req)
        let (me, org, t, _) = c
        let id = try t.requireID()
        return try await req.handleForm(
            save: {
                try await req.bids.removeAttachment(
                    tender: id, organisation: org, attachment: try req.parameterID("item"), viewer: me.viewer,
                    by: me.actor)
                return Saved(Paths.bid(id), "The attachment has been removed")
            },
            reshow: { errors in try await reshow(req, c, errors: errors) })
    }

    func templateJSON(req: Request) async throws -> Response {
        let (me, org, t, bid) = try await context(req)
        let vcs = me.organisations.first { $0.id == org }.map { $0.isVCSE || $0.organisationKind.isAlwaysVCSE } ?? false
        let text = BidTemplate.json(
            tender: try t.requireID(), title: t.procurement.title, config: t.configuration, isVCS: vcs,
            filled: bid?.content)
        return Response.download(
            Data(text.utf8), filename: "bid-template.json", contentType: "application/json; charset=utf-8")
    }

    func templateCSV(req: Request) async throws -> Response {
        let (me, org, t, bid) = try await context(req)
        let vcs = me.organisations.first { $0.id == org }.map { $0.isVCSE || $0.organisationKind.isAlwaysVCSE } ?? false
        let text = BidTemplate.csv(config: t.configuration, isVCS: vcs, filled: bid?.content)
        return Response.download(
            Data(text.utf8), filename: "bid-template.csv", contentType: "text/csv; charset=utf-8")
    }

    /// Fills the draft from an uploaded template: all or nothing; problems by JSON path or line.
    func uploadTemplate(req: Request) async throws -> Response {
        let c = try await context(req)
        let (me, org, t, _) = c
        let id = try t.requireID()
        return try await req.handleForm(
            Upload.self,
            save: { form in
                try await fillFromTemplate(req, form, tender: t, organisation: org, me)
                return Saved(Paths.bid(id), "Your draft has been filled in from the template. It is not submitted yet")
            },
            reshow: { _, errors in try await reshow(req, c, errors: errors) })
    }

    /// Reads the uploaded template and saves the draft from it; its problems are reported under
    /// `template`, each with its JSON path or CSV line.
    func fillFromTemplate(
        _ req: Request, _ form: Upload, tender t: TenderModel, organisation org: UUID, _ me: CurrentUser
    )
        async throws
    {
        let id = try t.requireID()
        let bytes = form.file.map { Array($0.data.readableBytesView) } ?? []
        let name = form.file?.filename.lowercased() ?? ""
        let config = t.configuration
        guard !bytes.isEmpty, let text = String(validating: bytes, as: UTF8.self) else {
            throw ValidationFailure("template", "Select the filled template, a .json or .csv file in UTF-8")
        }
        if name.hasSuffix(".json") {
            do {
                let input = try BidTemplate.parseJSON(text, tender: id)
                _ = try await req.bids.saveDraft(tender: id, organisation: org, input, viewer: me.viewer, by: me.actor)
            } catch let e as ValidationFailure {
                throw ValidationFailure(
                    e.errors.map {
                        let at = $0.field.hasPrefix("$") ? $0.field : BidTemplate.jsonPath($0.field, config: config)
                        return FieldError("template", "\(at): \($0.message)")
                    })
            }
        } else if name.hasSuffix(".csv") {
            var lines = TemplateCSV.Lines()
            do {
                let parsed = try BidTemplate.parseCSV(text)
                lines = parsed.lines
                _ = try await req.bids.saveDraft(
                    tender: id, organisation: org, parsed.input, viewer: me.viewer, by: me.actor)
            } catch let e as ValidationFailure {
                throw lines.onUpload(e, field: "template")
            }
        } else {
            throw ValidationFailure("template", "The template must be a .json or .csv file")
        }
    }
}
