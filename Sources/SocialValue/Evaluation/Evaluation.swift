import Foundation

/// One bid's place in the result. Points are unrounded; the JSON rounds them half-up to 2 places.
public struct RankedBid: Sendable, Equatable {
    /// nil for an excluded bid. Bids still equal after the tie-breaks share a rank (1, 1, 3).
    public var rank: Int?
    public var bidder: String
    /// price + quality + socialValue, from the unrounded parts.
    public var total, price, quality, socialValue: Decimal
    /// Σ commitment × proxy; nil when the social value section is null or its method is
    /// qualitative (nothing is monetised then).
    public var socialValueMonetised: Decimal?
    /// Price divided by the non-price points (`total`); only under price per quality point, and
    /// nil for an excluded bid.
    public var pricePerQualityPoint: Decimal?
    /// An excluded bid keeps its quality points (which explain a minimum-quality exclusion) but
    /// takes no part in relative scoring, so its price and social value points are 0.
    public var excluded: Bool
    public var reason: String?

    public init(
        rank: Int?, bidder: String, total: Decimal, price: Decimal, quality: Decimal, socialValue: Decimal,
        socialValueMonetised: Decimal?, pricePerQualityPoint: Decimal? = nil, excluded: Bool = false,
        reason: String? = nil
    ) {
        self.rank = rank
        self.bidder = bidder
        self.total = total
        self.price = price
        self.quality = quality
        self.socialValue = socialValue
        self.socialValueMonetised = socialValueMonetised
        self.pricePerQualityPoint = pricePerQualityPoint
        self.excluded = excluded
        self.reason = reason
    }
}

/// The tender evaluation document's output.
public struct EvaluationResult: Sendable, Equatable {
    /// Ranked bids, best first, then excluded bids in the order they were given.
    public var ranking: [RankedBid]
    public var warnings: [String]
    /// The price method used; under price per quality point each entry carries `pricePerQualityPoint`.
    public var priceMethod: PriceMethod

    public init(ranking: [RankedBid], warnings: [String], priceMethod: PriceMethod) {
        self.ranking = ranking
        self.warnings = warnings
        self.priceMethod = priceMethod
    }

    /// The output document exactly as calculations.md §2 shows it: points, money and ratios as
    /// strings rounded half-up to 2 decimal places.
    public var json: JSONValue {
        .ordered([
            ("ranking", .array(ranking.map(entry))),
            ("warnings", .array(warnings.map { .string($0) })),
        ])
    }

    func entry(_ r: RankedBid) -> JSONValue {
        func points(_ d: Decimal) -> JSONValue { .string(DecimalText.format(d)) }
        var pairs: [(String, JSONValue)] = [
            ("rank", r.rank.map { .number(String($0)) } ?? .null),
            ("bidder", .string(r.bidder)),
            ("total", points(r.total)),
            ("price", points(r.price)),
            ("quality", points(r.quality)),
            ("socialValue", points(r.socialValue)),
            ("socialValueMonetised", r.socialValueMonetised.map(points) ?? .null),
        ]
        if priceMethod == .pricePerQualityPoint {
            pairs.append(("pricePerQualityPoint", r.pricePerQualityPoint.map(points) ?? .null))
        }
        pairs.append(("excluded", .bool(r.excluded)))
        if r.excluded { pairs.append(("reason", .string(r.reason ?? "excluded"))) }
        return .ordered(pairs)
    }
}

/// Tender evaluation (calculations.md §2; methods in DOMAIN.md §5).
///
/// Where the spec is silent:
/// - A bid with no non-price points under price per quality point has no price per point; it
///   is excluded with a reason.
/// - A measure a bid's `commitments` leaves out counts as 0; `commitments` itself is required
///   (`{}` for none) under the quantitative methods.
/// - The qualitative `socialValueScore` is marked on `socialValue.scaleMax`, else on
///   `quality.scaleMax`.
/// - Ties are judged on unrounded values taken to 10 decimal places, so the last digits of a
///   decimal division cannot split bids that are equal.
public enum Evaluation {
    /// Decodes, evaluates and renders: the whole document pipeline the CLI and API share.
    public static func run(_ text: String) throws -> String {
        try evaluate(try decode(text)).json.rendered() + "\n"
    }

    /// Validates the input, then scores and ranks every bid.
    public static func evaluate(_ input: EvaluationInput) throws -> EvaluationResult {
        try validate(input)
        return Scoring(input).result()
    }
}

/// The arithmetic of one evaluation, on a valid input.
struct Scoring {
    let input: EvaluationInput
    let w: EvaluationWeights
    var entries: [RankedBid]
    var warnings: [String] = []

    init(_ input: EvaluationInput) {
        self.input = input
        w = input.weights
        entries = input.bids.map {
            RankedBid(
                rank: nil, bidder: $0.bidder, total: 0, price: 0, quality: 0, socialValue: 0, socialValueMonetised: nil)
        }
    }

    var included: [Int] { entries.indices.filter { !entries[$0].excluded } }

    mutating func exclude(_ i: Int, _ reason: String) {
        entries[i].excluded = true
        entries[i].reason = reason
    }

    func result() -> EvaluationResult {
        var s = self
        s.scoreQuality()
        s.scorePrice()
        s.scoreSocialValue()
        s.total()
        s.rank()
        return EvaluationResult(ranking: s.ordered, warnings: s.warnings, priceMethod: input.priceMethod)
    }

