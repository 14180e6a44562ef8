import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing
import Vapor

@testable import Storage

/// KPIs, the KPI duty, assessments and their amendments, and the failures register on the real
/// store (docs/performance.md). The fixture is `MonitoringArea`'s contract, 1 April 2027 to 31
/// March 2028, with commitments APPR (10 weeks) and VCSE-SPEND (£30,000).
@Suite struct PerformanceStoreTests {
    static func at(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso + "T10:00:00Z")! }

    struct Area {
        let m: MonitoringArea
        let store: PerformanceStore
        var priya: Viewer { m.a.commissioner }
        var actor: Actor { m.priyaActor }

        init(_ app: Application) async throws {
            m = try await MonitoringArea(app)
            store = PerformanceStore(app.db)
        }

        func kpi(_ input: KPIInput, at now: Date = PerformanceStoreTests.at("2027-04-02")) async throws {
            try await store.addKPI(contract: m.contract, input, viewer: priya, by: actor, now: now)
        }

        func setContractValue(pence: Int64, on db: Database) async throws {
            let c = try #require(try await ContractModel.find(m.contract, on: db))
            c.valuePence = pence
            try await c.save(on: db)
        }
    }

    @Test(arguments: Backend.all)
    func theDutyCountsTheValueIncludingVATAndItsThreeKPIs(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let a = try await Area(app)
            let now = Self.at("2027-04-02")
            // £95,000 ex VAT: no duty.
            #expect(
                try await a.store.performance(contract: a.m.contract, viewer: a.priya, now: now).compliance
                    == .notRequired)
            // £4,166,666.67 × 1.2 = £5,000,000.004: over £5m, 3 KPIs needed.
            try await a.setContractValue(pence: 416_666_667, on: app.db)
            var p = try await a.store.performance(contract: a.m.contract, viewer: a.priya, now: now)
            #expect(p.valueIncludingVAT == Decimal(string: "5000000.004")!)
            #expect(p.compliance == .missing(3))
            // £4,166,666.66 × 1.2 = £4,999,999.992: not over.
            try await a.setContractValue(pence: 416_666_666, on: app.db)
            #expect(
                try await a.store.performance(contract: a.m.contract, viewer: a.priya, now: now).compliance
                    == .notRequired)
            try await a.setContractValue(pence: 416_666_667, on: app.db)
            try await a.kpi(KPIInput(measureCode: "APPR", frequency: "quarterly"))
            try await a.kpi(KPIInput(name: "Visits on time", target: "95", unit: "% of visits", frequency: "monthly"))
            p = try await a.store.performance(contract: a.m.contract, viewer: a.priya, now: now)
            #expect(p.compliance == .missing(1))
            #expect(p.kpis.map(\.name) == ["Apprenticeship weeks", "Visits on time"])
            #expect(p.kpis.map(\.target) == ["10", "95"])
            // A light-touch contract is outside the duty; the change is a second version.
            try await a.store.recordPosition(
                contract: a.m.contract, KPIPositionInput(contractKind: "light-touch"), viewer: a.priya, by: a.actor,
                now: now)
            #expect(
                try await a.store.performance(contract: a.m.contract, viewer: a.priya, now: now).compliance
                    == .notRequired)
            let n = try await a.store.recordPosition(
                contract: a.m.contract,
                KPIPositionInput(
                    contractKind: "standard", notAppropriateReason: "Two KPIs cover the service",
                    reason: "Not light-touch"),
                viewer: a.priya, by: a.actor, now: now)
            #expect(n == 2)
            p = try await a.store.performance(contract: a.m.contract, viewer: a.priya, now: now)
            #expect(p.compliance == .reasonRecorded)
            #expect(p.positions.map(\.contractKind) == [.lightTouch, .standard])
            #expect(p.positions.map(\.amendmentReason) == [nil, "Not light-touch"])
            // A bad KPI changes nothing.
            await #expect(throws: ValidationFailure.self) {
                try await a.kpi(KPIInput(name: "Visits on time", target: "1", unit: "u", frequency: "monthly"))
            }
            #expect(try await ContractKPIModel.query(on: app.db).count() == 2)
        }
    }

    @Test(arguments: Backend.all)
    func anAssessmentIsRecordedThenAmendedAsANewVersion(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let a = try await Area(app)
            try await a.kpi(KPIInput(name: "Visits on time", target: "95", unit: "% of visits", frequency: "monthly"))
            // The contract ends 31 March 2028; on 10 April the end is due (overdue after 30 April).
            let now = Self.at("2028-04-10")
            var p = try await a.store.performance(contract: a.m.contract, viewer: a.priya, now: now)
            #expect(p.calendar.map(\.key) == ["end"])
            #expect(p.calendar[0].status == .due)
            let kpi = p.kpis[0].id!
            let input = AssessmentInput(
                due: "end", periodFrom: "2027-04-01", periodTo: "2028-03-31",
                ratings: [kpi.uuidString: .init(rating: "requires-improvement")], narrative: "Visits slipped in winter."
            )
            let series = try await a.store.recordAssessment(
                contract: a.m.contract, input, viewer: a.priya, by: a.actor, now: now)
            p = try await a.store.performance(contract: a.m.contract, viewer: a.priya, now: now)
            #expect(p.calendar[0].status == .done)
            // The same item cannot be answered twice.
            await #expect(throws: ValidationFailure.self) {
                try await a.store.recordAssessment(
                    contract: a.m.contract, input, viewer: a.priya, by: a.actor, now: now)
            }
            var amended = input
            amended.ratings = [kpi.uuidString: .init(rating: "approaching-target")]
            amended.reason = "Late visit logs arrived"
            let v = try await a.store.amendAssessment(
                contract: a.m.contract, series: series, amended, viewer: a.priya, by: a.actor,
                now: Self.at("2028-04-12"))
            #expect(v == 2)
            p = try await a.store.performance(contract: a.m.contract, viewer: a.priya, now: now)
            let versions = try #require(p.assessments.first).versions
            #expect(versions.map(\.row.number) == [1, 2])
            // The first version is as it was recorded.
            #expect(versions[0].ratings[kpi]?.rating == .requiresImprovement)
            #expect(versions[0].row.amendmentReason == nil)
            #expect(versions[1].ratings[kpi]?.rating == .approachingTarget)
            #expect(versions[1].row.amendmentReason == "Late visit logs arrived")
            #expect(try await KPIAssessmentModel.query(on: app.db).count() == 2)
            #expect(try await KPIRatingModel.query(on: app.db).count() == 2)
            // A KPI set since is not part of the assessment: an amendment still rates only the first.
            try await a.kpi(KPIInput(name: "Calls answered", target: "90", unit: "%", frequency: "monthly"))
            amended.narrative = "Visits slipped in winter; logs arrived late."
            amended.reason = "The narrative named the cause"
            #expect(
                try await a.store.amendAssessment(
                    contract: a.m.contract, series: series, amended, viewer: a.priya, by: a.actor, now: now) == 3)
            // The supplier reads it and cannot record.
            let seen = try await a.store.performance(contract: a.m.contract, viewer: a.m.sam, now: now)
            #expect(seen.assessments.count == 1)
            #expect(!seen.canRecord)
            await expectForbidden {
                try await a.store.amendAssessment(
                    contract: a.m.contract, series: series, amended, viewer: a.m.sam, by: a.m.samActor, now: now)
            }
        }
    }

    @Test(arguments: Backend.all)
    func aFailureMakesAnAssessmentDue(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let a = try await Area(app)
            try await a.kpi(KPIInput(name: "Visits on time", target: "95", unit: "% of visits", frequency: "monthly"))
            let f = try await a.store.recordFailure(
                contract: a.m.contract,
                FailureInput(
                    kind: "breach", requirement: "Weekly visits", whatHappened: "None for four weeks",
                    decidedOn: "2027-09-15", penaltyType: "contracted", penaltyValue: "1,250.50"),
                viewer: a.priya, by: a.actor, now: Self.at("2027-09-16"))
            #expect(f.penaltyPence == 125_050)
            // 15 September plus 30 days: overdue from 16 October.
            let p = try await a.store.performance(contract: a.m.contract, viewer: a.priya, now: Self.at("2027-10-16"))
            #expect(p.calendar.map(\.key) == ["breach-2027-09-15", "end"])
            #expect(p.calendar[0].status == .overdue)
            #expect(p.failures.map(\.whatHappened) == ["None for four weeks"])
            let events = try await AuditEventModel.query(on: app.db).filter(\.$action == "performance-failure-recorded")
                .count()
            #expect(events == 1)
        }
    }

    @Test func aTerminatingDecommissioningDecisionEndsTheCalendarEarly() async throws {
        try await withApp(.sqliteMemory) { app in
            let a = try await Area(app)
            try await a.kpi(KPIInput(name: "Visits on time", target: "95", unit: "% of visits", frequency: "monthly"))
            let c = DecommissioningCaseModel()
            c.$owner.id = a.m.a.area.county
            c.$provider.id = a.m.a.area.foodbank
            c.$contract.id = a.m.contract
            c.serviceName = "Befriending"
            c.serviceDescription = "Visits"
            c.changeValue = .end
            c.rationale = "Budget"
            c.createdBy = "priya@eastmoor.example"
            c.statusValue = .ended
            c.decisionValue = .end
            c.effectiveOn = "2027-12-31"
            c.minimumNoticeMonths = 3
            try await c.create(on: app.db)
            let p = try await a.store.performance(contract: a.m.contract, viewer: a.priya, now: Self.at("2028-01-01"))
            #expect(p.calendar.map(\.key) == ["termination"])
            #expect(p.calendar[0].due.on == CalendarDate(iso: "2027-12-31"))
        }
    }

    @Test func theIndicatorsFlagMissingKPIsAndOverdueAssessments() async throws {
        try await withApp(.sqliteMemory) { app in
            let a = try await Area(app)
            let indicators = IndicatorStore(app.db)
            func flags(_ code: IndicatorCode, _ day: String) async throws -> [Decimal] {
                try await indicators.flags(body: a.m.a.area.county, viewer: a.priya, now: PerformanceStoreTests.at(day))
                    .filter { $0.flag.code == code }.map(\.flag.value)
            }
            // Over £5m including VAT with no KPIs: CW06; nothing is due, so no CW09.
            try await a.setContractValue(pence: 416_666_667, on: app.db)
            #expect(try await flags(.kpisMissing, "2027-04-02") == [1])
            #expect(try await flags(.assessmentsOverdue, "2028-05-01").isEmpty)
            try await a.store.recordPosition(
                contract: a.m.contract,
                KPIPositionInput(contractKind: "standard", notAppropriateReason: "One KPI is enough for a pilot"),
                viewer: a.priya, by: a.actor, now: PerformanceStoreTests.at("2027-04-02"))
            #expect(try await flags(.kpisMissing, "2027-04-02").isEmpty)
            // With a KPI, the end (31 March 2028) is overdue from 1 May 2028.
            try await a.kpi(KPIInput(name: "Visits on time", target: "95", unit: "% of visits", frequency: "monthly"))
            #expect(try await flags(.assessmentsOverdue, "2028-04-30").isEmpty)
            #expect(try await flags(.assessmentsOverdue, "2028-05-01") == [1])
        }
    }
}
