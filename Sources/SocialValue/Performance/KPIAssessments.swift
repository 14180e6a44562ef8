import Foundation

/// The five ratings of a KPI assessment (SI 2024/692 reg. 39; DOMAIN.md §9), with the code the
/// Cabinet Office's OCDS extension gives each (`Observation.measureClassification`).
public enum KPIRating: String, Codable, Sendable, CaseIterable {
    case good
    case approachingTarget = "approaching-target"
    case requiresImprovement = "requires-improvement"
    case inadequate
    case other

    public var label: String {
        switch self {
        case .good: return "Good"
        case .approachingTarget: return "Approaching target"
        case .requiresImprovement: return "Requires improvement"
        case .inadequate: return "Inadequate"
        case .other: return "Other"
        }
    }

    public var ocdsCode: String {
        switch self {
        case .good: return "met"
        case .approachingTarget: return "slightlyBelow"
        case .requiresImprovement: return "below"
        case .inadequate: return "significantlyBelow"
        case .other: return "other"
        }
    }
}

/// A KPI assessment as typed: which due assessment it answers (`PerformanceCalendar.Item.key`),
/// the period assessed, each KPI's rating keyed by the KPI's id, and a narrative. An amendment
/// also gives its `reason`.
public struct AssessmentInput: Codable, Sendable, Equatable {
    public struct RatingInput: Codable, Sendable, Equatable {
        public var rating: String?
        /// Needed for "Other".
        public var explanation: String?

        public init(rating: String? = nil, explanation: String? = nil) {
            self.rating = rating
            self.explanation = explanation
        }
    }

    public var due: String?
    public var periodFrom: String?
    public var periodTo: String?
    public var ratings: [String: RatingInput]?
    public var narrative: String?
    public var reason: String?

    public init(
        due: String? = nil, periodFrom: String? = nil, periodTo: String? = nil, ratings: [String: RatingInput]? = nil,
        narrative: String? = nil, reason: String? = nil
    ) {
        self.due = due
        self.periodFrom = periodFrom
        self.periodTo = periodTo
        self.ratings = ratings
        self.narrative = narrative
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey { case due, periodFrom, periodTo, ratings, narrative, reason }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        due = try c.decodeIfPresent(String.self, forKey: .due)
        periodFrom = try c.decodeDate(forKey: .periodFrom)
        periodTo = try c.decodeDate(forKey: .periodTo)
        ratings = try c.decodeIfPresent([String: RatingInput].self, forKey: .ratings)
        narrative = try c.decodeIfPresent(String.self, forKey: .narrative)
        reason = try c.decodeIfPresent(String.self, forKey: .reason)
    }
}

/// A checked assessment.
public struct KPIAssessment: Sendable, Equatable {
    public struct Rating: Sendable, Equatable {
        public let rating: KPIRating
        public let explanation: String?

        public init(rating: KPIRating, explanation: String?) {
            self.rating = rating
            self.explanation = explanation
        }
    }

    public let due: String
    public let periodFrom: CalendarDate
    public let periodTo: CalendarDate
    public let ratings: [UUID: Rating]
    public let narrative: String

    public init(
        due: String, periodFrom: CalendarDate, periodTo: CalendarDate, ratings: [UUID: Rating], narrative: String
    ) {
        self.due = due
        self.periodFrom = periodFrom
        self.periodTo = periodTo
        self.ratings = ratings
        self.narrative = narrative
    }
}

/// The rules of a KPI assessment (Procurement Act 2023 s.71; docs/performance.md).
public enum KPIAssessments {
    public static let narrativeMaxLength = 10_000
    public static let explanationMaxLength = 2000

    /// What the rules need to know of the contract.
    public struct Facts: Sendable {
        /// Each KPI's id and name, in the order they are shown.
        public let kpis: [(id: UUID, name: String)]
        /// The keys an assessment may answer: the calendar's items not yet assessed (for an
        /// amendment, the amended assessment's own key).
        public let openDue: [String]
        public let start: CalendarDate
        public let end: CalendarDate
        public let today: CalendarDate

