import Fluent
import Foundation
import SocialValue

/// A version's themes, outcomes and measures, loaded together.
public struct VersionTree: Sendable {
    public struct Outcome: Sendable {
        public let model: FrameworkOutcomeModel
        public let measures: [FrameworkMeasureModel]
    }

    public struct Theme: Sendable {
        public let model: FrameworkThemeModel
        public let outcomes: [Outcome]
    }

    public let themes: [Theme]

    public var measures: [FrameworkMeasureModel] { themes.flatMap { $0.outcomes.flatMap(\.measures) } }
    public var outcomes: [FrameworkOutcomeModel] { themes.flatMap { $0.outcomes.map(\.model) } }
}

/// Frameworks and their versions (draft → consultation → adopted → superseded), trees,
/// co-production records and comments.
public struct FrameworkStore: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    // MARK: Reading

    public func find(_ id: UUID) async throws -> FrameworkModel {
        guard
            let f = try await FrameworkModel.query(on: db).filter(\.$id == id).with(\.$compact).with(\.$organisation)
                .first()
        else {
            throw StorageError.notFound("The framework")
        }
        return f
    }

    /// Every framework, by name, with its owner loaded.
    public func all() async throws -> [FrameworkModel] {
        try await FrameworkModel.query(on: db).with(\.$compact).with(\.$organisation).sort(\.$name).all()
    }

    public func list(search: String? = nil, page: Int? = nil, pageSize: Int = 20) async throws -> (
        [FrameworkModel], ListPage
    ) {
        var q = FrameworkModel.query(on: db).with(\.$compact).with(\.$organisation)
        if let search, !search.isEmpty { q = q.filter(\.$name, contains: search, on: db) }
        return try await q.sort(\.$name).paginated(page, size: pageSize)
    }

    static func versions(of frameworkID: UUID, on db: Database) async throws -> [FrameworkVersionModel] {
        try await FrameworkVersionModel.query(on: db).filter(\.$framework.$id == frameworkID).sort(
            \.$number, .descending
        ).all()
    }

    /// The framework's versions `viewer` may see, newest first: adopted and superseded ones for
    /// everyone, drafts and consultations for the owners and the commenting Compact groups.
    public func versions(of frameworkID: UUID, viewer: Viewer?) async throws -> [FrameworkVersionModel] {
        let framework = try await find(frameworkID)
        let compacts = try await Self.commentingCompacts(for: framework, on: db)
        return try await Self.versions(of: frameworkID, on: db).filter {
            viewer.canSeeFrameworkVersion(owner: framework.owner, compacts: compacts, open: $0.status.isEditable)
        }
    }

    static func version(_ id: UUID, on db: Database) async throws -> FrameworkVersionModel {
        guard
            let v = try await FrameworkVersionModel.query(on: db).filter(\.$id == id).with(
                \.$framework, { $0.with(\.$compact).with(\.$organisation) }
            ).first()
        else {
            throw StorageError.notFound("The framework version")
        }
        return v
    }

    /// The version, with its framework, if `viewer` may see it (others: not found).
    static func visibleVersion(_ id: UUID, viewer: Viewer?, on db: Database) async throws -> FrameworkVersionModel {
        let v = try await version(id, on: db)
        if v.status.isEditable {
            let compacts = try await commentingCompacts(for: v.framework, on: db)
            guard viewer.canSeeFrameworkVersion(owner: v.framework.owner, compacts: compacts, open: true) else {
                throw StorageError.notFound("The framework version")
            }
        }
        return v
    }

    /// The version, with its framework, checked that `viewer` owns the framework.
    static func ownedVersion(_ id: UUID, viewer: Viewer, _ what: String, on db: Database) async throws
        -> FrameworkVersionModel
    {
        let v = try await version(id, on: db)
        try checkEdits(v.framework, viewer: viewer, what)
        return v
    }

    /// Throws `forbidden` unless `viewer` may edit frameworks of `owner`.
    static func checkEdits(_ owner: FrameworkOwner, viewer: Viewer, _ what: String) throws {
        guard viewer.canEditFramework(owner) else {
            switch owner {
            case .compact: throw StorageError.forbidden("Only the Compact’s group \(what)")
            case .organisation: throw StorageError.forbidden("Only the owning body’s commissioners \(what)")
            }
        }
    }

    static func checkEdits(_ framework: FrameworkModel, viewer: Viewer, _ what: String) throws {
        try checkEdits(framework.owner, viewer: viewer, what)
    }

    /// A version's summary (its framework, number and status), for linking to it, whoever asks:
    /// its definition, tree, comments and value sets are read through the checked methods.
    public func versionSummary(_ id: UUID) async throws -> FrameworkVersionModel {
        try await Self.version(id, on: db)
    }

    /// Every version's summary, newest first, for choosing one to link to (see `versionSummary`).
    public func versionSummaries(of frameworkID: UUID) async throws -> [FrameworkVersionModel] {
        try await Self.versions(of: frameworkID, on: db)
    }

    /// The version as `viewer` may see it: adopted and superseded versions are public, drafts
    /// and consultations are for the owners and the commenting Compact groups (others: not found).
    public func version(_ id: UUID, viewer: Viewer?) async throws -> FrameworkVersionModel {
        try await Self.visibleVersion(id, viewer: viewer, on: db)
    }

    /// What `viewer` may do with a framework: edit it (its owners), comment on its open versions
    /// (the Compact groups asked).
    public struct Permissions: Sendable {
        public let canEdit: Bool
        public let canComment: Bool
    }

    public func permissions(_ framework: FrameworkModel, viewer: Viewer?) async throws -> Permissions {
        guard let viewer else { return Permissions(canEdit: false, canComment: false) }
        let compacts = try await Self.commentingCompacts(for: framework, on: db)
        return Permissions(
            canEdit: viewer.canEditFramework(framework.owner),
            canComment: viewer.canCommentOnFramework(compacts: compacts))
    }

    /// The adopted version of a framework, if any.
    public func adoptedVersion(of frameworkID: UUID) async throws -> FrameworkVersionModel? {
        try await FrameworkVersionModel.query(on: db).filter(\.$framework.$id == frameworkID)
            .filter(\.$status == .adopted).first()
    }

    /// Adopted versions of frameworks a Compact owns, for strategies and the market statement.
    public func adoptedVersions(ownedBy compactID: UUID) async throws -> [FrameworkVersionModel] {
        let frameworks = try await FrameworkModel.query(on: db).filter(\.$compact.$id == compactID).all()
        guard !frameworks.isEmpty else { return [] }
        return try await FrameworkVersionModel.query(on: db).filter(\.$framework.$id ~~ frameworks.compactMap(\.id))
            .filter(\.$status == .adopted).with(\.$framework).all()
    }

    /// The version's tree, if `viewer` may see the version.
    public func tree(of versionID: UUID, viewer: Viewer?) async throws -> VersionTree {
        _ = try await Self.visibleVersion(versionID, viewer: viewer, on: db)
        return try await tree(of: versionID)
    }

    /// The tree, unchecked: for stores that show adopted versions only.
    func tree(of versionID: UUID) async throws -> VersionTree {
        let themes = try await FrameworkThemeModel.query(on: db).filter(\.$version.$id == versionID).sort(\.$ordinal)
            .all()
        let outcomes = try await FrameworkOutcomeModel.query(on: db).filter(\.$version.$id == versionID).sort(
            \.$ordinal
        ).all()
        let measures = try await FrameworkMeasureModel.query(on: db).filter(\.$version.$id == versionID).sort(
            \.$ordinal
        ).all()
        return VersionTree(
            themes: themes.map { t in
                VersionTree.Theme(
                    model: t,
                    outcomes: outcomes.filter { $0.$theme.id == t.id }.map { o in
                        VersionTree.Outcome(model: o, measures: measures.filter { $0.$outcome.id == o.id })
                    })
            })
    }

    public func exportTree(_ versionID: UUID, viewer: Viewer?) async throws -> FrameworkTree {
        try await exportTree(try await Self.visibleVersion(versionID, viewer: viewer, on: db))
    }

    func exportTree(_ v: FrameworkVersionModel) async throws -> FrameworkTree {
        let t = try await tree(of: v.requireID())
        return FrameworkTree(
            definition: v.definition,
            themes: t.themes.map { theme in
                .init(
                    name: theme.model.name, description: theme.model.description,
                    outcomes: theme.outcomes.map { o in
                        .init(
                            name: o.model.name, description: o.model.description, source: o.model.source,
                            measures: o.measures.map(\.measure))
                    })
            })
    }

    public func adoptions(of versionID: UUID, viewer: Viewer?) async throws -> [FrameworkAdoptionModel] {
        _ = try await Self.visibleVersion(versionID, viewer: viewer, on: db)
        return try await FrameworkAdoptionModel.query(on: db).filter(\.$version.$id == versionID).with(\.$organisation)
            .all()
    }

    public func contributors(of frameworkID: UUID) async throws -> [FrameworkContributorModel] {
        try await FrameworkContributorModel.query(on: db).filter(\.$framework.$id == frameworkID).with(\.$organisation)
            .all()
    }

    public func workshops(of frameworkID: UUID) async throws -> [FrameworkWorkshopModel] {
        try await FrameworkWorkshopModel.query(on: db).filter(\.$framework.$id == frameworkID).sort(
            \.$heldOn, .descending
        ).all()
    }

    /// The comments on a version and their responses, for those who may see the version.
    public func comments(on versionID: UUID, viewer: Viewer?) async throws -> [FrameworkCommentModel] {
        _ = try await Self.visibleVersion(versionID, viewer: viewer, on: db)
        return try await FrameworkCommentModel.query(on: db).filter(\.$version.$id == versionID).with(\.$author).sort(
            \.$createdAt
        ).all()
    }

    /// The Compacts whose group may comment: the owning Compact, or those the owning body signed.
    public func commentingCompacts(for framework: FrameworkModel) async throws -> Set<UUID> {
        try await Self.commentingCompacts(for: framework, on: db)
    }

    static func commentingCompacts(for framework: FrameworkModel, on db: Database) async throws -> Set<UUID> {
        switch framework.owner {
        case .compact(let id): return [id]
        case .organisation(let id):
            return Set(
                try await CompactSignatoryModel.query(on: db).filter(\.$organisation.$id == id).all().map {
                    $0.$compact.id
                })
        }
    }

    /// Adopted versions past their review date, for the owners' and groups' dashboards.
    public func versionsDueForReview(today: CalendarDate) async throws -> [FrameworkVersionModel] {
        try await FrameworkVersionModel.query(on: db).filter(\.$status == .adopted)
            .filter(\.$reviewOn <= today.iso).with(\.$framework, { $0.with(\.$compact).with(\.$organisation) }).all()
    }

    // MARK: Frameworks and versions

    /// Creates a framework and its first draft version from the input's template or tree.
    public func create(_ input: NewFrameworkInput, viewer: Viewer, by actor: Actor) async throws -> (
        FrameworkModel, FrameworkVersionModel
    ) {
        let owner = try input.chosenOwner()
        try Self.checkEdits(owner, viewer: viewer, "start its frameworks")
        let tree: FrameworkTree
        let template: FrameworkOrigin
        if let given = input.tree {
            (tree, template) = (given, .imported)
        } else {
            let chosen = try input.chosenTemplate()
            (tree, template) = (try FrameworkTemplateLibrary.tree(for: chosen), .template(chosen))
        }
        return try await create(
            name: input.name, owner: owner, template: template, tree: tree, reviewOn: input.reviewOn, viewer: viewer,
            by: actor)
    }

    /// Creates a framework and its first draft version from a template or an imported tree.
    public func create(
        name raw: String?, owner: FrameworkOwner, template: FrameworkOrigin, tree: FrameworkTree,
        reviewOn rawReview: String?,
        viewer: Viewer, by actor: Actor
    ) async throws -> (FrameworkModel, FrameworkVersionModel) {
        try Self.checkEdits(owner, viewer: viewer, "start its frameworks")
        var p = Problems()
        let name = p.text(raw, field: "name", label: "the framework’s name")
        let review = date(rawReview, field: "reviewOn", label: "the review date", &p)
        var cleaned = tree
        do { cleaned = try tree.validated() } catch let f as ValidationFailure {
            for e in f.errors { p.add(e.field, e.message) }
        }
        try p.throwIfAny()
        let valid = cleaned
        return try await db.write { tx in
            if try await FrameworkModel.query(on: tx).filter(\.$name == name!).first() != nil {
                throw ValidationFailure("name", "A framework called \(name!) already exists")
            }
            let f = FrameworkModel()
            f.name = name!
            f.template = template
            switch owner {
            case .compact(let id):
                _ = try await CompactModel.require(id, on: tx, "The Compact")
                f.$compact.id = id
            case .organisation(let id):
                let org = try await OrganisationModel.require(id, on: tx, "The organisation")
                guard org.organisationKind.sector == .publicBody else {
                    throw ValidationFailure("owner", "A framework belongs to a Compact or to a public body")
                }
                f.$organisation.id = id
            }
            try await f.create(on: tx)
            try await AuditLog.record(
                "created", "framework", id: f.requireID().uuidString,
                changes: [
                    "name": FieldChange(from: nil, to: f.name),
                    "template": FieldChange(from: nil, to: template.rawValue),
                ], by: actor, on: tx)
            let v = try await Self.insertVersion(
                framework: f.requireID(), number: 1, tree: valid, reviewOn: review!, by: actor, on: tx)
            return (f, v)
        }
    }

    static func insertVersion(
        framework: UUID, number: Int, tree: FrameworkTree, reviewOn: CalendarDate, by actor: Actor,
        on tx: Database
    ) async throws -> FrameworkVersionModel {
        let v = FrameworkVersionModel()
        v.$framework.id = framework
        v.number = number
        v.status = .draft
        v.definition = tree.definition
        v.reviewOn = reviewOn.iso
        try await v.create(on: tx)
        for (t, theme) in tree.themes.enumerated() {
            let tm = FrameworkThemeModel()
            tm.$version.id = try v.requireID()
            tm.ordinal = t + 1
            tm.name = theme.name
            tm.description = theme.description
            try await tm.create(on: tx)
            for (o, outcome) in theme.outcomes.enumerated() {
                let om = FrameworkOutcomeModel()
                om.$version.id = try v.requireID()
                om.$theme.id = try tm.requireID()
                om.ordinal = o + 1
                om.name = outcome.name
                om.description = outcome.description
                om.source = outcome.source
                try await om.create(on: tx)
                for (m, measure) in outcome.measures.enumerated() {
                    let mm = FrameworkMeasureModel()
                    mm.$version.id = try v.requireID()
                    mm.$outcome.id = try om.requireID()
                    mm.ordinal = m + 1
                    mm.apply(measure)
                    try await mm.create(on: tx)
                }
            }
        }
        var changes = AuditLog.diff(nil, v.auditFields)
        changes["themes"] = FieldChange(from: nil, to: String(tree.themes.count))
        changes["measures"] = FieldChange(from: nil, to: String(tree.measureCount))
        try await AuditLog.record(
            "created", "framework-version", id: v.requireID().uuidString, changes: changes, by: actor, on: tx)
        return v
    }

    /// "New version" copies the adopted version (or, with none adopted, the latest) as a draft.
    /// Only one draft or consultation version may be open at a time.
    public func newVersion(of frameworkID: UUID, viewer: Viewer, by actor: Actor) async throws -> FrameworkVersionModel
    {
        try Self.checkEdits(try await find(frameworkID), viewer: viewer, "start new versions")
        let all = try await Self.versions(of: frameworkID, on: db)
        if let open = all.first(where: { $0.status.isEditable }) {
            throw ValidationFailure(
                "version",
                "\(open.label) is still \(open.status.label.lowercased()): adopt or finish it before starting another")
        }
        guard let base = all.first(where: { $0.status == .adopted }) ?? all.first else {
            throw StorageError.notFound("The framework")
        }
        let tree = try await exportTree(base)
        let review = CalendarDate(iso: base.reviewOn) ?? CalendarDate(dayNumber: 0)
        return try await db.write { tx in
            try await Self.insertVersion(
                framework: frameworkID, number: (all.map(\.number).max() ?? 0) + 1, tree: tree,
                reviewOn: review, by: actor, on: tx)
        }
    }

    static func editable(_ versionID: UUID, on tx: Database) async throws -> FrameworkVersionModel {
        let v = try await FrameworkVersionModel.require(versionID, on: tx, "The framework version")
        guard v.status.isEditable else {
            throw ValidationFailure(
                "status",
                "\(v.label) is \(v.status.label.lowercased()) and cannot be changed: start a new version to make changes"
            )
        }
        return v
    }

    public func updateVersion(_ versionID: UUID, _ input: VersionInput, viewer: Viewer, by actor: Actor) async throws {
        _ = try await Self.ownedVersion(versionID, viewer: viewer, "change the draft", on: db)
        var p = Problems()
        let definition = p.text(
            input.definition, field: "definition", label: "the local definition of social value", max: 10_000)
        let review = date(input.reviewOn, field: "reviewOn", label: "the review date", &p)
        try p.throwIfAny()
        try await db.write { tx in
            let v = try await Self.editable(versionID, on: tx)
            let before = v.auditFields
            v.definition = definition!
            v.reviewOn = review!.iso
            try await Self.save(v, before: before, by: actor, on: tx)
        }
    }

    static func save(_ v: FrameworkVersionModel, before: [String: String?], by actor: Actor, on tx: Database)
        async throws
    {
        let changes = AuditLog.diff(before, v.auditFields)
        guard !changes.isEmpty else { return }
        try await v.update(on: tx)
        try await AuditLog.record(
            "updated", "framework-version", id: v.requireID().uuidString, changes: changes, by: actor, on: tx)
    }

    /// Moves a version on. Adopting records the date and the public bodies that adopted it, and
    /// supersedes the version adopted before.
    public func transition(_ versionID: UUID, _ input: TransitionInput, viewer: Viewer, by actor: Actor) async throws {
        _ = try await Self.ownedVersion(versionID, viewer: viewer, "move a version on", on: db)
        let (rawDate, adoptedBy) = (input.adoptedOn, input.adoptedBy ?? [])
        guard let raw = input.status, let next = FrameworkStatus(rawValue: raw) else {
            throw ValidationFailure("status", "Choose draft, consultation or adopted")
        }
        var p = Problems()
        var adopted: CalendarDate?
        if next == .adopted {
            adopted = date(rawDate, field: "adoptedOn", label: "the date it was adopted", &p)
            if adoptedBy.isEmpty { p.add("adoptedBy", "Select the public bodies that adopted it") }
        }
        try p.throwIfAny()
        let adoptedOn = adopted?.iso ?? ""
        try await db.write { tx in
            let v = try await FrameworkVersionModel.require(versionID, on: tx, "The framework version")
            guard v.status.canMove(to: next) else {
                throw ValidationFailure(
                    "status",
                    "\(v.label) is \(v.status.label.lowercased()) and cannot become \(next.label.lowercased())")
            }
            if next == .adopted {
                if v.definition.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    throw ValidationFailure(
                        "definition", "Write the local definition of social value before adopting \(v.label)")
                }
                if try await FrameworkMeasureModel.query(on: tx).filter(\.$version.$id == versionID).count() == 0 {
                    throw ValidationFailure("status", "Add at least one measure before adopting \(v.label)")
                }
                for org in adoptedBy {
                    guard let o = try await OrganisationModel.find(org, on: tx),
                        o.organisationKind.sector == .publicBody
                    else {
                        throw ValidationFailure("adoptedBy", "Only public bodies adopt a framework")
                    }
                    let a = FrameworkAdoptionModel()
                    a.$version.id = versionID
                    a.$organisation.id = org
                    a.adoptedOn = adoptedOn
                    try await a.create(on: tx)
                }
                let previous = try await FrameworkVersionModel.query(on: tx).filter(\.$framework.$id == v.$framework.id)
                    .filter(\.$status == .adopted).all()
                for old in previous {
                    let before = old.auditFields
                    old.status = .superseded
                    old.supersededOn = adoptedOn
                    try await Self.save(old, before: before, by: actor, on: tx)
                }
                v.adoptedOn = adoptedOn
            }
            let before = v.auditFields
            v.status = next
            try await Self.save(v, before: before, by: actor, on: tx)
        }
    }

    // MARK: The tree (editable versions only)

    public func addTheme(_ versionID: UUID, _ input: TreeItemInput, viewer: Viewer, by actor: Actor) async throws {
        _ = try await Self.ownedVersion(versionID, viewer: viewer, "change the framework", on: db)
        let item = try input.validated("theme")
        try await db.write { tx in
            _ = try await Self.editable(versionID, on: tx)
            let n = try await FrameworkThemeModel.query(on: tx).filter(\.$version.$id == versionID).count()
            let t = FrameworkThemeModel()
            t.$version.id = versionID
            t.ordinal = n + 1
            t.name = item.name
            t.description = item.description
            try await t.create(on: tx)
            try await AuditLog.record(
                "created", "framework-theme", id: t.requireID().uuidString,
                changes: ["name": FieldChange(from: nil, to: t.name)], by: actor, on: tx)
        }
    }

    public func addOutcome(_ versionID: UUID, _ input: TreeItemInput, viewer: Viewer, by actor: Actor) async throws {
        _ = try await Self.ownedVersion(versionID, viewer: viewer, "change the framework", on: db)
        let item = try input.validated("outcome")
        let themeID = input.themeId
        try await db.write { tx in
            _ = try await Self.editable(versionID, on: tx)
            guard let themeID, let theme = try await FrameworkThemeModel.find(themeID, on: tx),
                theme.$version.id == versionID
            else {
                throw ValidationFailure("themeId", "Select the theme this outcome belongs to")
            }
            let n = try await FrameworkOutcomeModel.query(on: tx).filter(\.$theme.$id == themeID).count()
            let o = FrameworkOutcomeModel()
            o.$version.id = versionID
            o.$theme.id = try theme.requireID()
            o.ordinal = n + 1
            o.name = item.name
            o.description = item.description
            o.source = ""
            try await o.create(on: tx)
            try await AuditLog.record(
                "created", "framework-outcome", id: o.requireID().uuidString,
                changes: [
                    "name": FieldChange(from: nil, to: o.name), "theme": FieldChange(from: nil, to: theme.name),
                ], by: actor, on: tx)
        }
    }

    /// Adds a measure under `input.outcomeId`.
    public func addMeasure(_ versionID: UUID, _ input: MeasureInput, viewer: Viewer, by actor: Actor) async throws {
        _ = try await Self.ownedVersion(versionID, viewer: viewer, "change the framework", on: db)
        let measure = try Measure.validate(input)
        let outcomeID = input.outcomeId
        try await db.write { tx in
            _ = try await Self.editable(versionID, on: tx)
            guard let outcomeID, let outcome = try await FrameworkOutcomeModel.find(outcomeID, on: tx),
                outcome.$version.id == versionID
            else {
                throw ValidationFailure("outcomeId", "Select the outcome this measure belongs to")
            }
            try await Self.checkCodeFree(measure.code, version: versionID, except: nil, on: tx)
            let n = try await FrameworkMeasureModel.query(on: tx).filter(\.$outcome.$id == outcomeID).count()
            let m = FrameworkMeasureModel()
            m.$version.id = versionID
            m.$outcome.id = outcomeID
            m.ordinal = n + 1
            m.apply(measure)
            try await m.create(on: tx)
            try await AuditLog.record(
                "created", "framework-measure", id: m.requireID().uuidString,
                changes: AuditLog.diff(nil, m.auditFields), by: actor, on: tx)
        }
    }

    static func checkCodeFree(_ code: String, version: UUID, except: UUID?, on tx: Database) async throws {
        let all = try await FrameworkMeasureModel.query(on: tx).filter(\.$version.$id == version).all()
        if all.contains(where: { $0.code.lowercased() == code.lowercased() && $0.id != except }) {
            throw ValidationFailure(
                "code", "The code \(code) is already used in this version: codes are unique in a framework")
        }
    }

    /// A measure, if `viewer` may see its version.
    public func measure(_ id: UUID, viewer: Viewer?) async throws -> FrameworkMeasureModel {
        let m = try await FrameworkMeasureModel.require(id, on: db, "The measure")
        _ = try await Self.visibleVersion(m.$version.id, viewer: viewer, on: db)
        return m
    }

    /// The version a measure, theme or outcome belongs to, checked that `viewer` owns it.
    func ownedItem<M: Model>(_ type: M.Type, _ id: UUID, viewer: Viewer, name: String, version: (M) -> UUID)
        async throws -> M where M.IDValue == UUID
    {
        let item = try await M.require(id, on: db, name)
        _ = try await Self.ownedVersion(version(item), viewer: viewer, "change the framework", on: db)
        return item
    }

    public func updateMeasure(_ measureID: UUID, _ input: MeasureInput, viewer: Viewer, by actor: Actor) async throws {
        _ = try await ownedItem(FrameworkMeasureModel.self, measureID, viewer: viewer, name: "The measure") {
            $0.$version.id
        }
        let measure = try Measure.validate(input)
        try await db.write { tx in
            let m = try await FrameworkMeasureModel.require(measureID, on: tx, "The measure")
            _ = try await Self.editable(m.$version.id, on: tx)
            try await Self.checkCodeFree(measure.code, version: m.$version.id, except: measureID, on: tx)
            let before = m.auditFields
            m.apply(measure)
            let changes = AuditLog.diff(before, m.auditFields)
            guard !changes.isEmpty else { return }
            try await m.update(on: tx)
            try await AuditLog.record(
                "updated", "framework-measure", id: measureID.uuidString, changes: changes, by: actor, on: tx)
        }
    }

    public func removeMeasure(_ measureID: UUID, viewer: Viewer, by actor: Actor) async throws {
        _ = try await ownedItem(FrameworkMeasureModel.self, measureID, viewer: viewer, name: "The measure") {
            $0.$version.id
        }
        try await db.write { tx in
            let m = try await FrameworkMeasureModel.require(measureID, on: tx, "The measure")
            _ = try await Self.editable(m.$version.id, on: tx)
            try await m.delete(on: tx)
            try await AuditLog.record(
                "deleted", "framework-measure", id: measureID.uuidString, changes: AuditLog.diff(m.auditFields, nil),
                by: actor, on: tx)
        }
    }

    // MARK: Co-production

    public func addContributor(_ frameworkID: UUID, _ input: ContributorInput, viewer: Viewer, by actor: Actor)
        async throws
    {
        try Self.checkEdits(try await find(frameworkID), viewer: viewer, "record contributors")
        let (orgID, raw) = (input.organisationId, input.contribution)
        var p = Problems()
        if orgID == nil { p.add("organisationId", "Select the organisation that contributed") }
        let contribution = p.text(raw, field: "contribution", label: "how they contributed", max: 500)
        try p.throwIfAny()
        try await db.write { tx in
            _ = try await FrameworkModel.require(frameworkID, on: tx, "The framework")
            guard let org = try await OrganisationModel.find(orgID, on: tx) else {
                throw ValidationFailure("organisationId", "Select an organisation from the list")
            }
            if try await FrameworkContributorModel.query(on: tx).filter(\.$framework.$id == frameworkID).filter(
                \.$organisation.$id == orgID!
            ).first() != nil {
                throw ValidationFailure("organisationId", "\(org.name) is already recorded as a contributor")
            }
            let c = FrameworkContributorModel()
            c.$framework.id = frameworkID
            c.$organisation.id = orgID!
            c.contribution = contribution!
            try await c.create(on: tx)
            try await AuditLog.record(
                "created", "framework-contributor", id: c.requireID().uuidString,
                changes: [
                    "organisation": FieldChange(from: nil, to: org.name),
                    "contribution": FieldChange(from: nil, to: c.contribution),
                ], by: actor, on: tx)
        }
    }

    public func addWorkshop(_ frameworkID: UUID, _ input: WorkshopInput, viewer: Viewer, by actor: Actor) async throws {
        try Self.checkEdits(try await find(frameworkID), viewer: viewer, "record workshops")
        let (rawDate, rawTitle, rawNotes) = (input.heldOn, input.title, input.notes)
        let attending = input.attending ?? []
        var p = Problems()
        let held = date(rawDate, field: "heldOn", label: "the date of the workshop", &p)
        let title = p.text(rawTitle, field: "title", label: "a title, like ‘Defining social value for Eastmoor’")
        let notes = p.text(rawNotes, field: "notes", label: "notes of what was discussed", max: 10_000)
        if attending.isEmpty { p.add("attending", "Select the organisations that attended") }
        try p.throwIfAny()
        try await db.write { tx in
            _ = try await FrameworkModel.require(frameworkID, on: tx, "The framework")
            let orgs = try await OrganisationModel.query(on: tx).filter(\.$id ~~ attending).sort(\.$name).all()
            guard orgs.count == Set(attending).count else {
                throw ValidationFailure("attending", "Select organisations from the list")
            }
            let w = FrameworkWorkshopModel()
            w.$framework.id = frameworkID
            w.heldOn = held!.iso
            w.title = title!
            w.notes = notes!
            w.attendeesJSON = String(decoding: try JSONEncoder().encode(orgs.map(\.name)), as: UTF8.self)
            try await w.create(on: tx)
            try await AuditLog.record(
                "created", "framework-workshop", id: w.requireID().uuidString,
                changes: [
                    "heldOn": FieldChange(from: nil, to: w.heldOn), "title": FieldChange(from: nil, to: w.title),
                    "attendees": FieldChange(from: nil, to: w.attendeesJSON),
                ], by: actor, on: tx)
        }
    }

    static let commentersOnly = "Only members of the Compact groups asked for comments can comment on a framework"

    /// A comment on an outcome or measure of a draft (or a version out for consultation), by a
    /// member of a commenting Compact group, on behalf of the organisation their seat represents.
    public func addComment(_ versionID: UUID, _ input: CommentInput, viewer: Viewer, by actor: Actor) async throws {
        let version = try await Self.version(versionID, on: db)
        let compacts = try await Self.commentingCompacts(for: version.framework, on: db)
        guard viewer.canCommentOnFramework(compacts: compacts) else {
            throw StorageError.forbidden(Self.commentersOnly)
        }
        let seat = try await CompactGroupSeatModel.query(on: db).filter(\.$user.$id == viewer.userID)
            .filter(\.$compact.$id ~~ compacts).with(\.$organisation).first()
        let organisation = seat?.organisation.name ?? ""
        let (targetKind, targetID, raw) = (input.targetKind, input.targetId, input.text)
        var p = Problems()
        let text = p.text(raw, field: "text", label: "your comment", max: 5_000)
        let target = targetKind.flatMap(CommentTarget.init(rawValue:))
        if target == nil { p.add("targetKind", "Comment on an outcome or a measure") }
        try p.throwIfAny()
        try await db.write { tx in
            let v = try await FrameworkVersionModel.require(versionID, on: tx, "The framework version")
            guard v.status.isEditable else {
                throw ValidationFailure(
                    "text",
                    "\(v.label) is \(v.status.label.lowercased()): comments are taken on drafts and consultations only")
            }
            let belongs: Bool
            if target == .outcome {
                belongs = try await FrameworkOutcomeModel.find(targetID, on: tx)?.$version.id == versionID
            } else {
                belongs = try await FrameworkMeasureModel.find(targetID, on: tx)?.$version.id == versionID
            }
            guard belongs else {
                throw ValidationFailure("targetId", "That \(target?.rawValue ?? "") is not in \(v.label)")
            }
            let c = FrameworkCommentModel()
            c.$version.id = versionID
            c.targetKind = target ?? .outcome
            c.targetID = targetID!
            c.$author.id = viewer.userID
            c.authorOrganisation = organisation
            c.text = text!
            c.createdAt = Date()
            try await c.create(on: tx)
            try await AuditLog.record(
                "created", "framework-comment", id: c.requireID().uuidString,
                changes: [
                    "text": FieldChange(from: nil, to: c.text),
                    "on": FieldChange(from: nil, to: "\(c.targetKind.rawValue) \(c.targetID.uuidString)"),
                ], by: actor, on: tx)
        }
    }

    /// The owners' response to a comment, as version 1; returns the comment's version. A response
    /// is given once: after that it is amended (`amendResponse`), and giving it again is a 409.
    @discardableResult
    public func respond(
        to commentID: UUID, _ input: CommentResponseInput, viewer: Viewer, by actor: Actor, now: Date = Date()
    )
        async throws -> UUID
    {
        let comment = try await ownedItem(FrameworkCommentModel.self, commentID, viewer: viewer, name: "The comment") {
            $0.$version.id
        }
        let raw = input.response
        var p = Problems()
        let text = p.text(raw, field: "response", label: "the response", max: CommentResponse.maxLength)
        try p.throwIfAny()
        try await db.write { tx in
            let c = try await FrameworkCommentModel.require(commentID, on: tx, "The comment")
            if c.response != nil {
                throw StorageError.conflict(
                    FieldError(
                        "response",
                        "This comment already has a response, published\(c.respondedAt.map { " on \(UKTime.date(at: $0).longForm)" } ?? ""): it is not changed in place. Amend it with a reason (POST /api/v1/framework-comments/\(commentID)/response/amendments), and the response stays beside the amendment"
                    ))
            }
            let before: [String: String?] = ["response": c.response]
            c.response = text!
            c.respondedBy = actor.label
            c.respondedAt = now
            try await c.update(on: tx)
            try await Self.addResponseVersion(commentID, 1, text!, reason: nil, by: actor, at: now, on: tx)
            try await AuditLog.record(
                "responded", "framework-comment", id: commentID.uuidString,
                changes: AuditLog.diff(before, ["response": c.response]), by: actor, on: tx)
        }
        return comment.$version.id
    }
}

