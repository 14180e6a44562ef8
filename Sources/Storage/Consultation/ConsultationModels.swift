import Fluent
import Foundation
import SocialValue

/// A consultation under a local Compact, owned by a public body.
///
/// Only `isPublished` is stored of its status: forthcoming, open and closed are worked out from
/// the dates (`phase(at:)`), so the stored state can never disagree with the calendar.
public final class ConsultationModel: Model, @unchecked Sendable {
    public static let schema = "consultations"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "owner_id") public var owner: OrganisationModel
    @Parent(key: "compact_id") public var compact: CompactModel
    @Field(key: "title") public var title: String
    @Field(key: "summary") public var summary: String
    @Field(key: "subject") public var subjectKind: ConsultationSubject
    /// Free text naming the policy, programme, service, strategy, framework version,
    /// procurement or decommissioning case ("Dial-a-ride contract 2023/14").
    @OptionalField(key: "subject_reference") public var subjectReference: String?
    /// Reserved for the record the consultation is about once the framework, procurement and
    /// decommissioning features exist (their IDs are UUIDs). Always nil for now.
    @OptionalField(key: "linked_record_id") public var linkedRecordID: UUID?
    @Field(key: "audience_vcs") public var audienceVCS: Bool
    @Field(key: "audience_suppliers") public var audienceSuppliers: Bool
    @Field(key: "audience_public") public var audiencePublic: Bool
    @Field(key: "opens_on") public var opensOn: String
    @Field(key: "closes_on") public var closesOn: String
    /// `closes_on − opens_on` in days: derived from the two dates, kept for filtering.
    @Field(key: "period_days") public var periodDays: Int
    /// The Compact's minimum period: its current setting while a draft, fixed at publication.
    @Field(key: "minimum_days") public var minimumDays: Int
    @OptionalField(key: "short_period_reason") public var shortPeriodReason: String?
    @Field(key: "is_published") public var isPublished: Bool
    @OptionalField(key: "published_at") public var publishedAt: Date?
    /// The early-notice date: the day it was published, if before the opening date.
    @OptionalField(key: "notice_on") public var noticeOn: String?
    @Field(key: "created_by") public var createdBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public var period: ConsultationPeriod {
        ConsultationPeriod(opensOn: CalendarDate(iso: opensOn)!, closesOn: CalendarDate(iso: closesOn)!)
    }

    public var audience: ConsultationAudience {
        ConsultationAudience(vcs: audienceVCS, suppliers: audienceSuppliers, publicAtLarge: audiencePublic)
    }

    public var subject: String { subjectKind.rawValue }

    public var details: ConsultationDetails {
        ConsultationDetails(
            title: title, summary: summary, subject: subjectKind, subjectReference: subjectReference,
            audience: audience, period: period, shortPeriodReason: shortPeriodReason,
            frameworkVersionID: linkedFrameworkVersionID, procurementID: linkedProcurementID)
    }

    public var input: ConsultationInput {
        ConsultationInput(
            title: title, summary: summary, subject: subject, subjectReference: subjectReference,
            audience: audience.codes, opensOn: opensOn, closesOn: closesOn, shortPeriodReason: shortPeriodReason,
            frameworkVersionId: linkedFrameworkVersionID, procurementId: linkedProcurementID)
    }

    public var noticeDate: CalendarDate? { noticeOn.flatMap(CalendarDate.init(iso:)) }
    public var noticeDays: Int { ConsultationRules.noticeDays(noticeOn: noticeDate, opensOn: period.opensOn) }
    public var meetsMinimum: Bool { periodDays >= minimumDays }

    /// The phase at `now`; `summaryPublished` says whether its outcome is out.
    public func phase(at now: Date, summaryPublished: Bool) -> ConsultationPhase {
        ConsultationRules.phase(published: isPublished, period: period, summaryPublished: summaryPublished, at: now)
    }

    public var record: ConsultationRecord {
        ConsultationRecord(
            id: id!, title: title, period: period, minimumDays: minimumDays, noticeOn: noticeDate,
            shortPeriodReason: shortPeriodReason)
    }

    func apply(_ d: ConsultationDetails) {
        title = d.title
        summary = d.summary
        subjectKind = d.subject
        subjectReference = d.subjectReference
        audienceVCS = d.audience.vcs
        audienceSuppliers = d.audience.suppliers
        audiencePublic = d.audience.publicAtLarge
        opensOn = d.period.opensOn.iso
        closesOn = d.period.closesOn.iso
        periodDays = d.period.days
        shortPeriodReason = d.shortPeriodReason
        linkedRecordID = d.linkedRecordID
    }

    /// The linked record, read by the subject it belongs to.
    public var linkedFrameworkVersionID: UUID? { subjectKind == .frameworkVersion ? linkedRecordID : nil }
    public var linkedProcurementID: UUID? { subjectKind == .procurement ? linkedRecordID : nil }

    var auditFields: [String: String?] {
        [
            "title": title, "summary": summary, "subject": subject, "subjectReference": subjectReference,
            "audience": audience.codes.joined(separator: ","), "opensOn": opensOn, "closesOn": closesOn,
            "minimumDays": String(minimumDays), "shortPeriodReason": shortPeriodReason,
            "published": String(isPublished), "noticeOn": noticeOn, "linkedRecord": linkedRecordID?.uuidString,
        ]
    }
}

