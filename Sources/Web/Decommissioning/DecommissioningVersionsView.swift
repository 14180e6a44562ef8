import Foundation
import SocialValue
import Storage

/// The versions of a proposal shared with the provider, on the case page: which version the
/// case reads, then the earlier ones with their date, author and reason (issue 13 §1;
/// decommissioning.md, "Amending a shared proposal").
extension DecommissioningView {
    /// "shared on 20 January 2027 by Priya Shah" or "amended on … by …".
    static func versionLabel(_ v: DecommissioningProposalVersionModel) -> String {
        "\(v.isAmendment ? "amended" : "shared") on \(UKTime.date(at: v.at).longForm) by \(v.author)"
    }

    static func contentRows(_ p: ProposalContent) -> [Components.Row] {
        func text(_ s: String?) -> HTML { s.map { HTML.paragraphs($0) } ?? "Not recorded" }
        let from = p.currentFundingPence.map(Money.init(pence:))
        let to = p.proposedFundingPence.map(Money.init(pence:))
        let change =
            p.change == .reduce && from != nil && to != nil
            ? "Reduce funding from \(from!) to \(to!) a year"
            : p.change.label + (from.map { " (now \($0) a year)" } ?? "")
        return [
            .init("Service", text: p.serviceName),
            .init("What the service does", HTML.paragraphs(p.serviceDescription)),
            .init("Proposed change", text: change), .init("Rationale", HTML.paragraphs(p.rationale)),
            .init("Impact on beneficiaries", text(p.onBeneficiaries)),
            .init("Impact on service users", text(p.onServiceUsers)),
            .init("Impact on volunteers", text(p.onVolunteers)),
            .init("Social, environmental and economic impact; advice from voluntary groups", text(p.widerImpact)),
            .init("Mitigation", text(p.mitigation)),
        ]
    }

    /// The version in force and, beneath, the earlier ones, latest first; `amend` is the link to
    /// amend it, for the body's commissioners while the case is assessed.
    static func proposalVersions(_ versions: [DecommissioningProposalVersionModel], amend: String?) throws -> HTML {
        guard let current = versions.last else { return .empty }
        let earlier = try versions.dropLast().reversed().map { v -> HTML in
            let reason: HTML = v.reason.map { "<p class=\"govuk-body\">Why it was amended: \($0)</p>" } ?? .empty
            return """
                <h3 class="govuk-heading-s" id="proposal-version-\(v.version)">Version \(v.version), \(versionLabel(v))</h3>
                \(reason)
                <details class="govuk-details"><summary class="govuk-details__summary"><span class="govuk-details__summary-text">Version \(v.version) of the proposal</span></summary>
                <div class="govuk-details__text">\(Components.summaryList(contentRows(try v.content)))</div></details>
                """
        }
        let why: HTML = current.reason.map { "<p class=\"govuk-body\">Why it was amended: \($0)</p>" } ?? .empty
        let link: HTML =
            amend.map { "<p class=\"govuk-body\">\(Components.link("Amend the proposal", $0))</p>" } ?? .empty
        return """
            <h2 class="govuk-heading-m" id="proposal-versions">Versions of the proposal</h2>
            <p class="govuk-body">The proposal shared with the organisation is never changed in place: each amendment is a new version, and the earlier versions stay here.</p>
            <h3 class="govuk-heading-s" id="proposal-version-\(current.version)">Version \(current.version) (the proposal above), \(versionLabel(current))</h3>
            \(why)
            \(link)
            \(HTML.join(earlier))
            """
    }
}
