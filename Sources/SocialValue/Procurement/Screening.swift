import Foundation

/// Who is buying: central government departments have lower supplies and services thresholds.
public enum AuthorityType: String, Sendable, Codable, CaseIterable {
    case centralGovernment = "central-government"
    case subCentral = "sub-central"
}

/// What a contract buys.
public enum ContractKind: String, Sendable, Codable, CaseIterable {
    case services, goods, works, mixed

    public var label: String {
        switch self {
        case .services: return "Services"
        case .goods: return "Goods"
        case .works: return "Works"
        case .mixed: return "Mixed (services, goods and works)"
        }
    }
}

/// The procurement rules in force on the day a procurement starts (DOMAIN.md §2).
public enum ProcurementRegime: String, Sendable, Codable, CaseIterable {
    case pcr2006 = "pcr-2006"
    case pcr2015 = "pcr-2015"
    case procurementAct2023 = "procurement-act-2023"

    /// The Act came into force on 31 January 2013.
    public static let actInForce = CalendarDate(year: 2013, month: 1, day: 31)!
    public static let pcr2015From = CalendarDate(year: 2015, month: 2, day: 26)!
    public static let procurementActFrom = CalendarDate(year: 2025, month: 2, day: 24)!

    /// nil before the Act was in force.
    public static func inForce(on date: CalendarDate) -> ProcurementRegime? {
        if date < actInForce { return nil }
        if date < pcr2015From { return .pcr2006 }
        if date < procurementActFrom { return .pcr2015 }
        return .procurementAct2023
    }

    public var label: String {
        switch self {
        case .pcr2006: return "Public Contracts Regulations 2006"
        case .pcr2015: return "Public Contracts Regulations 2015"
        case .procurementAct2023: return "Procurement Act 2023"
        }
    }
}

/// The values of a mixed contract's parts.
public struct ContractComponents: Sendable, Equatable {
    public var services: Decimal
    public var goods: Decimal
    public var works: Decimal

    public init(services: Decimal, goods: Decimal, works: Decimal) {
        self.services = services
        self.goods = goods
        self.works = works
    }

    public var total: Decimal { services + goods + works }
}

/// The screening document's input (calculations.md §1), typed.
public struct ScreeningInput: Sendable, Equatable {
    public var authorityType: AuthorityType
    public var procurementStart: CalendarDate
    public var kind: ContractKind
    public var lightTouch: Bool
    public var value: Decimal
    public var valueIncludesVAT: Bool
    public var components: ContractComponents?
    public var worksIncidental: Bool?
    public var frameworkCallOff: Bool
    public var establishesFramework: Bool
    public var urgencyClaimed: Bool
    public var urgencyCausedByAuthorityDelay: Bool

    public init(
        authorityType: AuthorityType, procurementStart: CalendarDate, kind: ContractKind, lightTouch: Bool = false,
        value: Decimal, valueIncludesVAT: Bool, components: ContractComponents? = nil, worksIncidental: Bool? = nil,
        frameworkCallOff: Bool = false, establishesFramework: Bool = false,
        urgencyClaimed: Bool = false, urgencyCausedByAuthorityDelay: Bool = false
    ) {
        self.authorityType = authorityType
        self.procurementStart = procurementStart
        self.kind = kind
        self.lightTouch = lightTouch
        self.value = value
        self.valueIncludesVAT = valueIncludesVAT
        self.components = components
        self.worksIncidental = worksIncidental
        self.frameworkCallOff = frameworkCallOff
        self.establishesFramework = establishesFramework
        self.urgencyClaimed = urgencyClaimed
        self.urgencyCausedByAuthorityDelay = urgencyCausedByAuthorityDelay
    }
}

/// The screening document's output.
public struct ScreeningResult: Sendable, Equatable {
    public var actApplies: Bool
    public var regime: ProcurementRegime
    public var threshold: Threshold?
    /// The contract value on the threshold's VAT basis; nil when no threshold was needed.
    public var comparedValue: Decimal?
    public var reasons: [String]
    public var mustConsider: [String]
    public var urgencyExemption: Bool
    public var goodPracticeRecommended: Bool

