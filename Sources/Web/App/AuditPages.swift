import Fluent
import SocialValue
import Storage
import Vapor

/// The audit trail, newest first, with the chain check. Admins only.
struct AuditPages: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.get("audit", use: list)
    }

    func list(req: Request) async throws -> Response {
        _ = try req.require { $0.canAdminister }
        let type = req.query[String.self, at: "type"] ?? ""
        let (events, page) = try await AuditLog.events(
            recordType: type, page: req.query[Int.self, at: "page"], size: 50, on: req.db)
        let finding = try await AuditLog.verify(on: req.db)
        let status: HTML
        switch finding {
        case .intact(let count):
            status =
                "<div class=\"govuk-inset-text\">\(Components.tag("Chain intact", colour: "green")) \(count == 1 ? "The 1 event matches its hash." : "All \(count) events match their hashes.")</div>"
        case .broken(let seq, let reason):
            status = """
                <div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span>
                <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>The audit chain is broken at event \(seq): \(reason).</strong></div>
                """
        }
        // Every kind of record the trail holds, from the events themselves (never a kept list).
        let types = try await AuditLog.recordTypes(on: req.db)
        // Shown, not stored: a sealed bid's events name no bidder until the opening (docs/tenders.md).
        let rows = try await AuditLog.displayed(events, on: req.db).map { shown -> [HTML] in
            let e = shown.event
            let changes = shown.changes
            let summary = changes.keys.sorted().map { k -> HTML in
                let c = changes[k]!
                let from = c.from.map { String($0.prefix(80)) } ?? "–"
                let to = c.to.map { String($0.prefix(80)) } ?? "–"
                return "<li><strong>\(k)</strong>: \(from) → \(to)</li>"
            }
            return [
                "\(e.sequence)", "\(e.occurredAt)", "\(shown.actor)", "\(e.action) \(e.recordType)",
                "<ul class=\"govuk-list govuk-body-s\">\(summary)</ul>",
            ]
        }
        return Page(
            title: "Audit trail", breadcrumbs: [("Dashboard", Paths.dashboard)],
            content: """
                <h1 class="govuk-heading-l">Audit trail</h1>
                <p class="govuk-body">Every change to a record is written here, chained by SHA-256 so that any later edit shows. Nothing in Commonweal can change or delete an event. Check it from the command line with <code>commonweal audit verify</code>.</p>
                \(status)
                <form class="cw-search" method="get" action="\(Paths.audit)">
                  \(Components.select("type", label: "Record type", options: types.map { ($0, $0) }, selected: type, errors: [], includeBlank: "All types"))
                  <button type="submit" class="govuk-button govuk-button--secondary">Filter</button>
                </form>
                \(events.isEmpty ? "<p class=\"govuk-body\">No events.</p>" : Components.table(caption: "Events, newest first", headers: ["No.", "When (UTC)", "Who", "What", "Changes"], rows: rows))
                \(Components.pagination(page, path: Paths.audit, query: ["type": type]))
                """
        ).render(req)
    }
}
