/// Counts and units in words: "1 procurement", "2 procurements", "1 still needs", "per week".
public enum Plural {
    /// "1 procurement", "0 procurements", "3 bids"; `plural` for a noun that does not just take
    /// an "s" ("1 person", "2 people").
    public static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) \(n == 1 ? singular : plural ?? singular + "s")"
    }

    /// The verb after a count: `verb(1, "needs", "need")` is "needs", for any other count "need".
    public static func verb(_ n: Int, _ singular: String, _ plural: String) -> String {
        n == 1 ? singular : plural
    }

    /// One of a unit of measure, as after "per" or "1": "weeks" → "week", "tonnes CO2e" →
    /// "tonne CO2e", "people" → "person"; a unit that is not a plural ("FTE", "GBP", "percent")
    /// stays as it is.
    public static func one(of unit: String) -> String {
        var words = unit.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard let first = words.first, !first.isEmpty else { return unit }
        let irregular = ["people": "person", "children": "child", "staff": "staff", "hours": "hour"]
        if let single = irregular[first.lowercased()] {
            words[0] = first.first!.isUppercase ? single.prefix(1).uppercased() + single.dropFirst() : single
        } else if first.count > 3, first.hasSuffix("s"), first.lowercased() == first,
            !["ss", "is", "us"].contains(where: { first.hasSuffix($0) })
        {
            if first.hasSuffix("ies") {
                words[0] = String(first.dropLast(3)) + "y"
            } else if ["xes", "ches", "shes", "sses"].contains(where: { first.hasSuffix($0) }) {
                words[0] = String(first.dropLast(2))
            } else {
                words[0] = String(first.dropLast())
            }
        }
        return words.joined(separator: " ")
    }

    /// "per week", "per tonne CO2e", "per FTE".
    public static func per(_ unit: String) -> String { "per " + one(of: unit) }
}
