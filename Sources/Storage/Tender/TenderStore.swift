import Fluent
import Foundation
import SocialValue

/// Tenders: setting one up on a procurement (weights, methods, criteria, measures frozen from a
/// value set, the deadline), publishing it (the procurement moves to tender open), its documents
/// and clarifications. Bids live in `BidStore`, which keeps them sealed.
public struct TenderStore: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    static func conflict(_ field: String, _ message: String) -> StorageError { .conflict(FieldError(field, message)) }

    /// Throws `forbidden` unless `viewer` is a commissioner of the body buying through `p`.
    static func checkManages(_ p: ProcurementModel, viewer: Viewer, _ what: String) throws {
        guard viewer.canManageTender(owner: p.$owner.id) else {
            throw StorageError.forbidden("Only a commissioner of the buying organisation \(what)")
        }
    }

    /// The tender as `viewer` may see it (drafts: not found), checked that they manage it.
    static func managed(_ id: UUID, viewer: Viewer, _ what: String, on db: Database) async throws -> TenderModel {
        let t = try await find(id, on: db)
        guard viewer.canSeeTender(owner: t.procurement.$owner.id, published: t.statusValue != .draft) else {
            throw StorageError.notFound("The tender")
        }
        try checkManages(t.procurement, viewer: viewer, what)
        return t
    }

    // MARK: Reading

    /// The tender with its procurement, the procurement's owner and Compact.
    public func find(_ id: UUID) async throws -> TenderModel { try await Self.find(id, on: db) }

    static func find(_ id: UUID, on db: Database) async throws -> TenderModel {
        guard
            let t = try await TenderModel.query(on: db).filter(\.$id == id)
                .with(\.$procurement, { $0.with(\.$owner).with(\.$compact) }).first()
        else {
            throw StorageError.notFound("The tender")
        }
        return t
    }

    /// The tender as `viewer` may see it: drafts only by the buyer side (others get "not found").
    public func find(_ id: UUID, for viewer: Viewer?) async throws -> TenderModel {
        let t = try await find(id)
        guard viewer.canSeeTender(owner: t.procurement.$owner.id, published: t.statusValue != .draft) else {
            throw StorageError.notFound("The tender")
        }
        return t
    }

    /// The procurement's tender, if it has one.
    public func tender(ofProcurement id: UUID) async throws -> TenderModel? {
        try await TenderModel.query(on: db).filter(\.$procurement.$id == id)
            .with(\.$procurement, { $0.with(\.$owner).with(\.$compact) }).first()
    }

    /// Published tenders still open for bids at `now`, deadline soonest first.
    public func openTenders(now: Date = Date()) async throws -> [TenderModel] {
        try await TenderModel.query(on: db).filter(\.$statusValue == .published).filter(\.$deadlineAt > now)
            .with(\.$procurement, { $0.with(\.$owner).with(\.$compact) }).sort(\.$deadlineAt).all()
    }

    /// Every published tender (any phase), newest deadline first, for the buyer side's lists.
    public func tenders(ownedBy owners: [UUID]) async throws -> [TenderModel] {
        guard !owners.isEmpty else { return [] }
        let procurements = try await ProcurementModel.query(on: db).filter(\.$owner.$id ~~ owners).all().compactMap(
            \.id)
        guard !procurements.isEmpty else { return [] }
        return try await TenderModel.query(on: db).filter(\.$procurement.$id ~~ procurements)
            .with(\.$procurement, { $0.with(\.$owner).with(\.$compact) }).sort(\.$deadlineAt, .descending).all()
    }

    // MARK: Value sets to choose measures from

    /// A value set that can price the tender's measures, with the measures it prices.
    public struct ValueSetChoice: Sendable {
        public let valueSet: FrozenValueSet
        public let frameworkName: String
        public let measures: [TenderMeasure]
    }

    /// The value sets of the adopted frameworks of the procurement's Compact or owning body, each
    /// with its valued measures (name and unit from the framework, proxy and source from the set).
    public func valueSetChoices(forProcurement id: UUID) async throws -> [ValueSetChoice] {
        try await Self.valueSetChoices(try await ProcurementStore.find(id, on: db), on: db)
    }

    static func valueSetChoices(_ p: ProcurementModel, on db: Database) async throws -> [ValueSetChoice] {
        let versions = try await FrameworkVersionModel.query(on: db).with(\.$framework)
            .filter(\.$status == .adopted).all()
            .filter { $0.framework.$compact.id == p.$compact.id || $0.framework.$organisation.id == p.$owner.id }
        var out: [ValueSetChoice] = []
        for v in versions {
            let measures = try await FrameworkMeasureModel.query(on: db).filter(\.$version.$id == v.id!).sort(
                \.$ordinal
            ).all()
            let byCode = Dictionary(measures.map { ($0.code.uppercased(), $0) }, uniquingKeysWith: { a, _ in a })
            for set in try await ValueSetModel.query(on: db).filter(\.$version.$id == v.id!).sort(\.$name).all() {
                let entries = try await ValueSetEntryModel.query(on: db).filter(\.$valueSet.$id == set.id!).sort(
                    \.$measureCode
                ).all()
                let priced: [TenderMeasure] = entries.compactMap { e in
                    guard let m = byCode[e.measureCode.uppercased()] else { return nil }
                    return TenderMeasure(
                        code: m.code, name: m.name, unit: m.unit, proxy: e.valuePerUnit, baseYear: e.baseYear,
                        source: e.source, licence: e.licence)
                }
                out.append(
                    ValueSetChoice(
                        valueSet: FrozenValueSet(id: set.id!, name: set.name, isIllustrative: set.isIllustrative),
                        frameworkName: v.framework.name, measures: priced))
            }
        }
        return out
    }

    // MARK: Setting up

    /// The context the set-up is checked in.
    static func context(_ p: ProcurementModel, valueSetID: UUID?, frozen: TenderConfiguration?, on db: Database)
        async throws -> TenderSetupContext
    {
        let authority = ProcurementStore.authority(p.owner)
        let suggestion = Procurement.proportionality(settings: p.compact.settings, value: p.value, authority: authority)
        let choice = try await valueSetChoices(p, on: db).first { $0.valueSet.id == valueSetID }
        if valueSetID != nil && choice == nil {
            throw ValidationFailure("valueSetId", "Choose a value set from the list")
        }
        // Measures already chosen from the same set stay as they were frozen.
        let kept = frozen?.valueSet?.id == valueSetID ? frozen?.measures ?? [] : []
        return TenderSetupContext(
            authority: authority, suggestion: suggestion, valueSet: choice?.valueSet,
            available: choice?.measures ?? [], frozen: kept)
    }

    /// Creates the procurement's tender as a draft, or changes its draft. Only before the
    /// procurement reaches tender (or while it is open with the tender still a draft).
    public func save(
        procurement id: UUID, _ input: TenderInput, viewer: Viewer,
        by actor: Actor
    ) async throws -> TenderModel {
        let tenderID = try await db.write { tx -> UUID in
            let p = try await ProcurementStore.find(id, on: tx)
            try Self.checkManages(p, viewer: viewer, "sets up the tender")
            guard [.planning, .marketEngagement, .tenderOpen].contains(p.statusValue) else {
                throw Self.conflict(
                    "status", "A procurement that is \(p.statusValue.label.lowercased()) cannot have its tender set up")
            }
            let existing = try await TenderModel.query(on: tx).filter(\.$procurement.$id == id).first()
            if let existing, existing.statusValue != .draft {
                throw Self.conflict("status", "The tender has been published: its set-up is frozen")
            }
            let context = try await Self.context(
                p, valueSetID: input.valueSetId, frozen: existing?.configuration, on: tx)
            let (config, deadline) = try TenderSetup.validate(input, context: context)
            let t = existing ?? TenderModel()
            let before = existing?.auditFields
            t.$procurement.id = id
            t.statusValue = .draft
            t.storedConfiguration = try StoredJSON(config, encoder: Self.encoder)
            t.deadlineOn = deadline.date.iso
            t.deadlineTime = deadline.time
            t.deadlineAt = deadline.instant
            if existing == nil { t.createdBy = actor.label }
            try await t.save(on: tx)
            try await AuditLog.record(
                existing == nil ? "created" : "updated", "tender", id: t.id!.uuidString,
                changes: AuditLog.diff(before, t.auditFields), by: actor, on: tx)
            return t.id!
        }
        return try await find(tenderID)
    }

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }()

    /// Publishes the draft: the deadline must be ahead, and the procurement moves to tender open
    /// under its own rules (a consideration signed off where one is required). The set-up is
    /// frozen from now on.
    public func publish(_ id: UUID, viewer: Viewer, by actor: Actor, now: Date = Date()) async throws -> TenderModel {
        try await db.write { tx in
            let t = try await Self.managed(id, viewer: viewer, "publishes the tender", on: tx)
            guard t.statusValue == .draft else {
                throw Self.conflict("status", "The tender has already been published")
            }
            try TenderSetup.checkCanPublish(deadline: t.deadline, at: now)
            let p = t.procurement
            if p.statusValue != .tenderOpen {
                try await ProcurementStore.move(p, to: .tenderOpen, by: actor, now: now, on: tx)
            }
            let before = t.auditFields
            t.statusValue = .published
            t.publishedAt = now
            t.publishedBy = actor.label
            try await t.update(on: tx)
            try await AuditLog.record(
                "published", "tender", id: id.uuidString, changes: AuditLog.diff(before, t.auditFields), by: actor,
                on: tx)
        }
        return try await find(id)
    }

    /// Cancels the tender and its procurement, with the reason, at any point before the award.
    public func cancel(
        _ id: UUID, reason: String?, viewer: Viewer, by actor: Actor,
        now: Date = Date()
    ) async throws -> TenderModel {
        try await db.write { tx in
            let t = try await Self.managed(id, viewer: viewer, "cancels the tender", on: tx)
            let why = try TenderRules.checkCanCancel(status: t.statusValue, reason: reason)
            let p = t.procurement
            if p.statusValue != .cancelled {
                try await ProcurementStore.move(p, to: .cancelled, cancelReason: why, by: actor, now: now, on: tx)
            }
            let before = t.auditFields
            t.statusValue = .cancelled
            t.cancelReason = why
            try await t.update(on: tx)
            try await AuditLog.record(
                "cancelled", "tender", id: id.uuidString, changes: AuditLog.diff(before, t.auditFields), by: actor,
                on: tx)
            try await TenderNotifications.cancelled(t, reason: why, now: now, on: tx)
        }
        return try await find(id)
    }

    // MARK: Documents

    /// The tender's documents, for whoever sees the tender (a draft's: the buyer side only).
    public func documents(of id: UUID, for viewer: Viewer?) async throws -> [TenderDocument] {
        _ = try await find(id, for: viewer)
        let rows = try await TenderDocumentModel.query(on: db).filter(\.$tender.$id == id)
            .field(\.$id).field(\.$title).field(\.$filename).field(\.$fileType).field(\.$contentType)
            .field(\.$sizeBytes).field(\.$sha256).field(\.$uploadedAt).sort(\.$uploadedAt).all()
        return rows.map {
            TenderDocument(
                id: $0.id!, title: $0.title, filename: $0.filename, contentType: $0.contentType,
                sizeBytes: $0.sizeBytes, sha256: $0.sha256, uploadedAt: $0.uploadedAt)
        }
    }

    public func document(_ id: UUID, of tenderID: UUID, for viewer: Viewer?) async throws -> TenderDocumentModel {
        _ = try await find(tenderID, for: viewer)
        guard
            let d = try await TenderDocumentModel.query(on: db).filter(\.$id == id).filter(\.$tender.$id == tenderID)
                .first()
        else {
            throw StorageError.notFound("The document")
        }
        return d
    }

    /// Adds a tender document until the deadline (checked like consultation documents).
    public func addDocument(
        _ id: UUID, title raw: String?, filename: String?, bytes: [UInt8], viewer: Viewer,
        by actor: Actor, now: Date = Date()
    ) async throws {
        _ = try await Self.managed(id, viewer: viewer, "adds tender documents", on: db)
        var p = Problems()
        let title = p.text(raw, field: "title", label: "the document’s title", required: false)
        try p.throwIfAny()
        let file = try StoredFile(filename: filename, bytes: bytes)
        try await db.write { tx in
            let t = try await Self.find(id, on: tx)
            guard [.draft, .open].contains(t.phase(at: now)) else {
                throw Self.conflict("file", "The tender has closed: documents can no longer be added")
            }
            let count = try await TenderDocumentModel.query(on: tx).filter(\.$tender.$id == id).count()
            guard count < Tender.maximumDocuments else {
                throw ValidationFailure("file", "A tender can have at most \(Tender.maximumDocuments) documents")
            }
            let d = TenderDocumentModel()
            d.$tender.id = id
            d.store(file, title: title, by: actor)
            try await d.create(on: tx)
            try await AuditLog.record(
                "created", "tender-document", id: d.requireID().uuidString,
                changes: AuditLog.diff(
                    nil,
                    [
                        "tender": id.uuidString, "title": d.title, "filename": file.filename, "sha256": file.sha256,
                    ]), by: actor, on: tx)
        }
    }

    /// Removes a document while the tender is a draft; once published, documents stay on record.
    public func removeDocument(_ id: UUID, document docID: UUID, viewer: Viewer, by actor: Actor) async throws {
        try await db.write { tx in
            let t = try await Self.managed(id, viewer: viewer, "removes tender documents", on: tx)
            guard t.statusValue == .draft else {
                throw Self.conflict(
                    "file",
                    "The tender has been published, so its documents stay on record: add a corrected version alongside")
            }
            guard
                let d = try await TenderDocumentModel.query(on: tx).filter(\.$id == docID).filter(\.$tender.$id == id)
                    .field(\.$id).field(\.$title).field(\.$sha256).first()
            else { throw StorageError.notFound("The document") }
            try await TenderDocumentModel.query(on: tx).filter(\.$id == docID).delete()
            try await AuditLog.record(
                "deleted", "tender-document", id: docID.uuidString,
                changes: AuditLog.diff(["title": d.title, "sha256": d.sha256], nil), by: actor, on: tx)
        }
    }

    // MARK: Clarifications

    /// The questions `viewer` may read: the buyer side sees every question, and who asked once
    /// the bids are opened ("a bidder" until then, docs/tenders.md "Who is bidding stays sealed");
    /// bidders see answered questions (without who asked) and their own organisation's.
    public func clarifications(of id: UUID, for viewer: Viewer?) async throws -> [Clarification] {
        let t = try await find(id, for: viewer)
        let rows = try await TenderClarificationModel.query(on: db).filter(\.$tender.$id == id).with(\.$organisation)
            .sort(\.$askedAt).all()
        let buyer = viewer?.isBuyerSide(owner: t.procurement.$owner.id) ?? false
        let sealed = SealedBidAudit.isSealed(t.statusValue, opened: t.openedAt != nil)
        let mine = Set(viewer?.biddingOrganisations ?? [])
        return rows.compactMap { c in
            let own = c.$organisation.id.map(mine.contains) ?? false
            guard buyer || own || c.answer != nil else { return nil }
            return Clarification(
                id: c.id!, question: c.question, askedAt: c.askedAt, answer: c.answer, answeredAt: c.answeredAt,
                askedByYourOrganisation: own,
                askedBy: buyer ? (sealed ? SealedBidAudit.placeholder : c.organisation?.name) : nil)
        }
    }

    /// A supplier member asks a question for their organisation while the tender is open.
    public func ask(
        _ id: UUID, organisation orgID: UUID, question raw: String?, viewer: Viewer, by actor: Actor,
        now: Date = Date()
    ) async throws {
        guard viewer.canBid(for: orgID) else {
            throw StorageError.forbidden("Only supplier members can ask questions, for their own organisation")
        }
        var p = Problems()
        let question = p.text(raw, field: "question", label: "your question", max: 5000)
        try p.throwIfAny()
        try await db.write { tx in
            let t = try await Self.find(id, on: tx)
            guard t.phase(at: now) == .open else {
                throw Self.conflict(
                    "question", "Questions can be asked while the tender is open (until \(t.deadline.text))")
            }
            let c = TenderClarificationModel()
            c.$tender.id = id
            c.$organisation.id = orgID
            c.askedBy = actor.label
            c.question = question!
            c.askedAt = now
            try await c.create(on: tx)
            try await AuditLog.record(
                "asked", "tender-clarification", id: c.requireID().uuidString,
                changes: AuditLog.diff(nil, ["tender": id.uuidString, "question": question]), by: actor, on: tx)
            try await TenderNotifications.questionAsked(t, now: now, on: tx)
        }
    }

    /// The buyer answers (or corrects an answer); the answer is published to every bidder.
    public func answer(
        _ id: UUID, clarification cid: UUID, answer raw: String?, viewer: Viewer, by actor: Actor,
        now: Date = Date()
    ) async throws {
        _ = try await Self.managed(id, viewer: viewer, "answers clarification questions", on: db)
        var p = Problems()
        let answer = p.text(raw, field: "answer", label: "the answer", max: 10000)
        try p.throwIfAny()
        try await db.write { tx in
            guard
                let c = try await TenderClarificationModel.query(on: tx).filter(\.$id == cid).filter(
                    \.$tender.$id == id
                ).first()
            else {
                throw StorageError.notFound("The question")
            }
            let before = c.answer
            c.answer = answer
            c.answeredBy = actor.label
            c.answeredAt = now
            try await c.update(on: tx)
            try await AuditLog.record(
                "answered", "tender-clarification", id: cid.uuidString,
                changes: AuditLog.diff(["answer": before], ["answer": answer]), by: actor, on: tx)
            try await TenderNotifications.clarificationAnswered(try await Self.find(id, on: tx), now: now, on: tx)
            try await TenderNotifications.questionsAnswered(id, now: now, on: tx)
        }
    }
}

/// A tender document's details without its bytes.
public struct TenderDocument: Sendable, Equatable {
    public let id: UUID
    public let title: String
    public let filename: String
    public let contentType: String
    public let sizeBytes: Int
    public let sha256: String
    public let uploadedAt: Date?
}

/// A clarification question as one viewer may see it. `askedBy` (the organisation) is shown to
/// the buyer only, and only once the bids are opened ("a bidder" before): answers are published
/// to all bidders anonymised.
public struct Clarification: Sendable, Equatable {
    public let id: UUID
    public let question: String
    public let askedAt: Date
    public let answer: String?
    public let answeredAt: Date?
    public let askedByYourOrganisation: Bool
    public let askedBy: String?
}
