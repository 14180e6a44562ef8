import Foundation

/// An indicator (issue 16, docs/indicators.md): a code analysts' tools can key on, a title, the rule
/// in words and where the rule comes from, so a page can explain each flag. Two codes are the Open
/// Contracting Partnership's Cardinal codes for the same red flag (R003, R018); the others are ours
/// (`CW` and a number), since Cardinal has no social value or Compact indicators.
public enum IndicatorCode: String, Sendable, Equatable, Hashable, Codable, CaseIterable, Comparable {
    case weightingBelowPPN002 = "CW01"
    case weightingOutsideBand = "CW02"
    case considerationLate = "CW03"
    case consultationShort = "CW04"
    case noticeBreach = "CW05"
    case kpisMissing = "CW06"
    case returnsOverdue = "CW07"
    case deliveryBehind = "CW08"
    case assessmentsOverdue = "CW09"
    case shortSubmissionPeriod = "R003"
    case singleBid = "R018"

    public static func < (a: IndicatorCode, b: IndicatorCode) -> Bool { a.rawValue < b.rawValue }

    public var title: String {
        switch self {
        case .weightingBelowPPN002: return "Social value weighting below 10% (central government)"
        case .weightingOutsideBand: return "Social value weighting outside the Compact’s band without a reason"
        case .considerationLate: return "Social value consideration recorded late"
        case .consultationShort: return "Consultation shorter than the minimum without a reason"
        case .noticeBreach: return "Decommissioning notice breach"
        case .kpisMissing: return "Contract over £5m without KPIs or a reason"
        case .returnsOverdue: return "Monitoring returns overdue"
        case .deliveryBehind: return "Delivery below the amber threshold (70%) of expected"
        case .assessmentsOverdue: return "KPI assessments overdue"
        case .shortSubmissionPeriod: return "Tender open for a short time"
        case .singleBid: return "Tender with a single bid"
        }
    }

    public var rule: String {
        switch self {
        case .weightingBelowPPN002:
            return
                "A central government department’s procurement weights social value below 10% of the total score. A reason does not lift the flag: the 10% minimum is mandatory."
        case .weightingOutsideBand:
            return
                "The social value weighting is below the lowest or above the highest weighting the buyer’s Compact suggests for a contract of that value (with the 10% floor for central government), and no reason for the difference is recorded."
        case .considerationLate:
            return
                "The social value consideration was signed off after the day the procurement started, or the procurement is in scope of the Act, has started and has no signed-off consideration."
        case .consultationShort:
            return
                "A consultation that has opened runs for fewer days than its Compact’s minimum (84 days, 12 weeks, by default) and no reason for the shorter period is recorded."
        case .noticeBreach:
            return
                "A decision to reduce or end funding takes effect before the day notice was given plus the Compact’s minimum notice in calendar months (3 by default), with no exceptional reason recorded."
        case .kpisMissing:
            return
                "A standard contract worth more than £5,000,000 including VAT has fewer than 3 KPIs and no recorded reason why KPIs are not appropriate. Exactly £5,000,000 is not over."
        case .returnsOverdue:
            return
                "A reporting period’s due date (the period’s end + 30 days) has passed and no monitoring return for it is submitted or verified. The value is the number of such periods."
        case .deliveryBehind:
            return
                "A commitment’s verified delivery is below the amber threshold of what was expected to date (70% unless the buyer’s Compact sets another), that is its RAG is red. Exactly 70% is not flagged. The value is the number of such commitments."
        case .assessmentsOverdue:
            return
                "A contract with KPIs owes an assessment that is not recorded: a yearly one after its day, or one for the end, a termination or a breach or failure to perform more than 30 days after it. The value is the number of such assessments."
        case .shortSubmissionPeriod:
            return
                "A published tender’s deadline is fewer than 25 calendar days after the day it was published (UK dates). Exactly 25 days is not flagged."
        case .singleBid:
            return
                "A tender whose deadline has passed received exactly one submitted bid. Before the deadline bids are sealed and nothing is shown."
        }
    }

    public var source: String {
        switch self {
        case .weightingBelowPPN002:
            return "PPN 06/20 and PPN 002 (DOMAIN.md §3): a minimum 10% social value weighting for central government"
        case .weightingOutsideBand:
            return "The Compact’s proportionality table (docs/compact.md; DOMAIN.md §7, principle 3.6)"
        case .considerationLate:
            return "Public Services (Social Value) Act 2012 s.1(3): consider before starting (DOMAIN.md §2)"
        case .consultationShort:
            return "Compact principle 2.4: 12-week consultations, reasons for anything shorter (DOMAIN.md §7)"
        case .noticeBreach:
            return "Compact principle 4.x: at least three months’ written notice (DOMAIN.md §7)"
        case .kpisMissing:
            return "Procurement Act 2023 s.52 (DOMAIN.md §9; docs/delivery.md)"
        case .returnsOverdue:
            return "Compact principle 3.6: monitoring agreed before the contract (DOMAIN.md §7; docs/monitoring.md)"
        case .deliveryBehind:
            return "Delivery RAG (docs/delivery.md, “RAG”)"
        case .assessmentsOverdue:
            return "Procurement Act 2023 s.71 (DOMAIN.md §9; docs/performance.md, “What is due”)"
        case .shortSubmissionPeriod:
            return
                "Cardinal R003 “Short submission period”; the 25-day threshold is our choice after the Procurement Act 2023 s.54 minimum for an open procedure with electronic tenders (verify; docs/indicators.md)"
        case .singleBid:
            return "Cardinal R018 “Single bid received” (DOMAIN.md §10)"
        }
    }

