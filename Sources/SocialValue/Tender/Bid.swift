import Foundation

/// A bid as typed in the form, sent to the API or read from a filled template: text, checked
/// by `Bids.validate`. Keys of `responses` are criterion ids ("Q1"), of `commitments` measure codes.
public struct BidInput: Codable, Sendable, Equatable {
    public var price: String?
    public var responses: [String: String]?
    public var commitments: [String: String]?
    public var deliveryPlan: String?
    public var embeddedValueStatement: String?
    public var socialValueResponse: String?

    public init(
        price: String? = nil, responses: [String: String]? = nil, commitments: [String: String]? = nil,
        deliveryPlan: String? = nil, embeddedValueStatement: String? = nil, socialValueResponse: String? = nil
    ) {
        self.price = price
        self.responses = responses
        self.commitments = commitments
        self.deliveryPlan = deliveryPlan
        self.embeddedValueStatement = embeddedValueStatement
        self.socialValueResponse = socialValueResponse
    }

    /// The input that gives `c` again: what the bid form starts from.
    public init(_ c: BidContent) {
        price = c.price.map { DecimalText.format(Decimal($0.pence) / 100) }
        responses = c.responses
        commitments = c.commitments.mapValues(Bids.plain)
        deliveryPlan = c.deliveryPlan
        embeddedValueStatement = c.embeddedValueStatement
        socialValueResponse = c.socialValueResponse
    }
}

/// An attachment as the receipt and the bid's readers see it (never its bytes).
public struct BidAttachmentSummary: Codable, Sendable, Equatable {
    public var id: UUID
    public var criterionID: String?
    public var title: String
    public var filename: String
    public var sizeBytes: Int
    public var sha256: String

    public init(id: UUID, criterionID: String?, title: String, filename: String, sizeBytes: Int, sha256: String) {
        self.id = id
        self.criterionID = criterionID
        self.title = title
        self.filename = filename
        self.sizeBytes = sizeBytes
        self.sha256 = sha256
    }
}

/// A bid's checked contents. A draft may be incomplete; a submission passes `Bids.checkComplete`.
public struct BidContent: Sendable, Equatable {
    public var price: Money?
    /// Criterion id → response text (only answered criteria).
    public var responses: [String: String]
    /// Measure code → quantity (only measures given).
    public var commitments: [String: Decimal]
    public var deliveryPlan: String
    public var embeddedValueStatement: String?
    public var socialValueResponse: String?

    public init(
        price: Money? = nil, responses: [String: String] = [:], commitments: [String: Decimal] = [:],
        deliveryPlan: String = "", embeddedValueStatement: String? = nil, socialValueResponse: String? = nil
    ) {
        self.price = price
        self.responses = responses
        self.commitments = commitments
        self.deliveryPlan = deliveryPlan
        self.embeddedValueStatement = embeddedValueStatement
        self.socialValueResponse = socialValueResponse
    }

    /// Monetised social value of the commitments: Σ quantity × the tender's frozen proxy.
    public func monetisedSocialValue(_ config: TenderConfiguration) -> Decimal {
        config.measures.reduce(Decimal(0)) { $0 + (commitments[$1.code] ?? 0) * $1.proxyValue }
    }
}

/// "Check deliverability": one measure whose monetised commitment is more than the tender's
/// share of the bid price.
public struct DeliverabilityWarning: Codable, Sendable, Equatable {
    public var measureCode: String
    public var measureName: String
    /// Quantity × proxy, in pounds, two decimal places.
    public var monetised: String
    public var limit: String
    public var message: String
}

public enum Bids {
    static let maxResponse = 20_000
    static let maxPlan = 20_000

