import Foundation
import Testing

@testable import SocialValue

/// Worked cases from DOMAIN.md §2 and calculations.md §1, with the figures of thresholds.csv
/// worked by hand (not taken from the code's output).
@Suite struct ScreeningTests {
    static let table: ThresholdTable = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/Storage/Resources/thresholds/thresholds.csv")
        return try! ThresholdTable.parse(csv: try! String(contentsOf: url, encoding: .utf8))
    }()

    func doc(
        authority: String = "sub-central", start: String = "2026-03-01", kind: String = "services",
        lightTouch: Bool = false, value: String = "\"250000.00\"", vat: Bool = true, components: String = "null",
        extraContract: String = "", callOff: Bool = false, establishes: Bool = false, urgency: String? = nil
    ) -> String {
        """
        {"authorityType": "\(authority)", "procurementStart": "\(start)",
         "contract": {"kind": "\(kind)", "lightTouch": \(lightTouch), "value": \(value), "valueIncludesVAT": \(vat),
           "components": \(components), "frameworkCallOff": \(callOff), "establishesFramework": \(establishes)\(extraContract)}
         \(urgency.map { ", \"urgency\": \($0)" } ?? "")}
        """
    }

    func screen(_ text: String) throws -> ScreeningResult {
        try Screening.screen(try Screening.decode(text), thresholds: Self.table)
    }

    func problems(_ text: String) -> [String] {
        do {
            _ = try Screening.run(text, thresholds: Self.table)
            return []
        } catch let f as ValidationFailure {
            return f.errors.map { "\($0.field): \($0.message)" }
        } catch { return ["unexpected \(error)"] }
    }

    @Test func theSpecExampleGivesTheSpecOutput() throws {
        let out = try Screening.run(
            doc(urgency: #"{"claimed": false, "causedByAuthorityDelay": false}"#), thresholds: Self.table)
        let parsed = try JSONReader.parse(out)
        guard case .object(let keys, let v) = parsed else {
            Issue.record("not an object")
            return
        }
        #expect(
            keys == [
                "actApplies", "regime", "threshold", "comparedValue", "reasons", "mustConsider", "urgencyExemption",
                "goodPracticeRecommended",
            ])
        #expect(v["actApplies"] == .bool(true))
        #expect(v["regime"] == .string("procurement-act-2023"))
        #expect(
            v["threshold"]
                == .ordered([
                    ("category", .string("sub-central-supplies-services")), ("amount", .string("207720.00")),
                    ("includesVAT", .bool(true)), ("effectiveFrom", .string("2026-01-01")),
                ]))
        #expect(v["comparedValue"] == .string("250000.00"))
        #expect(v["urgencyExemption"] == .bool(false))
        #expect(v["goodPracticeRecommended"] == .bool(false))
        guard case .array(let reasons)? = v["reasons"], case .array(let must)? = v["mustConsider"] else {
            Issue.record("arrays")
            return
        }
        #expect(reasons.first == .string("services contract"))
        #expect(reasons.contains(.string("value 250000.00 is at or above the threshold 207720.00 (VAT included)")))
        #expect(must.count == 3)
        #expect(must.last == .string("s.1(7) whether to consult"))
    }

    @Test(arguments: [
        ("2013-01-31", "pcr-2006", "173934.00", false),  // the Act's first day; 2012-13 figure, net of VAT
        ("2015-02-25", "pcr-2006", "172514.00", false),
        ("2015-02-26", "pcr-2015", "172514.00", false),
        ("2022-06-01", "pcr-2015", "213477.00", true),  // thresholds include VAT from 2022
        ("2025-02-23", "pcr-2015", "214904.00", true),
        ("2025-02-24", "procurement-act-2023", "214904.00", true),
        ("2026-01-01", "procurement-act-2023", "207720.00", true),
    ])
    func regimeAndThresholdByStartDate(start: String, regime: String, amount: String, includesVAT: Bool) throws {
        let r = try screen(doc(start: start, value: "\"1000000\"", vat: includesVAT))
        #expect(r.regime.rawValue == regime)
        #expect(r.threshold.map { DecimalText.format($0.amount) } == amount)
        #expect(r.threshold?.includesVAT == includesVAT)
        #expect(r.actApplies)
    }

    @Test func aStartBeforeTheActIsAnError() {
        #expect(
            problems(doc(start: "2013-01-30")) == [
                "$.procurementStart: must be on or after 2013-01-31 (the Act was not in force before then)"
            ])
    }

    @Test(arguments: [
        // sub-central 2026: £207,720 including VAT
        ("sub-central", false, "207719.99", false), ("sub-central", false, "207720.00", true),
        ("sub-central", false, "207720.01", true),
        // central government 2026: £135,018 including VAT
        ("central-government", false, "135017.99", false), ("central-government", false, "135018.00", true),
        ("central-government", false, "135018.01", true),
        // light-touch 2026: £663,540 including VAT, whoever buys
        ("central-government", true, "663539.99", false), ("sub-central", true, "663540.00", true),
        ("sub-central", true, "663540.01", true),
    ])
    func thresholdBoundaries(authority: String, lightTouch: Bool, value: String, applies: Bool) throws {
        let r = try screen(doc(authority: authority, lightTouch: lightTouch, value: "\"\(value)\""))
        #expect(r.actApplies == applies)
        #expect(r.comparedValue.map { DecimalText.format($0) } == value)
        #expect(r.goodPracticeRecommended == !applies)
        #expect(r.mustConsider.count == (applies ? 3 : 0))
    }

    @Test func vatInclusiveValueAgainstANetThreshold() throws {
        // 2020 sub-central £189,330 net: 227,196.00 / 1.2 = 189,330.00 exactly, at the threshold.
        let at = try screen(doc(start: "2020-06-01", value: "\"227196.00\"", vat: true))
        #expect(at.comparedValue == Decimal(string: "189330.00"))
        #expect(at.actApplies)
        #expect(
            at.reasons.contains(
                "value 227196.00 including VAT converted to 189330.00 excluding VAT at the standard rate of 20%, as the threshold is net of VAT"
            ))
        // 227,195.99 / 1.2 = 189,329.9916… → 189,329.99, below.
        let below = try screen(doc(start: "2020-06-01", value: "\"227195.99\"", vat: true))
        #expect(below.comparedValue == Decimal(string: "189329.99"))
        #expect(!below.actApplies)
    }

    @Test func netValueAgainstAVatInclusiveThreshold() throws {
        // 2026 sub-central £207,720 including VAT: 173,100.00 × 1.2 = 207,720.00, at the threshold.
        let at = try screen(doc(value: "173100", vat: false))
        #expect(at.comparedValue == Decimal(string: "207720.00"))
        #expect(at.actApplies)
        #expect(
            at.reasons.contains(
                "value 173100.00 excluding VAT converted to 207720.00 including VAT at the standard rate of 20%, as the threshold includes VAT"
            ))
        // 173,099.99 × 1.2 = 207,719.988 → 207,719.99, below.
        let below = try screen(doc(value: "\"173099.99\"", vat: false))
        #expect(DecimalText.format(below.comparedValue!) == "207719.99")
        #expect(!below.actApplies)
    }

    @Test func noConversionWhenTheBasesAgree() throws {
        let r = try screen(doc(value: "\"250000.00\"", vat: true))
        #expect(!r.reasons.contains { $0.contains("converted") })
    }

    @Test func lightTouchUsesPartBBeforeFebruary2015AndScheduleThreeAfter() throws {
        let partB = try screen(doc(start: "2014-06-01", lightTouch: true, value: "\"172514\"", vat: false))
        #expect(partB.threshold?.category == .partBServices)
        #expect(partB.actApplies)
        let schedule3 = try screen(doc(start: "2016-06-01", lightTouch: true, value: "\"589147.99\"", vat: false))
        #expect(schedule3.threshold?.category == .lightTouchServices)
        #expect(DecimalText.format(schedule3.threshold!.amount) == "589148.00")
        #expect(!schedule3.actApplies)
    }

    @Test func callOffsAreExcludedWithNoThreshold() throws {
        let r = try screen(doc(value: "\"5000000\"", callOff: true))
        #expect(!r.actApplies)
        #expect(r.threshold == nil)
        #expect(r.comparedValue == nil)
        #expect(r.goodPracticeRecommended)
        #expect(r.reasons.contains { $0.hasPrefix("call-off under a framework") })
    }

    @Test(arguments: ["goods", "works"])
    func pureGoodsAndWorksAreExcluded(kind: String) throws {
        let r = try screen(doc(kind: kind, value: "\"9000000\""))
        #expect(!r.actApplies)
        #expect(r.threshold == nil)
        #expect(r.goodPracticeRecommended)
        #expect(r.mustConsider.isEmpty)
    }

    @Test func belowThresholdIsExcludedButGoodPracticeIsRecommended() throws {
        let r = try screen(doc(value: "\"50000\""))
        #expect(!r.actApplies)
        #expect(r.threshold != nil)
        #expect(r.goodPracticeRecommended)
        #expect(r.reasons.contains("value 50000.00 is below the threshold 207720.00 (VAT included)"))
    }

    @Test func mixedContractsByWhichPartIsGreater() throws {
        // services worth more than goods, works incidental: screened as services on the total
        let services = try screen(
            doc(
                kind: "mixed", value: "\"260000\"",
                components: #"{"services": "200000", "goods": "50000", "works": "10000"}"#,
                extraContract: #", "worksIncidental": true"#))
        #expect(services.actApplies)
        #expect(services.comparedValue == 260000)
        // services incidental to goods
        let goods = try screen(
            doc(
                kind: "mixed", value: "\"400000\"",
                components: #"{"services": "100000", "goods": "300000", "works": "0"}"#))
        #expect(!goods.actApplies)
        #expect(goods.threshold == nil)
        // works not incidental
        let works = try screen(
            doc(
                kind: "mixed", value: "\"900000\"",
                components: #"{"services": "600000", "goods": "0", "works": "300000"}"#,
                extraContract: #", "worksIncidental": false"#))
        #expect(!works.actApplies)
    }

    @Test func aFrameworkIsScreenedOnItsEstimatedValue() throws {
        let r = try screen(doc(value: "\"3000000\"", establishes: true))
        #expect(r.actApplies)
        #expect(r.reasons.contains { $0.hasPrefix("establishes a framework") })
    }

    @Test func urgencyBothWays() throws {
        let exempt = try screen(doc(urgency: #"{"claimed": true, "causedByAuthorityDelay": false}"#))
        #expect(exempt.urgencyExemption)
        #expect(exempt.actApplies)  // still says whether the Act would apply
        let ownDelay = try screen(doc(urgency: #"{"claimed": true, "causedByAuthorityDelay": true}"#))
        #expect(!ownDelay.urgencyExemption)
        #expect(ownDelay.reasons.contains("urgency claimed but caused by the authority's own delay: no exemption"))
        let omitted = try screen(doc())
        #expect(!omitted.urgencyExemption)
    }

    @Test func unverifiedFiguresAreNamedInTheReasons() throws {
        let r = try screen(doc(start: "2018-06-01", value: "\"500000\"", vat: false))
        #expect(r.reasons.contains { $0.contains("recall (verify)") })
    }

    @Test func badInputNamesEachProblemByJSONPath() {
        #expect(problems("{not json").first?.hasPrefix("$: malformed JSON") == true)
        #expect(problems("[1]") == ["$: must be a JSON object"])
        #expect(
            problems(#"{"authorityType": "sub-central"}"#) == [
                "$.procurementStart: is required", "$.contract: is required",
            ])
        #expect(
            problems(doc(authority: "parish")) == [
                #"$.authorityType: must be one of "central-government", "sub-central""#
            ])
        #expect(problems(doc(start: "2026-02-30")) == ["$.procurementStart: must be a date in the form YYYY-MM-DD"])
        #expect(problems(doc(value: "\"-1.00\"")) == ["$.contract.value: must not be negative"])
        #expect(problems(doc(value: "\"lots\"")) == [#"$.contract.value: must be an amount such as "250000.00""#])
        #expect(
            problems(doc(value: "true")) == [#"$.contract.value: must be an amount such as "250000.00", not a boolean"#]
        )
        #expect(
            problems(doc(kind: "software")) == [
                #"$.contract.kind: must be one of "services", "goods", "works", "mixed""#
            ])
        #expect(
            problems(doc(components: #"{"services": "1", "goods": "0", "works": "0"}"#)) == [
                "$.contract.components: must be null unless kind is mixed"
            ])
        #expect(
            problems(doc(kind: "mixed")) == [
                "$.contract.components: must give the services, goods and works values of a mixed contract"
            ])
        #expect(
            problems(doc(kind: "mixed", value: "\"10\"", components: #"{"services": "5", "goods": "4", "works": "0"}"#))
                == ["$.contract.value: must equal the total of the components (9.00)"])
        #expect(
            problems(
                doc(
                    kind: "mixed", value: "\"9\"",
                    components: #"{"services": "5", "goods": "4", "works": "0", "land": "1"}"#))
                == ["$.contract.components.land: is not a known field"])
        #expect(
            problems(doc(kind: "goods", lightTouch: true)) == [
                "$.contract.lightTouch: only a services or mixed contract can be light-touch"
            ])
        #expect(
            problems(doc(callOff: true, establishes: true)) == [
                "$.contract.establishesFramework: a contract cannot both establish a framework and be a call-off under one"
            ])
        #expect(
            problems(doc(extraContract: #", "worksIncidental": true"#)) == [
                "$.contract.worksIncidental: may be given only for a mixed contract"
            ])
        #expect(
            problems(doc(extraContract: #", "valueIncludesVat": true"#)) == [
                "$.contract.valueIncludesVat: is not a known field"
            ])
        #expect(
            problems(doc(urgency: #"{"claimed": "yes", "causedByAuthorityDelay": false, "why": "x"}"#))
                == ["$.urgency.why: is not a known field", "$.urgency.claimed: must be true or false, not a string"])
        #expect(problems(doc(urgency: "[]")) == ["$.urgency: must be an object or null, not an array"])
        #expect(
            problems(#"{"authorityType": "sub-central", "procurementStart": "2026-03-01", "contract": {}, "extra": 1}"#)
                == [
                    "$.extra: is not a known field", "$.contract.kind: is required",
                    "$.contract.lightTouch: is required",
                    "$.contract.value: is required", "$.contract.valueIncludesVAT: is required",
                    "$.contract.frameworkCallOff: is required",
                    "$.contract.establishesFramework: is required",
                    "$.contract.components: is required (null unless kind is mixed)",
                ])
    }

    @Test func plainNumbersAreAcceptedAndDuplicateKeysAreNot() throws {
        #expect(try screen(doc(value: "250000.5")).comparedValue == Decimal(string: "250000.5"))
        #expect(
            problems(#"{"authorityType": "sub-central", "authorityType": "sub-central"}"#).first?.contains(
                "appears twice") == true)
    }

    @Test func roundingIsHalfUp() {
        #expect(DecimalText.format(Decimal(string: "1.005")!) == "1.01")
        #expect(DecimalText.format(Decimal(string: "1.004")!) == "1.00")
        #expect(DecimalText.format(Decimal(string: "250000")!) == "250000.00")
        #expect(DecimalText.format(Decimal(string: "0.5")!) == "0.50")
    }

    @Test func theShippedThresholdsParse() {
        #expect(Self.table.rows.count == 33)
        #expect(Self.table.rows.contains { $0.verification == "recall (verify)" })
    }
}
