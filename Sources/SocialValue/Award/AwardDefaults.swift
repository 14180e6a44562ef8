import Foundation

extension Awards {
    /// What the award form starts from: the contract dates the procurement planned, and the
    /// monitoring plan and reporting frequency of the consideration in force (the last amendment,
    /// else the original: agreed before the contract, Compact principle 3.6). Without a
    /// consideration (or with an empty plan) the outcomes sought and the Compact's suggested
    /// frequency stand in (docs/evaluation.md, "Award").
    public static func startingInput(
        bidID: UUID?, dates: ProcurementDates, consideration: Consideration?, outcomesSought: String,
        suggested: MonitoringFrequency?
    ) -> AwardInput {
        let plan = consideration.map(\.monitoringPlan).flatMap {
            $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0
        }
        return AwardInput(
            bidID: bidID, startsOn: dates.contractStartsOn?.iso, endsOn: dates.contractEndsOn?.iso,
            monitoringPlan: plan ?? (outcomesSought.isEmpty ? nil : outcomesSought),
            reportingFrequency: (consideration?.monitoring ?? suggested)?.rawValue)
    }
}
