import Foundation
import SocialValue
import Storage
import Vapor

/// JSON shapes of the consultations API (described in openapi.json).
struct ConsultationSummaryJSON: Content {
    var id: UUID
    var title: String
    var status: String
    var ownerId: UUID
    var ownerName: String
    var compactId: UUID
    var compactName: String
    var subject: String
    var subjectReference: String?
    var frameworkVersionId: UUID?
    var procurementId: UUID?
    var audience: [String]
    var opensOn: String
    var closesOn: String
    var opensAt: String
    var closesAt: String
    var periodDays: Int
    var minimumDays: Int
    var meetsMinimum: Bool
    var shortPeriodReason: String?
    var noticeOn: String?
    var noticeDays: Int

    init(_ c: ConsultationModel, phase: ConsultationPhase) {
        id = c.id!
        title = c.title
        status = phase.rawValue
        ownerId = c.$owner.id
        ownerName = c.owner.name
        compactId = c.$compact.id
        compactName = c.compact.name
        subject = c.subject
        subjectReference = c.subjectReference
        frameworkVersionId = c.linkedFrameworkVersionID
        procurementId = c.linkedProcurementID
        audience = c.audience.codes
        opensOn = c.opensOn
        closesOn = c.closesOn
        opensAt = UKTime.isoUTC(c.period.opensAt)
        closesAt = UKTime.isoUTC(c.period.closesAt)
        periodDays = c.periodDays
        minimumDays = c.minimumDays
        meetsMinimum = c.meetsMinimum
        shortPeriodReason = c.shortPeriodReason
        noticeOn = c.noticeOn
        noticeDays = c.noticeDays
    }
}

struct QuestionJSON: Content {
    var id: UUID
    var number: Int
    var text: String
    var hint: String?
    var kind: String
    var required: Bool
    var options: [String]

    init(_ m: ConsultationQuestionModel, number: Int) {
        let q = m.question
        id = m.id!
        self.number = number
        text = q.text
        hint = q.hint
        kind = q.kind.rawValue
        required = q.required
        options = q.options
    }
}

struct DocumentJSON: Content {
    var id: UUID
    var title: String
    var filename: String
    var type: String
    var contentType: String
    var sizeBytes: Int
    var sha256: String
    var url: String
}

/// One version of a published summary: 1 as published, then each amendment with its reason.
struct OutcomeVersionJSON: Content {
    var version: Int
    var youSaid: String
    var weDid: String
    var links: [OutcomeLink]
    var reason: String?
    var author: String
    var at: String

    init(_ v: ConsultationOutcomeVersionModel) {
        let o = v.outcome
        version = v.version
        youSaid = o.youSaid
        weDid = o.weDid
        links = o.links
        reason = v.reason
        author = v.author
        at = UKTime.isoUTC(v.at)
    }
}

/// The summary in force (the latest version once published), its version number and every
/// version, the first included.
struct OutcomeJSON: Content {
    var youSaid: String
    var weDid: String
    var links: [OutcomeLink]
    var published: Bool
    var publishedAt: String?
    var version: Int?
    var versions: [OutcomeVersionJSON]

    init(_ m: ConsultationOutcomeModel, versions: [ConsultationOutcomeVersionModel]) {
        let o = m.outcome
        youSaid = o.youSaid
        weDid = o.weDid
        links = o.links
        published = m.publishedAt != nil
        publishedAt = m.publishedAt.map(UKTime.isoUTC)
        version = versions.last?.version
        self.versions = versions.map(OutcomeVersionJSON.init)
    }
}

extension OutcomeLink: Content {}

/// One consultation in full: the summary's fields, then its text, questions, documents,
/// invitations, response count and outcome, in one flat object.
struct ConsultationJSON: Content {
    var base: ConsultationSummaryJSON
    var summary: String
    var publishedAt: String?
    var questions: [QuestionJSON]
    var documents: [DocumentJSON]
    var invitedOrganisations: [String]
    /// Owners always; everyone else once it has closed.
    var responseCount: Int?
    /// Published outcomes; an unpublished one to the owner only.
    var outcome: OutcomeJSON?

    enum CodingKeys: String, CodingKey {
        case summary, publishedAt, questions, documents, invitedOrganisations, responseCount, outcome
    }

