import SocialValue
import Vapor

/// The GOV.UK "check and confirm" step for an action that cannot be undone or has consequences
/// (withdrawing a bid, cancelling a tender, a decision that breaches the notice period): a page
/// that says plainly what will happen, a button that posts the action with `confirmed=yes`, and a
/// link back. The action's handler shows this page instead of acting when `confirmed` is missing,
/// so a post that skipped the page does nothing. No JavaScript. The API acts directly.
struct Confirmation {
    var title: String
    var caption: String
    var breadcrumbs: [(String, String)]
    /// What happens, in plain words; shown as a GOV.UK warning.
    var consequence: String
    /// Any further explanation, under the warning.
    var detail: HTML = .empty
    /// Where the confirm button posts.
    var action: String
    /// The fields already typed, carried through the confirmation unchanged (hidden).
    var carried: [(name: String, value: String)] = []
    /// Fields the person fills in on the confirmation page itself (the reason for cancelling).
    var fields: HTML = .empty
    var button: String
    var back: (label: String, path: String)
    var errors: [FieldError] = []
    var status: HTTPStatus = .ok

    /// The form field saying the person has seen the confirmation page.
    static let field = "confirmed"

    /// Every field of the posted form as it was sent, names included as typed (`effectiveOn[day]`),
    /// less the CSRF token and the confirmation itself: what the confirmation page carries on.
    static func typedFields(_ req: Request) -> [(name: String, value: String)] {
        req.typedFormFields.filter { $0.name != "_csrf" && $0.name != field }
    }

    /// Whether the post came from the confirmation page's button.
    static func isConfirmed(_ req: Request) -> Bool {
        (try? req.content.get(String.self, at: field)) == "yes"
    }

    func render(_ req: Request) -> Response {
        let hidden = carried.map { "<input type=\"hidden\" name=\"\($0.name)\" value=\"\($0.value)\">" as HTML }
        return Page(
            title: title, breadcrumbs: breadcrumbs, errors: errors,
            content: """
                <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
                <span class="govuk-caption-l">\(caption)</span>
                <h1 class="govuk-heading-l">\(title)</h1>
                <div class="govuk-warning-text" id="consequence"><span class="govuk-warning-text__icon" aria-hidden="true">!</span>
                <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>\(consequence)</strong></div>
                \(detail)
                \(Components.form(action: action, csrf: req.csrfToken(), """
                  \(HTML.join(hidden))
                  <input type="hidden" name="\(Self.field)" value="yes">
                  \(fields)
                  <div class="govuk-button-group">
                  \(Components.button(button, kind: "warning"))
                  \(Components.link(back.label, back.path))
                  </div>
                """))
                </div></div>
                """, status: status
        ).render(req)
    }
}
