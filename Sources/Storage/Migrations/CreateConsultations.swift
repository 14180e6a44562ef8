import Fluent

/// Consultations, their questions, documents, invitations, responses and outcomes, and the
/// in-app notifications they raise.
struct CreateConsultations: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema(ConsultationModel.schema)
            .id()
            .field("owner_id", .uuid, .required, .references(OrganisationModel.schema, "id", onDelete: .restrict))
            .field("compact_id", .uuid, .required, .references(CompactModel.schema, "id", onDelete: .restrict))
            .field("title", .string, .required)
            .field("summary", .string, .required)
            .field("subject", .string, .required)
            .field("subject_reference", .string)
            .field("linked_record_id", .uuid)
            .field("audience_vcs", .bool, .required)
            .field("audience_suppliers", .bool, .required)
            .field("audience_public", .bool, .required)
            .field("opens_on", .string, .required)
            .field("closes_on", .string, .required)
            .field("period_days", .int, .required)
            .field("minimum_days", .int, .required)
            .field("short_period_reason", .string)
            .field("is_published", .bool, .required)
            .field("published_at", .datetime)
            .field("notice_on", .string)
            .field("created_by", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        let consultationRef = DatabaseSchema.FieldConstraint.references(
            ConsultationModel.schema, "id", onDelete: .cascade)
        try await db.schema(ConsultationQuestionModel.schema)
            .id()
            .field("consultation_id", .uuid, .required, consultationRef)
            .field("ordinal", .int, .required)
            .field("kind", .string, .required)
            .field("text", .string, .required)
            .field("hint", .string)
            .field("required", .bool, .required)
            .field("options", .string, .required)
            .create()
        try await db.schema(ConsultationDocumentModel.schema)
            .id()
            .field("consultation_id", .uuid, .required, consultationRef)
            .storedFileFields()
            .create()
        try await db.schema(ConsultationResponseModel.schema)
            .id()
            .field("consultation_id", .uuid, .required, consultationRef)
            .field("respondent_user_id", .uuid, .references(UserModel.schema, "id", onDelete: .restrict))
            .field("organisation_id", .uuid, .references(OrganisationModel.schema, "id", onDelete: .restrict))
            .field("capacity_key", .string, .required)
            .field("respondent_name", .string, .required)
            .field("respondent_email", .string, .required)
            .field("status", .string, .required)
            .field("resume_token_hash", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("submitted_at", .datetime)
            .unique(on: "consultation_id", "capacity_key")
            .create()
        try await db.schema(ConsultationAnswerModel.schema)
            .id()
            .field(
                "response_id", .uuid, .required, .references(ConsultationResponseModel.schema, "id", onDelete: .cascade)
            )
            .field(
                "question_id", .uuid, .required, .references(ConsultationQuestionModel.schema, "id", onDelete: .cascade)
            )
            .field("value", .string, .required)
            .unique(on: "response_id", "question_id")
            .create()
        try await db.schema(ConsultationInvitationModel.schema)
            .id()
            .field("consultation_id", .uuid, .required, consultationRef)
            .field(
                "organisation_id", .uuid, .required, .references(OrganisationModel.schema, "id", onDelete: .restrict)
            )
            .field("invited_at", .datetime, .required)
            .unique(on: "consultation_id", "organisation_id")
            .create()
        try await db.schema(ConsultationOutcomeModel.schema)
            .id()
            .field("consultation_id", .uuid, .required, consultationRef)
            .field("you_said", .string, .required)
            .field("we_did", .string, .required)
            .field("links", .string, .required)
            .field("published_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "consultation_id")
            .create()
        try await db.schema(NotificationModel.schema)
            .id()
            .field("user_id", .uuid, .required, .references(UserModel.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("text", .string, .required)
            .field("link", .string, .required)
            .field("created_at", .datetime, .required)
            .field("read_at", .datetime)
            .create()
        // The lookups every page makes: a user’s notifications, a consultation’s children.
        try await createIndexes(
            [
                ("notifications_user", NotificationModel.schema, "user_id"),
                ("consultation_questions_consultation", ConsultationQuestionModel.schema, "consultation_id"),
                ("consultation_documents_consultation", ConsultationDocumentModel.schema, "consultation_id"),
                ("consultation_answers_response", ConsultationAnswerModel.schema, "response_id"),
                ("consultations_owner", ConsultationModel.schema, "owner_id"),
            ], on: db)
    }

    func revert(on db: Database) async throws {
        for schema in [
            NotificationModel.schema, ConsultationOutcomeModel.schema, ConsultationInvitationModel.schema,
            ConsultationAnswerModel.schema, ConsultationResponseModel.schema, ConsultationDocumentModel.schema,
            ConsultationQuestionModel.schema, ConsultationModel.schema,
        ] {
            try await db.schema(schema).delete()
        }
    }
}
