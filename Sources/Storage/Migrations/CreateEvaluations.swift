import Fluent

/// Evaluation panels, evaluators' scores, moderated scores and the stored ranking.
struct CreateEvaluations: AsyncMigration {
    func prepare(on db: Database) async throws {
        let tenderRef = DatabaseSchema.FieldConstraint.references(TenderModel.schema, "id", onDelete: .cascade)
        let bidRef = DatabaseSchema.FieldConstraint.references(BidModel.schema, "id", onDelete: .cascade)
        try await db.schema(TenderEvaluatorModel.schema)
            .id()
            .field("tender_id", .uuid, .required, tenderRef)
            .field("user_id", .uuid, .required, .references(UserModel.schema, "id", onDelete: .restrict))
            .field("assigned_by", .string, .required)
            .field("assigned_at", .datetime)
            .field("submitted_at", .datetime)
            .unique(on: "tender_id", "user_id")
            .create()
        try await db.schema(EvaluationScoreModel.schema)
            .id()
            .field("tender_id", .uuid, .required, tenderRef)
            .field("bid_id", .uuid, .required, bidRef)
            .field("evaluator_id", .uuid, .required)
            .field("criterion_id", .string, .required)
            .field("score", .string)
            .field("comment", .string, .required)
            .field("updated_at", .datetime)
            .unique(on: "bid_id", "evaluator_id", "criterion_id")
            .create()
        try await db.schema(ModeratedScoreModel.schema)
            .id()
            .field("tender_id", .uuid, .required, tenderRef)
            .field("bid_id", .uuid, .required, bidRef)
            .field("criterion_id", .string, .required)
            .field("score", .string, .required)
            .field("rationale", .string, .required)
            .field("moderated_by", .string, .required)
            .field("moderated_at", .datetime)
            .unique(on: "bid_id", "criterion_id")
            .create()
        try await db.schema(EvaluationResultModel.schema)
            .id()
            .field("tender_id", .uuid, .required, tenderRef)
            .field("input_json", .string, .required)
            .field("result_json", .string, .required)
            .field("bid_ids", .string, .required)
            .field("ranked_by", .string, .required)
            .field("ranked_at", .datetime, .required)
            .unique(on: "tender_id")
            .create()
    }

    func revert(on db: Database) async throws {
        for schema in [
            EvaluationResultModel.schema, ModeratedScoreModel.schema, EvaluationScoreModel.schema,
            TenderEvaluatorModel.schema,
        ] {
            try await db.schema(schema).delete()
        }
    }
}
