import Fluent
import Foundation
import SocialValue

/// One published version of a decided case's public summary (docs/decommissioning.md, "The
/// public record"): a snapshot of what the public may know, written once and never changed.
/// Publishing again makes the next version beside it. No personal data: names of organisations
/// only, and the publisher's account id, which is never shown.
public final class DecommissioningPublicationModel: Model, @unchecked Sendable {
    public static let schema = "decommissioning_publications"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "case_id") public var decommissioningCase: DecommissioningCaseModel
    @Field(key: "version") public var version: Int
    @Field(key: "service_name") public var serviceName: String
    @Field(key: "provider_name") public var providerName: String
    @Field(key: "public_body_id") public var publicBodyID: UUID
    @Field(key: "public_body_name") public var publicBodyName: String
    /// Decoding a row fails on a value the product does not know (no silent default).
    @Field(key: "decision") public var decisionValue: FundingDecision
    @OptionalField(key: "current_funding_pence") public var currentFundingPence: Int64?
    @OptionalField(key: "proposed_funding_pence") public var proposedFundingPence: Int64?
    /// The commissioner's public rationale.
    @Field(key: "rationale") public var rationale: String
    /// The three impacts (beneficiaries, service users, volunteers) were assessed before the decision.
    @Field(key: "impacts_assessed") public var impactsAssessed: Bool
    /// The provider's response was recorded before the decision, so it could be considered.
    @Field(key: "response_considered") public var responseConsidered: Bool
    @OptionalField(key: "notice_given_on") public var noticeGivenOn: String?
    @OptionalField(key: "effective_on") public var effectiveOn: String?
    @OptionalField(key: "earliest_end_on") public var earliestEndOn: String?
    @Field(key: "minimum_notice_months") public var minimumNoticeMonths: Int
    /// `NoticeCheck.code` for end and reduce decisions.
    @OptionalField(key: "notice_check") public var noticeCheck: String?
    @OptionalField(key: "days_short") public var daysShort: Int?
    @OptionalField(key: "exceptional_reason") public var exceptionalReason: String?
    /// The UK date the decision in force was recorded.
    @OptionalField(key: "decided_on") public var decidedOn: String?
    @Field(key: "published_at") public var publishedAt: Date
    /// The publisher's account id, for the record; never shown publicly.
    @OptionalField(key: "published_by") public var publishedBy: UUID?
    /// Why this version was published again; nil for version 1.
    @OptionalField(key: "reason") public var reason: String?

    public init() {}

    public var caseID: UUID { $decommissioningCase.id }

    /// The stored notice check; a stored code the product does not know is reported.
    public var notice: NoticeCheck? {
        get throws {
            guard let code = noticeCheck else { return nil }
            guard let check = NoticeCheck(code: code, daysShort: daysShort ?? 0) else {
                throw EnumColumns.noticeCheck.unknown(code)
            }
            return check
        }
    }

    /// What is published, for the audit trail.
    var auditFields: [String: String?] {
        [
            "case": caseID.uuidString, "version": String(version), "serviceName": serviceName,
            "provider": providerName, "publicBody": publicBodyName, "decision": decisionValue.rawValue,
            "currentFundingPence": currentFundingPence.map(String.init),
            "proposedFundingPence": proposedFundingPence.map(String.init), "rationale": rationale,
            "impactsAssessed": String(impactsAssessed), "responseConsidered": String(responseConsidered),
            "noticeGivenOn": noticeGivenOn, "effectiveOn": effectiveOn, "earliestEndOn": earliestEndOn,
            "minimumNoticeMonths": String(minimumNoticeMonths), "noticeCheck": noticeCheck,
            "daysShort": daysShort.map(String.init), "exceptionalReason": exceptionalReason, "reason": reason,
        ]
    }
}

extension DecommissioningStore {
    /// What the public list can ask for.
    public struct PublicSearch: Sendable, Equatable {
        public var text: String?
        public var body: UUID?
        public var decision: FundingDecision?
        public var notice: Search.Notice?
        public var page: Int?
        public var pageSize: Int

        public init(
            text: String? = nil, body: UUID? = nil, decision: FundingDecision? = nil, notice: Search.Notice? = nil,
            page: Int? = nil, pageSize: Int = 20
        ) {
            self.text = text
            self.body = body
            self.decision = decision
            self.notice = notice
            self.page = page
            self.pageSize = pageSize
        }
    }

