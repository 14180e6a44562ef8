import Foundation

/// The life of a framework version (issue: frameworks; guidance sections 5, 6 and 10).
public enum FrameworkStatus: String, Codable, Sendable, CaseIterable {
    case draft
    case consultation
    case adopted
    case superseded

    public var label: String {
        switch self {
        case .draft: return "Draft"
        case .consultation: return "Out for consultation"
        case .adopted: return "Adopted"
        case .superseded: return "Superseded"
        }
    }

    /// Only drafts and versions out for consultation can be edited; adopted and superseded
    /// versions are the record of what was agreed.
    public var isEditable: Bool { self == .draft || self == .consultation }

    /// draft → consultation → adopted → superseded; a consultation can go back to draft, and a
    /// draft can be adopted directly (for example, one body's own framework). Superseding
    /// happens when a later version is adopted, never by hand.
    public func canMove(to next: FrameworkStatus) -> Bool {
        switch (self, next) {
        case (.draft, .consultation), (.draft, .adopted), (.consultation, .adopted), (.consultation, .draft):
            return true
        default:
            return false
        }
    }
}

/// How a measure is valued.
public enum MeasureValuation: String, Codable, Sendable, CaseIterable {
    /// Turned into £ with a proxy value from a value set.
    case valued
    /// Counted and reported, never monetised.
    case recordOnly = "record-only"

    public var label: String { self == .valued ? "Valued in £" : "Record only" }
}

/// A measure as entered; `outcomeId` (chosen from a list) says where a new measure goes.
public struct MeasureInput: Codable, Sendable, Equatable {
    public var outcomeId: UUID?
    public var code: String?
    public var name: String?
    public var description: String?
    public var unit: String?
    public var valuation: String?
    public var evidence: String?
    public var guidance: String?

    public init(
        outcomeId: UUID? = nil, code: String? = nil, name: String? = nil, description: String? = nil,
        unit: String? = nil, valuation: String? = nil, evidence: String? = nil, guidance: String? = nil
    ) {
        self.outcomeId = outcomeId
        self.code = code
        self.name = name
        self.description = description
        self.unit = unit
        self.valuation = valuation
        self.evidence = evidence
        self.guidance = guidance
    }

    enum CodingKeys: String, CodingKey { case outcomeId, code, name, description, unit, valuation, evidence, guidance }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        outcomeId = try c.decodeChosenID(forKey: .outcomeId)
        code = try c.decodeIfPresent(String.self, forKey: .code)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        unit = try c.decodeIfPresent(String.self, forKey: .unit)
        valuation = try c.decodeIfPresent(String.self, forKey: .valuation)
        evidence = try c.decodeIfPresent(String.self, forKey: .evidence)
        guidance = try c.decodeIfPresent(String.self, forKey: .guidance)
    }

    /// The form's values for a stored measure, to change it.
    public init(_ m: Measure) {
        self.init(
            code: m.code, name: m.name, description: m.description, unit: m.unit, valuation: m.valuation.rawValue,
            evidence: m.evidence, guidance: m.guidance)
    }
}

public struct Measure: Codable, Sendable, Equatable {
    public var code: String
    public var name: String
    public var description: String
    public var unit: String
    public var valuation: MeasureValuation
    public var evidence: String
    public var guidance: String

    public init(
        code: String, name: String, description: String, unit: String, valuation: MeasureValuation,
        evidence: String, guidance: String
    ) {
        self.code = code
        self.name = name
        self.description = description
        self.unit = unit
        self.valuation = valuation
        self.evidence = evidence
        self.guidance = guidance
    }

    /// Units people commonly use; others may be typed.
    public static let commonUnits = [
        "FTE", "hours", "weeks", "GBP", "tonnes CO2e", "people", "organisations", "number", "percent",
    ]

