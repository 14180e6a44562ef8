import Foundation

extension SROI {
    /// The longest duration an outcome may have, in years: past the Green Book's 2.5% band (76+).
    public static let maximumDurationYears = 100
    /// At most this many outcomes and scenarios in one document, so that the tornado table (eight
    /// runs per outcome) stays quick.
    public static let maximumOutcomes = 50
    public static let maximumScenarios = 50

    static let outcomeFields: Set<String> = [
        "id", "stakeholder", "description", "quantity", "proxy", "proxySource", "durationYears", "deadweight",
        "attribution", "displacement", "dropOff",
    ]
    static let overrideFields: Set<String> = [
        "quantity", "proxy", "durationYears", "deadweight", "attribution", "displacement", "dropOff",
    ]

    /// Reads an SROI document (calculations.md §3). Problems are named by JSON path
    /// (`$.outcomes[0].deadweight`); unknown fields are errors.
    public static func decode(_ text: String) throws -> SROIInput {
        try decode(try JSONReader.document(text))
    }

    public static func decode(_ doc: JSONValue) throws -> SROIInput {
        guard case .object(_, let top) = doc else { throw ValidationFailure("$", "must be a JSON object") }
        var r = EvaluationReader()
        r.unknown(top, ["title", "investment", "discountRate", "outcomes", "sensitivity"], at: "$")
        let title = r.string(top["title"], at: "$.title") ?? ""
        if case .string(let s)? = top["title"], s.trimmingCharacters(in: .whitespaces).isEmpty {
            r.fail("$.title", "must not be empty")
        }
        var investment: Decimal = 1
        if let d = r.decimal(top["investment"], at: "$.investment", example: "\"100000.00\"") {
            if d > 0 { investment = d } else { r.fail("$.investment", "must be greater than 0") }
        }
        var discountRate: Decimal?
        switch top["discountRate"] {
        case nil: r.fail("$.discountRate", "is required (null for the Green Book schedule)")
        case .null?: break
        case let v?: discountRate = r.rate(v, at: "$.discountRate")
        }

        var outcomes: [SROIOutcome] = []
        if let items = r.array(top["outcomes"], at: "$.outcomes") {
            if items.isEmpty { r.fail("$.outcomes", "must list at least one outcome") }
            if items.count > maximumOutcomes { r.fail("$.outcomes", "must list at most \(maximumOutcomes) outcomes") }
            var seen: [String: Int] = [:]
            for (i, item) in items.prefix(maximumOutcomes).enumerated() {
                let at = "$.outcomes[\(i)]"
                guard let o = outcome(item, at: at, &r) else { continue }
                if let first = seen[o.id] {
                    r.fail("\(at).id", "must be unique: \"\(o.id)\" is also the id of $.outcomes[\(first)]")
                } else if !o.id.isEmpty {
                    seen[o.id] = i
                }
                outcomes.append(o)
            }
        }

        var sensitivity: [SROIScenario]?
        switch top["sensitivity"] {
        case nil: r.fail("$.sensitivity", "is required (null for none)")
        case .null?: break
        case .array(let items)?:
            if items.count > maximumScenarios {
                r.fail("$.sensitivity", "must list at most \(maximumScenarios) scenarios")
            }
            let ids = Set(outcomes.map(\.id))
            var names: [String: Int] = [:]
            sensitivity = items.prefix(maximumScenarios).enumerated().compactMap { i, item in
                let at = "$.sensitivity[\(i)]"
                guard let s = scenario(item, at: at, outcomeIDs: ids, &r) else { return nil }
                if let first = names[s.name] {
                    r.fail("\(at).name", "must be unique: \"\(s.name)\" is also the name of $.sensitivity[\(first)]")
                } else if !s.name.isEmpty {
                    names[s.name] = i
                }
                return s
            }
        case let v?: r.fail("$.sensitivity", "must be an array or null, not \(v.typeName)")
        }
        try r.problems.throwIfAny()
        return SROIInput(
            title: title, investment: investment, discountRate: discountRate, outcomes: outcomes,
            sensitivity: sensitivity)
    }

