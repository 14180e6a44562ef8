import Foundation

/// How a body implements the Social Value Act over a period (issue 16; docs/reports.md): the
/// figures counted from plain facts the store reads. Each figure keeps the records behind it, so
/// a page can list them (a number a council publishes must be checkable). Money is exact: pence
/// for contract values, unrounded Decimal pounds for social value, rounded once when shown.
public struct ActReport: Sendable, Equatable {
    // MARK: Inputs

    /// A procurement as the report reads it.
    public struct Procurement: Sendable, Equatable {
        public var id: UUID
        public var title: String
        /// The UK day it started (the tender opened); nil if it has not.
        public var startedOn: CalendarDate?
        public var cancelled: Bool
        /// In scope of the Act (the screening's result).
        public var inScope: Bool
        public var signedOffOn: CalendarDate?
        /// The signed-off consideration's social value weighting, percent of the total score.
        public var weightingPercent: Decimal?
        public var pipelinePublishedOn: CalendarDate?

        public init(
            id: UUID, title: String, startedOn: CalendarDate?, cancelled: Bool = false, inScope: Bool,
            signedOffOn: CalendarDate?, weightingPercent: Decimal?, pipelinePublishedOn: CalendarDate? = nil
        ) {
            self.id = id
            self.title = title
            self.startedOn = startedOn
            self.cancelled = cancelled
            self.inScope = inScope
            self.signedOffOn = signedOffOn
            self.weightingPercent = weightingPercent
            self.pipelinePublishedOn = pipelinePublishedOn
        }
    }

    /// An awarded contract: its value and who won it.
    public struct Contract: Sendable, Equatable {
        public var id: UUID
        public var title: String
        public var awardedOn: CalendarDate
        public var value: Money
        public var supplierIsVCSE: Bool
        public var supplierIsSME: Bool

        public init(
            id: UUID, title: String, awardedOn: CalendarDate, value: Money, supplierIsVCSE: Bool, supplierIsSME: Bool
        ) {
            self.id = id
            self.title = title
            self.awardedOn = awardedOn
            self.value = value
            self.supplierIsVCSE = supplierIsVCSE
            self.supplierIsSME = supplierIsSME
        }
    }

    /// Where social value counts: the theme and outcome of a commitment's measure ("Not linked to
    /// an outcome" when the measure is in none of the framework's outcomes).
    public struct Outcome: Sendable, Hashable, Comparable {
        public var theme: String
        public var outcome: String

        public init(theme: String, outcome: String) {
            self.theme = theme
            self.outcome = outcome
        }

        public static let unlinked = Outcome(theme: "Not linked to a theme", outcome: "Not linked to an outcome")
        public static func < (a: Outcome, b: Outcome) -> Bool { (a.theme, a.outcome) < (b.theme, b.outcome) }
    }

    /// Social value in pounds (quantity × proxy, unrounded) with the day that dates it: a
    /// commitment by its contract's award day; a return's delivery by its reporting period's end.
    public struct Value: Sendable, Equatable {
        public var contract: UUID
        public var outcome: Outcome
        public var on: CalendarDate
        public var pounds: Decimal

        public init(contract: UUID, outcome: Outcome, on: CalendarDate, pounds: Decimal) {
            self.contract = contract
            self.outcome = outcome
            self.on = on
            self.pounds = pounds
        }
    }

    /// A published consultation.
    public struct Consultation: Sendable, Equatable {
        public var id: UUID
        public var title: String
        public var opensOn: CalendarDate
        public var meetsMinimum: Bool
        public var shortPeriodReason: String?

        public init(id: UUID, title: String, opensOn: CalendarDate, meetsMinimum: Bool, shortPeriodReason: String?) {
            self.id = id
            self.title = title
            self.opensOn = opensOn
            self.meetsMinimum = meetsMinimum
            self.shortPeriodReason = shortPeriodReason
        }

