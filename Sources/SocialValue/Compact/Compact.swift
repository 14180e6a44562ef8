import Foundation

/// How often a supplier reports on social value commitments.
public enum MonitoringFrequency: String, Codable, Sendable, CaseIterable {
    case monthly
    case quarterly
    case sixMonthly = "six-monthly"
    case annually

    public var label: String {
        switch self {
        case .monthly: return "Monthly"
        case .quarterly: return "Quarterly"
        case .sixMonthly: return "Every six months"
        case .annually: return "Annually"
        }
    }
}

/// One row of a Compact's proportionality table: contracts whose value is at least
/// `fromPence` (and below the next band's start) get this suggested social value weighting
/// range, in whole percent of the total score, and this monitoring frequency.
public struct ValueBand: Codable, Sendable, Equatable {
    public var fromPence: Int64
    public var minWeightingPercent: Int
    public var maxWeightingPercent: Int
    public var monitoring: MonitoringFrequency

    public init(fromPence: Int64, minWeightingPercent: Int, maxWeightingPercent: Int, monitoring: MonitoringFrequency) {
        self.fromPence = fromPence
        self.minWeightingPercent = minWeightingPercent
        self.maxWeightingPercent = maxWeightingPercent
        self.monitoring = monitoring
    }
}

/// The settings of a local Compact that later features read (consultations, decommissioning,
/// procurement proportionality). Defaults follow the national Compact (DOMAIN.md §7).
public struct CompactSettings: Codable, Sendable, Equatable {
    /// Principle 2.4: 12-week written consultations, so 84 days unless the Compact says otherwise.
    public var minimumConsultationDays: Int
    /// Principle 4.x: at least three months' notice before reducing or ending funding.
    public var minimumNoticeMonths: Int
    /// Principle 2.1 and guidance action 2: consider social value in every procurement, not only
    /// those the Act covers.
    public var considerSocialValueInAllProcurements: Bool
    /// Contract value bands, ordered by `fromPence`, the first starting at £0.
    public var bands: [ValueBand]
    /// RAG thresholds and the at-risk tolerance for delivery against commitments (docs/delivery.md).
    public var delivery: DeliveryThresholds

    public init(
        minimumConsultationDays: Int, minimumNoticeMonths: Int,
        considerSocialValueInAllProcurements: Bool, bands: [ValueBand], delivery: DeliveryThresholds = .defaults
    ) {
        self.minimumConsultationDays = minimumConsultationDays
        self.minimumNoticeMonths = minimumNoticeMonths
        self.considerSocialValueInAllProcurements = considerSocialValueInAllProcurements
        self.bands = bands
        self.delivery = delivery
    }

    /// The defaults a new Compact starts with. The bands are our design (docs/compact.md, "Compact
    /// settings"): small contracts get light-touch weighting and annual returns; the PPN 002
    /// floor of 10% applies from £25,000; contracts of £5m and more, which under the
    /// Procurement Act 2023 publish KPIs, get 20–30% and quarterly returns.
    public static let defaults = CompactSettings(
        minimumConsultationDays: 84,
        minimumNoticeMonths: 3,
        considerSocialValueInAllProcurements: true,
        bands: [
            ValueBand(fromPence: 0, minWeightingPercent: 5, maxWeightingPercent: 10, monitoring: .annually),
            ValueBand(fromPence: 25_000_00, minWeightingPercent: 10, maxWeightingPercent: 15, monitoring: .sixMonthly),
            ValueBand(fromPence: 100_000_00, minWeightingPercent: 10, maxWeightingPercent: 20, monitoring: .quarterly),
            ValueBand(
                fromPence: 1_000_000_00, minWeightingPercent: 15, maxWeightingPercent: 25, monitoring: .quarterly),
            ValueBand(
                fromPence: 5_000_000_00, minWeightingPercent: 20, maxWeightingPercent: 30, monitoring: .quarterly),
        ])