    public var json: JSONValue {
        .ordered([
            ("actApplies", .bool(actApplies)),
            ("regime", .string(regime.rawValue)),
            (
                "threshold",
                threshold.map { t in
                    JSONValue.ordered([
                        ("category", .string(t.category.rawValue)),
                        ("amount", .string(DecimalText.format(t.amount))),
                        ("includesVAT", .bool(t.includesVAT)),
                        ("effectiveFrom", .string(t.effectiveFrom.iso)),
                    ])
                } ?? .null
            ),
            ("comparedValue", comparedValue.map { .string(DecimalText.format($0)) } ?? .null),
            ("reasons", .array(reasons.map { .string($0) })),
            ("mustConsider", .array(mustConsider.map { .string($0) })),
            ("urgencyExemption", .bool(urgencyExemption)),
            ("goodPracticeRecommended", .bool(goodPracticeRecommended)),
        ])
    }
}

/// Social Value Act screening (calculations.md §1; rules in DOMAIN.md §2).
public enum Screening {
    /// The standard rate of VAT used to move a value between the VAT bases.
    public static let vatRate = Decimal(string: "0.20")!

    public static let mustConsider = [
        "s.1(3)(a) how what is procured might improve the economic, social and environmental well-being of the relevant area",
        "s.1(3)(b) how, in conducting the procurement, the authority might act with a view to securing that improvement",
        "s.1(7) whether to consult",
    ]

    /// Reads a screening document. Problems are named by JSON path (`$.contract.value`).
    public static func decode(_ text: String) throws -> ScreeningInput {
        try decode(try JSONReader.document(text))
    }

    public static func decode(_ doc: JSONValue) throws -> ScreeningInput {
        var p = Problems()
        guard case .object(_, let top) = doc else { throw ValidationFailure("$", "must be a JSON object") }
        unknownFields(top, allowed: ["authorityType", "procurementStart", "contract", "urgency"], at: "$", &p)
        let authority: AuthorityType? = enumField(top, "authorityType", at: "$", &p)
        var start: CalendarDate?
        switch top["procurementStart"] {
        case nil: p.add("$.procurementStart", "is required")
        case .string(let s)?:
            if let d = CalendarDate(iso: s) {
                if d < ProcurementRegime.actInForce {
                    p.add("$.procurementStart", "must be on or after 2013-01-31 (the Act was not in force before then)")
                } else {
                    start = d
                }
            } else {
                p.add("$.procurementStart", "must be a date in the form YYYY-MM-DD")
            }
        case let v?: p.add("$.procurementStart", "must be a date string in the form YYYY-MM-DD, not \(v.typeName)")
        }

        var kind: ContractKind?
        var lightTouch: Bool?
        var value: Decimal?
        var includesVAT: Bool?
        var components: ContractComponents?
        var worksIncidental: Bool?
        var callOff: Bool?
        var establishes: Bool?
        switch top["contract"] {
        case nil: p.add("$.contract", "is required")
        case .object(_, let c)?:
            let at = "$.contract"
            unknownFields(
                c,
                allowed: [
                    "kind", "lightTouch", "value", "valueIncludesVAT", "components", "worksIncidental",
                    "frameworkCallOff", "establishesFramework",
                ], at: at, &p)
            kind = enumField(c, "kind", at: at, &p)
            lightTouch = boolField(c, "lightTouch", at: at, &p)
            value = moneyField(c, "value", at: at, &p)
            includesVAT = boolField(c, "valueIncludesVAT", at: at, &p)
            callOff = boolField(c, "frameworkCallOff", at: at, &p)
            establishes = boolField(c, "establishesFramework", at: at, &p)
            if let w = c["worksIncidental"], w != .null {
                if case .bool(let b) = w {
                    worksIncidental = b
                } else {
                    p.add("\(at).worksIncidental", "must be true or false, not \(w.typeName)")
                }
                if let k = kind, k != .mixed {
                    p.add("\(at).worksIncidental", "may be given only for a mixed contract")
                }
            }
            switch c["components"] {
            case nil: p.add("\(at).components", "is required (null unless kind is mixed)")
            case .null?:
                if kind == .mixed {
                    p.add("\(at).components", "must give the services, goods and works values of a mixed contract")
                }
            case .object(_, let parts)?:
                if let k = kind, k != .mixed {
                    p.add("\(at).components", "must be null unless kind is mixed")
                } else {
                    let cat = "\(at).components"
                    unknownFields(parts, allowed: ["services", "goods", "works"], at: cat, &p)
                    let s = moneyField(parts, "services", at: cat, &p)
                    let g = moneyField(parts, "goods", at: cat, &p)
                    let w = moneyField(parts, "works", at: cat, &p)
                    if let s, let g, let w {
                        let comps = ContractComponents(services: s, goods: g, works: w)
                        if let v = value, comps.total != v {
                            p.add(
                                "\(at).value",
                                "must equal the total of the components (\(DecimalText.format(comps.total)))")
                        } else {
                            components = comps
                        }
                    }
                }
            case let v?: p.add("\(at).components", "must be an object or null, not \(v.typeName)")
            }
            if lightTouch == true, let k = kind, k == .goods || k == .works {
                p.add("\(at).lightTouch", "only a services or mixed contract can be light-touch")
            }
            if callOff == true && establishes == true {
                p.add(
                    "\(at).establishesFramework",
                    "a contract cannot both establish a framework and be a call-off under one")
            }
        case let v?: p.add("$.contract", "must be an object, not \(v.typeName)")
        }

        var claimed = false
        var causedByDelay = false
        switch top["urgency"] {
        case nil, .null?: break
        case .object(_, let u)?:
            unknownFields(u, allowed: ["claimed", "causedByAuthorityDelay"], at: "$.urgency", &p)
            claimed = boolField(u, "claimed", at: "$.urgency", &p) ?? false
            causedByDelay = boolField(u, "causedByAuthorityDelay", at: "$.urgency", &p) ?? false
        case let v?: p.add("$.urgency", "must be an object or null, not \(v.typeName)")
        }
        try p.throwIfAny()
        return ScreeningInput(
            authorityType: authority!, procurementStart: start!, kind: kind!, lightTouch: lightTouch!, value: value!,
            valueIncludesVAT: includesVAT!, components: components, worksIncidental: worksIncidental,
            frameworkCallOff: callOff!, establishesFramework: establishes!,
            urgencyClaimed: claimed, urgencyCausedByAuthorityDelay: causedByDelay)
    }

