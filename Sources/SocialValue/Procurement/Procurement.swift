import Foundation

/// Where a procurement is in its life. Cancelled can be reached from any open status, with a reason.
public enum ProcurementStatus: String, Sendable, Codable, CaseIterable {
    case planning
    case marketEngagement = "market-engagement"
    case tenderOpen = "tender-open"
    case evaluation
    case awarded
    case closed
    case cancelled

    public var label: String {
        switch self {
        case .planning: return "Planning"
        case .marketEngagement: return "Market engagement"
        case .tenderOpen: return "Tender open"
        case .evaluation: return "Evaluation"
        case .awarded: return "Awarded"
        case .closed: return "Closed"
        case .cancelled: return "Cancelled"
        }
    }

    /// The statuses this one may move to.
    public var next: [ProcurementStatus] {
        switch self {
        case .planning: return [.marketEngagement, .tenderOpen, .cancelled]
        case .marketEngagement: return [.tenderOpen, .cancelled]
        case .tenderOpen: return [.evaluation, .cancelled]
        case .evaluation: return [.awarded, .cancelled]
        case .awarded: return [.closed]
        case .closed, .cancelled: return []
        }
    }

    /// Before the tender opens: still a forthcoming opportunity for the pipeline.
    public var isForthcoming: Bool { self == .planning || self == .marketEngagement }
}

/// The authority type screening uses for a kind of public body.
extension OrganisationKind {
    public var authorityType: AuthorityType {
        self == .centralGovernmentDepartment ? .centralGovernment : .subCentral
    }
}

/// A procurement's planned dates, all optional while it is planned.
public struct ProcurementDates: Codable, Sendable, Equatable {
    public var pipelineOn: CalendarDate?
    public var engagementOn: CalendarDate?
    public var tenderOpensOn: CalendarDate?
    public var tenderClosesOn: CalendarDate?
    public var awardOn: CalendarDate?
    public var contractStartsOn: CalendarDate?
    public var contractEndsOn: CalendarDate?

    public init(
        pipelineOn: CalendarDate? = nil, engagementOn: CalendarDate? = nil, tenderOpensOn: CalendarDate? = nil,
        tenderClosesOn: CalendarDate? = nil, awardOn: CalendarDate? = nil, contractStartsOn: CalendarDate? = nil,
        contractEndsOn: CalendarDate? = nil
    ) {
        self.pipelineOn = pipelineOn
        self.engagementOn = engagementOn
        self.tenderOpensOn = tenderOpensOn
        self.tenderClosesOn = tenderClosesOn
        self.awardOn = awardOn
        self.contractStartsOn = contractStartsOn
        self.contractEndsOn = contractEndsOn
    }

    public static let fields: [(key: String, label: String, path: WritableKeyPath<ProcurementDates, CalendarDate?>)] = [
        ("pipelineOn", "pipeline publication date", \.pipelineOn),
        ("engagementOn", "market engagement date", \.engagementOn),
        ("tenderOpensOn", "tender opening date", \.tenderOpensOn),
        ("tenderClosesOn", "tender deadline", \.tenderClosesOn),
        ("awardOn", "award date", \.awardOn),
        ("contractStartsOn", "contract start date", \.contractStartsOn),
        ("contractEndsOn", "contract end date", \.contractEndsOn),
    ]
}

/// A procurement as typed in a form or sent to the API: text, checked by `Procurement.validate`.
/// The page's form and the API use these names. Yes/no fields read `true`/`false` or the form's
/// `yes`/`no` (an unticked checkbox sends nothing: nil, read as no; `valueIncludesVAT` as yes);
/// `lots` is an array or one text with a lot on each line (see `FormValues.swift`).
public struct ProcurementInput: Codable, Sendable, Equatable {
    public var title: String?
    public var description: String?
    public var kind: String?
    public var lightTouch: Bool?
    public var value: String?
    public var valueIncludesVAT: Bool?
    public var servicesValue: String?
    public var goodsValue: String?
    public var worksValue: String?
    public var worksIncidental: Bool?
    public var frameworkCallOff: Bool?
    public var establishesFramework: Bool?
    public var lots: [String]?
    public var pipelineOn: String?
    public var engagementOn: String?
    public var tenderOpensOn: String?
    public var tenderClosesOn: String?
    public var awardOn: String?
    public var contractStartsOn: String?
    public var contractEndsOn: String?
    public var urgencyClaimed: Bool?
    public var urgencyCausedByAuthorityDelay: Bool?
    public var urgencyReason: String?

