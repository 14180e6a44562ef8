import Foundation

/// A column of JSON text the product reads and writes whole (a tender's configuration, a
/// procurement's details), decoded when the row is loaded: a row whose JSON cannot be read
/// fails to load, naming the column, instead of crashing or being guessed at later.
public struct StoredJSON<Value: Codable>: Codable {
    /// The text as stored, kept as it is so the audit trail and exports see what was written.
    public let text: String
    public let value: Value

    init(_ value: Value, encoder: JSONEncoder = JSONEncoder()) throws {
        self.value = value
        text = String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    public init(from decoder: Decoder) throws {
        text = try decoder.singleValueContainer().decode(String.self)
        value = try JSONDecoder().decode(Value.self, from: Data(text.utf8))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}

extension StoredJSON: Sendable where Value: Sendable {}
