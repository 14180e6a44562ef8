import SocialValue
import Storage
import Vapor

struct FrameworkSummaryJSON: Content {
    var id: UUID
    var name: String
    var compactId: UUID?
    var organisationId: UUID?
    var template: String
    var versions: [VersionSummaryJSON]
}

struct VersionSummaryJSON: Content {
    var id: UUID
    var number: Int
    var status: String
    var reviewOn: String
    var reviewDue: Bool
    var adoptedOn: String?
    var supersededOn: String?

    init(_ v: FrameworkVersionModel) {
        id = v.id!
        number = v.number
        status = v.statusRaw
        reviewOn = v.reviewOn
        reviewDue = isReviewDue(CalendarDate(iso: v.reviewOn)!, status: v.status, today: today())
        adoptedOn = v.adoptedOn
        supersededOn = v.supersededOn
    }
}

struct VersionJSON: Content {
    struct Measure: Content {
        var id: UUID, code: String, name: String, description: String, unit: String, valuation: String,
            evidence: String, guidance: String
    }
    struct Outcome: Content { var id: UUID, name: String, description: String, source: String, measures: [Measure] }
    struct Theme: Content { var id: UUID, name: String, description: String, outcomes: [Outcome] }
    struct Adoption: Content { var organisationId: UUID, organisationName: String, adoptedOn: String }

    var version: VersionSummaryJSON
    var frameworkId: UUID
    var definition: String
    var adoptedBy: [Adoption]
    var themes: [Theme]
}

struct CommentJSON: Content {
    var id: UUID, targetKind: String, targetId: UUID, author: String, organisation: String, text: String,
        createdAt: Date
    /// The response in force (the latest version), who gave it and its version number.
    var response: String?, respondedBy: String?
    var responseVersion: Int?
    /// Every version of the response, 1 first (empty before there is one).
    var responseVersions: [ResponseVersionJSON]
}
struct ResponseVersionJSON: Content {
    var version: Int, response: String, reason: String?, author: String, at: Date

    init(_ v: CommentResponseVersionModel) {
        (version, response, reason, author, at) = (v.version, v.response, v.reason, v.author, v.at)
    }
}
struct ValueSetJSON: Content {
    var id: UUID, versionId: UUID, name: String, illustrative: Bool, notes: String
    var licence: LicenceJSON
    var values: [ProxyValueJSON]
    var priceIndex: [String: String]
}
/// A value set's licence, and whether its values may be published on public pages (issue 15).
struct LicenceJSON: Content {
    var name: String, url: String?, permitsRedistribution: Bool, permitsCommercialUse: Bool, mayPublishValues: Bool

    init(_ l: ProxyLicence) {
        (name, url, permitsRedistribution, permitsCommercialUse, mayPublishValues) = (
            l.name, l.url, l.permitsRedistribution, l.permitsCommercialUse, l.mayPublishValues
        )
    }
}
struct ProxyValueJSON: Content {
    var measureCode: String, valuePerUnit: String, currency: String, baseYear: Int, source: String, licence: String,
        notes: String
}
struct StrategyJSON: Content {
    struct Priority: Content {
        var id: UUID, rank: Int, outcomeId: UUID, outcome: String, target: String, period: String
    }
    struct Signup: Content {
        var organisationId: UUID, organisationName: String, signedUpOn: String
        /// The version of the strategy it signed up to.
        var signedVersion: Int?
    }
    /// A version of what the bodies signed up to: 1 as first signed up to, then each amendment.
    struct Version: Content {
        var version: Int, title: String, summary: String, frameworkVersionId: UUID, startsOn: String,
            endsOn: String
        var priorities: [StrategyVersionPriority]
        var reason: String?, author: String
        /// When it was made, ISO 8601 in UTC.
        var at: String
    }
    var id: UUID, compactId: UUID, title: String, summary: String, frameworkVersionId: UUID, startsOn: String,
        endsOn: String
    var priorities: [Priority]
    var signedUp: [Signup]
    /// The version in force; nil until a body signs up (until then the strategy changes in place).
    var contentVersion: Int?
    var versions: [Version]
}

extension StrategyVersionPriority: Content {}

