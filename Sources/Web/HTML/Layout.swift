import SocialValue
import Vapor

/// The page shell: skip link, header with the signed-in organisation, breadcrumbs, main
/// content, footer. Every HTML page goes through `Page.render`.
struct Page {
    var title: String
    var breadcrumbs: [(String, String)] = []
    var errors: [FieldError] = []
    var content: HTML
    var status: HTTPStatus = .ok
    /// The page shows its own error summary (not from `errors`): its title still starts "Error:".
    var showsErrors = false

    func render(_ req: Request) -> Response {
        let user = req.currentUser
        let csrf = req.csrfToken()
        let fullTitle = (errors.isEmpty && !showsErrors ? "" : "Error: ") + title + " – Commonweal"
        let crumbs: HTML =
            breadcrumbs.isEmpty
            ? .empty
            : """
            <nav class="govuk-breadcrumbs" aria-label="Breadcrumb"><ol class="govuk-breadcrumbs__list">\(breadcrumbs.map { item -> HTML in
                "<li class=\"govuk-breadcrumbs__list-item\"><a class=\"govuk-breadcrumbs__link\" href=\"\(item.1)\">\(item.0)</a></li>"
            })</ol></nav>
            """
        let current = req.url.path
        let menu = Self.links(Self.menu(for: user?.viewer), current: current)
        let account: HTML
        if let user {
            let org =
                user.organisations.first?.name ?? (user.user.isAdmin ? "Installation administrator" : "No organisation")
            let links = Self.links(Self.accountLinks(for: user), current: current)
            account = """
                <nav aria-label="Your account" class="cw-account-nav"><span class="cw-header__org"><span class="govuk-visually-hidden">Signed in as </span>\(user.user.displayName), \(org)</span>
                <ul class="cw-account-nav__list">\(links)<li class="cw-account-nav__item"><form class="cw-inline-form" method="post" action="\(Paths.signOut)"><input type="hidden" name="_csrf" value="\(csrf)"><button type="submit" class="govuk-header__link cw-header__signout">Sign out</button></form></li></ul></nav>
                """
        } else {
            account =
                "<nav aria-label=\"Your account\" class=\"cw-account-nav\"><ul class=\"cw-account-nav__list\"><li class=\"cw-account-nav__item\"><a class=\"govuk-header__link\" href=\"\(Paths.signIn)\">Sign in</a></li></ul></nav>"
        }
        let body: HTML = """
            <!DOCTYPE html>
            <html lang="en-GB" class="govuk-template">
            <head>
              <meta charset="utf-8">
              <title>\(fullTitle)</title>
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <link rel="stylesheet" href="\(Paths.stylesheet)">
            </head>
            <body class="govuk-template__body">
              <a href="#main-content" class="govuk-skip-link">Skip to main content</a>
              <header class="govuk-header" role="banner">
                <div class="govuk-header__container govuk-width-container">
                  <div class="govuk-header__logo"><a href="\(Paths.home)" class="govuk-header__link govuk-header__link--homepage"><span class="govuk-header__logotype">Commonweal</span></a></div>
                  <div class="govuk-header__content">
                    <span class="govuk-header__service-name">Social value and the Compact</span>
                    \(account)
                  </div>
                  <nav aria-label="Menu" class="govuk-header__navigation"><ul class="govuk-header__navigation-list">\(menu)</ul></nav>
                </div>
              </header>
              <div class="govuk-width-container">
                \(crumbs)
                <main class="govuk-main-wrapper" id="main-content" role="main">
                  \(Components.successBanner(req.flashMessage))
                  \(Components.errorSummary(errors))
                  \(content)
                </main>
              </div>
              <footer class="govuk-footer" role="contentinfo">
                <div class="govuk-width-container"><div class="govuk-footer__meta">
                  <h2 class="govuk-visually-hidden">Support links</h2>
                  <ul class="govuk-footer__inline-list">
                    <li><a class="govuk-footer__link" href="\(Paths.accessibility)">Accessibility statement</a></li>
                    <li><a class="govuk-footer__link" href="\(Paths.openAPI)">API description (OpenAPI)</a></li>
                    <li><a class="govuk-footer__link" href="\(Paths.openData)">Open data</a></li>
                    <li><a class="govuk-footer__link" href="\(DecommissioningPublicPages.list)">Decommissioning decisions</a></li>
                  </ul>
                  <p class="govuk-body-s">Commonweal \(req.settings.version) is open-source software under the MIT licence. Contains public sector information licensed under the Open Government Licence v3.0.</p>
                </div></div>
              </footer>
            </body>
            </html>
            """
        let response = Response(status: !errors.isEmpty && status == .ok ? .unprocessableEntity : status)
        response.headers.contentType = .html
        response.body = .init(string: body.raw)
        return response
    }
}

extension Page {
    /// The main menu: at most seven sections, so it fits one line at 1280 px (issue 13 §7). Whoever
    /// may list procurements finds the pipeline and the open tenders from the procurements page.
    static func menu(for viewer: Viewer?) -> [(String, String)] {
        var menu: [(String, String)] = [
            ("Compacts", Paths.compacts), ("Frameworks", Paths.frameworks), ("Consultations", Paths.consultations),
        ]
        guard let viewer else {
            return menu + [
                ("Pipeline", Paths.pipeline), ("Tenders", Paths.tenders), ("Contracts", Paths.awardedContracts),
            ]
        }
        menu.insert(("Dashboard", Paths.dashboard), at: 0)
        menu +=
            viewer.canListProcurements
            ? [("Procurements", Paths.procurements)] : [("Pipeline", Paths.pipeline), ("Tenders", Paths.tenders)]
        if viewer.canListContracts { menu.append(("Contracts", Paths.contracts)) }
        if viewer.canListDecommissioning { menu.append(("Decommissioning", Paths.decommissioning)) }
        return menu
    }

    /// The signed-in person's own links, above the menu: the directory, notifications,
    /// administration and their account (sign out follows as a form).
    static func accountLinks(for user: CurrentUser) -> [(String, String)] {
        var links: [(String, String)] = [
            ("Organisations", Paths.organisations),
            (
                user.unreadNotifications > 0 ? "Notifications (\(user.unreadNotifications))" : "Notifications",
                Paths.notifications
            ),
        ]
        if user.viewer.canAdminister { links += [("Users", Paths.users), ("Audit trail", Paths.audit)] }
        return links + [("Your account", Paths.account)]
    }

    /// List items for a navigation, the current section marked for assistive technology.
    static func links(_ items: [(String, String)], current: String) -> HTML {
        .join(
            items.map { item -> HTML in
                let active = current == item.1 || current.hasPrefix(item.1 + "/")
                return
                    "<li class=\"govuk-header__navigation-item\"><a class=\"govuk-header__link\" href=\"\(item.1)\"\(active ? HTML(" aria-current=\"page\"") : .empty)>\(item.0)</a></li>"
            })
    }
}

extension Request {
    /// 303 See Other after a successful form post, with a message for the next page.
    func seeOther(_ path: String, flash message: String? = nil) -> Response {
        if let message { flash(message) }
        return redirect(to: path, redirectType: .normal)
    }
}

/// Dates for people: "1 March 2026".
func longDate(_ iso: String) -> String { CalendarDate(iso: iso)?.longForm ?? iso }

/// Today's date in the UK, by the core's rules (no time zone database).
func today() -> CalendarDate { UKTime.date(at: Date()) }
