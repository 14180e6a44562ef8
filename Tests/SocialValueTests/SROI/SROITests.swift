import Foundation
import Testing

@testable import SocialValue

/// The SROI calculation (calculations.md §3, DOMAIN.md §6). Every expected figure is worked by
/// hand (or from the spec's worked example) in the comment beside it, never taken from the code.
@Suite struct SROITests {
    static let spec = """
        {
          "title": "Employment support 2026",
          "investment": "100000.00",
          "discountRate": null,
          "outcomes": [
            { "id": "jobs", "stakeholder": "Participants", "description": "Moved into full-time work",
              "quantity": "10", "proxy": "10767.00", "proxySource": "illustrative", "durationYears": 3,
              "deadweight": "0.25", "attribution": "0.20", "displacement": "0", "dropOff": "0.30" }
          ],
          "sensitivity": null
        }
        """

    /// An SROI document; `outcomes` is the inside of the outcomes array.
    static func doc(
        investment: String = #""100000.00""#, rate: String = "null", outcomes: String, sensitivity: String = "null"
    ) -> String {
        """
        {"title": "Test", "investment": \(investment), "discountRate": \(rate), "outcomes": [\(outcomes)],
         "sensitivity": \(sensitivity)}
        """
    }

    static func outcome(
        id: String = "o", quantity: String = "1", proxy: String, years: Int, deadweight: String = "0",
        attribution: String = "0", displacement: String = "0", dropOff: String = "0"
    ) -> String {
        """
        {"id": "\(id)", "stakeholder": "S", "description": "D", "quantity": "\(quantity)", "proxy": "\(proxy)",
         "proxySource": "test", "durationYears": \(years), "deadweight": "\(deadweight)",
         "attribution": "\(attribution)", "displacement": "\(displacement)", "dropOff": "\(dropOff)"}
        """
    }

    func result(_ text: String) throws -> SROIResult { SROI.calculate(try SROI.decode(text)) }

    func f(_ d: Decimal) -> String { DecimalText.format(d) }

    // MARK: - the worked examples

