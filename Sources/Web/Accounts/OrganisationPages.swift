import SocialValue
import Storage
import Vapor

struct OrganisationPages: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let orgs = routes.grouped("organisations")
        orgs.get(use: list)
        orgs.get("new", use: new)
        orgs.post(use: create)
        orgs.get(":id", use: show)
        orgs.get(":id", "edit", use: edit)
        orgs.post(":id", use: update)
    }

    func list(req: Request) async throws -> Response {
        _ = try req.requireUser()
        let q = req.query[String.self, at: "q"]?.trimmingCharacters(in: .whitespaces)
        let kindRaw = req.query[String.self, at: "kind"] ?? ""
        let sectorRaw = req.query[String.self, at: "sector"] ?? ""
        let (orgs, page) = try await req.organisations.list(
            search: q, kind: OrganisationKind(rawValue: kindRaw), sector: Sector(rawValue: sectorRaw),
            page: req.query[Int.self, at: "page"], pageSize: 20)
        let rows = try orgs.map { o -> [HTML] in
            var flags: [HTML] = []
            if o.isVCSE { flags.append(Components.tag("VCSE", colour: "blue")) }
            if o.isSME { flags.append(Components.tag("SME", colour: "purple")) }
            return [
                Components.link(o.name, Paths.organisation(try o.requireID())), "\(o.organisationKind.label)",
                HTML.join(flags, separator: " "), "\(o.area)",
            ]
        }
        let filters: HTML = """
            \(Components.select("kind", label: "Kind", options: OrganisationKind.allCases.map { ($0.rawValue, $0.label) }, selected: kindRaw, errors: [], includeBlank: "Any kind"))
            \(Components.select("sector", label: "Side", options: [("public-body", "Public bodies"), ("supplier", "Suppliers")], selected: sectorRaw, errors: [], includeBlank: "Both"))
            """
        let table: HTML =
            orgs.isEmpty
            ? "<p class=\"govuk-body\">No organisations match. Try a different search or clear the filters.</p>"
            : Components.table(caption: "Organisations", headers: ["Name", "Kind", "Flags", "Area"], rows: rows)
        let add: HTML =
            (req.currentUser?.viewer.canAdminister ?? false)
            ? "<a class=\"govuk-button\" href=\"\(Paths.newOrganisation)\">Add an organisation</a>" : .empty
        return Page(
            title: "Organisations", breadcrumbs: [("Dashboard", Paths.dashboard)],
            content: """
                <h1 class="govuk-heading-l">Organisations</h1>
                \(add)
                \(Components.searchForm(path: Paths.organisations, label: "Search by name", query: q, filters: filters))
                \(table)
                \(Components.pagination(page, path: Paths.organisations, query: ["q": q ?? "", "kind": kindRaw, "sector": sectorRaw]))
                """
        ).render(req)
    }

    func formPage(
        _ req: Request, title: String, action: String, input: OrganisationInput, errors: [FieldError], back: String
    ) -> Response {
        let csrf = req.csrfToken()
        return Page(
            title: title, breadcrumbs: [("Organisations", Paths.organisations)], errors: errors,
            content: """
                <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
                <h1 class="govuk-heading-l">\(title)</h1>
                \(Components.form(action: action, csrf: csrf, """
                \(Components.textInput("name", label: "Name", value: input.name, errors: errors))
                \(Components.select("kind", label: "Kind of organisation", options: OrganisationKind.allCases.map { ($0.rawValue, ($0.sector == .publicBody ? "Public body: " : "Supplier: ") + $0.label) }, selected: input.kind, errors: errors))
                \(Components.checkbox("isVCSE", label: "Voluntary, community or social enterprise (VCSE)", checked: input.isVCSE ?? false, errors: errors, hint: "Charities, CIOs, CICs, social enterprises and community groups are always VCSE."))
                \(Components.checkbox("isSME", label: "Small or medium-sized enterprise (SME)", checked: input.isSME ?? false, errors: errors, hint: "Fewer than 250 staff, and turnover up to £44m or balance sheet up to £38m."))
                \(Components.textInput("charityNumber", label: "Charity number (optional)", value: input.charityNumber, errors: errors, hint: "For example 1234567, SC012345 or NIC100002. Required for a CIO.", width: "10", maxLength: 12))
                \(Components.textInput("companyNumber", label: "Company number (optional)", value: input.companyNumber, errors: errors, hint: "8 characters, for example 01234567 or SC123456. Required for a CIC.", width: "10", maxLength: 10))
                \(Components.textInput("addressLine1", label: "Address line 1", value: input.addressLine1, errors: errors, autocomplete: "address-line1"))
                \(Components.textInput("addressLine2", label: "Address line 2 (optional)", value: input.addressLine2, errors: errors, autocomplete: "address-line2"))
                \(Components.textInput("town", label: "Town or city", value: input.town, errors: errors, width: "20", autocomplete: "address-level2", maxLength: 100))
                \(Components.textInput("postcode", label: "Postcode", value: input.postcode, errors: errors, width: "10", autocomplete: "postal-code", maxLength: 10))
                \(Components.textInput("area", label: "Area served", value: input.area, errors: errors, hint: "The local area, for example the county or district", width: "20", maxLength: 100))
                <div class="govuk-button-group">\(Components.button("Save"))<a class="govuk-link" href="\(back)">Cancel</a></div>
                """))
                </div></div>
                """
        ).render(req)
    }

    func new(req: Request) throws -> Response {
        _ = try req.require { $0.canAdminister }
        return formPage(
            req, title: "Add an organisation", action: Paths.organisations, input: OrganisationInput(), errors: [],
            back: Paths.organisations)
    }

    func create(req: Request) async throws -> Response {
        let me = try req.requireUser()
        return try await req.handleForm(OrganisationInput.self) { input in
            let org = try await req.organisations.create(input, viewer: me.viewer, by: me.actor)
            return Saved(Paths.organisation(try org.requireID()), "\(org.name) has been added")
        } reshow: { input, errors in
            formPage(
                req, title: "Add an organisation", action: Paths.organisations, input: input, errors: errors,
                back: Paths.organisations)
        }
    }

    /// An organisation's public profile, as the register shows it to anyone (the Compact's
    /// signatories link here); the people who belong to it are shown to those signed in.
    func show(req: Request) async throws -> Response {
        let me = req.currentUser
        let org = try await req.organisations.find(try req.parameterID())
        let id = try org.requireID()
        let d = org.details
        let signed = try await req.compacts.compactsSigned(by: [id])
        var memberList: HTML = .empty
        if me != nil {
            let members = try await req.users.members(of: id)
            memberList =
                members.isEmpty
                ? "<p class=\"govuk-body\">No one belongs to this organisation yet.</p>"
                : Components.table(
                    caption: "People", headers: ["Name", "Role"],
                    rows: members.map { ["\($0.user.displayName)", "\($0.membershipRole?.label ?? $0.role)"] })
        }
        let edit: HTML =
            me?.viewer.canEditOrganisation(id) == true
            ? "<a class=\"govuk-button govuk-button--secondary\" href=\"\(Paths.organisation(id, .edit))\">Change details</a>"
            : .empty
        let address = [d.addressLine1, d.addressLine2, d.town, d.postcode].compactMap { $0 }
        let summary = Components.summaryList([
            .init("Kind", text: d.kind.label),
            .init("Side", text: d.sector == .publicBody ? "Public body" : "Supplier"),
            .init("VCSE", text: d.isVCSE ? "Yes" : "No"),
            .init("SME", text: d.isSME ? "Yes" : "No"),
            .init("Charity number", text: d.charityNumber ?? "None"),
            .init("Company number", text: d.companyNumber ?? "None"),
            .init("Address", HTML.join(address.map { "\($0)" }, separator: "<br>")),
            .init("Area", text: d.area),
            .init(
                "Local Compacts signed",
                signed.isEmpty
                    ? "None"
                    : HTML.join(
                        try signed.map { Components.link($0.compact.name, Paths.compact(try $0.compact.requireID())) },
                        separator: "<br>")),
        ])
        return Page(
            title: org.name, breadcrumbs: me == nil ? [] : [("Organisations", Paths.organisations)],
            content: """
                <span class="govuk-caption-l">\(d.kind.label)</span>
                <h1 class="govuk-heading-l">\(org.name)</h1>
                \(edit)
                \(summary)
                <p class="govuk-body">\(Components.link("Public impact profile", Paths.profile(id), context: "of \(org.name)")): what anyone can see of \(org.name), with the social value verified to date.</p>
                <p class="govuk-body">\(d.sector == .publicBody ? Components.link("Contracts \(org.name) has awarded", Paths.awardedContracts(buyer: id)) : Components.link("Contracts \(org.name) has won", Paths.awardedContracts(supplier: id)))</p>
                \(memberList)
                """
        ).render(req)
    }

    func edit(req: Request) async throws -> Response {
        let id = try req.parameterID()
        _ = try req.require { $0.canEditOrganisation(id) }
        let org = try await req.organisations.find(id)
        return formPage(
            req, title: "Change \(org.name)", action: Paths.organisation(id), input: OrganisationInput(org.details),
            errors: [], back: Paths.organisation(id))
    }

    func update(req: Request) async throws -> Response {
        let id = try req.parameterID()
        let me = try req.requireUser()
        return try await req.handleForm(OrganisationInput.self) { input in
            let org = try await req.organisations.update(id, input, viewer: me.viewer, by: me.actor)
            return Saved(Paths.organisation(id), "\(org.name)’s details have been saved")
        } reshow: { input, errors in
            formPage(
                req, title: "Change organisation details", action: Paths.organisation(id), input: input,
                errors: errors, back: Paths.organisation(id))
        }
    }
}
