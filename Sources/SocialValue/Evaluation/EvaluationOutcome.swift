import Foundation

/// One line of the engine's ranking, read back from the stored result JSON (calculations.md §2
/// output). Points are kept as the text the engine wrote (two decimal places).
public struct RankedLine: Sendable, Equatable {
    public var rank: Int?
    public var bidder: String
    public var total: String
    public var price: String
    public var quality: String
    public var socialValue: String
    public var socialValueMonetised: String?
    public var pricePerQualityPoint: String?
    public var excluded: Bool
    public var reason: String?

    public init(
        rank: Int?, bidder: String, total: String, price: String, quality: String, socialValue: String,
        socialValueMonetised: String? = nil, pricePerQualityPoint: String? = nil, excluded: Bool = false,
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

/// The stored result read back: the ranking and the warnings.
public struct EvaluationOutcome: Sendable, Equatable {
    public var ranking: [RankedLine]
    public var warnings: [String]

    public init(ranking: [RankedLine], warnings: [String]) {
        self.ranking = ranking
        self.warnings = warnings
    }

    public struct Unreadable: Error, Equatable, Sendable {}

    /// Reads the engine's output JSON.
    public static func parse(_ json: String) throws -> EvaluationOutcome {
        guard case .object(_, let top) = try JSONReader.parse(json), case .array(let items)? = top["ranking"] else {
            throw Unreadable()
        }
        func str(_ v: JSONValue?) -> String? {
            switch v {
            case .string(let s)?: return s
            case .number(let n)?: return n
            default: return nil
            }
        }
        let ranking: [RankedLine] = try items.map { item in
            guard case .object(_, let o) = item, let bidder = str(o["bidder"]) else { throw Unreadable() }
            var excluded = false
            if case .bool(let b)? = o["excluded"] { excluded = b }
            return RankedLine(
                rank: str(o["rank"]).flatMap { Int($0) }, bidder: bidder, total: str(o["total"]) ?? "0.00",
                price: str(o["price"]) ?? "0.00", quality: str(o["quality"]) ?? "0.00",
                socialValue: str(o["socialValue"]) ?? "0.00", socialValueMonetised: str(o["socialValueMonetised"]),
                pricePerQualityPoint: str(o["pricePerQualityPoint"]), excluded: excluded, reason: str(o["reason"]))
        }
        var warnings: [String] = []
        if case .array(let ws)? = top["warnings"] {
            warnings = ws.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
        }
        return EvaluationOutcome(ranking: ranking, warnings: warnings)
    }

    /// The top-ranked bidder (rank 1, not excluded); nil if none.
    public var winner: String? { ranking.first { $0.rank == 1 && !$0.excluded }?.bidder }

    /// The line for one bidder.
    public func line(for bidder: String) -> RankedLine? { ranking.first { $0.bidder == bidder } }

    /// The report's CSV: one row per bid (docs/evaluation.md documents the columns).
    public static let csvColumns = [
        "rank", "bidder", "price", "price_points", "quality_points", "social_value_points",
        "social_value_monetised", "price_per_quality_point", "total", "excluded", "reason",
    ]

    /// `prices` maps bidder → the bid price in pounds ("100000.00").
    public func csv(prices: [String: String]) -> String {
        var out = CSV.byteOrderMark + CSV.line(Self.csvColumns)
        for r in ranking {
            out += CSV.line([
                r.rank.map(String.init) ?? "", r.bidder, prices[r.bidder] ?? "", r.price, r.quality, r.socialValue,
                r.socialValueMonetised ?? "", r.pricePerQualityPoint ?? "", r.total, r.excluded ? "yes" : "no",
                r.reason ?? "",
            ])
        }
        return out
    }
}

/// The award decision as typed in the award form, checked by `Awards.validate`; the chosen bid
/// is `bidId`, the name its problems are reported under.
public struct AwardInput: Codable, Sendable, Equatable {
    public var bidID: UUID?
    public var reason: String?
    public var startsOn: String?
    public var endsOn: String?
    public var monitoringPlan: String?
    public var reportingFrequency: String?

    public init(
        bidID: UUID? = nil, reason: String? = nil, startsOn: String? = nil, endsOn: String? = nil,
        monitoringPlan: String? = nil, reportingFrequency: String? = nil
    ) {
        self.bidID = bidID
        self.reason = reason
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.monitoringPlan = monitoringPlan
        self.reportingFrequency = reportingFrequency
    }

    enum CodingKeys: String, CodingKey {
        case bidID = "bidId"
        case reason, startsOn, endsOn, monitoringPlan, reportingFrequency
    }
}

/// A checked award decision.
public struct AwardDecision: Sendable, Equatable {
    public var bidID: UUID
    /// Why a bid other than the top-ranked one is chosen (required then).
    public var reason: String?
    public var startsOn: CalendarDate
    public var endsOn: CalendarDate
    public var monitoringPlan: String
    public var reportingFrequency: MonitoringFrequency
}

public enum Awards {
    /// The award goes to the top-ranked bid, or to another ranked, not excluded bid with a
    /// recorded reason. The contract's dates and the monitoring plan (Compact principle 3.6:
    /// agreed before award) are required.
    public static func validate(_ input: AwardInput, topBid: UUID?, eligible: Set<UUID>) throws -> AwardDecision {
        var p = Problems()
        let bid = input.bidID
        if bid == nil || !eligible.contains(bid!) { p.add("bidId", "Choose a ranked bid that was not excluded") }
        let reason = p.text(
            input.reason, field: "reason", label: "the reason for not awarding to the top-ranked bid", required: false,
            max: 5_000)
        if let bid, bid != topBid, eligible.contains(bid), reason == nil {
            p.add("reason", "Enter the reason for not awarding to the top-ranked bid")
        }
        func date(_ raw: String?, _ field: String, _ label: String) -> CalendarDate? {
            if DateParts.areIn(raw) { return DateEntry.read(raw, field: field, label: "the \(label)", &p) }
            let t = (raw ?? "").trimmingCharacters(in: .whitespaces)
            guard !t.isEmpty else {
                p.add(field, "Enter the \(label)")
                return nil
            }
            guard let d = CalendarDate(iso: t) else {
                p.add(field, "Enter the \(label) as a real date, like 2026-04-01")
                return nil
            }
            return d
        }
        let starts = date(input.startsOn, "startsOn", "contract start date")
        let ends = date(input.endsOn, "endsOn", "contract end date")
        if let starts, let ends, ends < starts {
            p.add(
                DateEntry.errorField(input.endsOn, "endsOn"), "The contract end date must be on or after its start date"
            )
        }
        let plan = p.text(
            input.monitoringPlan, field: "monitoringPlan", label: "the monitoring plan agreed before award", max: 10_000
        )
        let frequency = MonitoringFrequency(rawValue: input.reportingFrequency ?? "")
        if frequency == nil { p.add("reportingFrequency", "Choose how often the supplier reports") }
        try p.throwIfAny()
        return AwardDecision(
            bidID: bid!, reason: bid == topBid ? nil : reason, startsOn: starts!, endsOn: ends!,
            monitoringPlan: plan!, reportingFrequency: frequency!)
    }
}

extension Viewer {
    /// A contract is seen by the buyer side and by the supplier's members.
    public func canSeeContract(buyer: UUID, supplier: UUID) -> Bool {
        isBuyerSide(owner: buyer) || holds(.supplierMember, at: supplier)
    }
}

extension AwardInput {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        bidID = try c.decodeIfPresent(UUID.self, forKey: .bidID)
        reason = try c.decodeIfPresent(String.self, forKey: .reason)
        startsOn = try c.decodeDate(forKey: .startsOn)
        endsOn = try c.decodeDate(forKey: .endsOn)
        monitoringPlan = try c.decodeIfPresent(String.self, forKey: .monitoringPlan)
        reportingFrequency = try c.decodeIfPresent(String.self, forKey: .reportingFrequency)
    }
}
