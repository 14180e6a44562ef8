import Foundation

// PriceMethod, SocialValueMethod and EvaluationPolicy are the tender set-up's (Tender.swift):
// one definition each, shared by the set-up and the engine.
extension SocialValueMethod {
    /// Whether the method scores monetised commitments (rather than a judged score).
    public var isQuantitative: Bool { self != .qualitative }
}

/// Percentages of the total score; they total 100 and any may be 0.
public struct EvaluationWeights: Sendable, Equatable {
    public var price, quality, socialValue: Decimal

    public init(price: Decimal, quality: Decimal, socialValue: Decimal) {
        self.price = price
        self.quality = quality
        self.socialValue = socialValue
    }

    public var total: Decimal { price + quality + socialValue }
}

public struct EvaluationCriterion: Sendable, Equatable {
    public var id: String
    public var name: String
    /// Percentage of the quality weight; the criteria's weights total 100.
    public var weight: Decimal

    public init(id: String, name: String, weight: Decimal) {
        self.id = id
        self.name = name
        self.weight = weight
    }
}

public struct QualitySection: Sendable, Equatable {
    /// The top of the scoring scale (scores run from 0 to this).
    public var scaleMax: Decimal
    /// nil: each bid gives one overall score; otherwise one score per criterion.
    public var criteria: [EvaluationCriterion]?
    /// Bids whose quality points fall below this percentage of the quality weight are excluded.
    public var minimumPercent: Decimal?

    public init(scaleMax: Decimal, criteria: [EvaluationCriterion]? = nil, minimumPercent: Decimal? = nil) {
        self.scaleMax = scaleMax
        self.criteria = criteria
        self.minimumPercent = minimumPercent
    }
}

public struct SocialValueMeasure: Sendable, Equatable {
    public var code, name, unit: String
    /// £ per unit of the measure.
    public var proxy: Decimal

    public init(code: String, name: String, unit: String, proxy: Decimal) {
        self.code = code
        self.name = name
        self.unit = unit
        self.proxy = proxy
    }
}

public struct SocialValueSection: Sendable, Equatable {
    public var method: SocialValueMethod
    /// May be empty for the qualitative method.
    public var measures: [SocialValueMeasure]
    /// The scale of `socialValueScore` (qualitative method); when nil, `quality.scaleMax` is used.
    public var scaleMax: Decimal?

    public init(method: SocialValueMethod, measures: [SocialValueMeasure], scaleMax: Decimal? = nil) {
        self.method = method
        self.measures = measures
        self.scaleMax = scaleMax
    }
}

/// A bid's quality: one overall score, or one score per criterion id.
public enum QualityScores: Sendable, Equatable {
    case overall(Decimal)
    case perCriterion([String: Decimal])
}

public struct EvaluationBid: Sendable, Equatable {
    public var bidder: String
    public var price: Decimal
    /// nil when the quality section is null.
    public var quality: QualityScores?
    /// Quantities by measure code (quantitative social value methods); a measure left out counts as 0.
    public var commitments: [String: Decimal]?
    /// The judged social value score (qualitative method).
    public var socialValueScore: Decimal?

    public init(
        bidder: String, price: Decimal, quality: QualityScores? = nil, commitments: [String: Decimal]? = nil,
        socialValueScore: Decimal? = nil
    ) {
        self.bidder = bidder
        self.price = price
        self.quality = quality
        self.commitments = commitments
        self.socialValueScore = socialValueScore
    }
}

/// The tender evaluation document's input (calculations.md §2), typed.
public struct EvaluationInput: Sendable, Equatable {
    public var title: String
    public var weights: EvaluationWeights
    public var priceMethod: PriceMethod
    /// nil (JSON `null`) is allowed only when `weights.quality` is 0.
    public var quality: QualitySection?
    /// nil (JSON `null`) is allowed only when `weights.socialValue` is 0.
    public var socialValue: SocialValueSection?
    public var policy: EvaluationPolicy?
    public var bids: [EvaluationBid]