    /// Checks what was typed: amounts and quantities read as exact decimals, only the tender's
    /// own criteria and measures, the VCS statement only from a VCS organisation. Missing answers
    /// are allowed here (a draft); `checkComplete` asks for them at submission.
    public static func validate(_ input: BidInput, config: TenderConfiguration, isVCS: Bool) throws -> BidContent {
        var p = Problems()
        var content = BidContent()
        if let raw = input.price?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            if let m = Money(parsing: raw) {
                content.price = m
            } else if Money.isTooLarge(raw) {
                p.add("price", Money.tooLargeMessage("the bid price"))
            } else {
                p.add("price", "Enter the bid price in pounds, like 250000 or 250,000.00")
            }
        }
        for (id, text) in (input.responses ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard config.criterion(id) != nil else {
                p.add("responses.\(id)", "\(id) is not a quality criterion of this tender")
                continue
            }
            if let t = p.text(
                text, field: "responses.\(id)", label: "the response to \(id)", required: false, max: maxResponse)
            {
                content.responses[id] = t
            }
        }
        for (code, raw) in (input.commitments ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard config.measure(code) != nil else {
                p.add("commitments.\(code)", "\(code) is not a measure of this tender")
                continue
            }
            let text = raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
            if text.isEmpty { continue }
            guard let q = DecimalText.parse(text), !text.hasPrefix("-"), text.count <= 24 else {
                p.add(
                    "commitments.\(code)", "Enter the quantity for \(code) as a number of 0 or more, like 12 or 1500.5")
                continue
            }
            content.commitments[code] = q
        }
        content.deliveryPlan =
            p.text(input.deliveryPlan, field: "deliveryPlan", label: "the delivery plan", required: false, max: maxPlan)
            ?? ""
        let statement = p.text(
            input.embeddedValueStatement, field: "embeddedValueStatement",
            label: "the statement of embedded social value", required: false, max: maxResponse)
        if statement != nil && !isVCS {
            p.add(
                "embeddedValueStatement",
                "Only a voluntary, community or social enterprise organisation can add a statement of embedded social value"
            )
        }
        content.embeddedValueStatement = isVCS ? statement : nil
        let sv = p.text(
            input.socialValueResponse, field: "socialValueResponse", label: "the social value response",
            required: false, max: maxResponse)
        if sv != nil && config.socialValueMethod != .qualitative {
            p.add("socialValueResponse", "This tender scores social value from the commitments, not a written response")
        }
        content.socialValueResponse = config.socialValueMethod == .qualitative ? sv : nil
        try p.throwIfAny()
        return content
    }

    /// A submission is complete: a price above £0, every criterion answered, a quantity (0 or
    /// more) for every measure and a delivery plan when social value is monetised, a written
    /// social value response when it is qualitative.
    public static func checkComplete(_ c: BidContent, config: TenderConfiguration) throws {
        var p = Problems()
        if (c.price?.pence ?? 0) <= 0 { p.add("price", "Enter a bid price of more than £0") }
        for criterion in config.criteria where c.responses[criterion.id] == nil {
            p.add("responses.\(criterion.id)", "Answer \(criterion.id): \(criterion.name)")
        }
        if config.socialValueMethod.isMonetised {
            for m in config.measures where c.commitments[m.code] == nil {
                p.add("commitments.\(m.code)", "Enter a quantity for \(m.code) (0 if you commit to none)")
            }
            if !config.measures.isEmpty && c.deliveryPlan.isEmpty {
                p.add("deliveryPlan", "Enter the delivery plan for your social value commitments")
            }
        } else if config.weights.socialValue > 0 && c.socialValueResponse == nil {
            p.add("socialValueResponse", "Enter your social value response")
        }
        try p.throwIfAny()
    }

    /// Warnings for measures whose quantity × proxy exceeds the tender's share of the price.
    public static func deliverabilityWarnings(_ c: BidContent, config: TenderConfiguration) -> [DeliverabilityWarning] {
        guard let price = c.price, price.pence > 0 else { return [] }
        let limit = Decimal(price.pence) / 100 * Decimal(config.deliverabilitySharePercent) / 100
        return config.measures.compactMap { m in
            guard let q = c.commitments[m.code] else { return nil }
            let value = q * m.proxyValue
            guard value > limit else { return nil }
            let shown = DecimalText.format(value)
            let limitText = DecimalText.format(limit)
            return DeliverabilityWarning(
                measureCode: m.code, measureName: m.name, monetised: shown, limit: limitText,
                message:
                    "Check deliverability: your commitment for \(m.code) \(m.name) is worth \(Money.display(value)), more than \(config.deliverabilitySharePercent)% of your bid price (\(Money.display(limit)))"
            )
        }
    }

    /// The exact text a submission's receipt hashes: the tender, the organisation and every
    /// part of the content in a fixed order (criteria and measures in the tender's order,
    /// attachments by id), as JSON with no insignificant choices left.
    public static func canonicalText(
        tender: UUID, organisation: UUID, _ c: BidContent, config: TenderConfiguration,
        attachments: [BidAttachmentSummary]
    ) -> String {
        func opt(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
        let responses: [JSONValue] = config.criteria.map {
            .ordered([("criterion", .string($0.id)), ("response", opt(c.responses[$0.id]))])
        }
        let commitments: [JSONValue] = config.measures.map { m in
            .ordered([
                ("measure", .string(m.code)), ("quantity", c.commitments[m.code].map { .string(plain($0)) } ?? .null),
            ])
        }
        let files: [JSONValue] = attachments.sorted { $0.id.uuidString < $1.id.uuidString }.map {
            .ordered([
                ("id", .string($0.id.uuidString.lowercased())), ("criterion", opt($0.criterionID)),
                ("filename", .string($0.filename)), ("sha256", .string($0.sha256)),
            ])
        }
        return JSONValue.ordered([
            ("tender", .string(tender.uuidString.lowercased())),
            ("organisation", .string(organisation.uuidString.lowercased())),
            ("pricePence", c.price.map { .number(String($0.pence)) } ?? .null),
            ("responses", .array(responses)),
            ("commitments", .array(commitments)),
            ("deliveryPlan", .string(c.deliveryPlan)),
            ("embeddedValueStatement", opt(c.embeddedValueStatement)),
            ("socialValueResponse", opt(c.socialValueResponse)),
            ("attachments", .array(files)),
        ]).rendered()
    }

    /// A decimal as plain text without exponent, at least two places: "1500.00", "12.50".
    public static func plain(_ d: Decimal) -> String { ValueSetCSV.plain(d) }
}