        var hasReason: Bool { !(shortPeriodReason ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    }

    /// A decided decommissioning case's written notice, as `NoticeRule.check` judged it.
    public struct Notice: Sendable, Equatable {
        public var id: UUID
        public var service: String
        public var givenOn: CalendarDate
        public var check: NoticeCheck

        public init(id: UUID, service: String, givenOn: CalendarDate, check: NoticeCheck) {
            self.id = id
            self.service = service
            self.givenOn = givenOn
            self.check = check
        }
    }

    public struct Input: Sendable, Equatable {
        public var procurements: [Procurement]
        public var contracts: [Contract]
        public var committed: [Value]
        public var verified: [Value]
        public var claimed: [Value]
        public var consultations: [Consultation]
        public var notices: [Notice]

        public init(
            procurements: [Procurement] = [], contracts: [Contract] = [], committed: [Value] = [],
            verified: [Value] = [], claimed: [Value] = [], consultations: [Consultation] = [], notices: [Notice] = []
        ) {
            self.procurements = procurements
            self.contracts = contracts
            self.committed = committed
            self.verified = verified
            self.claimed = claimed
            self.consultations = consultations
            self.notices = notices
        }
    }

    // MARK: Figures

    /// `part` of `whole`, and the percentage rounded half up to one place (none of nothing).
    public struct Share: Sendable, Equatable {
        public var part: Decimal
        public var whole: Decimal

        public init(_ part: Decimal, of whole: Decimal) {
            self.part = part
            self.whole = whole
        }

        public var percent: Decimal? { whole == 0 ? nil : DecimalText.rounded(part * 100 / whole, places: 1) }
    }

    /// £ committed, verified and claimed (awaiting verification) for one theme and outcome.
    public struct OutcomeValue: Sendable, Equatable {
        public var outcome: Outcome
        public var committed: Decimal
        public var verified: Decimal
        public var claimed: Decimal
    }

    public let period: ReportPeriod
    /// Procurements that started in the period, not cancelled.
    public let started: [Procurement]
    /// Of those, in scope of the Act.
    public let inScope: [Procurement]
    /// In scope, with the consideration signed off on or before the start day.
    public let consideredInTime: [Procurement]
    /// In scope, signed off after the start day or never (`Procurement.isLate`, docs/indicators.md CW03).
    public let consideredLate: [Procurement]
    /// Started, with a signed-off weighting.
    public let weighted: [Procurement]
    /// Of those, weighting social value at 10% or more (PPN 002's minimum, DOMAIN.md §3).
    public let weightedAtLeast10: [Procurement]
    /// The mean weighting of `weighted`, rounded half up to one place.
    public let averageWeightingPercent: Decimal?
    /// Contracts awarded in the period.
    public let awarded: [Contract]
    public let awardedValue: Money
    public let vcseShare: Share
    public let smeShare: Share
    public let committed: Decimal
    public let verified: Decimal
    public let claimed: Decimal
    public let byOutcome: [OutcomeValue]
    /// Published consultations that opened in the period.
    public let consultations: [Consultation]
    /// Of those, meeting the minimum period or with the reason for a shorter one published.
    public let consultationsMeetingOrExplained: [Consultation]
    /// Decommissioning notices given in the period.
    public let notices: [Notice]
    /// Of those, meeting the minimum notice (`NoticeCheck.compliant`).
    public let noticesMeetingMinimum: [Notice]
    /// Of those, short with an exceptional reason (not a breach).
    public let noticesShortWithReason: [Notice]
    /// A procurement started after a pipeline notice, and the whole weeks of notice it gave.
    public struct PipelineNotice: Sendable, Equatable {
        public var procurement: Procurement
        public var weeks: Int
    }

    /// Procurements started in the period after a pipeline notice (`Procurement.noticeWeeks`).
    public let pipelineNotice: [PipelineNotice]
    /// The median of those weeks (the mean of the middle two of an even count).
    public let medianPipelineWeeks: Decimal?

    public init(period: ReportPeriod, _ input: Input) {
        self.period = period
        let p = period
        let started = input.procurements.filter { !$0.cancelled && $0.startedOn.map(p.contains) == true }
        self.started = started
        let inScope = started.filter(\.inScope)
        self.inScope = inScope
        let late = inScope.filter { x in
            x.signedOffOn == nil || SocialValue.Procurement.isLate(signedOffOn: x.signedOffOn, startedOn: x.startedOn)
        }
        consideredLate = late
        consideredInTime = inScope.filter { x in !late.contains { $0.id == x.id } }
        let weighted = started.filter { $0.signedOffOn != nil && $0.weightingPercent != nil }
        self.weighted = weighted
        weightedAtLeast10 = weighted.filter {
            $0.weightingPercent! >= Decimal(SocialValue.Procurement.ppn002MinimumPercent)
        }
        let weights = weighted.compactMap(\.weightingPercent)
        averageWeightingPercent =
            weights.isEmpty ? nil : DecimalText.rounded(weights.reduce(0, +) / Decimal(weights.count), places: 1)

        let awarded = input.contracts.filter { p.contains($0.awardedOn) }
        self.awarded = awarded
        let total = Self.pence(awarded)
        awardedValue = Money(pence: total)
        vcseShare = Share(Decimal(Self.pence(awarded.filter(\.supplierIsVCSE))), of: Decimal(total))
        smeShare = Share(Decimal(Self.pence(awarded.filter(\.supplierIsSME))), of: Decimal(total))

        let committedIn = input.committed.filter { p.contains($0.on) }
        let verifiedIn = input.verified.filter { p.contains($0.on) }
        let claimedIn = input.claimed.filter { p.contains($0.on) }
        committed = Self.pounds(committedIn)
        verified = Self.pounds(verifiedIn)
        claimed = Self.pounds(claimedIn)
        byOutcome = Set((committedIn + verifiedIn + claimedIn).map(\.outcome)).sorted().map { o in
            OutcomeValue(
                outcome: o, committed: Self.pounds(committedIn.filter { $0.outcome == o }),
                verified: Self.pounds(verifiedIn.filter { $0.outcome == o }),
                claimed: Self.pounds(claimedIn.filter { $0.outcome == o }))
        }

        let consultations = input.consultations.filter { p.contains($0.opensOn) }
        self.consultations = consultations
        consultationsMeetingOrExplained = consultations.filter { $0.meetsMinimum || $0.hasReason }
        let notices = input.notices.filter { p.contains($0.givenOn) }
        self.notices = notices
        noticesMeetingMinimum = notices.filter { $0.check == .compliant }
        noticesShortWithReason = notices.filter {
            if case .shortWithReason = $0.check { return true }
            return false
        }

        let pipeline = started.compactMap { x in
            SocialValue.Procurement.noticeWeeks(publishedOn: x.pipelinePublishedOn, tenderOpenedOn: x.startedOn).map {
                PipelineNotice(procurement: x, weeks: $0)
            }
        }
        pipelineNotice = pipeline
        medianPipelineWeeks = Self.median(pipeline.map { Decimal($0.weeks) })
    }

    static func pence(_ contracts: [Contract]) -> Int64 { contracts.reduce(0) { $0 + $1.value.pence } }
    static func pounds(_ values: [Value]) -> Decimal { values.reduce(0) { $0 + $1.pounds } }

    /// The middle value of the sorted list, or the mean of the middle two; nil when empty.
    public static func median(_ values: [Decimal]) -> Decimal? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        let mid = s.count / 2
        return s.count % 2 == 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2
    }

    /// Themes summed from `byOutcome`, in name order.
    public var byTheme: [OutcomeValue] {
        Dictionary(grouping: byOutcome, by: \.outcome.theme).keys.sorted().map { theme in
            let rows = byOutcome.filter { $0.outcome.theme == theme }
            return OutcomeValue(
                outcome: Outcome(theme: theme, outcome: ""), committed: rows.reduce(0) { $0 + $1.committed },
                verified: rows.reduce(0) { $0 + $1.verified }, claimed: rows.reduce(0) { $0 + $1.claimed })
        }
    }
}
