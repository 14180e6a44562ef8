import Foundation
import SocialValue
import Storage
import Vapor

/// Filling a monitoring return offline (docs/monitoring.md): the period's return as a CSV
/// template (`ReturnTemplate`, the draft's answers filled in), and its upload, saved as the draft
/// by the same rules as the form: all or nothing, each problem on the file field with its line.
extension MonitoringPages {
    static func templateForm(_ v: MonitoringStore.ReturnView, csrf: String, _ errors: [FieldError]) -> HTML {
        let id = v.contract.id!
        let n = v.period.number
        return """
            <h2 class="govuk-heading-m">Fill the return offline</h2>
            <p class="govuk-body">\(Components.link("Download the return as a CSV template", Paths.monitoringReturn(id, n, .template), context: "for period \(n)")), fill in its <code>value</code> column in a spreadsheet and upload it here. It replaces the draft’s answers; nothing is saved if the file has a problem.</p>
            <form method="post" action="\(Paths.monitoringReturn(id, n, .upload))" enctype="multipart/form-data" novalidate>
              <input type="hidden" name="_csrf" value="\(csrf)">
              \(Components.fileUpload("returnFile", label: "Filled template (.csv)", errors: errors))
              \(Components.checkbox("confirmUploadedFigures", label: "The figures in the file are right, even where they take a commitment past what was committed", checked: false, errors: []))
              \(Components.button("Upload the template", kind: "secondary"))
            </form>
            """
    }

    func templateCSV(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let (id, n) = try ids(req)
        let v = try await req.monitoring.returnView(contract: id, period: n, viewer: me.viewer)
        let text = ReturnTemplate.csv(commitments: v.lines.map(\.commitment), filled: Self.input(v))
        return Response.download(
            Data(text.utf8), filename: "monitoring-return-period-\(n).csv", contentType: "text/csv; charset=utf-8")
    }

    struct ReturnUpload: Content {
        var _csrf: String?
        var returnFile: File?
        /// The upload's own confirmation of figures over a commitment (the form's box has its own
        /// name, as the return's form may show one too).
        var confirmUploadedFigures: String?
    }

    func upload(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let (id, n) = try ids(req)
        return try await req.handleForm(
            ReturnUpload.self,
            save: { (form: ReturnUpload) -> Saved in
                let bytes = form.returnFile.map { Array($0.data.readableBytesView) } ?? []
                guard !bytes.isEmpty, form.returnFile?.filename.lowercased().hasSuffix(".csv") == true,
                    let text = String(validating: bytes, as: UTF8.self)
                else {
                    throw ValidationFailure("returnFile", "Select the filled template, a .csv file in UTF-8")
                }
                var lines = TemplateCSV.Lines()
                do {
                    let parsed = try ReturnTemplate.parseCSV(text)
                    lines = parsed.lines
                    var input = parsed.input
                    input.confirmOverCommitment = form.confirmUploadedFigures == "yes"
                    try await req.monitoring.save(
                        contract: id, period: n, input, submit: false, viewer: me.viewer, by: me.actor)
                } catch let e as ValidationFailure {
                    throw lines.onUpload(
                        e, field: "returnFile", asWritten: [MonitoringReturns.confirmOverCommitmentField])
                }
                return Saved(
                    Paths.monitoringReturn(id, n),
                    "Your return has been filled in from the template and saved as a draft. It is not submitted yet")
            },
            reshow: { _, errors in
                let v = try await req.monitoring.returnView(contract: id, period: n, viewer: me.viewer)
                return try await page(req, v, form: Self.input(v), errors: errors, status: .unprocessableEntity)
            })
    }
}
