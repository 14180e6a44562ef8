import Foundation

/// A priority of a joint social value strategy: an outcome of the adopted framework, ranked,
/// with a local target and the period it covers ("£2m spend with local VCSE organisations a year").
public struct StrategyPriorityInput: Codable, Sendable, Equatable {
    public var outcomeId: UUID?
    public var target: String?
    public var period: String?

    public init(outcomeId: UUID? = nil, target: String? = nil, period: String? = nil) {
        self.outcomeId = outcomeId
        self.target = target
        self.period = period
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        outcomeId = try c.decodeChosenID(forKey: .outcomeId)
        target = try c.decodeIfPresent(String.self, forKey: .target)
        period = try c.decodeIfPresent(String.self, forKey: .period)
    }

    public func validated() throws -> (outcome: UUID, target: String, period: String) {
        var p = Problems()
        if outcomeId == nil { p.add("outcomeId", "Select the outcome this priority is about") }
        let t = p.text(
            target, field: "target", label: "the local target, like ‘£2m spend with local VCSE organisations’", max: 500
        )
        let per = p.text(period, field: "period", label: "the period, like ‘a year’ or ‘2026 to 2029’", max: 100)
        try p.throwIfAny()
        return (outcomeId!, t!, per!)
    }
}

/// What a strategy is called, what it covers and when.
public struct StrategyInput: Codable, Sendable, Equatable {
    public var title: String?
    public var summary: String?
    public var frameworkVersionId: UUID?
    public var startsOn: String?
    public var endsOn: String?

    public init(
        title: String? = nil, summary: String? = nil, frameworkVersionId: UUID? = nil, startsOn: String? = nil,
        endsOn: String? = nil
    ) {
        self.title = title
        self.summary = summary
        self.frameworkVersionId = frameworkVersionId
        self.startsOn = startsOn
        self.endsOn = endsOn
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        summary = try c.decodeIfPresent(String.self, forKey: .summary)
        frameworkVersionId = try c.decodeChosenID(forKey: .frameworkVersionId)
        startsOn = try c.decodeDate(forKey: .startsOn)
        endsOn = try c.decodeDate(forKey: .endsOn)
    }

    public func validated() throws -> (
        title: String, summary: String, version: UUID, starts: CalendarDate, ends: CalendarDate
    ) {
        var p = Problems()
        let t = p.text(title, field: "title", label: "the strategy’s title")
        let s = p.text(summary, field: "summary", label: "a summary", max: 10_000)
        if frameworkVersionId == nil {
            p.add("frameworkVersionId", "Select the adopted framework version the strategy uses")
        }
        let a = date(startsOn, field: "startsOn", label: "the date the strategy starts", &p)
        let b = date(endsOn, field: "endsOn", label: "the date the strategy ends", &p)
        if let a, let b, b <= a {
            p.add(DateEntry.errorField(endsOn, "endsOn"), "The strategy must end after it starts")
        }
        try p.throwIfAny()
        return (t!, s!, frameworkVersionId!, a!, b!)
    }
}

/// A public body signing up to a Compact's strategy, as the strategy page and the API send it.
public struct StrategySignupInput: Codable, Sendable, Equatable {
    public var organisationId: UUID?
    public var signedUpOn: String?

    public init(organisationId: UUID? = nil, signedUpOn: String? = nil) {
        self.organisationId = organisationId
        self.signedUpOn = signedUpOn
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        organisationId = try c.decodeChosenID(forKey: .organisationId)
        signedUpOn = try c.decodeDate(forKey: .signedUpOn)
    }

    /// Rules: a public body, and the date it signed up, today or in the past (`today` is the caller's).
    public func validated(today: CalendarDate) throws -> (organisation: UUID, signedUpOn: CalendarDate) {
        var p = Problems()
        if organisationId == nil { p.add("organisationId", "Select the public body signing up") }
        let on = date(signedUpOn, field: "signedUpOn", label: "the date it signed up", &p)
        DateEntry.notAfter(on, today: today, raw: signedUpOn, field: "signedUpOn", label: "the date it signed up", &p)
        try p.throwIfAny()
        return (organisationId!, on!)
    }
}
