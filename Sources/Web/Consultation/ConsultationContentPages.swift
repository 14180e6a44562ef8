import Foundation
import SocialValue
import Storage
import Vapor

/// A consultation's questions and documents, kept by its owner's commissioners.
struct ConsultationContentPages: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.get(":id", "questions", use: questions)
        routes.post(":id", "questions", use: addQuestion)
        routes.get(":id", "questions", ":item", "edit", use: editQuestion)
        routes.post(":id", "questions", ":item", use: updateQuestion)
        routes.post(":id", "questions", ":item", "delete", use: removeQuestion)
        routes.post(":id", "questions", ":item", "up") { try await self.move($0, up: true) }
        routes.post(":id", "questions", ":item", "down") { try await self.move($0, up: false) }
        routes.get(":id", "documents", use: documents)
        // Uploads alone may be larger than the 1 MB every other request is held to.
        routes.on(.POST, ":id", "documents", body: .collect(maxSize: "11mb"), use: upload)
        routes.get(":id", "documents", ":item", use: download)
        routes.post(":id", "documents", ":item", "delete", use: removeDocument)
    }

    // MARK: Questions

    /// The question form's fields: a `QuestionInput`, with the names the API takes.
    func questionFields(_ f: QuestionInput, _ errors: [FieldError]) -> HTML {
        """
        \(Components.textarea("text", label: "Question", value: f.text, errors: errors, rows: 2, maxLength: 1_000))
        \(Components.textInput("hint", label: "Hint (optional)", value: f.hint, errors: errors, hint: "Helps people answer, for example ‘Select all that apply’", maxLength: 1_000))
        \(Components.select("kind", label: "Kind of answer", options: QuestionKind.allCases.map { ($0.rawValue, $0.label) }, selected: f.kind, errors: errors))
        \(Components.textarea("options", label: "Options", value: f.options?.joined(separator: "\n"), errors: errors, hint: "For single and multiple choice: one option on each line, 2 to 20. For a scale: the words for 1 and for 5 on two lines, or leave empty. Leave empty for free text.", rows: 5, maxLength: 5_000))
        \(Components.checkbox("required", label: "People must answer this question to send their response", checked: f.required == true, errors: errors))
        """
    }

    func questionsPage(_ req: Request, form: QuestionInput, errors: [FieldError]) async throws -> Response {
        let (me, c, phase) = try await req.consultationToChange()
        let id = try c.requireID()
        let csrf = req.csrfToken()
        let list = try await req.consultations.questions(of: id, for: me.viewer)
        let canChange = phase == .draft || phase == .forthcoming
        let cards = list.enumerated().map { i, m -> HTML in
            let q = m.question
            var actions: [HTML] = []
            if canChange {
                actions.append(Components.link("Change", Paths.consultation(id, .questions, m.id!, .edit)))
                if i > 0 {
                    actions.append(
                        Components.inlineAction(
                            action: Paths.consultation(id, .questions, m.id!, .up), csrf: csrf, label: "Move up",
                            context: "question \(i + 1)"))
                }
                if i < list.count - 1 {
                    actions.append(
                        Components.inlineAction(
                            action: Paths.consultation(id, .questions, m.id!, .down), csrf: csrf, label: "Move down",
                            context: "question \(i + 1)"))
                }
                actions.append(
                    Components.inlineAction(
                        action: Paths.consultation(id, .questions, m.id!, .delete), csrf: csrf, label: "Remove",
                        context: "question \(i + 1)", kind: "warning"))
            }
            var rows: [Components.Row] = [
                .init("Answer", text: q.kind.label), .init("Required", text: q.required ? "Yes" : "No, optional"),
            ]
            if let hint = q.hint { rows.append(.init("Hint", text: hint)) }
            if !q.options.isEmpty {
                rows.append(
                    .init(q.kind == .scale ? "Words for 1 and 5" : "Options", text: q.options.joined(separator: "; ")))
            }
            return """
                <div class="govuk-summary-card"><div class="govuk-summary-card__title-wrapper"><h2 class="govuk-summary-card__title">\(i + 1). \(q.text)</h2></div>
                <div class="govuk-summary-card__content">\(Components.summaryList(rows))<div class="govuk-button-group">\(actions)</div></div></div>
                """
        }
        let add: HTML =
            canChange
            ? """
            <h2 class="govuk-heading-m">Add a question</h2>
            \(Components.form(action: Paths.consultation(id, .questions), csrf: csrf, questionFields(form, errors) + Components.button("Add question")))
            """
            : "<div class=\"govuk-inset-text\">This consultation has opened, so its questions can no longer change.</div>"
        let next: HTML =
            phase == .draft && !list.isEmpty
            ? "<p class=\"govuk-body\">\(Components.link("Add documents", Paths.consultation(id, .documents))) or \(Components.link("check and publish", Paths.consultation(id, .publish))).</p>"
            : .empty
        return Page(
            title: "Questions – \(c.title)", breadcrumbs: ConsultationView.crumbs(c), errors: errors,
            content: """
                \(ConsultationView.caption(c))
                <h1 class="govuk-heading-l">Questions</h1>
                \(list.isEmpty ? "<p class=\"govuk-body\">No questions yet. A consultation needs at least one before it can be published.</p>" : HTML.join(cards))
                \(next)
                \(add)
                """
        ).render(req)
    }

    func questions(req: Request) async throws -> Response {
        try await questionsPage(req, form: QuestionInput(kind: QuestionKind.freeText.rawValue), errors: [])
    }

    func addQuestion(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let id = try req.parameterID()
        return try await req.handleForm(QuestionInput.self) { input in
            let m = try await req.consultations.addQuestion(
                id, try Question.validate(input), viewer: me.viewer, by: me.actor)
            return Saved(Paths.consultation(id, .questions), "Question \(m.ordinal) has been added")
        } reshow: { input, errors in
            try await questionsPage(req, form: input, errors: errors)
        }
    }

    func editPage(_ req: Request, _ c: ConsultationModel, item: UUID, form: QuestionInput, errors: [FieldError])
        throws -> Response
    {
        let id = try c.requireID()
        return Page(
            title: "Change a question", breadcrumbs: ConsultationView.crumbs(c), errors: errors,
            content: """
                <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
                \(ConsultationView.caption(c))
                <h1 class="govuk-heading-l">Change a question</h1>
                \(Components.form(action: Paths.consultation(id, .questions, item), csrf: req.csrfToken(), questionFields(form, errors) + """
                <div class="govuk-button-group">\(Components.button("Save"))<a class="govuk-link" href="\(Paths.consultation(id, .questions))">Cancel</a></div>
                """))
                </div></div>
                """
        ).render(req)
    }

    func editQuestion(req: Request) async throws -> Response {
        let (me, c, _) = try await req.consultationToChange()
        let item = try req.parameterID("item")
        let questions = try await req.consultations.questions(of: try c.requireID(), for: me.viewer)
        guard let q = questions.first(where: { $0.id == item }) else { throw StorageError.notFound("The question") }
        return try editPage(req, c, item: item, form: QuestionInput(q.question), errors: [])
    }

    func updateQuestion(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let (c, _) = try await req.visibleConsultation()
        let id = try c.requireID()
        let item = try req.parameterID("item")
        return try await req.handleForm(QuestionInput.self) { input in
            try await req.consultations.updateQuestion(
                id, question: item, try Question.validate(input), viewer: me.viewer, by: me.actor)
            return Saved(Paths.consultation(id, .questions), "The question has been saved")
        } reshow: { input, errors in
            try editPage(req, c, item: item, form: input, errors: errors)
        }
    }

    func removeQuestion(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let id = try req.parameterID()
        return try await req.handleForm {
            try await req.consultations.removeQuestion(
                id, question: try req.parameterID("item"), viewer: me.viewer, by: me.actor)
            return Saved(Paths.consultation(id, .questions), "The question has been removed")
        } reshow: { errors in
            try await questionsPage(req, form: QuestionInput(), errors: errors)
        }
    }

    func move(_ req: Request, up: Bool) async throws -> Response {
        let me = try req.requireUser()
        let id = try req.parameterID()
        return try await req.handleForm {
            try await req.consultations.moveQuestion(
                id, question: try req.parameterID("item"), up: up, viewer: me.viewer, by: me.actor)
            return Saved(Paths.consultation(id, .questions))
        } reshow: { errors in
            try await questionsPage(req, form: QuestionInput(), errors: errors)
        }
    }

    // MARK: Documents

    struct Upload: Content {
        var _csrf: String?
        var title: String?
        var file: File?
    }

    func documentsPage(_ req: Request, title: String?, errors: [FieldError]) async throws -> Response {
        let (me, c, phase) = try await req.consultationToChange()
        let id = try c.requireID()
        let csrf = req.csrfToken()
        let list = try await req.consultations.documents(of: id, for: me.viewer)
        let canRemove = phase == .draft || phase == .forthcoming
        let rows = list.map { d -> [HTML] in
            [
                Components.link(d.title, Paths.consultation(id, .documents, d.id)), "\(d.filename)",
                "\(ConsultationView.documentMeta(d))",
                canRemove
                    ? Components.inlineAction(
                        action: Paths.consultation(id, .documents, d.id, .delete), csrf: csrf, label: "Remove",
                        context: d.title, kind: "warning") : "Kept on record",
            ]
        }
        let upload: HTML =
            phase.hasClosed
            ? "<div class=\"govuk-inset-text\">This consultation has closed. Link to new documents from its “you said, we did” summary.</div>"
            : """
            <h2 class="govuk-heading-m">Upload a document</h2>
            <form method="post" action="\(Paths.consultation(id, .documents))" enctype="multipart/form-data" novalidate>
              <input type="hidden" name="_csrf" value="\(csrf)">
              \(Components.textInput("title", label: "Title (optional)", value: title, errors: errors, hint: "As people should see it, for example ‘Draft service specification’. The file’s name is used if you leave this empty."))
              \(Components.fileUpload(errors: errors))
              \(Components.button("Upload"))
            </form>
            """
        return Page(
            title: "Documents – \(c.title)", breadcrumbs: ConsultationView.crumbs(c), errors: errors,
            content: """
                \(ConsultationView.caption(c))
                <h1 class="govuk-heading-l">Documents</h1>
                <p class="govuk-body">Documents can be added until the consultation closes, and removed until it opens: after that, what people read stays on record.</p>
                \(list.isEmpty ? "<p class=\"govuk-body\">No documents yet.</p>" : Components.table(caption: "Documents", headers: ["Title", "File", "Type and size", "Action"], rows: rows))
                \(upload)
                """
        ).render(req)
    }

    func documents(req: Request) async throws -> Response { try await documentsPage(req, title: nil, errors: []) }

    /// An upload keeps its own (multipart) decoding, and goes through `handleForm` like every form.
    func upload(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let id = try req.parameterID()
        return try await req.handleForm(Upload.self) { form in
            let file = form.file.flatMap { $0.filename.isEmpty && $0.data.readableBytes == 0 ? nil : $0 }
            let bytes = file.map { Array($0.data.readableBytesView) } ?? []
            let doc = try await req.consultations.addDocument(
                id, title: form.title, filename: file?.filename, bytes: bytes, viewer: me.viewer, by: me.actor)
            return Saved(Paths.consultation(id, .documents), "‘\(doc.title)’ has been uploaded")
        } reshow: { form, errors in
            try await documentsPage(req, title: form.title, errors: errors)
        }
    }

    func download(req: Request) async throws -> Response {
        let d = try await req.consultations.document(
            try req.parameterID("item"), of: try req.parameterID(), for: req.currentUser?.viewer)
        return Response.download(d.data, filename: d.filename, contentType: d.contentType)
    }

    func removeDocument(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let id = try req.parameterID()
        return try await req.handleForm {
            try await req.consultations.removeDocument(
                id, document: try req.parameterID("item"), viewer: me.viewer, by: me.actor)
            return Saved(Paths.consultation(id, .documents), "The document has been removed")
        } reshow: { errors in
            try await documentsPage(req, title: nil, errors: errors)
        }
    }
}
