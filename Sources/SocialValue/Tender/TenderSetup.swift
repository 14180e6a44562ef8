import Foundation

/// A quality criterion as typed: blank rows are ignored.
public struct CriterionInput: Codable, Sendable, Equatable {
    public var id: String?
    public var name: String?
    public var guidance: String?
    public var weight: String?

    public init(id: String? = nil, name: String? = nil, guidance: String? = nil, weight: String? = nil) {
        self.id = id
        self.name = name
        self.guidance = guidance
        self.weight = weight
    }

    var isBlank: Bool {
        [id, name, guidance, weight].allSatisfy { ($0 ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    }
}

/// A tender's set-up as typed in the form or sent to the API, checked by `TenderSetup.validate`.
public struct TenderInput: Codable, Sendable, Equatable {
    public var priceWeight: String?
    public var qualityWeight: String?
    public var socialValueWeight: String?
    public var weightingReason: String?
    public var priceMethod: String?
    public var qualityScaleMax: String?
    /// One per line: "0 Unacceptable", "5: Excellent".
    public var descriptors: String?
    public var criteria: [CriterionInput]?
    public var minimumQualityPercent: String?
    public var socialValueMethod: String?
    public var valueSetId: UUID?
    public var measureCodes: [String]?
    /// "ppn-002" or empty; central government bodies always get PPN 002.
    public var policy: String?
    public var deliverabilitySharePercent: String?
    /// Europe/London: a date (YYYY-MM-DD) and a time (HH:MM).
    public var deadlineOn: String?
    public var deadlineTime: String?

    public init() {}

    /// The input that gives the set-up `c` and its deadline again: what the set-up form starts from.
    public init(_ c: TenderConfiguration, deadlineOn: String, deadlineTime: String) {
        priceWeight = String(c.weights.price)
        qualityWeight = String(c.weights.quality)
        socialValueWeight = String(c.weights.socialValue)
        weightingReason = c.weightingReason
        priceMethod = c.priceMethod.rawValue
        qualityScaleMax = String(c.qualityScaleMax)
        descriptors = TenderSetup.descriptorsText(c.descriptors)
        criteria = c.criteria.map {
            CriterionInput(id: $0.id, name: $0.name, guidance: $0.guidance, weight: String($0.weight))
        }
        minimumQualityPercent = c.minimumQualityPercent.map(String.init)
        socialValueMethod = c.socialValueMethod.rawValue
        valueSetId = c.valueSet?.id
        measureCodes = c.valueSet == nil ? nil : c.measures.map(\.code)
        policy = c.policy?.rawValue
        deliverabilitySharePercent = String(c.deliverabilitySharePercent)
        self.deadlineOn = deadlineOn
        self.deadlineTime = deadlineTime
    }

    enum CodingKeys: String, CodingKey {
        case priceWeight, qualityWeight, socialValueWeight, weightingReason, priceMethod, qualityScaleMax
        case descriptors, criteria, minimumQualityPercent, socialValueMethod, valueSetId, measureCodes, policy
        case deliverabilitySharePercent, deadlineOn, deadlineTime
    }

    /// Reads the API's JSON and the set-up form alike: the form names criteria `criteria[2][name]`
    /// and the chosen measures `measureCodes[]`; its "no value set" choice is blank (nil).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ key: CodingKeys) throws -> String? { try c.decodeNumberText(forKey: key) }
        priceWeight = try text(.priceWeight)
        qualityWeight = try text(.qualityWeight)
        socialValueWeight = try text(.socialValueWeight)
        weightingReason = try c.decodeIfPresent(String.self, forKey: .weightingReason)
        priceMethod = try c.decodeIfPresent(String.self, forKey: .priceMethod)
        qualityScaleMax = try text(.qualityScaleMax)
        descriptors = try c.decodeIfPresent(String.self, forKey: .descriptors)
        criteria = try c.decodeIfPresent([CriterionInput].self, forKey: .criteria)
        minimumQualityPercent = try text(.minimumQualityPercent)
        socialValueMethod = try c.decodeIfPresent(String.self, forKey: .socialValueMethod)
        if let blank = try? c.decodeIfPresent(String.self, forKey: .valueSetId),
            blank.trimmingCharacters(in: .whitespaces).isEmpty
        {
            valueSetId = nil
        } else {
            valueSetId = try c.decodeIfPresent(UUID.self, forKey: .valueSetId)
        }
        measureCodes = try c.decodeIfPresent([String].self, forKey: .measureCodes)
        policy = try c.decodeIfPresent(String.self, forKey: .policy)
        deliverabilitySharePercent = try text(.deliverabilitySharePercent)
        deadlineOn = try c.decodeDate(forKey: .deadlineOn)
        deadlineTime = try c.decodeIfPresent(String.self, forKey: .deadlineTime)
    }
}

/// What the set-up is checked against: the owner's authority type, the Compact's
/// proportionality suggestion and the measures the chosen value set can price.
public struct TenderSetupContext: Sendable {
    public var authority: AuthorityType
    public var suggestion: ProportionalitySuggestion?
    public var valueSet: FrozenValueSet?
    /// Measures of the chosen value set, with their proxies, to copy into the tender.
    public var available: [TenderMeasure]
    /// Measures already frozen into the tender: kept as they were when first chosen.
    public var frozen: [TenderMeasure]