    @Test func theSpecExampleGivesExactlyTheSpecOutput() throws {
        // DOMAIN.md §6: impact = 10 × 10767 × (1 − 0.25) × (1 − 0) × (1 − 0.20) = 64602.00
        // years: 64602.00; × 0.7 = 45221.40; × 0.7 = 31654.98
        // PV: 64602 / 1.035 = 62417.39; 45221.40 / 1.035² (1.071225) = 42214.66;
        //     31654.98 / 1.035³ (1.108717875) = 28550.98; total 133183.03 (from the unrounded parts)
        // NPV = 133183.03 − 100000 = 33183.03; ratio = 133183.03 / 100000 = 1.33
        #expect(
            try SROI.run(Self.spec) == """
                {
                  "outcomes": [
                    {
                      "id": "jobs",
                      "impact": "64602.00",
                      "presentValue": "133183.03"
                    }
                  ],
                  "years": [
                    {
                      "year": 1,
                      "value": "64602.00",
                      "presentValue": "62417.39"
                    },
                    {
                      "year": 2,
                      "value": "45221.40",
                      "presentValue": "42214.66"
                    },
                    {
                      "year": 3,
                      "value": "31654.98",
                      "presentValue": "28550.98"
                    }
                  ],
                  "presentValue": "133183.03",
                  "netPresentValue": "33183.03",
                  "ratio": "1.33",
                  "scenarios": []
                }

                """)
    }

    @Test func theSpecOutputIsTheSameDocumentAsTheSpecShowsIt() throws {
        // calculations.md §3's output as written there, compared as JSON values (the spec lays
        // short objects out on one line; the product pretty-prints every object).
        let spec = """
            {
              "outcomes": [ { "id": "jobs", "impact": "64602.00", "presentValue": "133183.03" } ],
              "years": [
                { "year": 1, "value": "64602.00", "presentValue": "62417.39" },
                { "year": 2, "value": "45221.40", "presentValue": "42214.66" },
                { "year": 3, "value": "31654.98", "presentValue": "28550.98" }
              ],
              "presentValue": "133183.03",
              "netPresentValue": "33183.03",
              "ratio": "1.33",
              "scenarios": []
            }
            """
        #expect(try JSONReader.parse(try SROI.run(Self.spec)) == (try JSONReader.parse(spec)))
    }

    @Test func theDomainWorkedNumbersUnrounded() throws {
        let r = try result(Self.spec)
        #expect(r.outcomes[0].impact == 64602)
        #expect(r.years.map(\.value) == [64602, Decimal(string: "45221.4")!, Decimal(string: "31654.98")!])
        // 62417.391304… + 42214.660786… + 28550.978309… = 133183.030399…; ratio 1.331830…
        #expect(DecimalText.rounded(r.presentValue, places: 6) == Decimal(string: "133183.030399"))
        #expect(DecimalText.rounded(r.ratio, places: 6) == Decimal(string: "1.33183"))
        #expect(r.netPresentValue == r.presentValue - 100000)
    }

    // MARK: - discounting

    @Test func theGreenBookScheduleChangesRateAfterYears30And75AndCompounds() throws {
        let g = SROIDiscounting.greenBook
        #expect(g.rate(inYear: 1) == Decimal(string: "0.035"))
        #expect(g.rate(inYear: 30) == Decimal(string: "0.035"))
        #expect(g.rate(inYear: 31) == Decimal(string: "0.03"))
        #expect(g.rate(inYear: 75) == Decimal(string: "0.03"))
        #expect(g.rate(inYear: 76) == Decimal(string: "0.025"))
        let d = g.divisors(years: 77)
        var p30: Decimal = 1
        for _ in 0..<30 { p30 *= Decimal(string: "1.035")! }
        var p45: Decimal = 1
        for _ in 0..<45 { p45 *= Decimal(string: "1.03")! }
        // DOMAIN.md §6: year 32 = 1 / (1.035^30 × 1.03^2). Compared to 20 decimal places: Decimal
        // keeps 38 significant digits, and multiplying in another order differs in the last one.
        let same = { (a: Decimal, b: Decimal) in
            DecimalText.rounded(a, places: 20) == DecimalText.rounded(b, places: 20)
        }
        #expect(same(d[29], p30))  // 2.80679370…
        #expect(same(d[31], p30 * Decimal(string: "1.0609")!))  // 2.97772744…
        #expect(same(d[74], p30 * p45))  // 2.80679370… × 3.78159584… = 10.61415940…
        #expect(same(d[75], p30 * p45 * Decimal(string: "1.025")!))  // 10.87951338…
    }

    @Test func greenBookPresentValuesAcrossYears30To31And75To76() throws {
        // £1,000,000 a year for 77 years, no drop-off. Divisors by hand:
        // year 29: 1.035^29 = 2.7118780 → 1000000 / 2.7118780 = 368748.15
        // year 30: 1.035^30 = 2.8067937 → 356278.41
        // year 31: 1.035^30 × 1.03 = 2.8909975 → 345901.37 (not 1.035^31 = 2.9050315 → 344230.35)
        // year 32: 1.035^30 × 1.03² = 2.9777274 → 335826.57
        // year 75: 1.035^30 × 1.03^45 (3.7815958) = 10.6141594 → 94213.77
        // year 76: × 1.025 = 10.8795134 → 91915.88 (not × 1.03 = 10.9325842 → 91469.69)
        // year 77: × 1.025² = 11.1515012 → 89674.03
        let r = try result(Self.doc(outcomes: Self.outcome(proxy: "1000000", years: 77)))
        #expect(r.years.count == 77)
        let pv = { (year: Int) in self.f(r.years[year - 1].presentValue) }
        #expect(pv(29) == "368748.15")
        #expect(pv(30) == "356278.41")
        #expect(pv(31) == "345901.37")
        #expect(pv(32) == "335826.57")
        #expect(pv(75) == "94213.77")
        #expect(pv(76) == "91915.88")
        #expect(pv(77) == "89674.03")
    }

    @Test func aFlatRateAppliesEveryYear() throws {
        // 10%: 1000 / 1.1 = 909.090909… + 1000 / 1.21 = 826.446281… = 1735.537190… → 1735.54
        let r = try result(Self.doc(rate: #""0.10""#, outcomes: Self.outcome(proxy: "1000", years: 2)))
        #expect(r.years.map { f($0.presentValue) } == ["909.09", "826.45"])
        #expect(f(r.presentValue) == "1735.54")
        // A flat 3.5% over the spec's three years is the Green Book's first band: 133183.03 again.
        let flat = try result(
            Self.spec.replacingOccurrences(of: #""discountRate": null"#, with: #""discountRate": 0.035"#))
        #expect(f(flat.presentValue) == "133183.03")
        // A flat 3.5% past year 30 is not the Green Book: year 31 is 1000000 / 1.035^31 = 344230.35.
        let long = try result(
            Self.doc(rate: #""0.035""#, outcomes: Self.outcome(proxy: "1000000", years: 31)))
        #expect(f(long.years[30].presentValue) == "344230.35")
        // 0%: no discounting, PV = 3 × 500 = 1500.00
        let zero = try result(Self.doc(rate: "0", outcomes: Self.outcome(proxy: "500", years: 3)))
        #expect(f(zero.presentValue) == "1500.00")
    }

    // MARK: - impact and drop-off

    @Test func impactTakesOffDeadweightDisplacementAndAttribution() throws {
        // 4 × 250 = 1000 × (1 − 0.1) × (1 − 0.5) × (1 − 0.2) = 360.00
        let r = try result(
            Self.doc(
                rate: "0",
                outcomes: Self.outcome(
                    quantity: "4", proxy: "250", years: 1, deadweight: "0.1", attribution: "0.2", displacement: "0.5"))
        )
        #expect(f(r.outcomes[0].impact) == "360.00")
        #expect(f(r.presentValue) == "360.00")
    }

    @Test func dropOffReducesEachLaterYearAndFullDropOffEndsTheValue() throws {
        // 1000, × 0.5 = 500, × 0.5 = 250 (rate 0, so PV = value)
        let half = try result(Self.doc(rate: "0", outcomes: Self.outcome(proxy: "1000", years: 3, dropOff: "0.5")))
        #expect(half.years.map { f($0.value) } == ["1000.00", "500.00", "250.00"])
        #expect(f(half.presentValue) == "1750.00")
        let all = try result(Self.doc(rate: "0", outcomes: Self.outcome(proxy: "1000", years: 3, dropOff: "1")))
        #expect(all.years.map { f($0.value) } == ["1000.00", "0.00", "0.00"])
    }

    @Test func yearsAddUpOutcomesOfDifferentDurations() throws {
        // a: 100 for 2 years; b: 10 for 3 years → years 110, 110, 10; PV per outcome 200 and 30
        let r = try result(
            Self.doc(
                investment: "100", rate: "0",
                outcomes: Self.outcome(id: "a", proxy: "100", years: 2) + ", "
                    + Self.outcome(id: "b", proxy: "10", years: 3)))
        #expect(r.years.map { "\($0.year) \(f($0.value))" } == ["1 110.00", "2 110.00", "3 10.00"])
        #expect(r.outcomes.map { "\($0.id) \(f($0.presentValue))" } == ["a 200.00", "b 30.00"])
        // NPV 230 − 100 = 130; ratio 230 / 100 = 2.30
        #expect(f(r.netPresentValue) == "130.00")
        #expect(f(r.ratio) == "2.30")
    }

    @Test func outputRoundsHalfUpAndTotalsComeFromUnroundedParts() throws {
        // Three outcomes of 0.005 each (1 × 0.005, rate 0): each prints 0.01 (half-up), the total
        // 0.015 prints 0.02 and not 0.03 (the sum of the rounded parts).
        let o = { (id: String) in Self.outcome(id: id, proxy: "0.005", years: 1) }
        let r = try result(Self.doc(rate: "0", outcomes: [o("a"), o("b"), o("c")].joined(separator: ", ")))
        #expect(r.outcomes.map { f($0.presentValue) } == ["0.01", "0.01", "0.01"])
        #expect(f(r.presentValue) == "0.02")
    }

    // MARK: - scenarios

    @Test func sensitivityScenariosAreReportedBesideTheBaseCase() throws {
        // calculations.md §3's scenario: deadweight 0.5. impact = 10 × 10767 × 0.5 × 0.8 = 43068
        // years 43068, 30147.60, 21103.32; PV = 133183.03 × 0.5 / 0.75 = 88788.69; NPV −11211.31; ratio 0.89
        // "small cohort": quantity 5 → half the base: PV 66591.52 (66591.515…), ratio 0.67
        let text = Self.spec.replacingOccurrences(
            of: #""sensitivity": null"#,
            with: #"""
                "sensitivity": [{ "name": "high deadweight", "outcomes": { "jobs": { "deadweight": "0.5" } } },
                                { "name": "small cohort", "outcomes": { "jobs": { "quantity": 5 } } },
                                { "name": "as planned", "outcomes": {} }]
                """#)
        let out = try JSONReader.parse(try SROI.run(text))
        guard case .object(_, let top) = out, case .array(let scenarios)? = top["scenarios"] else {
            Issue.record("no scenarios")
            return
        }
        #expect(top["ratio"] == .string("1.33"))
        #expect(
            scenarios == [
                .ordered([
                    ("name", .string("high deadweight")), ("presentValue", .string("88788.69")),
                    ("netPresentValue", .string("-11211.31")), ("ratio", .string("0.89")),
                ]),
                .ordered([
                    ("name", .string("small cohort")), ("presentValue", .string("66591.52")),
                    ("netPresentValue", .string("-33408.48")), ("ratio", .string("0.67")),
                ]),
                .ordered([
                    ("name", .string("as planned")), ("presentValue", .string("133183.03")),
                    ("netPresentValue", .string("33183.03")), ("ratio", .string("1.33")),
                ]),
            ])
    }

    @Test func aScenarioMayChangeTheDuration() throws {
        // 4 years instead of 3: + 31654.98 × 0.7 = 22158.486 / 1.035^4 (1.147523001) = 19309.84
        // → 133183.0304 + 19309.8404 = 152492.87 (152492.8708…)
        let text = Self.spec.replacingOccurrences(
            of: #""sensitivity": null"#,
            with: #""sensitivity": [{ "name": "longer", "outcomes": { "jobs": { "durationYears": 4 } } }]"#)
        let r = try result(text)
        #expect(f(r.scenarios[0].presentValue) == "152492.87")
        #expect(r.years.count == 3)
    }

    // MARK: - beyond the document: payback and the tornado table

    @Test func paybackIsTheFractionalYearTheCumulativePresentValueReachesTheInvestment() throws {
        // Spec example: after year 1, 62417.39; year 2 adds 42214.66 → 104632.05 ≥ 100000, so
        // payback = 1 + (100000 − 62417.391304) / 42214.663120 = 1 + 0.890274 = 1.89
        let input = try SROI.decode(Self.spec)
        let p = SROI.payback(input, SROI.calculate(input))
        #expect(p.years.map(f) == "1.89")
        #expect(p.json == .ordered([("withinAnalysisPeriod", .bool(true)), ("years", .string("1.89"))]))
        // At rate 0, 1000 a year: 2000 is reached exactly at the end of year 2, 2500 half-way through year 3.
        for (investment, years) in [("2000", "2.00"), ("2500", "2.50"), ("500", "0.50")] {
            let i = try SROI.decode(
                Self.doc(investment: "\"\(investment)\"", rate: "0", outcomes: Self.outcome(proxy: "1000", years: 3)))
            #expect(SROI.payback(i, SROI.calculate(i)).years.map(f) == years)
        }
    }

    @Test func paybackNotWithinTheAnalysisPeriod() throws {
        // The spec's PV is 133183.03, below an investment of 200000.
        let input = try SROI.decode(Self.spec.replacingOccurrences(of: "100000.00", with: "200000.00"))
        let p = SROI.payback(input, SROI.calculate(input))
        #expect(p.years == nil)
        #expect(p.json == .ordered([("withinAnalysisPeriod", .bool(false)), ("years", .null)]))
    }

    @Test func theTornadoTableVariesEachParameterByHalfAndOrdersByTheSwing() throws {
        // Base ratio 1.331830. One at a time, ±50%:
        // proxy 5383.5 / 16150.5: ratio × 0.5 = 0.665915 → 0.67, × 1.5 = 1.997745 → 2.00; swing 1.331830 → 1.33
        // deadweight 0.125 / 0.375: × 0.875/0.75 = 1.553802 → 1.55, × 0.625/0.75 = 1.109859 → 1.11; swing 0.443943 → 0.44
        // drop-off 0.15 / 0.45: PV 64602/1.035 + 54911.7/1.071225 + 46674.945/1.108717875 = 155776.18 → 1.56;
        //   62417.39 + 35531.1/1.071225 + 19542.105/1.108717875 = 113211.91 → 1.13; swing 0.425643 → 0.43
        // attribution 0.1 / 0.3: × 0.9/0.8 = 1.498309 → 1.50, × 0.7/0.8 = 1.165352 → 1.17; swing 0.332958 → 0.33
        let t = SROI.tornado(try SROI.decode(Self.spec))
        #expect(t.count == 1)
        #expect(t[0].outcome == "jobs")
        let rows = t[0].rows.map { r in
            "\(r.parameter.rawValue) \(DecimalText.plainNumber(r.low))…\(DecimalText.plainNumber(r.high)) \(f(r.ratioLow)) \(f(r.ratioHigh)) \(f(r.swing))"
        }
        #expect(
            rows == [
                "proxy 5383.5…16150.5 0.67 2.00 1.33",
                "deadweight 0.125…0.375 1.55 1.11 0.44",
                "dropOff 0.15…0.45 1.56 1.13 0.43",
                "attribution 0.1…0.3 1.50 1.17 0.33",
            ])
    }

    @Test func tornadoRatesAreBoundedToOne() throws {
        // Deadweight 0.8: +50% would be 1.2, bounded to 1 → impact 0 → ratio 0.00. Rate 0, investment
        // 100, 1000 × (1 − 0.8) = 200 → base ratio 2.00; at 0.4: 1000 × 0.6 = 600 → 6.00; swing 6.00.
        let t = SROI.tornado(
            try SROI.decode(
                Self.doc(
                    investment: "100", rate: "0", outcomes: Self.outcome(proxy: "1000", years: 1, deadweight: "0.8"))))
        let dw = try #require(t[0].rows.first { $0.parameter == .deadweight })
        #expect(dw.high == 1)
        #expect(f(dw.ratioHigh) == "0.00")
        #expect(f(dw.ratioLow) == "6.00")
        #expect(t[0].rows.first?.parameter == .deadweight)
        // With one year, drop-off changes nothing and an attribution of 0 stays 0 either way.
        #expect(t[0].rows.filter { $0.swing == 0 }.map(\.parameter) == [.attribution, .dropOff])
    }

    @Test func theFullDocumentAddsPaybackAndTornadoAfterTheSpecMembers() throws {
        let out = try JSONReader.parse(try SROI.run(Self.spec, detail: .full))
        guard case .object(let keys, let top) = out else {
            Issue.record("not an object")
            return
        }
        #expect(
            keys == [
                "outcomes", "years", "presentValue", "netPresentValue", "ratio", "scenarios", "payback", "tornado",
            ])
        #expect(top["payback"] == .ordered([("withinAnalysisPeriod", .bool(true)), ("years", .string("1.89"))]))
        guard case .array(let t)? = top["tornado"], case .object(_, let first)? = t.first,
            case .array(let rows)? = first["rows"]
        else {
            Issue.record("no tornado")
            return
        }
        #expect(first["outcome"] == .string("jobs"))
        #expect(
            rows.first
                == .ordered([
                    ("parameter", .string("proxy")), ("base", .string("10767")), ("low", .string("5383.5")),
                    ("high", .string("16150.5")), ("ratioLow", .string("0.67")), ("ratioHigh", .string("2.00")),
                    ("swing", .string("1.33")),
                ]))
    }
}
