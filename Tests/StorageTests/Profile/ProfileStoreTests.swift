import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing
import Vapor

@testable import Storage

private func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

/// The public impact profile's store (docs/profiles.md), on the monitoring area: a contract to
/// the food bank (APPR 10 weeks at £244.63; VCSE-SPEND 30,000 at £1.00), its bid carrying the
/// statement "Volunteers from the estate"; the firm's bid lost.
@Suite struct ProfileStoreTests {
    @Test(arguments: Backend.all)
    func onlyVerifiedReturnsCount(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let m = try await MonitoringArea(app)
            let store = ProfileStore(app.db)
            let foodbank = m.a.area.foodbank
            // Submitted (claimed APPR 4, VCSE-SPEND 10,000) but not verified: nothing counted.
            try await m.submitted(1, at: utc("2027-07-01T09:00:00Z"))
            var p = try await store.profile(of: foodbank, viewer: nil)
            #expect(p.contracts.map(\.title) == ["Befriending"])
            #expect(p.contracts[0].lines.map(\.verified) == [0, 0])
            #expect(p.verifiedValue == 0)
            // Verified at APPR 3: 3 × £244.63 = £733.89, and 10,000 × £1.00: £10,733.89 in all.
            try await m.store.decide(
                contract: m.contract, period: 1,
                VerificationInput(
                    decision: "verify", lines: ["APPR": .init(quantity: "3", note: "One week was induction")]),
                viewer: m.a.commissioner, by: m.priyaActor, now: utc("2027-07-05T09:00:00Z"))
            p = try await store.profile(of: foodbank, viewer: nil)
            #expect(p.contracts[0].lines.map(\.verified) == [3, 10000])
            #expect(p.verifiedValue == Decimal(string: "10733.89")!)
            #expect(p.embeddedValue?.statement == "Volunteers from the estate")
            #expect(p.embeddedValue?.contractTitle == "Befriending")
        }
    }

    @Test func aLosingBidderAndTheBuyerShowNoDeliveredContract() async throws {
        try await withApp(.sqliteMemory) { app in
            let m = try await MonitoringArea(app)
            let store = ProfileStore(app.db)
            let firm = try await store.profile(of: m.a.area.firm, viewer: nil)
            #expect(firm.contracts.isEmpty && firm.embeddedValue == nil && firm.contractsAwarded == 0)
            let county = try await store.profile(of: m.a.area.county, viewer: nil)
            #expect(county.contracts.isEmpty && county.contractsAwarded == 1)
            await #expect(throws: StorageError.notFound("The organisation")) {
                _ = try await store.profile(of: UUID(), viewer: nil)
            }
        }
    }

    /// The access table's profile row: open to every asker, visitors included.
    @Test func everyProfileOperationForEveryRoleIsDecidedByTheCore() async throws {
        try await withApp(.sqliteMemory) { app in
            let m = try await MonitoringArea(app)
            let subject = AccessSubject(buyer: m.a.area.county, supplier: m.a.area.foodbank, compact: m.a.area.compact)
            await checkAccessTable(ProfileOperation.self, subject: subject) { op, v in
                switch op {
                case .readPublicProfile:
                    _ = try await ProfileStore(app.db).profile(of: m.a.area.foodbank, viewer: v)
                }
            }
        }
    }
}