    /// Checks the settings; errors name the field as the input does, `bands[i].from` with `i` the
    /// band's row in what was sent (`rows[i]`, the band's position when not given), and messages
    /// call it "band" and its row counted from 1, as the settings form labels it.
    public func validated(rows: [Int]? = nil) throws -> CompactSettings {
        var p = Problems()
        func row(_ i: Int) -> Int { rows.map { $0[i] } ?? i }
        if !(14...365).contains(minimumConsultationDays) {
            p.add("minimumConsultationDays", "Minimum consultation period must be between 14 and 365 days")
        }
        if !(1...24).contains(minimumNoticeMonths) {
            p.add("minimumNoticeMonths", "Minimum notice must be between 1 and 24 months")
        }
        if bands.isEmpty {
            p.add("bands", "Add at least one contract value band")
        } else if bands[0].fromPence != 0 {
            p.add("bands[\(row(0))].from", "The first value band must start at £0")
        }
        if bands.count > 20 { p.add("bands", "A proportionality table can have at most 20 bands") }
        for (i, band) in bands.enumerated() {
            let field = "bands[\(row(i))]"
            let n = row(i) + 1
            if i > 0 && band.fromPence <= bands[i - 1].fromPence {
                p.add(
                    "\(field).from",
                    "Band \(n) must start above band \(row(i - 1) + 1)’s start (\(Money(pence: bands[i - 1].fromPence)))"
                )
            }
            if band.fromPence < 0 { p.add("\(field).from", "Band \(n) cannot start below £0") }
            if !(0...100).contains(band.minWeightingPercent) {
                p.add("\(field).minWeightingPercent", "Band \(n)’s lowest weighting must be between 0% and 100%")
            }
            if !(0...100).contains(band.maxWeightingPercent) {
                p.add("\(field).maxWeightingPercent", "Band \(n)’s highest weighting must be between 0% and 100%")
            } else if band.maxWeightingPercent < band.minWeightingPercent {
                p.add("\(field).maxWeightingPercent", "Band \(n)’s highest weighting must not be below its lowest")
            }
        }
        do { _ = try delivery.validated() } catch let f as ValidationFailure {
            for e in f.errors { p.add(e.field, e.message) }
        }
        try p.throwIfAny()
        return self
    }

    /// The band a contract of `value` falls in (the last band whose start it reaches).
    public func band(for value: Money) -> ValueBand? {
        bands.last { value.pence >= $0.fromPence }
    }

    /// The exclusive upper end of band `index`, if another band follows.
    public func upperBound(ofBand index: Int) -> Money? {
        index + 1 < bands.count ? Money(pence: bands[index + 1].fromPence) : nil
    }
}

/// What a person enters for a Compact's register entry.
public struct CompactInput: Codable, Sendable, Equatable {
    public var name: String?
    public var area: String?
    public var text: String?
    public var version: String?
    public var adoptedOn: String?
    public var nextReviewOn: String?

    public init(
        name: String? = nil, area: String? = nil, text: String? = nil, version: String? = nil,
        adoptedOn: String? = nil, nextReviewOn: String? = nil
    ) {
        self.name = name
        self.area = area
        self.text = text
        self.version = version
        self.adoptedOn = adoptedOn
        self.nextReviewOn = nextReviewOn
    }

    /// The input that gives `d` again: what the change form starts from.
    public init(_ d: CompactDetails) {
        self.init(
            name: d.name, area: d.area, text: d.text, version: d.version, adoptedOn: d.adoptedOn.iso,
            nextReviewOn: d.nextReviewOn.iso)
    }
}

/// A local Compact's register entry once the rules hold.
public struct CompactDetails: Codable, Sendable, Equatable {
    public var name: String
    public var area: String
    public var text: String
    public var version: String
    public var adoptedOn: CalendarDate
    public var nextReviewOn: CalendarDate

    public init(
        name: String, area: String, text: String, version: String, adoptedOn: CalendarDate, nextReviewOn: CalendarDate
    ) {
        self.name = name
        self.area = area
        self.text = text
        self.version = version
        self.adoptedOn = adoptedOn
        self.nextReviewOn = nextReviewOn
    }

