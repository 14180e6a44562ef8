import Fluent
import Foundation
import SocialValue

/// The award: a contract record from the winning bid with its social value commitments, the
/// monitoring plan and the standstill end; the contracts each side sees; feedback to bidders.
public struct AwardStore: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    /// The award form's starting values: the procurement's planned contract dates, and the
    /// monitoring plan and frequency of the consideration in force (see `Awards.startingInput`).
    public struct Defaults: Sendable {
        public let startsOn: CalendarDate?
        public let endsOn: CalendarDate?
        public let monitoringPlan: String
        public let frequency: MonitoringFrequency?
    }

    public func defaults(tender id: UUID, viewer: Viewer) async throws -> Defaults {
        let t = try await TenderStore.find(id, on: db)
        try EvaluationStore.checkManager(t, viewer, "awards the contract")
        let p = t.procurement
        let dates = p.details.dates
        let suggestion = Procurement.proportionality(
            settings: p.compact.settings, value: p.value, authority: ProcurementStore.authority(p.owner))
        // The consideration in force: the last amendment, else the original as signed off.
        let current =
            try await ProcurementStore.amendments(of: p.requireID(), on: db).last?.consideration
            ?? p.consideration
        let start = Awards.startingInput(
            bidID: nil, dates: dates, consideration: current, outcomesSought: p.outcomesSought,
            suggested: suggestion?.monitoring)
        return Defaults(
            startsOn: dates.contractStartsOn, endsOn: dates.contractEndsOn, monitoringPlan: start.monitoringPlan ?? "",
            frequency: start.reportingFrequency.flatMap(MonitoringFrequency.init(rawValue:)))
    }

    /// Awards the contract. Needs the ranking; the top-ranked bid, or another with a reason.
    public func award(tender id: UUID, _ input: AwardInput, viewer: Viewer, by actor: Actor, now: Date = Date())
        async throws -> ContractModel
    {
        let contractID = try await db.write { tx -> UUID in
            let t = try await TenderStore.find(id, on: tx)
            try EvaluationStore.checkManager(t, viewer, "awards the contract")
            try EvaluationStore.checkEvaluating(t)
            guard let ranking = try await EvaluationStore.storedRanking(id, on: tx) else {
                throw StorageError.conflict(
                    FieldError("bidId", "Moderate the scores and rank the bids before the award"))
            }
            let decision = try Awards.validate(input, topBid: ranking.topBid, eligible: ranking.eligible)
            let bid = try await BidStore(tx).openedBid(decision.bidID, tender: id, viewer: viewer, now: now)
            let config = t.configuration
            let awardedOn = UKTime.date(at: now)
            let c = ContractModel()
            c.$tender.id = id
            c.$procurement.id = t.$procurement.id
            c.$bid.id = bid.id
            c.$buyer.id = t.procurement.$owner.id
            c.$supplier.id = bid.organisationID
            c.title = t.procurement.title
            c.valuePence = bid.content.price?.pence ?? 0
            c.startsOn = decision.startsOn.iso
            c.endsOn = decision.endsOn.iso
            c.awardedOn = awardedOn.iso
            c.standstillEndsOn = EngineBridge.standstillEnd(awardedOn).iso
            c.awardReason = decision.reason
            c.monitoringPlan = decision.monitoringPlan
            c.frequency = decision.reportingFrequency
            c.awardedBy = actor.label
            try await c.create(on: tx)
            for m in config.measures {
                guard let q = bid.content.commitments[m.code] else { continue }
                let row = ContractCommitmentModel()
                row.$contract.id = try c.requireID()
                row.measureCode = m.code
                row.name = m.name
                row.unit = m.unit
                row.quantity = Bids.plain(q)
                row.proxy = m.proxy
                row.monetised = DecimalText.format(q * m.proxyValue)
                try await row.create(on: tx)
            }
            if t.procurement.statusValue == .evaluation {
                try await ProcurementStore.move(t.procurement, to: .awarded, by: actor, now: now, on: tx)
            }
            t.statusValue = .awarded
            try await t.update(on: tx)
            try await AuditLog.record(
                "awarded", "contract", id: c.requireID().uuidString,
                changes: AuditLog.diff(
                    nil,
                    [
                        "tender": id.uuidString, "supplier": bid.organisationName, "valuePence": String(c.valuePence),
                        "startsOn": c.startsOn, "endsOn": c.endsOn, "awardedOn": c.awardedOn,
                        "standstillEndsOn": c.standstillEndsOn,
                        "reason": c.awardReason, "monitoringPlan": c.monitoringPlan,
                        "reportingFrequency": c.reportingFrequency,
                    ]), by: actor, on: tx, at: now)
            try await TenderNotifications.awarded(
                t, winner: bid.organisationID, standstillEnds: CalendarDate(iso: c.standstillEndsOn)!, now: now, on: tx)
            return try c.requireID()
        }
        return try await Self.find(contractID, on: db)
    }

    static func find(_ id: UUID, on db: Database) async throws -> ContractModel {
        guard let c = try await ContractModel.query(on: db).filter(\.$id == id).with(\.$buyer).with(\.$supplier).first()
        else {
            throw StorageError.notFound("The contract")
        }
        return c
    }

    /// A contract, for its buyer side and its supplier's members (others: not found).
    public func contract(_ id: UUID, viewer: Viewer) async throws -> ContractModel {
        let c = try await Self.find(id, on: db)
        guard viewer.canSeeContract(buyer: c.$buyer.id, supplier: c.$supplier.id) else {
            throw StorageError.notFound("The contract")
        }
        return c
    }

    /// The tender's contract, if awarded, for its buyer side and its supplier's members.
    public func contract(ofTender id: UUID, viewer: Viewer) async throws -> ContractModel? {
        guard let c = try await Self.contract(ofTender: id, on: db) else { return nil }
        guard viewer.canSeeContract(buyer: c.$buyer.id, supplier: c.$supplier.id) else {
            throw StorageError.forbidden("Only the buyer and the supplier see the contract")
        }
        return c
    }

    static func contract(ofTender id: UUID, on db: Database) async throws -> ContractModel? {
        guard let c = try await ContractModel.query(on: db).filter(\.$tender.$id == id).first() else { return nil }
        return try await Self.find(try c.requireID(), on: db)
    }

    /// The contract's social value commitments, for its buyer side and its supplier's members.
    public func commitments(of id: UUID, viewer: Viewer) async throws -> [ContractCommitmentModel] {
        let c = try await Self.find(id, on: db)
        guard viewer.canSeeContract(buyer: c.$buyer.id, supplier: c.$supplier.id) else {
            throw StorageError.forbidden("Only the buyer and the supplier see the contract’s commitments")
        }
        return try await ContractCommitmentModel.query(on: db).filter(\.$contract.$id == id).sort(\.$measureCode)
            .all()
    }

    /// Contracts the viewer's organisations buy or supply (all of them for the administrator).
    public func contracts(for viewer: Viewer) async throws -> [ContractModel] {
        var q = ContractModel.query(on: db).with(\.$buyer).with(\.$supplier).sort(\.$awardedOn, .descending)
        if !viewer.isAdmin {
            let orgs = viewer.organisationIDs
            guard !orgs.isEmpty else { return [] }
            q = q.group(.or) { $0.filter(\.$buyer.$id ~~ orgs).filter(\.$supplier.$id ~~ orgs) }
        }
        return try await q.all()
    }

    // MARK: Feedback

    /// What one bidder is told after award: its own line and agreed scores, the winner's, and the
    /// moderation rationale for each. Never another losing bidder's.
    public struct Feedback: Sendable {
        public let organisationName: String
        public let own: RankedLine?
        public let ownScores: [String: ScoreEntry]
        public let winner: RankedLine?
        public let winnerScores: [String: ScoreEntry]
        public let isWinner: Bool
        public let bidderCount: Int
        public let warnings: [String]
    }

    public func feedback(tender id: UUID, organisation orgID: UUID, viewer: Viewer) async throws -> Feedback {
        guard viewer.canBid(for: orgID) else {
            throw StorageError.forbidden("Only supplier members of a bidding organisation see its feedback")
        }
        let t = try await TenderStore.find(id, on: db)
        guard t.statusValue == .awarded, let ranking = try await EvaluationStore.storedRanking(id, on: db) else {
            throw StorageError.conflict(FieldError("status", "Feedback is given once the contract has been awarded"))
        }
        guard
            let bid = try await BidModel.query(on: db).filter(\.$tender.$id == id).filter(\.$organisation.$id == orgID)
                .filter(\.$statusValue == .submitted).with(\.$organisation).first(),
            ranking.bids.values.contains(bid.id!)
        else {
            throw StorageError.notFound("Your bid")
        }
        let contract = try await Self.contract(ofTender: id, on: db)
        let moderated = try await EvaluationStore.moderated(id, on: db)
        let winnerBid = contract?.$bid.id
        let winnerName = winnerBid.flatMap { ranking.bidder(of: $0) }
        return Feedback(
            organisationName: bid.organisation.name,
            own: ranking.bidder(of: bid.id!).flatMap { ranking.outcome.line(for: $0) },
            ownScores: moderated[bid.id!] ?? [:], winner: winnerName.flatMap { ranking.outcome.line(for: $0) },
            winnerScores: winnerBid.flatMap { moderated[$0] } ?? [:], isWinner: winnerBid == bid.id,
            bidderCount: ranking.outcome.ranking.count, warnings: ranking.outcome.warnings)
    }
}
