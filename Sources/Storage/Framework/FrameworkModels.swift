import Fluent
import Foundation
import SocialValue

public final class FrameworkModel: Model, @unchecked Sendable {
    public static let schema = "frameworks"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @OptionalParent(key: "compact_id") public var compact: CompactModel?
    @OptionalParent(key: "organisation_id") public var organisation: OrganisationModel?
    @Field(key: "template") public var template: FrameworkOrigin
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public var owner: FrameworkOwner {
        if let c = $compact.id { return .compact(c) }
        return .organisation($organisation.id!)
    }
}

public final class FrameworkVersionModel: Model, @unchecked Sendable {
    public static let schema = "framework_versions"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "framework_id") public var framework: FrameworkModel
    @Field(key: "number") public var number: Int
    @Field(key: "status") public var status: FrameworkStatus
    @Field(key: "definition") public var definition: String
    @Field(key: "review_on") public var reviewOn: String
    @OptionalField(key: "adopted_on") public var adoptedOn: String?
    @OptionalField(key: "superseded_on") public var supersededOn: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public var statusRaw: String { status.rawValue }
    public var label: String { "Version \(number)" }

    var auditFields: [String: String?] {
        [
            "number": String(number), "status": statusRaw, "definition": definition, "reviewOn": reviewOn,
            "adoptedOn": adoptedOn, "supersededOn": supersededOn,
        ]
    }
}

/// A public body that adopted a framework version, and when.
public final class FrameworkAdoptionModel: Model, @unchecked Sendable {
    public static let schema = "framework_adoptions"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "version_id") public var version: FrameworkVersionModel
    @Parent(key: "organisation_id") public var organisation: OrganisationModel
    @Field(key: "adopted_on") public var adoptedOn: String

    public init() {}
}

public final class FrameworkThemeModel: Model, @unchecked Sendable {
    public static let schema = "framework_themes"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "version_id") public var version: FrameworkVersionModel
    @Field(key: "ordinal") public var ordinal: Int
    @Field(key: "name") public var name: String
    @Field(key: "description") public var description: String

    public init() {}
}

public final class FrameworkOutcomeModel: Model, @unchecked Sendable {
    public static let schema = "framework_outcomes"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "version_id") public var version: FrameworkVersionModel
    @Parent(key: "theme_id") public var theme: FrameworkThemeModel
    @Field(key: "ordinal") public var ordinal: Int
    @Field(key: "name") public var name: String
    @Field(key: "description") public var description: String
    @Field(key: "source") public var source: String

    public init() {}
}

public final class FrameworkMeasureModel: Model, @unchecked Sendable {
    public static let schema = "framework_measures"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "version_id") public var version: FrameworkVersionModel
    @Parent(key: "outcome_id") public var outcome: FrameworkOutcomeModel
    @Field(key: "ordinal") public var ordinal: Int
    @Field(key: "code") public var code: String
    @Field(key: "name") public var name: String
    @Field(key: "description") public var description: String
    @Field(key: "unit") public var unit: String
    @Field(key: "valuation") public var measureValuation: MeasureValuation
    @Field(key: "evidence") public var evidence: String
    @Field(key: "guidance") public var guidance: String

    public init() {}

    public var valuation: String { measureValuation.rawValue }

    public var measure: Measure {
        Measure(
            code: code, name: name, description: description, unit: unit,
            valuation: measureValuation, evidence: evidence, guidance: guidance)
    }

    func apply(_ m: Measure) {
        code = m.code
        name = m.name
        description = m.description
        unit = m.unit
        measureValuation = m.valuation
        evidence = m.evidence
        guidance = m.guidance
    }

    var auditFields: [String: String?] {
        [
            "code": code, "name": name, "description": description, "unit": unit, "valuation": valuation,
            "evidence": evidence, "guidance": guidance,
        ]
    }
}

/// Co-production: an organisation that contributed to a framework.
public final class FrameworkContributorModel: Model, @unchecked Sendable {
    public static let schema = "framework_contributors"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "framework_id") public var framework: FrameworkModel
    @Parent(key: "organisation_id") public var organisation: OrganisationModel
    @Field(key: "contribution") public var contribution: String

    public init() {}
}

/// Co-production: a workshop held on a framework, and who came.
public final class FrameworkWorkshopModel: Model, @unchecked Sendable {
    public static let schema = "framework_workshops"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "framework_id") public var framework: FrameworkModel
    @Field(key: "held_on") public var heldOn: String
    @Field(key: "title") public var title: String
    @Field(key: "notes") public var notes: String
    /// Names of the attending organisations at the time, as JSON (a record of the day).
    @Field(key: "attendees") public var attendeesJSON: String

    public init() {}

    public var attendees: [String] { (try? JSONDecoder().decode([String].self, from: Data(attendeesJSON.utf8))) ?? [] }
}

