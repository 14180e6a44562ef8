import Fluent
import Foundation
import SQLKit

/// Each recorded decommissioning decision and amendment as a row of its own (issue 13 §1: a
/// decision is never changed in place). A case decided before this migration gets its decision
/// as it then stood as row 1.
struct CreateDecommissioningDecisions: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema(DecommissioningDecisionModel.schema)
            .id()
            .field("case_id", .uuid, .required, .references(DecommissioningCaseModel.schema, "id", onDelete: .cascade))
            .field("number", .int, .required)
            .field("decision", .string, .required)
            .field("decision_rationale", .string, .required)
            .field("notice_given_on", .string)
            .field("effective_on", .string)
            .field("earliest_end_on", .string)
            .field("exceptional_reason", .string)
            .field("notice_check", .string)
            .field("days_short", .int)
            .field("minimum_notice_months", .int, .required)
            .field("decided_at", .datetime, .required)
            .field("decided_by", .string, .required)
            .field("amendment_reason", .string)
            .unique(on: "case_id", "number")
            .create()
        // The decision and its notice check take only the values the product knows, as the
        // case's own columns do (`ConstrainEnumColumns`).
        if let sql = db as? SQLDatabase {
            for column in EnumColumns.decisionRecords { try await column.addConstraint(on: sql) }
        }
        for c in try await DecommissioningCaseModel.query(on: db).filter(\.$statusValue != .assessing).all() {
            guard let decision = c.decisionValue else { continue }
            let d = DecommissioningDecisionModel()
            d.$decommissioningCase.id = try c.requireID()
            d.number = 1
            d.decisionValue = decision
            d.rationale = c.decisionRationale ?? ""
            d.noticeGivenOn = c.noticeGivenOn
            d.effectiveOn = c.effectiveOn
            d.earliestEndOn = c.earliestEndOn
            d.exceptionalReason = c.exceptionalReason
            d.noticeCheck = c.noticeCheck
            d.daysShort = c.daysShort
            d.minimumNoticeMonths = c.minimumNoticeMonths
            d.decidedAt = c.decidedAt ?? c.updatedAt ?? Date()
            d.decidedBy = c.decidedBy ?? ""
            try await d.create(on: db)
        }
    }

    func revert(on db: Database) async throws {
        try await db.schema(DecommissioningDecisionModel.schema).delete()
    }
}
