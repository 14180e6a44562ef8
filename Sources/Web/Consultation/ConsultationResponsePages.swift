import Foundation
import SocialValue
import Storage
import Vapor

/// Responding to a consultation; the owner's view of responses and the export after close;
/// writing and publishing the "you said, we did" summary.
///
/// The owner sees how many responses have been sent while a consultation is open, but reads
/// and exports them only after it closes: every response is then read together, none can
/// shape the consultation while others are still writing, and drafts are never shown.
struct ConsultationResponsePages: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.get(":id", "respond", use: respond)
        routes.post(":id", "respond", use: saveResponse)
        routes.get(":id", "responses", use: responses)
        routes.get(":id", "responses.csv", use: export)
        routes.get(":id", "responses", ":item", use: response)
        routes.get(":id", "outcome", use: outcome)
        routes.post(":id", "outcome", use: saveOutcome)
    }

    static let resumeCookie = "cw_resume"

    // MARK: Responding

    /// Saved answers as the form's input: one per question, in order.
    static func answers(_ questions: [ConsultationQuestionModel], _ saved: [UUID: Answer]) throws
        -> [ConsultationResponseInput.AnswerInput]
    {
        try questions.map { m in
            let id = try m.requireID()
            return ConsultationResponseInput.AnswerInput(questionId: id, saved[id])
        }
    }

    /// The fields for question `i` (from 0), named as the API's body names them:
    /// `answers[i][questionId]` (hidden), then `answers[i][value]`, or `answers[i][values][]` for
    /// multiple choice.
    func questionField(
        _ i: Int, _ m: ConsultationQuestionModel, _ a: ConsultationResponseInput.AnswerInput?, _ errors: [FieldError]
    ) throws -> HTML {
        let q = m.question
        let name = "answers[\(i)]"
        let hidden: HTML =
            "<input type=\"hidden\" name=\"\(name)[questionId]\" value=\"\(try m.requireID().uuidString)\">"
        let legend = ConsultationView.legend(i + 1, q)
        switch q.kind {
        case .freeText:
            return hidden
                + Components.textarea(
                    "\(name)[value]", label: legend, value: a?.value, errors: errors, hint: q.hint, rows: 6,
                    maxLength: Answer.maximumTextLength)
        case .singleChoice:
            return hidden
                + Components.radios(
                    "\(name)[value]", legend: legend, options: q.options.map { ($0, $0) }, selected: a?.value,
                    errors: errors, hint: q.hint)
        case .multipleChoice:
            return hidden
                + Components.checkboxes(
                    "\(name)[values]", legend: legend, options: q.options.map { ($0, $0) },
                    checked: Set(a?.values ?? []), errors: errors, hint: q.hint ?? "Select all that apply.")
        case .scale:
            let ends = q.scaleEnds
            let options = (1...5).map { k -> (String, String) in
                let word = k == 1 ? ends?.low : (k == 5 ? ends?.high : nil)
                return ("\(k)", word.map { "\(k) – \($0)" } ?? "\(k)")
            }
            return hidden
                + Components.radios(
                    "\(name)[value]", legend: legend, options: options, selected: a?.value, errors: errors,
                    hint: q.hint ?? "From 1 to 5.", inline: true)
        }
    }

    /// The response form: it posts a `ConsultationResponseInput`, the body the API takes. Signed-in people
    /// carry their capacity (`respondingAs`, `organisationId`) hidden; members of the public give a
    /// name and email address, and carry their draft's secret (`resume`).
    func formPage(
        _ req: Request, _ c: ConsultationModel, questions: [ConsultationQuestionModel],
        form f: ConsultationResponseInput,
        errors: [FieldError], capacity: RespondingAs?, resume: String?, status: HTTPStatus = .ok
    ) async throws -> Response {
        let id = try c.requireID()
        let who: HTML
        if let capacity {
            let label = try await ConsultationPages().capacityLabel(req, capacity)
            let fields: HTML
            switch capacity {
            case .individual:
                fields = "<input type=\"hidden\" name=\"respondingAs\" value=\"individual\">"
            case .organisation(let org):
                fields =
                    "<input type=\"hidden\" name=\"respondingAs\" value=\"organisation\"><input type=\"hidden\" name=\"organisationId\" value=\"\(org.uuidString)\">"
            }
            who =
                "\(fields)<p class=\"govuk-body\">You are responding <strong>\(label.prefix(1).lowercased() + label.dropFirst())</strong>.</p>"
        } else {
            who = """
                \(resume.map { "<input type=\"hidden\" name=\"resume\" value=\"\($0)\">" as HTML } ?? .empty)
                \(Components.textInput("respondentName", label: "Your name", value: f.respondentName, errors: errors, autocomplete: "name", maxLength: 100))
                \(Components.textInput("respondentEmail", label: "Your email address", value: f.respondentEmail, errors: errors, hint: "So the consultation’s owner can tell responses apart. It is not published.", type: "email", autocomplete: "email", maxLength: 254))
                """
        }
        let resumeLink: HTML =
            resume.map { token in
                """
                <div class="govuk-inset-text">To come back to your draft from another device, keep this link: <a class="govuk-link" href="\(Paths.consultation(id, .respond))?resume=\(token)">\(Paths.consultation(id, .respond))?resume=\(token)</a> (bookmark it, or copy its address). Anyone with the link can read and change your draft.</div>
                """
            } ?? .empty
        var given: [UUID: ConsultationResponseInput.AnswerInput] = [:]
        for a in f.answers ?? [] { if let q = a.questionId, given[q] == nil { given[q] = a } }
        let fields = try questions.enumerated().map { i, m in try questionField(i, m, given[try m.requireID()], errors)
        }
        return Page(
            title: "Respond – \(c.title)", breadcrumbs: ConsultationView.crumbs(c), errors: errors,
            content: """
                <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
                \(ConsultationView.caption(c))
                <h1 class="govuk-heading-l">Respond: \(c.title)</h1>
                <p class="govuk-body">Responses close at \(UKTime.deadlineText(c.period.closesOn)) (UK time). Save a draft as often as you like; once you send your response it cannot be changed.</p>
                \(resumeLink)
                \(Components.form(action: Paths.consultation(id, .respond), csrf: req.csrfToken(), """
                \(who)
                \(fields)
                <div class="govuk-button-group">
                  <button type="submit" name="status" value="submitted" class="govuk-button" data-module="govuk-button">Send response</button>
                  <button type="submit" name="status" value="draft" class="govuk-button govuk-button--secondary" data-module="govuk-button">Save as draft</button>
                </div>
                """))
                </div></div>
                """, status: status
        ).render(req)
    }

    func message(_ req: Request, _ c: ConsultationModel, title: String, _ body: HTML, status: HTTPStatus = .ok)
        -> Response
    {
        Page(
            title: title, breadcrumbs: ConsultationView.crumbs(c),
            content: """
                <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
                \(ConsultationView.caption(c))
                <h1 class="govuk-heading-l">\(title)</h1>
                \(body)
                <p class="govuk-body">\(Components.link("Back to the consultation", Paths.consultation(c.id!)))</p>
                </div></div>
                """, status: status
        ).render(req)
    }

    func respond(req: Request) async throws -> Response {
        let (c, phase) = try await req.visibleConsultation()
        let id = try c.requireID()
        if let refusal = ResponseRules.refusal(phase: phase, period: c.period) {
            return message(req, c, title: "You cannot respond now", "<p class=\"govuk-body\">\(refusal).</p>")
        }
        let questions = try await req.consultations.questions(of: id, for: req.currentUser?.viewer)
        guard let me = req.currentUser else {
            guard c.audiencePublic else {
                return req.redirect(to: Paths.signIn(next: Paths.consultation(id, .respond)))
            }
            let token = req.query[String.self, at: "resume"] ?? req.cookies[Self.resumeCookie]?.string
            if let token, let r = try await req.responses.existing(id, resumeToken: token) {
                let answers = try await req.responses.answers(of: r)
                if r.isSubmitted {
                    return message(
                        req, c, title: "Your response has been sent",
                        """
                        <div class="govuk-panel govuk-panel--confirmation"><h2 class="govuk-panel__title">Response sent</h2>
                        <div class="govuk-panel__body">on \(r.submittedAt.map { UKTime.date(at: $0).longForm } ?? "")</div></div>
                        <p class="govuk-body">Thank you, \(r.respondentName). The outcome will be published on the consultation’s page after it closes.</p>
                        \(ConsultationView.answers(questions, answers))
                        """)
                }
                let form = ConsultationResponseInput(
                    respondentName: r.respondentName, respondentEmail: r.respondentEmail,
                    answers: try Self.answers(questions, answers))
                return try await formPage(
                    req, c, questions: questions, form: form, errors: [], capacity: nil, resume: token)
            }
            return try await formPage(
                req, c, questions: questions, form: ConsultationResponseInput(), errors: [], capacity: nil, resume: nil)
        }
        let capacities = try await req.responses.capacities(for: c, user: me.user)
        guard !capacities.isEmpty else {
            return message(
                req, c, title: "You cannot respond to this consultation",
                "<p class=\"govuk-body\">It asks \(c.audience.label) to respond, and you do not belong to an organisation it asks.</p>",
                status: .forbidden)
        }
        let chosen = RespondingAs(code: req.query[String.self, at: "as"])
        if chosen == nil && capacities.count > 1 {
            var options: [(String, String)] = []
            for cap in capacities { options.append((cap.code, try await ConsultationPages().capacityLabel(req, cap))) }
            return message(
                req, c, title: "How are you responding?",
                """
                <form method="get" action="\(Paths.consultation(id, .respond))" novalidate>
                \(Components.radios("as", legend: "Respond", options: options, selected: nil, errors: []))
                \(Components.button("Continue"))
                </form>
                """)
        }
        let capacity = chosen ?? capacities[0]
        guard capacities.contains(capacity) else { throw StorageError.roleNotAllowed }
        var form = ConsultationResponseInput()
        if let r = try await req.responses.existing(id, as: capacity, viewer: me.viewer) {
            if r.$respondent.id != me.user.id {
                return message(
                    req, c, title: "Your organisation has a response already",
                    "<p class=\"govuk-body\">\(r.respondent?.displayName ?? "A colleague") \(r.isSubmitted ? "sent" : "has started") its response. An organisation responds once.</p>",
                    status: .conflict)
            }
            if r.isSubmitted { return req.redirect(to: Paths.response(try r.requireID())) }
            form.answers = try Self.answers(questions, try await req.responses.answers(of: r))
        }
        return try await formPage(req, c, questions: questions, form: form, errors: [], capacity: capacity, resume: nil)
    }

    func saveResponse(req: Request) async throws -> Response {
        let (c, _) = try await req.visibleConsultation()
        let id = try c.requireID()
        let me = req.currentUser
        let questions = try await req.consultations.questions(of: id, for: me?.viewer)
        let input = try req.formInput(ConsultationResponseInput.self)
        // The draft's secret is the page's, not the response's: it is not part of the input.
        let resume = req.content[String.self, at: "resume"].flatMap { $0.isEmpty ? nil : $0 }
        let token = resume ?? req.cookies[Self.resumeCookie]?.string
        let capacity = me.map { _ in (try? input.capacity()) ?? .individual }
        if me == nil, token == nil,
            !(await req.application.publicResponseLimiter.allow(req.remoteAddress?.ipAddress ?? "unknown"))
        {
            return try await formPage(
                req, c, questions: questions, form: input,
                errors: [
                    FieldError(
                        "respondentEmail",
                        "Too many responses have come from your network. Wait 5 minutes, then try again")
                ],
                capacity: nil, resume: nil, status: .tooManyRequests)
        }
        let closes = UKTime.deadlineText(c.period.closesOn)
        return try await req.handleForm(decoded: input) { input in
            let send = try input.submits()
            let respondent: ResponseStore.Respondent =
                try me.map { .user($0.user, try input.capacity()) }
                ?? .publicMember(name: input.respondentName, email: input.respondentEmail, resumeToken: token)
            let saved = try await req.responses.save(
                id, as: respondent, answers: try input.rawAnswers(), submit: send, viewer: me?.viewer)
            if let capacity {
                return send
                    ? Saved(Paths.response(try saved.response.requireID()), "Your response has been sent")
                    : Saved(
                        "\(Paths.consultation(id, .respond))?as=\(capacity.code)",
                        "Your draft has been saved. Send it before \(closes)")
            }
            var next = Saved(
                Paths.consultation(id, .respond),
                send ? "Your response has been sent" : "Your draft has been saved. Send it before \(closes)")
            if let secret = saved.resumeToken ?? token {
                next.cookies[Self.resumeCookie] = HTTPCookies.Value(
                    string: secret, maxAge: 366 * 24 * 60 * 60, path: Paths.consultation(id),
                    isSecure: req.settings.secureCookies, isHTTPOnly: true, sameSite: .lax)
            }
            return next
        } reshow: { input, errors in
            try await formPage(
                req, c, questions: questions, form: input, errors: errors, capacity: capacity,
                resume: capacity == nil ? token : nil, status: .unprocessableEntity)
        }
    }

    // MARK: The owner's view

    func notYet(_ req: Request, _ c: ConsultationModel, count: Int) -> Response {
        message(
            req, c, title: "Responses",
            """
            <p class="govuk-body">\(count == 1 ? "1 response has" : "\(count) responses have") been sent so far.</p>
            <div class="govuk-inset-text">You can read and export responses once the consultation closes at \(UKTime.deadlineText(c.period.closesOn)). Until then they are sealed, so every response is read together and none is shown while others are still writing. Drafts are never shown.</div>
            """)
    }

    func responses(req: Request) async throws -> Response {
        let (me, c, phase) = try await req.consultationToChange()
        let id = try c.requireID()
        guard phase.hasClosed else {
            return notYet(req, c, count: try await req.responses.submittedCount(id, viewer: me.viewer))
        }
        let (list, page) = try await req.responses.submitted(
            to: id, viewer: me.viewer, page: req.query[Int.self, at: "page"])
        let rows = list.enumerated().map { i, r -> [HTML] in
            [
                "\(page.offset + i + 1)", "\(r.submittedAt.map { UKTime.date(at: $0).longForm } ?? "")",
                Components.link(r.respondentName, Paths.consultation(id, .responses, r.id!)),
                "\(ConsultationView.respondingAs(r))",
            ]
        }
        return Page(
            title: "Responses – \(c.title)", breadcrumbs: ConsultationView.crumbs(c),
            content: """
                \(ConsultationView.caption(c))
                <h1 class="govuk-heading-l">Responses</h1>
                <p class="govuk-body">\(page.total == 1 ? "1 response was" : "\(page.total) responses were") sent before the consultation closed at \(UKTime.deadlineText(c.period.closesOn)).</p>
                \(page.total == 0 ? HTML.empty : "<a class=\"govuk-button govuk-button--secondary\" href=\"\(Paths.consultation(id, .responsesCSV))\" download>Download all responses (CSV)</a>")
                \(list.isEmpty ? "<p class=\"govuk-body\">No responses were sent.</p>" : Components.table(caption: "Responses sent", headers: ["Number", "Sent", "Respondent", "Responding"], rows: rows, numericColumns: [0]))
                \(Components.pagination(page, path: Paths.consultation(id, .responses), query: [:]))
                <p class="govuk-body">\(Components.link("Write “you said, we did”", Paths.consultation(id, .outcome)))</p>
                """
        ).render(req)
    }

    static func csvFilename(_ c: ConsultationModel) -> String {
        let slug = c.title.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
            .split(separator: "-").joined(separator: "-")
        return "\(slug.prefix(60))-responses.csv"
    }

    func export(req: Request) async throws -> Response {
        let (me, c, phase) = try await req.consultationToChange()
        let id = try c.requireID()
        guard phase.hasClosed else {
            return notYet(req, c, count: try await req.responses.submittedCount(id, viewer: me.viewer))
        }
        let csv = try await req.responses.export(id, viewer: me.viewer)
        return Response.download(
            Data(csv.utf8), filename: Self.csvFilename(c), contentType: "text/csv; charset=utf-8")
    }

    func response(req: Request) async throws -> Response {
        let (me, c, phase) = try await req.consultationToChange()
        let id = try c.requireID()
        guard phase.hasClosed else {
            return notYet(req, c, count: try await req.responses.submittedCount(id, viewer: me.viewer))
        }
        let r = try await req.responses.submittedResponse(try req.parameterID("item"), to: id, viewer: me.viewer)
        let questions = try await req.consultations.questions(of: id, for: me.viewer)
        return message(
            req, c, title: "Response from \(r.respondentName)",
            """
            \(Components.summaryList([
                .init("Responding", text: ConsultationView.respondingAs(r)), .init("Email address", text: r.respondentEmail),
                .init("Sent", text: r.submittedAt.map { UKTime.date(at: $0).longForm } ?? ""),
            ]))
            <h2 class="govuk-heading-m">Answers</h2>
            \(ConsultationView.answers(questions, try await req.responses.answers(of: r)))
            """)
    }

    // MARK: You said, we did

    static let linkRows = 5

    /// The link rows of the summary form (`links[0][label]`, …), with spare rows.
    static func linkFields(_ f: OutcomeInput, errors: [FieldError]) -> [HTML] {
        let given = f.links ?? []
        return (0..<max(Self.linkRows, given.count)).map { i -> HTML in
            let link = i < given.count ? given[i] : OutcomeInput.Link()
            return """
                <fieldset class="govuk-fieldset"><legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Link \(i + 1)</legend>
                \(Components.textInput("links[\(i)][label]", label: "Words to show", value: link.label, errors: errors))
                \(Components.textInput("links[\(i)][url]", label: "Address", value: link.url, errors: errors, hint: i == 0 ? "Starting https://, or a page of this site starting /" : nil, maxLength: 2_000))
                </fieldset>
                """
        }
    }

    /// The amendment form of a published summary, filled from the version in force: it posts an
    /// `OutcomeAmendmentInput`, the body of the API's amendments endpoint.
    func amendmentPage(_ req: Request, _ c: ConsultationModel, form f: OutcomeAmendmentInput, errors: [FieldError])
        async throws -> Response
    {
        let id = try c.requireID()
        let me = try req.requireUser()
        let versions = try await req.consultations.outcomeVersions(of: id, for: me.viewer)
        let current =
            versions.last.map {
                "version \($0.version), \(ConsultationView.versionLine($0, owner: c.owner.name, showAuthors: true).lowercased())"
            } ?? "the published version"
        let o = f.outcome
        return Page(
            title: "Amend “you said, we did” – \(c.title)", breadcrumbs: ConsultationView.crumbs(c), errors: errors,
            content: """
                <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
                \(ConsultationView.caption(c))
                <h1 class="govuk-heading-l">Amend “you said, we did”</h1>
                <p class="govuk-body">The summary is published (in force: \(current)). It is not changed in place: your amendment is published as a new version with your name, today’s date and the reason, and the earlier versions stay on the consultation’s page below it.</p>
                \(Components.form(action: Paths.consultation(id, .outcome), csrf: req.csrfToken(), """
                \(Components.textarea("youSaid", label: "You said", value: o.youSaid, errors: errors, hint: "The main points people made. Separate paragraphs with a blank line.", rows: 8, maxLength: 20_000))
                \(Components.textarea("weDid", label: "We did", value: o.weDid, errors: errors, hint: "What you changed, or did not and why.", rows: 8, maxLength: 20_000))
                <h2 class="govuk-heading-m">What changed (optional)</h2>
                \(Self.linkFields(o, errors: errors))
                \(Components.textarea("reason", label: "Why is the summary amended?", value: f.reason, errors: errors, hint: "This is shown with the amendment on the consultation’s page", rows: 3, maxLength: Outcome.amendmentReasonMaxLength))
                \(Components.button("Publish the amendment"))
                """))
                </div></div>
                """
        ).render(req)
    }

    /// The summary form: it posts an `OutcomeInput`, the body the API takes, with its names
    /// (`links[0][label]`, …; the buttons send `published` yes or no).
    func outcomePage(_ req: Request, _ c: ConsultationModel, form f: OutcomeInput, errors: [FieldError]) throws
        -> Response
    {
        let id = try c.requireID()
        let given = f.links ?? []
        let rows = (0..<max(Self.linkRows, given.count)).map { i -> HTML in
            let link = i < given.count ? given[i] : OutcomeInput.Link()
            return """
                <fieldset class="govuk-fieldset"><legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Link \(i + 1)</legend>
                \(Components.textInput("links[\(i)][label]", label: "Words to show", value: link.label, errors: errors))
                \(Components.textInput("links[\(i)][url]", label: "Address", value: link.url, errors: errors, hint: i == 0 ? "Starting https://, or a page of this site starting /" : nil, maxLength: 2_000))
                </fieldset>
                """
        }
        return Page(
            title: "You said, we did – \(c.title)", breadcrumbs: ConsultationView.crumbs(c), errors: errors,
            content: """
                <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
                \(ConsultationView.caption(c))
                <h1 class="govuk-heading-l">You said, we did</h1>
                <p class="govuk-body">Tell people what they said and what you did as a result, and link to what changed. Save it to work on; publish it to show it on the consultation’s page and tell everyone who responded.</p>
                \(Components.form(action: Paths.consultation(id, .outcome), csrf: req.csrfToken(), """
                \(Components.textarea("youSaid", label: "You said", value: f.youSaid, errors: errors, hint: "The main points people made. Separate paragraphs with a blank line.", rows: 8, maxLength: 20_000))
                \(Components.textarea("weDid", label: "We did", value: f.weDid, errors: errors, hint: "What you changed, or did not and why.", rows: 8, maxLength: 20_000))
                <h2 class="govuk-heading-m">What changed (optional)</h2>
                \(rows)
                <div class="govuk-button-group">
                  <button type="submit" name="published" value="yes" class="govuk-button" data-module="govuk-button">Save and publish</button>
                  <button type="submit" name="published" value="no" class="govuk-button govuk-button--secondary" data-module="govuk-button">Save without publishing</button>
                </div>
                """))
                </div></div>
                """
        ).render(req)
    }

    func outcome(req: Request) async throws -> Response {
        let (me, c, phase) = try await req.consultationToChange()
        guard phase.hasClosed else {
            return message(
                req, c, title: "You said, we did",
                "<p class=\"govuk-body\">You can write this once the consultation closes at \(UKTime.deadlineText(c.period.closesOn)).</p>"
            )
        }
        let saved = try await req.consultations.outcome(of: try c.requireID(), for: me.viewer)
        if let saved, saved.publishedAt != nil {
            return try await amendmentPage(
                req, c, form: OutcomeAmendmentInput(OutcomeInput(saved.outcome, published: true)), errors: [])
        }
        let form = saved.map { OutcomeInput($0.outcome, published: $0.publishedAt != nil) } ?? OutcomeInput()
        return try outcomePage(req, c, form: form, errors: [])
    }

    func saveOutcome(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let (c, _) = try await req.visibleConsultation()
        let id = try c.requireID()
        // A published summary is amended, not saved again: the form posts an amendment.
        if try await req.consultations.outcome(of: id, for: me.viewer)?.publishedAt != nil {
            return try await req.handleForm(OutcomeAmendmentInput.self) { input in
                let v = try await req.consultations.amendOutcome(id, input, viewer: me.viewer, by: me.actor)
                return Saved(
                    "\(Paths.consultation(id))#outcome",
                    "The amendment has been published as version \(v.version); the earlier versions stay on the page")
            } reshow: { input, errors in
                try await amendmentPage(req, c, form: input, errors: errors)
            }
        }
        return try await req.handleForm(OutcomeInput.self) { input in
            let saved = try await req.consultations.saveOutcome(
                id, try Outcome.validate(input), publish: input.published ?? false, viewer: me.viewer, by: me.actor)
            return Saved(
                "\(Paths.consultation(id))#outcome",
                saved.publishedAt == nil
                    ? "The summary has been saved. It is not published yet" : "The summary has been saved and published"
            )
        } reshow: { input, errors in
            try outcomePage(req, c, form: input, errors: errors)
        }
    }
}

