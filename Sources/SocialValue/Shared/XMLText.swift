/// Text for XML 1.0 (the Atom feed): `&`, `<`, `>` and `"` escaped, and every character XML 1.0
/// does not allow at all (control characters other than tab, line feed and carriage return,
/// U+FFFE and U+FFFF) dropped, so one bad stored title cannot make the whole feed unreadable
/// (issue 19 item 5, docs/security.md).
public enum XMLText {
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars where isAllowed(ch) {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// XML 1.0's `Char` production.
    public static func isAllowed(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
