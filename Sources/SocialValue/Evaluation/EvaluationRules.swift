import Foundation

/// The rules an evaluation document must follow once its fields have been read: the same for a
/// document decoded from JSON and for an input built in code. Problems are named by JSON path.
extension Evaluation {
    /// Throws a `ValidationFailure` listing every broken rule.
    public static func validate(_ input: EvaluationInput) throws {
        var p = Problems()
        check(input, skipping: [], &p)
        try p.throwIfAny()
    }

    /// Adds a problem for each broken rule. A rule is skipped when a path it depends on is in
    /// `broken` (the field could not be read, and has already been reported).
    static func check(_ input: EvaluationInput, skipping broken: Set<String>, _ p: inout Problems) {
        let rules = EvaluationRules(input: input, broken: broken)
        rules.document(&p)
        rules.qualitySection(&p)
        rules.socialValueSection(&p)
        for (i, bid) in input.bids.enumerated() {
            rules.bid(bid, at: i, &p)
        }
    }
}

struct EvaluationRules {
    let input: EvaluationInput
    let broken: Set<String>

    /// True when none of `paths`, their parts or the objects holding them failed to be read.
    func intact(_ paths: String...) -> Bool {
        !paths.contains { path in
            broken.contains { b in
                b == path || b.hasPrefix(path + ".") || b.hasPrefix(path + "[") || path.hasPrefix(b + ".")
                    || path.hasPrefix(b + "[")
            }
        }
    }

    static func text(_ d: Decimal) -> String { EvaluationText.plain(d) }

