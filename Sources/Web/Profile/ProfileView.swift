import Foundation
import SocialValue
import Storage
import Vapor

extension Request {
    var profiles: ProfileStore { ProfileStore(db) }
}

/// The parts of the public impact profile page (docs/profiles.md).
enum ProfileView {
    static func who(_ p: ImpactProfile) -> HTML {
        var rows: [Components.Row] = [
            .init("Kind", text: p.kind.label),
            .init("Side", text: p.kind.sector == .publicBody ? "Public body" : "Supplier"),
            .init("VCSE", text: p.isVCSE ? "Yes" : "No"),
            .init("SME", text: p.isSME ? "Yes" : "No"),
        ]
        if let n = p.charityNumber { rows.append(.init("Charity number", text: n)) }
        if let n = p.companyNumber { rows.append(.init("Company number", text: n)) }
        rows.append(.init("Area", text: p.area))
        return Components.summaryList(rows)
    }

    static func money(_ pounds: Decimal?) -> String { pounds.map { Money.display($0) } ?? "Not published" }

    static func contracts(_ p: ImpactProfile) -> HTML {
        guard !p.contracts.isEmpty else {
            return "<p class=\"govuk-body\">\(p.name) does not deliver any awarded contracts yet.</p>"
        }
        let rows = p.contracts.map { c -> [HTML] in
            [
                Components.link(c.title, Paths.awardedContract(c.id)),
                Components.link(c.buyer, Paths.profile(c.buyerID)),
                "\(c.value.description)", "\(longDate(c.awardedOn))",
                "\(longDate(c.startsOn)) to \(longDate(c.endsOn))", "\(money(c.deliveredValue))",
            ]
        }
        return Components.table(
            caption: "Awarded contracts \(p.name) delivers",
            headers: ["Contract", "Buyer", "Value", "Awarded", "Dates", "Social value delivered, verified"], rows: rows,
            numericColumns: [2, 5])
    }

    /// Each contract's verified delivery; where the licence forbids publication, the quantities
    /// without the £ values, and the sentence saying why.
    static func verified(_ p: ImpactProfile) -> HTML {
        guard !p.contracts.isEmpty else {
            return "<p class=\"govuk-body\">No social value has been verified yet.</p>"
        }
        let total: HTML = """
            <p class="govuk-body">\(Money.display(p.verifiedValue)) of social value verified to date. This counts only monitoring returns the buyer has verified; claims not yet verified are not shown.\(p.contractsWithheld == 0 ? "" : " It leaves out the £ values of \(Plural.count(p.contractsWithheld, "contract")) whose value set’s licence does not permit publication.")</p>
            """
        let tables = p.contracts.map { c -> HTML in
            let withheld: HTML = c.withheldReason.map { "<div class=\"govuk-inset-text\">\($0)</div>" } ?? .empty
            guard !c.lines.isEmpty else {
                return
                    "<h3 class=\"govuk-heading-s\">\(c.title)</h3><p class=\"govuk-body\">This contract has no social value commitments.</p>"
            }
            let shown = c.withheldReason == nil
            let rows = c.lines.map { l -> [HTML] in
                var row: [HTML] = [
                    "\(l.name)", "\(DecimalText.plainQuantity(l.committed)) \(l.unit)",
                    "\(DecimalText.plainQuantity(l.verified)) \(l.unit)",
                ]
                if shown {
                    row += [
                        "\(l.proxy.map { Money.display(ValueSetCSV.plain($0)) } ?? "")", "\(money(l.deliveredValue))",
                    ]
                }
                return row
            }
            let headers =
                ["Measure", "Committed", "Delivered, verified"]
                + (shown ? ["Value per unit", "Delivered value, verified"] : [])
            return """
                \(withheld)
                \(Components.table(caption: "Verified social value: \(c.title)", headers: headers, rows: rows, numericColumns: shown ? [1, 2, 3, 4] : [1, 2]))
                """
        }
        return "\(total)\(tables)"
    }

    static func embedded(_ p: ImpactProfile) -> HTML {
        guard let e = p.embeddedValue else {
            return
                "<p class=\"govuk-body\">No statement of embedded social value is published. One appears here when a bid that includes one wins a contract.</p>"
        }
        return """
            <div class="govuk-inset-text"><p class="govuk-body">\(e.statement)</p></div>
            <p class="govuk-body">From \(p.name)’s winning bid for \(Components.link(e.contractTitle, Paths.awardedContract(e.contractID))), awarded on \(longDate(e.awardedOn)).</p>
            """
    }

    /// The place for published SROI analyses (issue 15): empty until analyses can be published.
    static func sroi(_ p: ImpactProfile) -> HTML {
        """
        <!-- Published SROI analyses: filled when analyses can be published to a profile (issue 15). -->
        <div id="sroi-analyses">
        <p class="govuk-body">\(p.name) has not published any social return on investment (SROI) analyses yet.</p>
        </div>
        """
    }

    static let csvColumns = [
        "contract_id", "contract", "buyer", "contract_value", "awarded_on", "starts_on", "ends_on", "measure_code",
        "measure", "unit", "committed", "verified_to_date", "proxy_per_unit", "delivered_value_verified",
        "values_withheld", "url",
    ]

    /// A line per commitment of each contract (a contract without commitments: one line).
    static func csv(_ p: ImpactProfile) -> String {
        var text = CSV.byteOrderMark + CSV.line(csvColumns)
        for c in p.contracts {
            let head = [
                c.id.uuidString, c.title, c.buyer, DecimalText.format(Decimal(c.value.pence) / 100), c.awardedOn,
                c.startsOn, c.endsOn,
            ]
            let tail = [c.withheldReason ?? "", Paths.awardedContract(c.id)]
            if c.lines.isEmpty { text += CSV.line(head + ["", "", "", "", "", "", ""] + tail) }
            for l in c.lines {
                text += CSV.line(
                    head + [
                        l.measureCode, l.name, l.unit, DecimalText.plainQuantity(l.committed),
                        DecimalText.plainQuantity(l.verified), l.proxy.map(ValueSetCSV.plain) ?? "",
                        l.deliveredValue.map { DecimalText.format($0) } ?? "",
                    ] + tail)
            }
        }
        return text
    }
}
