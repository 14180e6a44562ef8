import Foundation

/// Reads the evaluation document's JSON into typed values, collecting every problem by JSON path.
///
/// A field that cannot be read (wrong type, missing, not a decimal) is recorded in `broken` and
/// given a placeholder, so the rules checked afterwards (`Evaluation.check`) skip anything that
/// depends on it instead of reporting a second, misleading problem.
struct EvaluationReader {
    var problems = Problems()
    var broken: Set<String> = []

    mutating func fail(_ path: String, _ message: String) {
        problems.add(path, message)
        broken.insert(path)
    }

    mutating func unknown(_ object: [String: JSONValue], _ allowed: Set<String>, at path: String) {
        Screening.unknownFields(object, allowed: allowed, at: path, &problems)
    }

    /// The object at `path`; nil (and a problem) when missing or of another type. `null` gives
    /// nil with no problem when `nullable`.
    mutating func object(_ value: JSONValue?, at path: String, nullable: Bool = false) -> [String: JSONValue]? {
        switch value {
        case nil: fail(path, "is required")
        case .object(_, let fields)?: return fields
        case .null? where nullable: break
        case let v?: fail(path, "must be an object\(nullable ? " or null" : ""), not \(v.typeName)")
        }
        return nil
    }

    mutating func array(_ value: JSONValue?, at path: String) -> [JSONValue]? {
        switch value {
        case nil: fail(path, "is required")
        case .array(let items)?: return items
        case let v?: fail(path, "must be an array, not \(v.typeName)")
        }
        return nil
    }

    mutating func string(_ value: JSONValue?, at path: String) -> String? {
        switch value {
        case nil: fail(path, "is required")
        case .string(let s)?: return s
        case let v?: fail(path, "must be a string, not \(v.typeName)")
        }
        return nil
    }

    /// A decimal written as a JSON number or a string (`60`, `"150000.00"`); signs and ranges
    /// are the rules' business, so negatives are read too.
    mutating func decimal(_ value: JSONValue?, at path: String, example: String) -> Decimal? {
        let text: String
        switch value {
        case nil:
            fail(path, "is required")
            return nil
        case .number(let n)?: text = n
        case .string(let s)?: text = s
        case let v?:
            fail(path, "must be a number such as \(example), not \(v.typeName)")
            return nil
        }
        guard let d = DecimalText.parse(text) else {
            fail(path, "must be a number such as \(example)")
            return nil
        }
        return d
    }

    /// An object's values as decimals by key; keys whose value cannot be read are left out.
    mutating func decimals(_ keys: [String], _ values: [String: JSONValue], at path: String, example: String)
        -> [String: Decimal]
    {
        var out: [String: Decimal] = [:]
        for key in keys {
            if let d = decimal(values[key], at: "\(path).\(key)", example: example) { out[key] = d }
        }
        return out
    }

    /// A decimal that may also be `null` or left out (nil).
    mutating func optionalDecimal(_ value: JSONValue?, at path: String, example: String) -> Decimal? {
        if value == nil || value == .null { return nil }
        return decimal(value, at: path, example: example)
    }

    mutating func choice<E: RawRepresentable & CaseIterable>(
        _ object: [String: JSONValue], _ name: String, at path: String
    ) -> E?
    where E.RawValue == String {
        let e: E? = Screening.enumField(object, name, at: path, &problems)
        if e == nil { broken.insert("\(path).\(name)") }
        return e
    }
}

extension Evaluation {
    /// Reads an evaluation document. Problems are named by JSON path (`$.bids[1].price`).
    public static func decode(_ text: String) throws -> EvaluationInput {
        try decode(try JSONReader.document(text))
    }

    public static func decode(_ doc: JSONValue) throws -> EvaluationInput {
        guard case .object(_, let top) = doc else { throw ValidationFailure("$", "must be a JSON object") }
        var r = EvaluationReader()
        r.unknown(top, ["title", "weights", "price", "quality", "socialValue", "policy", "bids"], at: "$")
        let title = r.string(top["title"], at: "$.title") ?? ""

        var weights = EvaluationWeights(price: 0, quality: 0, socialValue: 0)
        if let w = r.object(top["weights"], at: "$.weights") {
            r.unknown(w, ["price", "quality", "socialValue"], at: "$.weights")
            weights.price = r.decimal(w["price"], at: "$.weights.price", example: "40") ?? 0
            weights.quality = r.decimal(w["quality"], at: "$.weights.quality", example: "50") ?? 0
            weights.socialValue = r.decimal(w["socialValue"], at: "$.weights.socialValue", example: "10") ?? 0
        }

        var method = PriceMethod.lowestPriceRatio
        if let price = r.object(top["price"], at: "$.price") {
            r.unknown(price, ["method"], at: "$.price")
            method = r.choice(price, "method", at: "$.price") ?? method
        }

        let quality = r.object(top["quality"], at: "$.quality", nullable: true).map { qualitySection($0, &r) }
        let socialValue = r.object(top["socialValue"], at: "$.socialValue", nullable: true).map {
            socialValueSection($0, &r)
        }

        var policy: EvaluationPolicy?
        switch top["policy"] {
        case nil: r.fail("$.policy", "is required (null for none)")
        case .null?: break
        default: policy = r.choice(top, "policy", at: "$")
        }

        var bids: [EvaluationBid] = []
        for (i, item) in (r.array(top["bids"], at: "$.bids") ?? []).enumerated() {
            bids.append(bid(item, at: "$.bids[\(i)]", &r))
        }

        let input = EvaluationInput(
            title: title, weights: weights, priceMethod: method, quality: quality, socialValue: socialValue,
            policy: policy, bids: bids)
        check(input, skipping: r.broken, &r.problems)
        try r.problems.throwIfAny()
        return input
    }

