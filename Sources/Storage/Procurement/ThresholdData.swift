import Foundation
import SocialValue

/// The procurement thresholds shipped in Resources/thresholds (see its SOURCE.md).
public enum ThresholdData {
    /// Parsed once; the file is part of the build, so a parse failure is a packaging error.
    public static let table: ThresholdTable = {
        do { return try load() } catch { fatalError("Resources/thresholds/thresholds.csv is unreadable: \(error)") }
    }()

    public static func load() throws -> ThresholdTable {
        guard let url = Bundle.module.url(forResource: "Resources/thresholds/thresholds", withExtension: "csv") else {
            throw StorageError.notFound("The thresholds file thresholds.csv")
        }
        return try ThresholdTable.parse(csv: try String(contentsOf: url, encoding: .utf8))
    }
}
