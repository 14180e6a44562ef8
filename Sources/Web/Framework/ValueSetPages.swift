import SocialValue
import Storage
import Vapor

/// Proxy value sets: import from CSV (all-or-nothing), view, export, uprate.
struct ValueSetPages: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let v = routes.grouped("value-sets")
        v.get("new", use: new)
        v.post(use: create)
        v.get(":id", use: show)
        v.get(":id", "values.csv", use: export)
        v.post(":id", "values", use: replace)
        v.post(":id", "price-index", use: setIndex)
    }

    /// The CSV a person sent: an uploaded file wins over pasted text. The file is read from its
    /// bytes as sent, and refused if they are not UTF-8 (read as a string, they would be saved
    /// with replacement characters in place of what the file held).
    static func csv(_ form: [String: String], _ req: Request) throws -> String {
        if let file = req.multipartParts.first(where: { $0.name == "csvFile" }), !file.bytes.isEmpty {
            guard let text = String(validating: file.bytes, as: UTF8.self) else {
                throw ValidationFailure(
                    "csvText", "The file is not UTF-8 text: save it as ‘CSV UTF-8’ and upload it again")
            }
            if !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return text }
        }
        return form["csvText"] ?? ""
    }

    /// Import problems as field errors the error summary can show, line and column first.
    static func errors(_ failure: ImportFailure) -> [FieldError] {
        failure.problems.prefix(50).map { FieldError("csvText", $0.description) }
    }

    func csvFields(_ errors: [FieldError], hint: String, pasted: String? = nil) -> HTML {
        """
        <div class="govuk-form-group">
          <label class="govuk-label" for="csvFile">Upload a CSV file</label>
          <div id="csvFile-hint" class="govuk-hint">\(hint)</div>
          <input class="govuk-file-upload" id="csvFile" name="csvFile" type="file" accept=".csv,text/csv" aria-describedby="csvFile-hint">
        </div>
        \(Components.textarea("csvText", label: "Or paste the CSV", value: pasted, errors: errors, rows: 6, maxLength: 500_000))
        """
    }

    /// Import problems as the form's problems, so the one form path shows them.
    static func importing<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let f as ImportFailure { throw ValidationFailure(errors(f)) }
    }

    func newPage(_ req: Request, _ version: FrameworkVersionModel, form: [String: String], errors: [FieldError])
        -> Response
    {
        Page(
            title: "Add a value set",
            breadcrumbs: [
                ("Frameworks", Paths.frameworks), (version.framework.name, Paths.framework(version.framework.id!)),
                (version.label, Paths.version(version.framework.id!, version.id!)),
            ], errors: errors,
            content: """
                <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
                <h1 class="govuk-heading-l">Add a value set</h1>
                <p class="govuk-body">A value set gives a £ proxy value for each valued measure of \(version.framework.name), \(version.label). If any line has a problem, nothing is saved and every problem is listed.</p>
                <p class="govuk-body">Columns: <code>\(ValueSetCSV.columns.joined(separator: ","))</code></p>
                <form method="post" action="\(Paths.valueSets)" enctype="multipart/form-data" novalidate>
                  <input type="hidden" name="_csrf" value="\(req.csrfToken())">
                  <input type="hidden" name="version" value="\(version.id!.uuidString)">
                  \(Components.textInput("name", label: "Name", value: form["name"], errors: errors, hint: "For example, ‘Eastmoor values 2026’"))
                  \(Components.checkbox("illustrative", label: "Illustrative only — not for decisions", checked: form["illustrative"] == "yes", errors: errors))
                  \(Components.textarea("notes", label: "Notes (optional)", value: form["notes"], errors: errors, rows: 3, maxLength: 5_000))
                  \(Self.licenceFields(form, errors))
                  \(csvFields(errors, hint: "National TOMs and HACT values are licensed CC BY-NC-ND: a council may import a set it holds a licence for, but Commonweal never ships them.", pasted: form["csvText"]))
                  \(Components.button("Import value set"))
                </form>
                </div></div>
                """
        ).render(req)
    }

    /// The set's licence: its name and address, and what it permits (issue 15). Left blank, the
    /// terms the rows' licence column implies are recorded.
    static func licenceFields(_ form: [String: String], _ errors: [FieldError]) -> HTML {
        """
        <fieldset class="govuk-fieldset">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--m"><h2 class="govuk-fieldset__heading">Licence of the values</h2></legend>
          <p class="govuk-body">Values from a set whose licence does not permit redistribution and commercial use are never shown on public pages, such as an organisation’s public impact profile: the quantities are shown without their £ values. Leave these blank to record the terms the file’s licence column implies (Open Government Licence and CC BY permit both; a licence Commonweal does not recognise permits neither).</p>
          \(Components.textInput("licenceName", label: "Licence name (optional)", value: form["licenceName"], errors: errors, hint: "For example, ‘Open Government Licence v3.0’ or ‘CC BY-NC-ND 4.0’"))
          \(Components.textInput("licenceUrl", label: "Licence web address (optional)", value: form["licenceUrl"], errors: errors, type: "url", maxLength: 500))
          \(Components.checkbox("permitsRedistribution", label: "The licence permits redistribution", checked: form["permitsRedistribution"] == "yes", errors: errors))
          \(Components.checkbox("permitsCommercialUse", label: "The licence permits commercial use", checked: form["permitsCommercialUse"] == "yes", errors: errors))
        </fieldset>
        """
    }

    /// The licence in a summary list, with whether its values may be published.
    static func licenceSummary(_ set: ValueSetModel) -> HTML {
        let l = set.licence
        return Components.summaryList([
            .init("Licence", l.url.map { Components.link(l.name, $0) } ?? HTML("\(l.name)")),
            .init("Redistribution", text: l.permitsRedistribution ? "Permitted" : "Not permitted"),
            .init("Commercial use", text: l.permitsCommercialUse ? "Permitted" : "Not permitted"),
            .init(
                "On public pages",
                text: l.mayPublishValues
                    ? "Values may be published"
                    : "Values are left out; quantities are shown without them"),
        ])
    }

    /// The owners' version the set is for: a version the person may see, of a framework they own.
    func ownedVersion(_ req: Request, _ id: UUID) async throws -> FrameworkVersionModel {
        let me = try req.requireUser()
        let version = try await req.frameworks.version(id, viewer: me.viewer)
        guard try await req.frameworks.permissions(version.framework, viewer: me.viewer).canEdit else {
            throw StorageError.roleNotAllowed
        }
        return version
    }

    func new(req: Request) async throws -> Response {
        guard let id = req.query[UUID.self, at: "version"] else { throw Abort(.notFound) }
        return newPage(req, try await ownedVersion(req, id), form: [:], errors: [])
    }

    /// A multipart upload: read as plain fields (the CSV is a file or pasted text), then the one form path.
    func create(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let form: [String: String]
        var refused: [FieldError] = []
        do { form = try req.form() } catch let f as ValidationFailure {
            // A text field with a control character: this form's own error summary shows it.
            guard let sent = TextCheckingDecoder.unchecked([String: String].self, req) else { throw f }
            (form, refused) = (sent, f.errors)
        }
        guard let versionID = form["version"].flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        let version = try await req.frameworks.version(versionID, viewer: me.viewer)
        if !refused.isEmpty { return newPage(req, version, form: form, errors: refused) }
        return try await req.handleForm(
            decoded: form,
            save: { form in
                let input = ValueSetInput(
                    name: form["name"], illustrative: form["illustrative"] == "yes", notes: form["notes"],
                    csv: try Self.csv(form, req), licenceName: form["licenceName"], licenceUrl: form["licenceUrl"],
                    permitsRedistribution: form["permitsRedistribution"] == "yes" ? true : nil,
                    permitsCommercialUse: form["permitsCommercialUse"] == "yes" ? true : nil)
                let set = try await Self.importing {
                    try await req.valueSets.create(version: versionID, input, viewer: me.viewer, by: me.actor)
                }
                return Saved(Paths.valueSet(try set.requireID()), "The value set has been imported")
            },
            reshow: { form, errors in newPage(req, version, form: form, errors: errors) })
    }

    func show(req: Request) async throws -> Response { try await page(req, errors: []) }

    func page(_ req: Request, errors: [FieldError]) async throws -> Response {
        let me = req.currentUser
        let set = try await req.valueSets.find(try req.parameterID(), viewer: me?.viewer)
        let version = set.version
        let framework = try await req.frameworks.find(version.$framework.id)
        let canEdit = try await req.frameworks.permissions(framework, viewer: me?.viewer).canEdit
        let setID = try set.requireID()
        let entries = try await req.valueSets.entries(of: setID, viewer: me?.viewer)
        let measures = try await req.frameworks.tree(of: version.requireID(), viewer: me?.viewer).measures
        let index = set.priceIndex
        let year = req.query[Int.self, at: "year"]
        var problems: [String] = []
        let rows = entries.map { e -> [HTML] in
            let proxy = e.proxy
            var shown = Money.display(ValueSetCSV.plain(proxy.valuePerUnit))
            if let year, let index {
                do {
                    shown =
                        Money.display(
                            ValueSetCSV.plain(try index.uprate(proxy.valuePerUnit, from: proxy.baseYear, to: year)))
                        + " (\(year) prices)"
                } catch {
                    problems.append("\(e.measureCode): \(error)")
                }
            }
            let m = measures.first { $0.code == e.measureCode }
            return [
                "<strong>\(e.measureCode)</strong>", "\(m?.name ?? "")",
                HTML("\(shown) \(Plural.per(m?.unit ?? "unit"))"),
                "\(e.baseYear)",
                HTML(
                    "\(e.source)<br><span class=\"cw-meta\">\(e.licence)\(e.notes.isEmpty ? "" : ". " + e.notes)</span>"
                ),
            ]
        }
        let years = index.map { $0.points.keys.sorted() } ?? []
        let upratingForm: HTML =
            years.isEmpty
            ? "<p class=\"govuk-body\">No price index is stored beside this set, so values are shown in their base year’s prices.</p>"
            : """
            <form class="cw-search" method="get" action="\(Paths.valueSet(setID))">
              \(Components.select("year", label: "Show values in the prices of", options: years.map { (String($0), String($0)) }, selected: year.map(String.init), errors: [], includeBlank: "Their base year"))
              <button type="submit" class="govuk-button govuk-button--secondary">Show</button>
            </form>
            """
        let warning: HTML =
            problems.isEmpty
            ? .empty
            : "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span><strong class=\"govuk-warning-text__text\">Some values could not be uprated: \(problems.joined(separator: "; "))</strong></div>"
        // The set of an adopted or superseded version keeps its values: no form offers to replace them.
        let replaceForm: HTML =
            version.status.isEditable
            ? """
            <h2 class="govuk-heading-m">Replace the values</h2>
            <form method="post" action="\(Paths.valueSet(setID, .values))" enctype="multipart/form-data" novalidate>
              <input type="hidden" name="_csrf" value="\(req.csrfToken())">
              \(csvFields(errors, hint: "Columns: \(ValueSetCSV.columns.joined(separator: ",")). All values are replaced, or none if the file has a problem."))
              \(Components.button("Replace values", kind: "secondary"))
            </form>
            """
            : """
            <p class="govuk-body">\(version.label) is \(version.status.label.lowercased()), so this set keeps its values and its price index. To use other values or another index, import them as a new value set or change them in a new version.</p>
            """
        // Likewise its price index, which changes what the values are worth in another year.
        let indexForm: HTML =
            version.status.isEditable
            ? """
            <h2 class="govuk-heading-m">Price index for uprating</h2>
            <form method="post" action="\(Paths.valueSet(setID, .priceIndex))" novalidate>
              <input type="hidden" name="_csrf" value="\(req.csrfToken())">
              \(Components.textarea("indexText", label: "Index series as CSV", value: nil, errors: errors, hint: "Columns: year,index — for example the GDP deflator. A value is shown in another year’s prices as value × index(that year) ÷ index(base year), to the penny.", rows: 5, maxLength: 20_000))
              \(Components.button("Save index", kind: "secondary"))
            </form>
            """ : .empty
        let forms: HTML =
            canEdit
            ? """
            \(replaceForm)
            \(indexForm)
            """ : .empty
        return Page(
            title: set.name,
            breadcrumbs: [
                ("Frameworks", Paths.frameworks), (framework.name, Paths.framework(framework.id!)),
                (version.label, Paths.version(framework.id!, version.id!)),
            ], errors: errors,
            content: """
                <span class="govuk-caption-l">\(framework.name), \(version.label)</span>
                <h1 class="govuk-heading-l">\(set.name)</h1>
                \(set.isIllustrative ? "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span><strong class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">Warning</span>Illustrative — not for decisions.</strong></div>" as HTML : .empty)
                \(set.notes.isEmpty ? HTML.empty : "<p class=\"govuk-body\">\(set.notes)</p>")
                \(Self.licenceSummary(set))
                <p class="govuk-body">\(Components.link("Download as CSV", Paths.valueSet(setID, .valuesCSV)))</p>
                \(upratingForm)
                \(warning)
                \(entries.isEmpty ? "<p class=\"govuk-body\">This set has no values.</p>" : Components.table(caption: "Proxy values", headers: ["Code", "Measure", "Value", "Base year", "Source and licence"], rows: rows))
                \(forms)
                """
        ).render(req)
    }

    func export(req: Request) async throws -> Response {
        let me = req.currentUser
        let set = try await req.valueSets.find(try req.parameterID(), viewer: me?.viewer)
        let csv = try await req.valueSets.export(try set.requireID(), viewer: me?.viewer)
        let safeName = set.name.filter { $0.isLetter || $0.isNumber || $0 == " " }.replacingOccurrences(
            of: " ", with: "-")
        return Response.download(
            Data(csv.utf8), filename: "\(safeName.isEmpty ? "values" : safeName).csv",
            contentType: "text/csv; charset=utf-8")
    }

    /// A multipart upload: read as plain fields, then the one form path.
    func replace(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let id = try req.parameterID()
        return try await req.handleForm(
            [String: String].self,
            save: { form in
                try await Self.importing {
                    try await req.valueSets.replaceValues(
                        id, csv: try Self.csv(form, req), viewer: me.viewer, by: me.actor)
                }
                return Saved(Paths.valueSet(id), "The values have been replaced")
            },
            reshow: { _, errors in try await page(req, errors: errors) })
    }

    func setIndex(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let id = try req.parameterID()
        return try await req.handleForm(
            [String: String].self,
            save: { form in
                do {
                    try await req.valueSets.setPriceIndex(
                        id, csv: form["indexText"] ?? "", viewer: me.viewer, by: me.actor)
                } catch let f as ImportFailure {
                    throw ValidationFailure(f.problems.map { FieldError("indexText", $0.description) })
                }
                return Saved(Paths.valueSet(id), "The price index has been saved")
            },
            reshow: { _, errors in try await page(req, errors: errors) })
    }
}
