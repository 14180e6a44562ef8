import Foundation
import SocialValue
import Storage
import Vapor

/// The "check and confirm" page for moving a procurement to Cancelled (issue 13 §5): what
/// cancelling does, as the store does it, the reason, and the warning button.
extension ProcurementPages {
    func cancelPage(_ req: Request, _ p: ProcurementModel, reason: String?, errors: [FieldError]) async throws
        -> Response
    {
        let id = try p.requireID()
        var detail: [HTML] = [
            "<p class=\"govuk-body\">The reason is shown on the procurement’s page. Consultations about it and its market engagement events stay as they are.</p>"
        ]
        if let t = try await req.tenders.tender(ofProcurement: id) {
            let phase = t.phase(at: Date())
            if phase == .draft {
                detail.append(
                    "<p class=\"govuk-body\" id=\"cancel-tender\">Its draft tender can no longer be changed or published.</p>"
                )
            } else if ![.awarded, .cancelled].contains(phase) {
                detail.append(
                    """
                    <p class="govuk-body" id="cancel-tender">Its tender (\(phase.label.lowercased())) is not cancelled by this, and its bidders are not told. To end the tender and its procurement together and tell the bidders, \(Components.link("cancel the tender", Paths.tender(t.id!, .cancel), context: "for \(p.title)")) instead.</p>
                    """)
            }
        }
        return Confirmation(
            title: "Cancel the procurement", caption: p.title,
            breadcrumbs: [("Procurements", Paths.procurements), (p.title, Paths.procurement(id))],
            consequence:
                "Cancelling ends the procurement. It cannot be undone: its details and its consideration can no longer change, no market engagement event or tender can be added to it, and it leaves the public pipeline.",
            detail: HTML.join(detail),
            action: Paths.procurement(id, .status),
            carried: [(name: "status", value: ProcurementStatus.cancelled.rawValue)],
            fields: Components.textarea(
                "cancelReason", label: "Why the procurement is cancelled", value: reason, errors: errors, rows: 3,
                maxLength: 2000),
            button: "Cancel the procurement", back: ("No, go back to the procurement", Paths.procurement(id)),
            errors: errors, status: errors.isEmpty ? .ok : .unprocessableEntity
        ).render(req)
    }
}
