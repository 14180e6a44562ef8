import Foundation

extension ActReport {
    /// What a figure is: a count, a share of records, a share of money (in pence), pounds, a
    /// percentage or weeks (none when nothing is counted).
    public enum FigureValue: Sendable, Equatable {
        case count(Int)
        case share(Share)
        case valueShare(Share)
        case pounds(Decimal)
        case percent(Decimal?)
        case weeks(Decimal?)

        /// The number a comparison and the API use: a share's percentage, else the value.
        public var number: Decimal? {
            switch self {
            case .count(let n): return Decimal(n)
            case .share(let s), .valueShare(let s): return s.percent
            case .pounds(let p): return p
            case .percent(let p), .weeks(let p): return p
            }
        }

        /// This period's value less the previous period's (percentage points for a share or a
        /// percentage); none when either has no value.
        public func change(from previous: FigureValue) -> Decimal? {
            guard let now = number, let then = previous.number else { return nil }
            return now - then
        }
    }

    /// One line of the report: a stable key (the CSV and API name it), its label, its value and the
    /// list of records behind it (an anchor on the report page).
    public struct Figure: Sendable, Equatable {
        public let key: String
        public let label: String
        public let value: FigureValue
        public let list: String?
    }

    /// The report's figures in the order the issue names them (docs/reports.md "Figures").
    public var figures: [Figure] {
        [
            Figure(
                key: "procurementsStarted", label: "Procurements started", value: .count(started.count),
                list: "started"),
            Figure(
                key: "inScope", label: "Procurements in scope of the Act", value: .count(inScope.count),
                list: "in-scope"),
            Figure(
                key: "consideredInTime", label: "In scope, with the consideration recorded before the start",
                value: .share(Share(Decimal(consideredInTime.count), of: Decimal(inScope.count))), list: "in-time"),
            Figure(
                key: "consideredLate", label: "In scope, with the consideration recorded late or not at all",
                value: .count(consideredLate.count), list: "late"),
            Figure(
                key: "weightingAtLeast10", label: "Weighting social value at 10% or more",
                value: .share(Share(Decimal(weightedAtLeast10.count), of: Decimal(weighted.count))), list: "weighting"),
            Figure(
                key: "averageWeighting", label: "Average social value weighting",
                value: .percent(averageWeightingPercent), list: "weighting"),
            Figure(key: "contractsAwarded", label: "Contracts awarded", value: .count(awarded.count), list: "awarded"),
            Figure(
                key: "awardedValue", label: "Value of contracts awarded",
                value: .pounds(Decimal(awardedValue.pence) / 100),
                list: "awarded"),
            Figure(
                key: "vcseShare", label: "Share of awarded value to VCSE organisations", value: .valueShare(vcseShare),
                list: "awarded"),
            Figure(
                key: "smeShare", label: "Share of awarded value to SMEs", value: .valueShare(smeShare), list: "awarded"),
            Figure(
                key: "committed", label: "Social value committed in contracts awarded", value: .pounds(committed),
                list: "outcomes"),
            Figure(
                key: "verified", label: "Social value delivered, verified", value: .pounds(verified), list: "outcomes"),
            Figure(
                key: "claimed", label: "Social value claimed, awaiting verification", value: .pounds(claimed),
                list: "outcomes"),
            Figure(
                key: "consultationsMeetingOrExplained",
                label: "Consultations meeting the minimum period or with the reason for a shorter one",
                value: .share(
                    Share(Decimal(consultationsMeetingOrExplained.count), of: Decimal(consultations.count))),
                list: "consultations"),
            Figure(
                key: "noticesMeetingMinimum", label: "Decommissioning notices meeting the minimum",
                value: .share(Share(Decimal(noticesMeetingMinimum.count), of: Decimal(notices.count))),
                list: "notices"),
            Figure(
                key: "medianPipelineWeeks", label: "Median weeks of pipeline notice before tenders opened",
                value: .weeks(medianPipelineWeeks), list: "pipeline"),
        ]
    }
}