    /// Rules: every field present; dates as YYYY-MM-DD; the next review after adoption and
    /// within five years of it (local Compacts commonly review every one to three years).
    public static func validate(_ input: CompactInput) throws -> CompactDetails {
        var p = Problems()
        let name = p.text(input.name, field: "name", label: "the Compact’s name")
        let area = p.text(input.area, field: "area", label: "the area the Compact covers", max: 100)
        let text = p.text(input.text, field: "text", label: "the text of the Compact", max: 100_000)
        let version = p.text(input.version, field: "version", label: "the version, like 2.0", max: 20)
        let adopted = date(input.adoptedOn, field: "adoptedOn", label: "the date the Compact was adopted", &p)
        let review = date(input.nextReviewOn, field: "nextReviewOn", label: "the date of the next review", &p)
        if let adopted, let review {
            if review <= adopted {
                p.add("nextReviewOn", "The next review must be after the date the Compact was adopted")
            } else if review > adopted.adding(months: 60) {
                p.add("nextReviewOn", "The next review must be within five years of adoption")
            }
        }
        try p.throwIfAny()
        return CompactDetails(
            name: name!, area: area!, text: text!, version: version!, adoptedOn: adopted!, nextReviewOn: review!)
    }

    /// Guidance action 7: a Compact is due for review on and after its next review date.
    public func isReviewDue(today: CalendarDate) -> Bool { today >= nextReviewOn }
}

/// Parses a required date (ISO text or a form's day, month and year) into `p`'s problems.
public func date(_ raw: String?, field: String, label: String, _ p: inout Problems) -> CalendarDate? {
    DateEntry.read(raw, field: field, label: label, &p)
}

/// A principle of the Compact as a local Compact adopts it.
public struct CompactPrinciple: Codable, Sendable, Equatable {
    public var code: String
    public var title: String
    public var text: String
    /// What the product checks because of it (empty where it checks nothing).
    public var productRule: String

    public init(code: String, title: String, text: String, productRule: String) {
        self.code = code
        self.title = title
        self.text = text
        self.productRule = productRule
    }

    public static func validate(code: String?, title: String?, text: String?, productRule: String?) throws
        -> CompactPrinciple
    {
        var p = Problems()
        let c = p.text(code, field: "code", label: "the principle’s number, like 2.4", max: 20)
        let t = p.text(title, field: "title", label: "a short title", max: 200)
        let x = p.text(text, field: "text", label: "the principle’s text", max: 5_000)
        let r = p.text(productRule, field: "productRule", label: "the rule", required: false, max: 2_000)
        try p.throwIfAny()
        return CompactPrinciple(code: c!, title: t!, text: x!, productRule: r ?? "")
    }
}

/// The national Compact (2010): its five outcomes and the principles the product turns into
/// checks (DOMAIN.md §7, wording paraphrased). A new local Compact starts from these.
public enum NationalCompact2010 {
    public static let outcomes = [
        "A strong, diverse and independent civil society",
        "Effective and transparent design and development of policies, programmes and public services",
        "Responsive and high-quality programmes and services",
        "Clear arrangements for managing changes to programmes and services",
        "An equal and fair society",
    ]

