import Foundation
import SocialValue
import Storage
import Vapor

/// The evaluation's result and document, and contracts, under /api/v1. Access as on the pages:
/// the buyer side reads the ranking; a contract's buyer side and supplier read the contract.
struct EvaluationAPI: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let v1 = routes.grouped("api", "v1")
        v1.get("tenders", ":id", "evaluation", use: evaluation)
        v1.get("tenders", ":id", "evaluation", "document", use: document)
        v1.get("contracts", ":id", use: contract)
    }

    static func json(_ text: String) -> Response {
        let res = Response(status: .ok, body: .init(string: text))
        res.headers.contentType = .json
        return res
    }

    func ranking(_ req: Request) async throws -> (TenderModel, EvaluationStore.Ranking) {
        let me = try req.requireUser()
        let t = try await req.visibleTender()
        guard let r = try await req.evaluations.ranking(tender: t.id!, viewer: me.viewer) else {
            throw Abort(.notFound, reason: "The bids have not been ranked yet")
        }
        return (t, r)
    }

    /// The engine's result as stored, with when and by whom it was ranked.
    func evaluation(req: Request) async throws -> Response {
        let (t, r) = try await ranking(req)
        return try Self.rankingJSON(t, r)
    }

    /// A stored ranking as JSON (also the answer to ranking through the API).
    static func rankingJSON(_ t: TenderModel, _ r: EvaluationStore.Ranking) throws -> Response {
        let result = try JSONReader.parse(r.result)
        return json(
            JSONValue.ordered([
                ("tenderId", .string(t.id!.uuidString.lowercased())),
                ("rankedAt", .string(UKTime.isoUTC(r.rankedAt))),
                ("rankedBy", .string(r.rankedBy)),
                ("result", result),
            ]).rendered() + "\n")
    }

    /// The evaluation document (calculations.md §2) that was run, byte for byte.
    func document(req: Request) async throws -> Response { Self.json(try await ranking(req).1.document) }

    func contract(req: Request) async throws -> ContractJSON {
        let me = try req.requireUser()
        let c = try await req.awards.contract(try req.parameterID(), viewer: me.viewer)
        return ContractJSON(c, commitments: try await req.awards.commitments(of: try c.requireID(), viewer: me.viewer))
    }
}

struct ContractJSON: Content {
    struct Commitment: Content {
        let measureCode: String, name: String, unit: String, quantity: String, proxy: String, monetised: String
    }
    let id: UUID
    let tenderId: UUID
    let procurementId: UUID
    let title: String
    let buyer: String
    let buyerId: UUID
    let supplier: String
    let supplierId: UUID
    let valuePence: Int64
    let startsOn: String
    let endsOn: String
    let awardedOn: String
    let standstillEndsOn: String
    let awardReason: String?
    let monitoringPlan: String
    let reportingFrequency: String
    let commitments: [Commitment]

    init(_ c: ContractModel, commitments: [ContractCommitmentModel]) {
        id = c.id!
        tenderId = c.$tender.id
        procurementId = c.$procurement.id
        title = c.title
        buyer = c.buyer.name
        buyerId = c.$buyer.id
        supplier = c.supplier.name
        supplierId = c.$supplier.id
        valuePence = c.valuePence
        startsOn = c.startsOn
        endsOn = c.endsOn
        awardedOn = c.awardedOn
        standstillEndsOn = c.standstillEndsOn
        awardReason = c.awardReason
        monitoringPlan = c.monitoringPlan
        reportingFrequency = c.reportingFrequency
        self.commitments = commitments.map {
            Commitment(
                measureCode: $0.measureCode, name: $0.name, unit: $0.unit, quantity: $0.quantity, proxy: $0.proxy,
                monetised: $0.monetised)
        }
    }
}
