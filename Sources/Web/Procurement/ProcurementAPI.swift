import Fluent
import Foundation
import SocialValue
import Storage
import Vapor

/// Screening and evaluation documents, procurements, the pipeline and market engagement events
/// under /api/v1. The two calculations and the pipeline are public; everything else needs a
/// bearer token.
struct ProcurementAPI: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.on(.POST, "screenings", body: .collect(maxSize: "256kb"), use: screen)
        api.on(.POST, "evaluations", body: .collect(maxSize: "1mb"), use: evaluate)
        let p = api.grouped("procurements")
        p.get(use: list)
        p.post(use: create)
        p.get(":id", use: get)
        p.put(":id", use: update)
        p.put(":id", "consideration", use: consideration)
        p.post(":id", "consideration", "amendments", use: amendConsideration)
        p.post(":id", "transition", use: transition)
        p.post(":id", "publish", use: publish)
        p.get(":id", "events", use: events)
        p.post(":id", "events", use: addEvent)
        p.post(":id", "comments", use: addComment)
        api.post("engagement-events", ":id", "registrations", use: register)
        api.post("engagement-events", ":id", "notes", use: notes)
    }

    let shared = APIv1()

    /// The screening document in, the result document out; 422 with problems named by JSON path.
    func screen(req: Request) async throws -> Response {
        try calculation(req) { try Screening.run($0, thresholds: ThresholdData.table) }
    }

    /// The tender evaluation document in, the ranking document out (calculations.md §2). A
    /// stateless calculator: nothing is stored, so `?persist=false` changes nothing.
    func evaluate(req: Request) async throws -> Response {
        try calculation(req, Evaluation.run)
    }

    /// Runs a calculation document; its `ValidationFailure` becomes the 422 problems list.
    func calculation(_ req: Request, _ calculate: (String) throws -> String) throws -> Response {
        let output = try calculate(req.body.string ?? "")
        let r = Response(status: .ok, body: .init(string: output))
        r.headers.contentType = .json
        return r
    }

    func id(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw Abort(.notFound) }
        return id
    }

    func visible(_ req: Request) async throws -> ProcurementModel {
        let p = try await req.procurements.find(try id(req))
        guard req.currentUser?.viewer.canSeeProcurement(owner: p.$owner.id, published: p.inPipeline) ?? p.inPipeline
        else {
            throw Abort(.notFound)
        }
        return p
    }

    /// The signed-in person and the procurement; the store checks what they may change.
    func signedIn(_ req: Request) async throws -> (CurrentUser, ProcurementModel) {
        let me = try req.requireUser()
        return (me, try await req.procurements.find(try id(req)))
    }

    func full(_ p: ProcurementModel, _ req: Request) async throws -> ProcurementJSON {
        let id = try p.requireID()
        return ProcurementJSON(
            p, canManage: req.currentUser?.viewer.canManageProcurement(owner: p.$owner.id) ?? false,
            amendments: try await req.procurements.amendments(of: id),
            tenderDeadline: try await req.tenders.deadlines(ofProcurements: [id])[id], now: Date())
    }

    /// The procurements of a list page, each with its consideration's amendments.
    func listed(_ items: [ProcurementModel], _ req: Request, canManage: (ProcurementModel) -> Bool) async throws
        -> [ProcurementJSON]
    {
        let ids = items.compactMap(\.id)
        let amendments = try await req.procurements.amendments(ofProcurements: ids)
        let deadlines = try await req.tenders.deadlines(ofProcurements: ids)
        let now = Date()
        return items.map {
            ProcurementJSON(
                $0, canManage: canManage($0), amendments: amendments[$0.id!] ?? [], tenderDeadline: deadlines[$0.id!],
                now: now)
        }
    }

    func list(req: Request) async throws -> ListJSON<ProcurementJSON> {
        let (number, size) = try req.pageArguments()
        try req.refuseEmptyQuery("ownerId", "from", "to", "mine", "value", "kind")
        if let mine = req.rawQuery("mine").first, mine != "true" {
            throw ValidationFailure("mine", "mine must be true, or left out")
        }
        if req.query[String.self, at: "mine"] == "true" {
            let me = try req.requireUser()
            let items = try await req.procurements.owned(by: me.viewer)
            let page = ListPage(requested: number, size: size, total: items.count)
            return ListJSON(
                try await listed(page.slice(items), req) { me.viewer.canManageProcurement(owner: $0.$owner.id) },
                page)
        }
        let search = try PipelineQuery.search(req)
        let items = try await req.procurements.pipeline(search)
        let page = ListPage(requested: number, size: size, total: items.count)
        return ListJSON(try await listed(page.slice(items), req) { _ in false }, page)
    }

    func create(req: Request) async throws -> Response {
        let me = try req.require { $0.canStartProcurement }
        let body = try req.content.decode(NewProcurement.self)
        let p = try await req.procurements.create(
            owner: body.ownerId, compact: body.compactId, body.procurement, viewer: me.viewer, by: me.actor)
        return try await shared.created(try await full(p, req), at: Paths.API.procurement(p.id!))
    }

    func get(req: Request) async throws -> ProcurementJSON { try await full(try await visible(req), req) }

    func update(req: Request) async throws -> ProcurementJSON {
        let (me, p) = try await signedIn(req)
        let body = try req.content.decode(ProcurementInput.self)
        return try await full(
            try await req.procurements.update(try p.requireID(), body, viewer: me.viewer, by: me.actor), req)
    }

    func consideration(req: Request) async throws -> ProcurementJSON {
        let (me, p) = try await signedIn(req)
        let body = try req.content.decode(ConsiderationInput.self)
        let recorded = try await req.procurements.recordConsideration(
            p.id!, body, signedBy: me.user.displayName, viewer: me.viewer, by: me.actor)
        return try await full(recorded, req)
    }

    /// A new version of the signed-off consideration, with the reason: 201 with the procurement,
    /// its original consideration and every amendment.
    func amendConsideration(req: Request) async throws -> Response {
        let (me, p) = try await signedIn(req)
        let body = try req.content.decode(ConsiderationAmendmentInput.self)
        _ = try await req.procurements.amendConsideration(
            p.id!, body, signedBy: me.user.displayName, viewer: me.viewer, by: me.actor)
        return try await shared.created(
            try await full(try await req.procurements.find(p.id!), req), at: Paths.API.procurement(p.id!))
    }

    func transition(req: Request) async throws -> ProcurementJSON {
        let (me, p) = try await signedIn(req)
        let body = try req.content.decode(ProcurementTransitionInput.self)
        let moved = try await req.procurements.transition(
            p.id!, to: body.status, cancelReason: body.cancelReason, viewer: me.viewer, by: me.actor)
        return try await full(moved, req)
    }

    func publish(req: Request) async throws -> ProcurementJSON {
        let (me, p) = try await signedIn(req)
        return try await full(try await req.procurements.publishToPipeline(p.id!, viewer: me.viewer, by: me.actor), req)
    }

    func events(req: Request) async throws -> [EventJSON] {
        let p = try await visible(req)
        var out: [EventJSON] = []
        for e in try await req.procurements.events(of: p.id!) {
            out.append(EventJSON(e, registered: try await req.procurements.registrations(for: e.id!).count))
        }
        return out
    }

    func addEvent(req: Request) async throws -> Response {
        let (me, p) = try await signedIn(req)
        let b = try req.content.decode(EngagementEventInput.self)
        let e = try await req.procurements.addEvent(try p.requireID(), b, viewer: me.viewer, by: me.actor)
        return try await shared.created(EventJSON(e, registered: 0), at: Paths.API.procurementEvents(p.id!))
    }

    /// Supplier members comment on the outcomes and measures of a published procurement; the
    /// owning body's commissioners record comments too.
    func addComment(req: Request) async throws -> HTTPStatus {
        let me = try req.requireUser()
        let p = try await visible(req)
        let org = me.viewer.memberships.first { $0.role == .supplierMember }?.organisationID
        let b = try req.content.decode(ProcurementCommentInput.self)
        try await req.procurements.addComment(
            p.id!, organisation: org ?? p.$owner.id, author: me.user.displayName, comment: b.comment,
            event: b.eventId, consultation: b.consultationId, viewer: me.viewer, by: me.actor)
        return .created
    }

    /// After the event: who attended (by user ID) and the notes, published.
    func notes(req: Request) async throws -> EventJSON {
        let me = try req.requireUser()
        let e = try await req.procurements.event(try id(req))
        let body = try req.content.decode(EventNotesInput.self)
        let regs = try await req.procurements.registrations(for: e.id!)
        let attended = Set(regs.filter { (body.attendedUserIds ?? []).contains($0.$user.id) }.compactMap(\.id))
        try await req.procurements.recordAfterEvent(
            e.id!, attended: attended, notes: body.notes, viewer: me.viewer, by: me.actor)
        return EventJSON(try await req.procurements.event(e.id!), registered: regs.count)
    }

    func register(req: Request) async throws -> HTTPStatus {
        let me = try req.requireUser()
        let e = try await req.procurements.event(try id(req))
        let org = me.viewer.memberships.first { $0.role == .supplierMember }?.organisationID
        try await req.procurements.register(
            event: e.id!, user: me.user.id!, organisation: org, viewer: me.viewer, by: me.actor)
        return .created
    }
}

