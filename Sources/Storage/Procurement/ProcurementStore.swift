import Fluent
import Foundation
import SocialValue
import Vapor

/// Procurements: screening on every save, the recorded consideration, status changes, the
/// public pipeline, comments from invited organisations and market engagement events.
public struct ProcurementStore: Sendable {
    let db: Database
    let thresholds: ThresholdTable

    public init(_ db: Database, thresholds: ThresholdTable = ThresholdData.table) {
        self.db = db
        self.thresholds = thresholds
    }

    static func conflict(_ field: String, _ message: String) -> StorageError { .conflict(FieldError(field, message)) }

    // MARK: Reading

    public func find(_ id: UUID) async throws -> ProcurementModel { try await Self.find(id, on: db) }

    /// Throws `forbidden` unless `viewer` may manage the procurements of `owner`.
    static func checkManages(_ owner: UUID, viewer: Viewer) throws {
        guard viewer.canManageProcurement(owner: owner) else {
            throw StorageError.forbidden("Only a commissioner of the buying organisation changes its procurements")
        }
    }

    /// The procurement, checked that `viewer` manages it.
    static func managed(_ id: UUID, viewer: Viewer, on db: Database) async throws -> ProcurementModel {
        let p = try await find(id, on: db)
        try checkManages(p.$owner.id, viewer: viewer)
        return p
    }

    static func find(_ id: UUID, on db: Database) async throws -> ProcurementModel {
        guard
            let p = try await ProcurementModel.query(on: db).filter(\.$id == id).with(\.$owner).with(\.$compact).first()
        else {
            throw StorageError.notFound("The procurement")
        }
        return p
    }

    /// Procurements the viewer's bodies own (all of them for the administrator), newest first.
    public func owned(by viewer: Viewer) async throws -> [ProcurementModel] {
        var q = ProcurementModel.query(on: db).with(\.$owner).with(\.$compact).sort(\.$updatedAt, .descending)
        if !viewer.isAdmin {
            let orgs = viewer.organisationIDs
            guard !orgs.isEmpty else { return [] }
            q = q.filter(\.$owner.$id ~~ orgs)
        }
        return try await q.all()
    }

    /// The procurements of these bodies, by title.
    public func procurements(ownedBy owners: [UUID]) async throws -> [ProcurementModel] {
        guard !owners.isEmpty else { return [] }
        return try await ProcurementModel.query(on: db).filter(\.$owner.$id ~~ owners).with(\.$owner).with(\.$compact)
            .sort(\.$title).all()
    }

    /// The procurements of one body, with owner and Compact loaded, in the order stored.
    public func procurements(ownedBy owner: UUID) async throws -> [ProcurementModel] {
        try await ProcurementModel.query(on: db).filter(\.$owner.$id == owner).with(\.$owner).with(\.$compact).all()
    }

    /// The market engagement events a user has registered for, with the event loaded.
    public func registrations(ofUser userID: UUID) async throws -> [EventRegistrationModel] {
        try await EventRegistrationModel.query(on: db).filter(\.$user.$id == userID).with(\.$event).all()
    }

    /// The pipeline's filters.
    public struct PipelineSearch: Sendable {
        public var text: String?
        public var owner: UUID?
        public var theme: String?
        public var valueBand: String?
        public var kind: ContractKind?
        /// Expected tender date on or after / on or before.
        public var from: CalendarDate?
        public var to: CalendarDate?

        public init(
            text: String? = nil, owner: UUID? = nil, theme: String? = nil, valueBand: String? = nil,
            kind: ContractKind? = nil, from: CalendarDate? = nil, to: CalendarDate? = nil
        ) {
            self.text = text
            self.owner = owner
            self.theme = theme
            self.valueBand = valueBand
            self.kind = kind
            self.from = from
            self.to = to
        }
    }