    /// Rules: a code of letters, digits, dots, dashes or underscores (up to 20, unique within
    /// the version: the store checks that); a name, a unit and the evidence a supplier keeps.
    public static func validate(_ input: MeasureInput) throws -> Measure {
        var p = Problems()
        var code = p.text(input.code, field: "code", label: "a code, like ECO1", max: 20)
        if let c = code, c.range(of: #"^[A-Za-z0-9][A-Za-z0-9._-]*$"#, options: .regularExpression) == nil {
            p.add("code", "The code can only contain letters, numbers, dots, dashes and underscores")
            code = nil
        }
        let name = p.text(input.name, field: "name", label: "the measure’s name")
        let description = p.text(
            input.description, field: "description", label: "a description", required: false, max: 2_000)
        let unit = p.text(input.unit, field: "unit", label: "the unit, like FTE, hours or tonnes CO2e", max: 30)
        var valuation: MeasureValuation?
        if let raw = input.valuation, !raw.isEmpty {
            valuation = MeasureValuation(rawValue: raw)
            if valuation == nil { p.add("valuation", "Choose whether the measure is valued in £ or record only") }
        } else {
            p.add("valuation", "Choose whether the measure is valued in £ or record only")
        }
        let evidence = p.text(input.evidence, field: "evidence", label: "the evidence a supplier must keep", max: 2_000)
        let guidance = p.text(input.guidance, field: "guidance", label: "guidance", required: false, max: 5_000)
        try p.throwIfAny()
        return Measure(
            code: code!, name: name!, description: description ?? "", unit: unit!, valuation: valuation!,
            evidence: evidence!, guidance: guidance ?? "")
    }
}

/// A theme or outcome as entered: its name and description, and for a new outcome the theme
/// it belongs to (`themeId`, chosen from a list).
public struct TreeItemInput: Codable, Sendable, Equatable {
    public var name: String?
    public var description: String?
    public var themeId: UUID?

    public init(name: String? = nil, description: String? = nil, themeId: UUID? = nil) {
        self.name = name
        self.description = description
        self.themeId = themeId
    }

    enum CodingKeys: String, CodingKey { case name, description, themeId }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        themeId = try c.decodeChosenID(forKey: .themeId)
    }

    /// The item, checked by `NamedItem.validate`; `what` names it in the messages ("theme").
    public func validated(_ what: String) throws -> NamedItem {
        try NamedItem.validate(name: name, description: description, what: what)
    }
}

/// A named item of the tree (theme or outcome), checked.
public struct NamedItem: Codable, Sendable, Equatable {
    public var name: String
    public var description: String

    public init(name: String, description: String) {
        self.name = name
        self.description = description
    }

    public static func validate(name: String?, description: String?, what: String) throws -> NamedItem {
        var p = Problems()
        let n = p.text(name, field: "name", label: "the \(what)’s name")
        let d = p.text(description, field: "description", label: "a description", required: false, max: 2_000)
        try p.throwIfAny()
        return NamedItem(name: n!, description: d ?? "")
    }
}

/// A whole framework version as a tree: the shape of templates, of copies and of the JSON
/// that `commonweal frameworks import|export` reads and writes.
public struct FrameworkTree: Codable, Sendable, Equatable {
    public struct Outcome: Codable, Sendable, Equatable {
        public var name: String
        public var description: String
        /// Where the wording came from and whether it was verified (templates).
        public var source: String
        public var measures: [Measure]

        public init(name: String, description: String, source: String = "", measures: [Measure] = []) {
            self.name = name
            self.description = description
            self.source = source
            self.measures = measures
        }
    }

    public struct Theme: Codable, Sendable, Equatable {
        public var name: String
        public var description: String
        public var outcomes: [Outcome]

        public init(name: String, description: String, outcomes: [Outcome]) {
            self.name = name
            self.description = description
            self.outcomes = outcomes
        }
    }

    public var definition: String
    public var themes: [Theme]

    public init(definition: String, themes: [Theme]) {
        self.definition = definition
        self.themes = themes
    }