    /// Decodes, screens and renders: the whole document pipeline the CLI and API share.
    public static func run(_ text: String, thresholds: ThresholdTable) throws -> String {
        let input = try decode(text)
        return try screen(input, thresholds: thresholds).json.rendered() + "\n"
    }

    /// Screens one procurement. Throws only when the thresholds data has no figure for the date.
    public static func screen(_ input: ScreeningInput, thresholds: ThresholdTable) throws -> ScreeningResult {
        guard let regime = ProcurementRegime.inForce(on: input.procurementStart) else {
            throw ValidationFailure(
                "$.procurementStart", "must be on or after 2013-01-31 (the Act was not in force before then)")
        }
        var reasons: [String] = []
        var servicesContract = false
        var effectiveLightTouch = input.lightTouch
        switch input.kind {
        case .services:
            servicesContract = true
            reasons.append("services contract")
        case .goods:
            reasons.append("goods contract: the Act applies only to services contracts")
        case .works:
            reasons.append("works contract: the Act applies only to services contracts")
        case .mixed:
            let c = input.components ?? ContractComponents(services: input.value, goods: 0, works: 0)
            let s = DecimalText.format(c.services)
            if c.services == 0 {
                reasons.append("mixed contract with no services: the Act applies only to services contracts")
            } else if c.goods >= c.services {
                reasons.append(
                    "mixed contract: services (\(s)) are not worth more than goods (\(DecimalText.format(c.goods))), so services are incidental and the Act does not apply"
                )
            } else if c.works > 0, input.worksIncidental == false {
                reasons.append(
                    "mixed contract: works (\(DecimalText.format(c.works))) are not incidental to the services, so the Act does not apply"
                )
            } else if c.works > 0, input.worksIncidental == nil, c.works >= c.services {
                reasons.append(
                    "mixed contract: works (\(DecimalText.format(c.works))) are worth at least as much as services (\(s)) and are not stated to be incidental, so the Act does not apply"
                )
            } else {
                servicesContract = true
                var why =
                    "mixed contract treated as services: services (\(s)) are worth more than goods (\(DecimalText.format(c.goods)))"
                if c.works > 0 {
                    why +=
                        input.worksIncidental == true
                        ? " and works are only incidental to the services"
                        : " and works (\(DecimalText.format(c.works))) are worth less than the services, so taken as incidental"
                }
                reasons.append(why)
            }
        }
        if !servicesContract { effectiveLightTouch = false }

        if input.establishesFramework && servicesContract {
            reasons.append(
                "establishes a framework: screened on the framework's estimated total value, as services are the greater part"
            )
        }

        var threshold: Threshold?
        var compared: Decimal?
        var aboveThreshold = false
        if input.frameworkCallOff {
            reasons.append(
                "call-off under a framework: the Act does not apply to call-offs (the duty fell on the framework's own procurement)"
            )
        } else if servicesContract {
            let category: ThresholdCategory
            if effectiveLightTouch {
                category = regime == .pcr2006 ? .partBServices : .lightTouchServices
                reasons.append(
                    regime == .pcr2006
                        ? "Part B services (PCR 2006): the Part B threshold applies"
                        : "light-touch services (social, health, education and similar): the light-touch threshold applies"
                )
            } else {
                category = input.authorityType == .centralGovernment ? .centralGovernment : .subCentral
            }
            guard let t = thresholds.threshold(category, on: input.procurementStart) else {
                throw ValidationFailure(
                    "$.procurementStart",
                    "the thresholds data has no \(category.rawValue) figure for \(input.procurementStart.iso)")
            }
            threshold = t
            var v = input.value
            if input.valueIncludesVAT != t.includesVAT {
                let from = DecimalText.format(v)
                if input.valueIncludesVAT {
                    v = v / (1 + vatRate)
                    reasons.append(
                        "value \(from) including VAT converted to \(DecimalText.format(v)) excluding VAT at the standard rate of 20%, as the threshold is net of VAT"
                    )
                } else {
                    v = v * (1 + vatRate)
                    reasons.append(
                        "value \(from) excluding VAT converted to \(DecimalText.format(v)) including VAT at the standard rate of 20%, as the threshold includes VAT"
                    )
                }
            }
            let shown = DecimalText.rounded(v)
            compared = shown
            let basis = t.includesVAT ? "VAT included" : "VAT excluded"
            aboveThreshold = shown >= t.amount
            reasons.append(
                aboveThreshold
                    ? "value \(DecimalText.format(shown)) is at or above the threshold \(DecimalText.format(t.amount)) (\(basis))"
                    : "value \(DecimalText.format(shown)) is below the threshold \(DecimalText.format(t.amount)) (\(basis))"
            )
            if !t.isVerified {
                reasons.append(
                    "the threshold figure is marked \"\(t.verification)\" in the thresholds data (\(t.source)): check it against the source"
                )
            }
        }
        let applies = servicesContract && !input.frameworkCallOff && aboveThreshold
        let exemption = input.urgencyClaimed && !input.urgencyCausedByAuthorityDelay
        if input.urgencyClaimed {
            reasons.append(
                exemption
                    ? "urgency claimed: the duty may be disregarded to the extent urgency makes it impractical"
                    : "urgency claimed but caused by the authority's own delay: no exemption")
        }
        if !applies {
            reasons.append("the Act does not apply: consider social value anyway as good practice")
        }
        return ScreeningResult(
            actApplies: applies, regime: regime, threshold: threshold, comparedValue: compared, reasons: reasons,
            mustConsider: applies ? mustConsider : [], urgencyExemption: exemption,
            goodPracticeRecommended: !applies || exemption)
    }

