import Foundation
import Testing

@testable import SocialValue

/// Tender evaluation (calculations.md §2, DOMAIN.md §5). Every expected figure is worked by hand
/// in the comment beside it, never taken from the code's output.
@Suite struct EvaluationTests {
    static let spec = """
        {
          "title": "Community transport 2026",
          "weights": { "price": 40, "quality": 50, "socialValue": 10 },
          "price": { "method": "lowest-price-ratio" },
          "quality": {
            "scaleMax": 100,
            "criteria": null,
            "minimumPercent": null
          },
          "socialValue": {
            "method": "highest-value-ratio",
            "measures": [ { "code": "VCSE-SPEND", "name": "Spend with local VCSE organisations", "unit": "GBP", "proxy": "1.00" } ]
          },
          "policy": null,
          "bids": [
            { "bidder": "A", "price": "100000.00", "quality": 60, "commitments": { "VCSE-SPEND": "150000" } },
            { "bidder": "B", "price": "105000.00", "quality": 80, "commitments": { "VCSE-SPEND": "90000" } },
            { "bidder": "C", "price": "120000.00", "quality": 70, "commitments": { "VCSE-SPEND": "60000" } }
          ]
        }
        """

    static let vcse =
        #"{"method": "highest-value-ratio", "measures": [{"code": "VCSE-SPEND", "name": "Spend with local VCSE organisations", "unit": "GBP", "proxy": "1.00"}]}"#

    static func quality(scaleMax: String = "100", criteria: String = "null", minimumPercent: String = "null") -> String
    {
        #"{"scaleMax": \#(scaleMax), "criteria": \#(criteria), "minimumPercent": \#(minimumPercent)}"#
    }

    /// An evaluation document; `bids` is the inside of the bids array.
    static func doc(
        weights: (String, String, String), method: String = "lowest-price-ratio", quality: String = quality(),
        socialValue: String = vcse, policy: String = "null", bids: String
    ) -> String {
        """
        {"title": "Test tender", "weights": {"price": \(weights.0), "quality": \(weights.1), "socialValue": \(weights.2)},
         "price": {"method": "\(method)"}, "quality": \(quality), "socialValue": \(socialValue), "policy": \(policy),
         "bids": [\(bids)]}
        """
    }

    func evaluate(_ text: String) throws -> EvaluationResult {
        try Evaluation.evaluate(try Evaluation.decode(text))
    }

    /// "rank bidder total = price + quality + socialValue", as printed.
    func lines(_ r: EvaluationResult) -> [String] {
        r.ranking.map { b in
            let f = { (d: Decimal) in DecimalText.format(d) }
            return
                "\(b.rank.map(String.init) ?? "-") \(b.bidder) \(f(b.total)) = \(f(b.price)) + \(f(b.quality)) + \(f(b.socialValue))"
        }
    }

    func problems(_ text: String) -> [String] {
        do {
            _ = try Evaluation.run(text)
            return []
        } catch let f as ValidationFailure {
            return f.errors.map { "\($0.field): \($0.message)" }
        } catch { return ["unexpected \(error)"] }
    }

    func problems(_ input: EvaluationInput) -> [String] {
        do {
            try Evaluation.validate(input)
            return []
        } catch let f as ValidationFailure {
            return f.errors.map { "\($0.field): \($0.message)" }
        } catch { return ["unexpected \(error)"] }
    }

    // MARK: - worked examples

