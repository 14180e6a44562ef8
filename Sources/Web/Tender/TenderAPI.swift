import Foundation
import SocialValue
import Storage
import Vapor

/// Tenders and bids under /api/v1. The tender's set-up is public once published; the bids go
/// through `BidStore`, so the API keeps them sealed exactly as the pages do.
struct TenderAPI: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let t = routes.grouped("api", "v1", "tenders")
        t.get(":id", use: get)
        t.get(":id", "bids", use: bids)
        t.get(":id", "bid", use: ownBid)
        t.put(":id", "bid", use: saveBid)
        t.post(":id", "bid", "submit", use: submit)
        t.post(":id", "bid", "withdraw", use: withdraw)
        t.post(":id", "cancel", use: cancel)
    }

    /// The owning body's commissioners cancel a tender (and its procurement) before the award.
    func cancel(req: Request) async throws -> TenderJSON {
        let (me, t) = try await req.signedInTender()
        let body = try req.content.decode(TenderCancelInput.self)
        return TenderJSON(
            try await req.tenders.cancel(t.id!, reason: body.reason, viewer: me.viewer, by: me.actor), now: Date())
    }

    func get(req: Request) async throws -> TenderJSON {
        TenderJSON(try await req.visibleTender(), now: Date())
    }

    /// The buyer side: the count only while sealed; the bids once opened after the deadline.
    func bids(req: Request) async throws -> BidsJSON {
        let me = try req.requireUser()
        let t = try await req.visibleTender()
        let count = try await req.bids.submittedCount(tender: t.id!, viewer: me.viewer)
        do {
            let list = try await req.bids.openedBids(tender: t.id!, viewer: me.viewer)
            return BidsJSON(
                count: count, sealed: false, message: nil, bids: list.map { BidJSON($0, config: t.configuration) })
        } catch let sealed as BidsSealed {
            return BidsJSON(count: count, sealed: true, message: sealed.message, bids: nil)
        }
    }

    func ownBid(req: Request) async throws -> BidJSON {
        let (me, org) = try req.bidder()
        let t = try await req.visibleTender()
        guard let b = try await req.bids.ownBid(tender: t.id!, organisation: org, viewer: me.viewer) else {
            throw StorageError.notFound("Your organisation’s bid")
        }
        return BidJSON(b, config: t.configuration)
    }

    func saveBid(req: Request) async throws -> BidJSON {
        let (me, org) = try req.bidder()
        let t = try await req.visibleTender()
        let input = try req.content.decode(BidInput.self)
        let b = try await req.bids.saveDraft(tender: t.id!, organisation: org, input, viewer: me.viewer, by: me.actor)
        return BidJSON(b, config: t.configuration)
    }

    func submit(req: Request) async throws -> ReceiptJSON {
        let (me, org) = try req.bidder()
        let t = try await req.visibleTender()
        return ReceiptJSON(try await req.bids.submit(tender: t.id!, organisation: org, viewer: me.viewer, by: me.actor))
    }

    func withdraw(req: Request) async throws -> BidJSON {
        let (me, org) = try req.bidder()
        let t = try await req.visibleTender()
        try await req.bids.withdraw(tender: t.id!, organisation: org, viewer: me.viewer, by: me.actor)
        return try await ownBid(req: req)
    }
}

struct TenderJSON: Content {
    var id: UUID
    var procurementId: UUID
    var title: String
    var buyer: String
    var status: String
    var phase: String
    /// The deadline as typed (UK local) and as an instant (UTC).
    var deadlineLocal: String
    var deadline: String
    var configuration: TenderConfiguration

    init(_ t: TenderModel, now: Date) {
        id = t.id!
        procurementId = t.$procurement.id
        title = t.procurement.title
        buyer = t.procurement.owner.name
        status = t.status
        phase = t.phase(at: now).rawValue
        deadlineLocal = "\(t.deadlineOn)T\(t.deadlineTime)"
        deadline = UKTime.isoUTC(t.deadlineAt)
        configuration = t.configuration
    }
}

struct ReceiptJSON: Content {
    var id: UUID
    var submittedAt: String
    var submittedBy: String
    var sha256: String

    init(_ r: BidReceipt) {
        id = r.id
        submittedAt = UKTime.isoUTC(r.submittedAt)
        submittedBy = r.submittedBy
        sha256 = r.sha256
    }
}

/// A bid's contents; amounts and quantities are decimal text, never binary fractions.
struct BidJSON: Content {
    var id: UUID
    var organisationId: UUID
    var organisation: String
    var status: String
    var price: String?
    var responses: [String: String]
    var commitments: [String: String]
    var deliveryPlan: String
    var embeddedValueStatement: String?
    var socialValueResponse: String?
    var monetisedSocialValue: String
    var attachments: [BidAttachmentSummary]
    var receipts: [ReceiptJSON]
    var warnings: [DeliverabilityWarning]

    init(_ b: BidView, config: TenderConfiguration) {
        id = b.id
        organisationId = b.organisationID
        organisation = b.organisationName
        status = b.status.rawValue
        // What a bidder sends (`BidInput`) is what it reads back, so a bid read can be sent again.
        let sent = BidInput(b.content)
        price = sent.price
        responses = sent.responses ?? [:]
        commitments = sent.commitments ?? [:]
        deliveryPlan = sent.deliveryPlan ?? ""
        embeddedValueStatement = sent.embeddedValueStatement
        socialValueResponse = sent.socialValueResponse
        monetisedSocialValue = DecimalText.format(b.monetisedSocialValue)
        attachments = b.attachments
        receipts = b.receipts.map(ReceiptJSON.init)
        warnings = b.warnings
    }
}

struct BidsJSON: Content {
    var count: Int
    var sealed: Bool
    var message: String?
    var bids: [BidJSON]?
}
