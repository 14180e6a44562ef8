import Fluent
import SQLKit
import SocialValue

/// A column that stores the raw value of a Swift enum, and the values the database accepts in it.
struct EnumColumn: Sendable, CustomStringConvertible {
    let table: String
    let column: String
    let allowed: [String]

    init(_ table: String, _ column: String, _ allowed: [String]) {
        self.table = table
        self.column = column
        self.allowed = allowed
    }

    init<E: CaseIterable & RawRepresentable>(_ table: String, _ column: String, _ type: E.Type)
    where E.RawValue == String {
        self.init(table, column, type.allCases.map(\.rawValue))
    }

    var description: String { "\(table).\(column)" }

    /// The CHECK constraint's name on PostgreSQL; the SQLite triggers add `_insert` and `_update`.
    var constraintName: String { "\(table)_\(column)_check" }

    /// The error for a value outside `allowed`, read from or found in this column.
    func unknown(_ value: String) -> StorageError {
        .unknownValue(table: table, column: column, value: value)
    }

    /// The raw value as `E`, or the storage error naming the table, column and value.
    func decode<E: RawRepresentable>(_ raw: String, as type: E.Type = E.self) throws -> E where E.RawValue == String {
        guard let value = E(rawValue: raw) else { throw unknown(raw) }
        return value
    }
}

/// Every column that stores an enum's raw value, with the values it may hold: the one list the
/// migration below, the model accessors and the tests read. Nullable columns (a case's decision and
/// notice check) accept NULL as well. The lists come from the enums, so they cannot drift apart in
/// a new database; when an enum gains a case, append a migration that drops and re-adds that
/// column's constraint (`dropConstraint`, then `addConstraint`), as shipped migrations are never edited.
enum EnumColumns {
    static let organisationKind = EnumColumn(OrganisationModel.schema, "kind", OrganisationKind.self)
    static let membershipRole = EnumColumn(MembershipModel.schema, "role", MembershipRole.self)
    static let consultationSubject = EnumColumn(ConsultationModel.schema, "subject", ConsultationSubject.self)
    static let questionKind = EnumColumn(ConsultationQuestionModel.schema, "kind", QuestionKind.self)
    static let responseStatus = EnumColumn(ConsultationResponseModel.schema, "status", ConsultationResponseStatus.self)
    static let frameworkTemplate = EnumColumn(FrameworkModel.schema, "template", FrameworkOrigin.self)
    static let frameworkStatus = EnumColumn(FrameworkVersionModel.schema, "status", FrameworkStatus.self)
    static let measureValuation = EnumColumn(FrameworkMeasureModel.schema, "valuation", MeasureValuation.self)
    static let commentTarget = EnumColumn(FrameworkCommentModel.schema, "target_kind", CommentTarget.self)
    static let procurementKind = EnumColumn(ProcurementModel.schema, "kind", ContractKind.self)
    static let procurementStatus = EnumColumn(ProcurementModel.schema, "status", ProcurementStatus.self)
    static let eventKind = EnumColumn(EngagementEventModel.schema, "kind", ProcurementStore.EventKind.self)
    static let tenderStatus = EnumColumn(TenderModel.schema, "status", TenderStatus.self)
    static let bidStatus = EnumColumn(BidModel.schema, "status", BidStatus.self)
    static let reportingFrequency = EnumColumn(ContractModel.schema, "reporting_frequency", MonitoringFrequency.self)
    static let returnStatus = EnumColumn(MonitoringReturnModel.schema, "status", ReturnStatus.self)
    static let fundingChange = EnumColumn(DecommissioningCaseModel.schema, "change", FundingChange.self)
    static let fundingDecision = EnumColumn(DecommissioningCaseModel.schema, "decision", FundingDecision.self)
    static let noticeCheck = EnumColumn(
        DecommissioningCaseModel.schema, "notice_check",
        [NoticeCheck.compliant, .breach(daysShort: 0), .shortWithReason(daysShort: 0)].map(\.code))
    static let decommissioningStatus = EnumColumn(DecommissioningCaseModel.schema, "status", DecommissioningStatus.self)
    static let fileTypes = [
        ConsultationDocumentModel.schema, TenderDocumentModel.schema, BidAttachmentModel.schema,
        MonitoringEvidenceModel.schema,
    ].map { EnumColumn($0, "file_type", DocumentType.self) }

