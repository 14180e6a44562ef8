import SocialValue

extension Components {
    /// The GOV.UK date input: a fieldset with day, month and year fields posted as `name[day]`,
    /// `name[month]` and `name[year]` (the core's `decodeDate(forKey:)` reads them, or ISO text
    /// from the API, into the same input field). `value` is what the input holds: a saved ISO date
    /// or the parts as typed, shown again as typed. A problem reported for the date (`name`) or
    /// one of its parts (`name.day`, …) is shown once; the parts in error are marked (the empty
    /// ones when some are missing, the year when only it is wrong, else all three).
    /// `autocompletePrefix` is for a date of birth only (`bday` gives `bday-day`, …).
    public static func dateInput(
        _ name: String, legend: String, value: String?, errors: [FieldError], hint: String? = nil,
        example: String = "27 3 2026",
        autocompletePrefix: String? = nil
    ) -> HTML {
        let id = fieldID(name)
        let key = path(name)
        let parts = DateParts(value)
        let error = errors.first { [key, key + ".day", key + ".month", key + ".year"].contains($0.field) }
        let errorID = error.map { _ in id + "-error" }
        let hintID = id + "-hint"
        let typed = [("day", parts.day), ("month", parts.month), ("year", parts.year)]
        var marked = Set<String>()
        if let error {
            let empty = typed.filter { $0.1.trimmingCharacters(in: .whitespaces).isEmpty }.map(\.0)
            if error.field == key + ".year", !parts.year.isEmpty {
                marked = ["year"]
            } else if !empty.isEmpty, empty.count < 3 {
                marked = Set(empty)
            } else {
                marked = ["day", "month", "year"]
            }
        }
        let items = typed.map { part, text -> HTML in
            let width = part == "year" ? "4" : "2"
            let errorClass = marked.contains(part) ? " govuk-input--error" : ""
            let auto: HTML = autocompletePrefix.map { " autocomplete=\"\($0)-\(part)\"" } ?? .empty
            return """
                <div class="govuk-date-input__item">
                  <div class="govuk-form-group">
                    <label class="govuk-label govuk-date-input__label" for="\(id)-\(part)">\(part.prefix(1).uppercased() + part.dropFirst())</label>
                    <input class="govuk-input govuk-date-input__input govuk-input--width-\(width)\(errorClass)" id="\(id)-\(part)" name="\(name)[\(part)]" type="text" inputmode="numeric" value="\(text)" maxlength="\(part == "year" ? 4 : 2)"\(auto)>
                  </div>
                </div>
                """
        }
        let hintText = [hint, "For example, \(example)"].compactMap { $0 }.joined(separator: " ")
        let errorHTML: HTML =
            error.map {
                "<p id=\"\(id)-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> \($0.message)</p>"
            } ?? .empty
        return """
            <div class="govuk-form-group\(error == nil ? "" : " govuk-form-group--error")">
              <fieldset class="govuk-fieldset" role="group"\(describedBy([hintID, errorID]))>
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">\(legend)</legend>
                <div id="\(hintID)" class="govuk-hint">\(hintText)</div>
                \(errorHTML)
                <div class="govuk-date-input" id="\(id)">\(items)</div>
              </fieldset>
            </div>
            """
    }
}