public final class ConsultationQuestionModel: Model, @unchecked Sendable {
    public static let schema = "consultation_questions"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "consultation_id") public var consultation: ConsultationModel
    @Field(key: "ordinal") public var ordinal: Int
    @Field(key: "kind") public var questionKind: QuestionKind
    @Field(key: "text") public var text: String
    @OptionalField(key: "hint") public var hint: String?
    @Field(key: "required") public var required: Bool
    /// JSON array of strings: the choices, or the words for each end of a scale.
    @Field(key: "options") public var optionsJSON: String

    public init() {}

    public var kind: String { questionKind.rawValue }

    public var question: Question {
        let options = (try? JSONDecoder().decode([String].self, from: Data(optionsJSON.utf8))) ?? []
        return Question(text: text, hint: hint, kind: questionKind, required: required, options: options)
    }

    func apply(_ q: Question) {
        questionKind = q.kind
        text = q.text
        hint = q.hint
        required = q.required
        optionsJSON = String(decoding: (try? JSONEncoder().encode(q.options)) ?? Data("[]".utf8), as: UTF8.self)
    }

    var auditFields: [String: String?] {
        [
            "ordinal": String(ordinal), "kind": kind, "text": text, "hint": hint, "required": String(required),
            "options": optionsJSON,
        ]
    }
}

/// A document published with a consultation. The file's bytes live in the database, so
/// SQLite and PostgreSQL behave the same and a backup of the database is a backup of
/// everything. Lists select the metadata only (`ConsultationDocument`), never the bytes.
public final class ConsultationDocumentModel: Model, @unchecked Sendable {
    public static let schema = "consultation_documents"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "consultation_id") public var consultation: ConsultationModel
    @Field(key: "title") public var title: String
    @Field(key: "filename") public var filename: String
    @Field(key: "file_type") public var fileType: DocumentType
    @Field(key: "content_type") public var contentType: String
    @Field(key: "size_bytes") public var sizeBytes: Int
    @Field(key: "sha256") public var sha256: String
    @Field(key: "data") public var data: Data
    @Field(key: "uploaded_by") public var uploadedBy: String
    @Timestamp(key: "uploaded_at", on: .create) public var uploadedAt: Date?

    public init() {}
}

/// A document's details without its bytes.
public struct ConsultationDocument: Sendable, Equatable {
    public let id: UUID
    public let title: String
    public let filename: String
    public let type: DocumentType
    public let contentType: String
    public let sizeBytes: Int
    public let sha256: String
    public let uploadedAt: Date?
}

