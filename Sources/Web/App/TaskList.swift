import Foundation

/// The GOV.UK task list pattern for the dashboard's task sections: each task a link (with what
/// it is about, visually hidden, so every link's name is unique), a hint and a status tag.
enum TaskList {
    struct Item {
        let name: String
        let about: String
        let link: String
        let hint: String
        let status: String
    }

    static func section(_ heading: String, id: String, _ items: [Item]) -> HTML {
        guard !items.isEmpty else { return .empty }
        let rows = items.enumerated().map { i, item -> HTML in
            let statusID = "\(id)-\(i + 1)-status"
            return """
                <li class="govuk-task-list__item govuk-task-list__item--with-link">
                  <div class="govuk-task-list__name-and-hint"><a class="govuk-link govuk-task-list__link" href="\(item.link)" aria-describedby="\(statusID)">\(item.name)<span class="govuk-visually-hidden">: \(item.about)</span></a>
                  <div class="govuk-task-list__hint">\(item.hint)</div></div>
                  <div class="govuk-task-list__status" id="\(statusID)">\(Components.tag(item.status, colour: "blue"))</div>
                </li>
                """
        }
        return """
            <h2 class="govuk-heading-m" id="\(id)">\(heading)</h2>
            <ul class="govuk-task-list" aria-labelledby="\(id)">\(rows)</ul>
            """
    }
}