/// The pipeline's query parameters, shared by the page, CSV, Atom and API.
enum PipelineQuery {
    static let dates: [(String, WritableKeyPath<ProcurementStore.PipelineSearch, CalendarDate?>)] = [
        ("from", \.from), ("to", \.to),
    ]
    /// How the error messages name each date.
    static let labels = ["from": "the earliest expected tender date", "to": "the latest expected tender date"]

    /// The date filter `name` as sent: the typed parts of the date input, else the ISO text.
    static func rawDate(_ req: Request, _ name: String) -> String? {
        let parts = ["day", "month", "year"].map { req.query[String.self, at: name, $0] }
        if parts.contains(where: { $0 != nil }) {
            return DateParts(day: parts[0] ?? "", month: parts[1] ?? "", year: parts[2] ?? "").text
        }
        return req.query[String.self, at: name]
    }

    static func search(_ req: Request) throws -> ProcurementStore.PipelineSearch {
        var s = ProcurementStore.PipelineSearch()
        s.text = req.query[String.self, at: "q"]
        if let raw = req.query[String.self, at: "ownerId"], !raw.isEmpty {
            guard let id = UUID(uuidString: raw) else { throw ValidationFailure("ownerId", "ownerId must be a UUID") }
            s.owner = id
        }
        if let raw = req.query[String.self, at: "theme"], !raw.isEmpty { s.theme = raw }
        if let raw = req.query[String.self, at: "value"], !raw.isEmpty {
            guard Procurement.valueBands.contains(where: { $0.code == raw }) else {
                throw ValidationFailure(
                    "value", "value must be one of: \(Procurement.valueBands.map(\.code).joined(separator: ", "))")
            }
            s.valueBand = raw
        }
        if let raw = req.query[String.self, at: "kind"], !raw.isEmpty {
            guard let k = ContractKind(rawValue: raw) else {
                throw ValidationFailure("kind", "kind must be services, goods, works or mixed")
            }
            s.kind = k
        }
        // Each date as the pipeline's GOV.UK date input sends it (`from[day]`, `from[month]`,
        // `from[year]`), or as ISO text (old links, the API, the CSV and Atom links).
        var problems = Problems()
        for (name, path) in dates {
            s[keyPath: path] = DateEntry.read(
                rawDate(req, name), field: name, label: labels[name] ?? name, required: false, &problems)
        }
        try problems.throwIfAny()
        return s
    }
}

