import Foundation

/// The commissioner's form to publish a decided case's public summary (docs/decommissioning.md,
/// "The public record"): the public rationale, and for a later version why it is published again.
public struct PublicSummaryInput: Codable, Sendable, Equatable {
    public var rationale: String?
    public var reason: String?

    public init(rationale: String? = nil, reason: String? = nil) {
        self.rationale = rationale
        self.reason = reason
    }
}

/// The commissioner's text of a public summary, checked.
public struct PublicSummaryText: Sendable, Equatable {
    public let rationale: String
    /// Why a later version is published; nil for version 1.
    public let reason: String?
}

extension Decommissioning {
    public static let publicRationaleMaxLength = 5_000
    public static let publicationReasonMaxLength = 2_000

    /// Checks a public summary before it is published as `version`: only a decided case (ended,
    /// reduced or withdrawn) is published; the public rationale is required, trimmed, without
    /// control characters and at most `publicRationaleMaxLength` characters; a version after the
    /// first needs the reason it is published again.
    public static func validatePublication(
        _ input: PublicSummaryInput, status: DecommissioningStatus, version: Int
    ) throws -> PublicSummaryText {
        guard status.isDecided else {
            throw ValidationFailure(
                "status", "Only a decided case can be published: record the decision first")
        }
        var p = Problems()
        let rationale = p.text(
            input.rationale, field: "rationale", label: "the public rationale", max: publicRationaleMaxLength)
        let reason = p.text(
            input.reason, field: "reason", label: "why the summary is published again", required: version > 1,
            max: publicationReasonMaxLength)
        try p.throwIfAny()
        return PublicSummaryText(rationale: rationale!, reason: version > 1 ? reason : nil)
    }
}