public final class ConsultationResponseModel: Model, @unchecked Sendable {
    public static let schema = "consultation_responses"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "consultation_id") public var consultation: ConsultationModel
    /// The signed-in person who wrote it; nil for a member of the public without an account.
    @OptionalParent(key: "respondent_user_id") public var respondent: UserModel?
    /// The organisation it speaks for; nil when the person responds as themselves.
    @OptionalParent(key: "organisation_id") public var organisation: OrganisationModel?
    /// One response per person (`user:<id>`), per organisation (`organisation:<id>`), or per
    /// anonymous draft (`public:<id>`) in each consultation: unique in the database.
    @Field(key: "capacity_key") public var capacityKey: String
    @Field(key: "respondent_name") public var respondentName: String
    @Field(key: "respondent_email") public var respondentEmail: String
    /// Decoding a row fails on a status the product does not know (no silent default).
    @Field(key: "status") public var responseStatus: ConsultationResponseStatus
    /// SHA-256 of the secret that lets a member of the public return to a draft.
    @OptionalField(key: "resume_token_hash") public var resumeTokenHash: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    @OptionalField(key: "submitted_at") public var submittedAt: Date?

    public init() {}

    public var status: String { responseStatus.rawValue }
    public var isSubmitted: Bool { responseStatus == .submitted }
    public var respondingAs: RespondingAs { $organisation.id.map(RespondingAs.organisation) ?? .individual }
}

/// What `ConsultationResponseModel.status` holds.
public enum ConsultationResponseStatus: String, Codable, Sendable, CaseIterable {
    case draft
    case submitted
}

public final class ConsultationAnswerModel: Model, @unchecked Sendable {
    public static let schema = "consultation_answers"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "response_id") public var response: ConsultationResponseModel
    @Parent(key: "question_id") public var question: ConsultationQuestionModel
    @Field(key: "value") public var value: String

    public init() {}
}

/// An organisation invited to respond (the Compact's VCS organisations, at publication).
public final class ConsultationInvitationModel: Model, @unchecked Sendable {
    public static let schema = "consultation_invitations"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "consultation_id") public var consultation: ConsultationModel
    @Parent(key: "organisation_id") public var organisation: OrganisationModel
    @Field(key: "invited_at") public var invitedAt: Date

    public init() {}
}

/// The "you said, we did" summary of a closed consultation.
public final class ConsultationOutcomeModel: Model, @unchecked Sendable {
    public static let schema = "consultation_outcomes"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "consultation_id") public var consultation: ConsultationModel
    @Field(key: "you_said") public var youSaid: String
    @Field(key: "we_did") public var weDid: String
    /// JSON array of `OutcomeLink`.
    @Field(key: "links") public var linksJSON: String
    @OptionalField(key: "published_at") public var publishedAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public var outcome: Outcome {
        let links = (try? JSONDecoder().decode([OutcomeLink].self, from: Data(linksJSON.utf8))) ?? []
        return Outcome(youSaid: youSaid, weDid: weDid, links: links)
    }

    func apply(_ o: Outcome) {
        youSaid = o.youSaid
        weDid = o.weDid
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        linksJSON = String(decoding: (try? encoder.encode(o.links)) ?? Data("[]".utf8), as: UTF8.self)
    }

    var auditFields: [String: String?] {
        ["youSaid": youSaid, "weDid": weDid, "links": linksJSON, "published": String(publishedAt != nil)]
    }
}

/// Something new for a user: an invitation, a published outcome.
public final class NotificationModel: Model, @unchecked Sendable {
    public static let schema = "notifications"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: UserModel
    @Field(key: "kind") public var kind: NotificationKind
    @Field(key: "text") public var text: String
    @Field(key: "link") public var link: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "read_at") public var readAt: Date?
    /// When what it asked for was done (the return verified, the scores submitted): shown as
    /// done, not new (added by `WidenNotificationKinds`).
    @OptionalField(key: "done_at") public var doneAt: Date?

    public init() {}
}