    public init(
        title: String, weights: EvaluationWeights, priceMethod: PriceMethod, quality: QualitySection?,
        socialValue: SocialValueSection?, policy: EvaluationPolicy? = nil, bids: [EvaluationBid]
    ) {
        self.title = title
        self.weights = weights
        self.priceMethod = priceMethod
        self.quality = quality
        self.socialValue = socialValue
        self.policy = policy
        self.bids = bids
    }

    /// The input document in the spec's shape and key order, so a stored evaluation can be
    /// exported and re-run (`Evaluation.run(input.json.rendered())`) with the same result.
    /// Prices and proxies are strings with at least 2 decimal places (never fewer digits than
    /// they hold); commitments are strings; weights and scores are JSON numbers.
    public var json: JSONValue {
        .ordered([
            ("title", .string(title)),
            (
                "weights",
                .ordered([
                    ("price", EvaluationText.number(weights.price)),
                    ("quality", EvaluationText.number(weights.quality)),
                    ("socialValue", EvaluationText.number(weights.socialValue)),
                ])
            ),
            ("price", .ordered([("method", .string(priceMethod.rawValue))])),
            ("quality", quality.map(Self.json) ?? .null),
            ("socialValue", socialValue.map(Self.json) ?? .null),
            ("policy", policy.map { .string($0.rawValue) } ?? .null),
            ("bids", .array(bids.map(json))),
        ])
    }

    static func json(_ q: QualitySection) -> JSONValue {
        .ordered([
            ("scaleMax", EvaluationText.number(q.scaleMax)),
            (
                "criteria",
                q.criteria.map { list in
                    .array(
                        list.map { c in
                            .ordered([
                                ("id", .string(c.id)), ("name", .string(c.name)),
                                ("weight", EvaluationText.number(c.weight)),
                            ])
                        })
                } ?? .null
            ),
            ("minimumPercent", q.minimumPercent.map(EvaluationText.number) ?? .null),
        ])
    }

    static func json(_ s: SocialValueSection) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("method", .string(s.method.rawValue)),
            (
                "measures",
                .array(
                    s.measures.map { m in
                        .ordered([
                            ("code", .string(m.code)), ("name", .string(m.name)), ("unit", .string(m.unit)),
                            ("proxy", .string(EvaluationText.amount(m.proxy))),
                        ])
                    })
            ),
        ]
        if let scale = s.scaleMax { pairs.append(("scaleMax", EvaluationText.number(scale))) }
        return .ordered(pairs)
    }

    func json(_ bid: EvaluationBid) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("bidder", .string(bid.bidder)), ("price", .string(EvaluationText.amount(bid.price))),
        ]
        switch bid.quality {
        case nil: break
        case .overall(let score)?: pairs.append(("quality", EvaluationText.number(score)))
        case .perCriterion(let scores)?:
            let ids = quality?.criteria?.map(\.id) ?? []
            let keys = ids.filter { scores[$0] != nil } + scores.keys.filter { !ids.contains($0) }.sorted()
            pairs.append(("quality", .ordered(keys.map { ($0, EvaluationText.number(scores[$0]!)) })))
        }
        if let commitments = bid.commitments {
            let codes = socialValue?.measures.map(\.code) ?? []
            let keys =
                codes.filter { commitments[$0] != nil } + commitments.keys.filter { !codes.contains($0) }.sorted()
            pairs.append(("commitments", .ordered(keys.map { ($0, .string(EvaluationText.plain(commitments[$0]!))) })))
        }
        if let score = bid.socialValueScore { pairs.append(("socialValueScore", EvaluationText.number(score))) }
        return .ordered(pairs)
    }
}

/// How the evaluation documents write decimals.
enum EvaluationText {
    /// The decimal exactly, e.g. `150000`, `12.5`, `-3`.
    static func plain(_ value: Decimal) -> String { "\(value)" }

    /// A JSON number holding the decimal exactly.
    static func number(_ value: Decimal) -> JSONValue { .number(plain(value)) }

    /// An amount with at least 2 decimal places and every digit it holds: `100000.00`, `0.125`.
    static func amount(_ value: Decimal) -> String {
        let text = plain(value)
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let decimals = parts.count > 1 ? parts[1].count : 0
        if decimals >= 2 { return text }
        return (parts.count > 1 ? text : text + ".") + String(repeating: "0", count: 2 - decimals)
    }
}
