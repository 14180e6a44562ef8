import Foundation
import SocialValue
import Storage

/// The "you said, we did" section of a consultation's page: the summary in force, and once it
/// has been amended, which version it is and each earlier version below it, as published, with
/// its date, author and reason (consultations.md, "Amending a published summary").
extension ConsultationView {
    static func outcomeBody(_ o: Outcome) -> HTML {
        let links: HTML =
            o.links.isEmpty
            ? .empty
            : """
            <h3 class="govuk-heading-s">What changed</h3><ul class="govuk-list govuk-list--bullet">\(o.links.map { l -> HTML in "<li>\(Components.link(l.label, l.url))</li>" })</ul>
            """
        return """
            <h3 class="govuk-heading-s">You said</h3>\(HTML.paragraphs(o.youSaid))
            <h3 class="govuk-heading-s">We did</h3>\(HTML.paragraphs(o.weDid))
            \(links)
            """
    }

    /// Who made a version: the person to those who manage the consultation, the body to others.
    static func versionLine(_ v: ConsultationOutcomeVersionModel, owner: String, showAuthors: Bool) -> String {
        let day = UKTime.date(at: v.at).longForm
        let by = showAuthors ? v.author : owner
        return v.version == 1
            ? "Version 1, published on \(day) by \(by)." : "Version \(v.version), amended on \(day) by \(by)."
    }

    static func outcome(
        _ m: ConsultationOutcomeModel, versions: [ConsultationOutcomeVersionModel], owner: String, showAuthors: Bool
    ) -> HTML {
        let unpublished: HTML =
            m.publishedAt == nil ? HTML(" \(Components.tag("Not published yet", colour: "grey"))") : .empty
        var meta: HTML =
            m.publishedAt.map {
                "<p class=\"govuk-body cw-meta\">Published on \(UKTime.date(at: $0).longForm).</p>" as HTML
            } ?? .empty
        var earlier: [HTML] = []
        if let last = versions.last, last.version > 1 {
            meta = """
                <p class="govuk-body cw-meta" id="outcome-versions">\(versionLine(last, owner: owner, showAuthors: showAuthors)) Reason: \(last.reason ?? ""). Earlier versions are below, as they were published.</p>
                """
            for v in versions.dropLast().reversed() {
                let reason: HTML = v.reason.map { "<p class=\"govuk-body\">Reason: \($0)</p>" as HTML } ?? .empty
                earlier.append(
                    """
                    <div class="cw-card" id="outcome-version-\(v.version)">
                    <h3 class="govuk-heading-s">\(versionLine(v, owner: owner, showAuthors: showAuthors))</h3>
                    \(reason)
                    \(outcomeBody(v.outcome))
                    </div>
                    """)
            }
        }
        let history: HTML =
            earlier.isEmpty
            ? .empty
            : """
            <h3 class="govuk-heading-s">Earlier versions</h3>
            \(earlier)
            """
        return """
            <h2 class="govuk-heading-m" id="outcome">You said, we did\(unpublished)</h2>
            \(meta)
            \(outcomeBody(m.outcome))
            \(history)
            """
    }
}
