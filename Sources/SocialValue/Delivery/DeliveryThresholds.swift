import Foundation

/// A Compact's delivery settings (issue 14; docs/delivery.md): the RAG thresholds as whole
/// percentages of the quantity expected to date, and how far the forecast at completion may fall
/// short of the commitment before the commitment is "at risk".
public struct DeliveryThresholds: Sendable, Equatable, Codable {
    /// Green at this percentage of expected or more (default 90).
    public var greenPercent: Int
    /// Amber at this percentage or more, below green (default 70); red below it.
    public var amberPercent: Int
    /// At risk when the forecast is more than this percentage of the commitment short (default 10).
    public var atRiskTolerancePercent: Int

    public init(greenPercent: Int, amberPercent: Int, atRiskTolerancePercent: Int) {
        self.greenPercent = greenPercent
        self.amberPercent = amberPercent
        self.atRiskTolerancePercent = atRiskTolerancePercent
    }

    public static let defaults = DeliveryThresholds(greenPercent: 90, amberPercent: 70, atRiskTolerancePercent: 10)

    /// Each 0–100 and amber below green; errors name `ragGreenPercent`, `ragAmberPercent` and
    /// `atRiskTolerancePercent`, as the settings form does.
    public func validated() throws -> DeliveryThresholds {
        var p = Problems()
        if !(0...100).contains(greenPercent) {
            p.add("ragGreenPercent", "The green threshold must be between 0% and 100%")
        }
        if !(0...100).contains(amberPercent) {
            p.add("ragAmberPercent", "The amber threshold must be between 0% and 100%")
        } else if (0...100).contains(greenPercent) && amberPercent >= greenPercent {
            p.add("ragAmberPercent", "The amber threshold must be below the green threshold")
        }
        if !(0...100).contains(atRiskTolerancePercent) {
            p.add("atRiskTolerancePercent", "The at-risk tolerance must be between 0% and 100%")
        }
        try p.throwIfAny()
        return self
    }
}

/// Red, amber or green: delivered (verified) against expected to date.
public enum RAG: String, Sendable, Equatable, Codable, CaseIterable {
    case green, amber, red

    /// Words, so the tag never relies on colour alone.
    public var label: String {
        switch self {
        case .green: return "Green: on track"
        case .amber: return "Amber: behind"
        case .red: return "Red: well behind"
        }
    }

    /// verified ÷ expected × 100 against the thresholds, cross-multiplied so exactly 90% is green
    /// and exactly 70% amber: green when verified × 100 ≥ green × expected, amber when ≥ amber ×
    /// expected, else red. Nil when nothing is expected yet.
    public static func of(verified: Decimal, expected: Ratio, thresholds: DeliveryThresholds) -> RAG? {
        guard expected.numerator > 0, expected.denominator > 0 else { return nil }
        let delivered = verified * 100 * expected.denominator
        if delivered >= Decimal(thresholds.greenPercent) * expected.numerator { return .green }
        if delivered >= Decimal(thresholds.amberPercent) * expected.numerator { return .amber }
        return .red
    }
}
