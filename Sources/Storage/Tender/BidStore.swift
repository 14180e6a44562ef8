import Fluent
import Foundation
import SocialValue

/// Bids, sealed until the deadline. Every way to reach a bid's contents goes through this store,
/// and every read takes the viewer and the time:
///
/// - the buyer side (anyone at the owning body, and the administrator) gets only `submittedCount`
///   until the deadline has passed *and* a commissioner has opened the bids (an audited event);
///   before that `openedBids`, `openedBid` and `attachment` throw `BidsSealed`;
/// - a bidder's supplier members read and change only their own organisation's bid.
public struct BidStore: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    static func conflict(_ field: String, _ message: String) -> StorageError { .conflict(FieldError(field, message)) }

    // MARK: Reading, sealed

    /// The number of submitted bids: what the buyer side sees while bids are sealed.
    public func submittedCount(tender id: UUID, viewer: Viewer) async throws -> Int {
        let t = try await TenderStore.find(id, on: db)
        guard viewer.isBuyerSide(owner: t.procurement.$owner.id) else {
            throw StorageError.forbidden("Only the buying organisation sees how many bids there are")
        }
        return try await BidModel.query(on: db).filter(\.$tender.$id == id).filter(\.$statusValue == .submitted).count()
    }

    /// Throws unless `viewer` is on the buyer side and the bids have been opened after the deadline.
    static func checkOpened(_ t: TenderModel, viewer: Viewer, now: Date) throws {
        guard viewer.isBuyerSide(owner: t.procurement.$owner.id) else {
            throw StorageError.forbidden("Only the buying organisation reads the bids, once they are opened")
        }
        if TenderRules.bidsAreSealed(status: t.statusValue, openedAt: t.openedAt, deadline: t.deadlineAt, at: now) {
            throw BidsSealed(deadline: t.deadline.text, deadlinePassed: t.deadline.hasPassed(at: now))
        }
    }

    /// Whether `viewer` could read the bids now (for showing or hiding links; reads still check).
    public func canRead(tender t: TenderModel, viewer: Viewer?, now: Date = Date()) -> Bool {
        guard let viewer else { return false }
        return (try? Self.checkOpened(t, viewer: viewer, now: now)) != nil
    }

    /// The submitted bids with their contents, by organisation name: for the buyer side once the
    /// bids are opened. Evaluation and award read bids through this.
    public func openedBids(tender id: UUID, viewer: Viewer, now: Date = Date()) async throws -> [BidView] {
        let t = try await TenderStore.find(id, on: db)
        try Self.checkOpened(t, viewer: viewer, now: now)
        let bids = try await BidModel.query(on: db).filter(\.$tender.$id == id).filter(\.$statusValue == .submitted)
            .with(\.$organisation).all()
        var out: [BidView] = []
        for b in bids { out.append(try await Self.view(b, config: t.configuration, on: db)) }
        return out.sorted { $0.organisationName < $1.organisationName }
    }

    /// One submitted bid, once the bids are opened.
    public func openedBid(_ bidID: UUID, tender id: UUID, viewer: Viewer, now: Date = Date()) async throws -> BidView {
        let t = try await TenderStore.find(id, on: db)
        try Self.checkOpened(t, viewer: viewer, now: now)
        guard
            let b = try await BidModel.query(on: db).filter(\.$id == bidID).filter(\.$tender.$id == id)
                .filter(\.$statusValue == .submitted).with(\.$organisation).first()
        else {
            throw StorageError.notFound("The bid")
        }
        return try await Self.view(b, config: t.configuration, on: db)
    }

    /// The viewer's organisation's own bid (draft, submitted or withdrawn), or nil if none yet.
    public func ownBid(tender id: UUID, organisation orgID: UUID, viewer: Viewer) async throws -> BidView? {
        guard viewer.canBid(for: orgID) else {
            throw StorageError.forbidden("Only supplier members of the bidding organisation see its bid")
        }
        let t = try await TenderStore.find(id, on: db)
        guard t.statusValue != .draft else { throw StorageError.notFound("The tender") }
        guard
            let b = try await BidModel.query(on: db).filter(\.$tender.$id == id).filter(\.$organisation.$id == orgID)
                .with(\.$organisation).first()
        else { return nil }
        return try await Self.view(b, config: t.configuration, on: db)
    }

    /// An attachment's bytes: for the bidder's own supplier members, or the buyer side once opened.
    public func attachment(_ attachmentID: UUID, tender id: UUID, viewer: Viewer, now: Date = Date()) async throws
        -> BidAttachmentModel
    {
        let t = try await TenderStore.find(id, on: db)
        guard let a = try await BidAttachmentModel.query(on: db).filter(\.$id == attachmentID).with(\.$bid).first(),
            a.bid.$tender.id == id
        else { throw StorageError.notFound("The attachment") }
        if !viewer.canBid(for: a.bid.$organisation.id) {
            try Self.checkOpened(t, viewer: viewer, now: now)
            guard a.bid.statusValue == .submitted else { throw StorageError.notFound("The attachment") }
        }
        return a
    }

    static func view(_ b: BidModel, config: TenderConfiguration, on db: Database) async throws -> BidView {
        let content = try await content(of: b, on: db)
        let attachments = try await attachmentSummaries(of: b.id!, on: db)
        let receipts = try await BidReceiptModel.query(on: db).filter(\.$bid.$id == b.id!).sort(\.$submittedAt).all()
            .map {
                BidReceipt(id: $0.id!, submittedAt: $0.submittedAt, submittedBy: $0.submittedBy, sha256: $0.sha256)
            }
        return BidView(
            id: b.id!, tenderID: b.$tender.id, organisationID: b.$organisation.id,
            organisationName: b.organisation.name,
            organisationIsVCS: isVCS(b.organisation), status: b.statusValue, content: content, attachments: attachments,
            receipts: receipts, submittedAt: b.submittedAt, updatedAt: b.updatedAt,
            warnings: Bids.deliverabilityWarnings(content, config: config),
            monetisedSocialValue: content.monetisedSocialValue(config))
    }

    static func isVCS(_ o: OrganisationModel) -> Bool { o.isVCSE || o.organisationKind.isAlwaysVCSE }

    static func content(of b: BidModel, on db: Database) async throws -> BidContent {
        let responses = try await BidResponseModel.query(on: db).filter(\.$bid.$id == b.id!).all()
        let commitments = try await BidCommitmentModel.query(on: db).filter(\.$bid.$id == b.id!).all()
        return BidContent(
            price: b.pricePence.map(Money.init(pence:)),
            responses: Dictionary(responses.map { ($0.criterionID, $0.text) }, uniquingKeysWith: { a, _ in a }),
            commitments: Dictionary(
                commitments.compactMap { c in DecimalText.parse(c.quantity).map { (c.measureCode, $0) } },
                uniquingKeysWith: { a, _ in a }),
            deliveryPlan: b.deliveryPlan, embeddedValueStatement: b.embeddedValueStatement,
            socialValueResponse: b.socialValueResponse)
    }

    static func attachmentSummaries(of bidID: UUID, on db: Database) async throws -> [BidAttachmentSummary] {
        try await BidAttachmentModel.query(on: db).filter(\.$bid.$id == bidID)
            .field(\.$id).field(\.$criterionID).field(\.$title).field(\.$filename).field(\.$sizeBytes).field(\.$sha256)
            .field(\.$uploadedAt).sort(\.$uploadedAt).all().map {
                BidAttachmentSummary(
                    id: $0.id!, criterionID: $0.criterionID, title: $0.title, filename: $0.filename,
                    sizeBytes: $0.sizeBytes, sha256: $0.sha256)
            }
    }

    // MARK: Opening

    /// A commissioner opens the bids after the deadline: an audited event; the procurement moves
    /// to evaluation. From then the buyer side reads the bids.
    public func openBids(tender id: UUID, viewer: Viewer, by actor: Actor, now: Date = Date()) async throws
        -> TenderModel
    {
        try await db.write { tx in
            let t = try await TenderStore.find(id, on: tx)
            guard viewer.canManageTender(owner: t.procurement.$owner.id) else {
                throw StorageError.forbidden("Only a commissioner of the buying organisation opens the bids")
            }
            try TenderRules.checkCanOpen(status: t.statusValue, deadline: t.deadline, at: now)
            if t.procurement.statusValue == .tenderOpen {
                try await ProcurementStore.move(t.procurement, to: .evaluation, by: actor, now: now, on: tx)
            }
            let count = try await BidModel.query(on: tx).filter(\.$tender.$id == id).filter(
                \.$statusValue == .submitted
            ).count()
            let before = t.auditFields
            t.statusValue = .bidsOpened
            t.openedAt = now
            t.openedBy = actor.label
            try await t.update(on: tx)
            var changes = AuditLog.diff(before, t.auditFields)
            changes["bids"] = FieldChange(from: nil, to: String(count))
            try await AuditLog.record("bids-opened", "tender", id: id.uuidString, changes: changes, by: actor, on: tx)
        }
        return try await TenderStore.find(id, on: db)
    }

    // MARK: Bidding

    /// The bid being changed, checked: the viewer bids for the organisation, the tender accepts
    /// bids now, and (when `changing`) the bid is not submitted. Creates the draft when `create`
    /// is true and there is none.
    static func editable(
        tender id: UUID, organisation orgID: UUID, viewer: Viewer, now: Date, create: Bool, changing: Bool = true,
        by actor: Actor, on tx: Database
    ) async throws -> (TenderModel, BidModel?) {
        guard viewer.canBid(for: orgID) else {
            throw StorageError.forbidden("Only supplier members bid, for their own organisation")
        }
        let t = try await TenderStore.find(id, on: tx)
        guard t.statusValue != .draft else { throw StorageError.notFound("The tender") }
        guard TenderRules.acceptsBids(status: t.statusValue, deadline: t.deadlineAt, at: now) else {
            throw conflict("bid", TenderRules.closedMessage(t.deadline, status: t.statusValue))
        }
        if let b = try await BidModel.query(on: tx).filter(\.$tender.$id == id).filter(\.$organisation.$id == orgID)
            .with(\.$organisation).first()
        {
            if changing && b.statusValue == .submitted {
                throw conflict(
                    "bid",
                    "Your bid has been submitted: withdraw it to change it, then submit it again before the deadline")
            }
            return (t, b)
        }
        guard create else { return (t, nil) }
        guard let org = try await OrganisationModel.find(orgID, on: tx), org.organisationKind.sector == .supplier else {
            throw ValidationFailure("organisationId", "Only a supplier can bid")
        }
        let b = BidModel()
        b.$tender.id = id
        b.$organisation.id = orgID
        b.statusValue = .draft
        b.deliveryPlan = ""
        b.createdBy = actor.label
        try await b.create(on: tx)
        b.$organisation.value = org
        try await AuditLog.record(
            "started", "bid", id: b.requireID().uuidString,
            changes: AuditLog.diff(nil, ["tender": id.uuidString, "organisation": org.name]), by: actor, on: tx)
        return (t, b)
    }

    /// Saves the draft (incomplete is fine). A submitted bid is withdrawn before it changes, so
    /// what is stored as submitted is always what its latest receipt hashes. The audit trail
    /// records that it changed, never its contents (sealed).
    public func saveDraft(
        tender id: UUID, organisation orgID: UUID, _ input: BidInput, viewer: Viewer, by actor: Actor,
        now: Date = Date()
    ) async throws -> BidView {
        try await db.write { tx in
            let (t, found) = try await Self.editable(
                tender: id, organisation: orgID, viewer: viewer, now: now, create: true, by: actor, on: tx)
            let b = found!
            let content = try Bids.validate(input, config: t.configuration, isVCS: Self.isVCS(b.organisation))
            try await Self.write(content, to: b, on: tx)
            let before = b.status
            b.statusValue = .draft
            try await b.update(on: tx)
            try await AuditLog.record(
                "saved", "bid", id: b.id!.uuidString,
                changes: [
                    "contents": FieldChange(from: "(sealed)", to: "(sealed)"),
                    "status": FieldChange(from: before, to: b.status),
                ], by: actor, on: tx)
        }
        return try await ownBid(tender: id, organisation: orgID, viewer: viewer)!
    }

    static func write(_ c: BidContent, to b: BidModel, on tx: Database) async throws {
        b.pricePence = c.price?.pence
        b.deliveryPlan = c.deliveryPlan
        b.embeddedValueStatement = c.embeddedValueStatement
        b.socialValueResponse = c.socialValueResponse
        try await BidResponseModel.query(on: tx).filter(\.$bid.$id == b.id!).delete()
        try await BidCommitmentModel.query(on: tx).filter(\.$bid.$id == b.id!).delete()
        for (id, text) in c.responses.sorted(by: { $0.key < $1.key }) {
            let r = BidResponseModel()
            r.$bid.id = b.id!
            r.criterionID = id
            r.text = text
            try await r.create(on: tx)
        }
        for (code, q) in c.commitments.sorted(by: { $0.key < $1.key }) {
            let m = BidCommitmentModel()
            m.$bid.id = b.id!
            m.measureCode = code
            m.quantity = Bids.plain(q)
            try await m.create(on: tx)
        }
    }

    /// Submits the bid as it stands: it must be complete. Gives a receipt (the time and SHA-256
    /// of the canonical text of what was submitted); earlier receipts are kept.
    public func submit(
        tender id: UUID, organisation orgID: UUID, viewer: Viewer, by actor: Actor,
        now: Date = Date()
    ) async throws -> BidReceipt {
        try await db.write { tx in
            let (t, found) = try await Self.editable(
                tender: id, organisation: orgID, viewer: viewer, now: now, create: false,
                changing: false, by: actor, on: tx)
            guard let b = found else { throw ValidationFailure("price", "Save your bid before submitting it") }
            guard b.statusValue != .submitted else {
                throw Self.conflict("bid", "This bid has already been submitted: change it to submit it again")
            }
            let config = t.configuration
            let content = try await Self.content(of: b, on: tx)
            try Bids.checkComplete(content, config: config)
            let text = Bids.canonicalText(
                tender: id, organisation: orgID, content, config: config,
                attachments: try await Self.attachmentSummaries(of: b.id!, on: tx))
            let receipt = BidReceiptModel()
            receipt.$bid.id = b.id!
            receipt.tenderID = id
            receipt.organisationID = orgID
            receipt.submittedAt = now
            receipt.submittedBy = actor.label
            receipt.content = text
            receipt.sha256 = AuditLog.sha256Hex(text)
            try await receipt.create(on: tx)
            b.statusValue = .submitted
            b.submittedAt = now
            b.withdrawnAt = nil
            try await b.update(on: tx)
            try await AuditLog.record(
                "submitted", "bid", id: b.id!.uuidString,
                changes: [
                    "status": FieldChange(from: BidStatus.draft.rawValue, to: b.status),
                    "sha256": FieldChange(from: nil, to: receipt.sha256),
                ], by: actor, on: tx)
            return BidReceipt(
                id: try receipt.requireID(), submittedAt: now, submittedBy: actor.label, sha256: receipt.sha256)
        }
    }

    /// Withdraws a submitted bid before the deadline; it can then be changed and submitted again.
    public func withdraw(tender id: UUID, organisation orgID: UUID, viewer: Viewer, by actor: Actor, now: Date = Date())
        async throws
    {
        try await db.write { tx in
            let (_, found) = try await Self.editable(
                tender: id, organisation: orgID, viewer: viewer, now: now, create: false,
                changing: false, by: actor, on: tx)
            guard let b = found, b.statusValue == .submitted else {
                throw Self.conflict("bid", "Only a submitted bid can be withdrawn")
            }
            b.statusValue = .withdrawn
            b.withdrawnAt = now
            try await b.update(on: tx)
            try await AuditLog.record(
                "withdrawn", "bid", id: b.id!.uuidString,
                changes: ["status": FieldChange(from: BidStatus.submitted.rawValue, to: b.status)], by: actor, on: tx)
        }
    }

    /// Attaches a file to the draft (optionally to one criterion's response).
    public func addAttachment(
        tender id: UUID, organisation orgID: UUID, criterion rawCriterion: String?, title raw: String?,
        filename: String?, bytes: [UInt8], viewer: Viewer, by actor: Actor, now: Date = Date()
    ) async throws {
        var p = Problems()
        let title = p.text(raw, field: "title", label: "the attachment’s title", required: false)
        try p.throwIfAny()
        let file = try StoredFile(filename: filename, bytes: bytes)
        try await db.write { tx in
            let (t, found) = try await Self.editable(
                tender: id, organisation: orgID, viewer: viewer, now: now, create: true, by: actor, on: tx)
            let b = found!
            let criterion = rawCriterion.flatMap { $0.isEmpty ? nil : $0 }
            if let criterion, t.configuration.criterion(criterion) == nil {
                throw ValidationFailure("criterion", "Choose a criterion of this tender")
            }
            let count = try await BidAttachmentModel.query(on: tx).filter(\.$bid.$id == b.id!).count()
            guard count < Tender.maximumAttachmentsPerBid else {
                throw ValidationFailure("file", "A bid can have at most \(Tender.maximumAttachmentsPerBid) attachments")
            }
            let a = BidAttachmentModel()
            a.$bid.id = b.id!
            a.criterionID = criterion
            a.store(file, title: title, by: actor)
            try await a.create(on: tx)
            b.statusValue = .draft
            try await b.update(on: tx)
            try await AuditLog.record(
                "attached", "bid", id: b.id!.uuidString,
                changes: ["attachment": FieldChange(from: nil, to: "(sealed)")], by: actor, on: tx)
        }
    }

    public func removeAttachment(
        tender id: UUID, organisation orgID: UUID, attachment attachmentID: UUID, viewer: Viewer,
        by actor: Actor, now: Date = Date()
    ) async throws {
        try await db.write { tx in
            let (_, found) = try await Self.editable(
                tender: id, organisation: orgID, viewer: viewer, now: now, create: false, by: actor, on: tx)
            guard let b = found,
                try await BidAttachmentModel.query(on: tx).filter(\.$id == attachmentID).filter(\.$bid.$id == b.id!)
                    .first() != nil
            else {
                throw StorageError.notFound("The attachment")
            }
            try await BidAttachmentModel.query(on: tx).filter(\.$id == attachmentID).delete()
            b.statusValue = .draft
            try await b.update(on: tx)
            try await AuditLog.record(
                "detached", "bid", id: b.id!.uuidString,
                changes: ["attachment": FieldChange(from: "(sealed)", to: nil)], by: actor, on: tx)
        }
    }
}

/// A submission's receipt as shown to the bidder.
public struct BidReceipt: Sendable, Equatable {
    public let id: UUID
    public let submittedAt: Date
    public let submittedBy: String
    public let sha256: String
}

/// A bid with its contents: what the bidder sees of their own, and what the buyer side reads
/// once the bids are opened.
public struct BidView: Sendable {
    public let id: UUID
    public let tenderID: UUID
    public let organisationID: UUID
    public let organisationName: String
    public let organisationIsVCS: Bool
    public let status: BidStatus
    public let content: BidContent
    public let attachments: [BidAttachmentSummary]
    /// Every submission's receipt, oldest first.
    public let receipts: [BidReceipt]
    public let submittedAt: Date?
    public let updatedAt: Date?
    public let warnings: [DeliverabilityWarning]
    /// Σ quantity × frozen proxy, in pounds (exact).
    public let monetisedSocialValue: Decimal
}