    public init() {}

    /// The input that gives `d` again: what an edit form starts from, and what a client can send back.
    public init(_ d: ProcurementDetails) {
        func m(_ x: Money) -> String { DecimalText.format(Procurement.decimal(x)) }
        title = d.title
        description = d.description
        kind = d.kind.rawValue
        lightTouch = d.lightTouch
        value = m(d.value)
        valueIncludesVAT = d.valueIncludesVAT
        servicesValue = d.components.map { m($0.services) }
        goodsValue = d.components.map { m($0.goods) }
        worksValue = d.components.map { m($0.works) }
        worksIncidental = d.worksIncidental
        frameworkCallOff = d.frameworkCallOff
        establishesFramework = d.establishesFramework
        lots = d.lots
        for f in ProcurementDates.fields {
            if let path = Self.dates[f.key] { self[keyPath: path] = d.dates[keyPath: f.path]?.iso }
        }
        urgencyClaimed = d.urgencyClaimed
        urgencyCausedByAuthorityDelay = d.urgencyCausedByAuthorityDelay
        urgencyReason = d.urgencyReason
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        kind = try c.decodeIfPresent(String.self, forKey: .kind)
        lightTouch = try c.decodeYesNo(forKey: .lightTouch)
        value = try c.decodeIfPresent(String.self, forKey: .value)
        valueIncludesVAT = try c.decodeYesNo(forKey: .valueIncludesVAT)
        servicesValue = try c.decodeIfPresent(String.self, forKey: .servicesValue)
        goodsValue = try c.decodeIfPresent(String.self, forKey: .goodsValue)
        worksValue = try c.decodeIfPresent(String.self, forKey: .worksValue)
        worksIncidental = try c.decodeYesNo(forKey: .worksIncidental)
        frameworkCallOff = try c.decodeYesNo(forKey: .frameworkCallOff)
        establishesFramework = try c.decodeYesNo(forKey: .establishesFramework)
        lots = try c.decodeLines(forKey: .lots)
        pipelineOn = try c.decodeDate(forKey: .pipelineOn)
        engagementOn = try c.decodeDate(forKey: .engagementOn)
        tenderOpensOn = try c.decodeDate(forKey: .tenderOpensOn)
        tenderClosesOn = try c.decodeDate(forKey: .tenderClosesOn)
        awardOn = try c.decodeDate(forKey: .awardOn)
        contractStartsOn = try c.decodeDate(forKey: .contractStartsOn)
        contractEndsOn = try c.decodeDate(forKey: .contractEndsOn)
        urgencyClaimed = try c.decodeYesNo(forKey: .urgencyClaimed)
        urgencyCausedByAuthorityDelay = try c.decodeYesNo(forKey: .urgencyCausedByAuthorityDelay)
        urgencyReason = try c.decodeIfPresent(String.self, forKey: .urgencyReason)
    }
}

extension ProcurementInput {
    /// The planned dates by field name (the names of `ProcurementDates.fields`).
    public static let dates: [String: WritableKeyPath<ProcurementInput, String?>] = [
        "pipelineOn": \.pipelineOn, "engagementOn": \.engagementOn, "tenderOpensOn": \.tenderOpensOn,
        "tenderClosesOn": \.tenderClosesOn, "awardOn": \.awardOn, "contractStartsOn": \.contractStartsOn,
        "contractEndsOn": \.contractEndsOn,
    ]
}

