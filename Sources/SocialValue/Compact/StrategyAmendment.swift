import Foundation

/// A priority of a joint strategy as its bodies signed up to it: the outcome, the local target
/// and its period, in rank order within `StrategyContent.priorities`.
public struct StrategyPriority: Codable, Sendable, Equatable {
    public var outcomeId: UUID
    public var target: String
    public var period: String

    public init(outcomeId: UUID, target: String, period: String) {
        self.outcomeId = outcomeId
        self.target = target
        self.period = period
    }
}

/// What the public bodies signed up to when they signed up to a Compact's joint strategy: its
/// title, summary, framework version, dates and ranked priorities with their targets. Once a body
/// has signed up, none of it changes in place: a change is a new version with its reason, and
/// each sign-up stays with the version it signed up to (frameworks.md, "Amending a signed-up
/// strategy").
public struct StrategyContent: Codable, Sendable, Equatable {
    public var title: String
    public var summary: String
    public var frameworkVersionId: UUID
    public var startsOn: CalendarDate
    public var endsOn: CalendarDate
    public var priorities: [StrategyPriority]

    public init(
        title: String, summary: String, frameworkVersionId: UUID, startsOn: CalendarDate, endsOn: CalendarDate,
        priorities: [StrategyPriority]
    ) {
        self.title = title
        self.summary = summary
        self.frameworkVersionId = frameworkVersionId
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.priorities = priorities
    }

    /// What differs from `old`, in words. Empty: nothing was changed.
    public func changes(from old: StrategyContent) -> [String] {
        var out: [String] = []
        if old.title != title { out.append("the title") }
        if old.summary != summary { out.append("the summary") }
        if old.frameworkVersionId != frameworkVersionId { out.append("the framework version") }
        if old.startsOn != startsOn || old.endsOn != endsOn { out.append("the dates") }
        if old.priorities != priorities { out.append("the priorities") }
        return out
    }
}

/// An amendment of a signed-up strategy as its form or the API sends it: the strategy's fields as
/// amended (as `StrategyInput` has them), the priorities in rank order (nil or absent: the
/// priorities in force stay; an array replaces them all, `priorities[0][target]` in a form), and
/// `reason` (required).
public struct StrategyAmendmentInput: Codable, Sendable, Equatable {
    public var title: String?
    public var summary: String?
    public var frameworkVersionId: UUID?
    public var startsOn: String?
    public var endsOn: String?
    public var priorities: [StrategyPriorityInput]?
    public var reason: String?

    public init(
        title: String? = nil, summary: String? = nil, frameworkVersionId: UUID? = nil, startsOn: String? = nil,
        endsOn: String? = nil, priorities: [StrategyPriorityInput]? = nil, reason: String? = nil
    ) {
        self.title = title
        self.summary = summary
        self.frameworkVersionId = frameworkVersionId
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.priorities = priorities
        self.reason = reason
    }

    /// The input that gives `c` again, with its priorities: what the amendment form starts from.
    public init(_ c: StrategyContent) {
        self.init(
            title: c.title, summary: c.summary, frameworkVersionId: c.frameworkVersionId, startsOn: c.startsOn.iso,
            endsOn: c.endsOn.iso,
            priorities: c.priorities.map {
                StrategyPriorityInput(outcomeId: $0.outcomeId, target: $0.target, period: $0.period)
            })
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        summary = try c.decodeIfPresent(String.self, forKey: .summary)
        frameworkVersionId = try c.decodeChosenID(forKey: .frameworkVersionId)
        startsOn = try c.decodeDate(forKey: .startsOn)
        endsOn = try c.decodeDate(forKey: .endsOn)
        priorities = try c.decodeIfPresent([StrategyPriorityInput].self, forKey: .priorities)
        reason = try c.decodeIfPresent(String.self, forKey: .reason)
    }
}

/// A checked amendment: the strategy as amended, why, and what changed.
public struct StrategyAmendment: Sendable, Equatable {
    public var content: StrategyContent
    public var reason: String
    public var changes: [String]
}

extension StrategyContent {
    /// The longest reason for an amendment.
    public static let amendmentReasonMaxLength = AmendmentRule.reasonMaxLength

    /// The amendment rule as it names a strategy.
    static let amendmentRule = AmendmentRule(record: "the strategy", unchangedField: "title")

    /// Checks an amendment of the version in force (`current`, version `currentVersion`): the
    /// strategy's fields under the rules for a strategy (`StrategyInput`), each priority under its
    /// own, a reason, and at least one change. Priority problems are named
    /// `priorities[<i>].<field>`. Every problem is reported at once. Whether the framework version
    /// and the outcomes exist is the store's to check.
    public static func validate(
        amendment a: StrategyAmendmentInput, current: StrategyContent, currentVersion: Int
    ) throws -> StrategyAmendment {
        var p = Problems()
        let fields = try AmendmentRule.checked(&p) {
            try StrategyInput(
                title: a.title, summary: a.summary, frameworkVersionId: a.frameworkVersionId, startsOn: a.startsOn,
                endsOn: a.endsOn
            ).validated()
        }
        var priorities: [StrategyPriority] = []
        var prioritiesOK = true
        if let given = a.priorities {
            for (i, input) in given.enumerated() {
                do {
                    let v = try input.validated()
                    priorities.append(StrategyPriority(outcomeId: v.outcome, target: v.target, period: v.period))
                } catch let failure as ValidationFailure {
                    prioritiesOK = false
                    for e in failure.errors {
                        p.add("priorities[\(i)].\(e.field)", "Priority \(i + 1): \(e.message)")
                    }
                }
            }
        } else {
            priorities = current.priorities
        }
        let amended = fields.flatMap { f in
            prioritiesOK
                ? StrategyContent(
                    title: f.title, summary: f.summary, frameworkVersionId: f.version, startsOn: f.starts,
                    endsOn: f.ends, priorities: priorities) : nil
        }
        let changes = amended.map { $0.changes(from: current) }
        let reason = amendmentRule.check(reason: a.reason, changes: changes, currentVersion: currentVersion, &p)
        try p.throwIfAny()
        return StrategyAmendment(content: amended!, reason: reason!, changes: changes!)
    }
}
