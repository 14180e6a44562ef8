import Foundation
import SocialValue
import Storage
import Vapor

/// What a dashboard leads with (docs/dashboard.md): for each public body the person belongs to,
/// its figures in cards, each linking to the list behind it, and its strategy targets against
/// what was achieved; for each supplier, its bids and where they stand.
enum BodyFiguresView {
    static func sections(_ req: Request, _ me: CurrentUser) async throws -> [HTML] {
        let store = DashboardStore(req.db)
        var out: [HTML] = []
        for org in me.organisations {
            let id = try org.requireID()
            let bodyMember = me.viewer.memberships.contains { $0.organisationID == id && $0.role.sector == .publicBody }
            if org.organisationKind.sector == .publicBody && bodyMember {
                let flags = try await IndicatorStore(req.db).flags(body: id, viewer: me.viewer)
                out.append(
                    try figures(
                        try await store.bodyFigures(of: id, viewer: me.viewer), attention: Attention(flags), org: org))
            } else if me.viewer.holds(.supplierMember, at: id) {
                out.append(bids(try await store.supplierBids(of: id, viewer: me.viewer), org: org))
            }
        }
        return out
    }

    static func money(_ pounds: Decimal) -> String { Money.display(pounds) }

    /// What needs the body's attention, from its indicators (docs/indicators.md): commitments in
    /// the red (CW08) and KPI assessments overdue (CW09), each card leading to the flags behind it.
    struct Attention {
        let redCommitments: Int
        let assessmentsOverdue: Int

        init(_ flags: [IndicatorStore.DatedFlag]) {
            func total(_ code: IndicatorCode) -> Int {
                flags.filter { $0.flag.code == code }.reduce(0) {
                    $0 + Int(truncating: $1.flag.value as NSDecimalNumber)
                }
            }
            redCommitments = total(.deliveryBehind)
            assessmentsOverdue = total(.assessmentsOverdue)
        }
    }

    static func card(_ value: String, _ label: String, _ link: HTML) -> HTML {
        let money = value.hasPrefix("£") ? " cw-stat__value--money" : ""
        return
            "<div class=\"cw-card\"><p class=\"cw-stat\"><span class=\"cw-stat__value\(money)\">\(value)</span> <span class=\"cw-stat__label\">\(label)</span></p>\(link)</div>"
    }

    static func figures(_ f: DashboardStore.BodyFigures, attention a: Attention, org: OrganisationModel) throws -> HTML
    {
        let d = f.delivery
        let name = org.name
        let flagged = { (code: IndicatorCode) in "\(IndicatorPages.forBody(try org.requireID()))&code=\(code.rawValue)"
        }
        let cards: [HTML] = [
            card(
                "\(f.tendersOpen)", "\(f.tendersOpen == 1 ? "tender" : "tenders") open for bids",
                Components.link("See the tenders", Paths.tenders, context: "of \(name)")),
            card(
                "\(f.tendersToEvaluate)",
                "\(f.tendersToEvaluate == 1 ? "tender" : "tenders") closed, to open and evaluate",
                Components.link("See the tenders", Paths.tenders, context: "to evaluate")),
            card(
                "\(d.contracts)", "\(d.contracts == 1 ? "contract" : "contracts") awarded",
                Components.link("See the contracts", Paths.contracts, context: "of \(name)")),
            card(
                money(d.committed), "social value committed in the contracts",
                Components.link("See the commitments", Paths.contracts, context: "in the contracts of \(name)")),
            card(
                money(d.verified), "social value delivered, verified",
                Components.link("See the delivery", Paths.contracts, context: "verified for \(name)")),
            card(
                money(d.claimedNotVerified), "claimed in returns awaiting verification (not counted as delivered)",
                Components.link("See the returns", Paths.contracts, context: "awaiting verification")),
            card(
                "\(a.redCommitments)",
                "\(a.redCommitments == 1 ? "commitment" : "commitments") in the red: verified delivery well behind what was expected",
                Components.link("See the contracts behind", try flagged(.deliveryBehind), context: "for \(name)")),
            card(
                "\(a.assessmentsOverdue)", "KPI \(a.assessmentsOverdue == 1 ? "assessment" : "assessments") overdue",
                Components.link("See the overdue assessments", try flagged(.assessmentsOverdue), context: "of \(name)")),
            card(
                "\(f.decommissioningOpen)",
                "decommissioning \(f.decommissioningOpen == 1 ? "case" : "cases") open",
                Components.link("See the cases", Paths.decommissioning, context: "of \(name)")),
            card(
                "\(f.consultationsOpen)",
                "\(f.consultationsOpen == 1 ? "consultation" : "consultations") open, \(f.consultationsClosed) closed",
                Components.link("See the consultations", Paths.consultations, context: "of \(name)")),
            card(
                "\(f.consultationsMeetingMinimum) of \(f.consultationsPublished)",
                "published consultations meet the Compact’s minimum period (12 weeks unless the Compact says otherwise)",
                Components.link("See compliance", Paths.consultationCompliance, context: "with the consultation period")
            ),
        ]
        return """
            <h2 class="govuk-heading-m">Figures for \(name)</h2>
            <div class="cw-card-grid">\(cards)</div>
            <p class="govuk-body">\(Components.link("See the indicators (red flags)", IndicatorPages.forBody(try org.requireID()), context: "of \(name)")) · \(Components.link("Read the Social Value Act report", ActReportPages.forBody(try org.requireID()), context: "of \(name)"))</p>
            \(targets(f.targets, org: org))
            """
    }