    // MARK: - field readers

    static func unknownFields(_ object: [String: JSONValue], allowed: Set<String>, at: String, _ p: inout Problems) {
        for key in object.keys.sorted() where !allowed.contains(key) {
            p.add("\(at).\(key)", "is not a known field")
        }
    }

    static func enumField<E: RawRepresentable & CaseIterable>(
        _ object: [String: JSONValue], _ name: String, at: String, _ p: inout Problems
    ) -> E? where E.RawValue == String {
        let path = "\(at).\(name)"
        let allowed = E.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        switch object[name] {
        case nil:
            p.add(path, "is required")
            return nil
        case .string(let s)?:
            if let e = E(rawValue: s) { return e }
            p.add(path, "must be one of \(allowed)")
            return nil
        case let v?:
            p.add(path, "must be one of \(allowed), not \(v.typeName)")
            return nil
        }
    }

    static func boolField(_ object: [String: JSONValue], _ name: String, at: String, _ p: inout Problems) -> Bool? {
        switch object[name] {
        case nil:
            p.add("\(at).\(name)", "is required")
            return nil
        case .bool(let b)?: return b
        case let v?:
            p.add("\(at).\(name)", "must be true or false, not \(v.typeName)")
            return nil
        }
    }

    static func moneyField(_ object: [String: JSONValue], _ name: String, at: String, _ p: inout Problems) -> Decimal? {
        let path = "\(at).\(name)"
        let text: String
        switch object[name] {
        case nil:
            p.add(path, "is required")
            return nil
        case .string(let s)?: text = s
        case .number(let n)?: text = n
        case let v?:
            p.add(path, "must be an amount such as \"250000.00\", not \(v.typeName)")
            return nil
        }
        guard let d = DecimalText.parse(text) else {
            p.add(path, "must be an amount such as \"250000.00\"")
            return nil
        }
        if d < 0 {
            p.add(path, "must not be negative")
            return nil
        }
        return d
    }
}
