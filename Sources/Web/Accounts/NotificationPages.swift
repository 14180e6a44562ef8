import Foundation
import SocialValue
import Storage
import Vapor

/// What is new for the signed-in person: invitations to respond, published consultations
/// under their Compact, published outcomes.
struct NotificationPages: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let n = routes.grouped("notifications")
        n.get(use: list)
        n.post("read", use: markAllRead)
        n.post(":id", "read", use: markRead)
    }

    func list(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let csrf = req.csrfToken()
        let unreadOnly = req.query[String.self, at: "show"] == "unread"
        let (list, page) = try await req.notifications.list(
            for: me.viewer, unreadOnly: unreadOnly, page: req.query[Int.self, at: "page"])
        let items = try list.map { n -> HTML in
            let done = n.doneAt != nil
            let unread = n.readAt == nil && !done
            let state: HTML =
                done
                ? Components.tag("Done", colour: "grey") : (unread ? Components.tag("New", colour: "blue") : .empty)
            let action: HTML =
                unread
                ? Components.inlineAction(
                    action: Paths.notification(try n.requireID(), .read), csrf: csrf, label: "Mark as read",
                    context: String(n.text.prefix(60)))
                : .empty
            return """
                <li class="govuk-task-list__item govuk-task-list__item--with-link">
                  <div class="govuk-task-list__name-and-hint">\(state) \(n.text)
                  <div class="govuk-task-list__hint">\(UKTime.date(at: n.createdAt).longForm) · \(Components.link("View", n.link))</div></div>
                  <div class="govuk-task-list__status">\(action)</div>
                </li>
                """
        }
        let markAll: HTML =
            me.unreadNotifications > 0
            ? Components.form(
                action: Paths.notificationsRead, csrf: csrf, Components.button("Mark all as read", kind: "secondary"))
            : .empty
        let filter: HTML =
            unreadOnly
            ? Components.link("Show all notifications", Paths.notifications)
            : Components.link("Show only unread", "\(Paths.notifications)?show=unread")
        return Page(
            title: "Notifications", breadcrumbs: [("Dashboard", Paths.dashboard)],
            content: """
                <h1 class="govuk-heading-l">Notifications</h1>
                <p class="govuk-body">\(me.unreadNotifications == 1 ? "1 unread notification" : "\(me.unreadNotifications) unread notifications"). \(filter)</p>
                \(markAll)
                \(list.isEmpty ? "<p class=\"govuk-body\">Nothing new. You will be told here when you are invited to respond to a consultation, and when an outcome you are waiting for is published.</p>" as HTML : "<ul class=\"govuk-task-list\">\(items)</ul>")
                \(Components.pagination(page, path: Paths.notifications, query: ["show": unreadOnly ? "unread" : ""]))
                """
        ).render(req)
    }

    func markAllRead(req: Request) async throws -> Response {
        let me = try req.requireUser()
        return try await req.handleForm {
            let n = try await req.notifications.markAllRead(for: me.viewer)
            return Saved(
                Paths.notifications, n == 1 ? "1 notification marked as read" : "\(n) notifications marked as read")
        } reshow: { _ in
            try await list(req: req)
        }
    }

    func markRead(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let id = try req.parameterID()
        return try await req.handleForm {
            _ = try await req.notifications.markRead(id, for: me.viewer)
            return Saved(Paths.notifications)
        } reshow: { _ in
            try await list(req: req)
        }
    }
}
