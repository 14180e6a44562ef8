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

    /// Reads a filled CSV template. Errors are `line L, column C: message`, on field "csv".
    public static func parseCSV(_ raw: String) throws -> (input: BidInput, lines: [String: Int]) {
        let text = CSV.withoutByteOrderMark(raw)
        let rows: [CSV.Row]
        do { rows = try CSV.parse(text) } catch let e as CSV.ParseError {
            throw ValidationFailure("csv", e.description)
        }
        guard let header = rows.first, header.fields == csvColumns else {
            throw ValidationFailure(
                "csv",
                "line 1: the first line must be exactly \(csvColumns.joined(separator: ",")): download the template again"
            )
        }
        var p = Problems()
        var input = BidInput(responses: [:], commitments: [:])
        var lines: [String: Int] = [:]
        for row in rows.dropFirst() where !row.fields.allSatisfy({ $0.isEmpty }) {
            guard row.fields.count == csvColumns.count else {
                p.add("csv", "line \(row.line): expected \(csvColumns.count) columns, found \(row.fields.count)")
                continue
            }
            let (section, key, value) = (row.fields[0], row.fields[1], row.fields[5])
            func once(_ field: String) -> Bool {
                if let first = lines[field] {
                    p.add(
                        "csv",
                        "line \(row.line), column key: \(key.isEmpty ? section : key) is already on line \(first)")
                    return false
                }
                lines[field] = row.line
                return true
            }
            switch section {
            case "price": if once("price") { input.price = value }
            case "response": if once("responses.\(key)") { input.responses?[key] = value }
            case "commitment": if once("commitments.\(key)") { input.commitments?[key] = value }
            case "delivery-plan": if once("deliveryPlan") { input.deliveryPlan = value }
            case "social-value-response": if once("socialValueResponse") { input.socialValueResponse = value }
            case "embedded-value-statement": if once("embeddedValueStatement") { input.embeddedValueStatement = value }
            default: p.add("csv", "line \(row.line), column section: unknown section “\(section)”")
            }
        }
        try p.throwIfAny()
        return (input, lines)
    }

    /// Maps a draft's field errors to `line L, column value` of the uploaded CSV.
    public static func csvLocation(_ field: String, lines: [String: Int]) -> String {
        lines[field].map { "line \($0), column value" } ?? field
    }
}
