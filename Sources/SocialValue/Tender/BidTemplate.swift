import Foundation

/// The bid template a bidder downloads, fills in offline and uploads, as JSON or CSV. Reading a
/// filled template gives a `BidInput`; every problem is reported by JSON path or by line and
/// column, and nothing is saved if there is any (the store validates the result as a draft).
public enum BidTemplate {
    // MARK: JSON

    /// The template as JSON: the criteria and measures with empty answers to fill in. Other
    /// keys (names, units, proxies) are there to read and are ignored on upload.
    public static func json(
        tender: UUID, title: String, config: TenderConfiguration, isVCS: Bool, filled c: BidContent? = nil
    ) -> String {
        var pairs: [(String, JSONValue)] = [
            ("tender", .string(tender.uuidString.lowercased())),
            ("title", .string(title)),
            ("price", .string(c?.price.map { DecimalText.format(Decimal($0.pence) / 100) } ?? "")),
            (
                "responses",
                .array(
                    config.criteria.map { q in
                        .ordered([
                            ("criterion", .string(q.id)), ("name", .string(q.name)),
                            ("weight", .number(String(q.weight))),
                            ("response", .string(c?.responses[q.id] ?? "")),
                        ])
                    })
            ),
        ]
        if config.socialValueMethod.isMonetised {
            pairs.append(
                (
                    "commitments",
                    .array(
                        config.measures.map { m in
                            .ordered([
                                ("measure", .string(m.code)), ("name", .string(m.name)), ("unit", .string(m.unit)),
                                ("proxy", .string(m.proxy)),
                                ("quantity", .string(c?.commitments[m.code].map(Bids.plain) ?? "")),
                            ])
                        })
                ))
            pairs.append(("deliveryPlan", .string(c?.deliveryPlan ?? "")))
        } else {
            pairs.append(("socialValueResponse", .string(c?.socialValueResponse ?? "")))
        }
        if isVCS { pairs.append(("embeddedValueStatement", .string(c?.embeddedValueStatement ?? ""))) }
        return JSONValue.ordered(pairs).rendered() + "\n"
    }

    /// Reads a filled JSON template. Errors carry the JSON path (`$.responses[1].response`).
    public static func parseJSON(_ text: String, tender: UUID) throws -> BidInput {
        let root: JSONValue
        do { root = try JSONReader.parse(text) } catch let e as JSONSyntaxError {
            throw ValidationFailure("$", "The file is not valid JSON (at character \(e.offset)): \(e.message)")
        }
        guard case .object(_, let o) = root else {
            throw ValidationFailure("$", "The file must hold a JSON object: download the template again")
        }
        var p = Problems()
        func string(_ v: JSONValue?, _ path: String) -> String? {
            switch v {
            case nil, .null?: return nil
            case .string(let s)?: return s
            case .number(let n)?: return n
            default:
                p.add(path, "Must be text, not \(v!.typeName)")
                return nil
            }
        }
        if let t = string(o["tender"], "$.tender"), UUID(uuidString: t) != tender {
            p.add("$.tender", "This template is for another tender: download this tender’s template")
        }
        var input = BidInput()
        input.price = string(o["price"], "$.price")
        func rows(_ key: String, id idKey: String, value valueKey: String) -> [String: String] {
            var out: [String: String] = [:]
            guard let v = o[key] else { return out }
            guard case .array(let items) = v else {
                p.add("$.\(key)", "Must be a list")
                return out
            }
            for (i, item) in items.enumerated() {
                let path = "$.\(key)[\(i)]"
                guard case .object(_, let row) = item else {
                    p.add(path, "Must be an object")
                    continue
                }
                guard let id = string(row[idKey], "\(path).\(idKey)"), !id.isEmpty else {
                    p.add("\(path).\(idKey)", "Missing")
                    continue
                }
                if out[id] != nil { p.add("\(path).\(idKey)", "\(id) appears more than once") }
                out[id] = string(row[valueKey], "\(path).\(valueKey)") ?? ""
            }
            return out
        }
        input.responses = rows("responses", id: "criterion", value: "response")
        input.commitments = rows("commitments", id: "measure", value: "quantity")
        input.deliveryPlan = string(o["deliveryPlan"], "$.deliveryPlan")
        input.socialValueResponse = string(o["socialValueResponse"], "$.socialValueResponse")
        input.embeddedValueStatement = string(o["embeddedValueStatement"], "$.embeddedValueStatement")
        try p.throwIfAny()
        return input
    }

