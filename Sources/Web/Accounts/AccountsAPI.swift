import Fluent
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
        let ms = try await req.users.memberships(of: u.id!)
        let viewer = try await req.users.viewer(for: u)
        return UserJSON(
            id: u.id!, email: u.email, displayName: u.displayName, isAdmin: u.isAdmin, isDisabled: u.isDisabled,
            roles: viewer.roles.map(\.rawValue),
            memberships: ms.map {
                MembershipJSON(
                    id: $0.id!, organisationId: $0.organisation.id!, organisationName: $0.organisation.name,
                    role: $0.role)
            })
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
        let user = try await req.users.create(
            .init(
                email: body.email, displayName: body.displayName, password: body.password,
                isAdmin: body.isAdmin ?? false), by: me.actor)
        return try await shared.created(try await userJSON(user, req), at: Paths.API.user(user.id!))
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
        return try await shared.created(try await userJSON(try await req.users.find(id), req), at: Paths.API.user(id))
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
        return ListJSON(orgs.map(OrganisationJSON.init), p)
    }

    func createOrganisation(req: Request) async throws -> Response {
        let me = try req.require { $0.canAdminister }
        let org = try await req.organisations.create(try req.content.decode(OrganisationInput.self), by: me.actor)
        return try await shared.created(OrganisationJSON(org), at: Paths.API.organisation(org.id!))
    }

    func getOrganisation(req: Request) async throws -> OrganisationJSON {
        _ = try req.requireUser()
        return OrganisationJSON(try await req.organisations.find(try req.parameterID()))
    }

    func updateOrganisation(req: Request) async throws -> OrganisationJSON {
        let id = try req.parameterID()
        let me = try req.require { $0.canEditOrganisation(id) }
        _ = try await req.organisations.find(id)
        return OrganisationJSON(
            try await req.organisations.update(id, try req.content.decode(OrganisationInput.self), by: me.actor))
    }
}
