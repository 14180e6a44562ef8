import SocialValue

/// GOV.UK Design System patterns, rendered server-side. Every function returns safe `HTML`.
public enum Components {
    /// The error summary at the top of a form: links jump to each field (GOV.UK pattern).
    public static func errorSummary(_ errors: [FieldError]) -> HTML {
        guard !errors.isEmpty else { return .empty }
        // A field given as a path ("/tenders/…/bids/…#score-Q1") is on another page: link there.
        let items = errors.map { e -> HTML in
            "<li><a href=\"\(e.field.hasPrefix("/") ? e.field : "#" + fieldID(e.field))\">\(e.message)</a></li>"
        }
        return """
            <div class="govuk-error-summary" data-module="govuk-error-summary" tabindex="-1" role="alert" aria-labelledby="error-summary-title">
              <h2 class="govuk-error-summary__title" id="error-summary-title">There is a problem</h2>
              <div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list">\(items)</ul></div>
            </div>
            """
    }

    /// An HTML id for a field name such as `bands[2].from`, or a form's nested name such as
    /// `links[2][url]` (the same id as the core's path for it, `links[2].url`).
    public static func fieldID(_ field: String) -> String {
        String(errorPath(field).map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }

    /// The core's path for a form field's name, under which its problems are reported: a form's
    /// nested name `links[2][url]` is the path `links[2].url` (indexes stay in brackets, keys
    /// follow a dot), a list's `audience[]` is `audience`. Names without brackets are their own path.
    public static func errorPath(_ name: String) -> String {
        guard let open = name.firstIndex(of: "["), name.last == "]" else { return name }
        var path = String(name[..<open])
        for part in name[open...].dropFirst().dropLast().components(separatedBy: "][") where !part.isEmpty {
            path += part.allSatisfy(\.isNumber) ? "[\(part)]" : ".\(part)"
        }
        return path
    }

    static func errorMessage(_ field: String, _ errors: [FieldError]) -> (HTML, String?) {
        let path = errorPath(field)
        guard let e = errors.first(where: { $0.field == path }) else { return (.empty, nil) }
        let id = fieldID(field) + "-error"
        return (
            "<p id=\"\(id)\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> \(e.message)</p>",
            id
        )
    }

    static func describedBy(_ ids: [String?]) -> HTML {
        let list = ids.compactMap { $0 }
        return list.isEmpty ? .empty : " aria-describedby=\"\(list.joined(separator: " "))\""
    }

    public static func textInput(
        _ name: String, label: String, value: String?, errors: [FieldError], hint: String? = nil,
        type: String = "text", width: String? = nil, autocomplete: String? = nil, maxLength: Int = 200,
        id elementID: String? = nil
    ) -> HTML {
        let id = elementID ?? fieldID(name)
        let (error, errorID) = errorMessage(name, errors)
        let hintID = hint.map { _ in id + "-hint" }
        let hintHTML: HTML = hint.map { "<div id=\"\(id)-hint\" class=\"govuk-hint\">\($0)</div>" } ?? .empty
        let widthClass = width.map { " govuk-input--width-\($0)" } ?? ""
        let errorClass = errorID == nil ? "" : " govuk-input--error"
        let auto: HTML = autocomplete.map { " autocomplete=\"\($0)\"" } ?? .empty
        return """
            <div class="govuk-form-group\(errorID == nil ? "" : " govuk-form-group--error")">
              <label class="govuk-label" for="\(id)">\(label)</label>
              \(hintHTML)\(error)
              <input class="govuk-input\(widthClass)\(errorClass)" id="\(id)" name="\(name)" type="\(type)" value="\(value ?? "")" maxlength="\(maxLength)"\(auto)\(describedBy([hintID, errorID]))>
            </div>
            """
    }

    public static func textarea(
        _ name: String, label: String, value: String?, errors: [FieldError], hint: String? = nil, rows: Int = 5,
        maxLength: Int = 10_000, id elementID: String? = nil
    ) -> HTML {
        let id = elementID ?? fieldID(name)
        let (error, errorID) = errorMessage(name, errors)
        let hintID = hint.map { _ in id + "-hint" }
        let hintHTML: HTML = hint.map { "<div id=\"\(id)-hint\" class=\"govuk-hint\">\($0)</div>" } ?? .empty
        return """
            <div class="govuk-form-group\(errorID == nil ? "" : " govuk-form-group--error")">
              <label class="govuk-label" for="\(id)">\(label)</label>
              \(hintHTML)\(error)
              <textarea class="govuk-textarea\(errorID == nil ? "" : " govuk-textarea--error")" id="\(id)" name="\(name)" rows="\(rows)" maxlength="\(maxLength)"\(describedBy([hintID, errorID]))>\(value ?? "")</textarea>
            </div>
            """
    }

    public static func select(
        _ name: String, label: String, options: [(value: String, label: String)], selected: String?,
        errors: [FieldError], hint: String? = nil, includeBlank: String? = "Select one"
    ) -> HTML {
        let id = fieldID(name)
        let (error, errorID) = errorMessage(name, errors)
        let hintID = hint.map { _ in id + "-hint" }
        let hintHTML: HTML = hint.map { "<div id=\"\(id)-hint\" class=\"govuk-hint\">\($0)</div>" } ?? .empty
        var opts: [HTML] = includeBlank.map { ["<option value=\"\">\($0)</option>"] } ?? []
        opts += options.map { o in
            "<option value=\"\(o.value)\"\(o.value == selected ? HTML(" selected") : .empty)>\(o.label)</option>"
        }
        return """
            <div class="govuk-form-group\(errorID == nil ? "" : " govuk-form-group--error")">
              <label class="govuk-label" for="\(id)">\(label)</label>
              \(hintHTML)\(error)
              <select class="govuk-select" id="\(id)" name="\(name)"\(describedBy([hintID, errorID]))>\(opts)</select>
            </div>
            """
    }

    public static func checkbox(_ name: String, label: String, checked: Bool, errors: [FieldError], hint: String? = nil)
        -> HTML
    {
        let id = fieldID(name)
        let (error, errorID) = errorMessage(name, errors)
        let hintHTML: HTML =
            hint.map { "<div id=\"\(id)-hint\" class=\"govuk-hint govuk-checkboxes__hint\">\($0)</div>" } ?? .empty
        return """
            <div class="govuk-form-group\(errorID == nil ? "" : " govuk-form-group--error")">\(error)
              <div class="govuk-checkboxes" data-module="govuk-checkboxes">
                <div class="govuk-checkboxes__item">
                  <input class="govuk-checkboxes__input" id="\(id)" name="\(name)" type="checkbox" value="yes"\(checked ? HTML(" checked") : .empty)\(describedBy([hint == nil ? nil : id + "-hint", errorID]))>
                  <label class="govuk-label govuk-checkboxes__label" for="\(id)">\(label)</label>
                  \(hintHTML)
                </div>
              </div>
            </div>
            """
    }

    public static func button(_ text: String, kind: String? = nil) -> HTML {
        let extra = kind.map { " govuk-button--\($0)" } ?? ""
        return "<button type=\"submit\" class=\"govuk-button\(extra)\" data-module=\"govuk-button\">\(text)</button>"
    }

    /// A form with its CSRF token. Forms always post to the server: no JavaScript needed.
    public static func form(action: String, csrf: String, _ content: HTML, novalidate: Bool = true) -> HTML {
        """
        <form method="post" action="\(action)"\(novalidate ? HTML(" novalidate") : .empty)>
          <input type="hidden" name="_csrf" value="\(csrf)">
          \(content)
        </form>
        """
    }

    /// A one-button form, e.g. "Remove", shown inline in a table or summary list.
    public static func inlineAction(
        action: String, csrf: String, label: String, context: String, kind: String = "secondary"
    ) -> HTML {
        """
        <form class="cw-inline-form" method="post" action="\(action)">
          <input type="hidden" name="_csrf" value="\(csrf)">
          <button type="submit" class="govuk-button govuk-button--\(kind) govuk-!-margin-bottom-0">\(label)<span class="govuk-visually-hidden"> \(context)</span></button>
        </form>
        """
    }

    public struct Row {
        public let key: String
        public let value: HTML
        public let action: HTML?

        public init(_ key: String, _ value: HTML, action: HTML? = nil) {
            self.key = key
            self.value = value
            self.action = action
        }

        public init(_ key: String, text: String?, action: HTML? = nil) {
            self.init(key, HTML("\(text ?? "Not given")"), action: action)
        }
    }

    public static func summaryList(_ rows: [Row]) -> HTML {
        let items = rows.map { r -> HTML in
            let action: HTML = r.action.map { "<dd class=\"govuk-summary-list__actions\">\($0)</dd>" } ?? .empty
            return """
                <div class="govuk-summary-list__row">
                  <dt class="govuk-summary-list__key">\(r.key)</dt>
                  <dd class="govuk-summary-list__value">\(r.value)</dd>\(action)
                </div>
                """
        }
        return "<dl class=\"govuk-summary-list\">\(items)</dl>"
    }

    /// A table with a caption and header row; wrapped so it scrolls rather than overflows at 320px.
    /// `captionHidden` keeps the caption for screen readers where a visible heading already says it.
    public static func table(
        caption: String, headers: [String], rows: [[HTML]], numericColumns: Set<Int> = [], captionHidden: Bool = false
    ) -> HTML {
        let head = headers.enumerated().map { i, h -> HTML in
            "<th scope=\"col\" class=\"govuk-table__header\(numericColumns.contains(i) ? " govuk-table__header--numeric" : "")\">\(h)</th>"
        }
        let body = rows.map { row -> HTML in
            let cells = row.enumerated().map { i, c -> HTML in
                "<td class=\"govuk-table__cell\(numericColumns.contains(i) ? " govuk-table__cell--numeric" : "")\">\(c)</td>"
            }
            return "<tr class=\"govuk-table__row\">\(cells)</tr>"
        }
        return """
            <div class="cw-table-wrapper" tabindex="0" role="region" aria-label="\(caption)">
            <table class="govuk-table">
              <caption class="\(captionHidden ? "govuk-visually-hidden" : "govuk-table__caption govuk-table__caption--m")">\(caption)</caption>
              <thead class="govuk-table__head"><tr class="govuk-table__row">\(head)</tr></thead>
              <tbody class="govuk-table__body">\(body)</tbody>
            </table>
            </div>
            """
    }

    /// Previous / numbered / next links that keep the list's filters (GOV.UK pagination).
    public static func pagination(_ page: ListPage, path: String, query: [String: String]) -> HTML {
        guard page.pageCount > 1 else { return "<p class=\"govuk-body cw-meta\">\(page.rangeText)</p>" }
        func href(_ n: Int) -> String {
            var q = query.filter { !$0.value.isEmpty }
            q["page"] = String(n)
            let qs = q.sorted { $0.key < $1.key }
                .map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
                .joined(separator: "&")
            return "\(path)?\(qs)"
        }
        let prev: HTML =
            page.hasPrevious
            ? "<div class=\"govuk-pagination__prev\"><a class=\"govuk-link govuk-pagination__link\" href=\"\(href(page.number - 1))\" rel=\"prev\">Previous<span class=\"govuk-visually-hidden\"> page</span></a></div>"
            : .empty
        let next: HTML =
            page.hasNext
            ? "<div class=\"govuk-pagination__next\"><a class=\"govuk-link govuk-pagination__link\" href=\"\(href(page.number + 1))\" rel=\"next\">Next<span class=\"govuk-visually-hidden\"> page</span></a></div>"
            : .empty
        let numbers = (1...page.pageCount).filter { $0 == 1 || $0 == page.pageCount || abs($0 - page.number) <= 2 }
        var items: [HTML] = []
        var last = 0
        for n in numbers {
            if n - last > 1 {
                items.append("<li class=\"govuk-pagination__item govuk-pagination__item--ellipses\">&ctdot;</li>")
            }
            if n == page.number {
                items.append(
                    "<li class=\"govuk-pagination__item govuk-pagination__item--current\"><a class=\"govuk-link govuk-pagination__link\" href=\"\(href(n))\" aria-label=\"Page \(n)\" aria-current=\"page\">\(n)</a></li>"
                )
            } else {
                items.append(
                    "<li class=\"govuk-pagination__item\"><a class=\"govuk-link govuk-pagination__link\" href=\"\(href(n))\" aria-label=\"Page \(n)\">\(n)</a></li>"
                )
            }
            last = n
        }
        return """
            <p class="govuk-body cw-meta">\(page.rangeText)</p>
            <nav class="govuk-pagination" aria-label="Pagination">\(prev)<ul class="govuk-pagination__list">\(items)</ul>\(next)</nav>
            """
    }

    /// A search box and optional filters for a list, submitted with GET so the URL can be shared.
    public static func searchForm(path: String, label: String, query: String?, filters: HTML = .empty) -> HTML {
        """
        <form class="cw-search" method="get" action="\(path)" role="search">
          <div class="govuk-form-group">
            <label class="govuk-label" for="q">\(label)</label>
            <input class="govuk-input govuk-input--width-20" id="q" name="q" type="search" value="\(query ?? "")" maxlength="100">
          </div>
          \(filters)
          <button type="submit" class="govuk-button govuk-button--secondary">Search</button>
        </form>
        """
    }

    public static func tag(_ text: String, colour: String? = nil) -> HTML {
        "<strong class=\"govuk-tag\(colour.map { " govuk-tag--\($0)" } ?? "")\">\(text)</strong>"
    }

    public static func successBanner(_ message: String?) -> HTML {
        guard let message else { return .empty }
        return """
            <div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="banner-title">
              <div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="banner-title">Success</h2></div>
              <div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">\(message)</p></div>
            </div>
            """
    }

    /// A link; `context` is read out after the text (for "View", "Change" and the like, so each
    /// link says where it goes: WCAG 2.4.4).
    public static func link(_ text: String, _ href: String, context: String? = nil) -> HTML {
        let hidden: HTML = context.map { "<span class=\"govuk-visually-hidden\"> \($0)</span>" } ?? .empty
        return "<a class=\"govuk-link\" href=\"\(href)\">\(text)\(hidden)</a>"
    }
}
