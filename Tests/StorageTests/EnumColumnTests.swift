import Demo
import Fluent
import Foundation
import SQLKit
import SocialValue
import TestSupport
import Testing
import Vapor

@testable import Storage

/// The database keeps its own invariants: every column in `EnumColumns.every` refuses a value its
/// enum does not have, on every backend, whatever writes it.
@Suite struct EnumColumnTests {
    static let unknown = "no-such-value"

    @Test(arguments: Backend.all)
    func everyEnumColumnRefusesAnUnknownValueAndAcceptsEveryKnownOne(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            let sql = try await Self.loadRows(app)
            for column in EnumColumns.every {
                guard let id = try await Self.someRow(of: column.table, sql) else {
                    Issue.record("\(column.table) has no row to test \(column) with")
                    continue
                }
                let update = { (value: String) in
                    try await sql.raw(
                        """
                        UPDATE \(ident: column.table) SET \(ident: column.column) = \(bind: value) WHERE id = \(bind: id)
                        """
                    ).run()
                }
                try await Self.expectRefused(column) { try await update(Self.unknown) }
                try await Self.expectRefused(column) {
                    try await Self.insertCopy(of: id, column, value: Self.unknown, sql)
                }
                for value in column.allowed {
                    try await update(value)
                }
            }
            // Nullable columns still accept NULL.
            for column in [EnumColumns.fundingDecision, EnumColumns.noticeCheck, EnumColumns.decisionRecords[1]] {
                let id = try #require(try await Self.someRow(of: column.table, sql))
                try await sql.raw(
                    "UPDATE \(ident: column.table) SET \(ident: column.column) = NULL WHERE id = \(bind: id)"
                ).run()
            }
        }
    }

    @Test(arguments: Backend.all)
    func theMigrationRevertsCleanlyAndReapplies(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            let sql = try await Self.loadRows(app)
            let column = EnumColumns.tenderStatus
            let id = try #require(try await Self.someRow(of: column.table, sql))
            let setStatus = { (value: String) in
                try await sql.raw("UPDATE tenders SET status = \(bind: value) WHERE id = \(bind: id)").run()
            }
            try await ConstrainEnumColumns().revert(on: app.db)
            try await setStatus(Self.unknown)

            // Re-applying over a value nobody knows names it, instead of hiding it.
            await #expect(throws: StorageError.unknownValue(table: "tenders", column: "status", value: Self.unknown)) {
                try await ConstrainEnumColumns().prepare(on: app.db)
            }
            try await setStatus(TenderStatus.draft.rawValue)
            try await ConstrainEnumColumns().prepare(on: app.db)
            try await Self.expectRefused(column) { try await setStatus(Self.unknown) }

            // And the whole history still reverts and re-applies.
            try await app.autoRevert()
            try await app.autoMigrate()
        }
    }

    /// Each column read through a typed model field, and how to read its table.
    static let readers: [(EnumColumn, @Sendable (Database) async throws -> Void)] = [
        (EnumColumns.organisationKind, { _ = try await OrganisationModel.query(on: $0).all() }),
        (EnumColumns.membershipRole, { _ = try await MembershipModel.query(on: $0).all() }),
        (EnumColumns.consultationSubject, { _ = try await ConsultationModel.query(on: $0).all() }),
        (EnumColumns.questionKind, { _ = try await ConsultationQuestionModel.query(on: $0).all() }),
        (EnumColumns.responseStatus, { _ = try await ConsultationResponseModel.query(on: $0).all() }),
        (EnumColumns.frameworkTemplate, { _ = try await FrameworkModel.query(on: $0).all() }),
        (EnumColumns.commentTarget, { _ = try await FrameworkCommentModel.query(on: $0).all() }),
        (EnumColumns.frameworkStatus, { _ = try await FrameworkVersionModel.query(on: $0).all() }),
        (EnumColumns.measureValuation, { _ = try await FrameworkMeasureModel.query(on: $0).all() }),
        (EnumColumns.procurementKind, { _ = try await ProcurementModel.query(on: $0).all() }),
        (EnumColumns.procurementStatus, { _ = try await ProcurementModel.query(on: $0).all() }),
        (EnumColumns.eventKind, { _ = try await EngagementEventModel.query(on: $0).all() }),
        (EnumColumns.tenderStatus, { _ = try await TenderModel.query(on: $0).all() }),
        (EnumColumns.bidStatus, { _ = try await BidModel.query(on: $0).all() }),
        (EnumColumns.reportingFrequency, { _ = try await ContractModel.query(on: $0).all() }),
        (EnumColumns.returnStatus, { _ = try await MonitoringReturnModel.query(on: $0).all() }),
        (EnumColumns.fundingChange, { _ = try await DecommissioningCaseModel.query(on: $0).all() }),
        (EnumColumns.fundingDecision, { _ = try await DecommissioningCaseModel.query(on: $0).all() }),
        (EnumColumns.decommissioningStatus, { _ = try await DecommissioningCaseModel.query(on: $0).all() }),
        (EnumColumns.notificationKind, { _ = try await NotificationModel.query(on: $0).all() }),
        (EnumColumns.decisionRecords[0], { _ = try await DecommissioningDecisionModel.query(on: $0).all() }),
        (EnumColumns.fileTypes[0], { _ = try await ConsultationDocumentModel.query(on: $0).all() }),
        (EnumColumns.fileTypes[1], { _ = try await TenderDocumentModel.query(on: $0).all() }),
        (EnumColumns.fileTypes[2], { _ = try await BidAttachmentModel.query(on: $0).all() }),
        (EnumColumns.fileTypes[3], { _ = try await MonitoringEvidenceModel.query(on: $0).all() }),
    ]

    @Test func everyConstrainedColumnIsReadThroughATypedField() {
        let read = Set(Self.readers.map(\.0.description))
        // notice_check holds `NoticeCheck.code` (its days short are in their own column).
        let untyped: Set<String> = [EnumColumns.noticeCheck.description, EnumColumns.decisionRecords[1].description]
        #expect(Set(EnumColumns.every.map(\.description)).subtracting(read) == untyped)
    }

    /// With the constraints reverted (a database changed by hand, say), reading a row with an unknown
    /// value fails, naming the column and the value, instead of falling back to a default.
    @Test(arguments: Backend.all)
    func readingAnUnknownValueFailsInsteadOfFallingBack(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            let sql = try await Self.loadRows(app)
            try await ConstrainNotificationKinds().revert(on: app.db)
            try await ConstrainEnumColumns().revert(on: app.db)
            for column in EnumColumns.decisionRecords { try await column.dropConstraint(on: sql) }
            for (column, read) in Self.readers {
                let id = try #require(try await Self.someRow(of: column.table, sql))
                let before =
                    try await sql.raw(
                        """
                        SELECT \(ident: column.column) AS value FROM \(ident: column.table) WHERE id = \(bind: id)
                        """
                    ).first()?.decode(column: "value", as: String?.self) ?? nil
                try await read(app.db)
                try await sql.raw(
                    """
                    UPDATE \(ident: column.table) SET \(ident: column.column) = \(bind: Self.unknown) WHERE id = \(bind: id)
                    """
                ).run()
                do {
                    try await read(app.db)
                    Issue.record("\(column): reading “\(Self.unknown)” did not fail")
                } catch {
                    let text = String(reflecting: error)
                    #expect(
                        text.contains(column.column) && text.contains(Self.unknown), "\(column): \(text.prefix(400))")
                }
                try await sql.raw(
                    """
                    UPDATE \(ident: column.table) SET \(ident: column.column) = \(bind: before) WHERE id = \(bind: id)
                    """
                ).run()
                try await read(app.db)
            }

            // The JSON columns that were decoded with `try!` now fail the read of their row instead.
            let tender = try #require(try await TenderModel.query(on: app.db).first())
            let procurement = try #require(try await ProcurementModel.query(on: app.db).first())
            #expect(try StoredJSON(tender.configuration).value == tender.configuration)
            #expect(procurement.details.title == procurement.title)
            let tenderID = try tender.requireID()
            let procurementID = try procurement.requireID()
            try await sql.raw("UPDATE tenders SET configuration = 'not json' WHERE id = \(bind: tenderID)").run()
            try await sql.raw("UPDATE procurements SET details = '{}' WHERE id = \(bind: procurementID)").run()
            await #expect(throws: (any Error).self) { try await TenderModel.find(tender.id, on: app.db) }
            await #expect(throws: (any Error).self) { try await ProcurementModel.find(procurement.id, on: app.db) }
        }
    }

    @Test func theDecoyHashIsWellFormedAndMatchesNothing() throws {
        #expect(try Bcrypt.verify("decoy-password-never-matches", created: Passwords.decoy) == false)
        #expect(try Bcrypt.verify("", created: Passwords.decoyFallback) == false)
        #expect(try Bcrypt.verify("decoy-password-never-matches", created: Passwords.decoyFallback) == false)
    }

    /// The demo area, plus a tender document and a bid attachment, which the demo does not have.
    static func loadRows(_ app: Application) async throws -> SQLDatabase {
        _ = try await DemoArea.load(on: app.db, passwords: testPasswords, password: testPassword)
        let tender = try #require(try await TenderModel.query(on: app.db).first())
        let document = TenderDocumentModel()
        document.$tender.id = try tender.requireID()
        fillFile(document)
        try await document.create(on: app.db)
        let bid = try #require(try await BidModel.query(on: app.db).first())
        let attachment = BidAttachmentModel()
        attachment.$bid.id = try bid.requireID()
        fillFile(attachment)
        try await attachment.create(on: app.db)
        let decommissioning = try #require(try await DecommissioningCaseModel.query(on: app.db).first())
        let decision = DecommissioningDecisionModel()
        decision.$decommissioningCase.id = try decommissioning.requireID()
        decision.number = 1
        decision.decisionValue = .end
        decision.rationale = "The service ends"
        decision.noticeCheck = NoticeCheck.compliant.code
        decision.minimumNoticeMonths = 3
        decision.decidedAt = Date()
        decision.decidedBy = "test"
        try await decision.create(on: app.db)
        return try #require(app.db as? SQLDatabase)
    }

    static func fillFile(_ record: some StoredFileRecord) {
        record.title = "Notes"
        record.filename = "notes.txt"
        record.fileType = .txt
        record.contentType = DocumentType.txt.contentType
        record.sizeBytes = 5
        record.sha256 = String(repeating: "0", count: 64)
        record.data = Data("notes".utf8)
        record.uploadedBy = "test"
    }

    /// A row of the table; for memberships, one whose person holds no other role in that
    /// organisation, so that giving it every role in turn breaks no uniqueness rule.
    static func someRow(of table: String, _ sql: SQLDatabase) async throws -> UUID? {
        let row: (any SQLRow)?
        if table == MembershipModel.schema {
            row = try await sql.raw(
                """
                SELECT id FROM memberships m WHERE (SELECT count(*) FROM memberships n
                WHERE n.user_id = m.user_id AND n.organisation_id = m.organisation_id) = 1 LIMIT 1
                """
            ).first()
        } else {
            row = try await sql.raw("SELECT id FROM \(ident: table) LIMIT 1").first()
        }
        return try row?.decode(column: "id", as: UUID.self)
    }

    /// Inserts a copy of the row with `value` in the column. The copy keeps the row's id, but the
    /// enum check comes before the primary key's on both backends, so an unknown value is refused
    /// for what it is.
    static func insertCopy(of id: UUID, _ column: EnumColumn, value: String, _ sql: SQLDatabase) async throws {
        let names: [String]
        if sql.dialect.name == "sqlite" {
            names = try await sql.raw("SELECT name FROM pragma_table_info(\(bind: column.table))").all()
                .map { try $0.decode(column: "name", as: String.self) }
        } else {
            names = try await sql.raw(
                """
                SELECT column_name AS name FROM information_schema.columns
                WHERE table_name = \(bind: column.table) ORDER BY ordinal_position
                """
            ).all().map { try $0.decode(column: "name", as: String.self) }
        }
        let quoted = names.map { "\"\($0)\"" }
        let values = names.map { $0 == column.column ? "'\(value)'" : "\"\($0)\"" }
        try await sql.raw(
            """
            INSERT INTO \(ident: column.table) (\(unsafeRaw: quoted.joined(separator: ", ")))
            SELECT \(unsafeRaw: values.joined(separator: ", ")) FROM \(ident: column.table) WHERE id = \(bind: id)
            """
        ).run()
    }

    /// Expects the write to fail because of this column's constraint, not something else.
    static func expectRefused(
        _ column: EnumColumn, sourceLocation: SourceLocation = #_sourceLocation,
        _ write: () async throws -> Void
    ) async throws {
        do {
            try await write()
            Issue.record("\(column) accepted “\(unknown)”", sourceLocation: sourceLocation)
        } catch {
            let text = String(reflecting: error)
            #expect(
                text.contains(column.constraintName) || text.contains("\(column) must be one of"),
                "\(column): \(text.prefix(300))", sourceLocation: sourceLocation)
        }
    }
}