    /// Whether a flag of this code belongs to a procurement (its ocid) or only to a body.
    public var hasOCID: Bool { self != .consultationShort && self != .noticeBreach }
}

// MARK: - Inputs

/// A procurement's social value weighting (CW01, CW02). `weightingPercent` is a decimal percentage
/// of the total score (whole numbers in this product; imported data may carry fractions).
public struct WeightingInput: Sendable, Equatable {
    public var authority: AuthorityType
    public var weightingPercent: Decimal
    public var value: Money
    /// The buyer's Compact settings; nil when the buyer has signed no Compact (no band to compare).
    public var settings: CompactSettings?
    public var reason: String?

    public init(
        authority: AuthorityType, weightingPercent: Decimal, value: Money, settings: CompactSettings?,
        reason: String?
    ) {
        self.authority = authority
        self.weightingPercent = weightingPercent
        self.value = value
        self.settings = settings
        self.reason = reason
    }
}

/// A procurement's consideration dates (CW03).
public struct ConsiderationTiming: Sendable, Equatable {
    public var requiredByAct: Bool
    public var startedOn: CalendarDate?
    public var signedOffOn: CalendarDate?

    public init(requiredByAct: Bool, startedOn: CalendarDate?, signedOffOn: CalendarDate?) {
        self.requiredByAct = requiredByAct
        self.startedOn = startedOn
        self.signedOffOn = signedOffOn
    }
}

/// A contract's KPI facts (CW06).
public struct KPIFacts: Sendable, Equatable {
    public var valueIncludingVAT: Decimal
    public var kind: KPIContractKind
    public var kpis: Int
    public var reason: String?

    public init(valueIncludingVAT: Decimal, kind: KPIContractKind, kpis: Int, reason: String?) {
        self.valueIncludingVAT = valueIncludingVAT
        self.kind = kind
        self.kpis = kpis
        self.reason = reason
    }
}

/// One commitment's verified quantity against expected to date (CW08), as `CommitmentDelivery` has them.
public struct CommitmentFigures: Sendable, Equatable {
    public var verified: Decimal
    public var expected: Ratio

    public init(verified: Decimal, expected: Ratio) {
        self.verified = verified
        self.expected = expected
    }
}

/// A published tender's dates and bids (R003, R018).
public struct TenderFacts: Sendable, Equatable {
    /// The UK date it was published.
    public var publishedOn: CalendarDate
    /// The UK date of its deadline.
    public var deadlineOn: CalendarDate
    /// Whether the deadline has passed at the time of asking (bids are sealed before it).
    public var deadlinePassed: Bool
    /// Bids submitted (not drafts, not withdrawn).
    public var submittedBids: Int

    public init(publishedOn: CalendarDate, deadlineOn: CalendarDate, deadlinePassed: Bool, submittedBids: Int) {
        self.publishedOn = publishedOn
        self.deadlineOn = deadlineOn
        self.deadlinePassed = deadlinePassed
        self.submittedBids = submittedBids
    }
}

// MARK: - Rules

/// Each indicator's rule as a function of its input (docs/indicators.md). Every rule reuses the
/// existing rule of its feature; none is re-implemented here.
public enum IndicatorRules {
    /// CW01 (PPN 002, DOMAIN.md §3): central government and weighting < 10 (`Procurement.ppn002MinimumPercent`).
    /// 9.99% is flagged, 10% is not.
    public static func weightingBelowPPN002(_ w: WeightingInput) -> Bool {
        w.authority == .centralGovernment && w.weightingPercent < Decimal(Procurement.ppn002MinimumPercent)
    }

    /// CW02 (docs/compact.md): outside the suggestion `Procurement.proportionality` gives (the band,
    /// with the PPN 002 floor for central government), both ends inclusive, with no reason recorded.
    public static func weightingOutsideBand(_ w: WeightingInput) -> Bool {
        guard let settings = w.settings,
            let s = Procurement.proportionality(settings: settings, value: w.value, authority: w.authority)
        else { return false }
        if !(w.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return false }
        return w.weightingPercent < Decimal(s.minWeightingPercent)
            || w.weightingPercent > Decimal(s.maxWeightingPercent)
    }

    /// CW03 (Act s.1(3), DOMAIN.md §2): `Procurement.isLate`, or required, started by `today` and
    /// never signed off.
    public static func considerationLate(_ c: ConsiderationTiming, today: CalendarDate) -> Bool {
        if Procurement.isLate(signedOffOn: c.signedOffOn, startedOn: c.startedOn) { return true }
        guard c.requiredByAct, c.signedOffOn == nil, let started = c.startedOn else { return false }
        return started <= today
    }

