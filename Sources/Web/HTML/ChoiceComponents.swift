import SocialValue

/// Radios and groups of checkboxes in a fieldset (GOV.UK patterns). The first input carries
/// the field's id, so the error summary's link lands on the question.
extension Components {
    public static func radios(
        _ name: String, legend: String, options: [(value: String, label: String)], selected: String?,
        errors: [FieldError],
        hint: String? = nil, inline: Bool = false
    ) -> HTML {
        let items = options.enumerated().map { i, o -> HTML in
            let id = i == 0 ? fieldID(name) : "\(fieldID(name))-\(i + 1)"
            return """
                <div class="govuk-radios__item">
                  <input class="govuk-radios__input" id="\(id)" name="\(name)" type="radio" value="\(o.value)"\(o.value == selected ? HTML(" checked") : .empty)>
                  <label class="govuk-label govuk-radios__label" for="\(id)">\(o.label)</label>
                </div>
                """
        }
        return fieldset(
            name, legend: legend, errors: errors, hint: hint,
            "<div class=\"govuk-radios\(inline ? " govuk-radios--inline" : "")\" data-module=\"govuk-radios\">\(items)</div>"
        )
    }

    /// Checkboxes each with its own name (`value="yes"` when ticked), grouped under one
    /// field for errors.
    public static func checkboxGroup(
        _ name: String, legend: String, items: [(name: String, label: String, checked: Bool)], errors: [FieldError],
        hint: String? = nil
    ) -> HTML {
        let boxes = items.enumerated().map { i, item -> HTML in
            let id = i == 0 ? fieldID(name) : fieldID(item.name)
            return """
                <div class="govuk-checkboxes__item">
                  <input class="govuk-checkboxes__input" id="\(id)" name="\(item.name)" type="checkbox" value="yes"\(item.checked ? HTML(" checked") : .empty)>
                  <label class="govuk-label govuk-checkboxes__label" for="\(id)">\(item.label)</label>
                </div>
                """
        }
        return fieldset(
            name, legend: legend, errors: errors, hint: hint,
            "<div class=\"govuk-checkboxes\" data-module=\"govuk-checkboxes\">\(boxes)</div>")
    }

    /// Checkboxes sharing one name, `name[]`, each sending its own value when ticked: a form's
    /// list of choices, which the core's inputs read as an array (none ticked sends nothing). The
    /// first box carries the field's id (or `id`), so the error summary's link for `name` lands on it.
    public static func checkboxes(
        _ name: String, legend: String, options: [(value: String, label: String)], checked: Set<String>,
        errors: [FieldError], hint: String? = nil, id elementID: String? = nil
    ) -> HTML {
        let first = elementID ?? fieldID(name)
        let boxes = options.enumerated().map { i, o -> HTML in
            let id = i == 0 ? first : "\(first)-\(i + 1)"
            let tick = checked.contains(o.value) ? HTML(" checked") : .empty
            return """
                <div class="govuk-checkboxes__item">
                  <input class="govuk-checkboxes__input" id="\(id)" name="\(name)[]" type="checkbox" value="\(o.value)"\(tick)>
                  <label class="govuk-label govuk-checkboxes__label" for="\(id)">\(o.label)</label>
                </div>
                """
        }
        return fieldset(
            name, legend: legend, errors: errors, hint: hint,
            "<div class=\"govuk-checkboxes\" data-module=\"govuk-checkboxes\">\(boxes)</div>")
    }

    static func fieldset(_ name: String, legend: String, errors: [FieldError], hint: String?, _ inner: HTML) -> HTML {
        let id = fieldID(name)
        let (error, errorID) = errorMessage(name, errors)
        let hintID = hint.map { _ in id + "-hint" }
        let hintHTML: HTML = hint.map { "<div id=\"\(id)-hint\" class=\"govuk-hint\">\($0)</div>" } ?? .empty
        return """
            <div class="govuk-form-group\(errorID == nil ? "" : " govuk-form-group--error")">
              <fieldset class="govuk-fieldset"\(describedBy([hintID, errorID]))>
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">\(legend)</legend>
                \(hintHTML)\(error)
                \(inner)
              </fieldset>
            </div>
            """
    }

    /// A file input with the accepted types as its hint (uploads are posted as multipart forms).
    public static func fileUpload(
        _ name: String = "file", label: String = "File", errors: [FieldError], id elementID: String? = nil,
        hint: String = "PDF, ODT, DOCX, XLSX, ODS, CSV or TXT, smaller than 10 MB.",
        accept: String = ".pdf,.odt,.docx,.xlsx,.ods,.csv,.txt"
    ) -> HTML {
        let id = elementID ?? fieldID(name)
        let (error, errorID) = errorMessage(elementID ?? name, errors)
        return """
            <div class="govuk-form-group\(errorID == nil ? "" : " govuk-form-group--error")">
              <label class="govuk-label" for="\(id)">\(label)</label>
              <div id="\(id)-hint" class="govuk-hint">\(hint)</div>
              \(error)
              <input class="govuk-file-upload" id="\(id)" name="\(name)" type="file"\(describedBy(["\(id)-hint", errorID])) accept="\(accept)">
            </div>
            """
    }
}