    func document(_ p: inout Problems) {
        if intact("$.title"), input.title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            p.add("$.title", "must not be empty")
        }
        let w = input.weights
        let named = [("price", w.price), ("quality", w.quality), ("socialValue", w.socialValue)]
        for (name, value) in named where value < 0 && intact("$.weights.\(name)") {
            p.add("$.weights.\(name)", "must not be negative")
        }
        if intact("$.weights"), named.allSatisfy({ $0.1 >= 0 }), w.total != 100 {
            p.add("$.weights", "must total 100 (they total \(Self.text(w.total)))")
        }
        let pqp = input.priceMethod == .pricePerQualityPoint
        if pqp, w.price > 0, intact("$.weights.price", "$.price.method") {
            p.add(
                "$.weights.price",
                "must be 0 for price-per-quality-point (price earns no points; it is divided by the non-price points)")
        }
        if input.policy == .ppn002, intact("$.weights", "$.price.method", "$.policy") {
            if pqp {
                if w.socialValue * 10 < w.quality + w.socialValue {
                    p.add(
                        "$.weights.socialValue",
                        "must be at least 10% of the non-price weight (quality plus social value) under policy ppn-002 with price-per-quality-point"
                    )
                }
            } else if w.socialValue < 10 {
                p.add("$.weights.socialValue", "must be at least 10 under policy ppn-002")
            }
        }
        if input.quality == nil, w.quality > 0, intact("$.quality", "$.weights.quality") {
            p.add("$.quality", "is required when weights.quality is more than 0 (null only when it is 0)")
        }
        if input.socialValue == nil, w.socialValue > 0, intact("$.socialValue", "$.weights.socialValue") {
            p.add("$.socialValue", "is required when weights.socialValue is more than 0 (null only when it is 0)")
        }
        if input.bids.isEmpty, intact("$.bids") {
            p.add("$.bids", "must list at least one bid")
        }
        unique(input.bids.map(\.bidder), field: "bidder", in: "$.bids", &p)
    }

    /// Each of `names` (the `field` of the items of the list at `list`) is non-empty and unique,
    /// ignoring surrounding spaces.
    func unique(_ names: [String], field: String, in list: String, _ p: inout Problems) {
        var seen: [String: Int] = [:]
        for (i, raw) in names.enumerated() where intact("\(list)[\(i)].\(field)") {
            let path = "\(list)[\(i)].\(field)"
            let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if name.isEmpty {
                p.add(path, "must not be empty")
            } else if let first = seen[name] {
                p.add(path, "must be unique: \"\(name)\" is also the \(field) of \(list)[\(first)]")
            } else {
                seen[name] = i
            }
        }
    }

    func qualitySection(_ p: inout Problems) {
        guard let q = input.quality else { return }
        if q.scaleMax <= 0, intact("$.quality.scaleMax") {
            p.add("$.quality.scaleMax", "must be greater than 0")
        }
        if let m = q.minimumPercent, m < 0 || m > 100, intact("$.quality.minimumPercent") {
            p.add("$.quality.minimumPercent", "must be from 0 to 100")
        }
        guard let criteria = q.criteria else { return }
        unique(criteria.map(\.id), field: "id", in: "$.quality.criteria", &p)
        for (i, c) in criteria.enumerated() where c.weight < 0 && intact("$.quality.criteria[\(i)].weight") {
            p.add("$.quality.criteria[\(i)].weight", "must not be negative")
        }
        let total = criteria.reduce(Decimal(0)) { $0 + $1.weight }
        if total != 100, criteria.allSatisfy({ $0.weight >= 0 }), intact("$.quality.criteria") {
            p.add("$.quality.criteria", "weights must total 100 (they total \(Self.text(total)))")
        }
    }

    func socialValueSection(_ p: inout Problems) {
        guard let s = input.socialValue else { return }
        unique(s.measures.map(\.code), field: "code", in: "$.socialValue.measures", &p)
        for (i, m) in s.measures.enumerated() where m.proxy < 0 && intact("$.socialValue.measures[\(i)].proxy") {
            p.add("$.socialValue.measures[\(i)].proxy", "must not be negative")
        }
        if s.method.isQuantitative, s.measures.isEmpty, intact("$.socialValue.method", "$.socialValue.measures") {
            p.add("$.socialValue.measures", "must list at least one measure for the \(s.method.rawValue) method")
        }
        if let scale = s.scaleMax, scale <= 0, intact("$.socialValue.scaleMax") {
            p.add("$.socialValue.scaleMax", "must be greater than 0")
        }
        if s.method == .qualitative, s.scaleMax == nil, input.quality == nil,
            intact("$.socialValue.method", "$.socialValue.scaleMax", "$.quality")
        {
            p.add(
                "$.socialValue.scaleMax",
                "is required for the qualitative method when there is no quality section (otherwise quality.scaleMax is used)"
            )
        }
    }

    /// The scale `socialValueScore` is marked on: `socialValue.scaleMax`, else `quality.scaleMax`.
    var socialValueScale: Decimal? { input.socialValue?.scaleMax ?? input.quality?.scaleMax }

    func bid(_ bid: EvaluationBid, at i: Int, _ p: inout Problems) {
        let at = "$.bids[\(i)]"
        if bid.price <= 0, intact("\(at).price") { p.add("\(at).price", "must be greater than 0") }
        bidQuality(bid, at: at, &p)
        bidSocialValue(bid, at: at, &p)
    }

    func score(_ value: Decimal, max: Decimal, at path: String, _ p: inout Problems) {
        if value < 0 || value > max { p.add(path, "must be from 0 to \(Self.text(max))") }
    }

    func bidQuality(_ bid: EvaluationBid, at: String, _ p: inout Problems) {
        guard intact("$.quality", "\(at).quality") else { return }
        let path = "\(at).quality"
        guard let q = input.quality else {
            // When the section is missing for a weight above 0, that is the one problem to report.
            if bid.quality != nil, input.weights.quality == 0, intact("$.weights.quality") {
                p.add(path, "must be left out, as the quality section is null")
            }
            return
        }
        let max: Decimal? = q.scaleMax > 0 ? q.scaleMax : nil
        switch (q.criteria, bid.quality) {
        case (_, nil):
            p.add(
                path,
                q.criteria == nil
                    ? "is required (a score from 0 to \(Self.text(q.scaleMax)))"
                    : "is required (a score for each criterion)")
        case (nil, .overall(let s)?):
            if let max { score(s, max: max, at: path, &p) }
        case (nil, .perCriterion?):
            p.add(path, "must be one score, as quality.criteria is null")
        case (_?, .overall?):
            p.add(path, "must be an object of scores by criterion id, as quality.criteria lists criteria")
        case (let criteria?, .perCriterion(let scores)?):
            let ids = criteria.map(\.id)
            for id in ids where !id.isEmpty {
                if let s = scores[id] {
                    if let max { score(s, max: max, at: "\(path).\(id)", &p) }
                } else {
                    p.add("\(path).\(id)", "is required")
                }
            }
            for key in scores.keys.sorted() where !ids.contains(key) {
                p.add("\(path).\(key)", "is not a criterion id of quality.criteria")
            }
        }
    }

    func bidSocialValue(_ bid: EvaluationBid, at: String, _ p: inout Problems) {
        guard intact("$.socialValue", "\(at).commitments", "\(at).socialValueScore") else { return }
        guard let s = input.socialValue else {
            guard input.weights.socialValue == 0, intact("$.weights.socialValue") else { return }
            if bid.commitments != nil {
                p.add("\(at).commitments", "must be left out, as the social value section is null")
            }
            if bid.socialValueScore != nil {
                p.add("\(at).socialValueScore", "must be left out, as the social value section is null")
            }
            return
        }
        if s.method == .qualitative {
            if bid.commitments != nil {
                p.add("\(at).commitments", "must be left out: the qualitative method scores socialValueScore")
            }
            if let given = bid.socialValueScore {
                if let max = socialValueScale, max > 0 { score(given, max: max, at: "\(at).socialValueScore", &p) }
            } else {
                p.add("\(at).socialValueScore", "is required for the qualitative method")
            }
            return
        }
        if bid.socialValueScore != nil {
            p.add("\(at).socialValueScore", "must be left out: the \(s.method.rawValue) method scores commitments")
        }
        guard let commitments = bid.commitments else {
            p.add("\(at).commitments", "is required (quantities by measure code; {} for none)")
            return
        }
        let codes = Set(s.measures.map(\.code))
        for code in commitments.keys.sorted() {
            if !codes.contains(code) {
                p.add("\(at).commitments.\(code)", "is not a measure code of socialValue.measures")
            } else if commitments[code]! < 0 {
                p.add("\(at).commitments.\(code)", "must not be negative")
            }
        }
    }
}