/// A market engagement event as typed in the procurement page's form or sent to the API, with
/// the names its problems are reported under; `capacity` is a whole number (see `FormValues.swift`).
public struct EngagementEventInput: Codable, Sendable, Equatable {
    public var kind: String?
    public var title: String?
    public var heldOn: String?
    public var place: String?
    public var capacity: String?

    enum CodingKeys: String, CodingKey { case kind, title, heldOn, place, capacity }

    public init(
        kind: String? = nil, title: String? = nil, heldOn: String? = nil, place: String? = nil,
        capacity: String? = nil
    ) {
        self.kind = kind
        self.title = title
        self.heldOn = heldOn
        self.place = place
        self.capacity = capacity
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decodeIfPresent(String.self, forKey: .kind)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        heldOn = try c.decodeDate(forKey: .heldOn)
        place = try c.decodeIfPresent(String.self, forKey: .place)
        capacity = try c.decodeNumberText(forKey: .capacity)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(kind, forKey: .kind)
        try c.encodeIfPresent(title, forKey: .title)
        try c.encodeIfPresent(heldOn, forKey: .heldOn)
        try c.encodeIfPresent(place, forKey: .place)
        try c.encodeNumberText(capacity, forKey: .capacity)
    }
}

/// A checked procurement.
public struct ProcurementDetails: Codable, Sendable, Equatable {
    public var title: String
    public var description: String
    public var kind: ContractKind
    public var lightTouch: Bool
    public var value: Money
    public var valueIncludesVAT: Bool
    public var components: ProcurementComponents?
    public var worksIncidental: Bool?
    public var frameworkCallOff: Bool
    public var establishesFramework: Bool
    public var lots: [String]
    public var dates: ProcurementDates
    public var urgencyClaimed: Bool
    public var urgencyCausedByAuthorityDelay: Bool
    public var urgencyReason: String?
}

/// Component values in pence (the stored form of `ContractComponents`).
public struct ProcurementComponents: Codable, Sendable, Equatable {
    public var services: Money
    public var goods: Money
    public var works: Money

    public var decimal: ContractComponents {
        ContractComponents(
            services: Procurement.decimal(services), goods: Procurement.decimal(goods),
            works: Procurement.decimal(works))
    }
}

/// The recorded consideration: s.1(3)(a), s.1(3)(b) and s.1(7), with proportionality and the
/// outcomes agreed before the contract (Compact principle 3.6).
public struct Consideration: Codable, Sendable, Equatable {
    /// s.1(3)(a): how what is procured might improve the area's well-being.
    public var wellbeing: String
    /// Outcomes of the adopted framework the procurement aims at.
    public var outcomeIDs: [UUID]
    /// s.1(3)(b): how the process will secure it.
    public var securing: String
    public var weightingPercent: Int
    public var weightingReason: String?
    public var measureIDs: [UUID]
    public var contractConditions: String
    /// Lotting and other steps that help SMEs and VCS organisations.
    public var smeVcsSteps: String
    /// s.1(7): whether to consult, and why.
    public var consult: Bool
    public var consultReason: String
    public var monitoring: MonitoringFrequency
    public var monitoringReason: String?
    public var monitoringPlan: String

    public init(
        wellbeing: String, outcomeIDs: [UUID], securing: String, weightingPercent: Int, weightingReason: String?,
        measureIDs: [UUID], contractConditions: String, smeVcsSteps: String, consult: Bool, consultReason: String,
        monitoring: MonitoringFrequency, monitoringReason: String?, monitoringPlan: String
    ) {
        self.wellbeing = wellbeing
        self.outcomeIDs = outcomeIDs
        self.securing = securing
        self.weightingPercent = weightingPercent
        self.weightingReason = weightingReason
        self.measureIDs = measureIDs
        self.contractConditions = contractConditions
        self.smeVcsSteps = smeVcsSteps
        self.consult = consult
        self.consultReason = consultReason
        self.monitoring = monitoring
        self.monitoringReason = monitoringReason
        self.monitoringPlan = monitoringPlan
    }
}

