import Foundation
import SocialValue
import Storage
import Vapor

/// A contract's KPIs and performance (Procurement Act 2023 s.52 and s.71; docs/performance.md):
/// the page, and the forms with which the buyer's commissioners set KPIs, record the position on
/// the KPI duty, record and amend assessments, and record breaches and failures. Each form posts
/// the API's body.
struct PerformancePages: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let p = routes.grouped("contracts", ":id", "performance")
        p.get(use: page)
        p.get("kpis", use: kpiForm)
        p.post("kpis", use: addKPI)
        p.get("position", use: positionForm)
        p.post("position", use: recordPosition)
        p.get("assessments", use: assessmentForm)
        p.post("assessments", use: recordAssessment)
        p.get("assessments", ":series", use: amendmentForm)
        p.post("assessments", ":series", use: amend)
        p.get("failures", use: failureForm)
        p.post("failures", use: recordFailure)
    }

    func load(_ req: Request) async throws -> PerformanceStore.Performance {
        try await req.performance.performance(contract: try req.parameterID(), viewer: try req.requireUser().viewer)
    }

    /// The performance for a form: only the buyer's commissioners get one.
    func loadForRecording(_ req: Request) async throws -> PerformanceStore.Performance {
        let p = try await load(req)
        guard p.canRecord else {
            throw Abort(.forbidden, reason: "Only the buyer’s commissioners record KPIs, assessments and failures")
        }
        return p
    }

    static func crumbs(_ p: PerformanceStore.Performance) -> [(String, String)] {
        [("Contracts", Paths.contracts), (p.contract.title, Paths.contract(p.contract.id!))]
    }

    func page(req: Request) async throws -> Response {
        let p = try await load(req)
        let id = p.contract.id!
        func action(_ text: String, _ form: Paths.Performance) -> HTML {
            p.canRecord ? "<p class=\"govuk-body\">\(Components.link(text, Paths.performance(id, form)))</p>" : .empty
        }
        let canAssess = p.calendar.contains { $0.status == .due || $0.status == .overdue }
        return Page(
            title: "KPIs and performance: \(p.contract.title)", breadcrumbs: Self.crumbs(p),
            content: """
                <span class="govuk-caption-l">\(p.contract.title) · \(p.contract.supplier.name)</span>
                <h1 class="govuk-heading-l">KPIs and contract performance</h1>
                \(PerformanceView.duty(p))
                \(action("Record the contract’s kind or why KPIs are not appropriate", .position))
                <h2 class="govuk-heading-m" id="kpis">KPIs</h2>
                \(PerformanceView.kpis(p))
                \(action("Add a KPI", .kpis))
                <h2 class="govuk-heading-m" id="due">What is due</h2>
                <p class="govuk-body">Performance against the KPIs is assessed at least every 12 months, at the end or termination of the contract, and after a breach or failure to perform (Procurement Act 2023 s.71).</p>
                \(PerformanceView.calendar(p))
                <h2 class="govuk-heading-m" id="assessments">Assessments</h2>
                \(PerformanceView.assessments(p))
                \(canAssess ? action("Record an assessment", .assessments) : .empty)
                <h2 class="govuk-heading-m" id="failures">Breaches and failures to perform</h2>
                \(PerformanceView.failures(p))
                \(action("Record a breach or failure to perform", .failures))
                """
        ).render(req)
    }

    func post<Input: Decodable>(
        _ req: Request, _ type: Input.Type, save: (CurrentUser, UUID, Input) async throws -> String,
        reshow: (PerformanceStore.Performance, Input, [FieldError]) async throws -> Response
    ) async throws -> Response {
        let me = try req.requireUser()
        let id = try req.parameterID()
        return try await req.handleForm(
            type, save: { input in Saved(Paths.performance(id), try await save(me, id, input)) },
            reshow: { input, errors in try await reshow(try await loadForRecording(req), input, errors) })
    }

    func form(
        _ req: Request, _ p: PerformanceStore.Performance, title: String, action: String, errors: [FieldError],
        intro: String, _ fields: HTML
    ) -> Response {
        Page(
            title: "\(title): \(p.contract.title)",
            breadcrumbs: Self.crumbs(p) + [("KPIs and performance", Paths.performance(p.contract.id!))],
            errors: errors,
            content: """
                <span class="govuk-caption-l">\(p.contract.title) · \(p.contract.supplier.name)</span>
                <h1 class="govuk-heading-l">\(title)</h1>
                <p class="govuk-body">\(intro)</p>
                \(Components.form(action: action, csrf: req.csrfToken(), fields))
                <p class="govuk-body">\(Components.link("Back to KPIs and performance", Paths.performance(p.contract.id!)))</p>
                """
        ).render(req)
    }

    // MARK: KPIs

    func kpiForm(req: Request) async throws -> Response {
        kpiPage(req, try await loadForRecording(req), KPIInput(frequency: MonitoringFrequency.quarterly.rawValue), [])
    }

    func addKPI(req: Request) async throws -> Response {
        try await post(
            req, KPIInput.self,
            save: { me, id, input in
                let k = try await req.performance.addKPI(contract: id, input, viewer: me.viewer, by: me.actor)
                return "KPI “\(k.name)” added"
            },
            reshow: { p, input, errors in kpiPage(req, p, input, errors) })
    }

    func kpiPage(_ req: Request, _ p: PerformanceStore.Performance, _ f: KPIInput, _ errors: [FieldError]) -> Response {
        let commitments = p.commitments.map {
            ($0.code, "\($0.code) \($0.name): \(DecimalText.plainQuantity($0.committed)) \($0.unit)")
        }
        return form(
            req, p, title: "Add a KPI", action: Paths.performance(p.contract.id!, .kpis), errors: errors,
            intro:
                "A KPI is set once and assessed by its name. A social value commitment can be a KPI: its committed quantity is the target.",
            """
            \(Components.select("measureCode", label: "Social value commitment", options: commitments, selected: f.measureCode, errors: errors, hint: "Leave as “Another KPI” and fill in the fields below for a service KPI", includeBlank: "Another KPI"))
            \(Components.textInput("name", label: "Name of the KPI", value: f.name, errors: errors, hint: "For example, “Visits made on time”"))
            \(Components.textInput("target", label: "Target", value: f.target, errors: errors, hint: "A number, like 95", width: "10", maxLength: 30))
            \(Components.textInput("unit", label: "Unit of the target", value: f.unit, errors: errors, hint: "For example, “% of visits”", width: "20"))
            \(Components.radios("frequency", legend: "How often is it measured?", options: MonitoringFrequency.allCases.map { ($0.rawValue, $0.label) }, selected: f.frequency, errors: errors))
            \(Components.button("Add the KPI"))
            """)
    }

    // MARK: The position on the KPI duty

    func positionForm(req: Request) async throws -> Response {
        let p = try await loadForRecording(req)
        let input = KPIPositionInput(
            contractKind: p.position.contractKind.rawValue, notAppropriateReason: p.position.notAppropriateReason)
        return positionPage(req, p, input, [])
    }

    func recordPosition(req: Request) async throws -> Response {
        try await post(
            req, KPIPositionInput.self,
            save: { me, id, input in
                let n = try await req.performance.recordPosition(contract: id, input, viewer: me.viewer, by: me.actor)
                return "The KPI position is recorded as version \(n)"
            },
            reshow: { p, input, errors in positionPage(req, p, input, errors) })
    }

    func positionPage(_ req: Request, _ p: PerformanceStore.Performance, _ f: KPIPositionInput, _ errors: [FieldError])
        -> Response
    {
        let amendment: HTML =
            p.positions.isEmpty
            ? .empty
            : Components.textarea(
                "reason", label: "Why is the position changed?", value: f.reason, errors: errors,
                hint: "Version \(p.positions.count) stays on record beside the new one", rows: 3,
                maxLength: AmendmentRule.reasonMaxLength)
        return form(
            req, p, title: "The KPI position", action: Paths.performance(p.contract.id!, .position), errors: errors,
            intro: "Each change is kept as a new version with your name and the date.",
            """
            \(Components.radios("contractKind", legend: "What kind of contract is it?", options: KPIContractKind.allCases.map { ($0.rawValue, $0.label) }, selected: f.contractKind, errors: errors))
            \(Components.textarea("notAppropriateReason", label: "Why KPIs are not an appropriate way to assess performance (optional)", value: f.notAppropriateReason, errors: errors, hint: "Published with the contract details when fewer than 3 KPIs are set", rows: 4, maxLength: KPIs.reasonMaxLength))
            \(amendment)
            \(Components.button("Record the position"))
            """)
    }

    // MARK: Assessments

    func assessmentForm(req: Request) async throws -> Response {
        let p = try await loadForRecording(req)
        let first = p.calendar.first { $0.status == .due || $0.status == .overdue }
        let input = AssessmentInput(
            due: first?.key, periodFrom: first?.suggestedPeriod.from.iso, periodTo: first?.suggestedPeriod.to.iso)
        return assessmentPage(req, p, input, [], series: nil)
    }

    func recordAssessment(req: Request) async throws -> Response {
        try await post(
            req, AssessmentInput.self,
            save: { me, id, input in
                try await req.performance.recordAssessment(contract: id, input, viewer: me.viewer, by: me.actor)
                return "The assessment is recorded"
            },
            reshow: { p, input, errors in assessmentPage(req, p, input, errors, series: nil) })
    }

    func current(_ req: Request, _ p: PerformanceStore.Performance) throws -> PerformanceStore.Assessment {
        let series = try req.parameterID("series")
        guard let a = p.assessments.first(where: { $0.series == series }) else {
            throw Abort(.notFound, reason: "The assessment was not found")
        }
        return a
    }

    func amendmentForm(req: Request) async throws -> Response {
        let p = try await loadForRecording(req)
        let a = try current(req, p).current
        let input = AssessmentInput(
            due: a.row.dueKey, periodFrom: a.row.periodFrom, periodTo: a.row.periodTo,
            ratings: Dictionary(
                uniqueKeysWithValues: a.ratings.map {
                    ($0.key.uuidString, .init(rating: $0.value.rating.rawValue, explanation: $0.value.explanation))
                }), narrative: a.row.narrative)
        return assessmentPage(req, p, input, [], series: a.row.series)
    }

    func amend(req: Request) async throws -> Response {
        let series = try req.parameterID("series")
        return try await post(
            req, AssessmentInput.self,
            save: { me, id, input in
                let n = try await req.performance.amendAssessment(
                    contract: id, series: series, input, viewer: me.viewer, by: me.actor)
                return "The amendment is version \(n) of the assessment"
            },
            reshow: { p, input, errors in assessmentPage(req, p, input, errors, series: series) })
    }

    func assessmentPage(
        _ req: Request, _ p: PerformanceStore.Performance, _ f: AssessmentInput, _ errors: [FieldError], series: UUID?
    ) -> Response {
        let open = p.calendar.filter { series == nil ? ($0.status == .due || $0.status == .overdue) : $0.key == f.due }
        let dueField: HTML =
            series == nil
            ? Components.radios(
                "due", legend: "Which assessment is this?",
                options: open.map { ($0.key, "\($0.due.reason.label), due \($0.due.on.longForm)") }, selected: f.due,
                errors: errors)
            : "<input type=\"hidden\" name=\"due\" value=\"\(f.due ?? "")\"><p class=\"govuk-body\">\(PerformanceView.dueLabel(f.due ?? "", p))</p>"
        // An amendment rates the KPIs the assessment rated; a new assessment, every KPI.
        let rated = series.flatMap { s in p.assessments.first { $0.series == s }.map { Set($0.current.ratings.keys) } }
        let ratings = p.kpis.filter { rated?.contains($0.id!) ?? true }.map { k -> HTML in
            let key = k.id!.uuidString
            let typed = f.ratings?.first { $0.key.uppercased() == key }?.value
            return """
                \(Components.radios("ratings[\(key)][rating]", legend: "\(k.name) (target \(k.target) \(k.unit))", options: KPIRating.allCases.map { ($0.rawValue, $0.label) }, selected: typed?.rating, errors: errors))
                \(Components.textarea("ratings[\(key)][explanation]", label: "Explanation for \(k.name)", value: typed?.explanation, errors: errors, hint: "Needed when the rating is Other", rows: 2, maxLength: KPIAssessments.explanationMaxLength))
                """
        }
        let amendment: HTML =
            series == nil
            ? .empty
            : Components.textarea(
                "reason", label: "Why is the assessment amended?", value: f.reason, errors: errors,
                hint: "The assessment as recorded stays on the page beside the amendment", rows: 3,
                maxLength: AmendmentRule.reasonMaxLength)
        return form(
            req, p, title: series == nil ? "Record an assessment" : "Amend the assessment",
            action: series.map { Paths.assessment(p.contract.id!, $0) }
                ?? Paths.performance(p.contract.id!, .assessments),
            errors: errors,
            intro:
                "Rate each KPI Good, Approaching target, Requires improvement, Inadequate or Other (SI 2024/692 reg. 39). Once recorded, an assessment is amended, never changed in place.",
            """
            \(dueField)
            \(Components.dateInput("periodFrom", legend: "Start of the period assessed", value: f.periodFrom, errors: errors))
            \(Components.dateInput("periodTo", legend: "End of the period assessed", value: f.periodTo, errors: errors))
            \(HTML.join(ratings, separator: "\n"))
            \(Components.textarea("narrative", label: "How the contract performed", value: f.narrative, errors: errors, rows: 6, maxLength: KPIAssessments.narrativeMaxLength))
            \(amendment)
            \(Components.button(series == nil ? "Record the assessment" : "Record the amendment"))
            """)
    }

    // MARK: Breaches and failures

    func failureForm(req: Request) async throws -> Response {
        failurePage(req, try await loadForRecording(req), FailureInput(), [])
    }

    func recordFailure(req: Request) async throws -> Response {
        try await post(
            req, FailureInput.self,
            save: { me, id, input in
                try await req.performance.recordFailure(contract: id, input, viewer: me.viewer, by: me.actor)
                return "The breach or failure is recorded; an assessment is now due"
            },
            reshow: { p, input, errors in failurePage(req, p, input, errors) })
    }

    func failurePage(_ req: Request, _ p: PerformanceStore.Performance, _ f: FailureInput, _ errors: [FieldError])
        -> Response
    {
        form(
            req, p, title: "Record a breach or failure to perform",
            action: Paths.performance(p.contract.id!, .failures), errors: errors,
            intro:
                "An entry in the register is not changed once recorded. A KPI assessment becomes due on the day of the decision.",
            """
            \(Components.radios("kind", legend: "What was it?", options: FailureKind.allCases.map { ($0.rawValue, $0.label) }, selected: f.kind, errors: errors))
            \(Components.textarea("requirement", label: "What the contract required", value: f.requirement, errors: errors, rows: 3, maxLength: PerformanceFailures.textMaxLength))
            \(Components.textarea("whatHappened", label: "What happened", value: f.whatHappened, errors: errors, rows: 4, maxLength: PerformanceFailures.textMaxLength))
            \(Components.dateInput("decidedOn", legend: "Date of the decision", value: f.decidedOn, errors: errors))
            \(Components.radios("penaltyType", legend: "Was a penalty applied?", options: PenaltyType.allCases.map { ($0.rawValue, $0.label) }, selected: f.penaltyType, errors: errors))
            \(Components.textInput("penaltyValue", label: "Value of the penalty (£)", value: f.penaltyValue, errors: errors, hint: "Only for a penalty, like 2,500", width: "10", maxLength: 20))
            \(Components.button("Record it"))
            """)
    }
}