    /// Maps a draft's field errors to the template's JSON paths.
    public static func jsonPath(_ field: String, config: TenderConfiguration) -> String {
        if field.hasPrefix("responses."), let i = config.criteria.firstIndex(where: { "responses.\($0.id)" == field }) {
            return "$.responses[\(i)].response"
        }
        if field.hasPrefix("commitments."),
            let i = config.measures.firstIndex(where: { "commitments.\($0.code)" == field })
        {
            return "$.commitments[\(i)].quantity"
        }
        return "$.\(field)"
    }

    // MARK: CSV

    public static let csvColumns = ["section", "key", "name", "unit", "proxy", "value"]

    /// The template as CSV: one row per thing to fill in; only `value` is read back.
    public static func csv(config: TenderConfiguration, isVCS: Bool, filled c: BidContent? = nil) -> String {
        var text = CSV.byteOrderMark + CSV.line(csvColumns)
        text += CSV.line([
            "price", "", "Bid price (£)", "GBP", "", c?.price.map { DecimalText.format(Decimal($0.pence) / 100) } ?? "",
        ])
        for q in config.criteria {
            text += CSV.line(["response", q.id, q.name, "", "", c?.responses[q.id] ?? ""])
        }
        if config.socialValueMethod.isMonetised {
            for m in config.measures {
                text += CSV.line([
                    "commitment", m.code, m.name, m.unit, m.proxy, c?.commitments[m.code].map(Bids.plain) ?? "",
                ])
            }
            text += CSV.line([
                "delivery-plan", "", "Delivery plan for the social value commitments", "", "", c?.deliveryPlan ?? "",
            ])
        } else {
            text += CSV.line([
                "social-value-response", "", "Social value response", "", "", c?.socialValueResponse ?? "",
            ])
        }
        if isVCS {
            text += CSV.line([
                "embedded-value-statement", "", "Statement of the social value embedded in your service (optional)", "",
                "", c?.embeddedValueStatement ?? "",
            ])
        }
        return text
    }

    /// Reads a filled CSV template (`TemplateCSV`): problems on the field "csv"; the lines it
    /// returns name the line of a problem the draft's rules find (`TemplateCSV.Lines.location`).
    public static func parseCSV(_ raw: String) throws -> (input: BidInput, lines: TemplateCSV.Lines) {
        var p = Problems()
        var input = BidInput(responses: [:], commitments: [:])
        var lines = TemplateCSV.Lines()
        try TemplateCSV.read(raw, columns: csvColumns, &p) { e, p in
            let (key, value) = (e.key, e.value)
            switch e.section {
            case "price": if lines.claim("price", e, &p) { input.price = value }
            case "response": if lines.claim("responses.\(key)", e, &p) { input.responses?[key] = value }
            case "commitment": if lines.claim("commitments.\(key)", e, &p) { input.commitments?[key] = value }
            case "delivery-plan": if lines.claim("deliveryPlan", e, &p) { input.deliveryPlan = value }
            case "social-value-response":
                if lines.claim("socialValueResponse", e, &p) { input.socialValueResponse = value }
            case "embedded-value-statement":
                if lines.claim("embeddedValueStatement", e, &p) { input.embeddedValueStatement = value }
            default: p.add("csv", "line \(e.line), column section: unknown section “\(e.section)”")
            }
        }
        try p.throwIfAny()
        return (input, lines)
    }
}
