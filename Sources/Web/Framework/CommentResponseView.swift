import Foundation
import SocialValue
import Storage

/// How the framework pages show things.
enum FrameworkView {
    /// The owners' response to a comment: the one in force, and once amended, which version it is
    /// with its reason, and the earlier versions below it with their dates and authors; for the
    /// owners, a form to amend it (frameworks.md, "Responses to comments").
    static func response(
        _ text: String, _ c: FrameworkCommentModel, versions: [CommentResponseVersionModel], amend: String?,
        csrf: String
    ) -> HTML {
        let id = c.id!
        var parts: [HTML] = [
            "<p class=\"govuk-body-s\"><strong>Response from \(c.respondedBy ?? "the owners"):</strong> \(text)</p>"
        ]
        if let last = versions.last, last.version > 1 {
            parts.append(
                "<p class=\"govuk-body-s cw-meta\">Version \(last.version), amended on \(UKTime.date(at: last.at).longForm). Reason: \(last.reason ?? "")</p>"
            )
            let earlier = versions.dropLast().reversed().map { v -> HTML in
                let verb = v.version == 1 ? "given" : "amended"
                let why: HTML = v.reason.map { " Reason: \($0)" as HTML } ?? .empty
                return
                    "<li>Version \(v.version), \(verb) on \(UKTime.date(at: v.at).longForm) by \(v.author):\(why) <q>\(v.response)</q></li>"
            }
            parts.append(
                """
                <div class="govuk-body-s" id="response-versions-\(id)"><strong>Earlier versions of the response</strong>
                <ul class="govuk-list govuk-body-s">\(earlier)</ul></div>
                """)
        }
        if let amend {
            parts.append(
                """
                <details class="govuk-details"><summary class="govuk-details__summary"><span class="govuk-details__summary-text">Amend this response</span></summary>
                <div class="govuk-details__text">
                <p class="govuk-body-s">The response is published: your amendment is added as a new version with your name, today’s date and the reason, and the earlier versions stay beside it.</p>
                \(Components.form(action: amend, csrf: csrf, """
                \(Components.textarea("response", label: "Amended response", value: text, errors: [], rows: 2, maxLength: CommentResponse.maxLength, id: "amend-response-\(id)"))
                \(Components.textarea("reason", label: "Why is the response amended?", value: nil, errors: [], rows: 2, maxLength: CommentResponse.reasonMaxLength, id: "amend-reason-\(id)"))
                \(Components.button("Publish the amendment", kind: "secondary"))
                """))
                </div></details>
                """)
        }
        return HTML.join(parts, separator: "\n")
    }
}
