import Foundation
import Testing

@testable import SocialValue

/// Shared set-up for the tender and bid rule tests.
enum TenderFixture {
    static let measures = [
        TenderMeasure(code: "VCSE-SPEND", name: "Spend with local VCSE organisations", unit: "GBP", proxy: "1.00"),
        TenderMeasure(
            code: "APPR", name: "Apprenticeship weeks", unit: "weeks", proxy: "244.63", baseYear: 2025, source: "ONS",
            licence: "OGL"),
    ]
    static let valueSet = FrozenValueSet(id: UUID(), name: "Eastmoor values 2025", isIllustrative: true)

    static func context(_ authority: AuthorityType = .subCentral, band: ValueBand? = nil) -> TenderSetupContext {
        let suggestion = band.map {
            ProportionalitySuggestion(band: $0, statutoryMinimumPercent: authority == .centralGovernment ? 10 : nil)
        }
        return TenderSetupContext(authority: authority, suggestion: suggestion, valueSet: valueSet, available: measures)
    }

    static func input(_ change: (inout TenderInput) -> Void = { _ in }) -> TenderInput {
        var i = TenderInput()
        i.priceWeight = "40"
        i.qualityWeight = "45"
        i.socialValueWeight = "15"
        i.priceMethod = "lowest-price-ratio"
        i.qualityScaleMax = "5"
        i.descriptors = "0 Unacceptable\n1 Poor\n5: Excellent"
        i.criteria = [
            CriterionInput(name: "Method", guidance: "How you will run it", weight: "60"),
            CriterionInput(name: "Staffing", weight: "40"), CriterionInput(),
        ]
        i.socialValueMethod = "highest-value-ratio"
        i.valueSetId = valueSet.id
        i.measureCodes = ["VCSE-SPEND", "APPR"]
        i.deadlineOn = "2027-03-12"
        i.deadlineTime = "12:00"
        change(&i)
        return i
    }

    static func config() throws -> TenderConfiguration { try TenderSetup.validate(input(), context: context()).0 }

    static func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }
}