/// A new procurement, as the API and the page's form send it: the owning body and Compact beside
/// the fields of `ProcurementInput`, all at the top level.
struct NewProcurement: Decodable {
    var ownerId: UUID?
    var compactId: UUID?
    var procurement: ProcurementInput

    init(_ procurement: ProcurementInput = ProcurementInput()) { self.procurement = procurement }

    enum CodingKeys: String, CodingKey { case ownerId, compactId }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        ownerId = try c.decodeIfPresent(String.self, forKey: .ownerId).flatMap(UUID.init(uuidString:))
        compactId = try c.decodeIfPresent(String.self, forKey: .compactId).flatMap(UUID.init(uuidString:))
        procurement = try ProcurementInput(from: decoder)
    }
}

struct ProcurementJSON: Content {
    var id: UUID
    var ownerId: UUID
    var ownerName: String
    var compactId: UUID
    var title: String
    var description: String
    var kind: String
    var valueBand: String
    var value: String?
    var valueIncludesVAT: Bool?
    var lots: [String]
    /// The status at the time of the request: `tender-closed` once the published tender's
    /// deadline has passed and its bids are not yet opened (docs/procurements.md).
    var status: String
    /// The status as stored, which transitions start from (`tender-open` until the bids are opened).
    var storedStatus: String
    var cancelReason: String?
    var tenderOpensOn: String?
    var startedOn: String?
    var inPipeline: Bool
    var pipelinePublishedOn: String?
    var noticeWeeks: Int?
    var themes: [String]
    var outcomesSought: [String]
    var screening: JSONValue
    var considerationRequired: Bool
    var considerationSignedBy: String?
    var considerationSignedOn: String?
    var considerationLate: Bool
    /// The original consideration as signed off (version 1); never changed.
    var consideration: Consideration?
    /// Versions 2 onwards, oldest first.
    var considerationAmendments: [ConsiderationAmendmentJSON]
    /// The version in force (the last amendment, else the original) and its number.
    var considerationVersion: Int?
    var currentConsideration: Consideration?

