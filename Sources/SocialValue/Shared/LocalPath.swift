import Foundation

/// Where a page may send a person back to after signing in (`next=`): only a path on this site.
///
/// A browser is generous with what it calls a path: it strips tabs and line breaks from a
/// `Location`, reads `\` as `/`, and treats `//host` as another site, so `/\t/evil.example`
/// lands on `//evil.example`. The target is accepted only when, both as sent and once
/// percent-decoded, it starts with a single `/` and holds no control character or backslash
/// (nor, as sent, any white space), and parses as a path with no scheme or host (issue 19 item 1, docs/security.md).
public enum LocalPath {
    public static func isSafe(_ target: String) -> Bool {
        guard let decoded = target.removingPercentEncoding else { return false }
        // As sent, not even a space; decoded, an encoded space (`%20`) is a fair part of a query.
        if target.unicodeScalars.contains(where: { $0.properties.isWhitespace }) { return false }
        for text in [target, decoded] {
            guard text.hasPrefix("/"), !text.hasPrefix("//") else { return false }
            // Tab, line feed and carriage return included: browsers strip them from a path.
            let refused = { (s: Unicode.Scalar) in s == "\\" || s.value < 0x20 || TextRules.isControl(s) }
            if text.unicodeScalars.contains(where: refused) { return false }
        }
        guard let parts = URLComponents(string: target), parts.scheme == nil, parts.host == nil,
            parts.path.hasPrefix("/"), !parts.path.hasPrefix("//")
        else { return false }
        return true
    }

    /// The target when it is safe, otherwise `fallback`.
    public static func orFallback(_ target: String?, _ fallback: String) -> String {
        guard let target, isSafe(target) else { return fallback }
        return target
    }

}