    /// Publishes the public summary of a decided case, for the owning body's commissioners
    /// (others who may see the case: forbidden; anyone else: not found). A snapshot of the case
    /// and its decision in force, with the commissioner's public rationale, becomes the next
    /// version; an earlier version is never changed. Audited, in one transaction.
    public func publish(
        _ id: UUID, _ input: PublicSummaryInput, viewer: Viewer, by actor: Actor, now: Date = Date()
    ) async throws -> DecommissioningPublicationModel {
        let published = try await db.write { tx -> UUID in
            let c = try await Self.managed(id, viewer, on: tx)
            let previous = try await DecommissioningPublicationModel.query(on: tx)
                .filter(\.$decommissioningCase.$id == id).sort(\.$version, .descending).first()
            let version = (previous?.version ?? 0) + 1
            let text = try Decommissioning.validatePublication(input, status: c.statusValue, version: version)
            guard let decision = c.decisionValue else {
                throw ValidationFailure("status", "Only a decided case can be published: record the decision first")
            }
            let p = DecommissioningPublicationModel()
            p.$decommissioningCase.id = id
            p.version = version
            p.serviceName = c.serviceName
            p.providerName = c.provider.name
            p.publicBodyID = c.$owner.id
            p.publicBodyName = c.owner.name
            p.decisionValue = decision
            p.currentFundingPence = decision.changesFunding ? c.currentFundingPence : nil
            p.proposedFundingPence = decision == .reduce ? c.proposedFundingPence : nil
            p.rationale = text.rationale
            // Impacts and the response are recorded only while the case is assessed, so what the
            // case holds now is what it held when it was decided.
            p.impactsAssessed = c.facts(discussions: 0).assessmentComplete
            p.responseConsidered = c.responseRecorded
            p.noticeGivenOn = c.noticeGivenOn
            p.effectiveOn = c.effectiveOn
            p.earliestEndOn = c.earliestEndOn
            p.minimumNoticeMonths = c.minimumNoticeMonths
            p.noticeCheck = c.noticeCheck
            p.daysShort = c.daysShort
            p.exceptionalReason = c.exceptionalReason
            p.decidedOn = c.decidedAt.map { UKTime.date(at: $0).iso }
            p.publishedAt = now
            p.publishedBy = actor.userID ?? viewer.userID
            p.reason = text.reason
            try await p.create(on: tx)
            try await AuditLog.record(
                version == 1 ? "published" : "published again", "decommissioning public summary",
                id: p.requireID().uuidString, changes: AuditLog.diff(nil, p.auditFields), by: actor, on: tx, at: now)
            return try p.requireID()
        }
        guard let p = try await DecommissioningPublicationModel.find(published, on: db) else { throw Self.notFound }
        return p
    }

    /// Every published version of a case's public summary, first first; public (empty when none).
    public func publications(of caseID: UUID) async throws -> [DecommissioningPublicationModel] {
        try await DecommissioningPublicationModel.query(on: db).filter(\.$decommissioningCase.$id == caseID)
            .sort(\.$version).all()
    }

    /// The public record, one row a case (its latest version), most recently published first;
    /// the text matches the service's or the provider's name. Public: no viewer needed.
    public func publicRecord(_ s: PublicSearch) async throws -> ([DecommissioningPublicationModel], ListPage) {
        var q = DecommissioningPublicationModel.query(on: db)
        if let body = s.body { q = q.filter(\.$publicBodyID == body) }
        var latest: [UUID: DecommissioningPublicationModel] = [:]
        for p in try await q.all() where (latest[p.caseID]?.version ?? 0) < p.version { latest[p.caseID] = p }
        let text = s.text?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        let items = latest.values.filter { p in
            (s.decision == nil || p.decisionValue == s.decision)
                && (s.notice == nil || p.noticeCheck == s.notice?.rawValue)
                && (text.isEmpty || p.serviceName.lowercased().contains(text)
                    || p.providerName.lowercased().contains(text))
        }
        .sorted { ($0.publishedAt, $1.serviceName) > ($1.publishedAt, $0.serviceName) }
        let page = ListPage(requested: s.page, size: s.pageSize, total: items.count)
        return (page.slice(items), page)
    }
}
