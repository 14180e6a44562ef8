import Foundation

extension KeyedDecodingContainer {
    /// The ID of a record chosen from a list: a JSON string, or a form's select, whose blank
    /// "Select one" option sends an empty text (nil, so the rules name the missing choice).
    public func decodeChoiceID(forKey key: Key) throws -> UUID? {
        guard let text = try decodeIfPresent(String.self, forKey: key)?.trimmingCharacters(in: .whitespaces),
            !text.isEmpty
        else { return nil }
        guard let id = UUID(uuidString: text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "expected an ID")
        }
        return id
    }
}
