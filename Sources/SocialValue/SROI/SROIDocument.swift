import Foundation

/// One outcome of an SROI analysis (calculations.md §3, DOMAIN.md §6): who it is for, what
/// changes, how much, for how long, its financial proxy and the four adjustments. Fractions are
/// 0…1; nothing is rounded here.
public struct SROIOutcome: Sendable, Equatable {
    public var id: String
    public var stakeholder: String
    public var description: String
    public var quantity: Decimal
    /// £ per unit of the outcome.
    public var proxy: Decimal
    public var proxySource: String
    public var durationYears: Int
    public var deadweight: Decimal
    public var attribution: Decimal
    public var displacement: Decimal
    public var dropOff: Decimal

    public init(
        id: String, stakeholder: String, description: String, quantity: Decimal, proxy: Decimal,
        proxySource: String, durationYears: Int, deadweight: Decimal, attribution: Decimal, displacement: Decimal,
        dropOff: Decimal
    ) {
        self.id = id
        self.stakeholder = stakeholder
        self.description = description
        self.quantity = quantity
        self.proxy = proxy
        self.proxySource = proxySource
        self.durationYears = durationYears
        self.deadweight = deadweight
        self.attribution = attribution
        self.displacement = displacement
        self.dropOff = dropOff
    }
}

/// What a sensitivity scenario changes in one outcome; nil leaves the field as it is.
public struct SROIOverride: Sendable, Equatable {
    public var quantity, proxy, deadweight, attribution, displacement, dropOff: Decimal?
    public var durationYears: Int?

    public init(
        quantity: Decimal? = nil, proxy: Decimal? = nil, durationYears: Int? = nil, deadweight: Decimal? = nil,
        attribution: Decimal? = nil, displacement: Decimal? = nil, dropOff: Decimal? = nil
    ) {
        self.quantity = quantity
        self.proxy = proxy
        self.durationYears = durationYears
        self.deadweight = deadweight
        self.attribution = attribution
        self.displacement = displacement
        self.dropOff = dropOff
    }

    public func applied(to o: SROIOutcome) -> SROIOutcome {
        var o = o
        o.quantity = quantity ?? o.quantity
        o.proxy = proxy ?? o.proxy
        o.durationYears = durationYears ?? o.durationYears
        o.deadweight = deadweight ?? o.deadweight
        o.attribution = attribution ?? o.attribution
        o.displacement = displacement ?? o.displacement
        o.dropOff = dropOff ?? o.dropOff
        return o
    }
}

/// A named sensitivity scenario: overrides by outcome id.
public struct SROIScenario: Sendable, Equatable {
    public var name: String
    public var outcomes: [String: SROIOverride]

    public init(name: String, outcomes: [String: SROIOverride]) {
        self.name = name
        self.outcomes = outcomes
    }
}

/// The SROI input document (calculations.md §3).
public struct SROIInput: Sendable, Equatable {
    public var title: String
    public var investment: Decimal
    /// nil: the Green Book schedule; else this flat rate every year.
    public var discountRate: Decimal?
    public var outcomes: [SROIOutcome]
    /// nil when the document gives `"sensitivity": null`.
    public var sensitivity: [SROIScenario]?

    public init(
        title: String, investment: Decimal, discountRate: Decimal?, outcomes: [SROIOutcome],
        sensitivity: [SROIScenario]?
    ) {
        self.title = title
        self.investment = investment
        self.discountRate = discountRate
        self.outcomes = outcomes
        self.sensitivity = sensitivity
    }

    /// The analysis with a scenario's overrides applied to the outcomes it names.
    public func applying(_ scenario: SROIScenario) -> SROIInput {
        var copy = self
        copy.outcomes = outcomes.map { o in scenario.outcomes[o.id].map { $0.applied(to: o) } ?? o }
        return copy
    }
}

/// How much of the output document to write: the §3 document exactly, or with the payback period
/// and the per-outcome tornado table beside it (docs/calculations.md, "Beyond §3").
public enum SROIDetail: String, Sendable, CaseIterable {
    case document, full
}

/// The SROI output document. Every figure is unrounded; `json` rounds half-up to 2 places.
public struct SROIResult: Sendable, Equatable {
    public struct OutcomeValue: Sendable, Equatable {
        public var id: String
        public var impact, presentValue: Decimal
    }
    public struct YearValue: Sendable, Equatable {
        public var year: Int
        public var value, presentValue: Decimal
    }
    public struct ScenarioValue: Sendable, Equatable {
        public var name: String
        public var presentValue, netPresentValue, ratio: Decimal
    }

    public var outcomes: [OutcomeValue]
    public var years: [YearValue]
    public var presentValue, netPresentValue, ratio: Decimal
    public var scenarios: [ScenarioValue]

    static func money(_ d: Decimal) -> JSONValue { .string(DecimalText.format(d)) }

    /// The output document exactly as calculations.md §3 shows it.
    public var json: JSONValue {
        .ordered(members)
    }

    var members: [(String, JSONValue)] {
        [
            (
                "outcomes",
                .array(
                    outcomes.map {
                        .ordered([
                            ("id", .string($0.id)), ("impact", Self.money($0.impact)),
                            ("presentValue", Self.money($0.presentValue)),
                        ])
                    })
            ),
            (
                "years",
                .array(
                    years.map {
                        .ordered([
                            ("year", .number(String($0.year))), ("value", Self.money($0.value)),
                            ("presentValue", Self.money($0.presentValue)),
                        ])
                    })
            ),
            ("presentValue", Self.money(presentValue)),
            ("netPresentValue", Self.money(netPresentValue)),
            ("ratio", Self.money(ratio)),
            (
                "scenarios",
                .array(
                    scenarios.map {
                        .ordered([
                            ("name", .string($0.name)), ("presentValue", Self.money($0.presentValue)),
                            ("netPresentValue", Self.money($0.netPresentValue)), ("ratio", Self.money($0.ratio)),
                        ])
                    })
            ),
        ]
    }
}