    public static let principles: [CompactPrinciple] = [
        CompactPrinciple(
            code: "2.1", title: "Social value is a standard part of design",
            text:
                "Consider the social, environmental and economic value that civil society organisations can bring as a standard part of designing, developing and delivering policies, programmes and services.",
            productRule: "Every procurement records the Social Value Act s.1(3) consideration, whatever its value."),
        CompactPrinciple(
            code: "2.3", title: "Involve the sector early",
            text:
                "Work with civil society organisations from the earliest possible stage to design policies, programmes and services, and give early notice of forthcoming consultations.",
            productRule:
                "The pipeline and the consultation finder are published ahead; each consultation records its early-notice date."
        ),
        CompactPrinciple(
            code: "2.4", title: "Twelve-week written consultations",
            text:
                "Conduct 12-week formal written consultations where appropriate, with an explanation of why any shorter period is used.",
            productRule:
                "A consultation shorter than the Compact’s minimum period (84 days unless set otherwise) cannot open without a recorded, published reason."
        ),
        CompactPrinciple(
            code: "3.6", title: "Agree outcomes and proportionate monitoring first",
            text:
                "Agree with civil society organisations, before a programme or contract starts, the outcomes to be delivered, including social value, and how they will be monitored, with monitoring proportionate to the nature and size of the funding.",
            productRule:
                "Outcomes are agreed and the monitoring plan fixed before award; the reporting frequency is suggested by the contract value band."
        ),
        CompactPrinciple(
            code: "3.17", title: "Demonstrate value (the sector’s undertaking)",
            text:
                "Civil society organisations demonstrate the social, environmental or economic value of the programmes and services they deliver.",
            productRule: "Suppliers return monitoring with evidence, and may publish SROI analyses."),
        CompactPrinciple(
            code: "4.x", title: "Fair decommissioning",
            text:
                "Assess the impact on beneficiaries, service users and volunteers before reducing or ending funding; discuss with the organisation early and consider its response; give at least three months’ written notice with a clear rationale.",
            productRule:
                "A decommissioning decision needs the impact assessment and the organisation’s response; notice shorter than the Compact’s minimum (three months unless set otherwise) is flagged as a breach unless an exceptional reason is recorded."
        ),
    ]
}

/// A principle as typed in the principles form or sent to the API, with the names of `CompactPrinciple`.
public struct CompactPrincipleInput: Codable, Sendable, Equatable {
    public var code: String?
    public var title: String?
    public var text: String?
    public var productRule: String?

    public init(code: String? = nil, title: String? = nil, text: String? = nil, productRule: String? = nil) {
        self.code = code
        self.title = title
        self.text = text
        self.productRule = productRule
    }

    /// The input that gives `p` again: what the change form starts from.
    public init(_ p: CompactPrinciple) {
        self.init(code: p.code, title: p.title, text: p.text, productRule: p.productRule)
    }

    public func validated() throws -> CompactPrinciple {
        try CompactPrinciple.validate(code: code, title: title, text: text, productRule: productRule)
    }
}

/// An organisation signing a Compact, as the signatories form and the API send it.
public struct CompactSignatoryInput: Codable, Sendable, Equatable {
    public var organisationId: UUID?
    public var signedOn: String?

    public init(organisationId: UUID? = nil, signedOn: String? = nil) {
        self.organisationId = organisationId
        self.signedOn = signedOn
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        organisationId = try c.decodeChosenID(forKey: .organisationId)
        signedOn = try c.decodeDate(forKey: .signedOn)
    }

    /// Rules: an organisation, and the date it signed, today or in the past (`today` is the
    /// caller's: a signature dated in 2030 is refused).
    public func validated(today: CalendarDate) throws -> (organisation: UUID, signedOn: CalendarDate) {
        var p = Problems()
        if organisationId == nil { p.add("organisationId", "Select the organisation that signed") }
        let signed = date(signedOn, field: "signedOn", label: "the date signed", &p)
        DateEntry.notAfter(signed, today: today, raw: signedOn, field: "signedOn", label: "the date signed", &p)
        try p.throwIfAny()
        return (organisationId!, signed!)
    }
}

/// A seat on a Compact's group: a person, the organisation they represent and their position.
public struct CompactSeatInput: Codable, Sendable, Equatable {
    public var userId: UUID?
    public var organisationId: UUID?
    public var position: String?

    public init(userId: UUID? = nil, organisationId: UUID? = nil, position: String? = nil) {
        self.userId = userId
        self.organisationId = organisationId
        self.position = position
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        userId = try c.decodeChosenID(forKey: .userId)
        organisationId = try c.decodeChosenID(forKey: .organisationId)
        position = try c.decodeIfPresent(String.self, forKey: .position)
    }

