import Fluent

/// Tenders, their documents and clarifications, bids with responses, commitments,
/// attachments and submission receipts.
struct CreateTenders: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema(TenderModel.schema)
            .id()
            .field("procurement_id", .uuid, .required, .references(ProcurementModel.schema, "id", onDelete: .restrict))
            .field("status", .string, .required)
            .field("configuration", .string, .required)
            .field("deadline_on", .string, .required)
            .field("deadline_time", .string, .required)
            .field("deadline_at", .datetime, .required)
            .field("published_at", .datetime)
            .field("published_by", .string)
            .field("opened_at", .datetime)
            .field("opened_by", .string)
            .field("cancel_reason", .string)
            .field("created_by", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "procurement_id")
            .create()
        let tenderRef = DatabaseSchema.FieldConstraint.references(TenderModel.schema, "id", onDelete: .cascade)
        try await db.schema(TenderDocumentModel.schema)
            .id()
            .field("tender_id", .uuid, .required, tenderRef)
            .storedFileFields()
            .create()
        try await db.schema(TenderClarificationModel.schema)
            .id()
            .field("tender_id", .uuid, .required, tenderRef)
            .field("organisation_id", .uuid, .references(OrganisationModel.schema, "id", onDelete: .restrict))
            .field("asked_by", .string, .required)
            .field("question", .string, .required)
            .field("asked_at", .datetime, .required)
            .field("answer", .string)
            .field("answered_by", .string)
            .field("answered_at", .datetime)
            .create()
        try await db.schema(BidModel.schema)
            .id()
            .field("tender_id", .uuid, .required, tenderRef)
            .field(
                "organisation_id", .uuid, .required, .references(OrganisationModel.schema, "id", onDelete: .restrict)
            )
            .field("status", .string, .required)
            .field("price_pence", .int64)
            .field("delivery_plan", .string, .required)
            .field("embedded_value_statement", .string)
            .field("social_value_response", .string)
            .field("created_by", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("submitted_at", .datetime)
            .field("withdrawn_at", .datetime)
            .unique(on: "tender_id", "organisation_id")
            .create()
        let bidRef = DatabaseSchema.FieldConstraint.references(BidModel.schema, "id", onDelete: .cascade)
        try await db.schema(BidResponseModel.schema)
            .id()
            .field("bid_id", .uuid, .required, bidRef)
            .field("criterion_id", .string, .required)
            .field("text", .string, .required)
            .unique(on: "bid_id", "criterion_id")
            .create()
        try await db.schema(BidCommitmentModel.schema)
            .id()
            .field("bid_id", .uuid, .required, bidRef)
            .field("measure_code", .string, .required)
            .field("quantity", .string, .required)
            .unique(on: "bid_id", "measure_code")
            .create()
        try await db.schema(BidAttachmentModel.schema)
            .id()
            .field("bid_id", .uuid, .required, bidRef)
            .field("criterion_id", .string)
            .storedFileFields()
            .create()
        try await db.schema(BidReceiptModel.schema)
            .id()
            .field("bid_id", .uuid, .required, bidRef)
            .field("tender_id", .uuid, .required)
            .field("organisation_id", .uuid, .required)
            .field("submitted_at", .datetime, .required)
            .field("submitted_by", .string, .required)
            .field("sha256", .string, .required)
            .field("content", .string, .required)
            .create()
        try await createIndexes(
            [
                ("tender_documents_tender", TenderDocumentModel.schema, "tender_id"),
                ("tender_clarifications_tender", TenderClarificationModel.schema, "tender_id"),
                ("bids_tender", BidModel.schema, "tender_id"),
                ("bid_attachments_bid", BidAttachmentModel.schema, "bid_id"),
                ("bid_receipts_bid", BidReceiptModel.schema, "bid_id"),
            ], on: db)
    }

    func revert(on db: Database) async throws {
        for schema in [
            BidReceiptModel.schema, BidAttachmentModel.schema, BidCommitmentModel.schema, BidResponseModel.schema,
            BidModel.schema, TenderClarificationModel.schema, TenderDocumentModel.schema, TenderModel.schema,
        ] {
            try await db.schema(schema).delete()
        }
    }
}
