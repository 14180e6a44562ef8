import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing
import Vapor

@testable import Storage

private func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

/// The indicators read from a small installation with known counts (docs/indicators.md). The
/// fixture is `MonitoringArea` (the county's Befriending contract with the food bank, quarterly
/// from 1 April 2027: period 1 due 30 July 2027, period 2 due 30 October 2027; the tender
/// published 10 January 2027 with a deadline of 12 March 2027 12:00 and two bids), changed in the
/// tables so that each rule has one known case.
@Suite struct IndicatorStoreTests {
    /// 31 October 2027: periods 1 and 2 are past due with no return.
    static let now = utc("2027-10-31T12:00:00Z")

    struct Fixture {
        let m: MonitoringArea
        let store: IndicatorStore
        var county: UUID { m.a.area.county }
        var ocid: String { "ocds-commonweal-\(m.a.procurement.uuidString.lowercased())" }
    }

    static func fixture(_ app: Application) async throws -> Fixture {
        let m = try await MonitoringArea(app)
        // CW02: £5,000,000 falls in the default band from £5m, 20–30%; the consideration's 15% is
        // outside it and has no reason. CW03: signed off on 11 January, the day after the start.
        let p = try await ProcurementModel.find(m.a.procurement, on: app.db)!
        p.valuePence = 5_000_000_00
        p.startedOn = "2027-01-10"
        p.considerationSignedOn = "2027-01-11"
        try await p.update(on: app.db)
        // R018: Kestrel's bid withdrawn, so one submitted bid. R003: a deadline day 24 days after
        // the day of publication (10 January + 24 = 3 February); the deadline instant is unchanged.
        let kestrel = try await BidModel.query(on: app.db).filter(\.$organisation.$id == m.a.area.firm).first()!
        kestrel.statusValue = .withdrawn
        try await kestrel.update(on: app.db)
        let t = try await TenderModel.find(m.a.tender, on: app.db)!
        t.deadlineOn = "2027-02-03"
        try await t.update(on: app.db)
        // CW04: a consultation published for 84 days, then (as older data may hold) 83 days with no reason.
        let a = m.a.area
        let c = try await a.store.create(
            owner: a.county, compact: a.compact, ConsultationArea.input, viewer: a.commissioner, by: .user(a.priya))
        _ = try await a.store.addQuestion(
            c.id!,
            Question(text: "What would make it better?", hint: nil, kind: .freeText, required: false, options: []),
            viewer: a.commissioner, by: .user(a.priya), now: utc("2026-02-01T10:00:00Z"))
        _ = try await a.store.publish(
            c.id!, viewer: a.commissioner, by: .user(a.priya), now: utc("2026-02-02T10:00:00Z"))
        let stored = try await ConsultationModel.find(c.id!, on: app.db)!
        stored.closesOn = "2026-05-24"
        stored.periodDays = 83
        stored.shortPeriodReason = nil
        try await stored.update(on: app.db)
        // CW05: notice given 20 January 2027, effective 19 April 2027: a day short of 3 months.
        let k = try await DecommissioningStore(app.db).create(
            owner: a.county, provider: a.foodbank, contract: nil, DecommissioningArea.proposal, viewer: a.commissioner,
            by: .user(a.priya), now: DecommissioningArea.now)
        k.minimumNoticeMonths = 3
        k.noticeGivenOn = "2027-01-20"
        k.effectiveOn = "2027-04-19"
        k.decidedAt = utc("2027-01-20T12:00:00Z")
        k.statusValue = .ended
        try await k.update(on: app.db)
        return Fixture(m: m, store: IndicatorStore(app.db))
    }

    static func codes(_ flags: [IndicatorStore.DatedFlag]) -> [String: Decimal] {
        var out: [String: Decimal] = [:]
        for f in flags { out[f.flag.code.rawValue, default: 0] += f.flag.value }
        return out
    }