    public func validated() throws -> (user: UUID, organisation: UUID, position: String) {
        var p = Problems()
        if userId == nil { p.add("userId", "Select the person joining the group") }
        if organisationId == nil { p.add("organisationId", "Select the organisation they represent") }
        let position = p.text(
            position, field: "position", label: "their position on the group, like ‘Member’ or ‘Co-chair’", max: 100)
        try p.throwIfAny()
        return (userId!, organisationId!, position!)
    }
}

/// A completed review of a Compact, as the review form and the API send it; the names are those
/// of a recorded review (`versionAfter`: the Compact's version once reviewed).
public struct CompactReviewInput: Codable, Sendable, Equatable {
    public var reviewedOn: String?
    public var versionAfter: String?
    public var summary: String?
    public var nextReviewOn: String?

    public init(
        reviewedOn: String? = nil, versionAfter: String? = nil, summary: String? = nil, nextReviewOn: String? = nil
    ) {
        self.reviewedOn = reviewedOn
        self.versionAfter = versionAfter
        self.summary = summary
        self.nextReviewOn = nextReviewOn
    }

    /// Rules: real dates, the review not after `today` (the caller's), the next review after
    /// this one, a version and a summary.
    public func validated(today: CalendarDate) throws -> (
        reviewedOn: CalendarDate, versionAfter: String, summary: String, nextReviewOn: CalendarDate
    ) {
        var p = Problems()
        let reviewed = date(reviewedOn, field: "reviewedOn", label: "the date of the review", &p)
        DateEntry.notAfter(
            reviewed, today: today, raw: reviewedOn, field: "reviewedOn", label: "the date of the review", &p)
        let version = p.text(
            versionAfter, field: "versionAfter", label: "the version after the review, like 3.0", max: 20)
        let summary = p.text(summary, field: "summary", label: "what the review found and changed", max: 10_000)
        let next = date(nextReviewOn, field: "nextReviewOn", label: "the date of the next review", &p)
        if let reviewed, let next, next <= reviewed {
            p.add(DateEntry.errorField(nextReviewOn, "nextReviewOn"), "The next review must be after this review")
        }
        try p.throwIfAny()
        return (reviewed!, version!, summary!, next!)
    }
}

/// A Compact's settings as typed in the settings form or sent to the API, and as the API reads
/// them back (`init(_:)`), so a record read can be sent back: the starting amount of each band in
/// pounds as text (`"25000.00"`; a person may type `25,000` or `£25,000`), whole numbers as
/// numbers or the digits typed, and yes/no as `FormValues.swift` says (an unticked checkbox sends
/// nothing: no). The form names a band's fields `bands[0][from]`; blank rows (the form's spare
/// rows) are ignored, and problems name `bands[i].from` with `i` the row sent.
public struct CompactSettingsInput: Codable, Sendable, Equatable {
    public struct Band: Codable, Sendable, Equatable {
        public var from: String?
        public var minWeightingPercent: String?
        public var maxWeightingPercent: String?
        public var monitoring: String?

        public init(
            from: String? = nil, minWeightingPercent: String? = nil, maxWeightingPercent: String? = nil,
            monitoring: String? = nil
        ) {
            self.from = from
            self.minWeightingPercent = minWeightingPercent
            self.maxWeightingPercent = maxWeightingPercent
            self.monitoring = monitoring
        }

        enum CodingKeys: String, CodingKey { case from, minWeightingPercent, maxWeightingPercent, monitoring }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            from = try c.decodeNumberText(forKey: .from)
            minWeightingPercent = try c.decodeNumberText(forKey: .minWeightingPercent)
            maxWeightingPercent = try c.decodeNumberText(forKey: .maxWeightingPercent)
            monitoring = try c.decodeIfPresent(String.self, forKey: .monitoring)
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeIfPresent(from, forKey: .from)
            try c.encodeNumberText(minWeightingPercent, forKey: .minWeightingPercent)
            try c.encodeNumberText(maxWeightingPercent, forKey: .maxWeightingPercent)
            try c.encodeIfPresent(monitoring, forKey: .monitoring)
        }