/// /api/v1 for frameworks, versions, measures, comments, value sets (JSON and CSV) and strategies.
struct FrameworkAPI: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.get("frameworks", use: list)
        api.post("frameworks", use: create)
        api.get("frameworks", ":id", use: get)
        api.post("frameworks", ":id", "versions", use: newVersion)
        let v = api.grouped("framework-versions", ":id")
        v.get(use: getVersion)
        v.put(use: updateVersion)
        v.post("transition", use: transition)
        v.post("themes", use: addTheme)
        v.post("outcomes", use: addOutcome)
        v.post("measures", use: addMeasure)
        v.get("comments", use: comments)
        v.post("comments", use: addComment)
        v.get("value-sets", use: valueSets)
        v.post("value-sets", use: createValueSet)
        for kind in [TreeItemKind.theme, .outcome] {
            api.put("framework-\(kind.rawValue)s", ":id") { try await self.renameItem($0, kind) }
            api.delete("framework-\(kind.rawValue)s", ":id") { try await self.removeItem($0, kind) }
        }
        api.put("measures", ":id", use: updateMeasure)
        api.delete("measures", ":id", use: removeMeasure)
        api.post("framework-comments", ":id", "response", use: respond)
        api.post("framework-comments", ":id", "response", "amendments", use: amendResponse)
        api.get("value-sets", ":id", use: getValueSet)
        api.get("value-sets", ":id", "values.csv", use: exportValues)
        api.put("value-sets", ":id", "values.csv", use: replaceValues)
        api.get("compacts", ":id", "strategy", use: getStrategy)
        api.put("compacts", ":id", "strategy", use: saveStrategy)
        api.post("compacts", ":id", "strategy", "priorities", use: addPriority)
        api.post("compacts", ":id", "strategy", "signups", use: signUp)
        api.post("compacts", ":id", "strategy", "amendments", use: amendStrategy)
    }

    // MARK: Helpers

    func summary(_ f: FrameworkModel, _ req: Request) async throws -> FrameworkSummaryJSON {
        let id = try f.requireID()
        return FrameworkSummaryJSON(
            id: id, name: f.name, compactId: f.$compact.id, organisationId: f.$organisation.id,
            template: f.template.rawValue,
            versions: try await req.frameworks.versions(of: id, viewer: req.currentUser?.viewer).map(
                VersionSummaryJSON.init))
    }

    func versionJSON(_ id: UUID, _ req: Request) async throws -> VersionJSON {
        let viewer = req.currentUser?.viewer
        let v = try await req.frameworks.version(id, viewer: viewer)
        let tree = try await req.frameworks.tree(of: id, viewer: viewer)
        let adoptions = try await req.frameworks.adoptions(of: id, viewer: viewer)
        return VersionJSON(
            version: VersionSummaryJSON(v), frameworkId: v.$framework.id, definition: v.definition,
            adoptedBy: adoptions.map {
                .init(
                    organisationId: $0.organisation.id!, organisationName: $0.organisation.name, adoptedOn: $0.adoptedOn
                )
            },
            themes: tree.themes.map { t in
                .init(
                    id: t.model.id!, name: t.model.name, description: t.model.description,
                    outcomes: t.outcomes.map { o in
                        .init(
                            id: o.model.id!, name: o.model.name, description: o.model.description,
                            source: o.model.source,
                            measures: o.measures.map { m in
                                .init(
                                    id: m.id!, code: m.code, name: m.name, description: m.description, unit: m.unit,
                                    valuation: m.valuation, evidence: m.evidence, guidance: m.guidance)
                            })
                    })
            })
    }

    // MARK: Frameworks

    func list(req: Request) async throws -> ListJSON<FrameworkSummaryJSON> {
        let (page, size) = try req.pageArguments()
        let (frameworks, list) = try await req.frameworks.list(search: try req.searchTerm(), page: page, pageSize: size)
        var items: [FrameworkSummaryJSON] = []
        for f in frameworks { items.append(try await summary(f, req)) }
        return ListJSON(items, list)
    }

    func create(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let (f, _) = try await req.frameworks.create(
            try req.content.decode(NewFrameworkInput.self), viewer: me.viewer, by: me.actor)
        let r = Response(status: .created)
        try r.content.encode(try await summary(f, req), as: .json)
        r.headers.replaceOrAdd(name: .location, value: Paths.API.framework(try f.requireID()))
        return r
    }

    func get(req: Request) async throws -> FrameworkSummaryJSON {
        try await summary(try await req.frameworks.find(try req.parameterID()), req)
    }

    func newVersion(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let v = try await req.frameworks.newVersion(of: try req.parameterID(), viewer: me.viewer, by: me.actor)
        let id = try v.requireID()
        let r = Response(status: .created)
        try r.content.encode(try await versionJSON(id, req), as: .json)
        r.headers.replaceOrAdd(name: .location, value: Paths.API.frameworkVersion(id))
        return r
    }

    // MARK: Versions

    func getVersion(req: Request) async throws -> VersionJSON {
        try await versionJSON(try req.parameterID(), req)
    }

    /// A change to the version in the path by its owners (the store checks): then the version.
    func change<Input: Decodable>(
        _ req: Request, _ type: Input.Type, _ body: (CurrentUser, UUID, Input) async throws -> Void
    ) async throws -> VersionJSON {
        let me = try req.requireUser()
        let id = try req.parameterID()
        try await body(me, id, try req.content.decode(type))
        return try await versionJSON(id, req)
    }

    func updateVersion(req: Request) async throws -> VersionJSON {
        try await change(req, VersionInput.self) { me, id, input in
            try await req.frameworks.updateVersion(id, input, viewer: me.viewer, by: me.actor)
        }
    }

    func transition(req: Request) async throws -> VersionJSON {
        try await change(req, TransitionInput.self) { me, id, input in
            try await req.frameworks.transition(id, input, viewer: me.viewer, by: me.actor)
        }
    }

    func addTheme(req: Request) async throws -> VersionJSON {
        try await change(req, TreeItemInput.self) { me, id, input in
            try await req.frameworks.addTheme(id, input, viewer: me.viewer, by: me.actor)
        }
    }

    func addOutcome(req: Request) async throws -> VersionJSON {
        try await change(req, TreeItemInput.self) { me, id, input in
            try await req.frameworks.addOutcome(id, input, viewer: me.viewer, by: me.actor)
        }
    }

    func addMeasure(req: Request) async throws -> VersionJSON {
        try await change(req, MeasureInput.self) { me, id, input in
            try await req.frameworks.addMeasure(id, input, viewer: me.viewer, by: me.actor)
        }
    }

    func updateMeasure(req: Request) async throws -> VersionJSON {
        let me = try req.requireUser()
        let m = try await req.frameworks.measure(try req.parameterID(), viewer: me.viewer)
        try await req.frameworks.updateMeasure(
            try m.requireID(), try req.content.decode(MeasureInput.self), viewer: me.viewer, by: me.actor)
        return try await versionJSON(m.$version.id, req)
    }

    func removeMeasure(req: Request) async throws -> HTTPStatus {
        let me = try req.requireUser()
        try await req.frameworks.removeMeasure(try req.parameterID(), viewer: me.viewer, by: me.actor)
        return .noContent
    }

    func renameItem(_ req: Request, _ kind: TreeItemKind) async throws -> VersionJSON {
        let me = try req.requireUser()
        let id = try req.parameterID()
        let versionID = try await req.frameworks.versionOf(kind, id, viewer: me.viewer)
        try await req.frameworks.rename(
            kind, id, try req.content.decode(TreeItemInput.self), viewer: me.viewer, by: me.actor)
        return try await versionJSON(versionID, req)
    }

    func removeItem(_ req: Request, _ kind: TreeItemKind) async throws -> HTTPStatus {
        let me = try req.requireUser()
        try await req.frameworks.remove(kind, try req.parameterID(), viewer: me.viewer, by: me.actor)
        return .noContent
    }

    // MARK: Comments

    func commentJSON(_ c: FrameworkCommentModel, versions: [CommentResponseVersionModel]) throws -> CommentJSON {
        CommentJSON(
            id: try c.requireID(), targetKind: c.targetKind.rawValue, targetId: c.targetID,
            author: c.author.displayName,
            organisation: c.authorOrganisation,
            text: c.text, createdAt: c.createdAt, response: c.response, respondedBy: c.respondedBy,
            responseVersion: versions.last?.version, responseVersions: versions.map(ResponseVersionJSON.init))
    }

    /// The comments on a version with their responses' versions, oldest first.
    func commentsJSON(on version: UUID, viewer: Viewer?, _ req: Request) async throws -> [CommentJSON] {
        let versions = try await req.frameworks.responseVersions(on: version, viewer: viewer)
        return try await req.frameworks.comments(on: version, viewer: viewer).map {
            try commentJSON($0, versions: versions[$0.id!] ?? [])
        }
    }

    func comments(req: Request) async throws -> [CommentJSON] {
        try await commentsJSON(on: try req.parameterID(), viewer: req.currentUser?.viewer, req)
    }

    func addComment(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let id = try req.parameterID()
        try await req.frameworks.addComment(
            id, try req.content.decode(CommentInput.self), viewer: me.viewer, by: me.actor)
        let r = Response(status: .created)
        try r.content.encode(try await commentsJSON(on: id, viewer: me.viewer, req), as: .json)
        return r
    }

    /// The first response; once there is one, 409 naming the amendments endpoint.
    func respond(req: Request) async throws -> CommentJSON {
        let me = try req.requireUser()
        let id = try req.parameterID()
        let version = try await req.frameworks.respond(
            to: id, try req.content.decode(CommentResponseInput.self), viewer: me.viewer, by: me.actor)
        return try await comment(id, on: version, viewer: me.viewer, req)
    }

    /// The body is a `CommentResponseAmendmentInput` (`response` and `reason`): 201 with the comment.
    func amendResponse(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let id = try req.parameterID()
        let version = try await req.frameworks.amendResponse(
            to: id, try req.content.decode(CommentResponseAmendmentInput.self), viewer: me.viewer, by: me.actor)
        let r = Response(status: .created)
        try r.content.encode(try await comment(id, on: version, viewer: me.viewer, req), as: .json)
        return r
    }

    func comment(_ id: UUID, on version: UUID, viewer: Viewer, _ req: Request) async throws -> CommentJSON {
        guard let c = try await commentsJSON(on: version, viewer: viewer, req).first(where: { $0.id == id }) else {
            throw StorageError.notFound("The comment")
        }
        return c
    }

    // MARK: Value sets (signed-in users read; owners write)

    func setJSON(_ s: ValueSetModel, _ req: Request) async throws -> ValueSetJSON {
        let me = try req.requireUser()
        let id = try s.requireID()
        let entries = try await req.valueSets.entries(of: id, viewer: me.viewer)
        return ValueSetJSON(
            id: id, versionId: s.$version.id, name: s.name, illustrative: s.isIllustrative, notes: s.notes,
            licence: LicenceJSON(s.licence),
            values: entries.map {
                .init(
                    measureCode: $0.measureCode, valuePerUnit: $0.valuePerUnit, currency: $0.currency,
                    baseYear: $0.baseYear, source: $0.source, licence: $0.licence, notes: $0.notes)
            },
            priceIndex: (s.priceIndex?.points ?? [:]).reduce(into: [:]) {
                $0[String($1.key)] = ValueSetCSV.plain($1.value)
            })
    }

    func valueSets(req: Request) async throws -> [ValueSetJSON] {
        let me = try req.requireUser()
        var out: [ValueSetJSON] = []
        for s in try await req.valueSets.sets(of: try req.parameterID(), viewer: me.viewer) {
            out.append(try await setJSON(s, req))
        }
        return out
    }

    func createValueSet(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let set = try await req.valueSets.create(
            version: try req.parameterID(), try req.content.decode(ValueSetInput.self), viewer: me.viewer,
            by: me.actor)
        let r = Response(status: .created)
        try r.content.encode(try await setJSON(set, req), as: .json)
        r.headers.replaceOrAdd(name: .location, value: Paths.API.valueSet(try set.requireID()))
        return r
    }

    func getValueSet(req: Request) async throws -> ValueSetJSON {
        let me = try req.requireUser()
        return try await setJSON(try await req.valueSets.find(try req.parameterID(), viewer: me.viewer), req)
    }

    func exportValues(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let r = Response(
            status: .ok, body: .init(string: try await req.valueSets.export(try req.parameterID(), viewer: me.viewer)))
        r.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        return r
    }

    func replaceValues(req: Request) async throws -> ValueSetJSON {
        let me = try req.requireUser()
        let id = try req.parameterID()
        guard let body = req.body.string else {
            throw ValidationFailure("body", "Send the CSV as the request body (Content-Type: text/csv)")
        }
        try await req.valueSets.replaceValues(id, csv: body, viewer: me.viewer, by: me.actor)
        return try await setJSON(try await req.valueSets.find(id, viewer: me.viewer), req)
    }

    // MARK: Strategy

    func strategyJSON(_ compactID: UUID, _ req: Request) async throws -> StrategyJSON {
        guard let s = try await req.strategies.strategy(of: compactID) else {
            throw StorageError.notFound("The strategy")
        }
        let priorities = try await req.strategies.priorities(of: s.id!)
        let signups = try await req.strategies.signups(of: s.id!)
        let versions = try await req.strategies.versions(compact: compactID)
        return StrategyJSON(
            id: s.id!, compactId: compactID, title: s.title, summary: s.summary, frameworkVersionId: s.$version.id,
            startsOn: s.startsOn, endsOn: s.endsOn,
            priorities: priorities.map {
                .init(
                    id: $0.id!, rank: $0.rank, outcomeId: $0.outcome.id!, outcome: $0.outcome.name, target: $0.target,
                    period: $0.period)
            },
            signedUp: signups.map {
                .init(
                    organisationId: $0.organisation.id!, organisationName: $0.organisation.name,
                    signedUpOn: $0.signedUpOn, signedVersion: $0.signedVersion)
            },
            contentVersion: versions.last?.version,
            versions: versions.map {
                .init(
                    version: $0.version, title: $0.title, summary: $0.summary,
                    frameworkVersionId: $0.frameworkVersionID,
                    startsOn: $0.startsOn, endsOn: $0.endsOn, priorities: $0.priorities, reason: $0.reason,
                    author: $0.author, at: UKTime.isoUTC($0.at))
            })
    }

    func getStrategy(req: Request) async throws -> StrategyJSON {
        try await strategyJSON(try req.parameterID(), req)
    }

    /// The signed-in person and the Compact; the store checks they keep it.
    func manager(_ req: Request) async throws -> (CurrentUser, UUID) {
        let id = try req.parameterID()
        let me = try req.requireUser()
        _ = try await req.compacts.find(id)
        return (me, id)
    }

    func saveStrategy(req: Request) async throws -> StrategyJSON {
        let (me, id) = try await manager(req)
        _ = try await req.strategies.save(
            id, try req.content.decode(StrategyInput.self), viewer: me.viewer, by: me.actor)
        return try await strategyJSON(id, req)
    }

    func addPriority(req: Request) async throws -> Response {
        let (me, id) = try await manager(req)
        try await req.strategies.addPriority(
            compact: id, try req.content.decode(StrategyPriorityInput.self), viewer: me.viewer, by: me.actor)
        let r = Response(status: .created)
        try r.content.encode(try await strategyJSON(id, req), as: .json)
        return r
    }

    /// The body is a `StrategyAmendmentInput`: 201 with the strategy and all its versions. Once a
    /// body has signed up, this is the only way the strategy changes (`PUT` and the priority
    /// endpoints answer 409 naming it).
    func amendStrategy(req: Request) async throws -> Response {
        let (me, id) = try await manager(req)
        try await req.strategies.amend(
            compact: id, try req.content.decode(StrategyAmendmentInput.self), viewer: me.viewer, by: me.actor)
        let r = Response(status: .created)
        r.headers.replaceOrAdd(name: .location, value: Paths.API.strategy(id))
        try r.content.encode(try await strategyJSON(id, req), as: .json)
        return r
    }

    func signUp(req: Request) async throws -> Response {
        let (me, id) = try await manager(req)
        try await req.strategies.signUp(
            compact: id, try req.content.decode(StrategySignupInput.self), viewer: me.viewer, by: me.actor)
        let r = Response(status: .created)
        try r.content.encode(try await strategyJSON(id, req), as: .json)
        return r
    }
}

extension StrategyInput: Content {}
extension StrategyPriorityInput: Content {}
extension StrategyAmendmentInput: Content {}
