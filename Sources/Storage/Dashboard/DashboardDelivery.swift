import Fluent
import Foundation
import SocialValue

extension DashboardStore {
    /// Each of the body's contracts with its delivery so far, in the order given, from two
    /// queries however many contracts the body has: the commitments of all its contracts, and
    /// the lines of all their submitted or verified returns (drafts and returns sent back count
    /// nowhere: DOMAIN.md §5), each joined to its contract in SQL to keep the body's own. The
    /// quantities are exact decimal text, so they are grouped and summed here as Decimals by
    /// `ContractProgress` (the same sums as `MonitoringStore.progress` makes for one contract),
    /// never as SQL floating-point sums.
    static func progress(of contracts: [ContractModel], buyer body: UUID, on db: Database) async throws
        -> [ContractProgress]
    {
        guard !contracts.isEmpty else { return [] }
        let commitments = try await ContractCommitmentModel.query(on: db)
            .join(ContractModel.self, on: \ContractCommitmentModel.$contract.$id == \ContractModel.$id)
            .filter(ContractModel.self, \.$buyer.$id == body)
            .sort(\.$measureCode).all()
        let lines = try await MonitoringReturnLineModel.query(on: db)
            .join(
                MonitoringReturnModel.self,
                on: \MonitoringReturnLineModel.$monitoringReturn.$id == \MonitoringReturnModel.$id
            )
            .join(ContractModel.self, on: \MonitoringReturnModel.$contract.$id == \ContractModel.$id)
            .filter(ContractModel.self, \.$buyer.$id == body)
            .filter(MonitoringReturnModel.self, \.$statusValue ~~ [.submitted, .verified])
            .all()

        let codes = Dictionary(
            try commitments.map { (try $0.requireID(), $0.measureCode) }, uniquingKeysWith: { a, _ in a })
        // Return id → its contract, status and claimed and verified quantity per measure code.
        struct Counted {
            var contract: UUID
            var status: ReturnStatus
            var claimed: [String: Decimal] = [:]
            var verified: [String: Decimal] = [:]
        }
        var returns: [UUID: Counted] = [:]
        for l in lines {
            let r = try l.joined(MonitoringReturnModel.self)
            guard let code = codes[l.$commitment.id] else { continue }
            var counted = returns[l.$monitoringReturn.id] ?? Counted(contract: r.$contract.id, status: r.statusValue)
            counted.claimed[code] = l.claimedQuantity.flatMap(DecimalText.parse)
            counted.verified[code] = l.verifiedQuantity.flatMap(DecimalText.parse)
            returns[l.$monitoringReturn.id] = counted
        }
        let commitmentsOf = Dictionary(grouping: commitments, by: { $0.$contract.id })
        let returnsOf = Dictionary(grouping: returns.values, by: \.contract)
        return try contracts.map { c in
            let id = try c.requireID()
            return ContractProgress(
                commitments: MonitoringStore.monitored(commitmentsOf[id] ?? []),
                returns: (returnsOf[id] ?? []).map {
                    ContractProgress.Return(status: $0.status, claimed: $0.claimed, verified: $0.verified)
                })
        }
    }

    /// The priorities of the given strategies, each strategy's in rank order, and the measure
    /// codes of every outcome they name: two queries however many strategies and priorities.
    static func priorities(of strategies: [UUID], on db: Database) async throws -> (
        byStrategy: [UUID: [StrategyPriorityModel]], codes: [UUID: Set<String>]
    ) {
        guard !strategies.isEmpty else { return ([:], [:]) }
        let priorities = try await StrategyPriorityModel.query(on: db).filter(\.$strategy.$id ~~ strategies)
            .with(\.$outcome).sort(\.$rank).all()
        let outcomes = Array(Set(priorities.map { $0.$outcome.id }))
        let measures =
            outcomes.isEmpty
            ? [] : try await FrameworkMeasureModel.query(on: db).filter(\.$outcome.$id ~~ outcomes).all()
        return (
            Dictionary(grouping: priorities, by: { $0.$strategy.id }),
            Dictionary(grouping: measures, by: { $0.$outcome.id }).mapValues { Set($0.map(\.code)) }
        )
    }
}