    /// Quality points = Σ score × criterion weight% × W / scaleMax, then the minimum bar.
    mutating func scoreQuality() {
        guard let q = input.quality else { return }
        for (i, bid) in input.bids.enumerated() {
            switch bid.quality {
            case .overall(let score)?:
                entries[i].quality = score * w.quality / q.scaleMax
            case .perCriterion(let scores)?:
                let weighted = (q.criteria ?? []).reduce(Decimal(0)) { $0 + (scores[$1.id] ?? 0) * $1.weight }
                entries[i].quality = weighted * w.quality / (q.scaleMax * 100)
            case nil: break
            }
        }
        guard let minimum = q.minimumPercent else { return }
        let bar = w.quality * minimum / 100
        for i in entries.indices where entries[i].quality < bar {
            exclude(
                i,
                "quality points \(DecimalText.format(entries[i].quality)) are below the minimum of \(DecimalText.format(bar)) (\(EvaluationText.plain(minimum))% of the quality weight \(EvaluationText.plain(w.quality)))"
            )
        }
    }

    /// Price points over the bids still in; none under price per quality point.
    mutating func scorePrice() {
        let ins = included
        guard let lowest = ins.map({ input.bids[$0].price }).min() else { return }
        for i in ins {
            let price = input.bids[i].price
            switch input.priceMethod {
            case .lowestPriceRatio:
                entries[i].price = w.price * lowest / price
            case .linearFromLowest:
                entries[i].price = w.price * max(0, 1 - (price - lowest) / lowest)
            case .pricePerQualityPoint:
                entries[i].price = 0
            }
        }
    }

    mutating func scoreSocialValue() {
        guard let s = input.socialValue else { return }
        if s.method == .qualitative {
            let scale = s.scaleMax ?? input.quality?.scaleMax ?? 1
            for i in included {
                entries[i].socialValue = (input.bids[i].socialValueScore ?? 0) * w.socialValue / scale
            }
            return
        }
        for (i, bid) in input.bids.enumerated() {
            entries[i].socialValueMonetised = s.measures.reduce(Decimal(0)) {
                $0 + (bid.commitments?[$1.code] ?? 0) * $1.proxy
            }
        }
        let ins = included
        guard !ins.isEmpty else { return }
        let value = entries.map { $0.socialValueMonetised ?? 0 }
        let price = input.bids.map(\.price)
        if s.method == .highestValueRatio {
            let highest = ins.map { value[$0] }.max()!
            guard highest > 0 else { return noSocialValue("the highest social value of the bids still in is 0.00") }
            for i in ins { entries[i].socialValue = w.socialValue * value[i] / highest }
        } else {
            // The best SV / price, compared by cross-multiplying so no division rounds.
            let best = ins.max { value[$0] * price[$1] < value[$1] * price[$0] }!
            guard value[best] > 0 else {
                return noSocialValue("the highest ratio of social value to price of the bids still in is 0")
            }
            for i in ins { entries[i].socialValue = w.socialValue * value[i] * price[best] / (price[i] * value[best]) }
        }
    }

    mutating func noSocialValue(_ why: String) {
        warnings.append("\(why): every bid scores 0 social value points")
    }

    /// Totals from the unrounded parts; under price per quality point, price / total.
    mutating func total() {
        for i in included {
            entries[i].total = entries[i].price + entries[i].quality + entries[i].socialValue
            guard input.priceMethod == .pricePerQualityPoint else { continue }
            if entries[i].total > 0 {
                entries[i].pricePerQualityPoint = input.bids[i].price / entries[i].total
            } else {
                exclude(i, "no quality or social value points, so no price per quality point: it cannot be ranked")
            }
        }
        for i in entries.indices where entries[i].excluded {
            entries[i].price = 0
            entries[i].socialValue = 0
            entries[i].total = entries[i].quality
        }
        if included.isEmpty { warnings.append("every bid is excluded: no bid is ranked") }
    }

    /// A value to compare: unrounded, taken to 10 decimal places.
    static func key(_ d: Decimal) -> Decimal { DecimalText.rounded(d, places: 10) }

    /// Negative when bid `a` ranks before `b`, 0 when they are equal after every tie-break.
    func compare(_ a: Int, _ b: Int) -> Int {
        let (x, y) = (entries[a], entries[b])
        let first: (Decimal, Decimal) =
            input.priceMethod == .pricePerQualityPoint
            ? (Self.key(x.pricePerQualityPoint ?? 0), Self.key(y.pricePerQualityPoint ?? 0))
            : (Self.key(y.total), Self.key(x.total))
        for (l, r) in [first, (Self.key(y.quality), Self.key(x.quality)), (input.bids[a].price, input.bids[b].price)]
        where l != r {
            return l < r ? -1 : 1
        }
        return 0
    }

    var rankedOrder: [Int] {
        included.sorted { a, b in
            let c = compare(a, b)
            return c != 0 ? c < 0 : a < b
        }
    }

    mutating func rank() {
        let order = rankedOrder
        for (position, i) in order.enumerated() {
            if position > 0, compare(order[position - 1], i) == 0 {
                entries[i].rank = entries[order[position - 1]].rank
            } else {
                entries[i].rank = position + 1
            }
        }
    }

    var ordered: [RankedBid] {
        rankedOrder.map { entries[$0] } + entries.filter(\.excluded)
    }
}