    public init(
        authority: AuthorityType, suggestion: ProportionalitySuggestion?, valueSet: FrozenValueSet?,
        available: [TenderMeasure], frozen: [TenderMeasure] = []
    ) {
        self.authority = authority
        self.suggestion = suggestion
        self.valueSet = valueSet
        self.available = available
        self.frozen = frozen
    }
}

public enum TenderSetup {
    /// The usual 0 to 5 scale's words.
    public static let defaultDescriptors: [ScoreDescriptor] = [
        .init(score: 0, label: "Unacceptable"), .init(score: 1, label: "Poor"), .init(score: 2, label: "Weak"),
        .init(score: 3, label: "Satisfactory"), .init(score: 4, label: "Good"), .init(score: 5, label: "Excellent"),
    ]

    public static func descriptorsText(_ d: [ScoreDescriptor]) -> String {
        d.map { "\($0.score) \($0.label)" }.joined(separator: "\n")
    }

    /// The lowest social value weight PPN 002 allows: 10% of the total, or under price per
    /// quality point (where quality and social value share the non-price points) 10% of those.
    public static func meetsPPN002(_ w: TenderWeights, method: PriceMethod) -> Bool {
        if method == .pricePerQualityPoint {
            return w.socialValue * 100 >= Procurement.ppn002MinimumPercent * (w.quality + w.socialValue)
        }
        return w.socialValue >= Procurement.ppn002MinimumPercent
    }

    static func percent(_ raw: String?, _ field: String, _ label: String, _ p: inout Problems, required: Bool = true)
        -> Int?
    {
        let text = (raw ?? "").trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "%", with: "")
        if text.isEmpty {
            if required { p.add(field, "Enter \(label)") }
            return nil
        }
        guard let n = Int(text), (0...100).contains(n) else {
            p.add(field, "Enter \(label) as a whole number from 0 to 100")
            return nil
        }
        return n
    }

    static func parseDescriptors(_ raw: String?, max: Int, _ p: inout Problems) -> [ScoreDescriptor] {
        var out: [ScoreDescriptor] = []
        for line in (raw ?? "").split(whereSeparator: \.isNewline) {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            let digits = text.prefix { $0.isASCII && $0.isNumber }
            let label = text.dropFirst(digits.count).trimmingCharacters(in: CharacterSet(charactersIn: " :-–\t"))
            guard let score = Int(digits), !label.isEmpty, label.count <= 100 else {
                p.add("descriptors", "Write each descriptor as a score then its words, like “0 Unacceptable”")
                return []
            }
            guard (0...max).contains(score), !out.contains(where: { $0.score == score }) else {
                p.add("descriptors", "Each descriptor’s score must be different and from 0 to \(max)")
                return []
            }
            out.append(ScoreDescriptor(score: score, label: label))
        }
        return out.sorted { $0.score < $1.score }
    }

