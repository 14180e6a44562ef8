import Fluent
import Foundation
import SocialValue

/// Decommissioning cases (Compact principle 4.x; DOMAIN.md §7): a public body's proposal to
/// reduce or end a provider's funding, assessed, discussed, shared with the provider, answered
/// and decided with at least the Compact's minimum notice. Every write is one transaction,
/// checked by the core's rules and audited; access follows `Viewer.canSeeDecommissioning`.
public struct DecommissioningStore: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    static let notFound = StorageError.notFound("The decommissioning case")

    // MARK: Reading

    static func find(_ id: UUID, on db: Database) async throws -> DecommissioningCaseModel {
        guard
            let c = try await DecommissioningCaseModel.query(on: db).filter(\.$id == id)
                .with(\.$owner).with(\.$provider).with(\.$contract).with(\.$compact).first()
        else { throw notFound }
        return c
    }

    /// The case, for those who may see it (others: not found).
    public func find(_ id: UUID, viewer: Viewer) async throws -> DecommissioningCaseModel {
        let c = try await Self.find(id, on: db)
        guard viewer.canSeeDecommissioning(owner: c.$owner.id, provider: c.$provider.id, shared: c.isShared) else {
            throw Self.notFound
        }
        return c
    }

    /// The case, for its owning body's commissioners; readers who may not edit are refused.
    static func managed(_ id: UUID, _ viewer: Viewer, on db: Database) async throws -> DecommissioningCaseModel {
        let c = try await find(id, on: db)
        guard viewer.canSeeDecommissioning(owner: c.$owner.id, provider: c.$provider.id, shared: c.isShared) else {
            throw notFound
        }
        guard viewer.canManageDecommissioning(owner: c.$owner.id) else {
            throw StorageError.forbidden("Only the commissioners of \(c.owner.name) change this decommissioning case")
        }
        return c
    }

    static func checkStarts(_ viewer: Viewer) throws {
        guard viewer.canStartDecommissioning else {
            throw StorageError.forbidden("Only commissioners at public bodies start decommissioning cases")
        }
    }

    static func checkAssessing(_ c: DecommissioningCaseModel) throws {
        guard c.statusValue == .assessing else {
            throw StorageError.conflict(
                FieldError("status", "The decision has been recorded: the case can no longer be changed"))
        }
    }

    /// The early discussions of a case, for those who may see it.
    public func discussions(of id: UUID, viewer: Viewer) async throws -> [DecommissioningDiscussionModel] {
        _ = try await find(id, viewer: viewer)
        return try await DecommissioningDiscussionModel.query(on: db).filter(\.$decommissioningCase.$id == id).sort(
            \.$heldOn
        )
        .sort(\.$createdAt).all()
    }

    /// What the task list reads about a case, for those who may see it.
    public func facts(_ c: DecommissioningCaseModel, viewer: Viewer) async throws -> CaseFacts {
        guard viewer.canSeeDecommissioning(owner: c.$owner.id, provider: c.$provider.id, shared: c.isShared) else {
            throw Self.notFound
        }
        return c.facts(
            discussions: try await DecommissioningDiscussionModel.query(on: db).filter(
                \.$decommissioningCase.$id == c.requireID()
            ).count())
    }

    /// What the list can ask for.
    public struct Search: Sendable {
        public enum Notice: String, Sendable, CaseIterable {
            case breach, compliant, exceptional
        }

        public var text: String?
        public var status: DecommissioningStatus?
        public var notice: Notice?
        public var page: Int?
        public var pageSize: Int

        public init(
            text: String? = nil, status: DecommissioningStatus? = nil, notice: Notice? = nil, page: Int? = nil,
            pageSize: Int = 20
        ) {
            self.text = text
            self.status = status
            self.notice = notice
            self.page = page
            self.pageSize = pageSize
        }
    }

    /// One page of the cases the viewer may see, most recently changed first: its bodies' cases,
    /// and cases shared with the organisations it is a supplier member of (all for the admin).
    /// The text matches the service's name or the provider's name.
    /// Proposals shared with the viewer's organisations that are still being assessed and have no
    /// response yet: the provider's dashboard asks for one (Compact principle 4: responses considered).
    public func awaitingResponse(from viewer: Viewer) async throws -> [DecommissioningCaseModel] {
        let providers = viewer.memberships.filter { $0.role == .supplierMember }.map(\.organisationID)
        guard !providers.isEmpty else { return [] }
        return try await DecommissioningCaseModel.query(on: db).with(\.$owner).with(\.$provider)
            .filter(\.$provider.$id ~~ providers).filter(\.$sharedAt != nil).filter(\.$responseText == nil)
            .filter(\.$statusValue == .assessing).sort(\.$sharedAt).all()
            .filter {
                viewer.canRespondToDecommissioning(provider: $0.$provider.id, shared: true, status: $0.statusValue)
            }
    }

    public func list(_ s: Search, viewer: Viewer) async throws -> ([DecommissioningCaseModel], ListPage) {
        var q = DecommissioningCaseModel.query(on: db).with(\.$owner).with(\.$provider)
        if !viewer.isAdmin {
            let bodies = viewer.memberships.filter { $0.role != .supplierMember }.map(\.organisationID)
            let providers = viewer.memberships.filter { $0.role == .supplierMember }.map(\.organisationID)
            guard !bodies.isEmpty || !providers.isEmpty else {
                return ([], ListPage(requested: 1, size: s.pageSize, total: 0))
            }
            q = q.group(.or) { g in
                if !bodies.isEmpty { g.filter(\.$owner.$id ~~ bodies) }
                if !providers.isEmpty {
                    g.group(.and) { $0.filter(\.$provider.$id ~~ providers).filter(\.$sharedAt != nil) }
                }
            }
        }
        if let text = s.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            let named = try await OrganisationModel.query(on: db).filter(\.$name, contains: text, on: db).all()
                .compactMap(\.id)
            q = q.group(.or) { g in
                g.filter(\.$serviceName, contains: text, on: db)
                if !named.isEmpty { g.filter(\.$provider.$id ~~ named) }
            }
        }
        if let status = s.status { q = q.filter(\.$statusValue == status) }
        if let notice = s.notice { q = q.filter(\.$noticeCheck == notice.rawValue) }
        return try await q.sort(\.$updatedAt, .descending).sort(\.$serviceName).paginated(s.page, size: s.pageSize)
    }

    /// The public bodies the viewer may start a case for.
    public func bodies(for viewer: Viewer) async throws -> [OrganisationModel] {
        let ids = viewer.memberships.filter { $0.role == .commissioner }.map(\.organisationID)
        guard !ids.isEmpty else { return [] }
        return try await OrganisationModel.query(on: db).filter(\.$id ~~ ids).sort(\.$name).all()
            .filter { $0.organisationKind.sector == .publicBody }
    }

    /// Registered organisations that may provide a service, by name, for someone who may start a case.
    public func providers(viewer: Viewer) async throws -> [OrganisationModel] {
        try Self.checkStarts(viewer)
        return try await OrganisationModel.query(on: db).sort(\.$name).all()
    }

    /// Contracts the body buys, to link a case to (newest first), for its commissioners.
    public func contracts(buyer: UUID, viewer: Viewer) async throws -> [ContractModel] {
        guard viewer.canManageDecommissioning(owner: buyer) else {
            throw StorageError.forbidden("Only the body’s commissioners link its contracts to a decommissioning case")
        }
        return try await ContractModel.query(on: db).filter(\.$buyer.$id == buyer).with(\.$supplier).sort(
            \.$awardedOn, .descending
        ).all()
    }

    /// The minimum notice for a body: the longest of the Compacts it has signed (the strictest
    /// promise it has made; our design, docs/decommissioning.md), or the national Compact's
    /// three months when it has signed none.
    static func noticeRule(owner: UUID, on db: Database) async throws -> (compact: UUID?, months: Int) {
        let signed = try await CompactSignatoryModel.query(on: db).filter(\.$organisation.$id == owner).with(\.$compact)
            .all()
        guard let strictest = signed.map(\.compact).max(by: { $0.minNoticeMonths < $1.minNoticeMonths }) else {
            return (nil, CompactSettings.defaults.minimumNoticeMonths)
        }
        return (strictest.id, strictest.minNoticeMonths)
    }

    // MARK: Writing

    /// Starts a case for `owner` (a public body where the viewer is a commissioner) about a
    /// registered `provider`. With a contract the body buys, the provider and (when left blank)
    /// the service's name come from it.
    /// Starts a case from the input; with no body given, the one public body where the viewer is
    /// a commissioner, if there is just one (the form does not ask then).
    public func create(_ input: NewCaseInput, viewer: Viewer, by actor: Actor, now: Date = Date()) async throws
        -> DecommissioningCaseModel
    {
        var owner = input.ownerId
        if owner == nil, case let bodies = try await bodies(for: viewer), bodies.count == 1 { owner = bodies[0].id }
        return try await create(
            owner: owner, provider: input.providerId, contract: input.contractId, input.proposal, viewer: viewer,
            by: actor, now: now)
    }

    /// `create` with the parts of the input.
    public func create(
        owner ownerID: UUID?, provider providerID: UUID?, contract contractID: UUID?, _ input: ProposalInput,
        viewer: Viewer, by actor: Actor, now: Date = Date()
    ) async throws -> DecommissioningCaseModel {
        try Self.checkStarts(viewer)
        if let ownerID, !viewer.canManageDecommissioning(owner: ownerID) {
            throw StorageError.forbidden("Only the body’s commissioners start its decommissioning cases")
        }
        let created = try await db.write { tx -> UUID in
            var p = Problems()
            let owner = try await ownerID.asyncMap { try await OrganisationModel.find($0, on: tx) } ?? nil
            if owner == nil || owner!.organisationKind.sector != .publicBody {
                p.add("ownerId", "Select a public body where you are a commissioner")
            }
            var contract: ContractModel?
            if let contractID {
                contract = try await ContractModel.query(on: tx).filter(\.$id == contractID).with(\.$supplier).first()
                if contract == nil || contract!.$buyer.id != owner?.id {
                    p.add("contractId", "Select one of the body’s contracts from the list")
                }
            }
            let provider =
                try await (providerID ?? contract?.$supplier.id).asyncMap {
                    try await OrganisationModel.find($0, on: tx)
                } ?? nil
            if provider == nil {
                p.add("providerId", "Select the organisation that provides the service")
            } else if provider!.id == owner?.id {
                p.add("providerId", "The provider must be another organisation, not the body itself")
            } else if let contract, contract.$supplier.id != provider!.id {
                p.add(
                    "providerId", "The provider must be the supplier of the linked contract (\(contract.supplier.name))"
                )
            }
            var input = input
            if (input.serviceName ?? "").trimmingCharacters(in: .whitespaces).isEmpty, let contract {
                input.serviceName = contract.title
            }
            do { _ = try Decommissioning.validate(input) } catch let f as ValidationFailure {
                for e in f.errors { p.add(e.field, e.message) }
            }
            try p.throwIfAny()
            let proposal = try Decommissioning.validate(input)
            let rule = try await Self.noticeRule(owner: owner!.id!, on: tx)
            let c = DecommissioningCaseModel()
            c.$owner.id = owner!.id!
            c.$provider.id = provider!.id!
            c.$contract.id = contract?.id
            c.$compact.id = rule.compact
            c.minimumNoticeMonths = rule.months
            Self.apply(proposal, to: c)
            c.statusValue = .assessing
            c.createdBy = actor.label
            try await c.create(on: tx)
            var fields = c.auditFields
            fields["owner"] = owner!.name
            fields["provider"] = provider!.name
            fields["contract"] = contract?.id?.uuidString
            try await AuditLog.record(
                "created", "decommissioning case", id: c.requireID().uuidString, changes: AuditLog.diff(nil, fields),
                by: actor, on: tx, at: now)
            return try c.requireID()
        }
        return try await Self.find(created, on: db)
    }

    static func apply(_ p: Proposal, to c: DecommissioningCaseModel) {
        c.serviceName = p.serviceName
        c.serviceDescription = p.serviceDescription
        c.changeValue = p.change
        c.currentFundingPence = p.currentFunding?.pence
        c.proposedFundingPence = p.proposedFunding?.pence
        c.rationale = p.rationale
    }

    /// Runs `change` on a case the viewer manages and that is still being assessed, then audits
    /// what changed. The Compact's current minimum notice is read again while assessing.
    func change(
        _ id: UUID, _ action: String, viewer: Viewer, by actor: Actor, now: Date,
        _ body: @escaping @Sendable (DecommissioningCaseModel, Database) async throws -> Void
    ) async throws -> DecommissioningCaseModel {
        try await db.write { tx in
            let c = try await Self.managed(id, viewer, on: tx)
            try Self.checkAssessing(c)
            let before = c.auditFields
            try await body(c, tx)
            c.minimumNoticeMonths = try await Self.noticeRule(owner: c.$owner.id, on: tx).months
            try await c.update(on: tx)
            try await AuditLog.record(
                action, "decommissioning case", id: id.uuidString, changes: AuditLog.diff(before, c.auditFields),
                by: actor, on: tx, at: now)
        }
        return try await Self.find(id, on: db)
    }

    public func updateProposal(_ id: UUID, _ input: ProposalInput, viewer: Viewer, by actor: Actor, now: Date = Date())
        async throws -> DecommissioningCaseModel
    {
        let found = try await Self.managed(id, viewer, on: db)
        try Self.checkAssessing(found)
        try Self.checkNotShared(found, field: "serviceName")
        let proposal = try Decommissioning.validate(input)
        return try await change(id, "proposal updated", viewer: viewer, by: actor, now: now) { c, _ in
            try Self.checkNotShared(c, field: "serviceName")
            Self.apply(proposal, to: c)
        }
    }

    public func saveImpact(_ id: UUID, _ input: ImpactInput, viewer: Viewer, by actor: Actor, now: Date = Date())
        async throws -> DecommissioningCaseModel
    {
        let found = try await Self.managed(id, viewer, on: db)
        try Self.checkAssessing(found)
        try Self.checkNotShared(found, field: "onBeneficiaries")
        let i = try Decommissioning.validate(input)
        return try await change(id, "impact assessed", viewer: viewer, by: actor, now: now) { c, _ in
            try Self.checkNotShared(c, field: "onBeneficiaries")
            c.impactBeneficiaries = i.onBeneficiaries
            c.impactServiceUsers = i.onServiceUsers
            c.impactVolunteers = i.onVolunteers
            c.widerImpact = i.widerImpact
            c.mitigation = i.mitigation
        }
    }

    public func addDiscussion(
        _ id: UUID, _ input: DiscussionInput, viewer: Viewer, by actor: Actor, now: Date = Date()
    ) async throws -> DecommissioningCaseModel {
        _ = try await Self.managed(id, viewer, on: db)
        let (date, text) = try Decommissioning.validateDiscussion(
            heldOn: input.heldOn, notes: input.notes, today: UKTime.date(at: now))
        return try await change(id, "discussion recorded", viewer: viewer, by: actor, now: now) { c, tx in
            let d = DecommissioningDiscussionModel()
            d.$decommissioningCase.id = try c.requireID()
            d.heldOn = date.iso
            d.notes = text
            d.recordedBy = actor.label
            try await d.create(on: tx)
            try await AuditLog.record(
                "created", "decommissioning discussion", id: d.requireID().uuidString,
                changes: AuditLog.diff(nil, ["case": id.uuidString, "heldOn": d.heldOn, "notes": d.notes]),
                by: actor, on: tx, at: now)
        }
    }

    /// Shares the proposal with the organisation: its members may now read it and respond, and
    /// are told so.
    public func share(_ id: UUID, viewer: Viewer, by actor: Actor, now: Date = Date()) async throws
        -> DecommissioningCaseModel
    {
        try await change(id, "shared", viewer: viewer, by: actor, now: now) { c, tx in
            guard c.sharedAt == nil else {
                throw StorageError.conflict(
                    FieldError("share", "The proposal has already been shared with \(c.provider.name)"))
            }
            c.sharedAt = now
            c.sharedBy = actor.label
            try await Self.addProposalVersion(c, 1, c.proposalContent, reason: nil, by: actor, at: now, on: tx)
            try await DecommissioningNotifications.shared(c, now: now, on: tx)
        }
    }

    /// The commissioner records a written response received outside the product.
    public func recordResponse(_ id: UUID, _ input: ResponseInput, viewer: Viewer, by actor: Actor, now: Date = Date())
        async throws -> DecommissioningCaseModel
    {
        _ = try await Self.managed(id, viewer, on: db)
        let r = try Decommissioning.validate(input, recordedElsewhere: true, today: UKTime.date(at: now))
        return try await change(id, "response recorded", viewer: viewer, by: actor, now: now) { c, tx in
            Self.apply(r, by: actor, to: c)
            try await Self.setResponseVersion(id, on: tx)
        }
    }

    static func apply(_ r: OrganisationResponse, by actor: Actor, to c: DecommissioningCaseModel) {
        c.responseText = r.text
        c.responseReceivedOn = r.receivedOn.iso
        c.responseHow = r.how
        c.responseBy = actor.label
    }

    /// The provider's own members respond to a shared case in the product; the body's
    /// commissioners are told.
    /// Only the text of `input` is read: the response is received today, in the product.
    public func respond(_ id: UUID, _ input: ResponseInput, viewer: Viewer, by actor: Actor, now: Date = Date())
        async throws -> DecommissioningCaseModel
    {
        _ = try await Self.responding(id, viewer, on: db)
        let r = try Decommissioning.validate(
            ResponseInput(text: input.text), recordedElsewhere: false, today: UKTime.date(at: now))
        try await db.write { tx in
            let c = try await Self.responding(id, viewer, on: tx)
            let before = c.auditFields
            Self.apply(r, by: actor, to: c)
            try await c.update(on: tx)
            try await Self.setResponseVersion(id, on: tx)
            try await AuditLog.record(
                "responded", "decommissioning case", id: id.uuidString, changes: AuditLog.diff(before, c.auditFields),
                by: actor, on: tx, at: now)
            try await DecommissioningNotifications.responded(c, now: now, on: tx)
        }
        return try await Self.find(id, on: db)
    }

    /// The case, for the provider's members while they may respond (others who may see it: forbidden).
    static func responding(_ id: UUID, _ viewer: Viewer, on db: Database) async throws -> DecommissioningCaseModel {
        let c = try await Self.find(id, on: db)
        guard viewer.canSeeDecommissioning(owner: c.$owner.id, provider: c.$provider.id, shared: c.isShared) else {
            throw Self.notFound
        }
        guard viewer.canRespondToDecommissioning(provider: c.$provider.id, shared: c.isShared, status: c.statusValue)
        else {
            throw StorageError.forbidden(
                c.statusValue == .assessing
                    ? "Only members of \(c.provider.name) respond to this proposal"
                    : "The decision has been recorded: responses are closed")
        }
        return c
    }

    /// Records the decision through `Decommissioning.validate(_:facts:…)`: end or reduce needs the
    /// assessment and the response, and its notice is checked against the minimum (frozen now).
    /// It is recorded once, as decision 1: a decided case is never decided again in place (issue
    /// 13 §1); `amendDecision` records an amendment beside it. The provider's members are told.
    /// An end or reduce decision is written notice, so it shares the case with the provider if it
    /// had not been shared.
    public func decide(_ id: UUID, _ input: DecisionInput, viewer: Viewer, by actor: Actor, now: Date = Date())
        async throws -> DecommissioningCaseModel
    {
        try await db.write { tx in
            let c = try await Self.managed(id, viewer, on: tx)
            guard c.statusValue == .assessing else { throw try await Self.alreadyDecided(c, on: tx) }
            let count = try await DecommissioningDiscussionModel.query(on: tx).filter(\.$decommissioningCase.$id == id)
                .count()
            let months = try await Self.noticeRule(owner: c.$owner.id, on: tx).months
            let d = try Decommissioning.validate(
                input, facts: c.facts(discussions: count), minimumMonths: months, casePath: "/decommissioning/\(id)")
            try await Self.record(d, number: 1, reason: nil, on: c, months: months, by: actor, now: now, on: tx)
        }
        return try await Self.find(id, on: db)
    }

    /// The refusal of a second decision in place, naming the decision on the record.
    static func alreadyDecided(_ c: DecommissioningCaseModel, on db: Database) async throws -> StorageError {
        let first = try await DecommissioningDecisionModel.query(on: db)
            .filter(\.$decommissioningCase.$id == c.requireID()).sort(\.$number).first()
        let when = (first?.decidedAt ?? c.decidedAt).map { " on \(UKTime.date(at: $0).longForm)" } ?? ""
        return .conflict(
            FieldError(
                "decision",
                "The decision was recorded\(when) and cannot be changed in place: record an amendment with its reason"))
    }

    /// Amends a recorded decision: a new decision row with the reason and its author, beside the
    /// decision it amends, which stays as it was. The minimum notice frozen by the first decision
    /// still applies; an amendment that changes nothing is refused. The case reads the latest
    /// decision; the provider's members are told.
    public func amendDecision(
        _ id: UUID, _ input: DecisionAmendmentInput, viewer: Viewer, by actor: Actor, now: Date = Date()
    ) async throws -> DecommissioningCaseModel {
        try await db.write { tx in
            let c = try await Self.managed(id, viewer, on: tx)
            guard c.statusValue.isDecided else {
                throw StorageError.conflict(
                    FieldError("amendmentReason", "The decision has not been recorded yet: there is nothing to amend"))
            }
            let count = try await DecommissioningDiscussionModel.query(on: tx).filter(\.$decommissioningCase.$id == id)
                .count()
            var p = Problems()
            let reason = p.text(
                input.amendmentReason, field: "amendmentReason", label: "why the decision is amended", max: 5_000)
            var decision: Decision?
            do {
                decision = try Decommissioning.validate(
                    input.decision, facts: c.facts(discussions: count), minimumMonths: c.minimumNoticeMonths,
                    casePath: "/decommissioning/\(id)")
            } catch let f as ValidationFailure {
                for e in f.errors { p.add(e.field, e.message) }
            }
            try p.throwIfAny()
            let previous = try await DecommissioningDecisionModel.query(on: tx)
                .filter(\.$decommissioningCase.$id == id).sort(\.$number, .descending).first()
            let number = (previous?.number ?? 0) + 1
            let amended = DecommissioningDecisionModel(
                caseID: id, number: number, decision!, minimumMonths: c.minimumNoticeMonths, at: now, by: actor,
                amendmentReason: reason)
            if let previous, previous.content == amended.content {
                throw StorageError.conflict(
                    FieldError(
                        "decision", "The amendment changes nothing in the decision recorded: change what is amended"))
            }
            try await Self.record(
                decision!, number: number, reason: reason, on: c, months: c.minimumNoticeMonths, by: actor, now: now,
                on: tx)
        }
        return try await Self.find(id, on: db)
    }

    /// Writes decision `number` as its own row and as the case's current decision, audited.
    static func record(
        _ d: Decision, number: Int, reason: String?, on c: DecommissioningCaseModel, months: Int, by actor: Actor,
        now: Date, on tx: Database
    ) async throws {
        let id = try c.requireID()
        let row = DecommissioningDecisionModel(
            caseID: id, number: number, d, minimumMonths: months, at: now, by: actor, amendmentReason: reason)
        try await row.create(on: tx)
        let before = c.auditFields
        c.minimumNoticeMonths = months
        c.decisionValue = d.decision
        c.decisionRationale = d.rationale
        c.noticeGivenOn = d.notice?.noticeGivenOn.iso
        c.effectiveOn = d.notice?.effectiveOn.iso
        c.earliestEndOn = d.notice?.earliestEnd.iso
        c.noticeCheck = d.notice?.check.code
        c.daysShort = d.notice?.check.daysShort
        c.exceptionalReason = d.exceptionalReason
        c.statusValue = d.decision.status
        c.decidedAt = now
        c.decidedBy = actor.label
        if d.decision.changesFunding && c.sharedAt == nil {
            c.sharedAt = now
            c.sharedBy = actor.label
            try await Self.addProposalVersion(c, 1, c.proposalContent, reason: nil, by: actor, at: now, on: tx)
        }
        try await c.update(on: tx)
        var changes = AuditLog.diff(before, c.auditFields)
        changes["decisionNumber"] = FieldChange(from: nil, to: String(number))
        if let reason { changes["amendmentReason"] = FieldChange(from: nil, to: reason) }
        try await AuditLog.record(
            reason == nil ? "decided" : "decision amended", "decommissioning case", id: id.uuidString,
            changes: changes, by: actor, on: tx, at: now)
        if c.isShared { try await DecommissioningNotifications.decided(c, now: now, on: tx) }
    }

    /// The decision and its amendments, first first, for those who may see the case.
    public func decisions(of id: UUID, viewer: Viewer) async throws -> [DecommissioningDecisionModel] {
        _ = try await find(id, viewer: viewer)
        return try await DecommissioningDecisionModel.query(on: db).filter(\.$decommissioningCase.$id == id)
            .sort(\.$number).all()
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
