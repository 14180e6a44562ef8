import SocialValue
import Storage
import Vapor

/// The settings later features read: consultation period, notice, and the proportionality table.
struct CompactSettingsPages: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.get(":id", "settings", use: show)
        routes.post(":id", "settings", use: save)
    }

    /// Two blank rows below the existing bands let a person add bands without JavaScript.
    static let spareRows = 2

    func page(_ req: Request, _ c: CompactModel, form: CompactSettingsInput, errors: [FieldError]) throws
        -> Response
    {
        let bands = form.bands ?? []
        let used = bands.indices.last { !bands[$0].isBlank } ?? -1
        let bandRows = (0..<min(20, max(used + 1 + Self.spareRows, 1))).map { i -> HTML in
            let b = i < bands.count ? bands[i] : CompactSettingsInput.Band()
            let name = "bands[\(i)]"
            return """
                <fieldset class="govuk-fieldset"><legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Band \(i + 1)</legend>
                \(Components.textInput("\(name)[from]", label: "Contracts from (£)", value: b.from.map(Self.pounds), errors: errors, hint: i == 0 ? "The first band starts at 0" : nil, width: "10", maxLength: 20))
                \(Components.textInput("\(name)[minWeightingPercent]", label: "Lowest suggested weighting (%)", value: b.minWeightingPercent, errors: errors, width: "4", maxLength: 3))
                \(Components.textInput("\(name)[maxWeightingPercent]", label: "Highest suggested weighting (%)", value: b.maxWeightingPercent, errors: errors, width: "4", maxLength: 3))
                \(Components.select("\(name)[monitoring]", label: "Monitoring frequency", options: MonitoringFrequency.allCases.map { ($0.rawValue, $0.label) }, selected: b.monitoring, errors: errors, includeBlank: i == 0 ? "Select one" : "No band"))
                </fieldset>
                """
        }
        return Page(
            title: "Settings – \(c.name)",
            breadcrumbs: [("Local Compacts", Paths.compacts), (c.name, Paths.compact(try c.requireID()))],
            errors: errors,
            content: """
                <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
                <span class="govuk-caption-l">\(c.name)</span>
                <h1 class="govuk-heading-l">Settings</h1>
                \(Components.form(action: Paths.compact(try c.requireID(), .settings), csrf: req.csrfToken(), """
                \(Components.textInput("minimumConsultationDays", label: "Minimum consultation period (days)", value: form.minimumConsultationDays, errors: errors, hint: "The national Compact asks for 12 weeks (84 days) where appropriate. Shorter consultations must give a reason.", width: "4", maxLength: 3))
                \(Components.textInput("minimumNoticeMonths", label: "Minimum notice before reducing or ending funding (calendar months)", value: form.minimumNoticeMonths, errors: errors, hint: "The national Compact asks for at least 3 months.", width: "4", maxLength: 2))
                \(Components.checkbox("considerSocialValueInAllProcurements", label: "Consider social value in all procurements, not only those the Social Value Act covers", checked: form.considerSocialValueInAllProcurements == true, errors: errors))
                <h2 class="govuk-heading-m">Proportionality table</h2>
                <p class="govuk-body">Each band covers contracts from its amount up to the next band’s. Commissioners see the suggested social value weighting and monitoring frequency for their contract’s value. To remove a band, clear all its fields.</p>
                \(bandRows)
                <h2 class="govuk-heading-m">Delivery against commitments</h2>
                <p class="govuk-body">Each commitment’s verified delivery is compared with what is expected by the date it is measured to. Leave a field blank for the default.</p>
                \(Components.textInput("ragGreenPercent", label: "Green from (% of expected)", value: form.ragGreenPercent, errors: errors, hint: "Default 90. Exactly this percentage is green.", width: "4", maxLength: 3))
                \(Components.textInput("ragAmberPercent", label: "Amber from (% of expected)", value: form.ragAmberPercent, errors: errors, hint: "Default 70; below the green threshold. Below this is red.", width: "4", maxLength: 3))
                \(Components.textInput("atRiskTolerancePercent", label: "At risk when the forecast falls short of the commitment by more than (%)", value: form.atRiskTolerancePercent, errors: errors, hint: "Default 10.", width: "4", maxLength: 3))
                \(Components.button("Save settings"))
                """))
                </div></div>
                """
        ).render(req)
    }

    /// An amount in pounds as a person reads it (`25000.00` → `25,000`); other text as typed.
    static func pounds(_ text: String) -> String {
        Money(parsing: text).map { String($0.description.dropFirst()) } ?? text
    }

    func show(req: Request) async throws -> Response {
        let id = try req.parameterID()
        _ = try req.require { $0.canManageCompact(id) }
        let c = try await req.compacts.find(id)
        return try page(req, c, form: CompactSettingsInput(c.settings), errors: [])
    }

    func save(req: Request) async throws -> Response {
        let id = try req.parameterID()
        let me = try req.requireUser()
        return try await req.handleForm(CompactSettingsInput.self) { input in
            _ = try await req.compacts.updateSettings(id, input, viewer: me.viewer, by: me.actor)
            return Saved(Paths.compact(id), "The settings have been saved")
        } reshow: { input, errors in
            try page(req, try await req.compacts.find(id), form: input, errors: errors)
        }
    }
}