/// A signed-in person's own responses: drafts to finish and what they sent.
struct MyResponsesPages: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.get("responses", use: list)
        routes.get("responses", ":id", use: show)
    }

    func list(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let (list, page) = try await req.responses.responses(of: me.viewer, page: req.query[Int.self, at: "page"])
        let now = Date()
        let rows = list.map { r -> [HTML] in
            let c = r.consultation
            let status: HTML =
                r.isSubmitted
                ? Components.tag("Sent \(r.submittedAt.map { UKTime.date(at: $0).longForm } ?? "")", colour: "green")
                : (c.period.isOpen(at: now)
                    ? Components.tag("Draft", colour: "yellow")
                    : Components.tag("Draft, not sent before the close", colour: "grey"))
            return [
                Components.link(c.title, Paths.consultation(c.id!)), "\(ConsultationView.respondingAs(r))", status,
                "\(UKTime.deadlineText(c.period.closesOn))",
                Components.link(
                    r.isSubmitted ? "View" : "View or continue", Paths.response(r.id!),
                    context: "your response to ‘\(c.title)’"),
            ]
        }
        return Page(
            title: "Your responses", breadcrumbs: [("Dashboard", Paths.dashboard)],
            content: """
                <h1 class="govuk-heading-l">Your responses</h1>
                \(list.isEmpty ? "<p class=\"govuk-body\">You have not responded to a consultation yet. \(Components.link("Find open consultations", "\(Paths.consultations)?status=open"))</p>" as HTML
                : Components.table(caption: "Responses you have written", headers: ["Consultation", "Responding", "Status", "Closes", "Action"], rows: rows))
                \(Components.pagination(page, path: Paths.responses, query: [:]))
                """
        ).render(req)
    }

    func show(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let r = try await req.responses.response(try req.parameterID(), viewer: me.viewer)
        let c = r.consultation
        let questions = try await req.consultations.questions(of: try c.requireID(), for: me.viewer)
        let answers = try await req.responses.answers(of: r)
        let open = c.period.isOpen(at: Date())
        let banner: HTML =
            r.isSubmitted
            ? """
            <div class="govuk-panel govuk-panel--confirmation"><h2 class="govuk-panel__title">Response sent</h2>
            <div class="govuk-panel__body">on \(r.submittedAt.map { UKTime.date(at: $0).longForm } ?? "")</div></div>
            """
            : (open
                ? "<p class=\"govuk-body\">This is a draft: it has not been sent. \(Components.link("Continue your response", "\(Paths.consultation(c.id!, .respond))?as=\(r.respondingAs.code)"))</p>"
                : "<p class=\"govuk-body\">This draft was not sent before the consultation closed.</p>")
        return Page(
            title: "Your response – \(c.title)", breadcrumbs: [("Your responses", Paths.responses)],
            content: """
                <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
                <span class="govuk-caption-l">\(c.owner.name)</span>
                <h1 class="govuk-heading-l">Your response: \(c.title)</h1>
                \(banner)
                \(Components.summaryList([.init("Responding", text: ConsultationView.respondingAs(r)), .init("Consultation closes", text: UKTime.deadlineText(c.period.closesOn))]))
                <h2 class="govuk-heading-m">Answers</h2>
                \(ConsultationView.answers(questions, answers))
                </div></div>
                """
        ).render(req)
    }
}