extension FrameworkStore {
    /// Renames a theme or outcome of an editable version.
    public func rename(_ kind: TreeItemKind, _ id: UUID, _ input: TreeItemInput, viewer: Viewer, by actor: Actor)
        async throws
    {
        _ = try await versionOf(kind, id, viewer: viewer)
        let item = try input.validated(kind.rawValue)
        switch kind {
        case .theme: try await rename(FrameworkThemeModel.self, id, item, by: actor)
        case .outcome: try await rename(FrameworkOutcomeModel.self, id, item, by: actor)
        }
    }

    private func rename<M: NamedTreeModel>(_ type: M.Type, _ id: UUID, _ item: NamedItem, by actor: Actor) async throws
    {
        try await db.write { tx in
            let record = try await M.require(id, on: tx, "The \(M.kind.rawValue)")
            _ = try await Self.editable(record.versionID, on: tx)
            let before: [String: String?] = ["name": record.name, "description": record.description]
            record.name = item.name
            record.description = item.description
            try await record.update(on: tx)
            try await AuditLog.record(
                "updated", "framework-\(M.kind.rawValue)", id: id.uuidString,
                changes: AuditLog.diff(before, ["name": record.name, "description": record.description]), by: actor,
                on: tx)
        }
    }

    /// Removes a theme or outcome of an editable version with everything under it, unless a
    /// strategy priority points at one of its outcomes.
    public func remove(_ kind: TreeItemKind, _ id: UUID, viewer: Viewer, by actor: Actor) async throws {
        _ = try await versionOf(kind, id, viewer: viewer)
        try await db.write { tx in
            let outcomes: [FrameworkOutcomeModel]
            let name: String
            switch kind {
            case .theme:
                let t = try await FrameworkThemeModel.require(id, on: tx, "The theme")
                _ = try await Self.editable(t.$version.id, on: tx)
                outcomes = try await FrameworkOutcomeModel.query(on: tx).filter(\.$theme.$id == id).all()
                name = t.name
            case .outcome:
                let o = try await FrameworkOutcomeModel.require(id, on: tx, "The outcome")
                _ = try await Self.editable(o.$version.id, on: tx)
                outcomes = [o]
                name = o.name
            }
            let ids = outcomes.compactMap(\.id)
            if !ids.isEmpty, try await StrategyPriorityModel.query(on: tx).filter(\.$outcome.$id ~~ ids).count() > 0 {
                throw ValidationFailure("id", "A strategy priority uses \(name): change the strategy first")
            }
            if !ids.isEmpty { try await FrameworkMeasureModel.query(on: tx).filter(\.$outcome.$id ~~ ids).delete() }
            switch kind {
            case .theme:
                try await FrameworkOutcomeModel.query(on: tx).filter(\.$theme.$id == id).delete()
                try await FrameworkThemeModel.query(on: tx).filter(\.$id == id).delete()
            case .outcome:
                try await FrameworkOutcomeModel.query(on: tx).filter(\.$id == id).delete()
            }
            try await AuditLog.record(
                "deleted", "framework-\(kind.rawValue)", id: id.uuidString,
                changes: ["name": FieldChange(from: name, to: nil)], by: actor, on: tx)
        }
    }
}

extension FrameworkStore {
    /// The version a theme or outcome belongs to, checked that `viewer` owns its framework.
    public func versionOf(_ kind: TreeItemKind, _ id: UUID, viewer: Viewer) async throws -> UUID {
        switch kind {
        case .theme:
            return try await ownedItem(FrameworkThemeModel.self, id, viewer: viewer, name: "The theme") {
                $0.$version.id
            }.$version.id
        case .outcome:
            return try await ownedItem(FrameworkOutcomeModel.self, id, viewer: viewer, name: "The outcome") {
                $0.$version.id
            }.$version.id
        }
    }
}

public enum TreeItemKind: String, Sendable {
    case theme
    case outcome
}

/// A named node of a version's tree (a theme or an outcome).
protocol NamedTreeModel: Model where IDValue == UUID {
    static var kind: TreeItemKind { get }
    var name: String { get set }
    var description: String { get set }
    var versionID: UUID { get }
}

extension FrameworkThemeModel: NamedTreeModel {
    static var kind: TreeItemKind { .theme }
    var versionID: UUID { $version.id }
}

extension FrameworkOutcomeModel: NamedTreeModel {
    static var kind: TreeItemKind { .outcome }
    var versionID: UUID { $version.id }
}
