import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing
import Vapor

@testable import Storage

private func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

/// The Act report read from stored records (docs/reports.md), on `MonitoringArea`: the county's
/// procurement (consideration signed 2 January 2027, 15%) started 10 January 2027 after a pipeline
/// notice of 4 October 2026 (98 days: 14 whole weeks); the Befriending contract awarded 15 March
/// 2027, £95,000, to the food bank (marked VCSE and SME here), committing APPR 10 × £244.63 and
/// VCSE-SPEND 30,000 × £1.00 = £32,446.30. Period 1 (to 30 June 2027) verified at APPR 3 and
/// VCSE-SPEND 10,000: £733.89 + £10,000 = £10,733.89. Period 2 (to 30 September 2027) submitted,
/// claiming APPR 4 and 10,000: £978.52 + £10,000 = £10,978.52.
@Suite struct ActReportStoreTests {
    @Test(arguments: Backend.all)
    func figuresFromTheRecordsDatedByAwardAndByReportingPeriod(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let m = try await MonitoringArea(app)
            let p = try await ProcurementModel.find(m.a.procurement, on: app.db)!
            p.startedOn = "2027-01-10"
            p.actApplies = true
            p.pipelinePublishedOn = "2026-10-04"
            try await p.update(on: app.db)
            let foodbank = try await OrganisationModel.find(m.a.area.foodbank, on: app.db)!
            foodbank.isVCSE = true
            foodbank.isSME = true
            try await foodbank.update(on: app.db)
            try await m.submitted(1, at: utc("2027-07-01T09:00:00Z"))
            try await m.store.decide(
                contract: m.contract, period: 1,
                VerificationInput(
                    decision: "verify", lines: ["APPR": .init(quantity: "3", note: "One week was induction")]),
                viewer: m.a.commissioner, by: m.priyaActor, now: utc("2027-07-05T09:00:00Z"))
            try await m.submitted(2, at: utc("2027-10-01T09:00:00Z"))

            let store = ActReportStore(app.db)
            let year = ReportPeriod.financialYear(startingIn: 2027)!
            let report = try await store.report(.body(m.a.area.county), period: year, viewer: m.a.commissioner)
            let (y2027, y2026) = (report.current, report.previous)
            #expect(y2026.period.name == "2026/27")
            #expect(y2026.started.map(\.id) == [m.a.procurement])
            #expect(y2026.consideredInTime.count == 1 && y2026.consideredLate.isEmpty)
            #expect(y2026.averageWeightingPercent == 15)
            #expect(y2026.medianPipelineWeeks == 14)
            #expect(y2026.awarded.map(\.title) == ["Befriending"])
            #expect(y2026.awardedValue == Money(pence: 95_000_00))
            #expect(y2026.vcseShare.percent == 100 && y2026.smeShare.percent == 100)
            #expect(DecimalText.format(y2026.committed) == "32446.30")
            #expect(y2026.verified == 0 && y2026.claimed == 0)
            // 2027/28: nothing started or awarded; delivery dated by the periods' ends.
            #expect(y2027.started.isEmpty && y2027.awarded.isEmpty && y2027.committed == 0)
            #expect(DecimalText.format(y2027.verified) == "10733.89")
            #expect(DecimalText.format(y2027.claimed) == "10978.52")
            // The measures are in no framework outcome the consideration links to.
            #expect(y2027.byOutcome.map(\.outcome) == [.unlinked])

            // Someone outside the county is refused.
            await #expect(throws: StorageError.self) {
                try await store.report(.body(m.a.area.county), period: year, viewer: m.sam)
            }

            // The Compact's report counts its public-body signatories (the county; the food bank
            // is not a public body): for its group and the administrator only.
            let colin = try await UserStore(app.db, passwords: testPasswords).viewer(for: m.a.area.colin)
            let compact = try await store.report(.compact(m.a.area.compact), period: year, viewer: colin)
            #expect(compact.name == (try await CompactModel.find(m.a.area.compact, on: app.db))!.name)
            #expect(compact.current.figures == y2027.figures && compact.previous.figures == y2026.figures)
            await #expect(throws: StorageError.self) {
                try await store.report(.compact(m.a.area.compact), period: year, viewer: m.a.commissioner)
            }
            // The installation's: the administrator only; here the county is its one public body.
            let all = try await store.report(.installation, period: year, viewer: m.a.admin)
            #expect(all.name == "Every public body")
            #expect(all.previous.figures == y2026.figures)
            await #expect(throws: StorageError.self) {
                try await store.report(.installation, period: year, viewer: colin)
            }
            await #expect(throws: StorageError.notFound("The Compact")) {
                try await store.report(.compact(UUID()), period: year, viewer: m.a.admin)
            }
        }
    }
}