        public init(
            kpis: [(id: UUID, name: String)], openDue: [String], start: CalendarDate, end: CalendarDate,
            today: CalendarDate
        ) {
            self.kpis = kpis
            self.openDue = openDue
            self.start = start
            self.end = end
            self.today = today
        }
    }

    /// The field a KPI's rating is reported on: `ratings.<id>.rating`, which the form's radios use.
    public static func ratingField(_ id: UUID) -> String { "ratings.\(id.uuidString).rating" }
    public static func explanationField(_ id: UUID) -> String { "ratings.\(id.uuidString).explanation" }

    /// Every KPI rated, "Other" explained, no rating for a KPI the contract does not have; the
    /// period within the contract, from before to, and not after today; a narrative.
    public static func validate(_ input: AssessmentInput, facts: Facts) throws -> KPIAssessment {
        guard !facts.kpis.isEmpty else {
            throw ValidationFailure("due", "Set the contract’s KPIs before assessing them")
        }
        var p = Problems()
        let due = (input.due ?? "").trimmingCharacters(in: .whitespaces)
        if !facts.openDue.contains(due) {
            p.add(
                "due",
                facts.openDue.isEmpty
                    ? "No assessment is due yet: the first is due 12 months after the start"
                    : "Select which assessment this is")
        }
        let from = DateEntry.read(input.periodFrom, field: "periodFrom", label: "the start of the period", &p)
        let to = DateEntry.read(input.periodTo, field: "periodTo", label: "the end of the period", &p)
        DateEntry.notAfter(
            to, today: facts.today, raw: input.periodTo, field: "periodTo", label: "the end of the period", &p)
        if let from, from < facts.start {
            p.add(
                DateEntry.errorField(input.periodFrom, "periodFrom"),
                "The start of the period must be on or after the contract’s start, \(facts.start.longForm)")
        }
        if let to, to > facts.end {
            p.add(
                DateEntry.errorField(input.periodTo, "periodTo"),
                "The end of the period must be on or before the contract’s end, \(facts.end.longForm)")
        }
        if let from, let to, to < from {
            p.add(
                DateEntry.errorField(input.periodTo, "periodTo"),
                "The end of the period must be on or after its start")
        }
        var ratings: [UUID: KPIAssessment.Rating] = [:]
        let given = input.ratings ?? [:]
        let known = Set(facts.kpis.map { $0.id.uuidString })
        for key in given.keys.sorted() where !known.contains(key.uppercased()) {
            p.add("ratings", "The contract has no KPI \(key)")
        }
        for kpi in facts.kpis {
            let typed = given.first { $0.key.uppercased() == kpi.id.uuidString }?.value
            guard let rating = KPIRating(rawValue: typed?.rating ?? "") else {
                p.add(ratingField(kpi.id), "Select a rating for “\(kpi.name)”")
                continue
            }
            let explanation = p.text(
                typed?.explanation, field: explanationField(kpi.id), label: "why “\(kpi.name)” is rated Other",
                required: rating == .other, max: explanationMaxLength)
            ratings[kpi.id] = .init(rating: rating, explanation: explanation)
        }
        let narrative = p.text(
            input.narrative, field: "narrative", label: "a narrative of the contract’s performance",
            max: narrativeMaxLength)
        try p.throwIfAny()
        return KPIAssessment(due: due, periodFrom: from!, periodTo: to!, ratings: ratings, narrative: narrative!)
    }

    /// An amendment: the assessment as amended under the same rules, with a reason and a change.
    public static func validateAmendment(
        _ input: AssessmentInput, facts: Facts, current: KPIAssessment, version: Int
    ) throws -> (KPIAssessment, reason: String) {
        var p = Problems()
        let amended = try AmendmentRule.checked(&p) { try validate(input, facts: facts) }
        let rule = AmendmentRule(record: "the assessment", unchangedField: "narrative")
        let reason = rule.check(
            reason: input.reason, changes: amended.map { $0 == current ? [] : ["changed"] }, currentVersion: version,
            &p)
        try p.throwIfAny()
        return (amended!, reason!)
    }
}