    @Test func everyRuleCountedOnceWithItsOCID() async throws {
        try await withApp(.sqliteMemory) { app in
            let f = try await Self.fixture(app)
            let flags = try await f.store.flags(body: f.county, viewer: f.m.a.commissioner, now: Self.now)
            // CW07: 2 periods overdue; CW08: both commitments red (nothing verified by 30 September).
            #expect(
                Self.codes(flags) == [
                    "CW02": 1, "CW03": 1, "CW04": 1, "CW05": 1, "CW07": 2, "CW08": 2, "R003": 1, "R018": 1,
                ])
            #expect(flags.allSatisfy { $0.flag.body == f.county })
            let withOCID = flags.filter { $0.flag.ocid != nil }.map(\.flag.code.rawValue).sorted()
            #expect(withOCID == ["CW02", "CW03", "CW07", "CW08", "R003", "R018"])
            #expect(flags.compactMap(\.flag.ocid).allSatisfy { $0 == f.ocid })
            // The Cardinal shape: one ocid, one buyer.
            let json = CardinalShape.json(flags.map(\.flag)).rendered().filter { !$0.isWhitespace }
            let buyer = f.county.uuidString.lowercased()
            #expect(
                json
                    == "{\"OCID\":{\"\(f.ocid)\":{\"CW02\":1,\"CW03\":1,\"CW07\":2,\"CW08\":2,\"R003\":1,\"R018\":1}},"
                    + "\"Buyer\":{\"\(buyer)\":{\"CW02\":1,\"CW03\":1,\"CW04\":1,\"CW05\":1,\"CW07\":2,\"CW08\":2,\"R003\":1,\"R018\":1}}}"
            )
        }
    }

    @Test func aSingleBidStaysSealedUntilTheDeadline() async throws {
        try await withApp(.sqliteMemory) { app in
            let f = try await Self.fixture(app)
            let before = try await f.store.flags(body: f.county, viewer: f.m.a.commissioner, now: TenderArea.before)
            #expect(Self.codes(before)["R018"] == nil)
            let at = try await f.store.flags(body: f.county, viewer: f.m.a.commissioner, now: TenderArea.deadline)
            #expect(Self.codes(at)["R018"] == 1)
        }
    }

    @Test func datesFilterEachFlagByItsDay() async throws {
        try await withApp(.sqliteMemory) { app in
            let f = try await Self.fixture(app)
            func codes(_ from: String?, _ to: String?) async throws -> [String: Decimal] {
                Self.codes(
                    try await f.store.flags(
                        body: f.county, from: from.map { CalendarDate(iso: $0)! },
                        to: to.map { CalendarDate(iso: $0)! },
                        viewer: f.m.a.commissioner, now: Self.now))
            }
            // Up to 30 July 2027: period 1 is due that day (counted), period 2 not; the procurement
            // (10 January), tender (10 January), notice (20 January), consultation (2 March 2026)
            // and the contract (awarded 15 March 2027) are all in.
            #expect(
                try await codes(nil, "2027-07-30") == [
                    "CW02": 1, "CW03": 1, "CW04": 1, "CW05": 1, "CW07": 1, "CW08": 2, "R003": 1, "R018": 1,
                ])
            // From 11 January 2027: the procurement's and the tender's day (10 January) are out.
            #expect(try await codes("2027-01-11", nil) == ["CW05": 1, "CW07": 2, "CW08": 2])
            // From 31 July 2027: only period 2 is overdue in the range.
            #expect(try await codes("2027-07-31", "2027-12-31") == ["CW07": 1])
            // A single day: 20 January 2027, the notice.
            #expect(try await codes("2027-01-20", "2027-01-20") == ["CW05": 1])
        }
    }

    @Test func onlyTheBodysMembersAndTheAdministratorSeeItsFlags() async throws {
        try await withApp(.sqliteMemory) { app in
            let f = try await Self.fixture(app)
            let a = f.m.a
            // The county's viewer (Colin) sees them; the supplier and another organisation do not.
            #expect(try await f.store.flags(body: f.county, viewer: a.viewer, now: Self.now).count == 8)
            await #expect(throws: StorageError.self) {
                _ = try await f.store.flags(body: f.county, viewer: a.sam, now: Self.now)
            }
            await #expect(throws: StorageError.self) {
                _ = try await f.store.flags(body: f.county, viewer: a.kim, now: Self.now)
            }
            await #expect(throws: StorageError.self) {
                _ = try await f.store.flags(body: f.county, viewer: nil, now: Self.now)
            }
            // Every body: the supplier's members get none of the county's; the administrator all of them.
            #expect(try await f.store.flags(body: nil, viewer: a.sam, now: Self.now).isEmpty)
            #expect(try await f.store.flags(body: nil, viewer: a.admin, now: Self.now).count == 8)
            #expect(try await f.store.flags(body: nil, viewer: a.commissioner, now: Self.now).count == 8)
        }
    }
}
