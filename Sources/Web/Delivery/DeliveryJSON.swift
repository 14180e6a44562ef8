import Foundation
import SocialValue
import Storage
import Vapor

/// Quantities as exact decimals except expected and forecast (4 decimal places, half-up);
/// pounds with 2 decimal places, half-up; percentages with 1. Each £ figure names its basis.
struct DeliveryJSON: Content {
    struct Amount: Content {
        let pounds: String
        /// "verified", "submitted" or "committed".
        let basis: String
    }
    struct Thresholds: Content {
        let ragGreenPercent: Int, ragAmberPercent: Int, atRiskTolerancePercent: Int
    }
    struct Line: Content {
        let measureCode: String, name: String, unit: String, committed: String, verifiedToDate: String
        let awaitingVerification: String, expectedToDate: String
        let percentOfExpected: String?, percentOfCommitted: String?
        /// "green", "amber", "red"; null when nothing is expected yet.
        let rag: String?
        let forecastAtCompletion: String?
        let atRisk: Bool
        let committedValue: Amount, expectedValue: Amount, deliveredValue: Amount, claimedValue: Amount
    }
    struct Point: Content {
        let on: String
        let expected: Amount
        let delivered: Amount?
    }
    let contractId: UUID
    let measuredTo: String?
    let thresholds: Thresholds
    let committedValue: Amount, expectedValue: Amount, deliveredValue: Amount, claimedValue: Amount
    let atRisk: Int
    let lines: [Line]
    let timeline: [Point]

    static func amount<B: ValueBasis>(_ p: Pounds<B>, _ basis: String) -> Amount {
        Amount(pounds: DecimalText.format(p.amount), basis: basis)
    }

    init(_ v: MonitoringStore.Delivery) {
        let d = v.delivery
        contractId = v.contract.id!
        measuredTo = d.measuredTo?.iso
        thresholds = Thresholds(
            ragGreenPercent: v.thresholds.greenPercent, ragAmberPercent: v.thresholds.amberPercent,
            atRiskTolerancePercent: v.thresholds.atRiskTolerancePercent)
        committedValue = Self.amount(d.committedValue, "committed")
        expectedValue = Self.amount(d.expectedValue, "committed")
        deliveredValue = Self.amount(d.verifiedValue, "verified")
        claimedValue = Self.amount(d.submittedValue, "submitted")
        atRisk = d.atRiskCount
        lines = d.lines.map { l in
            let c = l.progress.commitment
            return Line(
                measureCode: c.code, name: c.name, unit: c.unit, committed: DecimalText.plainQuantity(c.committed),
                verifiedToDate: DecimalText.plainQuantity(l.verified),
                awaitingVerification: DecimalText.plainQuantity(l.progress.awaiting),
                expectedToDate: DecimalText.format(l.expectedToDate.value, places: 4),
                percentOfExpected: l.percentOfExpected.map { DecimalText.format($0, places: 1) },
                percentOfCommitted: l.percentOfCommitted.map { DecimalText.format($0, places: 1) },
                rag: l.rag?.rawValue, forecastAtCompletion: l.forecast.map { DecimalText.format($0.value, places: 4) },
                atRisk: l.atRisk, committedValue: Self.amount(l.committedValue, "committed"),
                expectedValue: Self.amount(l.expectedValue, "committed"),
                deliveredValue: Self.amount(l.verifiedValue, "verified"),
                claimedValue: Self.amount(l.submittedValue, "submitted"))
        }
        timeline = v.timeline.map {
            Point(
                on: $0.on.iso, expected: Self.amount($0.expected, "committed"),
                delivered: $0.verified.map { Self.amount($0, "verified") })
        }
    }
}
