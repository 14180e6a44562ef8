import Fluent
import SocialValue
import Storage
import Vapor

/// The JSON API under /api/v1, described by openapi.json (served at /api/v1/openapi.json).
/// Authentication is a bearer token from "Your account"; published Compacts are public.
struct APIv1: RouteCollection {
    static let document: String = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return "{}" }
        return text
    }()

    func boot(routes: RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.get("openapi.json") { _ -> Response in
            let r = Response(status: .ok, body: .init(string: Self.document))
            r.headers.contentType = .json
            return r
        }
        api.get("me", use: me)

        let orgs = api.grouped("organisations")
        orgs.get(use: listOrganisations)
        orgs.post(use: createOrganisation)
        orgs.get(":id", use: getOrganisation)
        orgs.put(":id", use: updateOrganisation)

        let users = api.grouped("users")
        users.get(use: listUsers)
        users.post(use: createUser)
        users.get(":id", use: getUser)
        users.post(":id", "disable") { try await self.setDisabled($0, true) }
        users.post(":id", "enable") { try await self.setDisabled($0, false) }
        users.post(":id", "memberships", use: addMembership)
        users.delete(":id", "memberships", ":item", use: removeMembership)

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

    // MARK: Helpers

    func created<T: Content>(_ value: T, at location: String) async throws -> Response {
        let r = Response(status: .created)
        try r.content.encode(value, as: .json)
        r.headers.replaceOrAdd(name: .location, value: location)
        return r
    }

    // MARK: Me and users

    func userJSON(_ u: UserModel, _ req: Request) async throws -> UserJSON {
        let ms = try await req.users.memberships(of: u.id!)
        let viewer = try await req.users.viewer(for: u)
        return UserJSON(id: u.id!, email: u.email, displayName: u.displayName, isAdmin: u.isAdmin, isDisabled: u.isDisabled,
                        roles: viewer.roles.map(\.rawValue),
                        memberships: ms.map { MembershipJSON(id: $0.id!, organisationId: $0.organisation.id!, organisationName: $0.organisation.name, role: $0.role) })
    }

    func me(req: Request) async throws -> UserJSON {
        try await userJSON(try req.requireUser().user, req)
    }

    func listUsers(req: Request) async throws -> ListJSON<UserJSON> {
        _ = try req.require { $0.canAdminister }
        let (page, size) = try req.pageArguments()
        let (users, p) = try await req.users.list(search: try req.searchTerm(), page: page, pageSize: size)
        var items: [UserJSON] = []
        for u in users { items.append(try await userJSON(u, req)) }
        return ListJSON(items, p)
    }

    func createUser(req: Request) async throws -> Response {
        let me = try req.require { $0.canAdminister }
        let body = try req.content.decode(NewUserJSON.self)
        let user = try await req.users.create(.init(email: body.email, displayName: body.displayName, password: body.password, isAdmin: body.isAdmin ?? false), by: me.actor)
        return try await created(try await userJSON(user, req), at: "/api/v1/users/\(user.id!)")
    }

    func getUser(req: Request) async throws -> UserJSON {
        let id = try req.parameterID()
        _ = try req.require { $0.canAdminister || $0.userID == id }
        return try await userJSON(try await req.users.find(id), req)
    }

    func setDisabled(_ req: Request, _ disabled: Bool) async throws -> UserJSON {
        let me = try req.require { $0.canAdminister }
        let id = try req.parameterID()
        if disabled && id == me.user.id { throw ValidationFailure("id", "You cannot disable your own account") }
        return try await userJSON(try await req.users.setDisabled(id, disabled, by: me.actor), req)
    }

    func addMembership(req: Request) async throws -> Response {
        let me = try req.require { $0.canAdminister }
        let id = try req.parameterID()
        let body = try req.content.decode(NewMembershipJSON.self)
        try await req.users.addMembership(user: id, organisation: body.organisationId, role: body.role, by: me.actor)
        return try await created(try await userJSON(try await req.users.find(id), req), at: "/api/v1/users/\(id)")
    }

    func removeMembership(req: Request) async throws -> HTTPStatus {
        let me = try req.require { $0.canAdminister }
        let userID = try req.parameterID()
        let item = try req.parameterID("item")
        guard try await req.users.memberships(of: userID).contains(where: { $0.id == item }) else {
            throw StorageError.notFound("The membership")
        }
        try await req.users.removeMembership(item, by: me.actor)
        return .noContent
    }

    // MARK: Organisations

    func listOrganisations(req: Request) async throws -> ListJSON<OrganisationJSON> {
        _ = try req.requireUser()
        let (page, size) = try req.pageArguments()
        var kind: OrganisationKind?
        if let raw = req.query[String.self, at: "kind"], !raw.isEmpty {
            guard let k = OrganisationKind(rawValue: raw) else { throw ValidationFailure("kind", "kind must be one of the organisation kinds") }
            kind = k
        }
        var sector: Sector?
        if let raw = req.query[String.self, at: "sector"], !raw.isEmpty {
            guard let s = Sector(rawValue: raw) else { throw ValidationFailure("sector", "sector must be public-body or supplier") }
            sector = s
        }
        let (orgs, p) = try await req.organisations.list(search: try req.searchTerm(), kind: kind, sector: sector, page: page, pageSize: size)
        return ListJSON(orgs.map(OrganisationJSON.init), p)
    }

    func createOrganisation(req: Request) async throws -> Response {
        let me = try req.require { $0.canAdminister }
        let org = try await req.organisations.create(try req.content.decode(OrganisationInput.self), by: me.actor)
        return try await created(OrganisationJSON(org), at: "/api/v1/organisations/\(org.id!)")
    }

    func getOrganisation(req: Request) async throws -> OrganisationJSON {
        _ = try req.requireUser()
        return OrganisationJSON(try await req.organisations.find(try req.parameterID()))
    }

    func updateOrganisation(req: Request) async throws -> OrganisationJSON {
        let id = try req.parameterID()
        let me = try req.require { $0.canEditOrganisation(id) }
        _ = try await req.organisations.find(id)
        return OrganisationJSON(try await req.organisations.update(id, try req.content.decode(OrganisationInput.self), by: me.actor))
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
            signatories: signatories.map { SignatoryJSON(id: $0.id!, organisationId: $0.organisation.id!, organisationName: $0.organisation.name, signedOn: $0.signedOn) },
            group: seats.map { SeatJSON(id: $0.id!, userId: $0.user.id!, displayName: $0.user.displayName, organisationId: $0.organisation.id!, organisationName: $0.organisation.name, position: $0.position) },
            principles: principles.map { PrincipleJSON(id: $0.id!, code: $0.code, title: $0.title, text: $0.text, productRule: $0.productRule) })
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
        return try await created(try await compactJSON(c, req), at: "/api/v1/compacts/\(c.id!)")
    }

    func getCompact(req: Request) async throws -> CompactJSON {
        try await compactJSON(try await req.compacts.find(try req.parameterID()), req)
    }

    func updateCompact(req: Request) async throws -> CompactJSON {
        let (me, c) = try await managed(req)
        return try await compactJSON(try await req.compacts.update(c.id!, try req.content.decode(CompactInput.self), by: me.actor), req)
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
        try await req.compacts.addSignatory(c.id!, organisation: body.organisationId, signedOn: body.signedOn, by: me.actor)
        return try await created(try await compactJSON(c, req), at: "/api/v1/compacts/\(c.id!)")
    }

    func removeSignatory(req: Request) async throws -> HTTPStatus {
        let (me, c) = try await managed(req)
        try await req.compacts.removeSignatory(c.id!, signatory: try req.parameterID("item"), by: me.actor)
        return .noContent
    }

    func addSeat(req: Request) async throws -> Response {
        let (me, c) = try await managed(req)
        let body = try req.content.decode(NewSeatJSON.self)
        try await req.compacts.addSeat(c.id!, user: body.userId, organisation: body.organisationId, position: body.position, by: me.actor)
        return try await created(try await compactJSON(c, req), at: "/api/v1/compacts/\(c.id!)")
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
        return try await created(try await compactJSON(c, req), at: "/api/v1/compacts/\(c.id!)")
    }

    func updatePrinciple(req: Request) async throws -> CompactJSON {
        let (me, c) = try await managed(req)
        try await req.compacts.updatePrinciple(c.id!, principle: try req.parameterID("item"), try principle(req), by: me.actor)
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
            ReviewJSON(id: $0.id!, reviewedOn: $0.reviewedOn, versionBefore: $0.versionBefore, versionAfter: $0.versionAfter,
                       summary: $0.summary, nextReviewOn: $0.nextReviewOn, recordedBy: $0.recordedBy)
        }
    }

    func addReview(req: Request) async throws -> Response {
        let (me, c) = try await managed(req)
        let b = try req.content.decode(NewReviewJSON.self)
        try await req.compacts.recordReview(c.id!, reviewedOn: b.reviewedOn, newVersion: b.version, summary: b.summary, nextReviewOn: b.nextReviewOn, by: me.actor)
        return try await created(try await compactJSON(try await req.compacts.find(c.id!), req), at: "/api/v1/compacts/\(c.id!)/reviews")
    }
}
