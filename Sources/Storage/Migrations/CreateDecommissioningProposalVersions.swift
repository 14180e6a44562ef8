import Fluent
import Foundation
import SQLKit

/// The versions of a decommissioning proposal shared with its provider, and the version each
/// response answered (issue 13 §1; decommissioning.md, "Amending a shared proposal"). Every case
/// already shared gets version 1, its proposal and impact assessment as they read now, made when
/// and by whom it was shared; a response already on such a case answered version 1. Written
/// against table and column names, not the models, so later model changes cannot alter it.
struct CreateDecommissioningProposalVersions: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("decommissioning_proposal_versions")
            .id()
            .field(
                "case_id", .uuid, .required, .references("decommissioning_cases", "id", onDelete: .cascade)
            )
            .field("version", .int, .required)
            .field("content", .string, .required)
            .field("reason", .string)
            .field("author_id", .uuid)
            .field("author", .string, .required)
            .field("at", .datetime, .required)
            .unique(on: "case_id", "version")
            .create()
        try await db.schema("decommissioning_cases").field("response_version", .int).update()
        guard let sql = db as? SQLDatabase else { return }
        struct Shared: Decodable {
            let id: UUID
            let serviceName: String
            let serviceDescription: String
            let change: String
            let currentFundingPence: Int64?
            let proposedFundingPence: Int64?
            let rationale: String
            let impactBeneficiaries: String?
            let impactServiceUsers: String?
            let impactVolunteers: String?
            let widerImpact: String?
            let mitigation: String?
            let sharedAt: Date
            let sharedBy: String?
            enum CodingKeys: String, CodingKey {
                case id, change, rationale, mitigation
                case serviceName = "service_name"
                case serviceDescription = "service_description"
                case currentFundingPence = "current_funding_pence"
                case proposedFundingPence = "proposed_funding_pence"
                case impactBeneficiaries = "impact_beneficiaries"
                case impactServiceUsers = "impact_service_users"
                case impactVolunteers = "impact_volunteers"
                case widerImpact = "wider_impact"
                case sharedAt = "shared_at"
                case sharedBy = "shared_by"
            }
        }
        /// The shape of `ProposalContent` as JSON, spelled out here so the migration does not change with it.
        struct ContentJSON: Encodable {
            let serviceName: String
            let serviceDescription: String
            let change: String
            let currentFundingPence: Int64?
            let proposedFundingPence: Int64?
            let rationale: String
            let onBeneficiaries: String?
            let onServiceUsers: String?
            let onVolunteers: String?
            let widerImpact: String?
            let mitigation: String?
        }
        let cases = try await sql.select()
            .columns(
                "id", "service_name", "service_description", "change", "current_funding_pence",
                "proposed_funding_pence", "rationale", "impact_beneficiaries", "impact_service_users",
                "impact_volunteers", "wider_impact", "mitigation", "shared_at", "shared_by"
            )
            .from("decommissioning_cases").where("shared_at", .isNot, SQLLiteral.null)
            .all(decoding: Shared.self)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for c in cases {
            let json = String(
                decoding: try encoder.encode(
                    ContentJSON(
                        serviceName: c.serviceName, serviceDescription: c.serviceDescription, change: c.change,
                        currentFundingPence: c.currentFundingPence, proposedFundingPence: c.proposedFundingPence,
                        rationale: c.rationale, onBeneficiaries: c.impactBeneficiaries,
                        onServiceUsers: c.impactServiceUsers, onVolunteers: c.impactVolunteers,
                        widerImpact: c.widerImpact, mitigation: c.mitigation)), as: UTF8.self)
            try await sql.insert(into: "decommissioning_proposal_versions")
                .columns("id", "case_id", "version", "content", "author", "at")
                .values(
                    SQLBind(UUID()), SQLBind(c.id), SQLBind(1), SQLBind(json), SQLBind(c.sharedBy ?? "Not recorded"),
                    SQLBind(c.sharedAt)
                )
                .run()
            try await sql.update("decommissioning_cases").set("response_version", to: SQLBind(1))
                .where("id", .equal, SQLBind(c.id)).where("response_text", .isNot, SQLLiteral.null).run()
        }
    }

    func revert(on db: Database) async throws {
        try await db.schema("decommissioning_cases").deleteField("response_version").update()
        try await db.schema("decommissioning_proposal_versions").delete()
    }
}
