import Foundation
import SocialValue
import Storage
import Vapor

/// Decommissioning cases under /api/v1, with access as on the pages (others: 404): read, and
/// amend a proposal shared with the provider (it is never changed in place; issue 13 §1); and the
/// notice check as a pure calculation anyone may call.
struct DecommissioningAPI: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let v1 = routes.grouped("api", "v1", "decommissioning")
        v1.get(use: list)
        v1.get(":id", use: get)
        v1.post("notice-check", use: noticeCheck)
        v1.get(":id", "proposal", "versions", use: proposalVersions)
        v1.post(":id", "proposal", "amendments", use: amendProposal)
    }

    func proposalVersions(req: Request) async throws -> [ProposalVersionJSON] {
        let me = try req.requireUser()
        return try await req.decommissioning.proposalVersions(of: try req.parameterID(), viewer: me.viewer)
            .map(ProposalVersionJSON.init)
    }

    /// A new version of the shared proposal (201, pointing at the versions); 409 before it is
    /// shared, once decided, or when nothing changes.
    func amendProposal(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let id = try req.parameterID()
        let v = try await req.decommissioning.amendProposal(
            id, try req.content.decode(ProposalAmendmentInput.self), viewer: me.viewer, by: me.actor)
        return try await APIv1().created(
            try ProposalVersionJSON(v), at: "/api/v1/decommissioning/\(id)/proposal/versions")
    }

    func list(req: Request) async throws -> ListJSON<DecommissioningCaseJSON> {
        let me = try req.requireUser()
        let (page, size) = try req.pageArguments()
        try req.refuseEmptyQuery("status", "notice")
        var s = try DecommissioningPages.search(req, strict: true, pageSize: size)
        s.text = try req.searchTerm()
        s.page = page
        let (items, p) = try await req.decommissioning.list(s, viewer: me.viewer)
        return ListJSON(try items.map { try DecommissioningCaseJSON($0) }, p)
    }

    func get(req: Request) async throws -> DecommissioningCaseJSON {
        let me = try req.requireUser()
        let c = try await req.decommissioning.find(try req.parameterID(), viewer: me.viewer)
        let facts = try await req.decommissioning.facts(c, viewer: me.viewer)
        return try DecommissioningCaseJSON(
            c,
            tasks: DecommissioningSection.allCases.map {
                .init(section: $0.rawValue, title: $0.title, status: Decommissioning.status(of: $0, facts).rawValue)
            }, responseVersion: try await req.decommissioning.responseVersion(of: c.requireID(), viewer: me.viewer))
    }

    struct NoticeCheckInput: Content {
        var noticeGivenOn: String?
        var effectiveOn: String?
        var minimumNoticeMonths: Int?
        var exceptionalReason: String?
    }

    /// `NoticeRule.check`: earliest end = notice + N calendar months (clamped to the month's end).
    func noticeCheck(req: Request) async throws -> NoticeCheckJSON {
        let body = try req.content.decode(NoticeCheckInput.self)
        let r = try NoticeRule.check(
            noticeGivenOn: body.noticeGivenOn, effectiveOn: body.effectiveOn,
            months: body.minimumNoticeMonths.map(String.init), exceptionalReason: body.exceptionalReason)
        return NoticeCheckJSON(
            noticeGivenOn: r.noticeGivenOn.iso, effectiveOn: r.effectiveOn.iso, minimumNoticeMonths: r.minimumMonths,
            earliestEndOn: r.earliestEnd.iso, compliant: r.check == .compliant, check: r.check.code,
            daysShort: r.check.daysShort, label: r.label)
    }
}

struct NoticeCheckJSON: Content {
    let noticeGivenOn: String
    let effectiveOn: String
    let minimumNoticeMonths: Int
    let earliestEndOn: String
    let compliant: Bool
    let check: String
    let daysShort: Int
    let label: String
}

struct DecommissioningCaseJSON: Content {
    struct Task: Content {
        let section: String, title: String, status: String
    }

    struct Notice: Content {
        let minimumNoticeMonths: Int
        let noticeGivenOn: String?
        let effectiveOn: String?
        let earliestEndOn: String?
        /// "compliant", "breach" or "exceptional"; nil until an end or reduce decision.
        let check: String?
        let daysShort: Int?
        let label: String?
        let exceptionalReason: String?
    }

    let id: UUID
    let ownerId: UUID
    let owner: String
    let providerId: UUID
    let provider: String
    let contractId: UUID?
    let serviceName: String
    let serviceDescription: String
    let change: String
    let currentFundingPence: Int64?
    let proposedFundingPence: Int64?
    let rationale: String
    let status: String
    let shared: Bool
    let responseRecorded: Bool
    let responseReceivedOn: String?
    /// The version of the shared proposal the response answered.
    let responseVersion: Int?
    let decision: String?
    let decisionRationale: String?
    let notice: Notice
    let tasks: [Task]?

    init(_ c: DecommissioningCaseModel, tasks: [Task]? = nil, responseVersion: Int? = nil) throws {
        id = try c.requireID()
        ownerId = c.$owner.id
        owner = c.owner.name
        providerId = c.$provider.id
        provider = c.provider.name
        contractId = c.$contract.id
        serviceName = c.serviceName
        serviceDescription = c.serviceDescription
        change = c.change
        currentFundingPence = c.currentFundingPence
        proposedFundingPence = c.proposedFundingPence
        rationale = c.rationale
        status = c.status
        shared = c.isShared
        responseRecorded = c.responseRecorded
        responseReceivedOn = c.responseReceivedOn
        self.responseVersion = responseVersion
        decision = c.decision
        decisionRationale = c.decisionRationale
        notice = Notice(
            minimumNoticeMonths: c.minimumNoticeMonths, noticeGivenOn: c.noticeGivenOn, effectiveOn: c.effectiveOn,
            earliestEndOn: c.earliestEndOn,
            check: c.noticeCheck, daysShort: c.daysShort, label: try c.notice?.label(months: c.minimumNoticeMonths),
            exceptionalReason: c.exceptionalReason)
        self.tasks = tasks
    }
}

/// One version of a shared proposal: 1 as shared, then each amendment with its reason.
struct ProposalVersionJSON: Content {
    let version: Int
    let reason: String?
    let author: String
    let at: Date
    let proposal: ProposalContent

    init(_ v: DecommissioningProposalVersionModel) throws {
        version = v.version
        reason = v.reason
        author = v.author
        at = v.at
        proposal = try v.content
    }
}