    static func qualitySection(_ q: [String: JSONValue], _ r: inout EvaluationReader) -> QualitySection {
        let at = "$.quality"
        r.unknown(q, ["scaleMax", "criteria", "minimumPercent"], at: at)
        var section = QualitySection(scaleMax: r.decimal(q["scaleMax"], at: "\(at).scaleMax", example: "100") ?? 1)
        switch q["criteria"] {
        case nil: r.fail("\(at).criteria", "is required (null for one overall score)")
        case .null?: break
        case .array(let items)?:
            section.criteria = items.enumerated().map { i, item in
                let cat = "\(at).criteria[\(i)]"
                guard let c = r.object(item, at: cat) else { return EvaluationCriterion(id: "", name: "", weight: 0) }
                r.unknown(c, ["id", "name", "weight"], at: cat)
                return EvaluationCriterion(
                    id: r.string(c["id"], at: "\(cat).id") ?? "", name: r.string(c["name"], at: "\(cat).name") ?? "",
                    weight: r.decimal(c["weight"], at: "\(cat).weight", example: "60") ?? 0)
            }
        case let v?: r.fail("\(at).criteria", "must be an array or null, not \(v.typeName)")
        }
        if q["minimumPercent"] == nil {
            r.fail("\(at).minimumPercent", "is required (null for no minimum)")
        } else {
            section.minimumPercent = r.optionalDecimal(q["minimumPercent"], at: "\(at).minimumPercent", example: "60")
        }
        return section
    }

    static func socialValueSection(_ s: [String: JSONValue], _ r: inout EvaluationReader) -> SocialValueSection {
        let at = "$.socialValue"
        r.unknown(s, ["method", "measures", "scaleMax"], at: at)
        let method: SocialValueMethod = r.choice(s, "method", at: at) ?? .qualitative
        let measures = (r.array(s["measures"], at: "\(at).measures") ?? []).enumerated().map { i, item in
            let mat = "\(at).measures[\(i)]"
            guard let m = r.object(item, at: mat) else {
                return SocialValueMeasure(code: "", name: "", unit: "", proxy: 0)
            }
            r.unknown(m, ["code", "name", "unit", "proxy"], at: mat)
            return SocialValueMeasure(
                code: r.string(m["code"], at: "\(mat).code") ?? "", name: r.string(m["name"], at: "\(mat).name") ?? "",
                unit: r.string(m["unit"], at: "\(mat).unit") ?? "",
                proxy: r.decimal(m["proxy"], at: "\(mat).proxy", example: "\"1.00\"") ?? 0)
        }
        let scale = r.optionalDecimal(s["scaleMax"], at: "\(at).scaleMax", example: "10")
        return SocialValueSection(method: method, measures: measures, scaleMax: scale)
    }

    static func bid(_ item: JSONValue, at: String, _ r: inout EvaluationReader) -> EvaluationBid {
        var bid = EvaluationBid(bidder: "", price: 1)
        guard let b = r.object(item, at: at) else { return bid }
        r.unknown(b, ["bidder", "price", "quality", "commitments", "socialValueScore"], at: at)
        bid.bidder = r.string(b["bidder"], at: "\(at).bidder") ?? ""
        bid.price = r.decimal(b["price"], at: "\(at).price", example: "\"100000.00\"") ?? 1
        switch b["quality"] {
        case nil, .null?: break
        case .object(let ids, let scores)?:
            bid.quality = .perCriterion(r.decimals(ids, scores, at: "\(at).quality", example: "3"))
        case let v?:
            bid.quality = r.decimal(v, at: "\(at).quality", example: "60").map { .overall($0) }
        }
        switch b["commitments"] {
        case nil, .null?: break
        case .object(let codes, let quantities)?:
            bid.commitments = r.decimals(codes, quantities, at: "\(at).commitments", example: "\"150000\"")
        case let v?: r.fail("\(at).commitments", "must be an object of quantities by measure code, not \(v.typeName)")
        }
        bid.socialValueScore = r.optionalDecimal(b["socialValueScore"], at: "\(at).socialValueScore", example: "7")
        return bid
    }
}
