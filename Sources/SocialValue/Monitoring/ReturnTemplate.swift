import Foundation

/// A monitoring return as a CSV template (issue 14; docs/monitoring.md, "Filling a return
/// offline"): the supplier downloads the period's return, fills in the `value` column offline and
/// uploads it. Reading it gives a `ReturnInput`, saved as a draft by the same rules as the form:
/// all or nothing, every problem named by line and column (`TemplateCSV`).
public enum ReturnTemplate {
    public static let csvColumns = ["section", "key", "name", "unit", "committed", "value"]

    /// One row for the narrative, then a quantity and a note row per commitment; `filled` (the
    /// saved draft) fills the values in.
    public static func csv(commitments: [MonitoredCommitment], filled f: ReturnInput? = nil) -> String {
        var text = CSV.byteOrderMark + CSV.line(csvColumns)
        text += CSV.line(["narrative", "", "What was delivered this period", "", "", f?.narrative ?? ""])
        for c in commitments {
            let line = f?.lines?[c.code]
            text += CSV.line([
                "quantity", c.code, "\(c.name) delivered this period (0 if none)", c.unit,
                DecimalText.plainQuantity(c.committed), line?.quantity ?? "",
            ])
            text += CSV.line(["note", c.code, "Note on \(c.name.lowercased()) (optional)", "", "", line?.note ?? ""])
        }
        return text
    }

    /// Reads a filled template: problems on the field "csv"; the lines name the line of a problem
    /// the return's own rules find (`TemplateCSV.Lines.location`).
    public static func parseCSV(_ raw: String) throws -> (input: ReturnInput, lines: TemplateCSV.Lines) {
        var p = Problems()
        var narrative: String?
        var lines: [String: ReturnInput.Line] = [:]
        var at = TemplateCSV.Lines()
        try TemplateCSV.read(raw, columns: csvColumns, &p) { e, p in
            switch e.section {
            case "narrative":
                if at.claim("narrative", e, &p) { narrative = e.value }
            case "quantity":
                if at.claim(MonitoringReturns.quantityField(e.key), e, &p) {
                    lines[e.key, default: .init()].quantity = e.value
                }
            case "note":
                if at.claim(MonitoringReturns.noteField(e.key), e, &p) { lines[e.key, default: .init()].note = e.value }
            default: p.add("csv", "line \(e.line), column section: unknown section “\(e.section)”")
            }
        }
        try p.throwIfAny()
        return (ReturnInput(narrative: narrative, lines: lines), at)
    }
}