@Suite struct TenderSetupTests {
    @Test func aGoodSetUpIsReadWithMeasuresCopiedAndDefaults() throws {
        let (c, deadline) = try TenderSetup.validate(TenderFixture.input(), context: TenderFixture.context())
        #expect(c.weights == TenderWeights(price: 40, quality: 45, socialValue: 15))
        #expect(c.criteria.map(\.id) == ["Q1", "Q2"])
        #expect(c.criteria[0].guidance == "How you will run it")
        #expect(
            c.descriptors == [
                .init(score: 0, label: "Unacceptable"), .init(score: 1, label: "Poor"),
                .init(score: 5, label: "Excellent"),
            ])
        #expect(c.measures == TenderFixture.measures)
        #expect(c.valueSet == TenderFixture.valueSet)
        #expect(c.deliverabilitySharePercent == 50)
        #expect(c.policy == nil)
        #expect(deadline.text == "12 March 2027 at 12:00")
        #expect(UKTime.isoUTC(deadline.instant) == "2027-03-12T12:00:00Z")
    }

    @Test func weightsMustBeWholeAndTotal100() {
        let e = #expect(throws: ValidationFailure.self) {
            try TenderSetup.validate(
                TenderFixture.input {
                    $0.priceWeight = "50"
                    $0.qualityWeight = "x"
                }, context: TenderFixture.context())
        }
        #expect(e?.message(for: "qualityWeight") == "Enter the quality weight as a whole number from 0 to 100")
        let total = #expect(throws: ValidationFailure.self) {
            try TenderSetup.validate(TenderFixture.input { $0.priceWeight = "50" }, context: TenderFixture.context())
        }
        #expect(
            total?.message(for: "priceWeight")
                == "The price, quality and social value weights must total 100 (they total 110)")
    }

    @Test func pricePerQualityPointNeedsAPriceWeightOfZero() throws {
        let e = #expect(throws: ValidationFailure.self) {
            try TenderSetup.validate(
                TenderFixture.input { $0.priceMethod = "price-per-quality-point" }, context: TenderFixture.context())
        }
        #expect(e?.message(for: "priceWeight") == "Under price per quality point the price weight must be 0")
        let (c, _) = try TenderSetup.validate(
            TenderFixture.input {
                $0.priceMethod = "price-per-quality-point"
                $0.priceWeight = "0"
                $0.qualityWeight = "85"
            }, context: TenderFixture.context())
        #expect(c.priceMethod == .pricePerQualityPoint)
    }

    @Test func criteriaWeightsTotal100AndIdsAreUnique() {
        let e = #expect(throws: ValidationFailure.self) {
            try TenderSetup.validate(
                TenderFixture.input {
                    $0.criteria = [
                        CriterionInput(id: "q1", name: "A", weight: "50"),
                        CriterionInput(id: "Q1", name: "B", weight: "20"),
                    ]
                }, context: TenderFixture.context())
        }
        #expect(e?.message(for: "criteria[1].id") == "Criterion ids must be different: Q1 is used twice")
        #expect(e?.message(for: "criteria") == "The quality criteria’s weights must total 100 (they total 70)")
        let none = #expect(throws: ValidationFailure.self) {
            try TenderSetup.validate(TenderFixture.input { $0.criteria = [] }, context: TenderFixture.context())
        }
        #expect(none?.message(for: "criteria") == "Add at least one quality criterion")
    }

    @Test func measuresComeOnlyFromTheChosenValueSetAndFrozenOnesAreKept() throws {
        let e = #expect(throws: ValidationFailure.self) {
            try TenderSetup.validate(
                TenderFixture.input { $0.measureCodes = ["NOPE"] }, context: TenderFixture.context())
        }
        #expect(
            e?.message(for: "measureCodes") == "NOPE is not priced in the chosen value set: choose measures from it")
        var ctx = TenderFixture.context()
        let old = TenderMeasure(code: "APPR", name: "Apprenticeship weeks", unit: "weeks", proxy: "200.00")
        ctx.frozen = [old]
        let (c, _) = try TenderSetup.validate(TenderFixture.input(), context: ctx)
        #expect(c.measure("APPR")?.proxy == "200.00")
        #expect(c.measure("VCSE-SPEND")?.proxy == "1.00")
    }

    @Test func aWeightOutsideTheCompactSuggestionNeedsAReason() throws {
        let band = ValueBand(
            fromPence: 10_000_000, minWeightingPercent: 10, maxWeightingPercent: 20, monitoring: .quarterly)
        let e = #expect(throws: ValidationFailure.self) {
            try TenderSetup.validate(
                TenderFixture.input {
                    $0.socialValueWeight = "5"
                    $0.qualityWeight = "55"
                }, context: TenderFixture.context(band: band))
        }
        #expect(
            e?.message(for: "weightingReason")
                == "Give a reason for a social value weight outside the suggested 10% to 20%")
        let (c, _) = try TenderSetup.validate(
            TenderFixture.input {
                $0.socialValueWeight = "5"
                $0.qualityWeight = "55"
                $0.weightingReason = "Goods with little scope"
            }, context: TenderFixture.context(band: band))
        #expect(c.weightingReason == "Goods with little scope")
    }

    @Test func centralGovernmentGetsPPN002AndItsTenPercentMinimum() throws {
        let e = #expect(throws: ValidationFailure.self) {
            try TenderSetup.validate(
                TenderFixture.input {
                    $0.socialValueWeight = "5"
                    $0.qualityWeight = "55"
                    $0.weightingReason = "x"
                },
                context: TenderFixture.context(.centralGovernment))
        }
        #expect(e?.message(for: "socialValueWeight") == "PPN 002 needs a social value weight of at least 10%")
        let (c, _) = try TenderSetup.validate(TenderFixture.input(), context: TenderFixture.context(.centralGovernment))
        #expect(c.policy == .ppn002)
        // Under PQP: 10% of the quality and social value points.
        #expect(
            TenderSetup.meetsPPN002(
                TenderWeights(price: 0, quality: 90, socialValue: 10), method: .pricePerQualityPoint))
        #expect(
            !TenderSetup.meetsPPN002(
                TenderWeights(price: 0, quality: 91, socialValue: 9), method: .pricePerQualityPoint))
        #expect(
            !TenderSetup.meetsPPN002(TenderWeights(price: 41, quality: 50, socialValue: 9), method: .lowestPriceRatio))
    }

    @Test func theDeadlineIsReadAsUKTime() {
        let e = #expect(throws: ValidationFailure.self) {
            try TenderSetup.validate(
                TenderFixture.input {
                    $0.deadlineTime = "24:00"
                    $0.deadlineOn = "2027-02-30"
                }, context: TenderFixture.context())
        }
        #expect(e?.message(for: "deadlineOn") != nil)
        let t = #expect(throws: ValidationFailure.self) {
            try TenderSetup.validate(
                TenderFixture.input { $0.deadlineTime = "12.00" }, context: TenderFixture.context())
        }
        #expect(
            t?.message(for: "deadlineTime")
                == "Enter the deadline time as hours and minutes on the 24-hour clock, like 12:00")
        // Summer time: 12:00 BST is 11:00 UTC.
        #expect(
            UKTime.isoUTC(TenderDeadline(date: CalendarDate(iso: "2027-06-01")!, time: "12:00")!.instant)
                == "2027-06-01T11:00:00Z")
    }
}

@Suite struct TenderDeadlineTests {
    func deadline(_ day: String, _ time: String) -> TenderDeadline {
        TenderDeadline(date: CalendarDate(iso: day)!, time: time)!
    }

    func phase(_ d: TenderDeadline, at now: Date) -> TenderPhase {
        TenderRules.phase(status: .published, deadline: d.instant, at: now)
    }

    @Test func aSecondBeforeIsOpenAndAtTheDeadlineItIsClosed() {
        let d = deadline("2027-03-12", "12:00")
        let before = TenderFixture.utc("2027-03-12T11:59:59Z")
        let at = TenderFixture.utc("2027-03-12T12:00:00Z")
        #expect(phase(d, at: before) == .open)
        #expect(TenderRules.acceptsBids(status: .published, deadline: d.instant, at: before))
        #expect(phase(d, at: at) == .closed)
        #expect(!TenderRules.acceptsBids(status: .published, deadline: d.instant, at: at))
        #expect(!TenderRules.acceptsBids(status: .draft, deadline: d.instant, at: before))
    }

