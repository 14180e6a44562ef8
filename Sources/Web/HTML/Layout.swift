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
        var nav: [(String, String)] = [
            ("Compacts", Paths.compacts), ("Frameworks", Paths.frameworks), ("Consultations", Paths.consultations),
            ("Pipeline", Paths.pipeline), ("Tenders", Paths.tenders),
        ]
        if let user {
            nav.insert(("Dashboard", Paths.dashboard), at: 0)
            if user.viewer.canListProcurements { nav.append(("Procurements", Paths.procurements)) }
            if user.viewer.canListContracts { nav.append(("Contracts", Paths.contracts)) }
            if user.viewer.canListDecommissioning { nav.append(("Decommissioning", Paths.decommissioning)) }
            nav.append(("Organisations", Paths.organisations))
            nav.append(
                (
                    user.unreadNotifications > 0 ? "Notifications (\(user.unreadNotifications))" : "Notifications",
                    Paths.notifications
                ))
            if user.viewer.canAdminister {
                nav.append(("Users", Paths.users))
                nav.append(("Audit trail", Paths.audit))
            }
            nav.append(("Your account", Paths.account))
        }
        let current = req.url.path
        let navItems = nav.map { item -> HTML in
            let active = current == item.1 || current.hasPrefix(item.1 + "/")
            return
                "<li class=\"govuk-header__navigation-item\"><a class=\"govuk-header__link\" href=\"\(item.1)\"\(active ? HTML(" aria-current=\"page\"") : .empty)>\(item.0)</a></li>"
        }
        let account: HTML
        if let user {
            let org =
                user.organisations.first?.name ?? (user.user.isAdmin ? "Installation administrator" : "No organisation")
            account = """
                <span class="cw-header__org"><span class="govuk-visually-hidden">Signed in as </span>\(user.user.displayName), \(org)</span>
                <form class="cw-inline-form" method="post" action="\(Paths.signOut)"><input type="hidden" name="_csrf" value="\(csrf)"><button type="submit" class="govuk-header__link cw-header__signout">Sign out</button></form>
                """
        } else {
            account = "<a class=\"govuk-header__link\" href=\"\(Paths.signIn)\">Sign in</a>"
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
                    <nav aria-label="Menu" class="govuk-header__navigation"><ul class="govuk-header__navigation-list">\(navItems)</ul></nav>
                  </div>
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
                  </ul>
                  <p class="govuk-body-s">Commonweal \(req.settings.version). Open source. Contains public sector information licensed under the Open Government Licence v3.0.</p>
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
