import Foundation

/// Starting points for a framework (issue: frameworks). A template is copied, then localised.
public enum FrameworkTemplate: String, CaseIterable, Sendable {
    case socialValueAct = "social-value-act"
    case ppn0620 = "ppn-06-20"
    case ppn002 = "ppn-002"
    case blank

    public var label: String {
        switch self {
        case .socialValueAct: return "The Social Value Act’s three dimensions: economic, social and environmental"
        case .ppn0620: return "Central government Social Value Model, PPN 06/20 (themes and policy outcomes)"
        case .ppn002: return "Central government Social Value Model, PPN 002 (missions and outcomes)"
        case .blank: return "Start from nothing"
        }
    }
}

/// Where a framework's first version came from: copied from a template, or imported as a whole
/// tree (stored as `import`).
public enum FrameworkOrigin: RawRepresentable, CaseIterable, Codable, Hashable, Sendable {
    case template(FrameworkTemplate)
    case imported

    public init?(rawValue: String) {
        if rawValue == "import" {
            self = .imported
        } else if let t = FrameworkTemplate(rawValue: rawValue) {
            self = .template(t)
        } else {
            return nil
        }
    }

    public var rawValue: String {
        switch self {
        case .template(let t): return t.rawValue
        case .imported: return "import"
        }
    }

    public static var allCases: [FrameworkOrigin] { FrameworkTemplate.allCases.map(Self.template) + [.imported] }

    public init(from decoder: Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let origin = FrameworkOrigin(rawValue: raw) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "unknown framework origin \(raw)"))
        }
        self = origin
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}

public enum FrameworkTemplates {
    /// The Act's three dimensions (s.1(3)(a)) with a starter set of outcomes and measures in
    /// our own words, for an area to localise.
    public static func socialValueAct() -> FrameworkTree {
        func m(_ code: String, _ name: String, _ unit: String, _ valuation: MeasureValuation, _ evidence: String)
            -> Measure
        {
            Measure(
                code: code, name: name, description: "", unit: unit, valuation: valuation, evidence: evidence,
                guidance: "")
        }
        let source = "Commonweal starter wording (not from a published model)"
        return FrameworkTree(
            definition:
                "Social value is the additional economic, social and environmental well-being that a public service creates for the people and places of our area, beyond the service itself (Public Services (Social Value) Act 2012, s.1(3)).",
            themes: [
                .init(
                    name: "Economic well-being", description: "Jobs, skills and a thriving local economy",
                    outcomes: [
                        .init(
                            name: "More local people in good work", description: "", source: source,
                            measures: [
                                m(
                                    "ECO1", "Local people employed on the contract", "FTE", .valued,
                                    "Payroll records showing home postcode and hours"),
                                m(
                                    "ECO2", "Apprenticeship weeks on the contract", "weeks", .valued,
                                    "Apprenticeship agreements and attendance records"),
                            ]),
                        .init(
                            name: "A thriving local economy and voluntary sector", description: "", source: source,
                            measures: [
                                m(
                                    "ECO3", "Spend with local VCSE organisations and SMEs", "GBP", .recordOnly,
                                    "Invoices and supplier details")
                            ]),
                    ]),
                .init(
                    name: "Social well-being", description: "Stronger, healthier and fairer communities",
                    outcomes: [
                        .init(
                            name: "Stronger communities", description: "", source: source,
                            measures: [
                                m(
                                    "SOC1", "Staff volunteering hours in the area", "hours", .valued,
                                    "Timesheets signed by the organisation helped"),
                                m(
                                    "SOC2", "People supported into employment or training", "people", .recordOnly,
                                    "Referral and outcome records"),
                            ])
                    ]),
                .init(
                    name: "Environmental well-being", description: "A cleaner, greener area",
                    outcomes: [
                        .init(
                            name: "Less carbon", description: "", source: source,
                            measures: [
                                m(
                                    "ENV1", "Carbon emissions avoided", "tonnes CO2e", .valued,
                                    "Calculation using government conversion factors, with meter or fuel data")
                            ]),
                        .init(
                            name: "Less waste", description: "", source: source,
                            measures: [
                                m("ENV2", "Waste diverted from landfill", "tonnes", .recordOnly, "Waste transfer notes")
                            ]),
                    ]),
            ])
    }

    /// PPN 06/20: five themes, eight policy outcomes; the verification of each row is kept.
    public static func ppn0620(csv: String) throws -> FrameworkTree {
        let rows = try CSV.parse(csv)
        guard let header = rows.first else { return FrameworkTree(definition: "", themes: []) }
        let col = Dictionary(header.fields.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var themes: [FrameworkTree.Theme] = []
        for row in rows.dropFirst() {
            func f(_ name: String) -> String {
                col[name].flatMap { $0 < row.fields.count ? row.fields[$0] : nil } ?? ""
            }
            let outcome = FrameworkTree.Outcome(
                name: f("policy_outcome"), description: f("mac_example"),
                source: "PPN 06/20 \(f("mac_group")): \(f("verification"))")
            if let i = themes.firstIndex(where: { $0.name == f("theme") }) {
                themes[i].outcomes.append(outcome)
            } else {
                themes.append(
                    .init(name: f("theme"), description: "PPN 06/20 theme \(f("theme_no"))", outcomes: [outcome]))
            }
        }
        return FrameworkTree(definition: "", themes: themes)
    }

    /// PPN 002: the five missions as themes; outcome 1 (Fair work) with its award criteria.
    /// Outcomes 2 to 8 were not retrievable, so the missions they belong to start empty.
    public static func ppn002(csv: String) throws -> FrameworkTree {
        let rows = try CSV.parse(csv)
        guard let header = rows.first else { return FrameworkTree(definition: "", themes: []) }
        let col = Dictionary(header.fields.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        func f(_ row: CSV.Row, _ name: String) -> String {
            col[name].flatMap { $0 < row.fields.count ? row.fields[$0] : nil } ?? ""
        }
        var themes: [FrameworkTree.Theme] = []
        var criteria: [String] = []
        var fairWork: FrameworkTree.Outcome?
        for row in rows.dropFirst() {
            switch f(row, "level") {
            case "mission":
                themes.append(
                    .init(
                        name: f(row, "name"),
                        description: "PPN 002 mission \(f(row, "code")) (\(f(row, "verification")))", outcomes: []))
            case "outcome" where f(row, "code") == "1":
                fairWork = .init(
                    name: f(row, "name"), description: f(row, "text"),
                    source: "PPN 002 outcome 1: \(f(row, "verification"))")
            case "award-criterion":
                criteria.append("\(f(row, "code")) \(f(row, "name"))")
            default:
                break
            }
        }
        if var outcome = fairWork, !themes.isEmpty {
            outcome.description +=
                (outcome.description.isEmpty ? "" : " ") + "Award criteria: " + criteria.joined(separator: "; ") + "."
            themes[0].outcomes.append(outcome)
        }
        return FrameworkTree(definition: "", themes: themes)
    }
}