/// The consideration as typed, checked by `Procurement.validate(consideration:…)`. It has the
/// names and types of the recorded `Consideration`, so a consideration read from the API can be
/// sent back: `outcomeIDs` and `measureIDs` are arrays of IDs (from a form, `outcomeIDs[]`
/// repeated), `weightingPercent` a whole number (kept as the text typed, so a form's typing
/// mistake is shown beside the field), `consult` a yes/no (`true`/`false`, or the form's
/// `yes`/`no`; see `FormValues.swift`).
public struct ConsiderationInput: Codable, Sendable, Equatable {
    public var wellbeing: String?
    public var outcomeIDs: [UUID]?
    public var securing: String?
    public var weightingPercent: String?
    public var weightingReason: String?
    public var measureIDs: [UUID]?
    public var contractConditions: String?
    public var smeVcsSteps: String?
    public var consult: Bool?
    public var consultReason: String?
    public var monitoring: String?
    public var monitoringReason: String?
    public var monitoringPlan: String?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case wellbeing, outcomeIDs, securing, weightingPercent, weightingReason, measureIDs, contractConditions
        case smeVcsSteps, consult, consultReason, monitoring, monitoringReason, monitoringPlan
    }

    /// The input that records `c` again: what the form starts from when it is recorded again.
    public init(_ c: Consideration) {
        wellbeing = c.wellbeing
        outcomeIDs = c.outcomeIDs
        securing = c.securing
        weightingPercent = String(c.weightingPercent)
        weightingReason = c.weightingReason
        measureIDs = c.measureIDs
        contractConditions = c.contractConditions
        smeVcsSteps = c.smeVcsSteps
        consult = c.consult
        consultReason = c.consultReason
        monitoring = c.monitoring.rawValue
        monitoringReason = c.monitoringReason
        monitoringPlan = c.monitoringPlan
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        wellbeing = try c.decodeIfPresent(String.self, forKey: .wellbeing)
        outcomeIDs = try c.decodeIfPresent([UUID].self, forKey: .outcomeIDs)
        securing = try c.decodeIfPresent(String.self, forKey: .securing)
        weightingPercent = try c.decodeNumberText(forKey: .weightingPercent)
        weightingReason = try c.decodeIfPresent(String.self, forKey: .weightingReason)
        measureIDs = try c.decodeIfPresent([UUID].self, forKey: .measureIDs)
        contractConditions = try c.decodeIfPresent(String.self, forKey: .contractConditions)
        smeVcsSteps = try c.decodeIfPresent(String.self, forKey: .smeVcsSteps)
        consult = try c.decodeYesNo(forKey: .consult)
        consultReason = try c.decodeIfPresent(String.self, forKey: .consultReason)
        monitoring = try c.decodeIfPresent(String.self, forKey: .monitoring)
        monitoringReason = try c.decodeIfPresent(String.self, forKey: .monitoringReason)
        monitoringPlan = try c.decodeIfPresent(String.self, forKey: .monitoringPlan)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(wellbeing, forKey: .wellbeing)
        try c.encodeIfPresent(outcomeIDs, forKey: .outcomeIDs)
        try c.encodeIfPresent(securing, forKey: .securing)
        try c.encodeNumberText(weightingPercent, forKey: .weightingPercent)
        try c.encodeIfPresent(weightingReason, forKey: .weightingReason)
        try c.encodeIfPresent(measureIDs, forKey: .measureIDs)
        try c.encodeIfPresent(contractConditions, forKey: .contractConditions)
        try c.encodeIfPresent(smeVcsSteps, forKey: .smeVcsSteps)
        try c.encodeIfPresent(consult, forKey: .consult)
        try c.encodeIfPresent(consultReason, forKey: .consultReason)
        try c.encodeIfPresent(monitoring, forKey: .monitoring)
        try c.encodeIfPresent(monitoringReason, forKey: .monitoringReason)
        try c.encodeIfPresent(monitoringPlan, forKey: .monitoringPlan)
    }
}

