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
        compacts.post(":id", "amendments", use: amendCompact)
    }

    // MARK: Compacts

    func compactJSON(_ c: CompactModel, _ req: Request) async throws -> CompactJSON {
        let id = try c.requireID()
        let signatories = try await req.compacts.signatories(of: id)
        let seats = try await req.compacts.seats(of: id)
        let principles = try await req.compacts.principles(of: id)
        let versions = try await req.compacts.versions(of: id)
        return CompactJSON(
            id: id, name: c.name, area: c.area, text: c.text, version: c.version, adoptedOn: c.adoptedOn,
            nextReviewOn: c.nextReviewOn, reviewDue: c.details.isReviewDue(today: today()),
            settings: CompactSettingsInput(c.settings),
            signatories: try signatories.map {
                SignatoryJSON(
                    id: try $0.requireID(), organisationId: try $0.organisation.requireID(),
                    organisationName: $0.organisation.name, signedOn: $0.signedOn, signedVersion: $0.signedVersion)
            },
            group: try seats.map {
                SeatJSON(
                    id: try $0.requireID(), userId: try $0.user.requireID(), displayName: $0.user.displayName,
                    organisationId: try $0.organisation.requireID(), organisationName: $0.organisation.name,
                    position: $0.position)
            },
            principles: try principles.map {
                PrincipleJSON(
                    id: try $0.requireID(), code: $0.code, title: $0.title, text: $0.text, productRule: $0.productRule)
            }, contentVersion: versions.last?.version, versions: versions.map(CompactVersionJSON.init))
    }

    /// The signed-in person and the Compact named in the path; the store checks what they may change.
    func target(_ req: Request) async throws -> (CurrentUser, UUID) {
        let me = try req.requireUser()
        let id = try req.parameterID()
        _ = try await req.compacts.find(id)
        return (me, id)
    }

    func listCompacts(req: Request) async throws -> ListJSON<CompactSummaryJSON> {
        let (page, size) = try req.pageArguments()
        let (compacts, p) = try await req.compacts.list(search: try req.searchTerm(), page: page, pageSize: size)
        let t = today()
        return ListJSON(try compacts.map { try CompactSummaryJSON($0, today: t) }, p)
    }

    func createCompact(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let c = try await req.compacts.create(
            try req.content.decode(CompactInput.self), viewer: me.viewer, by: me.actor)
        return try await shared.created(try await compactJSON(c, req), at: Paths.API.compact(try c.requireID()))
    }

    func getCompact(req: Request) async throws -> CompactJSON {
        try await compactJSON(try await req.compacts.find(try req.parameterID()), req)
    }

    func updateCompact(req: Request) async throws -> CompactJSON {
        let (me, id) = try await target(req)
        let input = try req.content.decode(CompactInput.self)
        return try await compactJSON(try await req.compacts.update(id, input, viewer: me.viewer, by: me.actor), req)
    }

    /// The body is a `CompactAmendmentInput`: 201 with the Compact and all its versions.
    func amendCompact(req: Request) async throws -> Response {
        let (me, id) = try await target(req)
        try await req.compacts.amend(
            id, try req.content.decode(CompactAmendmentInput.self), viewer: me.viewer, by: me.actor)
        return try await created(id, req, at: Paths.API.compact(id))
    }

    func getSettings(req: Request) async throws -> CompactSettingsInput {
        CompactSettingsInput(try await req.compacts.find(try req.parameterID()).settings)
    }

    func updateSettings(req: Request) async throws -> CompactSettingsInput {
        let (me, id) = try await target(req)
        let settings = try req.content.decode(CompactSettingsInput.self)
        return CompactSettingsInput(
            try await req.compacts.updateSettings(id, settings, viewer: me.viewer, by: me.actor).settings)
    }

    /// The Compact as it is after a change, with a 201 pointing at it.
    func created(_ id: UUID, _ req: Request, at path: String? = nil) async throws -> Response {
        try await shared.created(
            try await compactJSON(try await req.compacts.find(id), req), at: path ?? Paths.API.compact(id))
    }

    func addSignatory(req: Request) async throws -> Response {
        let (me, id) = try await target(req)
        let input = try req.content.decode(CompactSignatoryInput.self)
        try await req.compacts.addSignatory(id, input, viewer: me.viewer, by: me.actor)
        return try await created(id, req)
    }

    func removeSignatory(req: Request) async throws -> HTTPStatus {
        let (me, id) = try await target(req)
        try await req.compacts.removeSignatory(
            id, signatory: try req.parameterID("item"), viewer: me.viewer, by: me.actor)
        return .noContent
    }

    func addSeat(req: Request) async throws -> Response {
        let (me, id) = try await target(req)
        try await req.compacts.addSeat(
            id, try req.content.decode(CompactSeatInput.self), viewer: me.viewer, by: me.actor)
        return try await created(id, req)
    }

    func removeSeat(req: Request) async throws -> HTTPStatus {
        let (me, id) = try await target(req)
        try await req.compacts.removeSeat(id, seat: try req.parameterID("item"), viewer: me.viewer, by: me.actor)
        return .noContent
    }

    func addPrinciple(req: Request) async throws -> Response {
        let (me, id) = try await target(req)
        try await req.compacts.addPrinciple(
            id, try req.content.decode(CompactPrincipleInput.self), viewer: me.viewer, by: me.actor)
        return try await created(id, req)
    }

    func updatePrinciple(req: Request) async throws -> CompactJSON {
        let (me, id) = try await target(req)
        try await req.compacts.updatePrinciple(
            id, principle: try req.parameterID("item"), try req.content.decode(CompactPrincipleInput.self),
            viewer: me.viewer, by: me.actor)
        return try await compactJSON(try await req.compacts.find(id), req)
    }

    func removePrinciple(req: Request) async throws -> HTTPStatus {
        let (me, id) = try await target(req)
        try await req.compacts.removePrinciple(
            id, principle: try req.parameterID("item"), viewer: me.viewer, by: me.actor)
        return .noContent
    }

    func listReviews(req: Request) async throws -> [ReviewJSON] {
        let c = try await req.compacts.find(try req.parameterID())
        return try await req.compacts.reviews(of: try c.requireID()).map {
            ReviewJSON(
                id: try $0.requireID(), reviewedOn: $0.reviewedOn, versionBefore: $0.versionBefore,
                versionAfter: $0.versionAfter, summary: $0.summary, nextReviewOn: $0.nextReviewOn,
                recordedBy: $0.recordedBy)
        }
    }

    func addReview(req: Request) async throws -> Response {
        let (me, id) = try await target(req)
        try await req.compacts.recordReview(
            id, try req.content.decode(CompactReviewInput.self), viewer: me.viewer, by: me.actor)
        return try await created(id, req, at: Paths.API.compactReviews(id))
    }
}
