import Fluent
import Foundation
import SocialValue

/// Applies the retention periods (docs/data-protection.md, "Retention"): erases the personal
/// fields of members of the public's consultation responses and deletes old sign-in records.
public struct RetentionStore: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    /// What a run erased and deleted (or, in a dry run, would).
    public struct Run: Sendable, Equatable {
        public var responsesErased: Int
        public var sessionsDeleted: Int
        public var tokensDeleted: Int
        /// Sign-in records that ended before this UK day began are deleted.
        public var firstSignInDayKept: CalendarDate
    }

    static func checkAdministers(_ viewer: Viewer) throws {
        guard viewer.canAdminister else {
            throw StorageError.forbidden("Only the installation administrator applies the retention periods")
        }
    }

    /// Erases and deletes what is past its period on `today` in one transaction recorded in the
    /// audit trail; a dry run only counts and writes nothing.
    public func apply(
        _ periods: RetentionPeriods, today: CalendarDate, dryRun: Bool, viewer: Viewer, by actor: Actor
    ) async throws -> Run {
        try Self.checkAdministers(viewer)
        let work: @Sendable (Database) async throws -> Run = { db in
            let responses = try await Self.dueResponses(periods, today: today, on: db)
            let firstKept = RetentionRule.firstSignInDayKept(today: today, days: periods.signInDays)
            let cutoff = UKTime.startOfDay(firstKept)
            let sessions = SessionModel.query(on: db).filter(\.$expiresAt < cutoff)
            let tokens = APITokenModel.query(on: db).filter(\.$revokedAt != nil).filter(\.$revokedAt < cutoff)
            let run = Run(
                responsesErased: responses.count, sessionsDeleted: try await sessions.count(),
                tokensDeleted: try await tokens.count(), firstSignInDayKept: firstKept)
            guard !dryRun else { return run }
            for r in responses { try await Self.erasePersonalFields(of: r, on: db) }
            try await sessions.delete()
            try await tokens.delete()
            try await AuditLog.record(
                "retention-applied", "data-protection", id: today.iso,
                changes: [
                    "responsesErased": FieldChange(from: nil, to: String(run.responsesErased)),
                    "sessionsDeleted": FieldChange(from: nil, to: String(run.sessionsDeleted)),
                    "tokensDeleted": FieldChange(from: nil, to: String(run.tokensDeleted)),
                    "consultationResponseMonths": FieldChange(
                        from: nil, to: String(periods.consultationResponseMonths)),
                    "signInDays": FieldChange(from: nil, to: String(periods.signInDays)),
                ], by: actor, on: db)
            return run
        }
        return dryRun ? try await work(db) : try await db.write(work)
    }

    /// Responses by members of the public (no account, no organisation) to consultations past
    /// the period, whose personal fields are not yet erased.
    static func dueResponses(_ periods: RetentionPeriods, today: CalendarDate, on db: Database) async throws
        -> [ConsultationResponseModel]
    {
        let consultations = try await ConsultationModel.query(on: db).all()
        let due = try consultations.filter { c in
            guard let closed = CalendarDate(iso: c.closesOn) else { return false }
            return RetentionRule.responseIsDue(
                closedOn: closed, today: today, months: periods.consultationResponseMonths)
        }.map { try $0.requireID() }
        guard !due.isEmpty else { return [] }
        return try await ConsultationResponseModel.query(on: db).filter(\.$consultation.$id ~~ due)
            .filter(\.$respondent.$id == nil).filter(\.$organisation.$id == nil).sort(\.$createdAt).all()
            .filter { !ErasedPerson.isPlaceholder($0.respondentEmail) }
    }

    /// Replaces the respondent's name and email and forgets the resume secret; the answers, which
    /// the consultation's summary relies on, stay.
    static func erasePersonalFields(of r: ConsultationResponseModel, on db: Database) async throws {
        r.respondentName = ErasedPerson.name
        r.respondentEmail = ErasedPerson.email(for: try r.requireID())
        r.resumeTokenHash = nil
        try await r.update(on: db)
    }
}
