import Foundation
import SocialValue

/// The records behind each of the Act report's figures, on the report page under the anchors the
/// figures link to (docs/reports.md "Checking a figure"), each record linked to its own page.
enum ActReportLists {
    static func section(_ id: String, _ title: String, _ body: HTML) -> HTML {
        """
        <h2 class="govuk-heading-m" id="\(id)">\(title)</h2>
        \(body)
        """
    }

    static func table(_ caption: String, _ headers: [String], _ rows: [[HTML]], numeric: Set<Int> = []) -> HTML {
        rows.isEmpty
            ? "<p class=\"govuk-body\">None in this period.</p>"
            : Components.table(
                caption: caption, headers: headers, rows: rows, numericColumns: numeric, captionHidden: true)
    }

    static func procurements(_ caption: String, _ items: [ActReport.Procurement]) -> HTML {
        table(
            caption, ["Procurement", "Started", "Consideration signed off"],
            items.map { p in
                [
                    Components.link(p.title, Paths.procurement(p.id)), "\(p.startedOn?.longForm ?? "–")",
                    "\(p.signedOffOn?.longForm ?? "Not signed off")",
                ]
            })
    }

    static func money(_ v: Decimal) -> HTML { "\(Money.display(v))" }

    static func lists(_ r: ActReport) -> HTML {
        let awarded = r.awarded.map { c -> [HTML] in
            [
                Components.link(c.title, Paths.contract(c.id)), "\(c.awardedOn.longForm)", "\(c.value)",
                "\(c.supplierIsVCSE ? "Yes" : "No")", "\(c.supplierIsSME ? "Yes" : "No")",
            ]
        }
        let outcomes = r.byOutcome.map { o -> [HTML] in
            ["\(o.outcome.theme)", "\(o.outcome.outcome)", money(o.committed), money(o.verified), money(o.claimed)]
        }
        let themes = r.byTheme.map { o -> [HTML] in
            ["\(o.outcome.theme)", money(o.committed), money(o.verified), money(o.claimed)]
        }
        let weighting = r.weighted.map { p -> [HTML] in
            [
                Components.link(p.title, Paths.procurement(p.id)),
                "\(p.weightingPercent.map { DecimalText.format($0, places: 1) + "%" } ?? "–")",
            ]
        }
        let consultations = r.consultations.map { c -> [HTML] in
            let meets = r.consultationsMeetingOrExplained.contains(c)
            return [
                Components.link(c.title, Paths.consultation(c.id)), "\(c.opensOn.longForm)",
                "\(c.meetsMinimum ? "Meets the minimum" : (meets ? "Shorter, reason published" : "Shorter, no reason"))",
            ]
        }
        let notices = r.notices.map { n -> [HTML] in
            let check: String
            switch n.check {
            case .compliant: check = "Meets the minimum"
            case .breach(let days): check = "Breach: \(days) \(days == 1 ? "day" : "days") short"
            case .shortWithReason(let days): check = "\(days) \(days == 1 ? "day" : "days") short, exceptional reason"
            }
            return [Components.link(n.service, Paths.decommissioning(n.id)), "\(n.givenOn.longForm)", "\(check)"]
        }
        let pipeline = r.pipelineNotice.map { x -> [HTML] in
            [
                Components.link(x.procurement.title, Paths.procurement(x.procurement.id)),
                "\(x.procurement.pipelinePublishedOn?.longForm ?? "–")", "\(x.procurement.startedOn?.longForm ?? "–")",
                "\(x.weeks)",
            ]
        }
        return HTML.join([
            section("started", "Procurements started", procurements("Procurements started", r.started)),
            section("in-scope", "In scope of the Act", procurements("In scope of the Act", r.inScope)),
            section(
                "in-time", "Consideration recorded before the start",
                procurements("Consideration recorded before the start", r.consideredInTime)),
            section(
                "late", "Consideration recorded late or not at all",
                procurements("Consideration recorded late or not at all", r.consideredLate)),
            section(
                "weighting", "Social value weightings",
                table("Social value weightings", ["Procurement", "Weighting"], weighting, numeric: [1])),
            section(
                "awarded", "Contracts awarded",
                table(
                    "Contracts awarded", ["Contract", "Awarded", "Value", "VCSE", "SME"], awarded, numeric: [2])),
            section(
                "outcomes", "Social value by theme and outcome",
                """
                <p class="govuk-body">Committed: the commitments of contracts awarded in the period, at the proxy values frozen in the tender. Verified and claimed: what returns report for reporting periods that end in the period; claimed is awaiting verification and is never added to verified.</p>
                \(ActReportChart.svg(r.byTheme, period: r.period.name))
                \(table("Social value by theme", ["Theme", "Committed", "Verified", "Claimed"], themes, numeric: [1, 2, 3]))
                \(table("Social value by theme and outcome", ["Theme", "Outcome", "Committed", "Verified", "Claimed"], outcomes, numeric: [2, 3, 4]))
                """),
            section(
                "consultations", "Consultations opened",
                table("Consultations opened", ["Consultation", "Opened", "Period"], consultations)),
            section(
                "notices", "Decommissioning notices given",
                table("Decommissioning notices given", ["Service", "Notice given", "Check"], notices)),
            section(
                "pipeline", "Pipeline notice before tenders opened",
                table(
                    "Pipeline notice before tenders opened",
                    ["Procurement", "In the pipeline from", "Tender opened", "Whole weeks"], pipeline, numeric: [3])),
        ])
    }
}
