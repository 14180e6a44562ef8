import Foundation

/// How the core's `…Input` types read what a web form sends as well as what the JSON API sends,
/// so the pages and the API decode the same type, with the same field names and the same error
/// paths. One convention for every input:
///
/// - **yes/no** (a checkbox or a pair of radios): a JSON boolean, or the text `yes` or `no`
///   (`true`/`false` also). A checkbox sends `yes` when ticked and nothing at all when not, so an
///   absent field reads as nil, which each input's rules take as "no" unless the question must be
///   answered. Other text is refused as unreadable.
/// - **a whole number typed by a person** (a percentage): a JSON number or the digits as text;
///   the input keeps it as text so a typing mistake comes back beside the field, not as a bad request.
/// - **a list of names typed one per line** (lots): a JSON array of strings, or one text with a
///   line for each.
/// - **a list of choices** (checkboxes sharing one name): a JSON array, or from a form the name
///   with `[]` repeated, `outcomeIDs[]=…&outcomeIDs[]=…`; none ticked reads as nil.
extension KeyedDecodingContainer {
    /// A yes/no answer: a boolean, or `yes`/`no`/`true`/`false` as text; absent or blank is nil.
    public func decodeYesNo(forKey key: Key) throws -> Bool? {
        if let b = try? decodeIfPresent(Bool.self, forKey: key) { return b }
        guard let text = try decodeIfPresent(String.self, forKey: key) else { return nil }
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "yes", "true": return true
        case "no", "false": return false
        case "": return nil
        default:
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "expected yes or no, true or false")
        }
    }

    /// A whole number as the text it was typed in: a JSON number becomes its digits.
    public func decodeNumberText(forKey key: Key) throws -> String? {
        if let n = try? decodeIfPresent(Int.self, forKey: key) { return String(n) }
        return try decodeIfPresent(String.self, forKey: key)
    }

    /// Names typed one per line, or sent as an array.
    public func decodeLines(forKey key: Key) throws -> [String]? {
        if let text = try? decodeIfPresent(String.self, forKey: key) {
            return text.split(whereSeparator: \.isNewline).map(String.init)
        }
        return try decodeIfPresent([String].self, forKey: key)
    }
}

extension KeyedEncodingContainer {
    /// A whole number kept as text is written as a JSON number when it is one, so what is read
    /// back has the type the API documents.
    public mutating func encodeNumberText(_ text: String?, forKey key: Key) throws {
        if let text, let n = Int(text.trimmingCharacters(in: .whitespaces)) {
            try encode(n, forKey: key)
        } else {
            try encodeIfPresent(text, forKey: key)
        }
    }
}

extension KeyedDecodingContainer {
    /// The id of a record chosen from a list (a select, a hidden field): absent, blank or not an
    /// id reads as nil, so the input's rules ask the person to choose rather than refusing the form.
    public func decodeChosenID(forKey key: Key) throws -> UUID? {
        if let id = try? decodeIfPresent(UUID.self, forKey: key) { return id }
        guard let text = try? decodeIfPresent(String.self, forKey: key) else { return nil }
        return UUID(uuidString: text.trimmingCharacters(in: .whitespaces))
    }
}
