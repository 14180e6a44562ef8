import Foundation
import SocialValue
import Storage

/// The versions of a signed Compact's text and principles on its page: which version is in force
/// and why it was amended, and each earlier version in full below, with its date, author and
/// reason (compact.md, "Amending a signed Compact").
enum CompactView {
    static func by(_ v: CompactVersionModel, showAuthors: Bool) -> String {
        showAuthors ? " by \(v.author)" : ""
    }

    /// The line above the text: the version in force, and for an amendment its date and reason.
    static func versionLine(_ versions: [CompactVersionModel], showAuthors: Bool) -> HTML {
        guard let last = versions.last else { return .empty }
        let day = UKTime.date(at: last.at).longForm
        let text =
            last.version == 1
            ? "Version 1: the text and principles as signed (recorded on \(day))."
            : "Version \(last.version), amended on \(day)\(by(last, showAuthors: showAuthors)). Reason: \(last.reason ?? ""). Earlier versions are below the principles."
        return "<p class=\"govuk-body cw-meta\" id=\"compact-version\">\(text)</p>"
    }

    /// Each version before the one in force, newest first, in full.
    static func earlierVersions(_ versions: [CompactVersionModel], showAuthors: Bool) -> HTML {
        guard versions.count > 1 else { return .empty }
        let items = versions.dropLast().reversed().map { v -> HTML in
            let day = UKTime.date(at: v.at).longForm
            let heading =
                v.version == 1
                ? "Version 1, as first signed (recorded on \(day))"
                : "Version \(v.version), amended on \(day)\(by(v, showAuthors: showAuthors))"
            let reason: HTML = v.reason.map { "<p class=\"govuk-body\">Reason: \($0)</p>" as HTML } ?? .empty
            let principles = v.principles.map { p -> HTML in
                "<li><strong>\(CompactPages.heading(code: p.code, title: p.title))</strong>: \(p.text)</li>"
            }
            return """
                <details class="govuk-details" id="compact-version-\(v.version)"><summary class="govuk-details__summary"><span class="govuk-details__summary-text">\(heading)</span></summary>
                <div class="govuk-details__text">\(reason)
                <p class="govuk-body cw-meta">The Compact’s version then: \(v.label)</p>
                \(HTML.paragraphs(v.text))
                <h4 class="govuk-heading-s">Principles</h4><ul class="govuk-list">\(principles)</ul></div></details>
                """
        }
        return """
            <h2 class="govuk-heading-m">Earlier versions of the Compact</h2>
            <p class="govuk-body">Each signatory signed the version shown beside it in the signatories table.</p>
            \(items)
            """
    }
}