        /// A spare row of the form left empty.
        public var isBlank: Bool {
            [from, minWeightingPercent, maxWeightingPercent, monitoring].allSatisfy {
                ($0 ?? "").trimmingCharacters(in: .whitespaces).isEmpty
            }
        }
    }

    public var minimumConsultationDays: String?
    public var minimumNoticeMonths: String?
    public var considerSocialValueInAllProcurements: Bool?
    public var bands: [Band]?
    /// Whole percentages; left out or blank, the default (90, 70, 10; docs/delivery.md).
    public var ragGreenPercent: String?
    public var ragAmberPercent: String?
    public var atRiskTolerancePercent: String?

    public init(
        minimumConsultationDays: String? = nil, minimumNoticeMonths: String? = nil,
        considerSocialValueInAllProcurements: Bool? = nil, bands: [Band]? = nil, ragGreenPercent: String? = nil,
        ragAmberPercent: String? = nil, atRiskTolerancePercent: String? = nil
    ) {
        self.minimumConsultationDays = minimumConsultationDays
        self.minimumNoticeMonths = minimumNoticeMonths
        self.considerSocialValueInAllProcurements = considerSocialValueInAllProcurements
        self.bands = bands
        self.ragGreenPercent = ragGreenPercent
        self.ragAmberPercent = ragAmberPercent
        self.atRiskTolerancePercent = atRiskTolerancePercent
    }

    /// The input that gives `s` again: what the form starts from and what the API reads back.
    public init(_ s: CompactSettings) {
        self.init(
            minimumConsultationDays: String(s.minimumConsultationDays),
            minimumNoticeMonths: String(s.minimumNoticeMonths),
            considerSocialValueInAllProcurements: s.considerSocialValueInAllProcurements,
            bands: s.bands.map {
                Band(
                    from: DecimalText.format(Decimal($0.fromPence) / 100),
                    minWeightingPercent: String($0.minWeightingPercent),
                    maxWeightingPercent: String($0.maxWeightingPercent), monitoring: $0.monitoring.rawValue)
            }, ragGreenPercent: String(s.delivery.greenPercent), ragAmberPercent: String(s.delivery.amberPercent),
            atRiskTolerancePercent: String(s.delivery.atRiskTolerancePercent))
    }

    enum CodingKeys: String, CodingKey {
        case minimumConsultationDays, minimumNoticeMonths, considerSocialValueInAllProcurements, bands
        case ragGreenPercent, ragAmberPercent, atRiskTolerancePercent
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        minimumConsultationDays = try c.decodeNumberText(forKey: .minimumConsultationDays)
        minimumNoticeMonths = try c.decodeNumberText(forKey: .minimumNoticeMonths)
        considerSocialValueInAllProcurements = try c.decodeYesNo(forKey: .considerSocialValueInAllProcurements)
        bands = try c.decodeIfPresent([Band].self, forKey: .bands)
        ragGreenPercent = try c.decodeNumberText(forKey: .ragGreenPercent)
        ragAmberPercent = try c.decodeNumberText(forKey: .ragAmberPercent)
        atRiskTolerancePercent = try c.decodeNumberText(forKey: .atRiskTolerancePercent)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeNumberText(minimumConsultationDays, forKey: .minimumConsultationDays)
        try c.encodeNumberText(minimumNoticeMonths, forKey: .minimumNoticeMonths)
        try c.encodeIfPresent(considerSocialValueInAllProcurements, forKey: .considerSocialValueInAllProcurements)
        try c.encodeIfPresent(bands, forKey: .bands)
        try c.encodeNumberText(ragGreenPercent, forKey: .ragGreenPercent)
        try c.encodeNumberText(ragAmberPercent, forKey: .ragAmberPercent)
        try c.encodeNumberText(atRiskTolerancePercent, forKey: .atRiskTolerancePercent)
    }

    /// The settings once every rule holds; every problem is named at once, by the field sent.
    public func validated() throws -> CompactSettings {
        var p = Problems()
        func whole(_ raw: String?, _ field: String, _ label: String) -> Int? {
            let text = (raw ?? "").trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "%", with: "")
            if text.isEmpty {
                p.add(field, "Enter \(label)")
                return nil
            }
            guard let n = Int(text) else {
                p.add(field, "Enter \(label) as a whole number")
                return nil
            }
            return n
        }
        let days = whole(minimumConsultationDays, "minimumConsultationDays", "the minimum consultation period in days")
        let months = whole(minimumNoticeMonths, "minimumNoticeMonths", "the minimum notice in months")
        func percent(_ raw: String?, _ field: String, _ label: String, _ fallback: Int) -> Int {
            (raw ?? "").trimmingCharacters(in: .whitespaces).isEmpty ? fallback : whole(raw, field, label) ?? fallback
        }
        let d = DeliveryThresholds.defaults
        let delivery = DeliveryThresholds(
            greenPercent: percent(ragGreenPercent, "ragGreenPercent", "the green threshold", d.greenPercent),
            amberPercent: percent(ragAmberPercent, "ragAmberPercent", "the amber threshold", d.amberPercent),
            atRiskTolerancePercent: percent(
                atRiskTolerancePercent, "atRiskTolerancePercent", "the at-risk tolerance", d.atRiskTolerancePercent))
        if bands == nil { p.add("bands", "Enter the proportionality table") }
        var out: [ValueBand] = []
        var rows: [Int] = []
        let frequencies = MonitoringFrequency.allCases.map(\.rawValue).joined(separator: ", ")
        for (i, b) in (bands ?? []).enumerated() where !b.isBlank {
            let field = "bands[\(i)]"
            let n = i + 1
            let from = (b.from ?? "").trimmingCharacters(in: .whitespaces)
            let amount = Money(parsing: from)
            if from.isEmpty {
                p.add("\(field).from", "Enter the amount band \(n) starts from, in pounds")
            } else if amount == nil, Money.isTooLarge(from) {
                p.add("\(field).from", Money.tooLargeMessage("band \(n)’s starting amount"))
            } else if amount == nil {
                p.add("\(field).from", "Band \(n)’s starting amount must be an amount in pounds, like 25,000")
            }
            let lo = whole(b.minWeightingPercent, "\(field).minWeightingPercent", "band \(n)’s lowest weighting")
            let hi = whole(b.maxWeightingPercent, "\(field).maxWeightingPercent", "band \(n)’s highest weighting")
            let monitoring = b.monitoring.flatMap {
                MonitoringFrequency(rawValue: $0.trimmingCharacters(in: .whitespaces))
            }
            if monitoring == nil {
                p.add("\(field).monitoring", "Choose band \(n)’s monitoring frequency (one of: \(frequencies))")
            }
            out.append(
                ValueBand(
                    fromPence: amount?.pence ?? 0, minWeightingPercent: lo ?? 0, maxWeightingPercent: hi ?? 0,
                    monitoring: monitoring ?? .annually))
            rows.append(i)
        }
        try p.throwIfAny()
        return try CompactSettings(
            minimumConsultationDays: days ?? 0, minimumNoticeMonths: months ?? 0,
            considerSocialValueInAllProcurements: considerSocialValueInAllProcurements ?? false, bands: out,
            delivery: delivery
        ).validated(rows: rows)
    }
}

extension CompactInput {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        area = try c.decodeIfPresent(String.self, forKey: .area)
        text = try c.decodeIfPresent(String.self, forKey: .text)
        version = try c.decodeIfPresent(String.self, forKey: .version)
        adoptedOn = try c.decodeDate(forKey: .adoptedOn)
        nextReviewOn = try c.decodeDate(forKey: .nextReviewOn)
    }
}

extension CompactReviewInput {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        reviewedOn = try c.decodeDate(forKey: .reviewedOn)
        versionAfter = try c.decodeIfPresent(String.self, forKey: .versionAfter)
        summary = try c.decodeIfPresent(String.self, forKey: .summary)
        nextReviewOn = try c.decodeDate(forKey: .nextReviewOn)
    }
}
