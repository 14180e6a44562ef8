import Foundation
import SocialValue
import Storage
import Vapor

/// Amending a signed Compact: the form, filled from the version in force (its text and every
/// principle), and a reason; it posts a `CompactAmendmentInput`, the API's body.
extension CompactPages {
    /// The number of spare rows for new principles.
    static let sparePrinciples = 2

    func amendment(req: Request) async throws -> Response {
        let id = try req.parameterID()
        _ = try req.require { $0.canManageCompact(id) }
        let c = try await req.compacts.find(id)
        guard let current = try await req.compacts.versions(of: id).last else {
            throw StorageError.conflict(
                FieldError("text", "No organisation has signed \(c.name) yet: change its text and principles in place"))
        }
        return try await amendmentPage(req, c, form: CompactAmendmentInput(current.content), errors: [])
    }

    func amend(req: Request) async throws -> Response {
        let id = try req.parameterID()
        let me = try req.requireUser()
        let c = try await req.compacts.find(id)
        return try await req.handleForm(CompactAmendmentInput.self) { input in
            var input = input
            // Rows left wholly blank (the spare ones) are not principles.
            input.principles = input.principles?.filter {
                [$0.code, $0.title, $0.text, $0.productRule].contains {
                    !($0 ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                }
            }
            let v = try await req.compacts.amend(id, input, viewer: me.viewer, by: me.actor)
            return Saved(
                Paths.compact(id),
                "The amendment is version \(v.version) of the Compact; each signature stays with the version it signed")
        } reshow: { input, errors in
            try await amendmentPage(req, c, form: input, errors: errors)
        }
    }

    func amendmentPage(_ req: Request, _ c: CompactModel, form: CompactAmendmentInput, errors: [FieldError])
        async throws -> Response
    {
        let id = try c.requireID()
        let versions = try await req.compacts.versions(of: id)
        let given = form.principles ?? []
        let rows = (0..<(given.count + Self.sparePrinciples)).map { i -> HTML in
            let p = i < given.count ? given[i] : CompactPrincipleInput()
            return """
                <fieldset class="govuk-fieldset"><legend class="govuk-fieldset__legend govuk-fieldset__legend--s">\(i < given.count ? "Principle \(i + 1)" : "A new principle (optional)")</legend>
                \(Components.textInput("principles[\(i)][code]", label: "Number", value: p.code, errors: errors, width: "5", maxLength: 20))
                \(Components.textInput("principles[\(i)][title]", label: "Short title", value: p.title, errors: errors))
                \(Components.textarea("principles[\(i)][text]", label: "Text of the principle", value: p.text, errors: errors, rows: 3, maxLength: 5_000))
                \(Components.textarea("principles[\(i)][productRule]", label: "What Commonweal checks (optional)", value: p.productRule, errors: errors, rows: 2, maxLength: 2_000))
                </fieldset>
                """
        }
        return Page(
            title: "Amend \(c.name)", breadcrumbs: [("Local Compacts", Paths.compacts), (c.name, Paths.compact(id))],
            errors: errors,
            content: """
                <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
                <span class="govuk-caption-l">\(c.name)</span>
                <h1 class="govuk-heading-l">Amend the Compact</h1>
                <p class="govuk-body">Organisations have signed version \(versions.last?.version ?? 1) of the text and principles. They are not changed in place: your amendment becomes the next version, with your name, today’s date and the reason, and every signature stays with the version it signed. Empty a principle’s fields to leave it out.</p>
                \(Components.form(action: Paths.compact(id, .amend), csrf: req.csrfToken(), """
                \(Components.textarea("text", label: "Text of the Compact", value: form.text, errors: errors, hint: "Separate paragraphs with a blank line.", rows: 12, maxLength: 100_000))
                <h2 class="govuk-heading-m">Principles</h2>
                \(rows)
                \(Components.textInput("version", label: "New version number (optional)", value: form.version, errors: errors, hint: "The Compact’s own numbering, for example 3.1; leave blank to keep \(c.version)", width: "5", maxLength: 20))
                \(Components.textarea("reason", label: "Why is the Compact amended?", value: form.reason, errors: errors, hint: "This is shown with the amendment on the Compact’s page", rows: 3, maxLength: CompactContent.amendmentReasonMaxLength))
                \(Components.button("Publish the amendment"))
                """))
                </div></div>
                """
        ).render(req)
    }
}