    init(
        _ base: ConsultationSummaryJSON, _ c: ConsultationModel, questions: [QuestionJSON], documents: [DocumentJSON],
        invitedOrganisations: [String], responseCount: Int?, outcome: OutcomeJSON?
    ) {
        self.base = base
        summary = c.summary
        publishedAt = c.publishedAt.map(UKTime.isoUTC)
        self.questions = questions
        self.documents = documents
        self.invitedOrganisations = invitedOrganisations
        self.responseCount = responseCount
        self.outcome = outcome
    }

    // The summary's keys and these share one JSON object, as a subclass shares its encoder.
    func encode(to encoder: Encoder) throws {
        try base.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(summary, forKey: .summary)
        try c.encodeIfPresent(publishedAt, forKey: .publishedAt)
        try c.encode(questions, forKey: .questions)
        try c.encode(documents, forKey: .documents)
        try c.encode(invitedOrganisations, forKey: .invitedOrganisations)
        try c.encode(responseCount, forKey: .responseCount)
        try c.encode(outcome, forKey: .outcome)
    }

    init(from decoder: Decoder) throws {
        base = try ConsultationSummaryJSON(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        summary = try c.decode(String.self, forKey: .summary)
        publishedAt = try c.decodeIfPresent(String.self, forKey: .publishedAt)
        questions = try c.decode([QuestionJSON].self, forKey: .questions)
        documents = try c.decode([DocumentJSON].self, forKey: .documents)
        invitedOrganisations = try c.decode([String].self, forKey: .invitedOrganisations)
        responseCount = try c.decodeIfPresent(Int.self, forKey: .responseCount)
        outcome = try c.decodeIfPresent(OutcomeJSON.self, forKey: .outcome)
    }
}

struct ConsultationResponseJSON: Content {
    var id: UUID
    var consultationId: UUID
    var consultationTitle: String
    var respondingAs: String
    var organisationId: UUID?
    var organisationName: String?
    var respondentName: String
    var respondentEmail: String
    var status: String
    var submittedAt: String?
    /// Every question's, in order, as `ConsultationResponseInput` has them.
    var answers: [ConsultationResponseInput.AnswerInput]
}

struct ComplianceRowJSON: Content {
    struct Shorter: Content {
        var id: UUID
        var title: String
        var periodDays: Int
        var minimumDays: Int
        var reason: String?
    }

    var ownerId: UUID
    var ownerName: String
    var compactId: UUID
    var compactName: String
    var run: Int
    var meetingMinimum: Int
    var percentMeetingMinimum: Int?
    var medianNoticeWeeks: Decimal?
    var shorter: [Shorter]

    init(_ r: ConsultationStore.ComplianceRow) {
        let f = r.figures
        ownerId = r.owner.id!
        ownerName = r.owner.name
        compactId = r.compact.id!
        compactName = r.compact.name
        run = f.run
        meetingMinimum = f.meetingMinimum
        percentMeetingMinimum = f.percentMeetingMinimum
        medianNoticeWeeks = f.medianNoticeTenthsOfWeek.map { Decimal($0) / 10 }
        shorter = f.shorter.map {
            Shorter(
                id: $0.id, title: $0.title, periodDays: $0.period.days, minimumDays: $0.minimumDays,
                reason: $0.shortPeriodReason)
        }
    }
}

struct ComplianceJSON: Content {
    var items: [ComplianceRowJSON]
}

struct NotificationJSON: Content {
    var id: UUID
    var kind: String
    var text: String
    var link: String
    var createdAt: String
    var readAt: String?
    /// What it asked for has happened (the page's "Done" tag); done ones are never unread.
    var done: Bool
    /// When it was marked done; omitted while it is not.
    var doneAt: String?

    init(_ n: NotificationModel) {
        id = n.id!
        kind = n.kind.rawValue
        text = n.text
        link = n.link
        createdAt = UKTime.isoUTC(n.createdAt)
        readAt = n.readAt.map(UKTime.isoUTC)
        done = n.doneAt != nil
        doneAt = n.doneAt.map(UKTime.isoUTC)
    }
}

struct NotificationListJSON: Content {
    var items: [NotificationJSON]
    var page: Int
    var pageSize: Int
    var total: Int
    var unread: Int
}