    /// Checks a tree read from a file: every theme, outcome and measure valid, measure codes
    /// unique, no control character anywhere. Errors name the place, like
    /// `themes.2.outcomes.1.measures.3.code`. Returns the tree as it is saved: every text trimmed
    /// as the forms trim it, so what is stored is what was checked.
    public func validated() throws -> FrameworkTree {
        var p = Problems()
        if definition.count > 10_000 { p.add("definition", "The local definition must be 10,000 characters or fewer") }
        if definition.unicodeScalars.contains(where: TextRules.isControl) {
            p.add("definition", "The local definition must not contain control characters")
        }
        if themes.isEmpty { p.add("themes", "A framework needs at least one theme") }
        var codes = Set<String>()
        var out = FrameworkTree(definition: definition.trimmingCharacters(in: .whitespacesAndNewlines), themes: [])
        for (t, theme) in themes.enumerated() {
            let tp = "themes.\(t + 1)"
            var themeOut = theme
            themeOut.outcomes = []
            do {
                let item = try NamedItem.validate(name: theme.name, description: theme.description, what: "theme")
                (themeOut.name, themeOut.description) = (item.name, item.description)
            } catch let f as ValidationFailure {
                for e in f.errors { p.add("\(tp).\(e.field)", e.message) }
            }
            for (o, outcome) in theme.outcomes.enumerated() {
                let op = "\(tp).outcomes.\(o + 1)"
                var outcomeOut = outcome
                outcomeOut.measures = []
                do {
                    let item = try NamedItem.validate(
                        name: outcome.name, description: outcome.description, what: "outcome")
                    (outcomeOut.name, outcomeOut.description) = (item.name, item.description)
                } catch let f as ValidationFailure {
                    for e in f.errors { p.add("\(op).\(e.field)", e.message) }
                }
                outcomeOut.source =
                    p.text(outcome.source, field: "\(op).source", label: "the source", required: false, max: 2_000)
                    ?? ""
                for (m, measure) in outcome.measures.enumerated() {
                    let mp = "\(op).measures.\(m + 1)"
                    let input = MeasureInput(
                        code: measure.code, name: measure.name, description: measure.description, unit: measure.unit,
                        valuation: measure.valuation.rawValue, evidence: measure.evidence, guidance: measure.guidance)
                    do { outcomeOut.measures.append(try Measure.validate(input)) } catch let f as ValidationFailure {
                        for e in f.errors { p.add("\(mp).\(e.field)", e.message) }
                    }
                    let code = measure.code.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
                    if !codes.insert(code).inserted {
                        p.add("\(mp).code", "The code \(measure.code) is used twice")
                    }
                }
                themeOut.outcomes.append(outcomeOut)
            }
            out.themes.append(themeOut)
        }
        try p.throwIfAny()
        return out
    }

    /// Reads a framework tree from JSON as `commonweal frameworks import` is given it: strict
    /// JSON first (no duplicate keys, no trailing text, bounded nesting; an error names its line
    /// and column), then the tree's shape (an error names the place, `themes.1.outcomes.2.name`),
    /// then `validated()`.
    public static func read(json text: String) throws -> FrameworkTree {
        do { _ = try JSONReader.parse(text) } catch let e as JSONSyntaxError {
            var (line, column) = (1, 1)
            for s in text.unicodeScalars.prefix(max(0, e.offset - 1)) {
                if s == "\n" { (line, column) = (line + 1, 1) } else { column += 1 }
            }
            throw ValidationFailure("$", "line \(line), column \(column): \(e.message)")
        }
        let tree: FrameworkTree
        do { tree = try JSONDecoder().decode(FrameworkTree.self, from: Data(text.utf8)) } catch let e as DecodingError {
            func place(_ path: [any CodingKey]) -> String {
                let p = path.map { $0.intValue.map { String($0 + 1) } ?? $0.stringValue }.joined(separator: ".")
                return p.isEmpty ? "$" : p
            }
            switch e {
            case .keyNotFound(let key, let c):
                throw ValidationFailure(place(c.codingPath + [key]), "Missing: every property is required")
            case .typeMismatch(_, let c), .valueNotFound(_, let c):
                throw ValidationFailure(place(c.codingPath), "Has the wrong type")
            case .dataCorrupted(let c):
                throw ValidationFailure(place(c.codingPath), "Is not valid: \(c.debugDescription)")
            @unknown default:
                throw ValidationFailure("$", "The file is not a framework tree")
            }
        }
        return try tree.validated()
    }

    public var measureCount: Int { themes.reduce(0) { $0 + $1.outcomes.reduce(0) { $0 + $1.measures.count } } }
}

/// Whether a version is past its review date (guidance action 7: review regularly).
public func isReviewDue(_ reviewOn: CalendarDate, status: FrameworkStatus, today: CalendarDate) -> Bool {
    status == .adopted && today >= reviewOn
}
