import Foundation
import SocialValue
import Storage
import Vapor

/// The evaluation of a tender: the panel, each evaluator's independent scoring, moderation and
/// the ranking. Who sees whose scores is `PanelRules.visibility`, applied in the store.
struct EvaluationPages: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let e = routes.grouped("tenders", ":id", "evaluation")
        e.get(use: overview)
        e.post("evaluators", use: assign)
        e.post("evaluators", ":item", "remove", use: unassign)
        e.get("bids", ":item", use: scoreForm)
        e.post("bids", ":item", use: saveScores)
        e.post("submit", use: submit)
        e.get("moderation", use: moderation)
        e.post("moderation", "agreed", use: acceptAgreed)
        e.post("moderation", ":item", use: moderate)
        e.post("rank", use: rank)
    }

    static func crumbs(_ t: TenderModel) -> [(String, String)] {
        TenderView.crumbs(t) + [("Tender", Paths.tender(t.id!))]
    }

    static func scoreText(_ d: Decimal?) -> String { d.map(DecimalText.plainNumber) ?? "–" }

    // MARK: Overview

    func overview(req: Request) async throws -> Response { try await overviewPage(req, errors: []) }

    func overviewPage(_ req: Request, errors: [FieldError]) async throws -> Response {
        let me = try req.requireUser()
        let t = try await req.visibleTender()
        let board = try await req.evaluations.scores(tender: t.id!, viewer: me.viewer)
        let config = t.configuration
        let owner = t.procurement.$owner.id
        let canManage = me.viewer.canManageTender(owner: owner)
        let csrf = req.csrfToken()
        let bids = (try? await req.bids.openedBids(tender: t.id!, viewer: me.viewer)) ?? []
        // The panel changes only before scoring starts (the core's rule): otherwise nothing is offered.
        let canChangePanel =
            canManage
            && PanelRules.panelCanChange(status: t.statusValue, scoringStarted: board.panel.scoringStarted)
        var sections: [HTML] = []
        // The panel and who has submitted: every buyer-side viewer sees this much.
        let panelRows = board.panel.evaluators.map { e -> [HTML] in
            var row: [HTML] = [
                "\(e.name)", e.submittedAt.map { HTML("Submitted \(TenderView.stamp($0))") } ?? "Not yet submitted",
            ]
            if canChangePanel {
                row.append(
                    Components.inlineAction(
                        action: Paths.evaluation(t.id!, .evaluators, e.userID, .remove), csrf: csrf, label: "Remove",
                        context: e.name))
            }
            return row
        }
        sections.append(
            board.panel.evaluators.isEmpty
                ? "<p class=\"govuk-body\">No evaluators have been assigned.</p>"
                : Components.table(
                    caption: "Evaluation panel", headers: ["Evaluator", "Scores"] + (canChangePanel ? ["Action"] : []),
                    rows: panelRows))
        if canManage && !canChangePanel && !board.panel.evaluators.isEmpty {
            sections.append(
                "<p class=\"govuk-body\" id=\"panel-fixed\">\(t.statusValue == .awarded ? "The contract has been awarded" : "Scoring has started"): the panel can no longer change.</p>"
            )
        }
        if canChangePanel {
            let candidates = try await req.evaluations.candidates(tender: t.id!, viewer: me.viewer)
            if !candidates.isEmpty {
                sections.append(
                    Components.form(
                        action: Paths.evaluation(t.id!, .evaluators), csrf: csrf,
                        """
                        \(Components.select("userId", label: "Assign an evaluator", options: candidates.map { ($0.id!.uuidString, "\($0.displayName) (\($0.email))") }, selected: nil, errors: errors))
                        \(Components.button("Assign", kind: "secondary"))
                        """))
            }
        }
        // The viewer's own scoring.
        if board.panel.ids.contains(me.viewer.userID) {
            let mine = board.sheets[me.viewer.userID] ?? [:]
            let keys = PanelRules.scoreKeys(config)
            let rows = bids.map { b -> [HTML] in
                let done = keys.filter { mine[b.id]?[$0]?.score != nil }.count
                return [
                    Components.link(b.organisationName, Paths.evaluation(t.id!, .bids, b.id)),
                    "\(done) of \(keys.count) scored",
                ]
            }
            sections.append("<h2 class=\"govuk-heading-m\">Your scores</h2>")
            sections.append(Components.table(caption: "Bids to score", headers: ["Bid", "Progress"], rows: rows))
            if board.visibility == .ownOnly {
                sections.append(
                    """
                    <p class="govuk-body">You see only your own scores until you submit them. Once submitted they cannot change.</p>
                    \(Components.form(action: Paths.evaluation(t.id!, .submit), csrf: csrf, Components.button("Submit my scores")))
                    """)
            }
        }
        // Everyone's scores, when the rule allows.
        if board.visibility == .all {
            sections.append("<h2 class=\"govuk-heading-m\">Evaluators’ scores</h2>")
            sections.append(Self.sideBySide(board, bids: bids, config: config, moderated: nil))
            if canManage && board.panel.allSubmitted {
                sections.append(
                    "<p class=\"govuk-body\">\(Components.link("Moderate the scores", Paths.evaluation(t.id!, .moderation)))</p>"
                )
            }
        } else if board.visibility == .progressOnly {
            sections.append(
                "<p class=\"govuk-body\">Scores stay with each evaluator until the whole panel has submitted.</p>")
        }
        if let ranking = try await req.evaluations.ranking(tender: t.id!, viewer: me.viewer) {
            sections.append("<h2 class=\"govuk-heading-m\">Ranking</h2>")
            sections.append(ReportView.rankingTable(ranking.outcome))
            sections.append(
                "<p class=\"govuk-body\">\(Components.link("Evaluation report", Paths.tender(t.id!, .report)))</p>")
            if canManage && t.statusValue != .awarded {
                sections.append(
                    "<p class=\"govuk-body\">\(Components.link("Award the contract", Paths.tender(t.id!, .award)))</p>")
            }
        }
        return Page(
            title: "Evaluation: \(t.procurement.title)", breadcrumbs: Self.crumbs(t), errors: errors,
            content: """
                \(TenderView.caption(t))
                <h1 class="govuk-heading-l">Evaluation</h1>
                \(HTML.join(sections, separator: "\n"))
                """
        ).render(req)
    }

    /// Each evaluator's score per bid and key, with the spread (and the agreed score when given).
    static func sideBySide(
        _ board: EvaluationStore.ScoreBoard, bids: [BidView], config: TenderConfiguration,
        moderated: EvaluationStore.Sheets?
    ) -> HTML {
        let evaluators = board.panel.evaluators
        return HTML.join(
            bids.map { b -> HTML in
                let rows = PanelRules.scoreKeys(config).map { key -> [HTML] in
                    let scores = evaluators.map { board.sheets[$0.userID]?[b.id]?[key]?.score }
                    var row: [HTML] = ["\(PanelRules.label(key, config: config))"]
                    row += scores.map { "\(scoreText($0))" }
                    row.append("\(scoreText(PanelRules.spread(scores.compactMap { $0 })))")
                    if let moderated { row.append("\(scoreText(moderated[b.id]?[key]?.score))") }
                    return row
                }
                let headers = ["Criterion"] + evaluators.map(\.name) + ["Spread"] + (moderated == nil ? [] : ["Agreed"])
                let comments = evaluators.flatMap { e in
                    PanelRules.scoreKeys(config).compactMap { key -> HTML? in
                        guard let c = board.sheets[e.userID]?[b.id]?[key]?.comment, !c.isEmpty else { return nil }
                        return "<li><strong>\(e.name), \(key):</strong> \(c)</li>"
                    }
                }
                return """
                    \(Components.table(caption: "Scores for \(b.organisationName)", headers: headers, rows: rows, numericColumns: Set(1..<headers.count)))
                    \(comments.isEmpty ? HTML.empty : HTML("<details class=\"govuk-details\"><summary class=\"govuk-details__summary\"><span class=\"govuk-details__summary-text\">Evaluators’ comments on \(b.organisationName)</span></summary><div class=\"govuk-details__text\"><ul class=\"govuk-list\">\(HTML.join(comments, separator: ""))</ul></div></details>"))
                    """
            }, separator: "\n")
    }

    func assign(req: Request) async throws -> Response {
        let (me, t) = try await req.signedInTender()
        let id = try t.requireID()
        return try await req.handleForm(
            EvaluatorInput.self,
            save: { input in
                try await req.evaluations.assign(tender: id, input, viewer: me.viewer, by: me.actor)
                return Saved(Paths.evaluation(id), "The evaluator has been assigned")
            },
            reshow: { _, errors in try await overviewPage(req, errors: errors) })
    }

    func unassign(req: Request) async throws -> Response {
        let (me, t) = try await req.signedInTender()
        let id = try t.requireID()
        return try await req.handleForm(
            save: {
                try await req.evaluations.unassign(
                    tender: id, user: try req.parameterID("item"), viewer: me.viewer, by: me.actor)
                return Saved(Paths.evaluation(id), "The evaluator has been removed from the panel")
            },
            reshow: { errors in try await overviewPage(req, errors: errors) })
    }

    // MARK: Scoring

    func scoreForm(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let t = try await req.visibleTender()
        let board = try await req.evaluations.scores(tender: try t.requireID(), viewer: me.viewer)
        guard PanelRules.canScore(viewer: me.viewer, panel: board.panel.ids) else { throw StorageError.roleNotAllowed }
        let mine = board.sheets[me.viewer.userID]?[try req.parameterID("item")] ?? [:]
        let input = ScoresInput(
            scores: mine.compactMapValues { $0.score.map(DecimalText.plainNumber) }, comments: mine.mapValues(\.comment)
        )
        return try await scorePage(req, me, t, input, errors: [], submitted: board.visibility == .all)
    }

    func scorePage(
        _ req: Request, _ me: CurrentUser, _ t: TenderModel, _ f: ScoresInput, errors: [FieldError], submitted: Bool
    ) async throws -> Response {
        let id = try t.requireID()
        let b = try await req.bids.openedBid(try req.parameterID("item"), tender: id, viewer: me.viewer)
        let config = t.configuration
        let scale = config.descriptors.map { "\($0.score) \($0.label)" }.joined(separator: "; ")
        let fields = PanelRules.scoreKeys(config).map { key -> HTML in
            let name = PanelRules.label(key, config: config)
            let score = Components.textInput(
                "scores[\(key)]", label: "Score (0 to \(config.qualityScaleMax))", value: f.scores?[key],
                errors: errors, hint: scale.isEmpty ? nil : scale, width: "3", maxLength: 6)
            let comment = Components.textarea(
                "comments[\(key)]", label: "Comment", value: f.comments?[key], errors: errors, rows: 3, maxLength: 5000)
            return """
                <fieldset class="govuk-fieldset cw-card"><legend class="govuk-fieldset__legend govuk-fieldset__legend--s">\(name)</legend>
                \(score)
                \(comment)
                </fieldset>
                """
        }
        let form: HTML =
            submitted
            ? "<p class=\"govuk-body\">You have submitted your scores.</p>"
            : Components.form(
                action: Paths.evaluation(id, .bids, b.id), csrf: req.csrfToken(),
                "\(HTML.join(fields, separator: "\n"))\(Components.button("Save scores"))")
        return Page(
            title: "Score the bid from \(b.organisationName)",
            breadcrumbs: Self.crumbs(t) + [("Evaluation", Paths.evaluation(id))], errors: errors,
            content: """
                \(TenderView.caption(t))
                <h1 class="govuk-heading-l">Score the bid from \(b.organisationName)</h1>
                \(TenderView.contents(b, config: config) { Paths.openedBid(id, b.id, attachment: $0) })
                <h2 class="govuk-heading-m">Your scores</h2>
                \(form)
                """
        ).render(req)
    }

    func saveScores(req: Request) async throws -> Response {
        let (me, t) = try await req.signedInTender()
        let id = try t.requireID()
        return try await req.handleForm(
            ScoresInput.self,
            save: { input in
                try await req.evaluations.saveScores(
                    tender: id, bid: try req.parameterID("item"), input, viewer: me.viewer, by: me.actor)
                return Saved(Paths.evaluation(id), "Your scores have been saved")
            },
            reshow: { input, errors in try await scorePage(req, me, t, input, errors: errors, submitted: false) })
    }

    func submit(req: Request) async throws -> Response {
        let (me, t) = try await req.signedInTender()
        let id = try t.requireID()
        return try await req.handleForm(
            save: {
                try await req.evaluations.submitScores(tender: id, viewer: me.viewer, by: me.actor)
                return Saved(Paths.evaluation(id), "Your scores have been submitted")
            },
            reshow: { errors in
                // A missing score ("scores.<bid>.<key>") is linked to its field on that bid's scoring page.
                let linked = errors.map { e -> FieldError in
                    let parts = e.field.split(separator: ".")
                    guard parts.count == 3, parts[0] == "scores" else { return e }
                    let field = Components.fieldID("scores.\(parts[2])")
                    return FieldError("\(Paths.evaluation(id, .bids, parts[1]))#\(field)", e.message)
                }
                return try await overviewPage(req, errors: linked)
            })
    }

    // MARK: Moderation and ranking

    func moderation(req: Request) async throws -> Response {
        try await moderationPage(req, errors: [], sent: nil)
    }

    /// The moderation page; `sent` is the one form that was sent back with `errors` (its bid and input).
    func moderationPage(_ req: Request, errors: [FieldError], sent: (bid: UUID, input: ModerationInput)?)
        async throws -> Response
    {
        let (me, t) = try await req.signedInTender()
        let moderation = try await req.evaluations.moderation(tender: try t.requireID(), viewer: me.viewer)
        let (board, moderated) = (moderation.board, moderation.moderated)
        let bids = try await req.bids.openedBids(tender: try t.requireID(), viewer: me.viewer)
        let target = sent.map { "\($0.bid)-\($0.input.key ?? "")" }
        let config = t.configuration
        let csrf = req.csrfToken()
        let unanimous = PanelRules.agreedScores(
            board.sheets, panel: board.panel.ids, bids: bids.map(\.id), config: config)
        let toAccept = unanimous.reduce(0) { n, bid in
            n + bid.value.keys.filter { moderated[bid.key]?[$0] == nil }.count
        }
        let acceptAll: HTML =
            toAccept == 0
            ? "<p class=\"govuk-body\" id=\"agreed\">No score the evaluators agree on is left to accept.</p>"
            : """
            <div class="govuk-inset-text" id="agreed">
            <p class="govuk-body">The evaluators gave the same score on \(toAccept) \(toAccept == 1 ? "criterion" : "criteria") not yet moderated. Accept them all at once; the disagreements stay for you to moderate one by one.</p>
            \(Components.form(action: Paths.evaluation(t.id!, .moderationAgreed), csrf: csrf, Components.button("Accept where the evaluators agree")))
            </div>
            """
        let forms = bids.map { b -> HTML in
            let keyForms = PanelRules.scoreKeys(config).map { key -> HTML in
                let agreed = moderated[b.id]?[key]
                let prefix = "\(b.id)-\(key)"
                let useForm = target == prefix
                return Components.form(
                    action: Paths.evaluation(t.id!, .moderation, b.id), csrf: csrf,
                    """
                    <input type="hidden" name="key" value="\(key)">
                    <h4 class="govuk-heading-s">\(PanelRules.label(key, config: config)): \(b.organisationName)</h4>
                    \(Components.textInput("score", label: "Agreed score (0 to \(config.qualityScaleMax))", value: useForm ? sent?.input.score : agreed?.score.map(DecimalText.plainNumber), errors: useForm ? errors : [], width: "3", maxLength: 6, id: "score-\(prefix)"))
                    \(Components.textarea("rationale", label: "Rationale", value: useForm ? sent?.input.rationale : agreed?.comment, errors: useForm ? errors : [], rows: 2, maxLength: 5000, id: "rationale-\(prefix)"))
                    \(Components.button("Record the agreed score", kind: "secondary"))
                    """)
            }
            return "<h3 class=\"govuk-heading-m\">\(b.organisationName)</h3>\(HTML.join(keyForms, separator: "\n"))"
        }
        // The summary links to the fields of the one form that was sent (each form's ids carry its bid and key).
        let summary = errors.map { e in
            target.map {
                ["score", "rationale"].contains(e.field) ? FieldError("\(e.field)-\($0)", e.message) : e
            } ?? e
        }
        return Page(
            title: "Moderation: \(t.procurement.title)",
            breadcrumbs: Self.crumbs(t) + [("Evaluation", Paths.evaluation(t.id!))], errors: summary,
            content: """
                \(TenderView.caption(t))
                <h1 class="govuk-heading-l">Moderation</h1>
                <p class="govuk-body">Record the agreed score for each bid on each criterion, with the rationale. Bidders see the rationale in their feedback.</p>
                \(Self.sideBySide(board, bids: bids, config: config, moderated: moderated))
                \(acceptAll)
                \(HTML.join(forms, separator: "\n"))
                <h2 class="govuk-heading-m">Rank the bids</h2>
                \(Components.form(action: Paths.evaluation(t.id!, .rank), csrf: csrf, Components.button("Rank the bids")))
                """
        ).render(req)
    }

    func moderate(req: Request) async throws -> Response {
        let (me, t) = try await req.signedInTender()
        let id = try t.requireID()
        let bid = try req.parameterID("item")
        return try await req.handleForm(
            ModerationInput.self,
            save: { input in
                try await req.evaluations.moderate(tender: id, bid: bid, input, viewer: me.viewer, by: me.actor)
                return Saved(Paths.evaluation(id, .moderation), "The agreed score has been recorded")
            },
            reshow: { input, errors in try await moderationPage(req, errors: errors, sent: (bid, input)) })
    }

    func acceptAgreed(req: Request) async throws -> Response {
        let (me, t) = try await req.signedInTender()
        let id = try t.requireID()
        return try await req.handleForm(
            save: {
                let n = try await req.evaluations.acceptAgreed(tender: id, viewer: me.viewer, by: me.actor)
                return Saved(
                    Paths.evaluation(id, .moderation),
                    "\(n) agreed \(n == 1 ? "score has" : "scores have") been accepted. Moderate the others one by one")
            },
            reshow: { errors in try await moderationPage(req, errors: errors, sent: nil) })
    }

    func rank(req: Request) async throws -> Response {
        let (me, t) = try await req.signedInTender()
        let id = try t.requireID()
        return try await req.handleForm(
            save: {
                _ = try await req.evaluations.rank(tender: id, viewer: me.viewer, by: me.actor)
                return Saved(Paths.tender(id, .report), "The bids have been ranked")
            },
            reshow: { errors in try await moderationPage(req, errors: errors, sent: nil) })
    }
}
