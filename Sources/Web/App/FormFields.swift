import Vapor

/// A posted `application/x-www-form-urlencoded` body read as it was sent: every field in order,
/// each name as typed (`effectiveOn[day]`, `answers[2][values][]`), repeated names kept, `+` read
/// as a space and percent-escapes decoded (an escape that does not decode is kept as sent). For
/// carrying a form on unchanged (the confirmation step); decoding into an input type goes through
/// `formInput` in Forms.swift.
enum FormFields {
    static func parse(_ body: String) -> [(name: String, value: String)] {
        func decoded(_ s: Substring) -> String {
            String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
        }
        return body.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (name: decoded(parts[0]), value: parts.count > 1 ? decoded(parts[1]) : "")
        }
    }
}

extension Request {
    /// The posted form's fields as sent (`FormFields.parse`); none without a body.
    var typedFormFields: [(name: String, value: String)] {
        body.string.map(FormFields.parse) ?? []
    }
}
