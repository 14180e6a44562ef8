import Fluent
import Foundation
import SocialValue

/// One KPI of a contract (Procurement Act 2023 s.52): set once, never changed, as its
/// assessments rate it by its id. `position` orders them as they were set.
public final class ContractKPIModel: Model, @unchecked Sendable {
    public static let schema = "contract_kpis"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "contract_id") public var contract: ContractModel
    @Field(key: "position") public var position: Int
    /// The social value commitment it measures, when it is one.
    @OptionalField(key: "measure_code") public var measureCode: String?
    @Field(key: "name") public var name: String
    /// Exact decimal text.
    @Field(key: "target") public var target: String
    @Field(key: "unit") public var unit: String
    @Field(key: "frequency") public var frequency: MonitoringFrequency
    @Field(key: "created_by") public var createdBy: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

/// Each version of a contract's position on the KPI duty: what kind of contract it is and why
/// KPIs are not appropriate, if they are not. Written once; a change is the next `number` with
/// its reason.
public final class KPIPositionModel: Model, @unchecked Sendable {
    public static let schema = "contract_kpi_positions"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "contract_id") public var contract: ContractModel
    @Field(key: "number") public var number: Int
    @Field(key: "contract_kind") public var contractKind: KPIContractKind
    @OptionalField(key: "not_appropriate_reason") public var notAppropriateReason: String?
    @Field(key: "recorded_by") public var recordedBy: String
    @Field(key: "recorded_at") public var recordedAt: Date
    /// Why the version before it changed; nil for the first.
    @OptionalField(key: "amendment_reason") public var amendmentReason: String?

    public init() {}

    public var position: KPIPosition {
        KPIPosition(contractKind: contractKind, notAppropriateReason: notAppropriateReason)
    }
}

/// One version of a KPI assessment (s.71): the first (`number` 1) and each amendment, all of one
/// `series` (the first version's id). Written once and never changed.
public final class KPIAssessmentModel: Model, @unchecked Sendable {
    public static let schema = "kpi_assessments"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "contract_id") public var contract: ContractModel
    @Field(key: "series_id") public var series: UUID
    @Field(key: "number") public var number: Int
    /// `PerformanceCalendar.key` of the assessment it answers.
    @Field(key: "due_key") public var dueKey: String
    @Field(key: "period_from") public var periodFrom: String
    @Field(key: "period_to") public var periodTo: String
    @Field(key: "narrative") public var narrative: String
    @Field(key: "recorded_by") public var recordedBy: String
    @Field(key: "recorded_at") public var recordedAt: Date
    @OptionalField(key: "amendment_reason") public var amendmentReason: String?

    public init() {}
}

/// One KPI's rating in one assessment version.
public final class KPIRatingModel: Model, @unchecked Sendable {
    public static let schema = "kpi_ratings"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "assessment_id") public var assessment: KPIAssessmentModel
    @Parent(key: "kpi_id") public var kpi: ContractKPIModel
    @Field(key: "rating") public var rating: KPIRating
    @OptionalField(key: "explanation") public var explanation: String?

    public init() {}
}

/// The register of breaches and failures to perform: each entry written once.
public final class PerformanceFailureModel: Model, @unchecked Sendable {
    public static let schema = "performance_failures"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "contract_id") public var contract: ContractModel
    @Field(key: "kind") public var kind: FailureKind
    @Field(key: "requirement") public var requirement: String
    @Field(key: "what_happened") public var whatHappened: String
    @Field(key: "decided_on") public var decidedOn: String
    @Field(key: "penalty_type") public var penaltyType: PenaltyType
    @OptionalField(key: "penalty_pence") public var penaltyPence: Int64?
    @Field(key: "recorded_by") public var recordedBy: String
    @Field(key: "recorded_at") public var recordedAt: Date

    public init() {}

    public var penalty: Money? { penaltyPence.map { Money(pence: $0) } }
}
