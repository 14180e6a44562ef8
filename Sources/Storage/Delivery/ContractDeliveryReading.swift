import Fluent
import Foundation
import SocialValue

/// Delivery against commitments for one contract (docs/delivery.md; issue 14): each commitment's
/// expected to date, RAG, forecast and at risk, and the cumulative timeline behind the chart.
/// Read through the monitoring access rules: someone who cannot see the contract's monitoring
/// finds nothing.
extension MonitoringStore {
    public struct Delivery: Sendable {
        public let contract: ContractModel
        public let delivery: ContractDelivery
        public let timeline: [ContractDelivery.Point]
        public let thresholds: DeliveryThresholds
    }

    /// The thresholds of the Compacts the buyer has signed, the strictest (highest green, then
    /// highest amber, then lowest tolerance; our design, docs/delivery.md); the defaults without one.
    static func deliveryThresholds(buyer: UUID, on db: Database) async throws -> DeliveryThresholds {
        let signed = try await CompactSignatoryModel.query(on: db).filter(\.$organisation.$id == buyer).with(\.$compact)
            .all()
        let all = signed.map(\.compact.settings.delivery)
        return all.max {
            ($0.greenPercent, $0.amberPercent, -$0.atRiskTolerancePercent)
                < ($1.greenPercent, $1.amberPercent, -$1.atRiskTolerancePercent)
        } ?? .defaults
    }

    public func delivery(contract id: UUID, viewer: Viewer, now: Date = Date()) async throws -> Delivery {
        let c = try await Self.visibleContract(id, viewer, on: db)
        let commitments = try await Self.commitments(id, on: db)
        let progress = try await Self.progress(id, commitments: commitments, on: db)
        let returns = try await MonitoringReturnModel.query(on: db).filter(\.$contract.$id == id).all()
        let statuses = Dictionary(returns.map { ($0.periodNumber, $0.statusValue) }, uniquingKeysWith: { a, _ in a })
        var verifiedByPeriod: [Int: [String: Decimal]] = [:]
        let verified = returns.filter { $0.statusValue == .verified }
        for l in try await Self.lines(verified.compactMap(\.id), on: db) {
            guard let r = verified.first(where: { $0.id == l.$monitoringReturn.id }) else { continue }
            verifiedByPeriod[r.periodNumber, default: [:]][l.commitment.measureCode] =
                l.verifiedQuantity.flatMap(DecimalText.parse) ?? 0
        }
        let periods = Self.periods(c)
        let thresholds = try await Self.deliveryThresholds(buyer: c.$buyer.id, on: db)
        let start = CalendarDate(iso: c.startsOn) ?? UKTime.date(at: now)
        let days = ContractDays(start: start, end: CalendarDate(iso: c.endsOn) ?? start)
        let measuredTo = DeliveryClock.measuredTo(periods: periods, statuses: statuses, today: UKTime.date(at: now))
        let d = ContractDelivery(progress: progress, days: days, measuredTo: measuredTo, thresholds: thresholds)
        return Delivery(
            contract: c, delivery: d, timeline: d.timeline(periods: periods, verifiedByPeriod: verifiedByPeriod),
            thresholds: thresholds)
    }
}