/// What the Compact's proportionality table suggests for a contract of this value.
public struct ProportionalitySuggestion: Sendable, Equatable {
    public var band: ValueBand
    /// PPN 002: at least 10% for central government bodies.
    public var statutoryMinimumPercent: Int?
    public var minWeightingPercent: Int { max(band.minWeightingPercent, statutoryMinimumPercent ?? 0) }
    public var maxWeightingPercent: Int { max(band.maxWeightingPercent, minWeightingPercent) }
    public var monitoring: MonitoringFrequency { band.monitoring }

    public func contains(weighting: Int) -> Bool { (minWeightingPercent...maxWeightingPercent).contains(weighting) }
}

public enum Procurement {
    public static let ppn002MinimumPercent = 10

    public static func decimal(_ m: Money) -> Decimal { Decimal(m.pence) / 100 }

    public static func validate(_ input: ProcurementInput) throws -> ProcurementDetails {
        var p = Problems()
        let title = p.text(input.title, field: "title", label: "a title")
        let description = p.text(input.description, field: "description", label: "a description", max: 5000)
        var kind: ContractKind?
        if let raw = input.kind, !raw.isEmpty {
            kind = ContractKind(rawValue: raw)
            if kind == nil { p.add("kind", "Choose services, goods, works or mixed") }
        } else {
            p.add("kind", "Choose what the contract buys")
        }
        func money(_ raw: String?, _ field: String, _ label: String, required: Bool = true) -> Money? {
            guard let raw, !raw.trimmingCharacters(in: .whitespaces).isEmpty else {
                if required { p.add(field, "Enter \(label)") }
                return nil
            }
            guard let m = Money(parsing: raw) else {
                if Money.isTooLarge(raw) {
                    p.add(field, Money.tooLargeMessage(label))
                } else {
                    p.add(field, "Enter \(label) in pounds, like 250000 or 250,000.00")
                }
                return nil
            }
            return m
        }
        let value = money(input.value, "value", "the estimated value")
        var components: ProcurementComponents?
        if kind == .mixed {
            let s = money(input.servicesValue, "servicesValue", "the value of the services")
            let g = money(input.goodsValue, "goodsValue", "the value of the goods")
            let w = money(input.worksValue, "worksValue", "the value of the works")
            if let s, let g, let w {
                components = ProcurementComponents(services: s, goods: g, works: w)
                if let value, s.pence + g.pence + w.pence != value.pence {
                    p.add(
                        "value",
                        "The estimated value must equal the services, goods and works values added up (\(Money(pence: s.pence + g.pence + w.pence)))"
                    )
                }
            }
        }
        let lightTouch = input.lightTouch ?? false
        if lightTouch, kind == .goods || kind == .works {
            p.add("lightTouch", "Only a services or mixed contract can be light-touch")
        }
        if input.frameworkCallOff == true && input.establishesFramework == true {
            p.add("establishesFramework", "A contract cannot both set up a framework and be a call-off under one")
        }
        var dates = ProcurementDates()
        for f in ProcurementDates.fields {
            guard let path = ProcurementInput.dates[f.key], let raw = input[keyPath: path] else { continue }
            if DateParts.areIn(raw) {
                dates[keyPath: f.path] = DateEntry.read(raw, field: f.key, label: "the \(f.label)", required: false, &p)
            } else if !raw.isEmpty {
                if let d = CalendarDate(iso: raw) {
                    dates[keyPath: f.path] = d
                } else {
                    p.add(f.key, "Enter the \(f.label) as a real date, like 2026-03-01")
                }
            }
        }
        func order(_ a: CalendarDate?, _ b: CalendarDate?, _ field: String, _ message: String) {
            if let a, let b, b < a {
                p.add(
                    DateEntry.errorField(ProcurementInput.dates[field].flatMap { input[keyPath: $0] }, field), message)
            }
        }
        order(
            dates.tenderOpensOn, dates.tenderClosesOn, "tenderClosesOn",
            "The tender deadline must be on or after the tender opening date")
        order(dates.tenderClosesOn, dates.awardOn, "awardOn", "The award date must be on or after the tender deadline")
        order(
            dates.contractStartsOn, dates.contractEndsOn, "contractEndsOn",
            "The contract end date must be on or after its start date")
        order(
            dates.pipelineOn, dates.tenderOpensOn, "pipelineOn",
            "The pipeline publication date must be on or before the tender opening date")
        let lots = (input.lots ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        if lots.count > 50 { p.add("lots", "A procurement can have at most 50 lots") }
        if lots.contains(where: { $0.count > 200 }) { p.add("lots", "Each lot name must be 200 characters or fewer") }
        let urgency = input.urgencyClaimed ?? false
        let urgencyReason = p.text(
            input.urgencyReason, field: "urgencyReason", label: "why the procurement is urgent", required: urgency,
            max: 2000)
        try p.throwIfAny()
        return ProcurementDetails(
            title: title!, description: description!, kind: kind!, lightTouch: lightTouch, value: value!,
            valueIncludesVAT: input.valueIncludesVAT ?? true, components: components,
            worksIncidental: kind == .mixed ? input.worksIncidental : nil,
            frameworkCallOff: input.frameworkCallOff ?? false,
            establishesFramework: input.establishesFramework ?? false,
            lots: lots, dates: dates, urgencyClaimed: urgency,
            urgencyCausedByAuthorityDelay: urgency && (input.urgencyCausedByAuthorityDelay ?? false),
            urgencyReason: urgency ? urgencyReason : nil)
    }

    /// The date screening treats as the start: the day the procurement actually started, else the
    /// planned tender opening, else `today` (DOMAIN.md §2: publishing the tender notice starts it).
    public static func screeningStart(_ d: ProcurementDetails, startedOn: CalendarDate?, today: CalendarDate)
        -> CalendarDate
    {
        let start = startedOn ?? d.dates.tenderOpensOn ?? today
        return max(start, ProcurementRegime.actInForce)
    }

    public static func screeningInput(_ d: ProcurementDetails, authority: AuthorityType, start: CalendarDate)
        -> ScreeningInput
    {
        ScreeningInput(
            authorityType: authority, procurementStart: start, kind: d.kind, lightTouch: d.lightTouch,
            value: decimal(d.value), valueIncludesVAT: d.valueIncludesVAT, components: d.components?.decimal,
            worksIncidental: d.worksIncidental, frameworkCallOff: d.frameworkCallOff,
            establishesFramework: d.establishesFramework, urgencyClaimed: d.urgencyClaimed,
            urgencyCausedByAuthorityDelay: d.urgencyCausedByAuthorityDelay)
    }

    /// A consideration is needed where the Act applies, and for every procurement where the
    /// Compact commits to considering social value in all of them (principle 2.1).
    public static func considerationRequired(actApplies: Bool, compactCommits: Bool) -> Bool {
        actApplies || compactCommits
    }

    /// The status change is allowed; tender-open needs a signed-off consideration where one is required.
    public static func checkTransition(
        from: ProcurementStatus, to: ProcurementStatus, considerationRequired: Bool, hasConsideration: Bool,
        cancelReason: String?
    ) throws {
        guard from.next.contains(to) else {
            throw ValidationFailure(
                "status", "A procurement that is \(from.label.lowercased()) cannot move to \(to.label.lowercased())")
        }
        if to == .tenderOpen && considerationRequired && !hasConsideration {
            throw ValidationFailure(
                "status", "Record and sign off the social value consideration before the tender opens")
        }
        if to == .cancelled && (cancelReason?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ?? true) {
            throw ValidationFailure("cancelReason", "Enter why the procurement is cancelled")
        }
    }

    /// Late: signed off after the procurement started (the duty is to consider *before* it starts).
    public static func isLate(signedOffOn: CalendarDate?, startedOn: CalendarDate?) -> Bool {
        guard let signedOffOn, let startedOn else { return false }
        return signedOffOn > startedOn
    }

    /// Whole weeks between the pipeline notice and the tender opening.
    public static func noticeWeeks(publishedOn: CalendarDate?, tenderOpenedOn: CalendarDate?) -> Int? {
        guard let publishedOn, let tenderOpenedOn, tenderOpenedOn >= publishedOn else { return nil }
        return (tenderOpenedOn.dayNumber - publishedOn.dayNumber) / 7
    }

    public static func proportionality(settings: CompactSettings, value: Money, authority: AuthorityType)
        -> ProportionalitySuggestion?
    {
        guard let band = settings.band(for: value) else { return nil }
        return ProportionalitySuggestion(
            band: band, statutoryMinimumPercent: authority == .centralGovernment ? ppn002MinimumPercent : nil)
    }

    public static func validate(
        consideration c: ConsiderationInput, suggestion: ProportionalitySuggestion?, authority: AuthorityType,
        knownOutcomes: Set<UUID>, knownMeasures: Set<UUID>
    ) throws -> Consideration {
        var p = Problems()
        let wellbeing = p.text(
            c.wellbeing, field: "wellbeing",
            label: "how the procurement might improve the economic, social and environmental well-being of the area",
            max: 5000)
        let securing = p.text(
            c.securing, field: "securing", label: "how the procurement will secure that improvement", max: 5000)
        let conditions =
            p.text(
                c.contractConditions, field: "contractConditions", label: "the contract conditions", required: false,
                max: 5000) ?? ""
        let steps =
            p.text(
                c.smeVcsSteps, field: "smeVcsSteps", label: "the steps that help SMEs and VCS organisations",
                required: false, max: 5000) ?? ""
        let consultReason = p.text(
            c.consultReason, field: "consultReason", label: "why you will or will not consult", max: 2000)
        let plan = p.text(c.monitoringPlan, field: "monitoringPlan", label: "the monitoring plan", max: 5000)
        let consult = c.consult
        if consult == nil { p.add("consult", "Choose whether to consult") }
        let outcomes = c.outcomeIDs ?? []
        if outcomes.contains(where: { !knownOutcomes.contains($0) }) {
            p.add("outcomeIDs", "Choose outcomes from the adopted framework")
        }
        let measures = c.measureIDs ?? []
        if measures.contains(where: { !knownMeasures.contains($0) }) {
            p.add("measureIDs", "Choose measures from the adopted framework")
        }
        var weighting: Int?
        if let raw = c.weightingPercent?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            if let w = Int(raw), (0...100).contains(w) {
                weighting = w
            } else {
                p.add("weightingPercent", "Enter the social value weighting as a whole percentage from 0 to 100")
            }
        } else {
            p.add("weightingPercent", "Enter the social value weighting")
        }
        let weightingReason = p.text(
            c.weightingReason, field: "weightingReason", label: "why the weighting is outside the suggestion",
            required: false, max: 2000)
        if let w = weighting, authority == .centralGovernment, w < ppn002MinimumPercent {
            p.add("weightingPercent", "Central government bodies must weight social value at least 10% (PPN 002)")
        } else if let w = weighting, let s = suggestion, !s.contains(weighting: w), weightingReason == nil {
            p.add(
                "weightingReason",
                "Give a reason for a weighting outside the suggested \(s.minWeightingPercent)% to \(s.maxWeightingPercent)%"
            )
        }
        var monitoring: MonitoringFrequency?
        if let raw = c.monitoring, let m = MonitoringFrequency(rawValue: raw) {
            monitoring = m
        } else {
            p.add("monitoring", "Choose how often the supplier reports")
        }
        let monitoringReason = p.text(
            c.monitoringReason, field: "monitoringReason", label: "why monitoring differs from the suggestion",
            required: false, max: 2000)
        if let m = monitoring, let s = suggestion, m != s.monitoring, monitoringReason == nil {
            p.add(
                "monitoringReason",
                "Give a reason for monitoring other than the suggested \(s.monitoring.label.lowercased())")
        }
        try p.throwIfAny()
        return Consideration(
            wellbeing: wellbeing!, outcomeIDs: outcomes, securing: securing!, weightingPercent: weighting!,
            weightingReason: weightingReason, measureIDs: measures, contractConditions: conditions, smeVcsSteps: steps,
            consult: consult!, consultReason: consultReason!, monitoring: monitoring!,
            monitoringReason: monitoringReason,
            monitoringPlan: plan!)
    }

