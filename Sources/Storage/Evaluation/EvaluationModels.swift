import Fluent
import Foundation
import SocialValue

/// An evaluator assigned to a tender's panel, and when they submitted their scores.
public final class TenderEvaluatorModel: Model, @unchecked Sendable {
    public static let schema = "tender_evaluators"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "tender_id") public var tender: TenderModel
    @Parent(key: "user_id") public var user: UserModel
    @Field(key: "assigned_by") public var assignedBy: String
    @Timestamp(key: "assigned_at", on: .create) public var assignedAt: Date?
    @OptionalField(key: "submitted_at") public var submittedAt: Date?

    public init() {}
}

/// One evaluator's score and comment for one bid on one key (a criterion id, or "SV").
public final class EvaluationScoreModel: Model, @unchecked Sendable {
    public static let schema = "evaluation_scores"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "tender_id") public var tender: TenderModel
    @Parent(key: "bid_id") public var bid: BidModel
    @Field(key: "evaluator_id") public var evaluatorID: UUID
    @Field(key: "criterion_id") public var criterionID: String
    /// Exact decimal text, or nil while a draft leaves it out.
    @OptionalField(key: "score") public var score: String?
    @Field(key: "comment") public var comment: String
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}
}

/// The agreed score for one bid on one key after moderation, with its rationale.
public final class ModeratedScoreModel: Model, @unchecked Sendable {
    public static let schema = "moderated_scores"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "tender_id") public var tender: TenderModel
    @Parent(key: "bid_id") public var bid: BidModel
    @Field(key: "criterion_id") public var criterionID: String
    @Field(key: "score") public var score: String
    @Field(key: "rationale") public var rationale: String
    @Field(key: "moderated_by") public var moderatedBy: String
    @Timestamp(key: "moderated_at", on: .update) public var moderatedAt: Date?

    public init() {}
}

/// The ranking of a tender: the evaluation document that was run and what the engine returned,
/// both kept as JSON so the report can always be reproduced.
public final class EvaluationResultModel: Model, @unchecked Sendable {
    public static let schema = "evaluation_results"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "tender_id") public var tender: TenderModel
    @Field(key: "input_json") public var inputJSON: String
    @Field(key: "result_json") public var resultJSON: String
    /// Bid ids in the document's bid order (JSON array), to tie the ranking back to the bids.
    @Field(key: "bid_ids") public var bidIDsJSON: String
    @Field(key: "ranked_by") public var rankedBy: String
    @Field(key: "ranked_at") public var rankedAt: Date

    public init() {}

    public var bidIDs: [UUID] { (try? JSONDecoder().decode([UUID].self, from: Data(bidIDsJSON.utf8))) ?? [] }
}
