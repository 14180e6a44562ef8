import SocialValue
import Storage
import Vapor

/// Accounts through the API: the signed-in person, users (administrators) and organisations.
struct AccountsAPI: RouteCollection {
    let shared = APIv1()

    func boot(routes: RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
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
    }

    // MARK: Me and users

    func userJSON(_ u: UserModel, _ req: Request) async throws -> UserJSON {
        let id = try u.requireID()
        let ms = try await req.users.memberships(of: id)
        let viewer = try await req.users.viewer(for: u, memberships: ms)
        return UserJSON(
            id: id, email: u.email, displayName: u.displayName, isAdmin: u.isAdmin, isDisabled: u.isDisabled,
            roles: viewer.roles.map(\.rawValue),
            memberships: try ms.map {
                MembershipJSON(
                    id: try $0.requireID(), organisationId: try $0.organisation.requireID(),
                    organisationName: $0.organisation.name, role: $0.role)
            })
    }

    func me(req: Request) async throws -> UserJSON {
        try await userJSON(try req.requireUser().user, req)
    }

    func listUsers(req: Request) async throws -> ListJSON<UserJSON> {
        let me = try req.requireUser()
        let (page, size) = try req.pageArguments()
        let (users, p) = try await req.users.list(
            viewer: me.viewer, search: try req.searchTerm(), page: page, pageSize: size)
        var items: [UserJSON] = []
        for u in users { items.append(try await userJSON(u, req)) }
        return ListJSON(items, p)
    }

    func createUser(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let user = try await req.users.create(
            try req.content.decode(NewUserInput.self), viewer: me.viewer, by: me.actor)
        return try await shared.created(try await userJSON(user, req), at: Paths.API.user(try user.requireID()))
    }

    func getUser(req: Request) async throws -> UserJSON {
        let me = try req.requireUser()
        return try await userJSON(try await req.users.find(try req.parameterID(), viewer: me.viewer), req)
    }

    func setDisabled(_ req: Request, _ disabled: Bool) async throws -> UserJSON {
        let me = try req.requireUser()
        let id = try req.parameterID()
        return try await userJSON(try await req.users.setDisabled(id, disabled, viewer: me.viewer, by: me.actor), req)
    }

    func addMembership(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let id = try req.parameterID()
        try await req.users.addMembership(
            user: id, try req.content.decode(MembershipInput.self), viewer: me.viewer, by: me.actor)
        return try await shared.created(
            try await userJSON(try await req.users.find(id, viewer: me.viewer), req), at: Paths.API.user(id))
    }

    func removeMembership(req: Request) async throws -> HTTPStatus {
        let me = try req.requireUser()
        try await req.users.removeMembership(
            try req.parameterID("item"), of: try req.parameterID(), viewer: me.viewer, by: me.actor)
        return .noContent
    }

    // MARK: Organisations

    func listOrganisations(req: Request) async throws -> ListJSON<OrganisationJSON> {
        _ = try req.requireUser()
        let (page, size) = try req.pageArguments()
        try req.refuseEmptyQuery("kind", "sector")
        var kind: OrganisationKind?
        if let raw = req.query[String.self, at: "kind"], !raw.isEmpty {
            guard let k = OrganisationKind(rawValue: raw) else {
                throw ValidationFailure("kind", "kind must be one of the organisation kinds")
            }
            kind = k
        }
        var sector: Sector?
        if let raw = req.query[String.self, at: "sector"], !raw.isEmpty {
            guard let s = Sector(rawValue: raw) else {
                throw ValidationFailure("sector", "sector must be public-body or supplier")
            }
            sector = s
        }
        let (orgs, p) = try await req.organisations.list(
            search: try req.searchTerm(), kind: kind, sector: sector, page: page, pageSize: size)
        return ListJSON(try orgs.map(OrganisationJSON.init), p)
    }

    func createOrganisation(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let org = try await req.organisations.create(
            try req.content.decode(OrganisationInput.self), viewer: me.viewer, by: me.actor)
        return try await shared.created(try OrganisationJSON(org), at: Paths.API.organisation(try org.requireID()))
    }

    func getOrganisation(req: Request) async throws -> OrganisationJSON {
        _ = try req.requireUser()
        return try OrganisationJSON(try await req.organisations.find(try req.parameterID()))
    }

    func updateOrganisation(req: Request) async throws -> OrganisationJSON {
        let id = try req.parameterID()
        let me = try req.requireUser()
        _ = try await req.organisations.find(id)
        return try OrganisationJSON(
            try await req.organisations.update(
                id, try req.content.decode(OrganisationInput.self), viewer: me.viewer, by: me.actor))
    }
}
