import Fluent
import Foundation
import SocialValue

/// A signed Compact's text and principles are never changed in place: version 1 is recorded when
/// the first organisation signs, a change is an amendment (a new version with its reason and
/// author), and each signature stays with the version it signed (compact.md, "Amending a signed
/// Compact").
extension CompactStore {
    /// The versions of a Compact's text and principles, version 1 first (empty until it is signed).
    /// Public, as the register is.
    public func versions(of compactID: UUID) async throws -> [CompactVersionModel] {
        try await Self.versions(of: compactID, on: db)
    }

    static func versions(of compactID: UUID, on db: Database) async throws -> [CompactVersionModel] {
        try await CompactVersionModel.versions(on: db) { $0.filter(\.$compact.$id == compactID) }
    }

    /// The version in force, nil while no organisation has signed.
    static func currentVersion(of compactID: UUID, on db: Database) async throws -> CompactVersionModel? {
        try await CompactVersionModel.latest(on: db) { $0.filter(\.$compact.$id == compactID) }
    }

    /// The refusal of an in-place change to what was signed.
    static func signedConflict(_ compactID: UUID, field: String, _ v: CompactVersionModel) -> StorageError {
        .conflict(
            FieldError(
                field,
                "The Compact has been signed (version \(v.version) is in force): its text and principles are not changed in place. Amend it with a reason (POST /api/v1/compacts/\(compactID)/amendments); each signature stays with the version it signed"
            ))
    }

    /// Refuses a change to the principles once the Compact has been signed.
    static func checkPrinciplesOpen(_ compactID: UUID, on tx: Database) async throws {
        if let v = try await currentVersion(of: compactID, on: tx) {
            throw signedConflict(compactID, field: "code", v)
        }
    }

    /// The version a new signature is for: the one in force, or version 1, recorded now from the
    /// Compact as it stands, when this is the first signature.
    static func versionToSign(_ compact: CompactModel, by actor: Actor, now: Date, on tx: Database) async throws -> Int
    {
        let id = try compact.requireID()
        if let v = try await currentVersion(of: id, on: tx) { return v.version }
        let principles = try await CompactPrincipleModel.query(on: tx).filter(\.$compact.$id == id)
            .sort(\.$ordinal).all().map(\.principle)
        try await addVersion(
            id, 1, CompactContent(text: compact.text, principles: principles), label: compact.version, reason: nil,
            by: actor, at: now, on: tx)
        return 1
    }

    static func addVersion(
        _ compactID: UUID, _ number: Int, _ content: CompactContent, label: String, reason: String?, by actor: Actor,
        at now: Date, on tx: Database
    ) async throws {
        let v = CompactVersionModel()
        v.$compact.id = compactID
        v.text = content.text
        v.principlesJSON = try VersionJSON.encode(content.principles)
        v.label = label
        v.stamp(number, reason: reason, by: actor, at: now)
        try await v.create(on: tx)
    }

    /// Amends a signed Compact: its group or the administrator (`CompactOperation.amendCompact`),
    /// with a reason and at least one change from the version in force. Writes the next version,
    /// makes the Compact's text and principles the amended ones (and its version label, when a new
    /// one is given), audited, in one transaction. Signatures keep the version they signed. 409
    /// while no organisation has signed (until then the Compact is changed in place).
    @discardableResult
    public func amend(
        _ compactID: UUID, _ input: CompactAmendmentInput, viewer: Viewer, by actor: Actor, now: Date = Date()
    ) async throws -> CompactVersionModel {
        try Self.checkManages(compactID, viewer: viewer)
        return try await db.write { tx in
            let compact = try await CompactModel.require(compactID, on: tx, "The Compact")
            guard let current = try await Self.currentVersion(of: compactID, on: tx) else {
                throw StorageError.conflict(
                    FieldError(
                        "text",
                        "No organisation has signed \(compact.name) yet: change its text and principles in place"
                    ))
            }
            let checked = try CompactContent.validate(
                amendment: input, current: current.content, currentVersion: current.version)
            let before = compact.auditFields
            compact.text = checked.content.text
            if let label = checked.label { compact.version = label }
            _ = try await Self.save(compact, before: before, by: actor, on: tx)
            if checked.content.principles != current.principles {
                try await CompactPrincipleModel.query(on: tx).filter(\.$compact.$id == compactID).delete()
                for (i, p) in checked.content.principles.enumerated() {
                    try await Self.insertPrinciple(p, ordinal: i + 1, compactID: compactID, by: actor, on: tx)
                }
            }
            try await Self.addVersion(
                compactID, current.version + 1, checked.content, label: compact.version, reason: checked.reason,
                by: actor, at: now, on: tx)
            try await AuditLog.record(
                "amended", "compact", id: compactID.uuidString,
                changes: [
                    "version": FieldChange(from: String(current.version), to: String(current.version + 1)),
                    "reason": FieldChange(from: nil, to: checked.reason),
                    "changes": FieldChange(from: nil, to: checked.changes.joined(separator: "; ")),
                ], by: actor, on: tx)
            return try await Self.currentVersion(of: compactID, on: tx)!
        }
    }
}
