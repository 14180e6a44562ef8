import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing
import Vapor

@testable import Storage

private func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

/// The dashboard figures count only the asking body's records (docs/dashboard.md). The fixture
/// is `MonitoringArea`: the county's contract with the food bank (APPR 10 weeks × £244.63 =
/// £2,446.30 and VCSE-SPEND 30,000 × £1.00 = £30,000.00 committed: £32,446.30).
@Suite struct DashboardStoreTests {
    @Test func aBodysFiguresCountItsOwnContractsVerifiedAndClaimedApart() async throws {
        try await withApp(.sqliteMemory) { app in
            let m = try await MonitoringArea(app)
            // Period 1: claimed APPR 4, VCSE-SPEND 10,000; verified APPR 3, VCSE-SPEND 10,000:
            // 3 × £244.63 + 10,000 × £1.00 = £733.89 + £10,000.00 = £10,733.89 delivered.
            try await m.submitted(1, at: utc("2027-07-01T09:00:00Z"))
            try await m.store.decide(
                contract: m.contract, period: 1,
                VerificationInput(
                    decision: "verify", lines: ["APPR": .init(quantity: "3", note: "One week was induction")]),
                viewer: m.a.commissioner, by: m.priyaActor, now: utc("2027-07-05T09:00:00Z"))
            // Period 2 submitted, not verified: APPR 2, VCSE-SPEND 5,000 claimed:
            // 2 × £244.63 + 5,000 × £1.00 = £5,489.26 awaiting verification.
            try await m.submitted(
                2,
                ReturnInput(
                    narrative: "Quarter two",
                    lines: ["APPR": .init(quantity: "2"), "VCSE-SPEND": .init(quantity: "5000")]),
                at: utc("2027-10-02T09:00:00Z"))
            let store = DashboardStore(app.db)
            let now = utc("2027-10-03T09:00:00Z")
            for v in [m.a.commissioner, m.a.viewer] {
                let f = try await store.bodyFigures(of: m.a.area.county, viewer: v, now: now)
                #expect(f.delivery.contracts == 1)
                #expect(f.delivery.committed == Decimal(string: "32446.30")!)
                #expect(f.delivery.verified == Decimal(string: "10733.89")!)
                #expect(f.delivery.claimedNotVerified == Decimal(string: "5489.26")!)
                #expect(f.tendersOpen == 0)
                // The deadline (12 March 2027) has passed and the bids are not opened yet.
                #expect(f.tendersToEvaluate == 1)
            }
            // Another body's figures are refused to the county's members and to the supplier.
            await #expect(throws: StorageError.self) {
                _ = try await store.bodyFigures(of: m.a.area.firm, viewer: m.a.commissioner, now: now)
            }
            await #expect(throws: StorageError.self) {
                _ = try await store.bodyFigures(of: m.a.area.county, viewer: m.sam, now: now)
            }
            #expect(try await store.bodyFigures(of: m.a.area.firm, viewer: m.a.admin, now: now).delivery.contracts == 0)
            // The same contract bought by another organisation counts for it, not for the county.
            let c = try await ContractModel.find(m.contract, on: app.db)!
            c.$buyer.id = m.a.area.firm
            try await c.save(on: app.db)
            let county = try await store.bodyFigures(of: m.a.area.county, viewer: m.a.commissioner, now: now)
            #expect(county.delivery.contracts == 0 && county.delivery.committed == 0 && county.delivery.verified == 0)
            let firm = try await store.bodyFigures(of: m.a.area.firm, viewer: m.a.admin, now: now)
            #expect(firm.delivery.contracts == 1 && firm.delivery.verified == Decimal(string: "10733.89")!)
        }
    }

    @Test func aSuppliersBidsAreItsOwnWithTheirStatus() async throws {
        try await withApp(.sqliteMemory) { app in
            let m = try await MonitoringArea(app)
            let store = DashboardStore(app.db)
            // Both bids (the food bank's and Kestrel's) were submitted before the deadline; after
            // it, before any award, each is "Submitted: tender closed".
            let after = utc("2027-03-13T09:00:00Z")
            let foodbank = try await store.supplierBids(of: m.a.area.foodbank, viewer: m.sam, now: after)
            #expect(foodbank.count == 1)
            #expect(foodbank.first?.status == .tenderClosed)
            #expect(foodbank.first?.buyer == "Eastmoor County Council")
            await #expect(throws: StorageError.self) {
                _ = try await store.supplierBids(of: m.a.area.firm, viewer: m.sam, now: after)
            }
            await #expect(throws: StorageError.self) {
                _ = try await store.supplierBids(of: m.a.area.foodbank, viewer: m.a.commissioner, now: after)
            }
        }
    }

    /// The access table's dashboard rows, on the real store.
    @Test func everyDashboardOperationForEveryRoleIsDecidedByTheCore() async throws {
        try await withApp(.sqliteMemory) { app in
            let m = try await MonitoringArea(app)
            let store = DashboardStore(app.db)
            let subject = AccessSubject(buyer: m.a.area.county, supplier: m.a.area.foodbank, compact: m.a.area.compact)
            await checkAccessTable(DashboardOperation.self, subject: subject) { op, v in
                switch op {
                case .readBodyFigures:
                    _ = try await store.bodyFigures(of: subject.buyer, viewer: try signedIn(v))
                case .readSupplierBids:
                    _ = try await store.supplierBids(of: subject.supplier, viewer: try signedIn(v))
                }
            }
        }
    }
}