    @Test func onTheDayTheClocksGoForwardNoonIsElevenUTC() {
        // Sunday 28 March 2027: British Summer Time starts at 01:00 UTC.
        let d = deadline("2027-03-28", "12:00")
        #expect(UKTime.isoUTC(d.instant) == "2027-03-28T11:00:00Z")
        #expect(phase(d, at: TenderFixture.utc("2027-03-28T10:59:59Z")) == .open)
        #expect(phase(d, at: TenderFixture.utc("2027-03-28T11:00:00Z")) == .closed)
        // A bid at 11:30 UTC (12:30 on a UK clock) is late, though it is before 12:00 UTC.
        #expect(phase(d, at: TenderFixture.utc("2027-03-28T11:30:00Z")) == .closed)
    }

    @Test func onTheDayTheClocksGoBackNoonIsNoonUTC() {
        // Sunday 25 October 2026: back to GMT at 01:00 UTC.
        let d = deadline("2026-10-25", "12:00")
        #expect(UKTime.isoUTC(d.instant) == "2026-10-25T12:00:00Z")
        #expect(phase(d, at: TenderFixture.utc("2026-10-25T11:59:59Z")) == .open)
        #expect(phase(d, at: TenderFixture.utc("2026-10-25T12:00:00Z")) == .closed)
        // 01:30 happens twice that night; the earlier (summer time) one is the deadline.
        #expect(UKTime.isoUTC(deadline("2026-10-25", "01:30").instant) == "2026-10-25T00:30:00Z")
    }

    @Test func bidsAreSealedUntilTheDeadlineAndTheOpening() {
        let d = deadline("2027-03-12", "12:00").instant
        let after = TenderFixture.utc("2027-03-13T09:00:00Z")
        #expect(TenderRules.bidsAreSealed(status: .published, openedAt: nil, deadline: d, at: after))
        #expect(
            TenderRules.bidsAreSealed(
                status: .bidsOpened, openedAt: after, deadline: d, at: TenderFixture.utc("2027-03-12T11:59:59Z")))
        #expect(!TenderRules.bidsAreSealed(status: .bidsOpened, openedAt: after, deadline: d, at: after))
        #expect(!TenderRules.bidsAreSealed(status: .evaluation, openedAt: after, deadline: d, at: after))
        #expect(
            throws: ValidationFailure("status", "The bids can be opened after the deadline: 12 March 2027 at 12:00")
        ) {
            try TenderRules.checkCanOpen(
                status: .published, deadline: deadline("2027-03-12", "12:00"),
                at: TenderFixture.utc("2027-03-12T11:59:59Z"))
        }
        #expect(
            BidsSealed(deadline: "12 March 2027 at 12:00", deadlinePassed: false).message
                == "Bids are sealed until the deadline: 12 March 2027 at 12:00")
    }

    @Test func aTenderIsCancelledWithAReasonUntilItIsAwarded() throws {
        #expect(
            try TenderRules.checkCanCancel(status: .published, reason: "  Brought in-house.\n") == "Brought in-house.")
        #expect(
            try TenderRules.checkCanCancel(status: .evaluation, reason: "No bid met the minimum quality")
                == "No bid met the minimum quality")
        #expect(throws: ValidationFailure("reason", "Enter the reason for cancelling the tender")) {
            try TenderRules.checkCanCancel(status: .draft, reason: nil)
        }
        #expect(throws: ValidationFailure([FieldError("status", "An awarded tender cannot be cancelled")])) {
            try TenderRules.checkCanCancel(status: .awarded, reason: "Too late")
        }
        #expect(
            TenderRules.bidsAreSealed(
                status: .cancelled, openedAt: nil, deadline: Date(timeIntervalSince1970: 0), at: Date()))
    }

    @Test func onlyTheBuyerSideSeesDraftsAndOnlySupplierMembersBid() {
        let body = UUID()
        let supplier = UUID()
        let commissioner = Viewer(
            userID: UUID(), isAdmin: false, memberships: [.init(organisationID: body, role: .commissioner)],
            compactSeats: [])
        let member = Viewer(
            userID: UUID(), isAdmin: false, memberships: [.init(organisationID: supplier, role: .supplierMember)],
            compactSeats: [])
        let admin = Viewer(userID: UUID(), isAdmin: true, memberships: [], compactSeats: [])
        #expect(
            commissioner.canManageTender(owner: body) && commissioner.isBuyerSide(owner: body)
                && !commissioner.canBid(for: supplier))
        #expect(admin.isBuyerSide(owner: body) && !admin.canManageTender(owner: body) && !admin.canBid(for: supplier))
        #expect(
            member.canBid(for: supplier) && !member.canSeeTender(owner: body, published: false)
                && member.canSeeTender(owner: body, published: true))
        #expect(Optional<Viewer>.none.canSeeTender(owner: body, published: true))
    }
}