/// A Compact group member's comment on an outcome or measure of a draft, and the owner's response.
public final class FrameworkCommentModel: Model, @unchecked Sendable {
    public static let schema = "framework_comments"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "version_id") public var version: FrameworkVersionModel
    @Field(key: "target_kind") public var targetKind: CommentTarget
    @Field(key: "target_id") public var targetID: UUID
    @Parent(key: "author_id") public var author: UserModel
    @Field(key: "author_organisation") public var authorOrganisation: String
    @Field(key: "text") public var text: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "response") public var response: String?
    @OptionalField(key: "responded_by") public var respondedBy: String?
    @OptionalField(key: "responded_at") public var respondedAt: Date?

    public init() {}
}

public final class ValueSetModel: Model, @unchecked Sendable {
    public static let schema = "value_sets"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "version_id") public var version: FrameworkVersionModel
    @Field(key: "name") public var name: String
    @Field(key: "is_illustrative") public var isIllustrative: Bool
    @Field(key: "notes") public var notes: String
    /// The price index beside the set, as JSON `{ "2024": "117.2" }`; empty when none.
    @Field(key: "price_index") public var priceIndexJSON: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    /// The licence the values are held under (RecordValueSetLicences; issue 15).
    @Field(key: "licence_name") public var licenceName: String
    @OptionalField(key: "licence_url") public var licenceURL: String?
    @Field(key: "permits_redistribution") public var permitsRedistribution: Bool
    @Field(key: "permits_commercial_use") public var permitsCommercialUse: Bool

    public init() {}

    public var licence: ProxyLicence {
        ProxyLicence(
            name: licenceName, url: licenceURL, permitsRedistribution: permitsRedistribution,
            permitsCommercialUse: permitsCommercialUse)
    }

    func apply(_ l: ProxyLicence) {
        licenceName = l.name
        licenceURL = l.url
        permitsRedistribution = l.permitsRedistribution
        permitsCommercialUse = l.permitsCommercialUse
    }

    public var priceIndex: PriceIndex? {
        guard let raw = try? JSONDecoder().decode([String: String].self, from: Data(priceIndexJSON.utf8)), !raw.isEmpty
        else { return nil }
        var points: [Int: Decimal] = [:]
        for (k, v) in raw { if let y = Int(k), let d = ValueSetCSV.parseAmount(v) { points[y] = d } }
        return PriceIndex(points: points)
    }
}

public final class ValueSetEntryModel: Model, @unchecked Sendable {
    public static let schema = "value_set_entries"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "value_set_id") public var valueSet: ValueSetModel
    @Field(key: "measure_code") public var measureCode: String
    /// Exact decimal, as text (no floating point anywhere near money).
    @Field(key: "value_per_unit") public var valuePerUnit: String
    @Field(key: "currency") public var currency: String
    @Field(key: "base_year") public var baseYear: Int
    @Field(key: "source") public var source: String
    @Field(key: "licence") public var licence: String
    @Field(key: "notes") public var notes: String

    public init() {}

    public var proxy: ProxyValue {
        ProxyValue(
            measureCode: measureCode, valuePerUnit: ValueSetCSV.parseAmount(valuePerUnit) ?? 0, currency: currency,
            baseYear: baseYear, source: source, licence: licence, notes: notes)
    }
}

public final class StrategyModel: Model, @unchecked Sendable {
    public static let schema = "strategies"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "compact_id") public var compact: CompactModel
    @Parent(key: "version_id") public var version: FrameworkVersionModel
    @Field(key: "title") public var title: String
    @Field(key: "summary") public var summary: String
    @Field(key: "starts_on") public var startsOn: String
    @Field(key: "ends_on") public var endsOn: String

    public init() {}
}

public final class StrategyPriorityModel: Model, @unchecked Sendable {
    public static let schema = "strategy_priorities"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "strategy_id") public var strategy: StrategyModel
    @Parent(key: "outcome_id") public var outcome: FrameworkOutcomeModel
    @Field(key: "rank") public var rank: Int
    @Field(key: "target") public var target: String
    @Field(key: "period") public var period: String

    public init() {}
}

/// A body that signed up to a strategy.
public final class StrategySignupModel: Model, @unchecked Sendable {
    public static let schema = "strategy_signups"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "strategy_id") public var strategy: StrategyModel
    @Parent(key: "organisation_id") public var organisation: OrganisationModel
    @Field(key: "signed_up_on") public var signedUpOn: String
    /// The version of the strategy it signed up to (nil only for a sign-up older than versions).
    @OptionalField(key: "signed_version") public var signedVersion: Int?

    public init() {}
}
