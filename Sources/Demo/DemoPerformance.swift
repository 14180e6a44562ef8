import Fluent
import Foundation
import SocialValue
import Storage

extension DemoArea {
    /// The demo contract's KPIs and performance (docs/performance.md), through the same store the
    /// pages use: two commitments and a service KPI set at the start; a failure to perform decided
    /// 40 days ago (calls missed over the school holidays) and the assessment that followed it,
    /// 20 days ago. The contract is worth less than £5m, so the KPIs are set by choice.
    static func recordPerformance(_ contract: ContractModel, commissioner: Viewer, on db: Database, now: Date)
        async throws
    {
        let store = PerformanceStore(db)
        let actor = Actor.demoLoader
        let id = try contract.requireID()
        let today = UKTime.date(at: now)
        guard let start = CalendarDate(iso: contract.startsOn), start <= today.adding(days: -40) else { return }
        let setAt = UKTime.instant(start, hour: 9, minute: 30, second: 0)
        for input in [
            KPIInput(measureCode: "ECO2", frequency: MonitoringFrequency.quarterly.rawValue),
            KPIInput(measureCode: "SOC1", frequency: MonitoringFrequency.quarterly.rawValue),
            KPIInput(
                name: "Matched people called each week", target: "95", unit: "% of matched people",
                frequency: MonitoringFrequency.monthly.rawValue),
        ] {
            try await store.addKPI(contract: id, input, viewer: commissioner, by: actor, now: setAt)
        }
        let decided = today.adding(days: -40)
        try await store.recordFailure(
            contract: id,
            FailureInput(
                kind: FailureKind.failureToPerform.rawValue,
                requirement: "A weekly call to every matched older person.",
                whatHappened:
                    "Calls to 14 people were missed over three weeks of the school holidays while volunteers were away.",
                decidedOn: decided.iso, penaltyType: PenaltyType.none.rawValue),
            viewer: commissioner, by: actor, now: UKTime.instant(decided, hour: 15, minute: 0, second: 0))
        let kpis = try await store.performance(contract: id, viewer: commissioner, now: now).kpis
        let ratings: [String: AssessmentInput.RatingInput] = Dictionary(
            uniqueKeysWithValues: zip(
                kpis.map { $0.id!.uuidString }, ["good", "approaching-target", "requires-improvement"]
            )
            .map { ($0, .init(rating: $1)) })
        try await store.recordAssessment(
            contract: id,
            AssessmentInput(
                due: "breach-\(decided.iso)", periodFrom: start.iso, periodTo: decided.iso, ratings: ratings,
                narrative:
                    "Employment weeks are on track and volunteering is close to target. Weekly calls fell to 81% "
                    + "in the holidays; a rota of reserve volunteers now covers them."),
            viewer: commissioner, by: actor,
            now: UKTime.instant(today.adding(days: -20), hour: 11, minute: 0, second: 0))
    }
}
