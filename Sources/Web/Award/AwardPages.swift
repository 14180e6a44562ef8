import Foundation
import SocialValue
import Storage
import Vapor

/// The evaluation report (HTML, CSV, the evaluation document), the award, contracts and feedback.
struct AwardPages: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let t = routes.grouped("tenders", ":id")
        t.get("report", use: report)
        t.get("report.csv", use: reportCSV)
        t.get("evaluation-document.json", use: document)
        t.get("award", use: awardForm)
        t.post("award", use: award)
        t.get("feedback", use: feedback)
        routes.get("contracts", use: contracts)
        routes.get("contracts", ":id", use: contract)
    }

    func ranking(_ req: Request) async throws -> (TenderModel, EvaluationStore.Ranking) {
        let me = try req.requireUser()
        let t = try await req.visibleTender()
        guard let r = try await req.evaluations.ranking(tender: t.id!, viewer: me.viewer) else {
            throw Abort(.notFound, reason: "The bids have not been ranked yet")
        }
        return (t, r)
    }

    // MARK: The report

    func report(req: Request) async throws -> Response {
        let (t, r) = try await ranking(req)
        let config = t.configuration
        let me = try req.requireUser()
        let moderated = try await req.evaluations.moderated(tender: try t.requireID(), viewer: me.viewer)
        let perBid = r.outcome.ranking.compactMap { line -> HTML? in
            guard let bid = r.bids[line.bidder] else { return nil }
            return ReportView.agreedScores(
                caption: "Agreed scores: \(line.bidder)", config: config,
                columns: [(line.bidder, moderated[bid] ?? [:])])
        }
        let contract = try await req.awards.contract(ofTender: try t.requireID(), viewer: me.viewer)
        // Each price found by its bid, then shown under the name the bid was ranked with.
        var prices: [String: Money] = [:]
        for b in try await req.bids.openedBids(tender: t.id!, viewer: me.viewer) {
            if let price = b.content.price, let bidder = r.bidder(of: b.id) { prices[bidder] = price }
        }
        let summary = Components.summaryList([
            .init("Ranked", text: "\(TenderView.stamp(r.rankedAt)) by \(r.rankedBy)"),
            .init("Recommended", text: r.outcome.winner ?? "No bid qualified"),
            .init(
                "Award",
                text: contract.map {
                    "Awarded on \(CalendarDate(iso: $0.awardedOn)?.longForm ?? $0.awardedOn) to \($0.supplier.name)"
                } ?? "Not yet awarded"),
        ])
        return Page(
            title: "Evaluation report: \(t.procurement.title)",
            breadcrumbs: EvaluationPages.crumbs(t) + [("Evaluation", Paths.evaluation(t.id!))],
            content: """
                \(TenderView.caption(t))
                <h1 class="govuk-heading-l">Evaluation report: \(t.procurement.title)</h1>
                \(summary)
                \(TenderView.configuration(config))
                \(ReportView.rankingTable(r.outcome, prices: prices))
                \(ReportView.warnings(r.outcome.warnings))
                \(HTML.join(perBid, separator: "\n"))
                <p class="govuk-body">\(Components.link("Download the report as CSV", Paths.tender(t.id!, .reportCSV))) · \(Components.link("Download the evaluation document (JSON)", Paths.tender(t.id!, .evaluationDocument))): run it with <code>commonweal evaluate FILE</code> to check the ranking.</p>
                """
        ).render(req)
    }

    func reportCSV(req: Request) async throws -> Response {
        let (t, r) = try await ranking(req)
        var prices: [String: String] = [:]
        for b in try await req.bids.openedBids(tender: t.id!, viewer: try req.requireUser().viewer) {
            if let bidder = r.bidder(of: b.id) { prices[bidder] = b.content.price.map(EvaluationDocument.poundsText) }
        }
        let res = Response(status: .ok, body: .init(string: r.outcome.csv(prices: prices)))
        res.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        res.headers.contentDisposition = .init(.attachment, filename: "evaluation-report.csv")
        return res
    }

    func document(req: Request) async throws -> Response {
        let (_, r) = try await ranking(req)
        let res = Response(status: .ok, body: .init(string: r.document))
        res.headers.contentType = .json
        res.headers.contentDisposition = .init(.attachment, filename: "evaluation-document.json")
        return res
    }

    // MARK: Award

    func awardForm(req: Request) async throws -> Response {
        let (me, t) = try await req.signedInTender()
        let d = try await req.awards.defaults(tender: try t.requireID(), viewer: me.viewer)
        if let c = try await req.awards.contract(ofTender: try t.requireID(), viewer: me.viewer) {
            return try await awardedPage(req, t, c)
        }
        let top = try await req.evaluations.ranking(tender: try t.requireID(), viewer: me.viewer)?.topBid
        let input = AwardInput(
            bidID: top, startsOn: d.startsOn?.iso, endsOn: d.endsOn?.iso, monitoringPlan: d.monitoringPlan,
            reportingFrequency: d.frequency?.rawValue)
        return try await awardPage(req, t, input, errors: [])
    }

    func awardPage(_ req: Request, _ t: TenderModel, _ f: AwardInput, errors: [FieldError]) async throws -> Response {
        let (_, r) = try await ranking(req)
        let options = r.outcome.ranking.filter { !$0.excluded && $0.rank != nil }.compactMap {
            line -> (value: String, label: String)? in
            r.bids[line.bidder].map { ($0.uuidString, "\(line.rank!). \(line.bidder): \(line.total) points") }
        }
        return Page(
            title: "Award the contract",
            breadcrumbs: EvaluationPages.crumbs(t) + [("Evaluation", Paths.evaluation(t.id!))], errors: errors,
            content: """
                \(TenderView.caption(t))
                <h1 class="govuk-heading-l">Award the contract</h1>
                \(ReportView.rankingTable(r.outcome))
                \(Components.form(action: Paths.tender(t.id!, .award), csrf: req.csrfToken(), """
                  \(Components.radios("bidId", legend: "Award to", options: options, selected: f.bidID?.uuidString, errors: errors))
                  \(Components.textarea("reason", label: "Reason, if not the top-ranked bid", value: f.reason, errors: errors, rows: 3, maxLength: 5000))
                  \(Components.dateInput("startsOn", legend: "Contract start date", value: f.startsOn, errors: errors, example: "1 6 2027"))
                  \(Components.dateInput("endsOn", legend: "Contract end date", value: f.endsOn, errors: errors, example: "31 5 2030"))
                  \(Components.textarea("monitoringPlan", label: "Monitoring plan agreed before award", value: f.monitoringPlan, errors: errors, hint: "The outcomes and how they will be monitored (Compact principle 3.6)", rows: 5))
                  \(Components.radios("reportingFrequency", legend: "How often the supplier reports", options: MonitoringFrequency.allCases.map { ($0.rawValue, $0.label) }, selected: f.reportingFrequency, errors: errors))
                  <p class="govuk-body">The standstill period (8 working days, England and Wales bank holidays excluded) starts from today’s award decision.</p>
                  \(Components.button("Award the contract"))
                  """))
                """
        ).render(req)
    }

    /// Once awarded, the award page says so (and when standstill ends) instead of offering the form.
    func awardedPage(_ req: Request, _ t: TenderModel, _ c: ContractModel) async throws -> Response {
        func long(_ iso: String) -> String { CalendarDate(iso: iso)?.longForm ?? iso }
        let summary2 = Components.summaryList([
            .init("Supplier", text: c.supplier.name),
            .init("Value", text: c.value.description),
            .init("Awarded", text: long(c.awardedOn)),
            .init("Standstill ends", text: "\(long(c.standstillEndsOn)) (\(Standstill.workingDays) working days)"),
        ])
        return Page(
            title: "Contract awarded",
            breadcrumbs: EvaluationPages.crumbs(t) + [("Evaluation", Paths.evaluation(t.id!))],
            content: """
                \(TenderView.caption(t))
                <h1 class="govuk-heading-l">Contract awarded</h1>
                \(summary2)
                <p class="govuk-body">\(Components.link("Read the contract", Paths.contract(c.id!), context: "for \(t.procurement.title)")) · \(Components.link("Read the evaluation report", Paths.tender(t.id!, .report)))</p>
                """
        ).render(req)
    }

    func award(req: Request) async throws -> Response {
        let (me, t) = try await req.signedInTender()
        let id = try t.requireID()
        return try await req.handleForm(
            AwardInput.self,
            save: { input in
                let c = try await req.awards.award(tender: id, input, viewer: me.viewer, by: me.actor)
                return Saved(Paths.contract(try c.requireID()), "The contract has been awarded")
            },
            reshow: { input, errors in try await awardPage(req, t, input, errors: errors) })
    }

    // MARK: Contracts

    func contracts(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let items = try await req.awards.contracts(for: me.viewer)
        let attention = try await req.monitoring.attention(contracts: items, viewer: me.viewer)
        let rows = items.map { c -> [HTML] in
            [
                Components.link(c.title, Paths.contract(c.id!)), "\(c.buyer.name)", "\(c.supplier.name)", "\(c.value)",
                "\(CalendarDate(iso: c.awardedOn)?.longForm ?? c.awardedOn)",
                MonitoringView.attention(attention[c.id!]),
            ]
        }
        return Page(
            title: "Contracts",
            content: """
                <h1 class="govuk-heading-l">Contracts</h1>
                \(items.isEmpty ? HTML("<p class=\"govuk-body\">No contracts yet.</p>") : Components.table(caption: "Contracts you buy or supply", headers: ["Contract", "Buyer", "Supplier", "Value", "Awarded", "Monitoring returns"], rows: rows, numericColumns: [3]))
                """
        ).render(req)
    }

    func contract(req: Request) async throws -> Response {
        let me = try req.requireUser()
        let c = try await req.awards.contract(try req.parameterID(), viewer: me.viewer)
        let commitments = try await req.awards.commitments(of: try c.requireID(), viewer: me.viewer)
        let rows = commitments.map { m -> [HTML] in
            [
                "\(m.measureCode) \(m.name)", "\(m.quantity) \(m.unit)", "\(Money.display(m.proxy))",
                "\(Money.display(m.monetised))",
            ]
        }
        let monitoring = try await req.monitoring.overview(contract: c.id!, viewer: me.viewer)
        let delivery = try await req.monitoring.delivery(contract: c.id!, viewer: me.viewer)
        let performance = try await req.performance.performance(contract: c.id!, viewer: me.viewer)
        func long(_ iso: String) -> String { CalendarDate(iso: iso)?.longForm ?? iso }
        // Compact principle 4: ending or reducing the service starts a decommissioning case.
        let decommissioning: HTML =
            me.viewer.canManageDecommissioning(owner: c.$buyer.id)
            ? """
            <h2 class="govuk-heading-m">Ending or reducing this service</h2>
            <p class="govuk-body">\(Components.link("Start a decommissioning case", "\(Paths.newDecommissioning)?contractId=\(c.id!)", context: "for \(c.title)"))</p>
            """ : .empty
        let summary3 = Components.summaryList([
            .init("Buyer", text: c.buyer.name), .init("Supplier", text: c.supplier.name),
            .init("Value", text: c.value.description),
            .init("Starts", text: long(c.startsOn)), .init("Ends", text: long(c.endsOn)),
            .init("Awarded", text: long(c.awardedOn)),
            .init("Standstill ends", text: long(c.standstillEndsOn) + " (8 working days)"),
            c.awardReason.map { Components.Row("Reason for choosing a bid other than the top-ranked", text: $0) }
                ?? Components.Row("Bid chosen", text: "The top-ranked bid"),
            .init("Monitoring plan", text: c.monitoringPlan), .init("Reporting", text: c.frequency.label),
        ])
        return Page(
            title: "Contract: \(c.title)", breadcrumbs: [("Contracts", Paths.contracts)],
            content: """
                <h1 class="govuk-heading-l">Contract: \(c.title)</h1>
                \(summary3)
                \(rows.isEmpty ? HTML("<p class=\"govuk-body\">No social value commitments.</p>") : Components.table(caption: "Social value commitments", headers: ["Measure", "Quantity", "Proxy per unit (frozen)", "Monetised"], rows: rows, numericColumns: [1, 2, 3]))
                \(MonitoringView.section(monitoring))
                \(DeliveryView.section(delivery))
                \(PerformanceView.section(performance))
                \(decommissioning)
                """
        ).render(req)
    }

    // MARK: Feedback

    func feedback(req: Request) async throws -> Response {
        let (me, org) = try req.bidder()
        let t = try await req.visibleTender()
        let fb = try await req.awards.feedback(tender: t.id!, organisation: org, viewer: me.viewer)
        let config = t.configuration
        var columns = [("Your bid", fb.ownScores)]
        if !fb.isWinner { columns.append(("Winning bid", fb.winnerScores)) }
        let lines = [fb.own.map { ("Your bid", $0) }, fb.isWinner ? nil : fb.winner.map { ("Winning bid", $0) }]
            .compactMap { $0 }
        let rows = lines.map { name, l -> [HTML] in
            [
                "\(name)", "\(l.rank.map(String.init) ?? "–")", "\(l.price)", "\(l.quality)", "\(l.socialValue)",
                "\(l.total)", l.excluded ? HTML("Excluded: \(l.reason ?? "")") : "–",
            ]
        }
        return Page(
            title: "Feedback: \(t.procurement.title)",
            breadcrumbs: TenderView.crumbs(t, for: me.viewer) + [("Tender", Paths.tender(t.id!))],
            content: """
                \(TenderView.caption(t))
                <h1 class="govuk-heading-l">Feedback on your bid</h1>
                <p class="govuk-body">\(fb.isWinner ? "Your bid was awarded the contract." : "Your bid was not successful.") \(fb.bidderCount) bids were evaluated\(fb.own?.rank.map { "; yours ranked \($0)" } ?? "").</p>
                \(Components.table(caption: "Points by section", headers: ["Bid", "Rank", "Price points", "Quality points", "Social value points", "Total", "Excluded"], rows: rows, numericColumns: [1, 2, 3, 4, 5]))
                \(ReportView.agreedScores(caption: "Agreed scores and the moderation rationale", config: config, columns: columns))
                """
        ).render(req)
    }
}
