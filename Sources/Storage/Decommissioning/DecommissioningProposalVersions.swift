import Fluent
import Foundation
import SQLKit
import SocialValue

/// A proposal shared with the provider is never changed in place: version 1 is recorded when it
/// is shared, a change is an amendment (a new version with its reason and author, while the case
/// is still being assessed), and each response keeps the version it answered (issue 13 §1;
/// decommissioning.md, "Amending a shared proposal").
extension DecommissioningStore {
    /// The versions of a case's proposal, version 1 first (empty until it is shared), for those
    /// who may see the case.
    public func proposalVersions(of id: UUID, viewer: Viewer) async throws -> [DecommissioningProposalVersionModel] {
        _ = try await find(id, viewer: viewer)
        return try await DecommissioningProposalVersionModel.versions(on: db) {
            $0.filter(\.$decommissioningCase.$id == id)
        }
    }

    /// The version in force, nil while the proposal has not been shared.
    static func currentProposalVersion(of id: UUID, on db: Database) async throws
        -> DecommissioningProposalVersionModel?
    {
        try await DecommissioningProposalVersionModel.latest(on: db) { $0.filter(\.$decommissioningCase.$id == id) }
    }

    /// The version of the shared proposal the case's response answered (nil: none recorded, or
    /// recorded before sharing), for those who may see the case. The column is read and written
    /// by SQL, not the model, as shipped migrations read the case through the model.
    public func responseVersion(of id: UUID, viewer: Viewer) async throws -> Int? {
        _ = try await find(id, viewer: viewer)
        guard let sql = db as? SQLDatabase else { return nil }
        struct Row: Decodable {
            let version: Int?
            enum CodingKeys: String, CodingKey { case version = "response_version" }
        }
        return try await sql.select().column("response_version").from("decommissioning_cases")
            .where("id", .equal, SQLBind(id)).first(decoding: Row.self)?.version
    }

    /// Records that the response now on the case answers the version in force.
    static func setResponseVersion(_ id: UUID, on tx: Database) async throws {
        guard let sql = tx as? SQLDatabase else { return }
        let version = try await currentProposalVersion(of: id, on: tx)?.version
        try await sql.update("decommissioning_cases").set("response_version", to: SQLBind(version))
            .where("id", .equal, SQLBind(id)).run()
    }

    /// The path of the API's amendments of a case's proposal.
    public static func amendmentsPath(_ id: UUID) -> String { "/api/v1/decommissioning/\(id)/proposal/amendments" }

    /// Refuses an in-place change to a proposal the provider has been shown.
    static func checkNotShared(_ c: DecommissioningCaseModel, field: String) throws {
        guard let shared = c.sharedAt, let id = c.id else { return }
        throw StorageError.conflict(
            FieldError(
                field,
                "The proposal was shared with \(c.provider.name) on \(UKTime.date(at: shared).longForm): it is not changed in place. Amend it with a reason (POST \(amendmentsPath(id))); the version shared stays beside the amendment"
            ))
    }

    static func addProposalVersion(
        _ c: DecommissioningCaseModel, _ number: Int, _ content: ProposalContent, reason: String?, by actor: Actor,
        at now: Date, on tx: Database
    ) async throws {
        let v = DecommissioningProposalVersionModel()
        v.$decommissioningCase.id = try c.requireID()
        v.stamp(number, reason: reason, by: actor, at: now)
        v.contentJSON = try VersionJSON.encode(content)
        try await v.create(on: tx)
    }

    static func apply(_ p: ProposalContent, to c: DecommissioningCaseModel) {
        c.serviceName = p.serviceName
        c.serviceDescription = p.serviceDescription
        c.changeValue = p.change
        c.currentFundingPence = p.currentFundingPence
        c.proposedFundingPence = p.proposedFundingPence
        c.rationale = p.rationale
        c.impactBeneficiaries = p.onBeneficiaries
        c.impactServiceUsers = p.onServiceUsers
        c.impactVolunteers = p.onVolunteers
        c.widerImpact = p.widerImpact
        c.mitigation = p.mitigation
    }

    /// Amends a shared proposal: the body's commissioners, while the case is being assessed,
    /// with a reason and at least one change from the version in force. Writes the next version,
    /// makes the case read as amended, audited, and tells the provider's members, in one
    /// transaction. 409 before sharing (the proposal is changed in place until then) and once
    /// decided.
    @discardableResult
    public func amendProposal(
        _ id: UUID, _ input: ProposalAmendmentInput, viewer: Viewer, by actor: Actor, now: Date = Date()
    ) async throws -> DecommissioningProposalVersionModel {
        try await db.write { tx in
            let c = try await Self.managed(id, viewer, on: tx)
            try Self.checkAssessing(c)
            guard let current = try await Self.currentProposalVersion(of: id, on: tx) else {
                throw StorageError.conflict(
                    FieldError(
                        "reason",
                        "The proposal has not been shared with \(c.provider.name) yet: change it in place"))
            }
            let checked = try Decommissioning.validate(
                amendment: input, current: try current.content, currentVersion: current.version)
            let before = c.auditFields
            Self.apply(checked.content, to: c)
            try await c.update(on: tx)
            let number = current.version + 1
            try await Self.addProposalVersion(
                c, number, checked.content, reason: checked.reason, by: actor, at: now, on: tx)
            var changes = AuditLog.diff(before, c.auditFields)
            changes["version"] = FieldChange(from: String(current.version), to: String(number))
            changes["reason"] = FieldChange(from: nil, to: checked.reason)
            try await AuditLog.record(
                "proposal amended", "decommissioning case", id: id.uuidString, changes: changes, by: actor, on: tx,
                at: now)
            try await DecommissioningNotifications.amended(c, version: number, reason: checked.reason, now: now, on: tx)
            return try await Self.currentProposalVersion(of: id, on: tx)!
        }
    }
}
