import Foundation
import SocialValue
import Storage
import Vapor

/// How tenders look wherever they are shown.
enum TenderView {
    static func phaseTag(_ phase: TenderPhase) -> HTML {
        let colour: String? =
            switch phase {
            case .open: "green"
            case .closed: "yellow"
            case .draft: "grey"
            case .cancelled: "red"
            default: nil
            }
        return Components.tag(phase.label, colour: colour)
    }

    static func crumbs(_ t: TenderModel) -> [(String, String)] {
        [("Procurement: \(t.procurement.title)", Paths.procurement(t.$procurement.id))]
    }

    /// The way back from a page bidders also see: the procurement for those who may see it, otherwise the open tenders.
    static func crumbs(_ t: TenderModel, for viewer: Viewer?) -> [(String, String)] {
        viewer.canSeeProcurement(owner: t.procurement.$owner.id, published: t.procurement.inPipeline)
            ? crumbs(t) : [("Open tenders", Paths.tenders)]
    }

    static func caption(_ t: TenderModel) -> HTML {
        "<span class=\"govuk-caption-l\">\(t.procurement.owner.name)</span>"
    }

    static func stamp(_ d: Date?) -> String {
        guard let d else { return "" }
        let local = UKTime.date(at: d)
        let seconds = Int(d.timeIntervalSince1970.rounded(.down)) + UKTime.offsetSeconds(at: d)
        let inDay = ((seconds % 86_400) + 86_400) % 86_400
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(local.longForm) at \(two(inDay / 3_600)):\(two(inDay % 3_600 / 60)):\(two(inDay % 60))"
    }

    /// The evaluation set-up, as bidders and the buyer read it.
    static func configuration(_ c: TenderConfiguration) -> HTML {
        let criteria = c.criteria.map { q -> [HTML] in ["\(q.id)", "\(q.name)", "\(q.guidance)", "\(q.weight)%"] }
        let measures = c.measures.map { m -> [HTML] in
            ["\(m.code)", "\(m.name)", "\(m.unit)", "\(Money.display(m.proxy))"]
        }
        let descriptors = c.descriptors.map { "\($0.score) \($0.label)" }.joined(separator: "; ")
        return """
            \(Components.summaryList([
                .init("Weights", text: "Price \(c.weights.price)%, quality \(c.weights.quality)%, social value \(c.weights.socialValue)%"),
                .init("Price scored by", text: c.priceMethod.label),
                .init("Quality scale", text: "0 to \(c.qualityScaleMax)" + (descriptors.isEmpty ? "" : " (\(descriptors))")),
                .init("Minimum quality", text: c.minimumQualityPercent.map { "\($0)% of the quality weight" } ?? "None"),
                .init("Social value scored by", text: c.socialValueMethod.label),
                .init("Proxy values from", text: c.valueSet.map { $0.name + ($0.isIllustrative ? " (illustrative)" : "") } ?? "No value set"),
                .init("Policy check", text: c.policy == .ppn002 ? "PPN 002 (at least 10% social value)" : "None"),
                .init("Check deliverability", text: "Warn where a measure’s commitment is worth more than \(c.deliverabilitySharePercent)% of the bid price"),
            ]))
            \(criteria.isEmpty ? HTML.empty : Components.table(caption: "Quality criteria", headers: ["Id", "Criterion", "Guidance", "Weight"], rows: criteria, numericColumns: [3]))
            \(measures.isEmpty ? HTML.empty : Components.table(caption: "Social value measures (proxies frozen when chosen)", headers: ["Code", "Measure", "Unit", "Proxy per unit"], rows: measures, numericColumns: [3]))
            """
    }

    /// A bid's contents: the bidder's own, or the buyer's once opened.
    static func contents(_ b: BidView, config: TenderConfiguration, attachmentPath: (UUID) -> String) -> HTML {
        let c = b.content
        let responses = config.criteria.map { q -> [HTML] in
            let files = b.attachments.filter { $0.criterionID == q.id }.map {
                Components.link($0.title, attachmentPath($0.id))
            }
            return [
                "\(q.id) \(q.name)", HTML.paragraphs(c.responses[q.id] ?? "Not answered"),
                HTML.join(files, separator: "<br>"),
            ]
        }
        let commitments = config.measures.map { m -> [HTML] in
            let q = c.commitments[m.code]
            return [
                "\(m.code) \(m.name)", "\(q.map(Bids.plain) ?? "Not given") \(m.unit)",
                "\(Money.display(q.map { $0 * m.proxyValue } ?? 0))",
            ]
        }
        let general = b.attachments.filter { $0.criterionID == nil }.map {
            "<li>\(Components.link($0.title, attachmentPath($0.id)))</li>" as HTML
        }
        var rows: [Components.Row] = [.init("Price", text: c.price.map(\.description) ?? "Not given")]
        if config.socialValueMethod.isMonetised {
            rows.append(.init("Monetised social value", text: Money.display(b.monetisedSocialValue)))
            rows.append(.init("Delivery plan", text: c.deliveryPlan.isEmpty ? "Not given" : c.deliveryPlan))
        } else {
            rows.append(.init("Social value response", text: c.socialValueResponse ?? "Not given"))
        }
        if b.organisationIsVCS {
            rows.append(.init("Embedded social value (VCS statement)", text: c.embeddedValueStatement ?? "None"))
        }
        return """
            \(Components.summaryList(rows))
            \(responses.isEmpty ? HTML.empty : Components.table(caption: "Quality responses", headers: ["Criterion", "Response", "Attachments"], rows: responses))
            \(commitments.isEmpty ? HTML.empty : Components.table(caption: "Social value commitments", headers: ["Measure", "Quantity", "Monetised"], rows: commitments, numericColumns: [2]))
            \(general.isEmpty ? HTML.empty : HTML("<h3 class=\"govuk-heading-s\">Other attachments</h3><ul class=\"govuk-list\">\(general)</ul>"))
            """
    }
}
