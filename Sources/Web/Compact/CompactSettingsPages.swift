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

    func page(_ req: Request, _ c: CompactModel, form: [String: String], rows: Int, errors: [FieldError]) throws
        -> Response
    {
        let bandRows = (1...rows).map { n -> HTML in
            """
            <fieldset class="govuk-fieldset"><legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Band \(n)</legend>
            \(Components.textInput("bands.\(n).fromPence", label: "Contracts from (£)", value: form["bands.\(n).fromPence"], errors: errors, hint: n == 1 ? "The first band starts at 0" : nil, width: "10", maxLength: 20))
            \(Components.textInput("bands.\(n).minWeightingPercent", label: "Lowest suggested weighting (%)", value: form["bands.\(n).minWeightingPercent"], errors: errors, width: "4", maxLength: 3))
            \(Components.textInput("bands.\(n).maxWeightingPercent", label: "Highest suggested weighting (%)", value: form["bands.\(n).maxWeightingPercent"], errors: errors, width: "4", maxLength: 3))
            \(Components.select("bands.\(n).monitoring", label: "Monitoring frequency", options: MonitoringFrequency.allCases.map { ($0.rawValue, $0.label) }, selected: form["bands.\(n).monitoring"], errors: errors, includeBlank: n == 1 ? "Select one" : "No band"))
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
                \(Components.textInput("minimumConsultationDays", label: "Minimum consultation period (days)", value: form["minimumConsultationDays"], errors: errors, hint: "The national Compact asks for 12 weeks (84 days) where appropriate. Shorter consultations must give a reason.", width: "4", maxLength: 3))
                \(Components.textInput("minimumNoticeMonths", label: "Minimum notice before reducing or ending funding (calendar months)", value: form["minimumNoticeMonths"], errors: errors, hint: "The national Compact asks for at least 3 months.", width: "4", maxLength: 2))
                \(Components.checkbox("considerSocialValueInAllProcurements", label: "Consider social value in all procurements, not only those the Social Value Act covers", checked: form["considerSocialValueInAllProcurements"] == "yes", errors: errors))
                <h2 class="govuk-heading-m">Proportionality table</h2>
                <p class="govuk-body">Each band covers contracts from its amount up to the next band’s. Commissioners see the suggested social value weighting and monitoring frequency for their contract’s value. To remove a band, clear all its fields.</p>
                \(bandRows)
                \(Components.button("Save settings"))
                """))
                </div></div>
                """
        ).render(req)
    }

    static func form(from s: CompactSettings) -> [String: String] {
        var f: [String: String] = [
            "minimumConsultationDays": String(s.minimumConsultationDays),
            "minimumNoticeMonths": String(s.minimumNoticeMonths),
            "considerSocialValueInAllProcurements": s.considerSocialValueInAllProcurements ? "yes" : "",
        ]
        for (i, b) in s.bands.enumerated() {
            let n = i + 1
            f["bands.\(n).fromPence"] = Money(pence: b.fromPence).description.replacingOccurrences(of: "£", with: "")
            f["bands.\(n).minWeightingPercent"] = String(b.minWeightingPercent)
            f["bands.\(n).maxWeightingPercent"] = String(b.maxWeightingPercent)
            f["bands.\(n).monitoring"] = b.monitoring.rawValue
        }
        return f
    }

    /// Reads the form into settings, naming every field that is not a number.
    static func settings(from f: [String: String], rows: Int) throws -> CompactSettings {
        var p = Problems()
        func int(_ key: String, _ label: String) -> Int {
            let raw = (f[key] ?? "").trimmingCharacters(in: .whitespaces)
            guard let n = Int(raw) else {
                p.add(
                    key,
                    raw.isEmpty
                        ? "Enter \(label)"
                        : "\(label.prefix(1).uppercased() + label.dropFirst()) must be a whole number")
                return -1
            }
            return n
        }
        let days = int("minimumConsultationDays", "the minimum consultation period in days")
        let months = int("minimumNoticeMonths", "the minimum notice in months")
        var bands: [ValueBand] = []
        for n in 1...rows {
            let keys = ["fromPence", "minWeightingPercent", "maxWeightingPercent", "monitoring"].map {
                "bands.\(n).\($0)"
            }
            if keys.allSatisfy({ (f[$0] ?? "").trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            let fromRaw = f[keys[0]] ?? ""
            let from = Money(parsing: fromRaw)
            if from == nil { p.add(keys[0], "Band \(n)’s starting amount must be an amount in pounds, like 25,000") }
            let lo = int(keys[1], "band \(n)’s lowest weighting")
            let hi = int(keys[2], "band \(n)’s highest weighting")
            let monitoring = MonitoringFrequency(rawValue: f[keys[3]] ?? "")
            if monitoring == nil { p.add(keys[3], "Select band \(n)’s monitoring frequency") }
            bands.append(
                ValueBand(
                    fromPence: from?.pence ?? 0, minWeightingPercent: lo, maxWeightingPercent: hi,
                    monitoring: monitoring ?? .annually))
        }
        try p.throwIfAny()
        return CompactSettings(
            minimumConsultationDays: days, minimumNoticeMonths: months,
            considerSocialValueInAllProcurements: f["considerSocialValueInAllProcurements"] == "yes", bands: bands)
    }

    func show(req: Request) async throws -> Response {
        let id = try req.parameterID()
        _ = try req.require { $0.canManageCompact(id) }
        let c = try await req.compacts.find(id)
        return try page(
            req, c, form: Self.form(from: c.settings), rows: c.settings.bands.count + Self.spareRows, errors: [])
    }

    func save(req: Request) async throws -> Response {
        let id = try req.parameterID()
        let me = try req.requireUser()
        return try await req.handleForm([String: String].self) { form in
            let settings = try Self.settings(from: form, rows: Self.rows(in: form))
            _ = try await req.compacts.updateSettings(id, settings, viewer: me.viewer, by: me.actor)
            return Saved(Paths.compact(id), "The settings have been saved")
        } reshow: { form, errors in
            try page(req, try await req.compacts.find(id), form: form, rows: Self.rows(in: form), errors: errors)
        }
    }

    /// How many band rows the form sent.
    static func rows(in form: [String: String]) -> Int {
        min(20, (1...20).last { n in form.keys.contains { $0.hasPrefix("bands.\(n).") } } ?? 1)
    }
}
