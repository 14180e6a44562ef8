import Fluent
import Foundation
import SocialValue

/// Responses to consultations: drafts, submission once, the respondent's own view, and the
/// owner's view and export after the consultation closes.
///
/// The audit trail records that a response was started, changed and sent, by whom and in
/// what capacity, but never the answers themselves (they are shown as "(hidden)"): the trail
/// cannot be edited, and people must be able to write freely.
public struct ResponseStore: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    /// Who is responding.
    public enum Respondent: Sendable {
        /// A signed-in person, as themselves or for an organisation.
        case user(UserModel, RespondingAs)
        /// A member of the public without an account; `resumeToken` is the secret from an
        /// earlier draft, if they are continuing one.
        case publicMember(name: String?, email: String?, resumeToken: String?)
    }

    public struct Saved: Sendable {
        public let response: ConsultationResponseModel
        /// For a member of the public: the secret that brings them back to this response.
        public let resumeToken: String?
    }

    static let publicActor = Actor(userID: nil, label: "member of the public")

    // MARK: Who may respond

    /// The organisations a user may respond for: those they are a supplier member of.
    public func respondentOrganisations(of userID: UUID) async throws -> [RespondentOrganisation] {
        try await Self.respondentOrganisations(of: userID, on: db)
    }

    static func respondentOrganisations(of userID: UUID, on db: Database) async throws -> [RespondentOrganisation] {
        try await MembershipModel.query(on: db).filter(\.$user.$id == userID)
            .filter(\.$roleValue == .supplierMember).with(\.$organisation).all()
            .map {
                RespondentOrganisation(
                    id: try $0.organisation.requireID(), name: $0.organisation.name,
                    sector: $0.organisation.organisationKind.sector, isVCSE: $0.organisation.isVCSE)
            }
            .sorted { $0.name < $1.name }
    }

    /// The ways `user` (nil: not signed in) may respond to `c` (`ResponseRules.capacities`).
    public func capacities(for c: ConsultationModel, user: UserModel?) async throws -> [RespondingAs] {
        var orgs: [RespondentOrganisation] = []
        if let user { orgs = try await respondentOrganisations(of: user.requireID()) }
        return ResponseRules.capacities(audience: c.audience, signedIn: user != nil, organisations: orgs)
    }

    static func capacityKey(user: UUID, as capacity: RespondingAs) -> String {
        switch capacity {
        case .individual: return "user:\(user.uuidString.lowercased())"
        case .organisation(let org): return "organisation:\(org.uuidString.lowercased())"
        }
    }

    /// Throws `forbidden` unless `viewer` may respond in `capacity`: as themselves, or for an
    /// organisation they are a supplier member of (`Viewer.canRespondToConsultation`).
    static func checkResponds(_ viewer: Viewer, as capacity: RespondingAs) throws {
        if case .organisation(let org) = capacity, !viewer.canRespondToConsultation(for: org) {
            throw StorageError.forbidden("Only the organisation’s supplier members respond on its behalf")
        }
    }

    /// The response `viewer` has (draft or sent) in this capacity, if any; for an organisation
    /// they respond for, whoever in it wrote it.
    public func existing(_ consultationID: UUID, as capacity: RespondingAs, viewer: Viewer) async throws
        -> ConsultationResponseModel?
    {
        try Self.checkResponds(viewer, as: capacity)
        return try await ConsultationResponseModel.query(on: db).filter(\.$consultation.$id == consultationID)
            .filter(\.$capacityKey == Self.capacityKey(user: viewer.userID, as: capacity)).with(\.$respondent).first()
    }

    /// A member of the public's response, found by the secret they were given.
    public func existing(_ consultationID: UUID, resumeToken: String) async throws -> ConsultationResponseModel? {
        try await ConsultationResponseModel.query(on: db).filter(\.$consultation.$id == consultationID)
            .filter(\.$resumeTokenHash == AuditLog.sha256Hex(resumeToken)).filter(\.$respondent.$id == nil).first()
    }

    // MARK: Saving and sending

    /// Saves a draft (`submit` false) or sends the response (`submit` true), creating it if
    /// needed. A signed-in respondent must be `viewer`, and responds for an organisation only as
    /// one of its supplier members; a member of the public has no viewer. Refused unless the
    /// consultation is open at `now`; a sent response cannot change. Answer problems are named
    /// by their place among the questions (`ConsultationResponseInput.answerField`: `answers[0].value`).
    public func save(
        _ consultationID: UUID, as respondent: Respondent, answers raw: [UUID: RawAnswer], submit: Bool,
        viewer: Viewer?, now: Date = Date()
    ) async throws -> Saved {
        if case .user(let user, let capacity) = respondent {
            guard let viewer, viewer.userID == user.id else {
                throw StorageError.forbidden("A signed-in person responds only as themselves")
            }
            try Self.checkResponds(viewer, as: capacity)
        }
        var checked: (name: String, email: String)?
        if case .publicMember(let name, let email, _) = respondent {
            checked = try ResponseRules.validatePublicRespondent(name: name, email: email)
        }
        let publicDetails = checked
        return try await db.write { tx in
            let c = try await ConsultationStore.visible(consultationID, viewer: viewer, on: tx)
            if let refusal = ResponseRules.refusal(phase: c.phase(at: now, summaryPublished: false), period: c.period) {
                throw StorageError.conflict(FieldError("consultation", refusal))
            }
            let questions = try await ConsultationStore.questions(of: consultationID, on: tx)
            var response: ConsultationResponseModel?
            var newToken: String?
            let actor: Actor
            switch respondent {
            case .user(let user, let capacity):
                actor = .user(user)
                let userID = try user.requireID()
                let orgs = try await Self.respondentOrganisations(of: userID, on: tx)
                guard
                    ResponseRules.capacities(audience: c.audience, signedIn: true, organisations: orgs).contains(
                        capacity)
                else {
                    throw ValidationFailure(
                        "respondingAs",
                        capacity == .individual
                            ? "This consultation asks \(c.audience.label) to respond: you cannot respond as yourself"
                            : "You cannot respond to this consultation on behalf of that organisation")
                }
                let key = Self.capacityKey(user: userID, as: capacity)
                response = try await ConsultationResponseModel.query(on: tx).filter(
                    \.$consultation.$id == consultationID
                )
                .filter(\.$capacityKey == key).with(\.$respondent).with(\.$organisation).first()
                if let r = response, r.$respondent.id != user.id, let org = r.organisation {
                    let who = r.respondent?.displayName ?? "Someone else"
                    throw StorageError.conflict(
                        FieldError(
                            "respondingAs",
                            r.isSubmitted
                                ? "\(org.name) has already responded: \(who) sent its response"
                                : "\(who) has already started \(org.name)’s response: ask them to finish it"))
                }
                if response == nil {
                    let r = ConsultationResponseModel()
                    r.$consultation.id = consultationID
                    r.$respondent.id = userID
                    if case .organisation(let org) = capacity { r.$organisation.id = org }
                    r.capacityKey = key
                    r.respondentName = user.displayName
                    r.respondentEmail = user.email
                    response = r
                }
            case .publicMember(_, _, let token):
                actor = Self.publicActor
                guard c.audiencePublic else {
                    throw ValidationFailure(
                        "respondentEmail",
                        "This consultation asks \(c.audience.label) to respond: sign in to respond for your organisation"
                    )
                }
                if let token, !token.isEmpty {
                    response = try await ConsultationResponseModel.query(on: tx).filter(
                        \.$consultation.$id == consultationID
                    )
                    .filter(\.$resumeTokenHash == AuditLog.sha256Hex(token)).filter(\.$respondent.$id == nil).first()
                }
                if response == nil {
                    let r = ConsultationResponseModel()
                    r.$consultation.id = consultationID
                    r.capacityKey = "public:\(UUID().uuidString.lowercased())"
                    let secret = Secrets.make()
                    r.resumeTokenHash = AuditLog.sha256Hex(secret)
                    newToken = secret
                    response = r
                }
                response!.respondentName = publicDetails!.name
                response!.respondentEmail = publicDetails!.email
            }
            let r = response!
            let isNew = r.id == nil
            if !isNew && r.isSubmitted {
                let when = r.submittedAt.map { UKTime.date(at: $0).longForm } ?? "earlier"
                throw StorageError.conflict(
                    FieldError("consultation", "This response was sent on \(when): a sent response cannot be changed"))
            }
            let asked = try questions.map { (id: try $0.requireID(), question: $0.question) }
            let kinds = Dictionary(uniqueKeysWithValues: asked.map { ($0.id, $0.question.kind) })
            let answers = try AnswerRules.validate(raw, questions: asked, submitting: submit) { n, id in
                ConsultationResponseInput.answerField(n, kinds[id] ?? .freeText)
            }
            r.responseStatus = submit ? .submitted : .draft
            if submit { r.submittedAt = now }
            if isNew { try await r.create(on: tx) } else { try await r.update(on: tx) }
            try await ConsultationAnswerModel.query(on: tx).filter(\.$response.$id == r.requireID()).delete()
            for q in questions {
                guard let a = answers[try q.requireID()] else { continue }
                let m = ConsultationAnswerModel()
                m.$response.id = try r.requireID()
                m.$question.id = try q.requireID()
                m.value = a.stored
                try await m.create(on: tx)
            }
            var changes: [String: FieldChange] = [
                "answers": FieldChange(from: isNew ? nil : "(hidden)", to: "(hidden)")
            ]
            if isNew {
                changes["consultation"] = FieldChange(from: nil, to: c.title)
                changes["respondingAs"] = FieldChange(
                    from: nil, to: r.$organisation.id == nil ? "individual" : "organisation")
                if let org = r.$organisation.id { changes["organisation"] = FieldChange(from: nil, to: org.uuidString) }
            }
            if submit { changes["status"] = FieldChange(from: isNew ? nil : "draft", to: "submitted") }
            try await AuditLog.record(
                submit ? "submitted" : (isNew ? "created" : "updated"), "consultation-response",
                id: try r.requireID().uuidString, changes: changes, by: actor, on: tx)
            return Saved(response: r, resumeToken: newToken)
        }
    }

    // MARK: The respondent's own

    /// The viewer's own responses, newest first, with their consultations.
    public func responses(of viewer: Viewer, page: Int? = nil, pageSize: Int = 20) async throws -> (
        [ConsultationResponseModel], ListPage
    ) {
        try await ConsultationResponseModel.query(on: db).filter(\.$respondent.$id == viewer.userID)
            .with(\.$consultation) { $0.with(\.$owner) }.with(\.$organisation)
            .sort(\.$updatedAt, .descending).paginated(page, size: pageSize)
    }

    /// One of the viewer's own responses; anyone else's is "not found", so its existence does
    /// not leak.
    public func response(_ id: UUID, viewer: Viewer) async throws -> ConsultationResponseModel {
        guard
            let r = try await ConsultationResponseModel.query(on: db).filter(\.$id == id).filter(
                \.$respondent.$id == viewer.userID
            )
            .with(\.$consultation, { $0.with(\.$owner) }).with(\.$organisation).first()
        else {
            throw StorageError.notFound("The response")
        }
        return r
    }

    /// The answers of a response read through this store (so the reader was checked), by question ID.
    public func answers(of response: ConsultationResponseModel) async throws -> [UUID: Answer] {
        let rows = try await ConsultationAnswerModel.query(on: db).filter(\.$response.$id == response.requireID()).with(
            \.$question
        ).all()
        var out: [UUID: Answer] = [:]
        for row in rows {
            if let a = Answer.decode(row.value, kind: row.question.question.kind) { out[row.$question.id] = a }
        }
        return out
    }

    // MARK: The owner's view, after close

    /// The consultation, checked that `viewer` manages it (and so reads its responses).
    func managed(_ consultationID: UUID, viewer: Viewer) async throws -> ConsultationModel {
        try await ConsultationStore.managed(
            consultationID, viewer: viewer, "reads its consultations’ responses", on: db)
    }

    /// Sent responses only, oldest first, for the owner's commissioners. Drafts are never shown
    /// to the owner.
    public func submitted(to consultationID: UUID, viewer: Viewer, page: Int? = nil, pageSize: Int = 20) async throws
        -> ([ConsultationResponseModel], ListPage)
    {
        _ = try await managed(consultationID, viewer: viewer)
        return try await ConsultationResponseModel.query(on: db).filter(\.$consultation.$id == consultationID)
            .filter(\.$responseStatus == .submitted).with(\.$organisation)
            .sort(\.$submittedAt).sort(\.$id).paginated(page, size: pageSize)
    }

    /// How many responses have been sent: for the managers at any time, for anyone who may see
    /// the consultation once it has closed at `now` (`Viewer.canCountConsultationResponses`).
    public func submittedCount(_ consultationID: UUID, viewer: Viewer?, now: Date = Date()) async throws -> Int {
        let c = try await ConsultationStore.visible(consultationID, viewer: viewer, on: db)
        guard viewer.canCountConsultationResponses(owner: c.$owner.id, closed: c.period.hasClosed(at: now)) else {
            throw StorageError.forbidden("The number of responses is published when the consultation closes")
        }
        return try await ConsultationResponseModel.query(on: db).filter(\.$consultation.$id == consultationID)
            .filter(\.$responseStatus == .submitted).count()
    }

    /// One sent response to the consultation, for the owner's commissioners.
    public func submittedResponse(_ id: UUID, to consultationID: UUID, viewer: Viewer) async throws
        -> ConsultationResponseModel
    {
        _ = try await managed(consultationID, viewer: viewer)
        guard
            let r = try await ConsultationResponseModel.query(on: db).filter(\.$id == id)
                .filter(\.$consultation.$id == consultationID).filter(\.$responseStatus == .submitted).with(
                    \.$organisation
                ).first()
        else {
            throw StorageError.notFound("The response")
        }
        return r
    }

    /// Every sent response as CSV (`ConsultationExport.csv`), in the order they were sent, for
    /// the owner's commissioners.
    public func export(_ consultationID: UUID, viewer: Viewer) async throws -> String {
        _ = try await managed(consultationID, viewer: viewer)
        let questions = try await ConsultationStore.questions(of: consultationID, on: db)
        let responses = try await ConsultationResponseModel.query(on: db).filter(\.$consultation.$id == consultationID)
            .filter(\.$responseStatus == .submitted).with(\.$organisation).sort(\.$submittedAt).sort(\.$id).all()
        let ids = try responses.map { try $0.requireID() }
        let kinds = Dictionary(uniqueKeysWithValues: try questions.map { (try $0.requireID(), $0.question.kind) })
        var answers: [UUID: [UUID: Answer]] = [:]
        if !ids.isEmpty {
            for row in try await ConsultationAnswerModel.query(on: db).filter(\.$response.$id ~~ ids).all() {
                guard let kind = kinds[row.$question.id], let a = Answer.decode(row.value, kind: kind) else { continue }
                answers[row.$response.id, default: [:]][row.$question.id] = a
            }
        }
        return ConsultationExport.csv(
            questions: try questions.map { (try $0.requireID(), $0.question) },
            responses: try responses.map {
                let id = try $0.requireID()
                return ExportedResponse(
                    id: id, submittedAt: $0.submittedAt ?? Date(timeIntervalSince1970: 0),
                    organisation: $0.organisation?.name,
                    name: $0.respondentName, email: $0.respondentEmail, answers: answers[id] ?? [:])
            })
    }
}