    @Test func theSpecExampleGivesExactlyTheSpecOutput() throws {
        // Weights 40/50/10; lowest price 100,000; highest SV 150,000 × 1.00 = 150,000.
        // B: 40 × 100000/105000 = 38.0952… + 50 × 80/100 = 40 + 10 × 90000/150000 = 6 → 84.0952… = 84.10
        // A: 40 × 1 = 40 + 50 × 60/100 = 30 + 10 × 1 = 10 → 80.00
        // C: 40 × 100000/120000 = 33.3333… + 35 + 10 × 60000/150000 = 4 → 72.3333… = 72.33
        let out = try Evaluation.run(Self.spec)
        #expect(
            out == """
                {
                  "ranking": [
                    {
                      "rank": 1,
                      "bidder": "B",
                      "total": "84.10",
                      "price": "38.10",
                      "quality": "40.00",
                      "socialValue": "6.00",
                      "socialValueMonetised": "90000.00",
                      "excluded": false
                    },
                    {
                      "rank": 2,
                      "bidder": "A",
                      "total": "80.00",
                      "price": "40.00",
                      "quality": "30.00",
                      "socialValue": "10.00",
                      "socialValueMonetised": "150000.00",
                      "excluded": false
                    },
                    {
                      "rank": 3,
                      "bidder": "C",
                      "total": "72.33",
                      "price": "33.33",
                      "quality": "35.00",
                      "socialValue": "4.00",
                      "socialValueMonetised": "60000.00",
                      "excluded": false
                    }
                  ],
                  "warnings": []
                }

                """)
        let r = try evaluate(Self.spec)
        // The parts are kept unrounded: 40 × 100000 / 105000 = 38.095238…
        #expect(DecimalText.rounded(r.ranking[0].price, places: 6) == Decimal(string: "38.095238"))
        #expect(DecimalText.rounded(r.ranking[0].total, places: 6) == Decimal(string: "84.095238"))
    }

    @Test func theGovUKLowestPriceRatioExample() throws {
        // DOMAIN.md §5: quotes £15k / £10k / £30k score 10/15 = 0.667, 10/10 = 1, 10/30 = 0.333 of W.
        // With W = 100: 66.666… = 66.67, 100.00, 33.333… = 33.33.
        let r = try evaluate(
            Self.doc(
                weights: ("100", "0", "0"), quality: "null", socialValue: "null",
                bids: """
                    {"bidder": "Fifteen", "price": "15000"}, {"bidder": "Ten", "price": "10000"}, {"bidder": "Thirty", "price": 30000}
                    """))
        #expect(
            lines(r) == [
                "1 Ten 100.00 = 100.00 + 0.00 + 0.00", "2 Fifteen 66.67 = 66.67 + 0.00 + 0.00",
                "3 Thirty 33.33 = 33.33 + 0.00 + 0.00",
            ])
        #expect(r.ranking.allSatisfy { $0.socialValueMonetised == nil })
        #expect(r.warnings.isEmpty)
    }

    @Test func linearFromLowestFallsToZeroAtDoubleTheLowestAndStaysThere() throws {
        // W_price 40, W_quality 60, lowest 100,000.
        // A 100,000: 40 × (1 − 0) = 40; quality 50/100 × 60 = 30 → 70
        // B 150,000: 40 × (1 − 50000/100000) = 20; quality 60 → 80
        // C 200,000: 40 × (1 − 1) = 0; quality 60 → 60
        // D 250,000: 40 × max(0, 1 − 1.5) = 0; quality 60 → 60; C before D on the lower price
        let r = try evaluate(
            Self.doc(
                weights: ("40", "60", "0"), method: "linear-from-lowest", socialValue: "null",
                bids: """
                    {"bidder": "A", "price": "100000", "quality": 50}, {"bidder": "B", "price": "150000", "quality": 100},
                    {"bidder": "C", "price": "200000", "quality": 100}, {"bidder": "D", "price": "250000", "quality": 100}
                    """))
        #expect(
            lines(r) == [
                "1 B 80.00 = 20.00 + 60.00 + 0.00", "2 A 70.00 = 40.00 + 30.00 + 0.00",
                "3 C 60.00 = 0.00 + 60.00 + 0.00", "4 D 60.00 = 0.00 + 60.00 + 0.00",
            ])
    }

    static let pqpBids = """
        {"bidder": "A", "price": "100000", "quality": 50, "commitments": {"VCSE-SPEND": "50000"}},
        {"bidder": "B", "price": "120000", "quality": 75, "commitments": {"VCSE-SPEND": "100000"}},
        {"bidder": "C", "price": "90000", "quality": 40, "commitments": {}},
        {"bidder": "D", "price": "50000", "quality": 0, "commitments": {"VCSE-SPEND": "0"}}
        """

    @Test func pricePerQualityPointRanksTheLowestPricePerPointFirst() throws {
        // Weights 0/80/20; highest SV 100,000.
        // A: quality 50 × 80/100 = 40, SV 20 × 50000/100000 = 10 → 50 points; 100000 / 50 = 2000.00
        // B: quality 75 × 0.8 = 60, SV 20 → 80 points; 120000 / 80 = 1500.00
        // C: quality 40 × 0.8 = 32, SV 0 → 32 points; 90000 / 32 = 2812.50
        // D: 0 points: no price per point, so it is excluded
        let r = try evaluate(
            Self.doc(weights: ("0", "80", "20"), method: "price-per-quality-point", bids: Self.pqpBids))
        #expect(
            lines(r) == [
                "1 B 80.00 = 0.00 + 60.00 + 20.00", "2 A 50.00 = 0.00 + 40.00 + 10.00",
                "3 C 32.00 = 0.00 + 32.00 + 0.00",
                "- D 0.00 = 0.00 + 0.00 + 0.00",
            ])
        #expect(
            r.ranking.map { $0.pricePerQualityPoint.map { DecimalText.format($0) } } == [
                "1500.00", "2000.00", "2812.50", nil,
            ])
        #expect(r.ranking[3].excluded)
        #expect(
            r.ranking[3].reason
                == "no quality or social value points, so no price per quality point: it cannot be ranked")
        let out = try Evaluation.run(
            Self.doc(weights: ("0", "80", "20"), method: "price-per-quality-point", bids: Self.pqpBids))
        guard case .object(_, let top) = try JSONReader.parse(out), case .array(let ranking)? = top["ranking"],
            case .object(let keys, let first) = ranking[0], case .object(let dKeys, let d) = ranking[3]
        else {
            Issue.record("shape")
            return
        }
        #expect(
            keys == [
                "rank", "bidder", "total", "price", "quality", "socialValue", "socialValueMonetised",
                "pricePerQualityPoint", "excluded",
            ])
        #expect(first["price"] == .string("0.00"))
        #expect(first["pricePerQualityPoint"] == .string("1500.00"))
        #expect(
            dKeys == [
                "rank", "bidder", "total", "price", "quality", "socialValue", "socialValueMonetised",
                "pricePerQualityPoint", "excluded", "reason",
            ])
        #expect(d["rank"] == .null)
        #expect(d["pricePerQualityPoint"] == .null)
    }

    @Test func ppn002UnderPricePerQualityPointIsTenPercentOfTheNonPriceWeight() throws {
        // 0/95/5: 5 is 5% of the non-price 100. 0/90/10: 10 is 10%, allowed.
        let low = Self.doc(
            weights: ("0", "95", "5"), method: "price-per-quality-point", policy: #""ppn-002""#, bids: Self.pqpBids)
        #expect(
            problems(low) == [
                "$.weights.socialValue: must be at least 10% of the non-price weight (quality plus social value) under policy ppn-002 with price-per-quality-point"
            ])
        let enough = Self.doc(
            weights: ("0", "90", "10"), method: "price-per-quality-point", policy: #""ppn-002""#, bids: Self.pqpBids)
        #expect(problems(enough).isEmpty)
    }

    @Test func ppn002NeedsASocialValueWeightOfAtLeastTen() throws {
        let five = Self.spec.replacingOccurrences(
            of: #""price": 40, "quality": 50, "socialValue": 10"#,
            with: #""price": 45, "quality": 50, "socialValue": 5"#
        )
        .replacingOccurrences(of: #""policy": null"#, with: #""policy": "ppn-002""#)
        #expect(problems(five) == ["$.weights.socialValue: must be at least 10 under policy ppn-002"])
        #expect(problems(Self.spec.replacingOccurrences(of: #""policy": null"#, with: #""policy": "ppn-002""#)).isEmpty)
    }

    static let criteria =
        #"[{"id": "Q1", "name": "Delivery", "weight": 60}, {"id": "Q2", "name": "Staffing", "weight": 40}]"#

    @Test func qualityCriteriaAreWeightedWithinTheQualityWeight() throws {
        // Scale 0–5, Q1 60%, Q2 40%, W_quality 50, W_price 50, lowest 100.
        // A: (3/5 × 60% + 4/5 × 40%) × 50 = (0.36 + 0.32) × 50 = 34; price 50 → 84
        // B: (5/5 × 60% + 5/5 × 40%) × 50 = 50; price 50 × 100/200 = 25 → 75
        let r = try evaluate(
            Self.doc(
                weights: ("50", "50", "0"), quality: Self.quality(scaleMax: "5", criteria: Self.criteria),
                socialValue: "null",
                bids: """
                    {"bidder": "A", "price": "100", "quality": {"Q1": 3, "Q2": 4}}, {"bidder": "B", "price": "200", "quality": {"Q2": "5", "Q1": 5}}
                    """))
        #expect(lines(r) == ["1 A 84.00 = 50.00 + 34.00 + 0.00", "2 B 75.00 = 25.00 + 50.00 + 0.00"])
    }

    static let minimumBids = """
        {"bidder": "A", "price": "80000", "quality": 30, "commitments": {"VCSE-SPEND": "500000"}},
        {"bidder": "B", "price": "100000", "quality": 60, "commitments": {"VCSE-SPEND": "50000"}},
        {"bidder": "C", "price": "125000", "quality": 80, "commitments": {"VCSE-SPEND": "100000"}}
        """

    @Test func aBidBelowTheMinimumQualityIsExcludedAndTakesNoPartInRelativeScoring() throws {
        // Weights 40/50/10, minimum 50% of 50 = 25 quality points.
        // A: 30 × 50/100 = 15 < 25 → excluded. Its £80,000 and £500,000 are then ignored:
        // lowest price = 100,000 (B), highest SV = 100,000 (C).
        // B: 40 × 100000/100000 = 40; 60 × 0.5 = 30; 10 × 50000/100000 = 5 → 75
        // C: 40 × 100000/125000 = 32; 80 × 0.5 = 40; 10 × 1 = 10 → 82
        // (With A in, B would get 40 × 0.8 = 32 and 10 × 0.1 = 1.)
        let text = Self.doc(
            weights: ("40", "50", "10"), quality: Self.quality(minimumPercent: "50"), bids: Self.minimumBids)
        let r = try evaluate(text)
        #expect(
            lines(r) == [
                "1 C 82.00 = 32.00 + 40.00 + 10.00", "2 B 75.00 = 40.00 + 30.00 + 5.00",
                "- A 15.00 = 0.00 + 15.00 + 0.00",
            ])
        #expect(r.warnings.isEmpty)
        guard case .object(_, let top) = try JSONReader.parse(try Evaluation.run(text)),
            case .array(let ranking)? = top["ranking"]
        else {
            Issue.record("shape")
            return
        }
        #expect(
            ranking[2]
                == .ordered([
                    ("rank", .null), ("bidder", .string("A")), ("total", .string("15.00")), ("price", .string("0.00")),
                    ("quality", .string("15.00")), ("socialValue", .string("0.00")),
                    ("socialValueMonetised", .string("500000.00")),
                    ("excluded", .bool(true)),
                    (
                        "reason",
                        .string("quality points 15.00 are below the minimum of 25.00 (50% of the quality weight 50)")
                    ),
                ]))
    }

    @Test func everyBidExcludedIsAWarningNotAnError() throws {
        // Minimum 90% of 50 = 45 points; the best bid has 80 × 0.5 = 40.
        let r = try evaluate(
            Self.doc(weights: ("40", "50", "10"), quality: Self.quality(minimumPercent: "90"), bids: Self.minimumBids))
        #expect(r.ranking.allSatisfy { $0.excluded && $0.rank == nil })
        #expect(r.warnings == ["every bid is excluded: no bid is ranked"])
    }

    @Test func highestRatioToPriceNormalisesSocialValueToTheSizeOfTheBid() throws {
        // Weights 40/40/20. SV/price: A 20000/100000 = 0.2, B 15000/50000 = 0.3 (highest).
        // A: 40 × 50000/100000 = 20; 80 × 0.4 = 32; 20 × 0.2/0.3 = 13.333… → 65.333… = 65.33
        // B: 40; 50 × 0.4 = 20; 20 → 80
        let sv = Self.vcse.replacingOccurrences(of: "highest-value-ratio", with: "highest-ratio-to-price")
        let r = try evaluate(
            Self.doc(
                weights: ("40", "40", "20"), socialValue: sv,
                bids: """
                    {"bidder": "A", "price": "100000", "quality": 80, "commitments": {"VCSE-SPEND": "20000"}},
                    {"bidder": "B", "price": "50000", "quality": 50, "commitments": {"VCSE-SPEND": "15000"}}
                    """))
        #expect(lines(r) == ["1 B 80.00 = 40.00 + 20.00 + 20.00", "2 A 65.33 = 20.00 + 32.00 + 13.33"])
        #expect(r.ranking.map { $0.socialValueMonetised } == [15000, 20000])
    }

    @Test func socialValueMonetisedIsTheSumOfCommitmentsTimesProxies() throws {
        // 3 jobs × 10,767.00 + 2,000 × 0.50 = 32,301 + 1,000 = 33,301; B commits nothing to JOBS (counts 0):
        // 4,000 × 0.50 = 2,000. Points: A 10, B 10 × 2000/33301 = 0.6005…
        let sv =
            #"{"method": "highest-value-ratio", "measures": [{"code": "JOBS", "name": "Jobs", "unit": "FTE", "proxy": "10767.00"}, {"code": "KG", "name": "Food redistributed", "unit": "kg", "proxy": "0.50"}]}"#
        let r = try evaluate(
            Self.doc(
                weights: ("40", "50", "10"), socialValue: sv,
                bids: """
                    {"bidder": "A", "price": "100", "quality": 50, "commitments": {"JOBS": "3", "KG": 2000}},
                    {"bidder": "B", "price": "100", "quality": 50, "commitments": {"KG": "4000"}}
                    """))
        #expect(r.ranking.map(\.bidder) == ["A", "B"])
        #expect(r.ranking.map { $0.socialValueMonetised } == [33301, 2000])
        #expect(r.ranking.map { DecimalText.format($0.socialValue) } == ["10.00", "0.60"])
    }

    @Test func qualitativeSocialValueUsesItsOwnScaleElseTheQualityScale() throws {
        // Weights 50/30/20, quality scale 0–10, no socialValue.scaleMax: SV on 0–10 too.
        // A: 50; 6 × 30/10 = 18; 7 × 20/10 = 14 → 82
        // B: 50 × 100000/125000 = 40; 9 × 3 = 27; 10 × 2 = 20 → 87
        let bids = """
            {"bidder": "A", "price": "100000", "quality": 6, "socialValueScore": 7},
            {"bidder": "B", "price": "125000", "quality": 9, "socialValueScore": 4}
            """
        let onQuality = Self.doc(
            weights: ("50", "30", "20"), quality: Self.quality(scaleMax: "10"),
            socialValue: #"{"method": "qualitative", "measures": []}"#,
            bids: bids.replacingOccurrences(of: "\"socialValueScore\": 4", with: "\"socialValueScore\": 10"))
        let r = try evaluate(onQuality)
        #expect(lines(r) == ["1 B 87.00 = 40.00 + 27.00 + 20.00", "2 A 82.00 = 50.00 + 18.00 + 14.00"])
        #expect(r.ranking.allSatisfy { $0.socialValueMonetised == nil })
        // socialValue.scaleMax 8: A 7 × 20/8 = 17.5 → 85.5; B 4 × 20/8 = 10 → 77
        let own = Self.doc(
            weights: ("50", "30", "20"), quality: Self.quality(scaleMax: "10"),
            socialValue: #"{"method": "qualitative", "measures": [], "scaleMax": 8}"#, bids: bids)
        #expect(lines(try evaluate(own)) == ["1 A 85.50 = 50.00 + 18.00 + 17.50", "2 B 77.00 = 40.00 + 27.00 + 10.00"])
        #expect(
            problems(own.replacingOccurrences(of: "\"socialValueScore\": 4", with: "\"socialValueScore\": 9")) == [
                "$.bids[1].socialValueScore: must be from 0 to 8"
            ])
    }

    @Test func qualitativeWithNoScaleAnywhereIsAnError() {
        let text = Self.doc(
            weights: ("80", "0", "20"), quality: "null", socialValue: #"{"method": "qualitative", "measures": []}"#,
            bids: #"{"bidder": "A", "price": "1", "socialValueScore": 3}"#)
        #expect(
            problems(text) == [
                "$.socialValue.scaleMax: is required for the qualitative method when there is no quality section (otherwise quality.scaleMax is used)"
            ])
    }

    @Test func noSocialValueAnywhereGivesEveryBidZeroAndAWarning() throws {
        // Spec example with every commitment 0: A 40 + 30 = 70, B 38.0952… + 40 = 78.10, C 33.333… + 35 = 68.33.
        let text = Self.spec.replacingOccurrences(of: #""VCSE-SPEND": "150000""#, with: #""VCSE-SPEND": "0""#)
            .replacingOccurrences(of: #""VCSE-SPEND": "90000""#, with: "")
            .replacingOccurrences(of: #""VCSE-SPEND": "60000""#, with: #""VCSE-SPEND": 0"#)
        let r = try evaluate(text)
        #expect(
            lines(r) == [
                "1 B 78.10 = 38.10 + 40.00 + 0.00", "2 A 70.00 = 40.00 + 30.00 + 0.00",
                "3 C 68.33 = 33.33 + 35.00 + 0.00",
            ])
        #expect(
            r.warnings == [
                "the highest social value of the bids still in is 0.00: every bid scores 0 social value points"
            ])
    }

    // MARK: - ties and rounding

    @Test func equalTotalsGoToTheHigherQuality() throws {
        // 50/50/0. A: 50 × 100/100 = 50 + 50 × 50/100 = 25 → 75; B: 50 × 100/200 = 25 + 50 → 75. B has more quality.
        let r = try evaluate(
            Self.doc(
                weights: ("50", "50", "0"), socialValue: "null",
                bids: """
                    {"bidder": "A", "price": "100", "quality": 50}, {"bidder": "B", "price": "200", "quality": 100}
                    """))
        #expect(lines(r) == ["1 B 75.00 = 25.00 + 50.00 + 0.00", "2 A 75.00 = 50.00 + 25.00 + 0.00"])
    }

    @Test func equalTotalsAndQualityGoToTheLowerPrice() throws {
        // 50/40/10. A: 50 + 50 × 0.4 = 20 + 0 → 70; B: 50 × 100/125 = 40 + 20 + 10 × 1000/1000 = 10 → 70. Equal quality: A is cheaper.
        let r = try evaluate(
            Self.doc(
                weights: ("50", "40", "10"),
                bids: """
                    {"bidder": "B", "price": "125", "quality": 50, "commitments": {"VCSE-SPEND": "1000"}},
                    {"bidder": "A", "price": "100", "quality": 50, "commitments": {}}
                    """))
        #expect(lines(r) == ["1 A 70.00 = 50.00 + 20.00 + 0.00", "2 B 70.00 = 40.00 + 20.00 + 10.00"])
    }

    @Test func bidsEqualOnEveryCountShareARank() throws {
        // 50/50/0. A and B: 50 + 25 = 75 at the same price; C: 25 + 25 = 50 → ranks 1, 1, 3.
        let r = try evaluate(
            Self.doc(
                weights: ("50", "50", "0"), socialValue: "null",
                bids: """
                    {"bidder": "A", "price": "100", "quality": 50}, {"bidder": "C", "price": "200", "quality": 50},
                    {"bidder": "B", "price": "100.00", "quality": "50"}
                    """))
        #expect(
            lines(r) == [
                "1 A 75.00 = 50.00 + 25.00 + 0.00", "1 B 75.00 = 50.00 + 25.00 + 0.00",
                "3 C 50.00 = 25.00 + 25.00 + 0.00",
            ])
    }

    @Test func outputRoundsHalfUp() throws {
        // 50/50/0, scale 0–400. A: quality 1 × 50/400 = 0.125 → "0.13" (half-up; half-even would print 0.12);
        // total 50 + 0.125 = 50.125 → "50.13". B: 50 × 1000/2000 = 25, quality 0 → 25.
        let r = try evaluate(
            Self.doc(
                weights: ("50", "50", "0"), quality: Self.quality(scaleMax: "400"), socialValue: "null",
                bids: """
                    {"bidder": "A", "price": "1000", "quality": 1}, {"bidder": "B", "price": "2000", "quality": 0}
                    """))
        #expect(lines(r) == ["1 A 50.13 = 50.00 + 0.13 + 0.00", "2 B 25.00 = 25.00 + 0.00 + 0.00"])
        #expect(r.ranking[0].quality == Decimal(string: "0.125"))
    }

    @Test func totalsComeFromTheUnroundedParts() throws {
        // 50/50/0, scale 0–3. B: 50 × 100/150 = 33.333… and 2 × 50/3 = 33.333… → 66.666… = "66.67",
        // where the rounded parts would add to 33.33 + 33.33 = 66.66.
        let r = try evaluate(
            Self.doc(
                weights: ("50", "50", "0"), quality: Self.quality(scaleMax: "3"), socialValue: "null",
                bids: """
                    {"bidder": "A", "price": "100", "quality": 3}, {"bidder": "B", "price": "150", "quality": 2}
                    """))
        #expect(lines(r) == ["1 A 100.00 = 50.00 + 50.00 + 0.00", "2 B 66.67 = 33.33 + 33.33 + 0.00"])
    }

    // MARK: - sections and weights of 0

    @Test func aSectionMayBeGivenWithWeightZeroAndScoresNothing() throws {
        // 100/0/0 with both sections given: only price counts. A 100; B 100 × 100/105 = 95.238… = 95.24.
        let text = Self.spec.replacingOccurrences(
            of: #""price": 40, "quality": 50, "socialValue": 10"#,
            with: #""price": 100, "quality": 0, "socialValue": 0"#
        )
        .replacingOccurrences(of: "\"120000.00\"", with: "\"105000.00\"")
        let r = try evaluate(text)
        #expect(
            lines(r) == [
                "1 A 100.00 = 100.00 + 0.00 + 0.00", "2 B 95.24 = 95.24 + 0.00 + 0.00",
                "2 C 95.24 = 95.24 + 0.00 + 0.00",
            ])
    }

    @Test func aNullSectionNeedsWeightZeroAndBidsWithoutItsFields() {
        #expect(
            problems(Self.spec.replacingOccurrences(of: #""quality": {"#, with: #""quality": null, "x": {"#)) == [
                "$.x: is not a known field",
                "$.quality: is required when weights.quality is more than 0 (null only when it is 0)",
            ])
        let noSV = Self.doc(
            weights: ("40", "60", "0"), socialValue: "null",
            bids: """
                {"bidder": "A", "price": "1", "quality": 1, "commitments": {"VCSE-SPEND": "1"}}, {"bidder": "B", "price": "2", "quality": 1, "socialValueScore": 3}
                """)
        #expect(
            problems(noSV) == [
                "$.bids[0].commitments: must be left out, as the social value section is null",
                "$.bids[1].socialValueScore: must be left out, as the social value section is null",
            ])
    }

    // MARK: - bad input, one rule at a time

    static func specWith(_ old: String, _ new: String) -> String {
        precondition(spec.contains(old), old)
        return spec.replacingOccurrences(of: old, with: new)
    }

    @Test(arguments: [
        (#""socialValue": 10 }"#, #""socialValue": 5 }"#, ["$.weights: must total 100 (they total 95)"]),
        (#""price": 40, "quality": 50"#, #""price": -10, "quality": 100"#, ["$.weights.price: must not be negative"]),
        (#""price": 40,"#, #""price": "forty","#, [#"$.weights.price: must be a number such as 40"#]),
        (#""105000.00""#, "0", ["$.bids[1].price: must be greater than 0"]),
        (#""105000.00""#, #""-5""#, ["$.bids[1].price: must be greater than 0"]),
        (#""105000.00""#, "true", [#"$.bids[1].price: must be a number such as "100000.00", not a boolean"#]),
        (#""policy": null,"#, #""policy": null, "colour": "red","#, ["$.colour: is not a known field"]),
        (#"{ "bidder": "A","#, #"{ "bidder": "A", "qualty": 60,"#, ["$.bids[0].qualty: is not a known field"]),
        (
            #"{ "VCSE-SPEND": "90000" }"#, #"{ "VCSE-SPEND": "90000", "JOBS": "3" }"#,
            ["$.bids[1].commitments.JOBS: is not a measure code of socialValue.measures"]
        ),
        (
            #"{ "VCSE-SPEND": "90000" }"#, #"{ "VCSE-SPEND": "-1" }"#,
            ["$.bids[1].commitments.VCSE-SPEND: must not be negative"]
        ),
        (
            #""bidder": "C""#, #""bidder": "A""#,
            [#"$.bids[2].bidder: must be unique: "A" is also the bidder of $.bids[0]"#]
        ),
        (#""bidder": "C""#, #""bidder": " ""#, ["$.bids[2].bidder: must not be empty"]),
        (#""quality": 80"#, #""quality": 101"#, ["$.bids[1].quality: must be from 0 to 100"]),
        (#""quality": 80, "#, "", ["$.bids[1].quality: is required (a score from 0 to 100)"]),
        (
            #""quality": 80"#, #""quality": {"Q1": 3}"#,
            ["$.bids[1].quality: must be one score, as quality.criteria is null"]
        ),
        (
            #", "commitments": { "VCSE-SPEND": "60000" }"#, "",
            ["$.bids[2].commitments: is required (quantities by measure code; {} for none)"]
        ),
        (
            #""quality": 70,"#, #""quality": 70, "socialValueScore": 3,"#,
            ["$.bids[2].socialValueScore: must be left out: the highest-value-ratio method scores commitments"]
        ),
        (#""policy": null,"#, "", ["$.policy: is required (null for none)"]),
        (#""policy": null"#, #""policy": "ppn-003""#, [#"$.policy: must be one of "ppn-002""#]),
        (
            #""lowest-price-ratio""#, #""cheapest""#,
            [#"$.price.method: must be one of "lowest-price-ratio", "linear-from-lowest", "price-per-quality-point""#]
        ),
        (
            #""lowest-price-ratio""#, #""price-per-quality-point""#,
            [
                "$.weights.price: must be 0 for price-per-quality-point (price earns no points; it is divided by the non-price points)"
            ]
        ),
        (#""title": "Community transport 2026","#, "", ["$.title: is required"]),
        (#""Community transport 2026""#, #""  ""#, ["$.title: must not be empty"]),
        (#""minimumPercent": null"#, #""minimumPercent": 120"#, ["$.quality.minimumPercent: must be from 0 to 100"]),
        (
            "\"criteria\": null,\n    \"minimumPercent\": null", #""criteria": null"#,
            ["$.quality.minimumPercent: is required (null for no minimum)"]
        ),
        (#""scaleMax": 100,"#, #""scaleMax": 0,"#, ["$.quality.scaleMax: must be greater than 0"]),
        (#""proxy": "1.00""#, #""proxy": "-1.00""#, ["$.socialValue.measures[0].proxy: must not be negative"]),
        (
            #""measures": [ { "code": "VCSE-SPEND", "name": "Spend with local VCSE organisations", "unit": "GBP", "proxy": "1.00" } ]"#,
            #""measures": []"#,
            [
                "$.socialValue.measures: must list at least one measure for the highest-value-ratio method",
                "$.bids[0].commitments.VCSE-SPEND: is not a measure code of socialValue.measures",
                "$.bids[1].commitments.VCSE-SPEND: is not a measure code of socialValue.measures",
                "$.bids[2].commitments.VCSE-SPEND: is not a measure code of socialValue.measures",
            ]
        ),
    ])
    func eachBadInputIsNamedByItsPath(old: String, new: String, expected: [String]) {
        #expect(problems(Self.specWith(old, new)) == expected)
    }

    @Test func criteriaScoresMustMatchTheCriteriaExactly() {
        let q = Self.quality(scaleMax: "5", criteria: Self.criteria)
        let text = Self.doc(
            weights: ("50", "50", "0"), quality: q, socialValue: "null",
            bids: """
                {"bidder": "A", "price": "100", "quality": {"Q1": 3}}, {"bidder": "B", "price": "100", "quality": {"Q1": 6, "Q2": 4, "Q3": 1}},
                {"bidder": "C", "price": "100", "quality": 4}
                """)
        #expect(
            problems(text) == [
                "$.bids[0].quality.Q2: is required",
                "$.bids[1].quality.Q1: must be from 0 to 5",
                "$.bids[1].quality.Q3: is not a criterion id of quality.criteria",
                "$.bids[2].quality: must be an object of scores by criterion id, as quality.criteria lists criteria",
            ])
        let badCriteria =
            #"[{"id": "Q1", "name": "Delivery", "weight": 60}, {"id": "Q1", "name": "Staffing", "weight": 30}]"#
        #expect(
            problems(
                Self.doc(
                    weights: ("50", "50", "0"), quality: Self.quality(scaleMax: "5", criteria: badCriteria),
                    socialValue: "null",
                    bids: #"{"bidder": "A", "price": "100", "quality": {"Q1": 3}}"#)) == [
                    #"$.quality.criteria[1].id: must be unique: "Q1" is also the id of $.quality.criteria[0]"#,
                    "$.quality.criteria: weights must total 100 (they total 90)",
                ])
    }

    @Test func atLeastOneBid() {
        #expect(problems(Self.doc(weights: ("40", "50", "10"), bids: "")) == ["$.bids: must list at least one bid"])
    }

    @Test func everyProblemIsListedAtOnce() {
        let text = Self.specWith(#""socialValue": 10 }"#, #""socialValue": 20 }"#)
            .replacingOccurrences(of: #"{ "bidder": "A","#, with: #"{ "bidder": "A", "qualty": 60,"#)
            .replacingOccurrences(of: #""105000.00""#, with: "0")
        #expect(
            problems(text) == [
                "$.bids[0].qualty: is not a known field",
                "$.weights: must total 100 (they total 110)",
                "$.bids[1].price: must be greater than 0",
            ])
    }

    @Test func aFieldThatCannotBeReadIsReportedOnce() {
        // The weights cannot be totalled when one is not a number, so only that is reported.
        #expect(
            problems(Self.specWith(#""quality": 50,"#, #""quality": null,"#)) == [
                #"$.weights.quality: must be a number such as 50, not null"#
            ])
        #expect(
            problems(Self.specWith(#""quality": {"#, #""quality": [], "old": {"#)) == [
                "$.old: is not a known field", "$.quality: must be an object or null, not an array",
            ])
    }

    @Test func malformedJSONAndNonObjects() {
        let p = problems("{")
        #expect(p.count == 1)
        #expect(p.first?.hasPrefix("$: malformed JSON at character 2") == true)
        #expect(problems("[]") == ["$: must be a JSON object"])
        #expect(
            problems(Self.specWith(#""VCSE-SPEND": "60000""#, #""VCSE-SPEND": 1e5"#)) == [
                #"$.bids[2].commitments.VCSE-SPEND: must be a number such as "150000""#
            ])
    }

    // MARK: - typed inputs and round trips

    @Test func inputsBuiltInCodeFollowTheSameRules() {
        let input = EvaluationInput(
            title: "Built", weights: EvaluationWeights(price: 50, quality: 50, socialValue: 10),
            priceMethod: .lowestPriceRatio,
            quality: QualitySection(scaleMax: 5, criteria: [EvaluationCriterion(id: "Q1", name: "Q", weight: 100)]),
            socialValue: nil,
            bids: [
                EvaluationBid(bidder: "A", price: 100, quality: .overall(3)),
                EvaluationBid(bidder: "A", price: -1, quality: .perCriterion(["Q1": 2])),
            ])
        #expect(
            problems(input) == [
                "$.weights: must total 100 (they total 110)",
                "$.socialValue: is required when weights.socialValue is more than 0 (null only when it is 0)",
                #"$.bids[1].bidder: must be unique: "A" is also the bidder of $.bids[0]"#,
                "$.bids[0].quality: must be an object of scores by criterion id, as quality.criteria lists criteria",
                "$.bids[1].price: must be greater than 0",
            ])
        #expect(throws: ValidationFailure.self) { try Evaluation.evaluate(input) }
    }

    @Test(arguments: [
        spec,
        doc(weights: ("0", "80", "20"), method: "price-per-quality-point", bids: pqpBids),
        doc(
            weights: ("50", "50", "0"), quality: quality(scaleMax: "5", criteria: criteria, minimumPercent: "40"),
            socialValue: "null",
            bids:
                #"{"bidder": "A", "price": "100.5", "quality": {"Q2": 4, "Q1": 3}}, {"bidder": "B", "price": 99, "quality": {"Q1": 1, "Q2": 1}}"#
        ),
        doc(
            weights: ("50", "30", "20"), quality: quality(scaleMax: "10"),
            socialValue: #"{"method": "qualitative", "measures": [], "scaleMax": 4}"#,
            bids: #"{"bidder": "A", "price": "1", "quality": 2.5, "socialValueScore": 3}"#),
    ])
    func theInputDocumentRoundTrips(text: String) throws {
        let input = try Evaluation.decode(text)
        let exported = input.json.rendered()
        #expect(try Evaluation.decode(exported) == input)
        #expect(try Evaluation.run(exported) == (try Evaluation.run(text)))
    }

    @Test func theExportedInputHasTheSpecShape() throws {
        let json = try Evaluation.decode(Self.spec).json
        #expect(json == (try JSONReader.parse(Self.spec)))
    }
}