    static let all: [EnumColumn] =
        [
            organisationKind, membershipRole, consultationSubject, questionKind, responseStatus, frameworkTemplate,
            frameworkStatus, measureValuation, commentTarget, procurementKind, procurementStatus, eventKind,
            tenderStatus,
            bidStatus, reportingFrequency, returnStatus, fundingChange, fundingDecision, noticeCheck,
            decommissioningStatus,
        ] + fileTypes

    /// Constrained by `ConstrainNotificationKinds`, which came later.
    static let notificationKind = EnumColumn(NotificationModel.schema, "kind", NotificationKind.self)

    /// Constrained by `CreateDecommissioningDecisions`, which made the table.
    static let decisionRecords = [
        EnumColumn(DecommissioningDecisionModel.schema, "decision", FundingDecision.self),
        EnumColumn(DecommissioningDecisionModel.schema, "notice_check", noticeCheck.allowed),
    ]

    /// Every constrained column, whichever migration added its constraint.
    static let every: [EnumColumn] = all + [notificationKind] + decisionRecords
}

extension EnumColumn {
    /// Throws the storage error naming the first value in the column that is not allowed, if any.
    func checkValues(on sql: SQLDatabase) async throws {
        if let row = try await sql.raw(
            """
            SELECT \(ident: column) AS value FROM \(ident: table) WHERE \(ident: column) NOT IN (\(unsafeRaw: literals)) LIMIT 1
            """
        ).first() {
            throw unknown(try row.decode(column: "value", as: String.self))
        }
    }

    /// Makes the database refuse any other value in the column: a CHECK constraint on PostgreSQL,
    /// triggers on INSERT and UPDATE on SQLite (which cannot add a CHECK to an existing table).
    func addConstraint(on sql: SQLDatabase) async throws {
        if sql.dialect.name == "sqlite" {
            let message = Self.literal("\(table).\(column) must be one of: \(allowed.joined(separator: ", "))")
            for (suffix, event) in [("insert", "INSERT"), ("update", "UPDATE OF \"\(column)\"")] {
                try await sql.raw(
                    """
                    CREATE TRIGGER \(ident: constraintName + "_" + suffix) BEFORE \(unsafeRaw: event) ON \(ident: table)
                    WHEN NEW.\(ident: column) NOT IN (\(unsafeRaw: literals))
                    BEGIN SELECT RAISE(ABORT, \(unsafeRaw: message)); END
                    """
                ).run()
            }
        } else {
            try await sql.raw(
                """
                ALTER TABLE \(ident: table) ADD CONSTRAINT \(ident: constraintName)
                CHECK (\(ident: column) IN (\(unsafeRaw: literals)))
                """
            ).run()
        }
    }

    func dropConstraint(on sql: SQLDatabase) async throws {
        if sql.dialect.name == "sqlite" {
            for suffix in ["insert", "update"] {
                try await sql.raw("DROP TRIGGER IF EXISTS \(ident: constraintName + "_" + suffix)").run()
            }
        } else {
            try await sql.raw("ALTER TABLE \(ident: table) DROP CONSTRAINT IF EXISTS \(ident: constraintName)").run()
        }
    }

    /// The allowed values as SQL string literals, comma-separated.
    private var literals: String { allowed.map(Self.literal).joined(separator: ", ") }

    private static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}

/// Constrains every column in `EnumColumns.all` (the columns known when it shipped) to its enum's values, so a bug or a hand-written
/// UPDATE cannot store a status or kind the product does not know. A row that already holds an
/// unknown value stops it before it changes anything, on both backends, naming the value.
struct ConstrainEnumColumns: AsyncMigration {
    func prepare(on db: Database) async throws {
        guard let sql = db as? SQLDatabase else { return }
        for column in EnumColumns.all { try await column.checkValues(on: sql) }
        for column in EnumColumns.all { try await column.addConstraint(on: sql) }
    }

    func revert(on db: Database) async throws {
        guard let sql = db as? SQLDatabase else { return }
        for column in EnumColumns.all.reversed() { try await column.dropConstraint(on: sql) }
    }
}