    /// The pipeline's value bands, for filtering and publishing a band rather than an exact figure.
    public static let valueBands: [(code: String, label: String, from: Int64, below: Int64?)] = [
        ("under-100k", "Under £100,000", 0, 10_000_000),
        ("100k-1m", "£100,000 to £1 million", 10_000_000, 100_000_000),
        ("1m-5m", "£1 million to £5 million", 100_000_000, 500_000_000),
        ("over-5m", "£5 million and above", 500_000_000, nil),
    ]

    public static func valueBand(_ value: Money) -> (code: String, label: String) {
        let b = valueBands.last { value.pence >= $0.from }!
        return (b.code, b.label)
    }
}

extension Viewer {
    /// Procurements are edited by the commissioners of the owning public body only.
    public func canManageProcurement(owner: UUID) -> Bool { holds(.commissioner, at: owner) }

    /// A procurement in the pipeline is public; otherwise it is seen by the owning body and the admin.
    public func canSeeProcurement(owner: UUID, published: Bool) -> Bool {
        published || isAdmin || belongs(to: owner)
    }

    /// Supplier members (including of VCS organisations) register for market engagement events.
    public var canRegisterForEvents: Bool { memberships.contains { $0.role == .supplierMember } }

    /// Commissioners start procurements for the public bodies they work at.
    public var canStartProcurement: Bool { memberships.contains { $0.role == .commissioner } }