    init(
        _ p: ProcurementModel, canManage: Bool, amendments: [ConsiderationAmendmentModel], tenderDeadline: Date?,
        now: Date
    ) {
        let d = p.details
        id = p.id!
        ownerId = p.$owner.id
        ownerName = p.owner.name
        compactId = p.$compact.id
        title = p.title
        description = p.description
        kind = p.kind.rawValue
        valueBand = Procurement.valueBand(p.value).label
        value = canManage ? DecimalText.format(Procurement.decimal(p.value)) : nil
        valueIncludesVAT = canManage ? d.valueIncludesVAT : nil
        lots = d.lots
        status = p.statusValue.apiStatus(tenderDeadline: tenderDeadline, now: now)
        storedStatus = p.status
        cancelReason = p.cancelReason
        tenderOpensOn = p.tenderOpensOn
        startedOn = p.startedOn
        inPipeline = p.inPipeline
        pipelinePublishedOn = p.pipelinePublishedOn
        noticeWeeks = p.noticeWeeks
        themes = p.themeList
        outcomesSought = p.outcomeList
        screening = p.screening
        considerationRequired = p.considerationRequired
        considerationSignedBy = p.considerationSignedBy
        considerationSignedOn = p.considerationSignedOn
        considerationLate = p.isLate
        consideration = p.consideration
        var previous = p.consideration
        var versions: [ConsiderationAmendmentJSON] = []
        for a in amendments {
            versions.append(ConsiderationAmendmentJSON(a, previous: previous, startedOn: p.started))
            previous = a.consideration ?? previous
        }
        considerationAmendments = versions
        considerationVersion = p.consideration == nil ? nil : (amendments.last?.version ?? 1)
        currentConsideration = amendments.last?.consideration ?? p.consideration
    }
}

/// An amendment of the consideration: its version, who signed it off and when, why, what
/// changed from the version before, whether it came after the procurement started, and the
/// tender's frozen weighting it does not change.
struct ConsiderationAmendmentJSON: Content {
    var version: Int
    var signedBy: String
    var signedOn: String
    var reason: String
    var changes: [String]
    var afterStart: Bool
    var tenderWeightingPercent: Int?
    var tenderWeightingNote: String?
    var consideration: Consideration?

    init(_ a: ConsiderationAmendmentModel, previous: Consideration?, startedOn: CalendarDate?) {
        version = a.version
        signedBy = a.signedBy
        signedOn = a.signedOn
        reason = a.reason
        let c = a.consideration
        changes = c.flatMap { c in previous.map { c.changes(from: $0) } } ?? []
        afterStart = Procurement.isLate(signedOffOn: a.signedDay, startedOn: startedOn)
        tenderWeightingPercent = a.tenderWeightingPercent
        tenderWeightingNote = a.frozenWeightingNote
        consideration = c
    }
}

struct EventJSON: Content {
    var id: UUID
    var kind: String
    var title: String
    var heldOn: String
    var place: String
    var capacity: Int
    var registered: Int
    var notes: String?

    init(_ e: EngagementEventModel, registered: Int) {
        id = e.id!
        kind = e.kind.rawValue
        title = e.title
        heldOn = e.heldOn
        place = e.place
        capacity = e.capacity
        self.registered = registered
        notes = e.notesPublished ? e.notes : nil
    }
}

extension ProcurementStatus {
    /// The API's `tender-closed`: a procurement whose tender is open stays `tender-open` when
    /// stored, until the bids are opened.
    static let tenderClosed = "tender-closed"

    /// The status an API client sees at `now`, as the pages' `label(tenderDeadline:now:managing:)`
    /// reads it: `tender-closed` once the published tender's deadline has passed, else the stored value.
    func apiStatus(tenderDeadline: Date?, now: Date) -> String {
        guard self == .tenderOpen, let deadline = tenderDeadline, now >= deadline else { return rawValue }
        return Self.tenderClosed
    }
}