    /// Forthcoming opportunities in the public pipeline, expected tender date soonest first
    /// (undated last).
    public func pipeline(_ s: PipelineSearch = PipelineSearch()) async throws -> [ProcurementModel] {
        var q = ProcurementModel.query(on: db).with(\.$owner).with(\.$compact).filter(\.$inPipeline == true)
            .filter(\.$statusValue ~~ [ProcurementStatus.planning, .marketEngagement])
        if let owner = s.owner { q = q.filter(\.$owner.$id == owner) }
        if let kind = s.kind { q = q.filter(\.$kind == kind) }
        if let text = s.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            q = q.group(.or) {
                $0.filter(\.$title, contains: text, on: db).filter(\.$description, contains: text, on: db)
            }
        }
        if let from = s.from { q = q.filter(\.$tenderOpensOn >= from.iso) }
        if let to = s.to { q = q.filter(\.$tenderOpensOn <= to.iso) }
        if let band = Procurement.valueBands.first(where: { $0.code == s.valueBand }) {
            q = q.filter(\.$valuePence >= band.from)
            if let below = band.below { q = q.filter(\.$valuePence < below) }
        }
        var items = try await q.all()
        if let theme = s.theme, !theme.isEmpty { items = items.filter { $0.themeList.contains(theme) } }
        return items.sorted { a, b in
            switch (a.tenderOpensOn, b.tenderOpensOn) {
            case (let x?, let y?): return x == y ? a.title < b.title : x < y
            case (nil, _?): return false
            case (_?, nil): return true
            default: return a.title < b.title
            }
        }
    }

    /// Themes that appear in the pipeline, for its filter.
    public func pipelineThemes() async throws -> [String] {
        Array(Set(try await pipeline().flatMap(\.themeList))).sorted()
    }

    // MARK: Saving and screening

    /// The body's authority type for screening.
    static func authority(_ owner: OrganisationModel) -> AuthorityType { owner.organisationKind.authorityType }

    /// Screens the details and stores the result on `p`.
    func screen(
        _ p: ProcurementModel, _ details: ProcurementDetails, owner: OrganisationModel, compact: CompactModel,
        today: CalendarDate
    ) {
        let start = Procurement.screeningStart(details, startedOn: p.started, today: today)
        let input = Procurement.screeningInput(details, authority: Self.authority(owner), start: start)
        if let result = try? Screening.screen(input, thresholds: thresholds) {
            p.screeningJSON = result.json.rendered()
            p.actApplies = result.actApplies && !result.urgencyExemption
        } else {
            p.screeningJSON = JSONValue.ordered([
                ("error", .string("The thresholds data has no figure for \(start.iso)"))
            ]).rendered()
            p.actApplies = false
        }
        p.considerationRequired = Procurement.considerationRequired(
            actApplies: p.actApplies, compactCommits: compact.considerAllProcurements)
    }

    func apply(_ details: ProcurementDetails, to p: ProcurementModel) throws {
        p.title = details.title
        p.description = details.description
        p.kind = details.kind
        p.valuePence = details.value.pence
        p.storedDetails = try StoredJSON(details)
        p.tenderOpensOn = details.dates.tenderOpensOn?.iso
    }

    public func create(
        owner ownerID: UUID?, compact compactID: UUID?, _ input: ProcurementInput, viewer: Viewer,
        by actor: Actor, now: Date = Date()
    ) async throws -> ProcurementModel {
        if let ownerID { try Self.checkManages(ownerID, viewer: viewer) }
        var problems = Problems()
        if ownerID == nil { problems.add("ownerId", "Select the public body that is buying") }
        if compactID == nil { problems.add("compactId", "Select the local Compact the procurement is under") }
        try problems.throwIfAny()
        let thresholds = thresholds
        let id = try await db.write { tx -> UUID in
            guard let owner = try await OrganisationModel.find(ownerID, on: tx) else {
                throw ValidationFailure("ownerId", "Select a public body from the list")
            }
            guard let compact = try await CompactModel.find(compactID, on: tx) else {
                throw ValidationFailure("compactId", "Select a local Compact from the list")
            }
            guard owner.organisationKind.sector == .publicBody else {
                throw ValidationFailure("ownerId", "Only a public body can run a procurement")
            }
            let signed = try await CompactSignatoryModel.query(on: tx).filter(\.$compact.$id == compact.id!).filter(
                \.$organisation.$id == owner.id!
            ).first()
            guard signed != nil else {
                throw ValidationFailure(
                    "compactId", "\(owner.name) has not signed the \(compact.name): choose a Compact it has signed")
            }
            let details = try Procurement.validate(input)
            let p = ProcurementModel()
            p.$owner.id = owner.id!
            p.$compact.id = compact.id!
            let store = ProcurementStore(tx, thresholds: thresholds)
            try store.apply(details, to: p)
            p.statusValue = .planning
            p.themes = ""
            p.outcomesSought = ""
            p.inPipeline = false
            p.createdBy = actor.label
            store.screen(p, details, owner: owner, compact: compact, today: UKTime.date(at: now))
            try await p.create(on: tx)
            var fields = p.auditFields
            fields["owner"] = owner.name
            fields["compact"] = compact.name
            try await AuditLog.record(
                "created", "procurement", id: p.requireID().uuidString, changes: AuditLog.diff(nil, fields), by: actor,
                on: tx)
            return try p.requireID()
        }
        return try await find(id)
    }

    /// Changes the details and screens again. Closed and cancelled procurements do not change.
    public func update(
        _ id: UUID, _ input: ProcurementInput, viewer: Viewer, by actor: Actor,
        now: Date = Date()
    ) async throws -> ProcurementModel {
        let thresholds = thresholds
        try await db.write { tx in
            let p = try await Self.managed(id, viewer: viewer, on: tx)
            guard ![.closed, .cancelled].contains(p.statusValue) else {
                throw Self.conflict("status", "A \(p.statusValue.label.lowercased()) procurement cannot change")
            }
            let details = try Procurement.validate(input)
            let before = p.auditFields
            let store = ProcurementStore(tx, thresholds: thresholds)
            try store.apply(details, to: p)
            store.screen(p, details, owner: p.owner, compact: p.compact, today: UKTime.date(at: now))
            try await p.update(on: tx)
            try await AuditLog.record(
                "updated", "procurement", id: id.uuidString, changes: AuditLog.diff(before, p.auditFields), by: actor,
                on: tx)
        }
        return try await find(id)
    }

    /// Outcomes and measures of the adopted frameworks the Compact or the owning body own.
    public func frameworkChoices(for p: ProcurementModel) async throws -> [VersionTree] {
        try await Self.frameworkChoices(compact: p.$compact.id, owner: p.$owner.id, on: db)
    }

    static func frameworkChoices(compact: UUID, owner: UUID, on db: Database) async throws -> [VersionTree] {
        let frameworks = try await FrameworkModel.query(on: db).group(.or) {
            $0.filter(\.$compact.$id == compact).filter(\.$organisation.$id == owner)
        }.all()
        guard !frameworks.isEmpty else { return [] }
        let versions = try await FrameworkVersionModel.query(on: db).filter(
            \.$framework.$id ~~ frameworks.compactMap(\.id)
        )
        .filter(\.$status == .adopted).all()
        var trees: [VersionTree] = []
        for v in versions { trees.append(try await FrameworkStore(db).tree(of: v.id!)) }
        return trees
    }

    /// Records the consideration, signed off by the commissioner now. Signed off after the
    /// procurement started, it is flagged late. Once signed off it is never recorded again: a
    /// change is an amendment (`amendConsideration`), a new version beside it.
    public func recordConsideration(
        _ id: UUID, _ input: ConsiderationInput, signedBy name: String, viewer: Viewer,
        by actor: Actor, now: Date = Date()
    ) async throws -> ProcurementModel {
        try await db.write { tx in
            let p = try await Self.managed(id, viewer: viewer, on: tx)
            guard ![.closed, .cancelled].contains(p.statusValue) else {
                throw Self.conflict("status", "A \(p.statusValue.label.lowercased()) procurement cannot change")
            }
            guard p.considerationJSON == nil else {
                throw Self.conflict(
                    "consideration",
                    "The consideration was signed off on \(p.signedOn?.longForm ?? "an earlier day") and is not recorded again: amend it, giving the reason"
                )
            }
            let trees = try await Self.frameworkChoices(compact: p.$compact.id, owner: p.$owner.id, on: tx)
            let outcomes = trees.flatMap(\.outcomes)
            let measures = trees.flatMap(\.measures)
            let authority = Self.authority(p.owner)
            let suggestion = Procurement.proportionality(
                settings: p.compact.settings, value: p.value, authority: authority)
            let c = try Procurement.validate(
                consideration: input, suggestion: suggestion, authority: authority,
                knownOutcomes: Set(outcomes.compactMap(\.id)), knownMeasures: Set(measures.compactMap(\.id)))
            let before = p.auditFields
            p.considerationJSON = String(decoding: try JSONEncoder().encode(c), as: UTF8.self)
            p.considerationSignedBy = name
            p.considerationSignedAt = now
            p.considerationSignedOn = UKTime.date(at: now).iso
            Self.setPipelineLinks(p, c, trees)
            try await p.update(on: tx)
            try await AuditLog.record(
                "consideration-recorded", "procurement", id: id.uuidString,
                changes: AuditLog.diff(before, p.auditFields), by: actor, on: tx)
            return p
        }
    }

    /// The theme and outcome names the pipeline shows, from the consideration in force.
    static func setPipelineLinks(_ p: ProcurementModel, _ c: Consideration, _ trees: [VersionTree]) {
        let chosen = trees.flatMap(\.outcomes).filter { c.outcomeIDs.contains($0.id!) }
        p.outcomesSought = chosen.map(\.name).joined(separator: "\n")
        let themeIDs = Set(chosen.map { $0.$theme.id })
        p.themes = trees.flatMap(\.themes).map(\.model).filter { themeIDs.contains($0.id!) }.map(\.name).joined(
            separator: "\n")
    }

    /// Moves the status on. Opening the tender starts the procurement (today, unless it has a start date).
    public func transition(
        _ id: UUID, to raw: String?, cancelReason: String? = nil, viewer: Viewer, by actor: Actor,
        now: Date = Date()
    ) async throws -> ProcurementModel {
        _ = try await Self.managed(id, viewer: viewer, on: db)
        guard let to = raw.flatMap(ProcurementStatus.init(rawValue:)) else {
            throw ValidationFailure("status", "Choose the new status")
        }
        try await db.write { tx in
            try await Self.move(
                try await Self.find(id, on: tx), to: to, cancelReason: cancelReason, by: actor, now: now, on: tx)
        }
        return try await find(id)
    }

    /// The status change inside a caller's transaction (the tender moves its procurement on too).
    static func move(
        _ p: ProcurementModel, to: ProcurementStatus, cancelReason: String? = nil, by actor: Actor, now: Date,
        on tx: Database
    ) async throws {
        try Procurement.checkTransition(
            from: p.statusValue, to: to, considerationRequired: p.considerationRequired,
            hasConsideration: p.considerationJSON != nil, cancelReason: cancelReason)
        let before = p.auditFields
        p.statusValue = to
        if to == .tenderOpen && p.startedOn == nil { p.startedOn = UKTime.date(at: now).iso }
        if to == .cancelled { p.cancelReason = cancelReason?.trimmingCharacters(in: .whitespacesAndNewlines) }
        try await p.update(on: tx)
        try await AuditLog.record(
            "status-changed", "procurement", id: p.id!.uuidString, changes: AuditLog.diff(before, p.auditFields),
            by: actor, on: tx)
    }

    /// Puts a planned procurement in the public pipeline (today is its pipeline notice date).
    public func publishToPipeline(
        _ id: UUID, viewer: Viewer, by actor: Actor,
        now: Date = Date()
    ) async throws -> ProcurementModel {
        try await db.write { tx in
            let p = try await Self.managed(id, viewer: viewer, on: tx)
            guard !p.inPipeline else {
                throw Self.conflict("inPipeline", "This procurement is already in the pipeline")
            }
            guard p.statusValue.isForthcoming else {
                throw Self.conflict(
                    "inPipeline", "Only a procurement that has not reached tender can join the pipeline")
            }
            let before = p.auditFields
            p.inPipeline = true
            p.pipelinePublishedOn = UKTime.date(at: now).iso
            try await p.update(on: tx)
            try await AuditLog.record(
                "published", "procurement", id: id.uuidString, changes: AuditLog.diff(before, p.auditFields), by: actor,
                on: tx)
        }
        return try await find(id)
    }

    // MARK: Comments (outcomes agreed before the contract)

    public func comments(on id: UUID) async throws -> [ProcurementCommentModel] {
        try await ProcurementCommentModel.query(on: db).filter(\.$procurement.$id == id).with(\.$organisation).sort(
            \.$createdAt
        ).all()
    }

    /// A comment on the outcomes and measures from someone at an organisation (or the owning body
    /// recording one received), optionally tied to an engagement event or consultation.
    public func addComment(
        _ id: UUID, organisation orgID: UUID?, author: String, comment raw: String?, event eventID: UUID?,
        consultation consultationID: UUID?, viewer: Viewer, by actor: Actor
    ) async throws {
        let p = try await find(id)
        guard viewer.canCommentOnProcurement(owner: p.$owner.id, inPipeline: p.inPipeline) else {
            throw StorageError.forbidden(
                "Only the buying organisation’s commissioners, and supplier members once it is in the pipeline, comment"
            )
        }
        var problems = Problems()
        let text = problems.text(raw, field: "comment", label: "the comment", max: 5000)
        try problems.throwIfAny()
        try await db.write { tx in
            _ = try await Self.find(id, on: tx)
            if let eventID,
                try await EngagementEventModel.query(on: tx).filter(\.$id == eventID).filter(\.$procurement.$id == id)
                    .first() == nil
            {
                throw ValidationFailure("eventId", "Choose an event of this procurement")
            }
            if let consultationID, try await ConsultationModel.find(consultationID, on: tx) == nil {
                throw ValidationFailure("consultationId", "Choose a consultation from the list")
            }
            let c = ProcurementCommentModel()
            c.$procurement.id = id
            c.$organisation.id = orgID
            c.author = author
            c.comment = text!
            c.eventID = eventID
            c.consultationID = consultationID
            try await c.create(on: tx)
            try await AuditLog.record(
                "commented", "procurement", id: id.uuidString,
                changes: AuditLog.diff(nil, ["comment": text, "author": author]), by: actor, on: tx)
        }
    }

    // MARK: Market engagement events

    public enum EventKind: String, Codable, Sendable, CaseIterable {
        case meetTheBuyer = "meet-the-buyer"
        case supplierDay = "supplier-day"
        case online

        public var label: String {
            switch self {
            case .meetTheBuyer: return "Meet the buyer"
            case .supplierDay: return "Supplier day"
            case .online: return "Online session"
            }
        }
    }

    public func events(of id: UUID) async throws -> [EngagementEventModel] {
        try await EngagementEventModel.query(on: db).filter(\.$procurement.$id == id).sort(\.$heldOn).all()
    }

    public func event(_ id: UUID) async throws -> EngagementEventModel {
        guard let e = try await EngagementEventModel.query(on: db).filter(\.$id == id).with(\.$procurement).first()
        else {
            throw StorageError.notFound("The event")
        }
        return e
    }

    public func registrations(for eventID: UUID) async throws -> [EventRegistrationModel] {
        try await EventRegistrationModel.query(on: db).filter(\.$event.$id == eventID).with(\.$user).with(
            \.$organisation
        ).sort(\.$createdAt).all()
    }

    public func addEvent(_ id: UUID, _ input: EngagementEventInput, viewer: Viewer, by actor: Actor) async throws
        -> EngagementEventModel
    {
        _ = try await Self.managed(id, viewer: viewer, on: db)
        let (raw, rawTitle, rawDate, rawPlace, rawCapacity) = (
            input.kind, input.title, input.heldOn, input.place, input.capacity
        )
        var problems = Problems()
        let kind = raw.flatMap(EventKind.init(rawValue:))
        if kind == nil { problems.add("kind", "Choose the kind of event") }
        let title = problems.text(rawTitle, field: "title", label: "the event's title")
        let date = SocialValue.date(rawDate, field: "heldOn", label: "the date of the event", &problems)
        let place = problems.text(rawPlace, field: "place", label: "the place or the link to join", max: 500)
        let capacity = rawCapacity.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        if capacity == nil || !(1...10000).contains(capacity!) {
            problems.add("capacity", "Enter the number of places, from 1 to 10000")
        }
        try problems.throwIfAny()
        return try await db.write { tx in
            let p = try await Self.find(id, on: tx)
            guard ![.closed, .cancelled].contains(p.statusValue) else {
                throw Self.conflict("status", "A \(p.statusValue.label.lowercased()) procurement cannot change")
            }
            let e = EngagementEventModel()
            e.$procurement.id = id
            e.kind = kind!
            e.title = title!
            e.heldOn = date!.iso
            e.place = place!
            e.capacity = capacity!
            e.notesPublished = false
            try await e.create(on: tx)
            try await AuditLog.record(
                "event-added", "procurement", id: id.uuidString,
                changes: AuditLog.diff(
                    nil, ["event": title, "heldOn": date!.iso, "place": place, "capacity": String(capacity!)]),
                by: actor, on: tx)
            return e
        }
    }

    /// A supplier member takes a place, while places remain and before the event.
    /// Events of procurements outside the pipeline are not found.
    public func register(
        event eventID: UUID, user userID: UUID, organisation orgID: UUID?, viewer: Viewer,
        by actor: Actor, now: Date = Date()
    ) async throws {
        guard viewer.canRegisterForEvents else {
            throw StorageError.forbidden("Only supplier members register for market engagement events")
        }
        guard try await event(eventID).procurement.inPipeline else { throw StorageError.notFound("The event") }
        try await db.write { tx in
            guard let e = try await EngagementEventModel.find(eventID, on: tx) else {
                throw StorageError.notFound("The event")
            }
            if let day = CalendarDate(iso: e.heldOn), day < UKTime.date(at: now) {
                throw Self.conflict("event", "This event has taken place")
            }
            if try await EventRegistrationModel.query(on: tx).filter(\.$event.$id == eventID).filter(
                \.$user.$id == userID
            ).first() != nil {
                throw Self.conflict("event", "You are already registered for this event")
            }
            let taken = try await EventRegistrationModel.query(on: tx).filter(\.$event.$id == eventID).count()
            guard taken < e.capacity else { throw Self.conflict("event", "This event is full") }
            let r = EventRegistrationModel()
            r.$event.id = eventID
            r.$user.id = userID
            r.$organisation.id = orgID
            r.attended = false
            try await r.create(on: tx)
            try await AuditLog.record(
                "registered", "engagement-event", id: eventID.uuidString,
                changes: AuditLog.diff(nil, ["user": userID.uuidString]), by: actor, on: tx)
        }
    }

    /// After the event: who attended and the notes, published.
    public func recordAfterEvent(
        _ eventID: UUID, attended: Set<UUID>, notes raw: String?, viewer: Viewer,
        by actor: Actor
    ) async throws {
        try Self.checkManages(try await event(eventID).procurement.$owner.id, viewer: viewer)
        var problems = Problems()
        let notes = problems.text(raw, field: "notes", label: "the notes from the event", max: 10000)
        try problems.throwIfAny()
        try await db.write { tx in
            guard let e = try await EngagementEventModel.find(eventID, on: tx) else {
                throw StorageError.notFound("The event")
            }
            let regs = try await EventRegistrationModel.query(on: tx).filter(\.$event.$id == eventID).all()
            for r in regs {
                r.attended = attended.contains(r.id!)
                try await r.update(on: tx)
            }
            e.notes = notes
            e.notesPublished = true
            try await e.update(on: tx)
            try await AuditLog.record(
                "notes-published", "engagement-event", id: eventID.uuidString,
                changes: AuditLog.diff(nil, ["notes": notes, "attended": String(attended.count)]), by: actor, on: tx)
        }
    }
}
