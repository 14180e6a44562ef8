/// How a Compact's parts are named on its pages.
extension CompactPages {
    /// A principle's heading: its number and title ("2.4 Twelve-week written consultations").
    /// A code that stands for a section whose undertaking is not numbered ("4.x") is not printed
    /// as if it were a number: "Fair decommissioning (Compact section 4)".
    static func heading(code: String, title: String) -> String {
        let parts = code.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 2, let section = Int(parts[0]), parts[1].lowercased() == "x" {
            return "\(title) (Compact section \(section))"
        }
        return code.isEmpty ? title : "\(code) \(title)"
    }
}
