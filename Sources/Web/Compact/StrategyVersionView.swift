import Foundation
import SocialValue
import Storage

/// The versions of a joint strategy bodies have signed up to, on its page: which version is in
/// force and why it was amended, and each earlier version in full below, with its date, author and
/// reason (frameworks.md, "Amending a signed-up strategy").
enum StrategyVersionView {
    static func by(_ v: StrategyVersionModel, showAuthors: Bool) -> String {
        showAuthors ? " by \(v.author)" : ""
    }

    /// The line above the strategy: the version in force, and for an amendment its date and reason.
    static func versionLine(_ versions: [StrategyVersionModel], showAuthors: Bool) -> HTML {
        guard let last = versions.last else { return .empty }
        let day = UKTime.date(at: last.at).longForm
        let text =
            last.version == 1
            ? "Version 1: the strategy as signed up to (recorded on \(day))."
            : "Version \(last.version), amended on \(day)\(by(last, showAuthors: showAuthors)). Reason: \(last.reason ?? ""). Earlier versions are below the priorities."
        return "<p class=\"govuk-body cw-meta\" id=\"strategy-version\">\(text)</p>"
    }

    /// Each version before the one in force, newest first, in full.
    static func earlierVersions(_ versions: [StrategyVersionModel], showAuthors: Bool) -> HTML {
        guard versions.count > 1 else { return .empty }
        let items = versions.dropLast().reversed().map { v -> HTML in
            let day = UKTime.date(at: v.at).longForm
            let heading =
                v.version == 1
                ? "Version 1, as first signed up to (recorded on \(day))"
                : "Version \(v.version), amended on \(day)\(by(v, showAuthors: showAuthors))"
            let reason: HTML = v.reason.map { "<p class=\"govuk-body\">Reason: \($0)</p>" as HTML } ?? .empty
            let priorities = v.priorities.map { p -> HTML in
                "<li><strong>\(p.outcome)</strong>: \(p.target), \(p.period)</li>"
            }
            return """
                <details class="govuk-details" id="strategy-version-\(v.version)"><summary class="govuk-details__summary"><span class="govuk-details__summary-text">\(heading)</span></summary>
                <div class="govuk-details__text">\(reason)
                <h3 class="govuk-heading-s">\(v.title)</h3>
                <p class="govuk-body cw-meta">Runs \(longDate(v.startsOn)) to \(longDate(v.endsOn))</p>
                \(HTML.paragraphs(v.summary))
                <h4 class="govuk-heading-s">Priorities, in order</h4>\(priorities.isEmpty ? HTML("<p class=\"govuk-body\">No priorities.</p>") : HTML("<ol class=\"govuk-list govuk-list--number\">\(priorities)</ol>"))</div></details>
                """
        }
        return """
            <h2 class="govuk-heading-m">Earlier versions of the strategy</h2>
            <p class="govuk-body">Each public body signed up to the version shown beside it.</p>
            \(items)
            """
    }
}
