import Foundation

/// How price is scored (calculations.md §2). Raw values are the evaluation document's.
public enum PriceMethod: String, Codable, Sendable, CaseIterable {
    case lowestPriceRatio = "lowest-price-ratio"
    case linearFromLowest = "linear-from-lowest"
    case pricePerQualityPoint = "price-per-quality-point"

    public var label: String {
        switch self {
        case .lowestPriceRatio: return "Lowest price ratio (weight × lowest price ÷ price)"
        case .linearFromLowest: return "Linear from the lowest price"
        case .pricePerQualityPoint: return "Price per quality point (price weight must be 0)"
        }
    }
}

/// How social value is scored (calculations.md §2).
public enum SocialValueMethod: String, Codable, Sendable, CaseIterable {
    case highestValueRatio = "highest-value-ratio"
    case highestRatioToPrice = "highest-ratio-to-price"
    case qualitative

    public var label: String {
        switch self {
        case .highestValueRatio: return "Highest monetised social value"
        case .highestRatioToPrice: return "Highest social value in proportion to price"
        case .qualitative: return "Qualitative (scored on the quality scale)"
        }
    }

    /// Monetised methods need measures with proxies; the qualitative one needs a written response.
    public var isMonetised: Bool { self != .qualitative }
}

/// The policy check the evaluation applies (calculations.md §2): PPN 002 or none.
public enum EvaluationPolicy: String, Codable, Sendable, CaseIterable {
    case ppn002 = "ppn-002"
}

/// Percentages of the total score; whole numbers from 0 to 100 that total 100.
public struct TenderWeights: Codable, Sendable, Equatable {
    public var price: Int
    public var quality: Int
    public var socialValue: Int

    public init(price: Int, quality: Int, socialValue: Int) {
        self.price = price
        self.quality = quality
        self.socialValue = socialValue
    }
}

/// The words for one point of the quality scale ("0: Unacceptable").
public struct ScoreDescriptor: Codable, Sendable, Equatable {
    public var score: Int
    public var label: String

    public init(score: Int, label: String) {
        self.score = score
        self.label = label
    }
}

/// A quality criterion: `id` like "Q1", its weight a whole percentage of the quality score.
public struct QualityCriterion: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var guidance: String
    public var weight: Int

    public init(id: String, name: String, guidance: String, weight: Int) {
        self.id = id
        self.name = name
        self.guidance = guidance
        self.weight = weight
    }
}

/// A measure chosen for the tender, frozen when chosen: later changes to the framework or the
/// value set do not change a published tender. `proxy` is £ per unit as exact decimal text.
public struct TenderMeasure: Codable, Sendable, Equatable {
    public var code: String
    public var name: String
    public var unit: String
    public var proxy: String
    public var baseYear: Int?
    public var source: String
    public var licence: String

    public init(
        code: String, name: String, unit: String, proxy: String, baseYear: Int? = nil, source: String = "",
        licence: String = ""
    ) {
        self.code = code
        self.name = name
        self.unit = unit
        self.proxy = proxy
        self.baseYear = baseYear
        self.source = source
        self.licence = licence
    }

    public var proxyValue: Decimal { DecimalText.parse(proxy) ?? 0 }
}

/// The value set the measures' proxies were copied from, by name (frozen with them).
public struct FrozenValueSet: Codable, Sendable, Equatable {
    public var id: UUID
    public var name: String
    public var isIllustrative: Bool

    public init(id: UUID, name: String, isIllustrative: Bool) {
        self.id = id
        self.name = name
        self.isIllustrative = isIllustrative
    }
}

/// A tender's evaluation set-up: what the evaluation engine (calculations.md §2) consumes,
/// plus what bidders are told. Stored as JSON on the tender; frozen once it is published.
public struct TenderConfiguration: Codable, Sendable, Equatable {
    public var weights: TenderWeights
    public var priceMethod: PriceMethod
    /// The top of the quality scale (for example 5, 4 or 100); the bottom is 0.
    public var qualityScaleMax: Int
    public var descriptors: [ScoreDescriptor]
    public var criteria: [QualityCriterion]
    /// Bids whose quality points are below this share of the quality weight are excluded.
    public var minimumQualityPercent: Int?
    public var socialValueMethod: SocialValueMethod
    public var valueSet: FrozenValueSet?
    public var measures: [TenderMeasure]
    public var policy: EvaluationPolicy?
    /// Why the social value weight is outside the Compact's suggestion, when it is.
    public var weightingReason: String?
    /// "Check deliverability": a measure's monetised commitment above this share of the bid
    /// price is flagged. Whole percent; default 50.
    public var deliverabilitySharePercent: Int

    public init(
        weights: TenderWeights, priceMethod: PriceMethod, qualityScaleMax: Int, descriptors: [ScoreDescriptor],
        criteria: [QualityCriterion], minimumQualityPercent: Int?, socialValueMethod: SocialValueMethod,
        valueSet: FrozenValueSet?, measures: [TenderMeasure], policy: EvaluationPolicy?, weightingReason: String?,
        deliverabilitySharePercent: Int = Tender.defaultDeliverabilitySharePercent
    ) {
        self.weights = weights
        self.priceMethod = priceMethod
        self.qualityScaleMax = qualityScaleMax
        self.descriptors = descriptors
        self.criteria = criteria
        self.minimumQualityPercent = minimumQualityPercent
        self.socialValueMethod = socialValueMethod
        self.valueSet = valueSet
        self.measures = measures
        self.policy = policy
        self.weightingReason = weightingReason
        self.deliverabilitySharePercent = deliverabilitySharePercent
    }

    public func criterion(_ id: String) -> QualityCriterion? { criteria.first { $0.id == id } }
    public func measure(_ code: String) -> TenderMeasure? { measures.first { $0.code == code } }
}

/// Where a tender is, as stored. Closed (after the deadline, before opening) is worked out
/// from the time, like a consultation's phase, so no stored status can disagree with the clock.
public enum TenderStatus: String, Codable, Sendable, CaseIterable {
    case draft
    /// Published: open for bids until the deadline, then closed.
    case published
    /// The bids have been opened (an audited event after the deadline).
    case bidsOpened = "bids-opened"
    case evaluation
    case awarded
    case cancelled
}

/// Where a tender is at an instant.
public enum TenderPhase: String, Codable, Sendable, CaseIterable {
    case draft, open, closed
    case bidsOpened = "bids-opened"
    case evaluation, awarded, cancelled

    public var label: String {
        switch self {
        case .draft: return "Draft"
        case .open: return "Open for bids"
        case .closed: return "Closed: bids not yet opened"
        case .bidsOpened: return "Bids opened"
        case .evaluation: return "Evaluation"
        case .awarded: return "Awarded"
        case .cancelled: return "Cancelled"
        }
    }
}

/// A bid's own status. Each submission leaves a receipt; withdrawing keeps them.
public enum BidStatus: String, Codable, Sendable, CaseIterable {
    case draft, submitted, withdrawn

    public var label: String {
        switch self {
        case .draft: return "Draft (not submitted)"
        case .submitted: return "Submitted"
        case .withdrawn: return "Withdrawn"
        }
    }
}
