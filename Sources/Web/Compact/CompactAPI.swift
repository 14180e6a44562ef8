import Fluent
import SocialValue
import Storage
import Vapor

/// Local Compacts through the API: the register, settings, signatories, the group, principles and
/// reviews. Published Compacts are public.
struct CompactAPI: RouteCollection {
    let shared = APIv1()

    func boot(routes: RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        let compacts = api.grouped("compacts")
        compacts.get(use: listCompacts)
        compacts.post(use: createCompact)
        compacts.get(":id", use: getCompact)
        compacts.put(":id", use: updateCompact)
        compacts.get(":id", "settings", use: getSettings)
        compacts.put(":id", "settings", use: updateSettings)
        compacts.post(":id", "signatories", use: addSignatory)
        compacts.delete(":id", "signatories", ":item", use: removeSignatory)
        compacts.post(":id", "group", use: addSeat)
        compacts.delete(":id", "group", ":item", use: removeSeat)
        compacts.post(":id", "principles", use: addPrinciple)
        compacts.put(":id", "principles", ":item", use: updatePrinciple)
        compacts.delete(":id", "principles", ":item", use: removePrinciple)
        compacts.get(":id", "reviews", use: listReviews)
        compacts.post(":id", "reviews", use: addReview)
    }

    // MARK: Compacts

    func compactJSON(_ c: CompactModel, _ req: Request) async throws -> CompactJSON {
        let id = c.id!
        let signatories = try await req.compacts.signatories(of: id)
        let seats = try await req.compacts.seats(of: id)
        let principles = try await req.compacts.principles(of: id)
        return CompactJSON(
            id: id, name: c.name, area: c.area, text: c.text, version: c.version, adoptedOn: c.adoptedOn,
            nextReviewOn: c.nextReviewOn, reviewDue: c.details.isReviewDue(today: today()), settings: c.settings,
            signatories: signatories.map {
                SignatoryJSON(
                    id: $0.id!, organisationId: $0.organisation.id!, organisationName: $0.organisation.name,
                    signedOn: $0.signedOn)
            },
            group: seats.map {
                SeatJSON(
                    id: $0.id!, userId: $0.user.id!, displayName: $0.user.displayName,
                    organisationId: $0.organisation.id!, organisationName: $0.organisation.name, position: $0.position)
            },
            principles: principles.map {
                PrincipleJSON(id: $0.id!, code: $0.code, title: $0.title, text: $0.text, productRule: $0.productRule)
            })
    }

    func managed(_ req: Request) async throws -> (CurrentUser, CompactModel) {
        let id = try req.parameterID()
        let me = try req.require { $0.canManageCompact(id) }
        return (me, try await req.compacts.find(id))
    }

    func listCompacts(req: Request) async throws -> ListJSON<CompactSummaryJSON> {
        let (page, size) = try req.pageArguments()
        let (compacts, p) = try await req.compacts.list(search: try req.searchTerm(), page: page, pageSize: size)
        let t = today()
        return ListJSON(compacts.map { CompactSummaryJSON($0, today: t) }, p)
    }

    func createCompact(req: Request) async throws -> Response {
        let me = try req.require { $0.canCreateCompact }
        let c = try await req.compacts.create(try req.content.decode(CompactInput.self), by: me.actor)
        return try await shared.created(try await compactJSON(c, req), at: Paths.API.compact(c.id!))
    }

    func getCompact(req: Request) async throws -> CompactJSON {
        try await compactJSON(try await req.compacts.find(try req.parameterID()), req)
    }

    func updateCompact(req: Request) async throws -> CompactJSON {
        let (me, c) = try await managed(req)
        return try await compactJSON(
            try await req.compacts.update(c.id!, try req.content.decode(CompactInput.self), by: me.actor), req)
    }

    func getSettings(req: Request) async throws -> CompactSettings {
        try await req.compacts.find(try req.parameterID()).settings
    }

    func updateSettings(req: Request) async throws -> CompactSettings {
        let (me, c) = try await managed(req)
        let settings = try req.content.decode(SettingsInputJSON.self).settings()
        return try await req.compacts.updateSettings(c.id!, settings, by: me.actor).settings
    }

    func addSignatory(req: Request) async throws -> Response {
        let (me, c) = try await managed(req)
        let body = try req.content.decode(NewSignatoryJSON.self)
        try await req.compacts.addSignatory(
            c.id!, organisation: body.organisationId, signedOn: body.signedOn, by: me.actor)
        return try await shared.created(try await compactJSON(c, req), at: Paths.API.compact(c.id!))
    }

    func removeSignatory(req: Request) async throws -> HTTPStatus {
        let (me, c) = try await managed(req)
        try await req.compacts.removeSignatory(c.id!, signatory: try req.parameterID("item"), by: me.actor)
        return .noContent
    }

    func addSeat(req: Request) async throws -> Response {
        let (me, c) = try await managed(req)
        let body = try req.content.decode(NewSeatJSON.self)
        try await req.compacts.addSeat(
            c.id!, user: body.userId, organisation: body.organisationId, position: body.position, by: me.actor)
        return try await shared.created(try await compactJSON(c, req), at: Paths.API.compact(c.id!))
    }

    func removeSeat(req: Request) async throws -> HTTPStatus {
        let (me, c) = try await managed(req)
        try await req.compacts.removeSeat(c.id!, seat: try req.parameterID("item"), by: me.actor)
        return .noContent
    }

    func principle(_ req: Request) throws -> CompactPrinciple {
        let b = try req.content.decode(PrincipleInputJSON.self)
        return try CompactPrinciple.validate(code: b.code, title: b.title, text: b.text, productRule: b.productRule)
    }

    func addPrinciple(req: Request) async throws -> Response {
        let (me, c) = try await managed(req)
        try await req.compacts.addPrinciple(c.id!, try principle(req), by: me.actor)
        return try await shared.created(try await compactJSON(c, req), at: Paths.API.compact(c.id!))
    }

    func updatePrinciple(req: Request) async throws -> CompactJSON {
        let (me, c) = try await managed(req)
        try await req.compacts.updatePrinciple(
            c.id!, principle: try req.parameterID("item"), try principle(req), by: me.actor)
        return try await compactJSON(c, req)
    }

    func removePrinciple(req: Request) async throws -> HTTPStatus {
        let (me, c) = try await managed(req)
        try await req.compacts.removePrinciple(c.id!, principle: try req.parameterID("item"), by: me.actor)
        return .noContent
    }

    func listReviews(req: Request) async throws -> [ReviewJSON] {
        let c = try await req.compacts.find(try req.parameterID())
        return try await req.compacts.reviews(of: c.id!).map {
            ReviewJSON(
                id: $0.id!, reviewedOn: $0.reviewedOn, versionBefore: $0.versionBefore, versionAfter: $0.versionAfter,
                summary: $0.summary, nextReviewOn: $0.nextReviewOn, recordedBy: $0.recordedBy)
        }
    }

    func addReview(req: Request) async throws -> Response {
        let (me, c) = try await managed(req)
        let b = try req.content.decode(NewReviewJSON.self)
        try await req.compacts.recordReview(
            c.id!, reviewedOn: b.reviewedOn, newVersion: b.version, summary: b.summary, nextReviewOn: b.nextReviewOn,
            by: me.actor)
        return try await shared.created(
            try await compactJSON(try await req.compacts.find(c.id!), req), at: Paths.API.compactReviews(c.id!))
    }
}
