import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing
import Vapor

@testable import Storage

/// The access table's performance rows (`PerformanceOperation`): every operation for every asker,
/// on the real store, as the core's policy says. Allowed writes are made with empty input, so they
/// fail after the access check and the fixture does not change.
@Suite struct PerformanceAccessTableTests {
    @Test func everyPerformanceOperationForEveryRoleIsDecidedByTheCore() async throws {
        try await withApp(.sqliteMemory) { app in
            let a = try await PerformanceStoreTests.Area(app)
            try await a.kpi(KPIInput(name: "Visits on time", target: "95", unit: "% of visits", frequency: "monthly"))
            let now = PerformanceStoreTests.at("2028-04-10")
            let series = try await a.store.recordAssessment(
                contract: a.m.contract,
                AssessmentInput(
                    due: "end", periodFrom: "2027-04-01", periodTo: "2028-03-31",
                    ratings: [
                        try await ContractKPIModel.query(on: app.db).first()!.id!.uuidString: .init(rating: "good")
                    ], narrative: "Fine."), viewer: a.priya, by: a.actor, now: now)
            let subject = AccessSubject(
                buyer: a.m.a.area.county, supplier: a.m.a.area.foodbank, compact: a.m.a.area.compact)
            let before = try await AuditEventModel.query(on: app.db).count()
            let (store, contract, by) = (a.store, a.m.contract, Actor.commandLine)
            await checkAccessTable(PerformanceOperation.self, subject: subject, hidden: ["The contract"]) { op, v in
                let viewer = try StorageTests.signedIn(v)
                switch op {
                case .readPerformance:
                    _ = try await store.performance(contract: contract, viewer: viewer, now: now)
                case .addKPI:
                    try await store.addKPI(contract: contract, KPIInput(), viewer: viewer, by: by, now: now)
                case .recordPosition:
                    try await store.recordPosition(
                        contract: contract, KPIPositionInput(), viewer: viewer, by: by, now: now)
                case .recordAssessment:
                    try await store.recordAssessment(
                        contract: contract, AssessmentInput(), viewer: viewer, by: by, now: now)
                case .amendAssessment:
                    try await store.amendAssessment(
                        contract: contract, series: series, AssessmentInput(), viewer: viewer, by: by, now: now)
                case .recordFailure:
                    try await store.recordFailure(contract: contract, FailureInput(), viewer: viewer, by: by, now: now)
                }
            }
            #expect(
                try await AuditEventModel.query(on: app.db).count() == before, "an allowed call changed the fixture")
        }
    }
}