    static func achieved(_ a: StrategyAchievement) -> HTML {
        switch a {
        case .vcseSpend(let from, let to, let awarded, let contracts):
            return
                "\(awarded.description) awarded to VCSE organisations in \(Plural.count(contracts, "contract")) from \(from.longForm) to \(to.longForm)"
        case .verifiedDelivery(let value, let commitments):
            return
                "\(money(value)) delivered, verified, against \(Plural.count(commitments, "commitment")) to this outcome’s measures"
        case .notMeasuredYet:
            return "Not measured yet"
        }
    }

    static func targets(_ targets: [DashboardStore.Target], org: OrganisationModel) -> HTML {
        guard !targets.isEmpty else { return .empty }
        let rows = targets.map { t -> [HTML] in
            [
                "\(Components.link(t.outcome, Paths.compact(t.compactID, .strategy), context: "in \(t.strategy)"))",
                "\(t.target) (\(t.period))", achieved(t.achieved),
            ]
        }
        return """
            <h3 class="govuk-heading-s">Strategy targets</h3>
            <p class="govuk-body">What \(org.name) has achieved so far against the joint strategy’s targets. VCSE spend counts contracts awarded to VCSE organisations in the strategy year so far; other targets count verified delivery of commitments to the outcome’s measures. Claims not yet verified are not counted.</p>
            \(Components.table(caption: "Strategy targets and what \(org.name) achieved", headers: ["Priority", "Target", "Achieved so far"], rows: rows, captionHidden: true))
            """
    }

    static func bids(_ bids: [DashboardStore.SupplierBid], org: OrganisationModel) -> HTML {
        guard !bids.isEmpty else {
            return """
                <h2 class="govuk-heading-m">Bids by \(org.name)</h2>
                <p class="govuk-body">\(org.name) has not started a bid yet. \(Components.link("See open tenders", Paths.tenders))</p>
                """
        }
        let rows = bids.map { b -> [HTML] in
            [
                "\(Components.link(b.title, Paths.tender(b.tenderID)))", "\(b.buyer)",
                "\(UKTime.date(at: b.deadline).longForm)",
                "\(Components.tag(b.status.label, colour: b.status.tagColour))",
                b.contractID.map { Components.link("See the contract", Paths.contract($0), context: "for \(b.title)") }
                    ?? Components.link("See the bid", Paths.bid(b.tenderID), context: "for \(b.title)"),
            ]
        }
        return """
            <h2 class="govuk-heading-m">Bids by \(org.name)</h2>
            \(Components.table(caption: "Bids by \(org.name) and their status", headers: ["Tender", "Buyer", "Deadline", "Status", "Link"], rows: rows, captionHidden: true))
            """
    }
}
