import Foundation

/// What one bid brings to the evaluation document: who, the price, the moderated scores and
/// the social value commitments.
public struct EvaluationBidFacts: Sendable, Equatable {
    public var bidder: String
    public var price: Money
    /// Criterion id → moderated score.
    public var quality: [String: Decimal]
    /// Measure code → quantity committed.
    public var commitments: [String: Decimal]
    /// The moderated qualitative social value score, when the method is qualitative.
    public var socialValueScore: Decimal?

    public init(
        bidder: String, price: Money, quality: [String: Decimal], commitments: [String: Decimal],
        socialValueScore: Decimal?
    ) {
        self.bidder = bidder
        self.price = price
        self.quality = quality
        self.commitments = commitments
        self.socialValueScore = socialValueScore
    }
}

/// Builds the evaluation document of calculations.md §2 from a tender's configuration and its
/// bids, so the ranking can be re-run by anyone with `commonweal evaluate`.
public enum EvaluationDocument {
    static func number(_ d: Decimal) -> JSONValue { .number(DecimalText.plainNumber(d)) }

    /// The bidders' names as the document gives them, in its order (the order of the bids it was
    /// built from): how a stored ranking knows which bid each ranked name is, whatever the
    /// organisations are called later. Nil when the text is not such a document.
    public static func bidders(in document: String) -> [String]? {
        guard case .object(_, let top)? = try? JSONReader.parse(document), case .array(let bids)? = top["bids"]
        else { return nil }
        var names: [String] = []
        for bid in bids {
            guard case .object(_, let fields) = bid, case .string(let name)? = fields["bidder"] else { return nil }
            names.append(name)
        }
        return names
    }

    /// Pence as pounds text with two places: 10000050 → "100000.50".
    public static func poundsText(_ m: Money) -> String {
        let rest = m.pence % 100
        return "\(m.pence / 100).\(rest < 10 ? "0" : "")\(rest)"
    }

    public static func build(title: String, config: TenderConfiguration, bids: [EvaluationBidFacts]) -> JSONValue {
        let w = config.weights
        let hasQuality = w.quality > 0 || !config.criteria.isEmpty
        let quality: JSONValue =
            hasQuality
            ? .ordered([
                ("scaleMax", .number(String(config.qualityScaleMax))),
                (
                    "criteria",
                    config.criteria.isEmpty
                        ? .null
                        : .array(
                            config.criteria.map {
                                .ordered([
                                    ("id", .string($0.id)), ("name", .string($0.name)),
                                    ("weight", .number(String($0.weight))),
                                ])
                            })
                ),
                ("minimumPercent", config.minimumQualityPercent.map { .number(String($0)) } ?? .null),
            ]) : .null
        let qualitative = config.socialValueMethod == .qualitative
        let hasSocialValue = w.socialValue > 0 || !config.measures.isEmpty
        var svPairs: [(String, JSONValue)] = [
            ("method", .string(config.socialValueMethod.rawValue)),
            (
                "measures",
                .array(
                    config.measures.map {
                        .ordered([
                            ("code", .string($0.code)), ("name", .string($0.name)), ("unit", .string($0.unit)),
                            ("proxy", .string($0.proxy)),
                        ])
                    })
            ),
        ]
        if qualitative { svPairs.append(("scaleMax", .number(String(config.qualityScaleMax)))) }
        let socialValue: JSONValue = hasSocialValue ? .ordered(svPairs) : .null
        let bidValues: [JSONValue] = bids.map { b in
            var pairs: [(String, JSONValue)] = [("bidder", .string(b.bidder)), ("price", .string(poundsText(b.price)))]
            if hasQuality {
                if config.criteria.isEmpty {
                    pairs.append(("quality", number(b.quality.values.first ?? 0)))
                } else {
                    pairs.append(("quality", .ordered(config.criteria.map { ($0.id, number(b.quality[$0.id] ?? 0)) })))
                }
            }
            if hasSocialValue {
                if qualitative {
                    pairs.append(("socialValueScore", number(b.socialValueScore ?? 0)))
                } else {
                    pairs.append(
                        (
                            "commitments",
                            .ordered(
                                config.measures.map { ($0.code, .string(Bids.plain(b.commitments[$0.code] ?? 0))) })
                        ))
                }
            }
            return .ordered(pairs)
        }
        return .ordered([
            ("title", .string(title)),
            (
                "weights",
                .ordered([
                    ("price", .number(String(w.price))), ("quality", .number(String(w.quality))),
                    ("socialValue", .number(String(w.socialValue))),
                ])
            ),
            ("price", .ordered([("method", .string(config.priceMethod.rawValue))])),
            ("quality", quality),
            ("socialValue", socialValue),
            ("policy", config.policy.map { .string($0.rawValue) } ?? .null),
            ("bids", .array(bidValues)),
        ])
    }
}

extension DecimalText {
    /// A decimal as a JSON number's text, without exponent or trailing zeros: "3", "2.5".
    public static func plainNumber(_ d: Decimal) -> String {
        var text = Bids.plain(d)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}
