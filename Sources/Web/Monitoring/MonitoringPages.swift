import Foundation
import SocialValue
import Storage
import Vapor

/// Monitoring returns on the web: the supplier's form (narrative, a line per commitment, evidence,
/// check your answers, submit), the read-only return, and the buyer's verification form.
struct MonitoringPages: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let c = routes.grouped("contracts", ":id")
        c.get("progress.csv", use: progressCSV)
        let r = c.grouped("returns", ":period")
        r.get(use: show)
        r.post(use: save)
        r.post("submit", use: submit)
        r.on(.POST, "evidence", body: .collect(maxSize: "11mb"), use: attach)
        r.get("evidence", ":item", use: download)
        r.post("evidence", ":item", "delete", use: detach)
        r.post("verification", use: verify)
        r.get("template.csv", use: templateCSV)
        r.on(.POST, "upload", body: .collect(maxSize: "1mb"), use: upload)
    }

    func ids(_ req: Request) throws -> (UUID, Int) {
        guard let raw = req.parameters.get("period"), let n = Int(raw), n > 0 else { throw Abort(.notFound) }
        return (try req.parameterID(), n)
    }

    func progressCSV(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let p = try await req.monitoring.progress(contract: try req.parameterID(), viewer: me.viewer)
        return Response.download(
            Data(p.csv.utf8), filename: "social-value-delivery.csv", contentType: "text/csv; charset=utf-8")
    }

    // MARK: The return page

    func show(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let (id, n) = try ids(req)
        let v = try await req.monitoring.returnView(contract: id, period: n, viewer: me.viewer)
        return try await page(req, v, form: Self.input(v), errors: [])
    }

    /// The saved return as the input that gives it again: what the form starts from, and what
    /// "Submit" sends. The form posts the same `ReturnInput` the API takes, a line's fields
    /// named `lines[CODE][quantity]` and `lines[CODE][note]`.
    static func input(_ v: MonitoringStore.ReturnView) -> ReturnInput {
        var lines: [String: ReturnInput.Line] = [:]
        for l in v.lines {
            lines[l.commitment.code] = .init(quantity: l.claimed.map(DecimalText.plainQuantity), note: l.note)
        }
        return ReturnInput(narrative: v.narrative, lines: lines)
    }

    /// The return's page: the supplier's form (showing `f`) or the record, and the buyer's
    /// verification form (showing `verification`, the claim by default).
    func page(
        _ req: Request, _ v: MonitoringStore.ReturnView, form f: ReturnInput, verification: VerificationInput? = nil,
        errors: [FieldError], status: HTTPStatus = .ok
    ) async throws -> Response {
        let c = v.contract
        let title = "Monitoring return: period \(v.period.number)"
        var sections: [HTML] = []
        if v.status == .changesRequested, let reason = v.reason {
            sections.append(
                """
                <div class="govuk-warning-text"><strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>Changes requested by \(v.decidedBy): \(reason)</strong></div>
                """)
        }
        if v.isEditable {
            sections.append(editForm(req, v, f, errors))
        } else {
            sections.append(readOnly(v))
        }
        if v.isVerifiable { sections.append(verificationForm(req, v, verification ?? VerificationInput(), errors)) }
        let summary = Components.summaryList(
            [
                .init("Period", HTML("<span id=\"period\">\(v.period.label)</span>")),
                .init("Due", text: v.period.dueOn.longForm),
                .init("Status", HTML("<span id=\"status\">\(MonitoringView.tag(v.periodStatus))</span>")),
                .init("Supplier", text: c.supplier.name),
            ]
                + (v.submittedAt == nil
                    ? []
                    : [
                        Components.Row(
                            "Submitted", text: "\(TenderView.stamp(v.submittedAt)) by \(v.submittedBy ?? "")")
                    ])
                + (v.decidedAt == nil
                    ? []
                    : [
                        Components.Row(
                            v.status == .verified ? "Verified" : "Changes requested",
                            text: "\(TenderView.stamp(v.decidedAt)) by \(v.decidedBy ?? "")")
                    ]))
        let page = Page(
            title: title, breadcrumbs: [("Contracts", Paths.contracts), (c.title, Paths.contract(c.id!))],
            errors: errors,
            content: """
                <span class="govuk-caption-l">\(c.title)</span>
                <h1 class="govuk-heading-l">\(title)</h1>
                \(summary)
                \(sections)
                """)
        let res = page.render(req)
        res.status = status
        return res
    }

    func evidenceTable(_ v: MonitoringStore.ReturnView, csrf: String?) -> HTML {
        guard !v.evidence.isEmpty else { return "<p class=\"govuk-body\">No evidence attached yet.</p>" }
        let rows = v.evidence.map { e -> [HTML] in
            var row: [HTML] = [
                "\(e.description)", Components.link(e.filename, Paths.evidence(v.contract.id!, v.period.number, e.id)),
                "\(DocumentType.describeSize(e.sizeBytes))",
            ]
            if let csrf {
                row.append(
                    Components.inlineAction(
                        action: Paths.evidence(v.contract.id!, v.period.number, e.id, .delete), csrf: csrf,
                        label: "Remove", context: e.description, kind: "warning"))
            }
            return row
        }
        return Components.table(
            caption: "Evidence", headers: ["Description", "File", "Size"] + (csrf == nil ? [] : ["Action"]), rows: rows,
            captionHidden: true)
    }

    func readOnly(_ v: MonitoringStore.ReturnView) -> HTML {
        let rows = v.lines.map { l -> [HTML] in
            let u = l.commitment.unit
            return [
                "\(l.commitment.code) \(l.commitment.name)",
                "\(l.claimed.map { MonitoringView.quantity($0, u) } ?? "Not given")", "\(l.note ?? "")",
                "\(l.verified.map { MonitoringView.quantity($0, u) } ?? "Not yet verified")",
                "\(l.verificationNote ?? "")",
            ]
        }
        return """
            <h2 class="govuk-heading-m">What was delivered</h2>
            \(v.narrative.isEmpty ? HTML("<p class=\"govuk-body\">No return has been started for this period.</p>") : HTML.paragraphs(v.narrative))
            \(Components.table(caption: "Delivery this period by commitment", headers: ["Measure", "Claimed", "Supplier’s note", "Verified", "Verification note"], rows: rows, numericColumns: [1, 3]))
            <h2 class="govuk-heading-m">Evidence</h2>
            \(evidenceTable(v, csrf: nil))
            """
    }

    func editForm(_ req: Request, _ v: MonitoringStore.ReturnView, _ f: ReturnInput, _ errors: [FieldError]) -> HTML {
        let csrf = req.csrfToken()
        let lines = v.lines.map { l -> HTML in
            let c = l.commitment
            let line = f.lines?[c.code]
            return """
                <h3 class="govuk-heading-s">\(c.code) \(c.name)</h3>
                \(Components.textInput("lines[\(c.code)][quantity]", label: "\(c.name) delivered this period (\(c.unit))", value: line?.quantity, errors: errors,
                                       hint: "Committed over the contract: \(MonitoringView.quantity(c.committed, c.unit)). Enter 0 if none this period.", width: "10", maxLength: 24))
                \(Components.textarea("lines[\(c.code)][note]", label: "Note on \(c.name.lowercased()) (optional)", value: line?.note, errors: errors, rows: 2, maxLength: MonitoringReturns.maxNote))
                """
        }
        let answers = v.lines.map { l in
            Components.Row(
                "\(l.commitment.code) \(l.commitment.name)",
                text: l.claimed.map {
                    MonitoringView.quantity($0, l.commitment.unit) + (l.note.map { ". \($0)" } ?? "")
                } ?? "Not given")
        }
        let ended = v.period.hasEnded(today: UKTime.date(at: Date()))
        return """
            \(Components.form(action: Paths.monitoringReturn(v.contract.id!, v.period.number), csrf: csrf, """
              \(Components.textarea("narrative", label: "What was delivered this period", value: f.narrative, errors: errors,
                                    hint: "The overall narrative: what you did, for whom, and anything that got in the way.", rows: 6, maxLength: MonitoringReturns.maxNarrative))
              <h2 class="govuk-heading-m">Delivery against each commitment</h2>
              \(lines)
              \(Self.overCommitmentWarning(errors))
              \(Components.button("Save as draft", kind: "secondary"))
              """))
            \(Self.templateForm(v, csrf: csrf, errors))
            <h2 class="govuk-heading-m">Evidence</h2>
            \(evidenceTable(v, csrf: csrf))
            <form method="post" action="\(Paths.monitoringReturn(v.contract.id!, v.period.number, .evidence))" enctype="multipart/form-data" novalidate>
              <input type="hidden" name="_csrf" value="\(csrf)">
              \(Components.textInput("description", label: "Short description of the evidence", value: nil, errors: errors, hint: "For example: sign-in sheets for the volunteer sessions"))
              \(Components.fileUpload("evidence", label: "Evidence file", errors: errors))
              \(Components.button("Attach the evidence", kind: "secondary"))
            </form>
            <h2 class="govuk-heading-m">Check your answers before submitting</h2>
            \(Components.summaryList([Components.Row("What was delivered", text: v.narrative.isEmpty ? "Not given" : v.narrative)] + answers
                                     + [Components.Row("Evidence", text: v.evidence.isEmpty ? "None attached" : v.evidence.map(\.description).joined(separator: "; "))]))
            <p class="govuk-body">\(ended ? "Save your changes before you submit: the return is submitted as saved. Once submitted it cannot be changed unless the buyer asks for changes." : "You can submit once the period ends on \(v.period.endsOn.longForm).")</p>
            \(Components.inlineAction(action: Paths.monitoringReturn(v.contract.id!, v.period.number, .submit), csrf: csrf, label: "Submit the return", context: "for period \(v.period.number)", kind: "primary"))
            """
    }

    /// When a claim takes a line past its commitment: the warning naming each such line, and the
    /// box the supplier ticks to save the figures anyway (docs/monitoring.md).
    static func overCommitmentWarning(_ errors: [FieldError]) -> HTML {
        let field = MonitoringReturns.confirmOverCommitmentField
        let over = errors.filter { $0.field == field }
        guard !over.isEmpty else { return .empty }
        let items = over.map { e -> HTML in "<li>\(e.message)</li>" }
        return """
            <div class="govuk-warning-text" id="over-commitment"><span class="govuk-warning-text__icon" aria-hidden="true">!</span>
            <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>These figures take delivery past what was committed over the contract:</strong></div>
            <ul class="govuk-list govuk-list--bullet">\(HTML.join(items))</ul>
            \(Components.checkbox(field, label: "I confirm these figures are right", checked: false, errors: [], hint: "Nothing is saved until you confirm them or correct them."))
            """
    }

    func verificationForm(
        _ req: Request, _ v: MonitoringStore.ReturnView, _ f: VerificationInput, _ errors: [FieldError]
    ) -> HTML {
        let lines = v.lines.map { l -> HTML in
            let c = l.commitment
            let claimed = l.claimed ?? 0
            let line = f.lines?[c.code]
            return """
                \(Components.textInput("lines[\(c.code)][quantity]", label: "Verified \(c.name.lowercased()) (\(c.unit))", value: line?.quantity ?? DecimalText.plainQuantity(claimed), errors: errors,
                                       hint: "Claimed: \(MonitoringView.quantity(claimed, c.unit)). Keep the claim, or enter less with a note.", width: "10", maxLength: 24))
                \(Components.textarea("lines[\(c.code)][note]", label: "Why less \(c.name.lowercased()) is verified (needed when lower)", value: line?.note, errors: errors, rows: 2, maxLength: MonitoringReturns.maxNote))
                """
        }
        return """
            <h2 class="govuk-heading-m">Verify the return</h2>
            \(Components.form(action: Paths.monitoringReturn(v.contract.id!, v.period.number, .verification), csrf: req.csrfToken(), """
              \(lines)
              \(Components.radios("decision", legend: "Your decision", options: [("verify", "Verify the return (final)"), ("request-changes", "Ask the supplier for changes")], selected: f.decision, errors: errors))
              \(Components.textarea("reason", label: "What needs to change (when asking for changes)", value: f.reason, errors: errors, rows: 3, maxLength: MonitoringReturns.maxNote))
              \(Components.button("Record the decision"))
              """))
            """
    }

    // MARK: Actions

    func save(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let (id, n) = try ids(req)
        let v = try await req.monitoring.returnView(contract: id, period: n, viewer: me.viewer)
        return try await req.handleForm(
            ReturnInput.self,
            save: { input in
                try await req.monitoring.save(
                    contract: id, period: n, input, submit: false, viewer: me.viewer, by: me.actor)
                return Saved(
                    Paths.monitoringReturn(id, n), "Your return has been saved as a draft. It is not submitted yet")
            },
            reshow: { f, errors in try await page(req, v, form: f, errors: errors, status: .unprocessableEntity) })
    }

    /// The one form path, for a form whose problems re-show the return as saved.
    func handle(
        _ req: Request, _ me: CurrentUser, contract id: UUID, period n: Int, save: () async throws -> Saved
    ) async throws -> Response {
        try await req.handleForm(
            save: save,
            reshow: { errors in
                let fresh = try await req.monitoring.returnView(contract: id, period: n, viewer: me.viewer)
                return try await page(req, fresh, form: Self.input(fresh), errors: errors, status: .unprocessableEntity)
            })
    }

    func submit(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let (id, n) = try ids(req)
        let v = try await req.monitoring.returnView(contract: id, period: n, viewer: me.viewer)
        return try await handle(req, me, contract: id, period: n) {
            try await req.monitoring.save(
                contract: id, period: n, Self.input(v), submit: true, viewer: me.viewer, by: me.actor)
            return Saved(
                Paths.monitoringReturn(id, n),
                "Your return for period \(n) has been submitted. The buyer will verify it")
        }
    }

    struct Upload: Content {
        var _csrf: String?
        var description: String?
        var evidence: File?
    }

    /// A multipart upload, read as `Upload` by the one form path.
    func attach(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let (id, n) = try ids(req)
        return try await req.handleForm(
            Upload.self,
            save: { form in
                let file = form.evidence.flatMap { $0.filename.isEmpty && $0.data.readableBytes == 0 ? nil : $0 }
                try await req.monitoring.addEvidence(
                    contract: id, period: n, description: form.description, filename: file?.filename,
                    bytes: file.map { Array($0.data.readableBytesView) } ?? [], viewer: me.viewer, by: me.actor)
                return Saved(Paths.monitoringReturn(id, n), "The evidence has been attached")
            },
            reshow: { _, errors in
                let v = try await req.monitoring.returnView(contract: id, period: n, viewer: me.viewer)
                return try await page(req, v, form: Self.input(v), errors: errors, status: .unprocessableEntity)
            })
    }

    func download(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let (id, n) = try ids(req)
        let e = try await req.monitoring.evidenceFile(
            try req.parameterID("item"), contract: id, period: n, viewer: me.viewer)
        return Response.download(e.data, filename: e.filename, contentType: e.contentType)
    }

    func detach(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let (id, n) = try ids(req)
        let item = try req.parameterID("item")
        return try await handle(req, me, contract: id, period: n) {
            try await req.monitoring.removeEvidence(item, contract: id, period: n, viewer: me.viewer, by: me.actor)
            return Saved(Paths.monitoringReturn(id, n), "The evidence has been removed")
        }
    }

    func verify(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let (id, n) = try ids(req)
        let v = try await req.monitoring.returnView(contract: id, period: n, viewer: me.viewer)
        return try await req.handleForm(
            VerificationInput.self,
            save: { input in
                let status = try await req.monitoring.decide(
                    contract: id, period: n, input, viewer: me.viewer, by: me.actor)
                return Saved(
                    Paths.contract(id),
                    status == .verified
                        ? "The return for period \(n) has been verified"
                        : "The supplier has been asked for changes to the return for period \(n)")
            },
            reshow: { input, errors in
                try await page(
                    req, v, form: Self.input(v), verification: input, errors: errors, status: .unprocessableEntity)
            })
    }
}
