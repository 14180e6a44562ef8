import Fluent
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

struct NewFrameworkJSON: Content {
    var name: String?
    var compactId: UUID?
    var organisationId: UUID?
    var template: String?
    var reviewOn: String?
    /// A whole tree to import instead of a template.
    var tree: FrameworkTree?
}

struct VersionUpdateJSON: Content { var definition: String?, reviewOn: String? }
struct TransitionJSON: Content { var status: String?, adoptedOn: String?, adoptedBy: [UUID]? }
struct NamedItemJSON: Content { var name: String?, description: String?, themeId: UUID? }
struct MeasureInputJSON: Content {
    var outcomeId: UUID?, code: String?, name: String?, description: String?, unit: String?, valuation: String?,
        evidence: String?, guidance: String?
    var input: MeasureInput {
        MeasureInput(
            code: code, name: name, description: description, unit: unit, valuation: valuation, evidence: evidence,
            guidance: guidance)
    }
}
struct CommentJSON: Content {
    var id: UUID, targetKind: String, targetId: UUID, author: String, organisation: String, text: String,
        createdAt: Date
    var response: String?, respondedBy: String?
}
struct NewCommentJSON: Content { var targetKind: String?, targetId: UUID?, text: String? }
struct ResponseJSON: Content { var response: String? }
struct ValueSetJSON: Content {
    var id: UUID, versionId: UUID, name: String, illustrative: Bool, notes: String
    var values: [ProxyValueJSON]
    var priceIndex: [String: String]
}
struct ProxyValueJSON: Content {
    var measureCode: String, valuePerUnit: String, currency: String, baseYear: Int, source: String, licence: String,
        notes: String
}
struct NewValueSetJSON: Content { var name: String?, illustrative: Bool?, notes: String?, csv: String? }
struct StrategyJSON: Content {
    struct Priority: Content {
        var id: UUID, rank: Int, outcomeId: UUID, outcome: String, target: String, period: String
    }
    struct Signup: Content { var organisationId: UUID, organisationName: String, signedUpOn: String }
    var id: UUID, compactId: UUID, title: String, summary: String, frameworkVersionId: UUID, startsOn: String,
        endsOn: String
    var priorities: [Priority]
    var signedUp: [Signup]
}

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
        api.get("value-sets", ":id", use: getValueSet)
        api.get("value-sets", ":id", "values.csv", use: exportValues)
        api.put("value-sets", ":id", "values.csv", use: replaceValues)
        api.get("compacts", ":id", "strategy", use: getStrategy)
        api.put("compacts", ":id", "strategy", use: saveStrategy)
        api.post("compacts", ":id", "strategy", "priorities", use: addPriority)
        api.post("compacts", ":id", "strategy", "signups", use: signUp)
    }

    // MARK: Helpers

    func summary(_ f: FrameworkModel, _ req: Request, access: FrameworkAccess) async throws -> FrameworkSummaryJSON {
        FrameworkSummaryJSON(
            id: f.id!, name: f.name, compactId: f.$compact.id, organisationId: f.$organisation.id, template: f.template,
            versions: try await req.frameworks.versions(of: f.id!).filter(access.canSee).map(VersionSummaryJSON.init))
    }

    /// The version, if the caller may see it (drafts: owners and commenting groups only).
    func visibleVersion(_ req: Request) async throws -> (FrameworkVersionModel, FrameworkAccess) {
        let v = try await req.frameworks.version(try req.parameterID())
        let access = try await FrameworkAccess.load(req, v.framework)
        guard access.canSee(v) else { throw StorageError.notFound("The framework version") }
        return (v, access)
    }

    func ownedVersion(_ req: Request) async throws -> (CurrentUser, FrameworkVersionModel) {
        let me = try req.requireUser()
        let (v, access) = try await visibleVersion(req)
        guard access.canEdit else { throw StorageError.roleNotAllowed }
        return (me, v)
    }

    func versionJSON(_ v: FrameworkVersionModel, _ req: Request) async throws -> VersionJSON {
        let tree = try await req.frameworks.tree(of: v.id!)
        let adoptions = try await req.frameworks.adoptions(of: v.id!)
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

    func fresh(_ id: UUID, _ req: Request) async throws -> VersionJSON {
        try await versionJSON(try await req.frameworks.version(id), req)
    }

    // MARK: Frameworks

    func list(req: Request) async throws -> ListJSON<FrameworkSummaryJSON> {
        let (page, size) = try req.pageArguments()
        let (frameworks, list) = try await req.frameworks.list(search: try req.searchTerm(), page: page, pageSize: size)
        var items: [FrameworkSummaryJSON] = []
        for f in frameworks { items.append(try await summary(f, req, access: try await FrameworkAccess.load(req, f))) }
        return ListJSON(items, list)
    }

    func create(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let body = try req.content.decode(NewFrameworkJSON.self)
        let owner: FrameworkOwner
        switch (body.compactId, body.organisationId) {
        case (let c?, nil): owner = .compact(c)
        case (nil, let o?): owner = .organisation(o)
        default: throw ValidationFailure("compactId", "Give either compactId or organisationId")
        }
        guard me.viewer.canEditFramework(owner) else { throw StorageError.roleNotAllowed }
        let tree: FrameworkTree
        let template: String
        if let given = body.tree {
            tree = given
            template = "import"
        } else {
            guard let t = FrameworkTemplate(rawValue: body.template ?? "") else {
                throw ValidationFailure(
                    "template",
                    "template must be one of: \(FrameworkTemplate.allCases.map(\.rawValue).joined(separator: ", ")), or send a tree"
                )
            }
            tree = try FrameworkTemplateLibrary.tree(for: t)
            template = t.rawValue
        }
        let (f, _) = try await req.frameworks.create(
            name: body.name, owner: owner, template: template, tree: tree, reviewOn: body.reviewOn, by: me.actor)
        let r = Response(status: .created)
        try r.content.encode(try await summary(f, req, access: try await FrameworkAccess.load(req, f)), as: .json)
        r.headers.replaceOrAdd(name: .location, value: Paths.API.framework(f.id!))
        return r
    }

    func get(req: Request) async throws -> FrameworkSummaryJSON {
        let f = try await req.frameworks.find(try req.parameterID())
        return try await summary(f, req, access: try await FrameworkAccess.load(req, f))
    }

    func newVersion(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let f = try await req.frameworks.find(try req.parameterID())
        guard me.viewer.canEditFramework(f.owner) else { throw StorageError.roleNotAllowed }
        let v = try await req.frameworks.newVersion(of: f.id!, by: me.actor)
        let r = Response(status: .created)
        try r.content.encode(try await fresh(v.id!, req), as: .json)
        r.headers.replaceOrAdd(name: .location, value: Paths.API.frameworkVersion(v.id!))
        return r
    }

    // MARK: Versions

    func getVersion(req: Request) async throws -> VersionJSON {
        let (v, _) = try await visibleVersion(req)
        return try await versionJSON(v, req)
    }

    func updateVersion(req: Request) async throws -> VersionJSON {
        let (me, v) = try await ownedVersion(req)
        let body = try req.content.decode(VersionUpdateJSON.self)
        try await req.frameworks.updateVersion(
            v.id!, definition: body.definition, reviewOn: body.reviewOn, by: me.actor)
        return try await fresh(v.id!, req)
    }

    func transition(req: Request) async throws -> VersionJSON {
        let (me, v) = try await ownedVersion(req)
        let body = try req.content.decode(TransitionJSON.self)
        try await req.frameworks.transition(
            v.id!, to: body.status, adoptedOn: body.adoptedOn, adoptedBy: body.adoptedBy ?? [], by: me.actor)
        return try await fresh(v.id!, req)
    }

    func addTheme(req: Request) async throws -> VersionJSON {
        let (me, v) = try await ownedVersion(req)
        let body = try req.content.decode(NamedItemJSON.self)
        try await req.frameworks.addTheme(
            v.id!, try NamedItem.validate(name: body.name, description: body.description, what: "theme"), by: me.actor)
        return try await fresh(v.id!, req)
    }

    func addOutcome(req: Request) async throws -> VersionJSON {
        let (me, v) = try await ownedVersion(req)
        let body = try req.content.decode(NamedItemJSON.self)
        try await req.frameworks.addOutcome(
            v.id!, theme: body.themeId,
            try NamedItem.validate(name: body.name, description: body.description, what: "outcome"), by: me.actor)
        return try await fresh(v.id!, req)
    }

    func addMeasure(req: Request) async throws -> VersionJSON {
        let (me, v) = try await ownedVersion(req)
        let body = try req.content.decode(MeasureInputJSON.self)
        try await req.frameworks.addMeasure(
            v.id!, outcome: body.outcomeId, try Measure.validate(body.input), by: me.actor)
        return try await fresh(v.id!, req)
    }

    func ownedMeasure(_ req: Request) async throws -> (CurrentUser, FrameworkMeasureModel) {
        let me = try req.requireUser()
        let m = try await req.frameworks.measure(try req.parameterID())
        let v = try await req.frameworks.version(m.$version.id)
        guard me.viewer.canEditFramework(v.framework.owner) else { throw StorageError.roleNotAllowed }
        return (me, m)
    }

    func updateMeasure(req: Request) async throws -> VersionJSON {
        let (me, m) = try await ownedMeasure(req)
        try await req.frameworks.updateMeasure(
            m.id!, try Measure.validate(try req.content.decode(MeasureInputJSON.self).input), by: me.actor)
        return try await fresh(m.$version.id, req)
    }

    func removeMeasure(req: Request) async throws -> HTTPStatus {
        let (me, m) = try await ownedMeasure(req)
        try await req.frameworks.removeMeasure(m.id!, by: me.actor)
        return .noContent
    }

    /// The version a theme or outcome belongs to, checked for ownership.
    func ownedItem(_ req: Request, _ kind: TreeItemKind) async throws -> (CurrentUser, UUID, UUID) {
        let me = try req.requireUser()
        let id = try req.parameterID()
        let versionID: UUID
        switch kind {
        case .theme: versionID = try await FrameworkThemeModel.require(id, on: req.db, "The theme").$version.id
        case .outcome: versionID = try await FrameworkOutcomeModel.require(id, on: req.db, "The outcome").$version.id
        }
        guard me.viewer.canEditFramework(try await req.frameworks.version(versionID).framework.owner) else {
            throw StorageError.roleNotAllowed
        }
        return (me, id, versionID)
    }

    func renameItem(_ req: Request, _ kind: TreeItemKind) async throws -> VersionJSON {
        let (me, id, versionID) = try await ownedItem(req, kind)
        let body = try req.content.decode(NamedItemJSON.self)
        try await req.frameworks.rename(
            kind, id, try NamedItem.validate(name: body.name, description: body.description, what: kind.rawValue),
            by: me.actor)
        return try await fresh(versionID, req)
    }

    func removeItem(_ req: Request, _ kind: TreeItemKind) async throws -> HTTPStatus {
        let (me, id, _) = try await ownedItem(req, kind)
        try await req.frameworks.remove(kind, id, by: me.actor)
        return .noContent
    }

    // MARK: Comments

    func commentJSON(_ c: FrameworkCommentModel) -> CommentJSON {
        CommentJSON(
            id: c.id!, targetKind: c.targetKind, targetId: c.targetID, author: c.author.displayName,
            organisation: c.authorOrganisation,
            text: c.text, createdAt: c.createdAt, response: c.response, respondedBy: c.respondedBy)
    }

    func comments(req: Request) async throws -> [CommentJSON] {
        let (v, access) = try await visibleVersion(req)
        guard access.canEdit || access.canComment else { throw StorageError.roleNotAllowed }
        return try await req.frameworks.comments(on: v.id!).map(commentJSON)
    }

    func addComment(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let (v, access) = try await visibleVersion(req)
        guard access.canComment else { throw StorageError.roleNotAllowed }
        let body = try req.content.decode(NewCommentJSON.self)
        let compacts = try await req.frameworks.commentingCompacts(for: v.framework)
        let seat = try await req.compacts.seats(ofUser: me.user.id!).first { compacts.contains($0.$compact.id) }
        try await req.frameworks.addComment(
            v.id!, targetKind: body.targetKind, targetID: body.targetId, text: body.text, author: me.user,
            onBehalfOf: seat?.organisation.name ?? "", by: me.actor)
        let r = Response(status: .created)
        try r.content.encode(try await req.frameworks.comments(on: v.id!).map(commentJSON), as: .json)
        return r
    }

    func respond(req: Request) async throws -> CommentJSON {
        let me = try req.requireUser()
        let comment = try await FrameworkCommentModel.require(try req.parameterID(), on: req.db, "The comment")
        let v = try await req.frameworks.version(comment.$version.id)
        guard me.viewer.canEditFramework(v.framework.owner) else { throw StorageError.roleNotAllowed }
        try await req.frameworks.respond(
            to: comment.id!, text: try req.content.decode(ResponseJSON.self).response, by: me.actor)
        return commentJSON(try await req.frameworks.comments(on: v.id!).first { $0.id == comment.id }!)
    }

    // MARK: Value sets (signed-in users read; owners write)

    func setJSON(_ s: ValueSetModel, _ req: Request) async throws -> ValueSetJSON {
        let entries = try await req.valueSets.entries(of: s.id!)
        return ValueSetJSON(
            id: s.id!, versionId: s.$version.id, name: s.name, illustrative: s.isIllustrative, notes: s.notes,
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
        _ = try req.requireUser()
        let (v, _) = try await visibleVersion(req)
        var out: [ValueSetJSON] = []
        for s in try await req.valueSets.sets(of: v.id!) { out.append(try await setJSON(s, req)) }
        return out
    }

    func createValueSet(req: Request) async throws -> Response {
        let (me, v) = try await ownedVersion(req)
        let body = try req.content.decode(NewValueSetJSON.self)
        let set = try await req.valueSets.create(
            version: v.id!, name: body.name, illustrative: body.illustrative ?? false, notes: body.notes,
            csv: body.csv ?? "", by: me.actor)
        let r = Response(status: .created)
        try r.content.encode(try await setJSON(set, req), as: .json)
        r.headers.replaceOrAdd(name: .location, value: Paths.API.valueSet(set.id!))
        return r
    }

    /// A value set the signed-in caller may see: its version must be visible to them.
    func visibleSet(_ req: Request) async throws -> ValueSetModel {
        _ = try req.requireUser()
        let set = try await req.valueSets.find(try req.parameterID())
        let version = try await req.frameworks.version(set.$version.id)
        guard try await FrameworkAccess.load(req, version.framework).canSee(version) else {
            throw StorageError.notFound("The value set")
        }
        return set
    }

    func getValueSet(req: Request) async throws -> ValueSetJSON {
        try await setJSON(try await visibleSet(req), req)
    }

    func exportValues(req: Request) async throws -> Response {
        let set = try await visibleSet(req)
        let r = Response(status: .ok, body: .init(string: try await req.valueSets.export(set.id!)))
        r.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        return r
    }

    func replaceValues(req: Request) async throws -> ValueSetJSON {
        let me = try req.requireUser()
        let set = try await req.valueSets.find(try req.parameterID())
        guard me.viewer.canEditFramework(try await req.frameworks.find(set.version.$framework.id).owner) else {
            throw StorageError.roleNotAllowed
        }
        guard let body = req.body.string else {
            throw ValidationFailure("body", "Send the CSV as the request body (Content-Type: text/csv)")
        }
        try await req.valueSets.replaceValues(set.id!, csv: body, by: me.actor)
        return try await setJSON(set, req)
    }

    // MARK: Strategy

    func strategyJSON(_ compactID: UUID, _ req: Request) async throws -> StrategyJSON {
        guard let s = try await req.strategies.strategy(of: compactID) else {
            throw StorageError.notFound("The strategy")
        }
        let priorities = try await req.strategies.priorities(of: s.id!)
        let signups = try await req.strategies.signups(of: s.id!)
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
                    signedUpOn: $0.signedUpOn)
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

    func signUp(req: Request) async throws -> Response {
        let (me, id) = try await manager(req)
        try await req.strategies.signUp(
            compact: id, try req.content.decode(StrategySignupInput.self), viewer: me.viewer, by: me.actor)
        let r = Response(status: .created)
        try r.content.encode(try await strategyJSON(id, req), as: .json)
        return r
    }
}

extension FrameworkTree: Content {}
extension StrategyInput: Content {}
extension StrategyPriorityInput: Content {}