    static func criteria(_ rows: [CriterionInput], _ p: inout Problems) -> [QualityCriterion] {
        var out: [QualityCriterion] = []
        for (i, row) in rows.enumerated() where !row.isBlank {
            let field = "criteria[\(i)]"
            var id = (row.id ?? "").trimmingCharacters(in: .whitespaces).uppercased()
            if id.isEmpty { id = "Q\(out.count + 1)" }
            if id.count > 10 || !id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
                p.add("\(field).id", "A criterion’s id must be up to 10 letters, digits or hyphens, like Q1")
            } else if out.contains(where: { $0.id == id }) {
                p.add("\(field).id", "Criterion ids must be different: \(id) is used twice")
            }
            let name = p.text(row.name, field: "\(field).name", label: "the name of criterion \(id)")
            let guidance =
                p.text(
                    row.guidance, field: "\(field).guidance", label: "the guidance for criterion \(id)",
                    required: false, max: 5000) ?? ""
            let weight = percent(row.weight, "\(field).weight", "the weight of criterion \(id)", &p)
            out.append(QualityCriterion(id: id, name: name ?? "", guidance: guidance, weight: weight ?? 0))
        }
        return out
    }

    /// Checks the set-up. Errors name the form's fields; every problem is reported at once.
    public static func validate(_ input: TenderInput, context: TenderSetupContext) throws -> (
        TenderConfiguration, TenderDeadline
    ) {
        var p = Problems()
        let price = percent(input.priceWeight, "priceWeight", "the price weight", &p)
        let quality = percent(input.qualityWeight, "qualityWeight", "the quality weight", &p)
        let sv = percent(input.socialValueWeight, "socialValueWeight", "the social value weight", &p)
        var weights: TenderWeights?
        if let price, let quality, let sv {
            if price + quality + sv != 100 {
                p.add(
                    "priceWeight",
                    "The price, quality and social value weights must total 100 (they total \(price + quality + sv))")
            } else {
                weights = TenderWeights(price: price, quality: quality, socialValue: sv)
            }
        }
        let priceMethod = input.priceMethod.flatMap(PriceMethod.init(rawValue:))
        if priceMethod == nil { p.add("priceMethod", "Choose how price is scored") }
        if priceMethod == .pricePerQualityPoint, let price, price != 0 {
            p.add("priceWeight", "Under price per quality point the price weight must be 0")
        }
        var scaleMax = 0
        if let n = Int((input.qualityScaleMax ?? "").trimmingCharacters(in: .whitespaces)), (1...100).contains(n) {
            scaleMax = n
        } else {
            p.add("qualityScaleMax", "Enter the top of the quality scale, a whole number from 1 to 100 (for example 5)")
        }
        let descriptors = scaleMax > 0 ? parseDescriptors(input.descriptors, max: scaleMax, &p) : []
        let criteria = criteria(input.criteria ?? [], &p)
        if criteria.count > Tender.maximumCriteria {
            p.add("criteria", "A tender can have at most \(Tender.maximumCriteria) quality criteria")
        }
        if criteria.isEmpty && (quality ?? 0) > 0 { p.add("criteria", "Add at least one quality criterion") }
        if !criteria.isEmpty, criteria.reduce(0, { $0 + $1.weight }) != 100 {
            p.add(
                "criteria",
                "The quality criteria’s weights must total 100 (they total \(criteria.reduce(0) { $0 + $1.weight }))")
        }
        let minimum = percent(
            input.minimumQualityPercent, "minimumQualityPercent", "the minimum quality", &p, required: false)
        let method = input.socialValueMethod.flatMap(SocialValueMethod.init(rawValue:))
        if method == nil { p.add("socialValueMethod", "Choose how social value is scored") }
        var measures: [TenderMeasure] = []
        var seen = Set<String>()
        for raw in input.measureCodes ?? [] {
            let code = raw.trimmingCharacters(in: .whitespaces)
            guard !code.isEmpty, seen.insert(code.uppercased()).inserted else { continue }
            if let kept = context.frozen.first(where: { $0.code.uppercased() == code.uppercased() }) {
                measures.append(kept)
            } else if let m = context.available.first(where: { $0.code.uppercased() == code.uppercased() }) {
                measures.append(m)
            } else {
                p.add("measureCodes", "\(code) is not priced in the chosen value set: choose measures from it")
            }
        }
        if measures.count > Tender.maximumMeasures {
            p.add("measureCodes", "A tender can have at most \(Tender.maximumMeasures) measures")
        }
        if let method, method.isMonetised, (sv ?? 0) > 0, measures.isEmpty {
            p.add("measureCodes", "Choose at least one measure: social value is scored from the commitments to them")
        }
        if !measures.isEmpty && context.valueSet == nil {
            p.add("valueSetId", "Choose the value set whose proxies the measures use")
        }
        var policy: EvaluationPolicy? = nil
        switch (input.policy ?? "").trimmingCharacters(in: .whitespaces) {
        case "", "none": policy = nil
        case EvaluationPolicy.ppn002.rawValue: policy = .ppn002
        default: p.add("policy", "Choose PPN 002 or no policy check")
        }
        if context.authority == .centralGovernment { policy = .ppn002 }
        let reason = p.text(
            input.weightingReason, field: "weightingReason",
            label: "why the social value weight is outside the suggestion", required: false, max: 2000)
        if let w = weights, let priceMethod {
            if policy == .ppn002, !meetsPPN002(w, method: priceMethod) {
                p.add(
                    "socialValueWeight",
                    priceMethod == .pricePerQualityPoint
                        ? "PPN 002 needs social value to be at least 10% of the quality and social value points"
                        : "PPN 002 needs a social value weight of at least 10%")
            } else if let s = context.suggestion, !s.contains(weighting: w.socialValue), reason == nil {
                p.add(
                    "weightingReason",
                    "Give a reason for a social value weight outside the suggested \(s.minWeightingPercent)% to \(s.maxWeightingPercent)%"
                )
            }
        }
        let shareText = (input.deliverabilitySharePercent ?? "").trimmingCharacters(in: .whitespaces)
        var share = Tender.defaultDeliverabilitySharePercent
        if !shareText.isEmpty {
            if let n = Int(shareText.replacingOccurrences(of: "%", with: "")), (1...100).contains(n) {
                share = n
            } else {
                p.add(
                    "deliverabilitySharePercent", "Enter the deliverability share as a whole percentage from 1 to 100")
            }
        }
        var deadline: TenderDeadline?
        let day = SocialValue.date(input.deadlineOn, field: "deadlineOn", label: "the deadline date", &p)
        let time = (input.deadlineTime ?? "").trimmingCharacters(in: .whitespaces)
        if time.isEmpty {
            p.add("deadlineTime", "Enter the deadline time, like 12:00")
        } else if let day {
            deadline = TenderDeadline(date: day, time: time)
            if deadline == nil {
                p.add("deadlineTime", "Enter the deadline time as hours and minutes on the 24-hour clock, like 12:00")
            }
        }
        try p.throwIfAny()
        let config = TenderConfiguration(
            weights: weights!, priceMethod: priceMethod!, qualityScaleMax: scaleMax, descriptors: descriptors,
            criteria: criteria,
            minimumQualityPercent: minimum, socialValueMethod: method!,
            valueSet: measures.isEmpty ? nil : context.valueSet,
            measures: measures, policy: policy, weightingReason: reason, deliverabilitySharePercent: share)
        return (config, deadline!)
    }

    /// Publishing needs a deadline still ahead.
    public static func checkCanPublish(deadline: TenderDeadline, at now: Date) throws {
        if deadline.hasPassed(at: now) {
            throw ValidationFailure(
                "deadlineOn", "The deadline (\(deadline.text)) has passed: set a later one before publishing")
        }
    }
}