    /// CW04 (principle 2.4): opened by `today`, `ConsultationRecord.meetsMinimum` false, no reason.
    public static func consultationShort(_ r: ConsultationRecord, today: CalendarDate) -> Bool {
        guard r.period.opensOn <= today, !r.meetsMinimum else { return false }
        return (r.shortPeriodReason ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }

    /// CW05 (principle 4.x): `NoticeRule.check` says breach. An effective date before the notice
    /// date is not a notice the rule can check: not flagged here (the decision form refuses it).
    public static func noticeBreach(
        noticeGivenOn: CalendarDate, effectiveOn: CalendarDate, months: Int, exceptionalReason: String?
    ) -> Bool {
        guard
            let r = try? NoticeRule.check(
                noticeGivenOn: noticeGivenOn, effectiveOn: effectiveOn, months: months,
                exceptionalReason: exceptionalReason)
        else { return false }
        return r.check.isBreach
    }

    /// CW09 (Procurement Act 2023 s.71): how many of the calendar's items are overdue.
    public static func assessmentsOverdue(_ items: [PerformanceCalendar.Item]) -> Int {
        items.filter { $0.status == .overdue }.count
    }

    /// CW06 (Procurement Act 2023 s.52): `KPIRule.check` is `.missing`.
    public static func kpisMissing(_ k: KPIFacts) -> Bool {
        if case .missing = KPIRule.check(
            valueIncludingVAT: k.valueIncludingVAT, kind: k.kind, kpis: k.kpis, reason: k.reason)
        {
            return true
        }
        return false
    }

    /// CW07 (docs/monitoring.md): periods past due (`ReportingPeriod.isPastDue`) whose return is
    /// missing, a draft or sent back for changes. 0: not flagged.
    public static func overdueReturns(
        periods: [ReportingPeriod], statuses: [Int: ReturnStatus], today: CalendarDate
    ) -> Int {
        periods.filter { p in
            guard p.isPastDue(today: today) else { return false }
            switch statuses[p.number] {
            case .submitted?, .verified?: return false
            case nil, .draft?, .changesRequested?: return true
            }
        }.count
    }

    /// CW08 (docs/delivery.md "RAG"): commitments whose `RAG.of` is red under `thresholds`
    /// (default amber 70%). 0: not flagged.
    public static func deliveryBehind(_ lines: [CommitmentFigures], thresholds: DeliveryThresholds = .defaults)
        -> Int
    {
        lines.filter { RAG.of(verified: $0.verified, expected: $0.expected, thresholds: thresholds) == .red }.count
    }

    /// Our default for R003 (docs/indicators.md): 25 calendar days.
    public static let shortSubmissionDays = 25

    /// R003: calendar days from the publication date to the deadline date, below `minimumDays`.
    public static func shortSubmissionPeriod(_ t: TenderFacts, minimumDays: Int = shortSubmissionDays) -> Bool {
        t.publishedOn.days(until: t.deadlineOn) < minimumDays
    }

    /// R018: after the deadline only (sealed bids stay sealed), exactly one submitted bid.
    public static func singleBid(_ t: TenderFacts) -> Bool {
        t.deadlinePassed && t.submittedBids == 1
    }
}

// MARK: - Flags and the Cardinal shape

/// One raised flag: which indicator, the body it belongs to, the procurement's ocid when it has
/// one, what it is about (a title for pages), and its value (1 for a yes/no flag, a count otherwise).
public struct IndicatorFlag: Sendable, Equatable {
    public var code: IndicatorCode
    public var body: UUID
    public var ocid: String?
    public var subject: String
    public var value: Decimal

    public init(code: IndicatorCode, body: UUID, ocid: String?, subject: String, value: Decimal = 1) {
        self.code = code
        self.body = body
        self.ocid = ocid
        self.subject = subject
        self.value = value
    }
}

/// The JSON shape of OCP's Cardinal (DOMAIN.md §10): `{"OCID": {ocid: {CODE: value}}, "Buyer":
/// {id: {CODE: value}}}`. Under OCID each flag's value (values of one code on one ocid add up);
/// under Buyer, per body and code, the sum of its flags' values (docs/indicators.md). Only raised
/// flags appear; keys sorted, so the output is stable. Body ids are lower-case UUIDs.
public enum CardinalShape {
    public static func json(_ flags: [IndicatorFlag]) -> JSONValue {
        var byOCID: [String: [IndicatorCode: Decimal]] = [:]
        var byBuyer: [String: [IndicatorCode: Decimal]] = [:]
        for f in flags where f.value != 0 {
            if let ocid = f.ocid { byOCID[ocid, default: [:]][f.code, default: 0] += f.value }
            byBuyer[f.body.uuidString.lowercased(), default: [:]][f.code, default: 0] += f.value
        }
        func group(_ g: [String: [IndicatorCode: Decimal]]) -> JSONValue {
            .ordered(
                g.keys.sorted().map { key in
                    (key, .ordered(g[key]!.keys.sorted().map { ($0.rawValue, .number("\(g[key]![$0]!)")) }))
                })
        }
        return .ordered([("OCID", group(byOCID)), ("Buyer", group(byBuyer))])
    }
}
