import Fluent
import Foundation
import SocialValue
import Vapor

/// Consultations under local Compacts: writing and publishing them, their questions,
/// documents and "you said, we did" outcome, invitations, the finder and compliance figures.
/// Every operation that depends on the time takes `now`, so tests and the demo loader can
/// say when it happens.
public struct ConsultationStore: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    static func conflict(_ field: String, _ message: String) -> StorageError {
        .conflict(FieldError(field, message))
    }

    /// Throws `forbidden` unless `viewer` is a commissioner of `owner` (`Viewer.canManageConsultation`).
    static func checkManages(_ owner: UUID, viewer: Viewer, _ what: String) throws {
        guard viewer.canManageConsultation(owner: owner) else {
            throw StorageError.forbidden("Only a commissioner of the consulting body \(what)")
        }
    }

    /// The consultation as `viewer` may see it (`Viewer.canSeeConsultation`): a draft they may
    /// not see is "not found", so its existence does not leak.
    static func visible(_ id: UUID, viewer: Viewer?, on db: Database) async throws -> ConsultationModel {
        let c = try await find(id, on: db)
        guard viewer.canSeeConsultation(owner: c.$owner.id, compact: c.$compact.id, published: c.isPublished) else {
            throw StorageError.notFound("The consultation")
        }
        return c
    }

    /// The consultation as `viewer` may see it, checked that they manage it.
    static func managed(_ id: UUID, viewer: Viewer, _ what: String, on db: Database) async throws
        -> ConsultationModel
    {
        let c = try await visible(id, viewer: viewer, on: db)
        try checkManages(c.$owner.id, viewer: viewer, what)
        return c
    }

    // MARK: Reading

    /// The consultation with its owner and Compact, whoever asks: for links from other records
    /// and for the store's own use. Pages and the API read through `find(_:for:)`.
    public func find(_ id: UUID) async throws -> ConsultationModel {
        try await Self.find(id, on: db)
    }

    /// The consultation as `viewer` (nil: not signed in) may see it: drafts only by those
    /// `Viewer.canSeeConsultation` allows; to anyone else a draft is "not found".
    public func find(_ id: UUID, for viewer: Viewer?) async throws -> ConsultationModel {
        try await Self.visible(id, viewer: viewer, on: db)
    }

    /// The consultation to change: only its managers (`Viewer.canManageConsultation`) may.
    public func find(_ id: UUID, managedBy viewer: Viewer) async throws -> ConsultationModel {
        try await Self.managed(id, viewer: viewer, "changes its consultations", on: db)
    }

    static func find(_ id: UUID, on db: Database) async throws -> ConsultationModel {
        guard
            let c = try await ConsultationModel.query(on: db).filter(\.$id == id).with(\.$owner).with(\.$compact)
                .first()
        else {
            throw StorageError.notFound("The consultation")
        }
        return c
    }

    /// What the finder can ask for.
    public struct Search: Sendable {
        public enum Status: String, Sendable, CaseIterable {
            case open, forthcoming, closed, draft
            /// Every published consultation.
            case all
        }

        public enum PeriodFilter: String, Sendable, CaseIterable {
            case meetsMinimum = "meets-minimum"
            case shorter
        }

        public var text: String?
        public var status: Status
        public var owner: UUID?
        public var compact: UUID?
        public var subject: ConsultationSubject?
        public var audience: String?
        public var period: PeriodFilter?
        public var page: Int?
        public var pageSize: Int

        public init(
            text: String? = nil, status: Status = .all, owner: UUID? = nil, compact: UUID? = nil,
            subject: ConsultationSubject? = nil, audience: String? = nil, period: PeriodFilter? = nil,
            page: Int? = nil, pageSize: Int = 20
        ) {
            self.text = text
            self.status = status
            self.owner = owner
            self.compact = compact
            self.subject = subject
            self.audience = audience
            self.period = period
            self.page = page
            self.pageSize = pageSize
        }
    }

    /// One page of the finder. Published consultations are public; drafts are listed only to
    /// those who may see them (`Viewer.canSeeConsultation`). Open ones come closing soonest
    /// first, forthcoming ones opening soonest first, closed ones most recently closed first.
    public func search(_ s: Search, viewer: Viewer?, now: Date = Date()) async throws -> ([ConsultationModel], ListPage)
    {
        let today = UKTime.date(at: now).iso
        var q = ConsultationModel.query(on: db).with(\.$owner).with(\.$compact)
        switch s.status {
        case .draft:
            q = q.filter(\.$isPublished == false)
            guard let viewer else {
                q = q.filter(\.$id == UUID())
                break
            }
            if !viewer.isAdmin {
                let orgs = viewer.organisationIDs
                let seats = Array(viewer.compactSeats)
                if orgs.isEmpty && seats.isEmpty {
                    q = q.filter(\.$id == UUID())
                    break
                }
                q = q.group(.or) { g in
                    if !orgs.isEmpty { g.filter(\.$owner.$id ~~ orgs) }
                    if !seats.isEmpty { g.filter(\.$compact.$id ~~ seats) }
                }
            }
            q = q.sort(\.$updatedAt, .descending)
        case .open:
            q = q.filter(\.$isPublished == true).filter(\.$opensOn <= today).filter(\.$closesOn >= today).sort(
                \.$closesOn)
        case .forthcoming:
            q = q.filter(\.$isPublished == true).filter(\.$opensOn > today).sort(\.$opensOn)
        case .closed:
            q = q.filter(\.$isPublished == true).filter(\.$closesOn < today).sort(\.$closesOn, .descending)
        case .all:
            q = q.filter(\.$isPublished == true).sort(\.$closesOn, .descending)
        }
        if let text = s.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            q = q.group(.or) { $0.filter(\.$title, contains: text, on: db).filter(\.$summary, contains: text, on: db) }
        }
        if let owner = s.owner { q = q.filter(\.$owner.$id == owner) }
        if let compact = s.compact { q = q.filter(\.$compact.$id == compact) }
        if let subject = s.subject { q = q.filter(\.$subjectKind == subject) }
        switch s.audience {
        case "vcs": q = q.filter(\.$audienceVCS == true)
        case "suppliers": q = q.filter(\.$audienceSuppliers == true)
        case "public": q = q.filter(\.$audiencePublic == true)
        default: break
        }
        switch s.period {
        case .meetsMinimum: q = q.filter(\.$periodDays, .greaterThanOrEqual, \.$minimumDays)
        case .shorter: q = q.filter(\.$periodDays, .lessThan, \.$minimumDays)
        case nil: break
        }
        return try await q.sort(\.$title).paginated(s.page, size: s.pageSize)
    }

    /// Which of `ids` have a published "you said, we did" summary.
    public func withPublishedOutcome(_ ids: [UUID]) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        let outcomes = try await ConsultationOutcomeModel.query(on: db).filter(\.$consultation.$id ~~ ids)
            .filter(\.$publishedAt != nil).all()
        return Set(outcomes.map { $0.$consultation.id })
    }

    /// The consultation's phase at `now`, reading whether its outcome is published.
    public func phase(of c: ConsultationModel, now: Date = Date()) async throws -> ConsultationPhase {
        let published = try await withPublishedOutcome([c.requireID()]).contains(c.requireID())
        return c.phase(at: now, summaryPublished: published)
    }

    // MARK: Writing a consultation

    /// Starts a draft owned by `owner` (a public body that has signed the Compact), for a
    /// commissioner of that body.
    public func create(
        owner ownerID: UUID?, compact compactID: UUID?, _ input: ConsultationInput, viewer: Viewer, by actor: Actor
    ) async throws -> ConsultationModel {
        if let ownerID {
            try Self.checkManages(ownerID, viewer: viewer, "starts its consultations")
        } else if !viewer.canCreateConsultation {
            throw StorageError.forbidden("Only commissioners start consultations, for the public bodies they work at")
        }
        var p = Problems()
        if ownerID == nil { p.add("ownerId", "Select the public body that is consulting") }
        if compactID == nil { p.add("compactId", "Select the local Compact the consultation is under") }
        try p.throwIfAny()
        let created = try await db.write { tx -> UUID in
            guard let owner = try await OrganisationModel.find(ownerID, on: tx) else {
                throw ValidationFailure("ownerId", "Select a public body from the list")
            }
            guard let compact = try await CompactModel.find(compactID, on: tx) else {
                throw ValidationFailure("compactId", "Select a local Compact from the list")
            }
            try await Self.checkOwner(owner, compact, on: tx)
            let details = try ConsultationDetails.validate(input, minimumDays: compact.minConsultationDays)
            try await Self.checkLink(details, owner: try owner.requireID(), on: tx)
            let c = ConsultationModel()
            c.$owner.id = try owner.requireID()
            c.$compact.id = try compact.requireID()
            c.apply(details)
            c.minimumDays = compact.minConsultationDays
            c.isPublished = false
            c.createdBy = actor.label
            try await c.create(on: tx)
            var fields = c.auditFields
            fields["owner"] = owner.name
            fields["compact"] = compact.name
            try await AuditLog.record(
                "created", "consultation", id: c.requireID().uuidString,
                changes: AuditLog.diff(nil, fields), by: actor, on: tx)
            return try c.requireID()
        }
        return try await Self.find(created, on: db)
    }

    /// A linked framework version must exist; a linked procurement must be the owning body's.
    static func checkLink(_ details: ConsultationDetails, owner: UUID, on db: Database) async throws {
        if let v = details.frameworkVersionID, try await FrameworkVersionModel.find(v, on: db) == nil {
            throw ValidationFailure("frameworkVersionId", "Select a framework version from the list")
        }
        if let p = details.procurementID {
            guard let procurement = try await ProcurementModel.find(p, on: db), procurement.$owner.id == owner else {
                throw ValidationFailure("procurementId", "Select one of the consulting body’s procurements")
            }
        }
    }

    static func checkOwner(_ owner: OrganisationModel, _ compact: CompactModel, on db: Database) async throws {
        guard owner.organisationKind.sector == .publicBody else {
            throw ValidationFailure("ownerId", "Only a public body can run a consultation under the Compact")
        }
        let signed = try await CompactSignatoryModel.query(on: db).filter(\.$compact.$id == compact.requireID())
            .filter(\.$organisation.$id == owner.requireID()).first()
        guard signed != nil else {
            throw ValidationFailure(
                "compactId", "\(owner.name) has not signed the \(compact.name): choose a Compact it has signed")
        }
    }

    /// Changes the details. A draft reads the Compact's current minimum; a published
    /// consultation keeps the minimum it was published under and follows
    /// `ConsultationRules.checkChange`.
    public func update(
        _ id: UUID, _ input: ConsultationInput, viewer: Viewer, by actor: Actor, now: Date = Date()
    ) async throws -> ConsultationModel {
        try await db.write { tx in
            let c = try await Self.managed(id, viewer: viewer, "changes its consultations", on: tx)
            let minimum = c.isPublished ? c.minimumDays : c.compact.minConsultationDays
            var details = try ConsultationDetails.validate(input, minimumDays: minimum)
            if c.isPublished, let published = c.shortPeriodReason {
                details.shortPeriodReason = try Self.keepPublishedReason(published, typed: details.shortPeriodReason, c)
            }
            try await Self.checkLink(details, owner: c.$owner.id, on: tx)
            if c.isPublished {
                try ConsultationRules.checkChange(
                    from: c.details, to: details, minimumDays: minimum, compactName: c.compact.name, now: now)
            }
            let before = c.auditFields
            c.apply(details)
            c.minimumDays = minimum
            let changes = AuditLog.diff(before, c.auditFields)
            guard !changes.isEmpty else { return c }
            try await c.update(on: tx)
            try await AuditLog.record("updated", "consultation", id: id.uuidString, changes: changes, by: actor, on: tx)
            return c
        }
    }

    /// Issue 13 §1: the reason for a short period, once published, is part of the public record
    /// and is never changed in place. Another reason is refused; leaving it out (or extending the
    /// period to the minimum) keeps the published reason as it was.
    static func keepPublishedReason(_ published: String, typed: String?, _ c: ConsultationModel) throws -> String {
        if let typed, typed != published {
            let when = c.publishedAt.map { " on \(UKTime.date(at: $0).longForm)" } ?? ""
            throw conflict(
                "shortPeriodReason",
                "The reason for the shorter period was published\(when) and cannot be changed: it stays on the consultation’s page as published"
            )
        }
        return published
    }

    /// Deletes a draft with its questions and documents. Published consultations stay.
    public func delete(_ id: UUID, viewer: Viewer, by actor: Actor) async throws {
        try await db.write { tx in
            let c = try await Self.managed(id, viewer: viewer, "deletes its draft consultations", on: tx)
            guard !c.isPublished else {
                throw Self.conflict(
                    "consultation", "A published consultation cannot be deleted: it is part of the public record")
            }
            try await c.delete(on: tx)
            try await AuditLog.record(
                "deleted", "consultation", id: id.uuidString,
                changes: AuditLog.diff(c.auditFields, nil), by: actor, on: tx)
        }
    }

    public struct Published: Sendable {
        public let consultation: ConsultationModel
        public let invited: [String]
        public let notified: Int
    }

    /// Publishes a draft: as forthcoming (early notice) if it opens after today, otherwise open
    /// at once. Enforces `ConsultationRules.checkCanPublish` against the Compact's minimum,
    /// which is then fixed on the consultation; records the early-notice date; invites the
    /// Compact's VCS organisations when VCS organisations are asked; notifies their members and
    /// the Compact group.
    public func publish(_ id: UUID, viewer: Viewer, by actor: Actor, now: Date = Date()) async throws -> Published {
        try await db.write { tx in
            let c = try await Self.managed(id, viewer: viewer, "publishes its consultations", on: tx)
            guard !c.isPublished else { throw Self.conflict("consultation", "This consultation is already published") }
            let today = UKTime.date(at: now)
            let minimum = c.compact.minConsultationDays
            let details = try ConsultationDetails.validate(c.input, minimumDays: minimum)
            let questions = try await ConsultationQuestionModel.query(on: tx).filter(\.$consultation.$id == id).count()
            try ConsultationRules.checkCanPublish(
                details, minimumDays: minimum, questionCount: questions,
                compactName: c.compact.name, today: today)
            let before = c.auditFields
            c.apply(details)
            c.minimumDays = minimum
            c.isPublished = true
            c.publishedAt = now
            c.noticeOn = ConsultationRules.noticeDate(publishedOn: today, opensOn: details.period.opensOn)?.iso
            try await c.update(on: tx)
            try await AuditLog.record(
                "published", "consultation", id: id.uuidString,
                changes: AuditLog.diff(before, c.auditFields), by: actor, on: tx)
            let (invited, notified) = try await Self.invite(c, now: now, by: actor, on: tx)
            return Published(consultation: c, invited: invited.map(\.name), notified: notified)
        }
    }

    /// The Compact's VCS organisations: VCSE signatories and the VCSE organisations
    /// represented on its group.
    static func vcsOrganisations(of compactID: UUID, on db: Database) async throws -> [OrganisationModel] {
        let signatories = try await CompactSignatoryModel.query(on: db).filter(\.$compact.$id == compactID).with(
            \.$organisation
        ).all()
        let seats = try await CompactGroupSeatModel.query(on: db).filter(\.$compact.$id == compactID).with(
            \.$organisation
        ).all()
        var seen = Set<UUID>()
        return (signatories.map(\.organisation) + seats.map(\.organisation))
            .filter { $0.isVCSE && $0.organisationKind.sector == .supplier && seen.insert($0.id ?? UUID()).inserted }
            .sorted { $0.name < $1.name }
    }

    /// Who publishing would invite, for the check page.
    public func invitees(of compactID: UUID) async throws -> [OrganisationModel] {
        try await Self.vcsOrganisations(of: compactID, on: db)
    }

    static func invite(_ c: ConsultationModel, now: Date, by actor: Actor, on tx: Database) async throws -> (
        [OrganisationModel], Int
    ) {
        let period = c.period
        let when =
            now < period.opensAt
            ? "It opens on \(period.opensOn.longForm) and closes at \(UKTime.deadlineText(period.closesOn))."
            : "It is open now and closes at \(UKTime.deadlineText(period.closesOn))."
        let id = try c.requireID()
        let link = "/consultations/\(id)"
        var notified = Set<UUID>()
        var invited: [OrganisationModel] = []
        if c.audienceVCS {
            invited = try await vcsOrganisations(of: c.$compact.id, on: tx)
            for org in invited {
                let inv = ConsultationInvitationModel()
                inv.$consultation.id = id
                inv.$organisation.id = try org.requireID()
                inv.invitedAt = now
                try await inv.create(on: tx)
                let members = try await MembershipModel.query(on: tx).filter(\.$organisation.$id == org.requireID())
                    .filter(\.$roleValue == .supplierMember).all()
                let users = members.map { $0.$user.id }.filter { notified.insert($0).inserted }
                try await NotificationStore.send(
                    to: users, kind: .consultationInvitation,
                    text: "\(c.owner.name) invites \(org.name) to respond to ‘\(c.title)’. \(when)",
                    link: link, now: now, on: tx)
            }
            if !invited.isEmpty {
                try await AuditLog.record(
                    "invited", "consultation", id: id.uuidString,
                    changes: ["invited": FieldChange(from: nil, to: invited.map(\.name).joined(separator: "; "))],
                    by: actor, on: tx)
            }
        }
        let group = try await CompactGroupSeatModel.query(on: tx).filter(\.$compact.$id == c.$compact.id).all()
        let watchers = group.map { $0.$user.id }.filter { notified.insert($0).inserted }
        let short =
            c.meetsMinimum
            ? ""
            : " It runs for \(ConsultationPeriod.describe(days: c.periodDays)), shorter than the Compact’s minimum; the reason is published."
        try await NotificationStore.send(
            to: watchers, kind: .consultationPublished,
            text: "\(c.owner.name) published ‘\(c.title)’ under the \(c.compact.name). \(when)\(short)",
            link: link, now: now, on: tx)
        return (invited, notified.count)
    }

    public func invitations(of id: UUID) async throws -> [ConsultationInvitationModel] {
        try await ConsultationInvitationModel.query(on: db).filter(\.$consultation.$id == id).with(\.$organisation)
            .all()
            .sorted { $0.organisation.name < $1.organisation.name }
    }

    // MARK: Questions

    /// The questions, in order, of a consultation `viewer` may see.
    public func questions(of id: UUID, for viewer: Viewer?) async throws -> [ConsultationQuestionModel] {
        _ = try await Self.visible(id, viewer: viewer, on: db)
        return try await Self.questions(of: id, on: db)
    }

    static func questions(of id: UUID, on db: Database) async throws -> [ConsultationQuestionModel] {
        try await ConsultationQuestionModel.query(on: db).filter(\.$consultation.$id == id).sort(\.$ordinal).all()
    }

    /// Questions can change until the consultation opens: no one can have answered them yet.
    static func checkQuestionsCanChange(_ c: ConsultationModel, now: Date) throws {
        let phase = c.phase(at: now, summaryPublished: false)
        guard phase == .draft || phase == .forthcoming else {
            throw conflict(
                "questions",
                "This consultation opened on \(c.period.opensOn.longForm), so its questions can no longer change")
        }
    }

    public func addQuestion(
        _ id: UUID, _ question: Question, viewer: Viewer, by actor: Actor, now: Date = Date()
    ) async throws -> ConsultationQuestionModel {
        try await db.write { tx in
            let c = try await Self.managed(id, viewer: viewer, "writes its consultations’ questions", on: tx)
            try Self.checkQuestionsCanChange(c, now: now)
            let existing = try await Self.questions(of: id, on: tx)
            guard existing.count < Question.maximumPerConsultation else {
                throw ValidationFailure(
                    "text", "A consultation can ask at most \(Question.maximumPerConsultation) questions")
            }
            let m = ConsultationQuestionModel()
            m.$consultation.id = id
            m.ordinal = (existing.map(\.ordinal).max() ?? 0) + 1
            m.apply(question)
            try await m.create(on: tx)
            try await AuditLog.record(
                "created", "consultation-question", id: m.requireID().uuidString,
                changes: AuditLog.diff(nil, m.auditFields), by: actor, on: tx)
            return m
        }
    }

    static func question(_ id: UUID, of consultationID: UUID, on db: Database) async throws -> ConsultationQuestionModel
    {
        guard
            let m = try await ConsultationQuestionModel.query(on: db).filter(\.$id == id)
                .filter(\.$consultation.$id == consultationID).first()
        else { throw StorageError.notFound("The question") }
        return m
    }

    public func updateQuestion(
        _ id: UUID, question qid: UUID, _ question: Question, viewer: Viewer, by actor: Actor, now: Date = Date()
    ) async throws {
        try await db.write { tx in
            let c = try await Self.managed(id, viewer: viewer, "writes its consultations’ questions", on: tx)
            try Self.checkQuestionsCanChange(c, now: now)
            let m = try await Self.question(qid, of: id, on: tx)
            let before = m.auditFields
            m.apply(question)
            let changes = AuditLog.diff(before, m.auditFields)
            guard !changes.isEmpty else { return }
            try await m.update(on: tx)
            try await AuditLog.record(
                "updated", "consultation-question", id: qid.uuidString, changes: changes, by: actor, on: tx)
        }
    }

    public func removeQuestion(
        _ id: UUID, question qid: UUID, viewer: Viewer, by actor: Actor, now: Date = Date()
    ) async throws {
        try await db.write { tx in
            let c = try await Self.managed(id, viewer: viewer, "writes its consultations’ questions", on: tx)
            try Self.checkQuestionsCanChange(c, now: now)
            let m = try await Self.question(qid, of: id, on: tx)
            let all = try await Self.questions(of: id, on: tx)
            if c.isPublished && all.count == 1 {
                throw Self.conflict("questions", "A published consultation must keep at least one question")
            }
            try await m.delete(on: tx)
            // Keep the numbering 1, 2, 3… so "question 3" in an error means the third shown.
            for q in all where q.ordinal > m.ordinal {
                q.ordinal -= 1
                try await q.update(on: tx)
            }
            try await AuditLog.record(
                "deleted", "consultation-question", id: qid.uuidString,
                changes: AuditLog.diff(m.auditFields, nil), by: actor, on: tx)
        }
    }

    /// Swaps a question with the one above (`up`) or below it.
    public func moveQuestion(
        _ id: UUID, question qid: UUID, up: Bool, viewer: Viewer, by actor: Actor, now: Date = Date()
    ) async throws {
        try await db.write { tx in
            let c = try await Self.managed(id, viewer: viewer, "writes its consultations’ questions", on: tx)
            try Self.checkQuestionsCanChange(c, now: now)
            let all = try await Self.questions(of: id, on: tx)
            guard let i = all.firstIndex(where: { $0.id == qid }) else { throw StorageError.notFound("The question") }
            let j = up ? i - 1 : i + 1
            guard all.indices.contains(j) else { return }
            let (a, b) = (all[i], all[j])
            (a.ordinal, b.ordinal) = (b.ordinal, a.ordinal)
            try await a.update(on: tx)
            try await b.update(on: tx)
            try await AuditLog.record(
                "moved", "consultation-question", id: qid.uuidString,
                changes: ["ordinal": FieldChange(from: String(b.ordinal), to: String(a.ordinal))], by: actor, on: tx)
        }
    }

    // MARK: Documents

    public static let maximumDocuments = 20

    /// The documents' details, without loading their bytes, of a consultation `viewer` may see.
    public func documents(of id: UUID, for viewer: Viewer?) async throws -> [ConsultationDocument] {
        _ = try await Self.visible(id, viewer: viewer, on: db)
        return try await Self.documents(of: id, on: db)
    }

    static func documents(of id: UUID, on db: Database) async throws -> [ConsultationDocument] {
        let rows = try await ConsultationDocumentModel.query(on: db).filter(\.$consultation.$id == id)
            .field(\.$id).field(\.$title).field(\.$filename).field(\.$fileType).field(\.$contentType)
            .field(\.$sizeBytes).field(\.$sha256).field(\.$uploadedAt)
            .sort(\.$uploadedAt).all()
        return try rows.map {
            ConsultationDocument(
                id: try $0.requireID(), title: $0.title, filename: $0.filename, type: $0.fileType,
                contentType: $0.contentType, sizeBytes: $0.sizeBytes, sha256: $0.sha256, uploadedAt: $0.uploadedAt)
        }
    }

    /// One document with its bytes, of a consultation `viewer` may see.
    public func document(_ id: UUID, of consultationID: UUID, for viewer: Viewer?) async throws
        -> ConsultationDocumentModel
    {
        _ = try await Self.visible(consultationID, viewer: viewer, on: db)
        guard
            let d = try await ConsultationDocumentModel.query(on: db).filter(\.$id == id)
                .filter(\.$consultation.$id == consultationID).first()
        else { throw StorageError.notFound("The document") }
        return d
    }

    /// Adds a document (checked by `DocumentType.check`). Documents can be added until the
    /// consultation closes and removed until it opens, so what respondents read stays on record.
    public func addDocument(
        _ id: UUID, title raw: String?, filename: String?, bytes: [UInt8], viewer: Viewer, by actor: Actor,
        now: Date = Date()
    ) async throws -> ConsultationDocument {
        let what = "adds documents to its consultations"
        _ = try await Self.managed(id, viewer: viewer, what, on: db)
        var p = Problems()
        let title = p.text(raw, field: "title", label: "the document’s title", required: false)
        try p.throwIfAny()
        let file = try StoredFile(filename: filename, bytes: bytes)
        let (type, name, data, digest) = (file.type, file.filename, file.data, file.sha256)
        let docID = try await db.write { tx -> UUID in
            let c = try await Self.managed(id, viewer: viewer, what, on: tx)
            if c.period.hasClosed(at: now) && c.isPublished {
                throw Self.conflict(
                    "file",
                    "This consultation has closed: link to new documents from its “you said, we did” summary instead")
            }
            let count = try await ConsultationDocumentModel.query(on: tx).filter(\.$consultation.$id == id).count()
            guard count < Self.maximumDocuments else {
                throw ValidationFailure("file", "A consultation can have at most \(Self.maximumDocuments) documents")
            }
            let d = ConsultationDocumentModel()
            d.$consultation.id = id
            d.title = title ?? name
            d.filename = name
            d.fileType = type
            d.contentType = type.contentType
            d.sizeBytes = bytes.count
            d.sha256 = digest
            d.data = data
            d.uploadedBy = actor.label
            try await d.create(on: tx)
            try await AuditLog.record(
                "created", "consultation-document", id: d.requireID().uuidString,
                changes: [
                    "consultation": FieldChange(from: nil, to: c.title), "title": FieldChange(from: nil, to: d.title),
                    "filename": FieldChange(from: nil, to: name),
                    "sizeBytes": FieldChange(from: nil, to: String(bytes.count)),
                    "sha256": FieldChange(from: nil, to: digest),
                ], by: actor, on: tx)
            return try d.requireID()
        }
        guard let added = try await Self.documents(of: id, on: db).first(where: { $0.id == docID }) else {
            throw StorageError.notFound("The document")
        }
        return added
    }

    public func removeDocument(
        _ id: UUID, document docID: UUID, viewer: Viewer, by actor: Actor, now: Date = Date()
    ) async throws {
        try await db.write { tx in
            let c = try await Self.managed(id, viewer: viewer, "removes documents from its consultations", on: tx)
            if c.isPublished && now >= c.period.opensAt {
                throw Self.conflict(
                    "file",
                    "This consultation has opened, so its documents stay on record: upload a corrected version alongside"
                )
            }
            guard
                let d = try await ConsultationDocumentModel.query(on: tx).filter(\.$id == docID)
                    .filter(\.$consultation.$id == id).field(\.$id).field(\.$title).field(\.$sha256).first()
            else {
                throw StorageError.notFound("The document")
            }
            try await ConsultationDocumentModel.query(on: tx).filter(\.$id == docID).delete()
            try await AuditLog.record(
                "deleted", "consultation-document", id: docID.uuidString,
                changes: [
                    "title": FieldChange(from: d.title, to: nil), "sha256": FieldChange(from: d.sha256, to: nil),
                ], by: actor, on: tx)
        }
    }

    // MARK: The "you said, we did" outcome

    /// The "you said, we did" summary as `viewer` may read it: once published, anyone who may
    /// see the consultation; before, only its managers (nil for anyone else).
    public func outcome(of id: UUID, for viewer: Viewer?) async throws -> ConsultationOutcomeModel? {
        let c = try await Self.visible(id, viewer: viewer, on: db)
        guard let o = try await ConsultationOutcomeModel.query(on: db).filter(\.$consultation.$id == id).first(),
            o.publishedAt != nil || viewer?.canManageConsultation(owner: c.$owner.id) == true
        else { return nil }
        return o
    }

    /// Saves the summary, and publishes it when `publish` is true, as version 1. Once published
    /// it stays published and is not saved again (409): it is amended with `amendOutcome`, a new
    /// version with its reason. Only after the consultation has closed.
    /// Publishing notifies everyone with an account who sent a response, and the members of
    /// invited organisations.
    public func saveOutcome(
        _ id: UUID, _ outcome: Outcome, publish: Bool, viewer: Viewer, by actor: Actor, now: Date = Date()
    ) async throws -> ConsultationOutcomeModel {
        try await db.write { tx in
            let c = try await Self.managed(id, viewer: viewer, "writes its consultations’ outcomes", on: tx)
            guard c.isPublished, c.period.hasClosed(at: now) else {
                throw Self.conflict(
                    "youSaid",
                    "The “you said, we did” summary can be written once the consultation has closed (at \(UKTime.deadlineText(c.period.closesOn)))"
                )
            }
            let existing = try await ConsultationOutcomeModel.query(on: tx).filter(\.$consultation.$id == id).first()
            if let publishedAt = existing?.publishedAt {
                throw Self.conflict(
                    "youSaid",
                    "The “you said, we did” summary was published on \(UKTime.date(at: publishedAt).longForm) and is not changed in place: amend it with a reason (POST /api/v1/consultations/\(id)/outcome/amendments), and the published version stays beside the amendment"
                )
            }
            let m = existing ?? ConsultationOutcomeModel()
            let before = existing?.auditFields
            let wasPublished = false
            m.$consultation.id = id
            m.apply(outcome)
            if publish && !wasPublished { m.publishedAt = now }
            let changes = AuditLog.diff(before, m.auditFields)
            guard !changes.isEmpty else { return m }
            if existing == nil { try await m.create(on: tx) } else { try await m.update(on: tx) }
            let action = publish && !wasPublished ? "published" : (existing == nil ? "created" : "updated")
            try await AuditLog.record(
                action, "consultation-outcome", id: try m.requireID().uuidString, changes: changes, by: actor, on: tx)
            if publish && !wasPublished {
                _ = try await Self.addOutcomeVersion(
                    of: id, 1, m.outcome, reason: nil, by: actor, at: now, on: tx)
                let respondents = try await ConsultationResponseModel.query(on: tx).filter(\.$consultation.$id == id)
                    .filter(\.$responseStatus == .submitted).all().compactMap { $0.$respondent.id }
                let invitedOrgs = try await ConsultationInvitationModel.query(on: tx).filter(\.$consultation.$id == id)
                    .all()
                    .map { $0.$organisation.id }
                let members =
                    invitedOrgs.isEmpty
                    ? []
                    : try await MembershipModel.query(on: tx)
                        .filter(\.$organisation.$id ~~ invitedOrgs).filter(\.$roleValue == .supplierMember).all()
                        .map { $0.$user.id }
                var seen = Set<UUID>()
                try await NotificationStore.send(
                    to: (respondents + members).filter { seen.insert($0).inserted }, kind: .consultationOutcome,
                    text: "\(c.owner.name) has published what it heard and what it did after ‘\(c.title)’.",
                    link: "/consultations/\(id)#outcome", now: now, on: tx)
            }
            return m
        }
    }

    // MARK: Compliance

    /// Compliance figures for one body under one Compact.
    public struct ComplianceRow: Sendable {
        public let owner: OrganisationModel
        public let compact: CompactModel
        public let figures: ComplianceFigures
    }

    /// Every consultation of one body that `viewer` may see, drafts included (for its dashboard).
    public func consultations(ownedBy owner: UUID, viewer: Viewer) async throws -> [ConsultationModel] {
        try await ConsultationModel.query(on: db).filter(\.$owner.$id == owner).all().filter {
            viewer.canSeeConsultation(owner: $0.$owner.id, compact: $0.$compact.id, published: $0.isPublished)
        }
    }

    /// One body's published consultations, latest opening first.
    public func published(ownedBy owner: UUID) async throws -> [ConsultationModel] {
        try await ConsultationModel.query(on: db).filter(\.$owner.$id == owner).filter(\.$isPublished == true)
            .sort(\.$opensOn, .descending).all()
    }

    /// How many consultations have been published.
    public func publishedCount() async throws -> Int {
        try await ConsultationModel.query(on: db).filter(\.$isPublished == true).count()
    }

    /// The published consultations that have opened by `now`, optionally for one body or
    /// one Compact, with owner and Compact loaded.
    public func consultationsRun(owner: UUID? = nil, compact: UUID? = nil, now: Date = Date()) async throws
        -> [ConsultationModel]
    {
        let today = UKTime.date(at: now).iso
        var q = ConsultationModel.query(on: db).filter(\.$isPublished == true).filter(\.$opensOn <= today)
            .with(\.$owner).with(\.$compact)
        if let owner { q = q.filter(\.$owner.$id == owner) }
        if let compact { q = q.filter(\.$compact.$id == compact) }
        return try await q.sort(\.$opensOn).all()
    }

    /// Figures for each body and Compact (principles 2.3 and 2.4), sorted by Compact then body.
    public func compliance(owner: UUID? = nil, compact: UUID? = nil, now: Date = Date()) async throws -> [ComplianceRow]
    {
        let today = UKTime.date(at: now)
        let run = try await consultationsRun(owner: owner, compact: compact, now: now)
        let groups = Dictionary(grouping: run) { "\($0.$compact.id) \($0.$owner.id)" }
        return groups.values.map { list in
            ComplianceRow(
                owner: list[0].owner, compact: list[0].compact,
                figures: ComplianceFigures(list.map(\.record), today: today))
        }.sorted { ($0.compact.name, $0.owner.name) < ($1.compact.name, $1.owner.name) }
    }
}
