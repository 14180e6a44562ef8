import Fluent
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

    /// The CSV a person sent: an uploaded file wins over pasted text.
    static func csv(_ form: [String: String]) -> String {
        let file = form["csvFile"] ?? ""
        return file.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? (form["csvText"] ?? "") : file
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

    func owned(_ req: Request, version versionID: UUID) async throws -> (CurrentUser, FrameworkVersionModel) {
        let me = try req.requireUser()
        let version = try await req.frameworks.version(versionID)
        guard me.viewer.canEditFramework(version.framework.owner) else { throw StorageError.roleNotAllowed }
        return (me, version)
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
                  \(csvFields(errors, hint: "National TOMs and HACT values are licensed CC BY-NC-ND: a council may import a set it holds a licence for, but Commonweal never ships them.", pasted: form["csvText"]))
                  \(Components.button("Import value set"))
                </form>
                </div></div>
                """
        ).render(req)
    }

    func new(req: Request) async throws -> Response {
        guard let id = req.query[UUID.self, at: "version"] else { throw Abort(.notFound) }
        let (_, version) = try await owned(req, version: id)
        return newPage(req, version, form: [:], errors: [])
    }

    func create(req: Request) async throws -> Response {
        let form = try req.form()
        guard let versionID = form["version"].flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        let (me, version) = try await owned(req, version: versionID)
        do {
            let set = try await req.valueSets.create(
                version: versionID, name: form["name"], illustrative: form["illustrative"] == "yes",
                notes: form["notes"], csv: Self.csv(form), by: me.actor)
            return req.seeOther(Paths.valueSet(set.id!), flash: "The value set has been imported")
        } catch let f as ValidationFailure {
            return newPage(req, version, form: form, errors: f.errors)
        } catch let f as ImportFailure {
            return newPage(req, version, form: form, errors: Self.errors(f))
        }
    }

    func show(req: Request) async throws -> Response { try await page(req, errors: []) }

    func page(_ req: Request, errors: [FieldError]) async throws -> Response {
        let me = try req.requireUser()
        let set = try await visibleSet(req)
        let version = set.version
        let framework = try await req.frameworks.find(version.$framework.id)
        let canEdit = me.viewer.canEditFramework(framework.owner)
        let entries = try await req.valueSets.entries(of: set.id!)
        let measures = try await req.frameworks.tree(of: version.id!).measures
        let index = set.priceIndex
        let year = req.query[Int.self, at: "year"]
        var problems: [String] = []
        let rows = entries.map { e -> [HTML] in
            let proxy = e.proxy
            var shown = "£\(ValueSetCSV.plain(proxy.valuePerUnit))"
            if let year, let index {
                do {
                    shown =
                        "£\(ValueSetCSV.plain(try index.uprate(proxy.valuePerUnit, from: proxy.baseYear, to: year))) (\(year) prices)"
                } catch {
                    problems.append("\(e.measureCode): \(error)")
                }
            }
            let m = measures.first { $0.code == e.measureCode }
            return [
                "<strong>\(e.measureCode)</strong>", "\(m?.name ?? "")", HTML("\(shown) per \(m?.unit ?? "unit")"),
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
            <form class="cw-search" method="get" action="\(Paths.valueSet(set.id!))">
              \(Components.select("year", label: "Show values in the prices of", options: years.map { (String($0), String($0)) }, selected: year.map(String.init), errors: [], includeBlank: "Their base year"))
              <button type="submit" class="govuk-button govuk-button--secondary">Show</button>
            </form>
            """
        let warning: HTML =
            problems.isEmpty
            ? .empty
            : "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span><strong class=\"govuk-warning-text__text\">Some values could not be uprated: \(problems.joined(separator: "; "))</strong></div>"
        let forms: HTML =
            canEdit
            ? """
            <h2 class="govuk-heading-m">Replace the values</h2>
            <form method="post" action="\(Paths.valueSet(set.id!, .values))" enctype="multipart/form-data" novalidate>
              <input type="hidden" name="_csrf" value="\(req.csrfToken())">
              \(csvFields(errors, hint: "Columns: \(ValueSetCSV.columns.joined(separator: ",")). All values are replaced, or none if the file has a problem."))
              \(Components.button("Replace values", kind: "secondary"))
            </form>
            <h2 class="govuk-heading-m">Price index for uprating</h2>
            <form method="post" action="\(Paths.valueSet(set.id!, .priceIndex))" novalidate>
              <input type="hidden" name="_csrf" value="\(req.csrfToken())">
              \(Components.textarea("indexText", label: "Index series as CSV", value: nil, errors: errors, hint: "Columns: year,index — for example the GDP deflator. A value is shown in another year’s prices as value × index(that year) ÷ index(base year), to the penny.", rows: 5, maxLength: 20_000))
              \(Components.button("Save index", kind: "secondary"))
            </form>
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
                <p class="govuk-body">\(Components.link("Download as CSV", Paths.valueSet(set.id!, .valuesCSV)))</p>
                \(upratingForm)
                \(warning)
                \(entries.isEmpty ? "<p class=\"govuk-body\">This set has no values.</p>" : Components.table(caption: "Proxy values", headers: ["Code", "Measure", "Value", "Base year", "Source and licence"], rows: rows))
                \(forms)
                """
        ).render(req)
    }

    /// A value set follows its framework version's visibility: drafts only for owners and the
    /// Compact groups asked to comment.
    func visibleSet(_ req: Request) async throws -> ValueSetModel {
        _ = try req.requireUser()
        let set = try await req.valueSets.find(try req.parameterID())
        let version = try await req.frameworks.version(set.$version.id)
        guard try await FrameworkAccess.load(req, version.framework).canSee(version) else {
            throw StorageError.roleNotAllowed
        }
        return set
    }

    func export(req: Request) async throws -> Response {
        let set = try await visibleSet(req)
        let r = Response(status: .ok, body: .init(string: try await req.valueSets.export(set.id!)))
        r.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        let safeName = set.name.filter { $0.isLetter || $0.isNumber || $0 == " " }.replacingOccurrences(
            of: " ", with: "-")
        r.headers.replaceOrAdd(
            name: .contentDisposition, value: "attachment; filename=\"\(safeName.isEmpty ? "values" : safeName).csv\"")
        return r
    }

    func owner(_ req: Request) async throws -> (CurrentUser, ValueSetModel) {
        let me = try req.requireUser()
        let set = try await req.valueSets.find(try req.parameterID())
        guard me.viewer.canEditFramework(try await req.frameworks.find(set.version.$framework.id).owner) else {
            throw StorageError.roleNotAllowed
        }
        return (me, set)
    }

    func replace(req: Request) async throws -> Response {
        let (me, set) = try await owner(req)
        let form = try req.form()
        do {
            try await req.valueSets.replaceValues(set.id!, csv: Self.csv(form), by: me.actor)
            return req.seeOther(Paths.valueSet(set.id!), flash: "The values have been replaced")
        } catch let f as ImportFailure {
            return try await page(req, errors: Self.errors(f))
        }
    }

    func setIndex(req: Request) async throws -> Response {
        let (me, set) = try await owner(req)
        let form = try req.form()
        do {
            try await req.valueSets.setPriceIndex(set.id!, csv: form["indexText"] ?? "", by: me.actor)
            return req.seeOther(Paths.valueSet(set.id!), flash: "The price index has been saved")
        } catch let f as ImportFailure {
            return try await page(req, errors: f.problems.map { FieldError("indexText", $0.description) })
        }
    }
}
