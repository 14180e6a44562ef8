import Foundation
import SocialValue
import Storage
import Vapor

/// The consultations part of /api/v1: consultations, questions, the respondent's own
/// responses, the owner's responses and export after close, outcomes, compliance figures and
/// notifications. Published consultations are public; everything else needs a bearer token.
struct ConsultationAPI: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        let c = api.grouped("consultations")
        c.get(use: list)
        c.post(use: create)
        c.get("compliance", use: compliance)
        c.get(":id", use: get)
        c.put(":id", use: update)
        c.delete(":id", use: delete)
        c.post(":id", "publish", use: publish)
        c.get(":id", "questions", use: questions)
        c.post(":id", "questions", use: addQuestion)
        c.put(":id", "questions", ":item", use: updateQuestion)
        c.delete(":id", "questions", ":item", use: removeQuestion)
        c.get(":id", "documents", ":item", use: download)
        c.get(":id", "responses", use: ownerResponses)
        c.post(":id", "responses", use: saveResponse)
        c.get(":id", "responses", "export", use: export)
        c.get(":id", "outcome", use: outcome)
        c.put(":id", "outcome", use: saveOutcome)
        c.post(":id", "outcome", "amendments", use: amendOutcome)
        api.get("responses", use: myResponses)
        api.get("responses", ":id", use: myResponse)
        api.get("notifications", use: notifications)
        api.post("notifications", "read", use: readNotifications)
    }

    let shared = APIv1()

    // MARK: Consultations

    func list(req: Request) async throws -> ListJSON<ConsultationSummaryJSON> {
        let (page, size) = try req.pageArguments()
        try req.refuseEmptyQuery("status", "subject", "audience", "period")
        var search = ConsultationStore.Search(text: try req.searchTerm(), page: page, pageSize: size)
        if let raw = req.query[String.self, at: "status"], !raw.isEmpty {
            guard let s = ConsultationStore.Search.Status(rawValue: raw) else {
                throw ValidationFailure(
                    "status",
                    "status must be one of: \(ConsultationStore.Search.Status.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            search.status = s
        }
        search.owner = try req.queryID("ownerId")
        search.compact = try req.queryID("compactId")
        if let raw = req.query[String.self, at: "subject"], !raw.isEmpty {
            guard let s = ConsultationSubject(rawValue: raw) else {
                throw ValidationFailure("subject", "subject must be one of the subjects")
            }
            search.subject = s
        }
        if let raw = req.query[String.self, at: "audience"], !raw.isEmpty {
            guard ConsultationAudience.codes.contains(raw) else {
                throw ValidationFailure("audience", "audience must be vcs, suppliers or public")
            }
            search.audience = raw
        }
        if let raw = req.query[String.self, at: "period"], !raw.isEmpty {
            guard let p = ConsultationStore.Search.PeriodFilter(rawValue: raw) else {
                throw ValidationFailure("period", "period must be meets-minimum or shorter")
            }
            search.period = p
        }
        let (items, p) = try await req.consultations.search(search, viewer: req.currentUser?.viewer)
        let outcomes = try await req.consultations.withPublishedOutcome(items.map { $0.id! })
        let now = Date()
        return ListJSON(
            items.map {
                ConsultationSummaryJSON($0, phase: $0.phase(at: now, summaryPublished: outcomes.contains($0.id!)))
            }, p)
    }

    func full(_ c: ConsultationModel, _ req: Request) async throws -> ConsultationJSON {
        let id = try c.requireID()
        let viewer = req.currentUser?.viewer
        let phase = try await req.consultations.phase(of: c)
        let counted = viewer.canCountConsultationResponses(owner: c.$owner.id, closed: phase.hasClosed)
        return ConsultationJSON(
            ConsultationSummaryJSON(c, phase: phase), c,
            questions: try await req.consultations.questions(of: id, for: viewer).enumerated().map {
                QuestionJSON($0.element, number: $0.offset + 1)
            },
            documents: try await req.consultations.documents(of: id, for: viewer).map {
                DocumentJSON(
                    id: $0.id, title: $0.title, filename: $0.filename, type: $0.type.rawValue,
                    contentType: $0.contentType,
                    sizeBytes: $0.sizeBytes, sha256: $0.sha256, url: Paths.API.consultationDocument(id, $0.id))
            },
            invitedOrganisations: try await req.consultations.invitations(of: id).map(\.organisation.name),
            responseCount: counted ? try await req.responses.submittedCount(id, viewer: viewer) : nil,
            outcome: try await outcomeJSON(id, viewer: viewer, req))
    }

    func create(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let body = try req.content.decode(NewConsultation.self)
        let c = try await req.consultations.create(
            owner: body.ownerId, compact: body.compactId, body.consultation, viewer: me.viewer, by: me.actor)
        return try await shared.created(try await full(c, req), at: Paths.API.consultation(try c.requireID()))
    }

    func get(req: Request) async throws -> ConsultationJSON {
        let (c, _) = try await req.visibleConsultation()
        return try await full(c, req)
    }

    func update(req: Request) async throws -> ConsultationJSON {
        let me = try req.requireUser()
        let body = try req.content.decode(ConsultationInput.self)
        return try await full(
            try await req.consultations.update(try req.parameterID(), body, viewer: me.viewer, by: me.actor), req)
    }

    func delete(req: Request) async throws -> HTTPStatus {
        let me = try req.requireUser()
        try await req.consultations.delete(try req.parameterID(), viewer: me.viewer, by: me.actor)
        return .noContent
    }

    func publish(req: Request) async throws -> ConsultationJSON {
        let me = try req.requireUser()
        let published = try await req.consultations.publish(try req.parameterID(), viewer: me.viewer, by: me.actor)
        return try await full(published.consultation, req)
    }

    func compliance(req: Request) async throws -> ComplianceJSON {
        let rows = try await req.consultations.compliance(
            owner: try req.queryID("ownerId"), compact: try req.queryID("compactId"))
        return ComplianceJSON(items: rows.map(ComplianceRowJSON.init))
    }

    // MARK: Questions

    func questions(req: Request) async throws -> [QuestionJSON] {
        try await req.consultations.questions(of: try req.parameterID(), for: req.currentUser?.viewer).enumerated()
            .map { QuestionJSON($0.element, number: $0.offset + 1) }
    }

    func addQuestion(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let id = try req.parameterID()
        let q = try Question.validate(try req.content.decode(QuestionInput.self))
        let m = try await req.consultations.addQuestion(id, q, viewer: me.viewer, by: me.actor)
        return try await shared.created(QuestionJSON(m, number: m.ordinal), at: Paths.API.consultationQuestions(id))
    }

    func updateQuestion(req: Request) async throws -> QuestionJSON {
        let me = try req.requireUser()
        let id = try req.parameterID()
        let item = try req.parameterID("item")
        let q = try Question.validate(try req.content.decode(QuestionInput.self))
        try await req.consultations.updateQuestion(id, question: item, q, viewer: me.viewer, by: me.actor)
        let all = try await req.consultations.questions(of: id, for: me.viewer)
        guard let i = all.firstIndex(where: { $0.id == item }) else { throw StorageError.notFound("The question") }
        return QuestionJSON(all[i], number: i + 1)
    }

    func removeQuestion(req: Request) async throws -> HTTPStatus {
        let me = try req.requireUser()
        try await req.consultations.removeQuestion(
            try req.parameterID(), question: try req.parameterID("item"), viewer: me.viewer, by: me.actor)
        return .noContent
    }

    func download(req: Request) async throws -> Response {
        let d = try await req.consultations.document(
            try req.parameterID("item"), of: try req.parameterID(), for: req.currentUser?.viewer)
        return Response.download(d.data, filename: d.filename, contentType: d.contentType)
    }

    // MARK: Responses

    /// A response in the shape it is written in (`ConsultationResponseInput`), with what the store adds:
    /// every question's answer, in order (unanswered ones without a value).
    func responseJSON(_ r: ConsultationResponseModel, consultation c: ConsultationModel, _ req: Request) async throws
        -> ConsultationResponseJSON
    {
        let answers = try await req.responses.answers(of: r)
        let id = try c.requireID()
        let questions = try await req.consultations.questions(of: id, for: req.currentUser?.viewer)
        return ConsultationResponseJSON(
            id: try r.requireID(), consultationId: id, consultationTitle: c.title,
            respondingAs: r.$organisation.id == nil ? "individual" : "organisation",
            organisationId: r.$organisation.id, organisationName: r.organisation?.name,
            respondentName: r.respondentName,
            respondentEmail: r.respondentEmail, status: r.isSubmitted ? "submitted" : "draft",
            submittedAt: r.submittedAt.map(UKTime.isoUTC),
            answers: try ConsultationResponsePages.answers(questions, answers))
    }

    /// Sent responses, for the owner, once the consultation has closed.
    func ownerResponses(req: Request) async throws -> ListJSON<ConsultationResponseJSON> {
        let (me, c, phase) = try await req.consultationToChange()
        try requireClosed(c, phase)
        let (page, size) = try req.pageArguments()
        let (list, p) = try await req.responses.submitted(
            to: try c.requireID(), viewer: me.viewer, page: page, pageSize: size)
        var items: [ConsultationResponseJSON] = []
        for r in list { items.append(try await responseJSON(r, consultation: c, req)) }
        return ListJSON(items, p)
    }

    func requireClosed(_ c: ConsultationModel, _ phase: ConsultationPhase) throws {
        guard phase.hasClosed else {
            throw StorageError.conflict(
                FieldError(
                    "consultation",
                    "Responses can be read once the consultation closes at \(UKTime.deadlineText(c.period.closesOn))"))
        }
    }

    func export(req: Request) async throws -> Response {
        let (me, c, phase) = try await req.consultationToChange()
        try requireClosed(c, phase)
        return Response.download(
            Data(try await req.responses.export(try c.requireID(), viewer: me.viewer).utf8),
            filename: ConsultationResponsePages.csvFilename(c), contentType: "text/csv; charset=utf-8")
    }

    /// Creates or updates the token user's own response in one capacity; `status` `submitted`
    /// sends it. The body is a `ConsultationResponseInput`: the shape a response is read in.
    func saveResponse(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let (c, _) = try await req.visibleConsultation()
        let id = try c.requireID()
        let body = try req.content.decode(ConsultationResponseInput.self)
        let capacity = try body.capacity()
        let submit = try body.submits()
        let existed = try await req.responses.existing(id, as: capacity, viewer: me.viewer) != nil
        let saved = try await req.responses.save(
            id, as: .user(me.user, capacity), answers: try body.rawAnswers(), submit: submit, viewer: me.viewer)
        let r = try await req.responses.response(try saved.response.requireID(), viewer: me.viewer)
        let json = try await responseJSON(r, consultation: c, req)
        if existed {
            let response = Response(status: .ok)
            try response.content.encode(json, as: .json)
            return response
        }
        return try await shared.created(json, at: Paths.API.response(try r.requireID()))
    }

    func myResponses(req: Request) async throws -> ListJSON<ConsultationResponseJSON> {
        let me = try req.requireUser()
        let (page, size) = try req.pageArguments()
        let (list, p) = try await req.responses.responses(of: me.viewer, page: page, pageSize: size)
        var items: [ConsultationResponseJSON] = []
        for r in list { items.append(try await responseJSON(r, consultation: r.consultation, req)) }
        return ListJSON(items, p)
    }

    func myResponse(req: Request) async throws -> ConsultationResponseJSON {
        let me = try req.requireUser()
        let r = try await req.responses.response(try req.parameterID(), viewer: me.viewer)
        return try await responseJSON(r, consultation: r.consultation, req)
    }

    // MARK: Outcome

    /// The summary with its versions (none until it is published), nil when `viewer` may not read it.
    func outcomeJSON(_ id: UUID, viewer: Viewer?, _ req: Request) async throws -> OutcomeJSON? {
        guard let o = try await req.consultations.outcome(of: id, for: viewer) else { return nil }
        let versions = o.publishedAt == nil ? [] : try await req.consultations.outcomeVersions(of: id, for: viewer)
        return OutcomeJSON(o, versions: versions)
    }

    func outcome(req: Request) async throws -> OutcomeJSON {
        guard let o = try await outcomeJSON(try req.parameterID(), viewer: req.currentUser?.viewer, req) else {
            throw StorageError.notFound("The “you said, we did” summary")
        }
        return o
    }

    /// The body is an `OutcomeInput`, the shape the summary is read in (`published` asks to publish it).
    /// Once published the summary is not saved again: 409, naming the amendments endpoint.
    func saveOutcome(req: Request) async throws -> OutcomeJSON {
        let me = try req.requireUser()
        let id = try req.parameterID()
        let body = try req.content.decode(OutcomeInput.self)
        _ = try await req.consultations.saveOutcome(
            id, try Outcome.validate(body), publish: body.published ?? false, viewer: me.viewer, by: me.actor)
        return try await outcomeJSON(id, viewer: me.viewer, req)!
    }

    /// The body is an `OutcomeAmendmentInput`: the summary as amended and `reason`. 201 with the
    /// summary and all its versions.
    func amendOutcome(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let id = try req.parameterID()
        let body = try req.content.decode(OutcomeAmendmentInput.self)
        _ = try await req.consultations.amendOutcome(id, body, viewer: me.viewer, by: me.actor)
        return try await shared.created(
            try await outcomeJSON(id, viewer: me.viewer, req)!, at: Paths.API.consultationOutcome(id))
    }

    // MARK: Notifications

    func notifications(req: Request) async throws -> NotificationListJSON {
        let me = try req.requireUser()
        let (page, size) = try req.pageArguments()
        let unreadOnly = try req.boolean("unread") ?? false
        let (list, p) = try await req.notifications.list(
            for: me.viewer, unreadOnly: unreadOnly, page: page, pageSize: size)
        return NotificationListJSON(
            items: list.map(NotificationJSON.init), page: p.number, pageSize: p.size, total: p.total,
            unread: try await req.notifications.unreadCount(for: me.viewer))
    }

    func readNotifications(req: Request) async throws -> NotificationListJSON {
        let me = try req.requireUser()
        try await req.notifications.markAllRead(for: me.viewer)
        return try await notifications(req: req)
    }
}
