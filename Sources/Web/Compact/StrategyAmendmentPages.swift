import Foundation
import SocialValue
import Storage
import Vapor

/// Amending a joint strategy public bodies have signed up to: the form, filled from the version in
/// force (its fields and every priority), and a reason; it posts a `StrategyAmendmentInput`, the
/// API's body.
extension StrategyPages {
    /// The number of spare rows for new priorities.
    static let sparePriorities = 1

    func amendment(req: Request) async throws -> Response {
        let id = try req.parameterID()
        _ = try req.require { $0.canManageCompact(id) }
        let c = try await req.compacts.find(id)
        guard let current = try await req.strategies.versions(compact: id).last else {
            throw StorageError.conflict(
                FieldError("title", "No public body has signed up to the strategy yet: change it in place"))
        }
        return try await amendmentPage(req, c, form: StrategyAmendmentInput(current.content), errors: [])
    }

    func amend(req: Request) async throws -> Response {
        let id = try req.parameterID()
        let me = try req.requireUser()
        let c = try await req.compacts.find(id)
        return try await req.handleForm(StrategyAmendmentInput.self) { input in
            var input = input
            // Rows left wholly blank (the spare ones) are not priorities.
            input.priorities = input.priorities?.filter {
                $0.outcomeId != nil
                    || [$0.target, $0.period].contains {
                        !($0 ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                    }
            }
            let v = try await req.strategies.amend(compact: id, input, viewer: me.viewer, by: me.actor)
            return Saved(
                Paths.compact(id, .strategy),
                "The amendment is version \(v.version) of the strategy; each sign-up stays with the version it signed up to"
            )
        } reshow: { input, errors in
            try await amendmentPage(req, c, form: input, errors: errors)
        }
    }

    func amendmentPage(_ req: Request, _ c: CompactModel, form: StrategyAmendmentInput, errors: [FieldError])
        async throws -> Response
    {
        let id = try c.requireID()
        let versions = try await req.strategies.versions(compact: id)
        let adopted = try await req.frameworks.adoptedVersions(ownedBy: id)
        let versionOptions = try adopted.map { (try $0.requireID().uuidString, "\($0.framework.name), \($0.label)") }
        // The outcomes offered are those of the framework version the form names (or the one in force).
        let frameworkVersion = form.frameworkVersionId ?? versions.last?.frameworkVersionID
        var outcomes: [FrameworkOutcomeModel] = []
        if let frameworkVersion {
            outcomes =
                (try? await req.frameworks.tree(of: frameworkVersion, viewer: req.currentUser?.viewer))?.outcomes ?? []
        }
        let outcomeOptions = try outcomes.map { (try $0.requireID().uuidString, $0.name) }
        let given = form.priorities ?? []
        let rows = (0..<(given.count + Self.sparePriorities)).map { i -> HTML in
            let p = i < given.count ? given[i] : StrategyPriorityInput()
            return """
                <fieldset class="govuk-fieldset"><legend class="govuk-fieldset__legend govuk-fieldset__legend--s">\(i < given.count ? "Priority \(i + 1)" : "A new priority (optional)")</legend>
                \(Components.select("priorities[\(i)][outcomeId]", label: "Outcome", options: outcomeOptions, selected: p.outcomeId?.uuidString, errors: errors))
                \(Components.textInput("priorities[\(i)][target]", label: "Local target", value: p.target, errors: errors, hint: "For example, ‘£2m spend with local VCSE organisations’", maxLength: 500))
                \(Components.textInput("priorities[\(i)][period]", label: "Period", value: p.period, errors: errors, hint: "For example, ‘a year’", width: "20", maxLength: 100))
                </fieldset>
                """
        }
        return Page(
            title: "Amend the strategy – \(c.name)",
            breadcrumbs: [
                ("Local Compacts", Paths.compacts), (c.name, Paths.compact(id)),
                ("Strategy", Paths.compact(id, .strategy)),
            ],
            errors: errors,
            content: """
                <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
                <span class="govuk-caption-l">\(c.name)</span>
                <h1 class="govuk-heading-l">Amend the strategy</h1>
                <p class="govuk-body">Public bodies have signed up to version \(versions.last?.version ?? 1) of the strategy. It is not changed in place: your amendment becomes the next version, with your name, today’s date and the reason, and every sign-up stays with the version it signed up to. Priorities are ranked in the order given; empty a priority’s fields to leave it out.</p>
                \(Components.form(action: Paths.compact(id, .amendStrategy), csrf: req.csrfToken(), """
                \(Components.textInput("title", label: "Title", value: form.title, errors: errors))
                \(Components.select("frameworkVersionId", label: "Adopted framework version", options: versionOptions, selected: form.frameworkVersionId?.uuidString, errors: errors))
                \(Components.dateInput("startsOn", legend: "Starts", value: form.startsOn, errors: errors, example: "1 4 2026"))
                \(Components.dateInput("endsOn", legend: "Ends", value: form.endsOn, errors: errors, example: "31 3 2030"))
                \(Components.textarea("summary", label: "Summary", value: form.summary, errors: errors, rows: 5))
                <h2 class="govuk-heading-m">Priorities, in order</h2>
                \(rows)
                \(Components.textarea("reason", label: "Why is the strategy amended?", value: form.reason, errors: errors, hint: "This is shown with the amendment on the strategy’s page", rows: 3, maxLength: StrategyContent.amendmentReasonMaxLength))
                \(Components.button("Publish the amendment"))
                """))
                </div></div>
                """
        ).render(req)
    }
}