    /// The outcomes and measures are commented on by the owning body's commissioners (recording
    /// comments received) and, once the procurement is in the public pipeline, by supplier members.
    public func canCommentOnProcurement(owner: UUID, inPipeline: Bool) -> Bool {
        canManageProcurement(owner: owner) || (inPipeline && canRegisterForEvents)
    }
}

extension Optional where Wrapped == Viewer {
    public func canSeeProcurement(owner: UUID, published: Bool) -> Bool {
        self?.canSeeProcurement(owner: owner, published: published) ?? published
    }
}

/// A change of a procurement's status as chosen in the page's form or sent to the API.
public struct ProcurementTransitionInput: Codable, Sendable, Equatable {
    public var status: String?
    public var cancelReason: String?

    public init(status: String? = nil, cancelReason: String? = nil) {
        self.status = status
        self.cancelReason = cancelReason
    }
}

/// A comment on a procurement's outcomes and measures, as typed in the page's form or sent to
/// the API: optionally made at one of its events or in a consultation.
public struct ProcurementCommentInput: Codable, Sendable, Equatable {
    public var comment: String?
    public var eventId: UUID?
    public var consultationId: UUID?

    public init(comment: String? = nil, eventId: UUID? = nil, consultationId: UUID? = nil) {
        self.comment = comment
        self.eventId = eventId
        self.consultationId = consultationId
    }

    enum CodingKeys: String, CodingKey { case comment, eventId, consultationId }

    /// A form's "not at an event" sends the choice blank: read as none.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func id(_ key: CodingKeys) throws -> UUID? {
            if let text = try? c.decodeIfPresent(String.self, forKey: key), text.isEmpty { return nil }
            return try c.decodeIfPresent(UUID.self, forKey: key)
        }
        comment = try c.decodeIfPresent(String.self, forKey: .comment)
        eventId = try id(.eventId)
        consultationId = try id(.consultationId)
    }
}

/// After a market engagement event: who attended (user IDs; from a form `attendedUserIds[]`
/// repeated) and the notes to publish.
public struct EventNotesInput: Codable, Sendable, Equatable {
    public var notes: String?
    public var attendedUserIds: [UUID]?

    public init(notes: String? = nil, attendedUserIds: [UUID]? = nil) {
        self.notes = notes
        self.attendedUserIds = attendedUserIds
    }
}
