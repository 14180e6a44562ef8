import Foundation
import SocialValue
import Storage
import Vapor

/// How the ranking and the agreed scores look in the report and the feedback.
enum ReportView {
    /// The ranking: each bid's rank and points and, given `prices` (bidder → the bid's price),
    /// its price and monetised social value as money (`Money.display`) beside them.
    static func rankingTable(
        _ o: EvaluationOutcome, caption: String = "Ranking of the bids", prices: [String: Money]? = nil
    ) -> HTML {
        let rows = o.ranking.map { r -> [HTML] in
            let money: [HTML] =
                prices.map { prices in
                    [
                        "\(prices[r.bidder].map { Money.display(Procurement.decimal($0)) } ?? "–")",
                        "\(r.socialValueMonetised.map { Money.display($0) } ?? "Not monetised")",
                    ]
                } ?? []
            return ["\(r.rank.map(String.init) ?? "–")", "\(r.bidder)"] + money + [
                "\(r.price)", "\(r.quality)", "\(r.socialValue)", "\(r.total)",
                r.excluded ? HTML("Excluded: \(r.reason ?? "")") : "–",
            ]
        }
        let moneyHeaders = prices == nil ? [] : ["Price", "Monetised social value"]
        let shift = moneyHeaders.count
        return Components.table(
            caption: caption,
            headers: ["Rank", "Bidder"] + moneyHeaders + [
                "Price points", "Quality points", "Social value points", "Total", "Excluded",
            ],
            rows: rows, numericColumns: Set([0] + Array(2..<(2 + shift)) + [2, 3, 4, 5].map { $0 + shift }))
    }

    static func warnings(_ ws: [String]) -> HTML {
        ws.isEmpty
            ? .empty
            : HTML(
                "<div class=\"govuk-warning-text\"><strong class=\"govuk-warning-text__text\">\(HTML.join(ws.map { HTML("\($0)") }, separator: "<br>"))</strong></div>"
            )
    }

    /// Agreed scores per key for the given bids (columns), with each rationale.
    static func agreedScores(caption: String, config: TenderConfiguration, columns: [(String, [String: ScoreEntry])])
        -> HTML
    {
        let rows = PanelRules.scoreKeys(config).map { key -> [HTML] in
            ["\(PanelRules.label(key, config: config))"]
                + columns.flatMap { col -> [HTML] in
                    let e = col.1[key]
                    return [
                        "\(EvaluationPages.scoreText(e?.score)) of \(config.qualityScaleMax)", "\(e?.comment ?? "")",
                    ]
                }
        }
        let headers = ["Criterion"] + columns.flatMap { ["\($0.0): agreed score", "\($0.0): rationale"] }
        return Components.table(caption: caption, headers: headers, rows: rows)
    }
}