    static func outcome(_ item: JSONValue, at: String, _ r: inout EvaluationReader) -> SROIOutcome? {
        guard let o = r.object(item, at: at) else { return nil }
        r.unknown(o, outcomeFields, at: at)
        let id = r.string(o["id"], at: "\(at).id") ?? ""
        if case .string(let s)? = o["id"], s.trimmingCharacters(in: .whitespaces).isEmpty {
            r.fail("\(at).id", "must not be empty")
        }
        return SROIOutcome(
            id: id, stakeholder: r.string(o["stakeholder"], at: "\(at).stakeholder") ?? "",
            description: r.string(o["description"], at: "\(at).description") ?? "",
            quantity: r.nonNegative(o["quantity"], at: "\(at).quantity", example: "\"10\"") ?? 0,
            proxy: r.nonNegative(o["proxy"], at: "\(at).proxy", example: "\"10767.00\"") ?? 0,
            proxySource: r.string(o["proxySource"], at: "\(at).proxySource") ?? "",
            durationYears: r.years(o["durationYears"], at: "\(at).durationYears") ?? 1,
            deadweight: r.rate(o["deadweight"], at: "\(at).deadweight") ?? 0,
            attribution: r.rate(o["attribution"], at: "\(at).attribution") ?? 0,
            displacement: r.rate(o["displacement"], at: "\(at).displacement") ?? 0,
            dropOff: r.rate(o["dropOff"], at: "\(at).dropOff") ?? 0)
    }

    static func scenario(_ item: JSONValue, at: String, outcomeIDs: Set<String>, _ r: inout EvaluationReader)
        -> SROIScenario?
    {
        guard let s = r.object(item, at: at) else { return nil }
        r.unknown(s, ["name", "outcomes"], at: at)
        let name = r.string(s["name"], at: "\(at).name") ?? ""
        if case .string(let n)? = s["name"], n.trimmingCharacters(in: .whitespaces).isEmpty {
            r.fail("\(at).name", "must not be empty")
        }
        var overrides: [String: SROIOverride] = [:]
        switch s["outcomes"] {
        case nil: r.fail("\(at).outcomes", "is required")
        case .object(let keys, let values)?:
            for key in keys {
                let oat = "\(at).outcomes.\(key)"
                guard outcomeIDs.contains(key) else {
                    r.fail(oat, "is not an outcome id of $.outcomes")
                    continue
                }
                guard let fields = r.object(values[key], at: oat) else { continue }
                r.unknown(fields, overrideFields, at: oat)
                var o = SROIOverride()
                if fields["quantity"] != nil {
                    o.quantity = r.nonNegative(fields["quantity"], at: "\(oat).quantity", example: "\"10\"")
                }
                if fields["proxy"] != nil {
                    o.proxy = r.nonNegative(fields["proxy"], at: "\(oat).proxy", example: "\"10767.00\"")
                }
                if fields["durationYears"] != nil {
                    o.durationYears = r.years(fields["durationYears"], at: "\(oat).durationYears")
                }
                if fields["deadweight"] != nil { o.deadweight = r.rate(fields["deadweight"], at: "\(oat).deadweight") }
                if fields["attribution"] != nil {
                    o.attribution = r.rate(fields["attribution"], at: "\(oat).attribution")
                }
                if fields["displacement"] != nil {
                    o.displacement = r.rate(fields["displacement"], at: "\(oat).displacement")
                }
                if fields["dropOff"] != nil { o.dropOff = r.rate(fields["dropOff"], at: "\(oat).dropOff") }
                overrides[key] = o
            }
        case let v?: r.fail("\(at).outcomes", "must be an object of changes by outcome id, not \(v.typeName)")
        }
        return SROIScenario(name: name, outcomes: overrides)
    }
}

extension EvaluationReader {
    /// A fraction of 0…1 (deadweight, attribution, displacement, drop-off, a flat discount rate).
    mutating func rate(_ value: JSONValue?, at path: String) -> Decimal? {
        guard let d = decimal(value, at: path, example: "\"0.25\"") else { return nil }
        guard d >= 0, d <= 1 else {
            fail(path, "must be between 0 and 1")
            return nil
        }
        return d
    }

    mutating func nonNegative(_ value: JSONValue?, at path: String, example: String) -> Decimal? {
        guard let d = decimal(value, at: path, example: example) else { return nil }
        guard d >= 0 else {
            fail(path, "must not be negative")
            return nil
        }
        return d
    }

    /// A whole number of years, 1…`SROI.maximumDurationYears`.
    mutating func years(_ value: JSONValue?, at path: String) -> Int? {
        guard let d = decimal(value, at: path, example: "3") else { return nil }
        let whole = DecimalText.rounded(d, places: 0)
        guard whole == d, d >= 1, d <= Decimal(SROI.maximumDurationYears) else {
            fail(path, "must be a whole number of years from 1 to \(SROI.maximumDurationYears)")
            return nil
        }
        return NSDecimalNumber(decimal: whole).intValue
    }
}
