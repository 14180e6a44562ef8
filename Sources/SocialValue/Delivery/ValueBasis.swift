import Foundation

/// What a £ figure rests on (issue 14, docs/delivery.md "What a figure rests on"): a verified
/// return, a return submitted but not yet verified, or only the supplier's commitment. The basis
/// is part of the type, so a total can only add figures of the same basis.
public protocol ValueBasis: Sendable {
    /// "verified", as shown beside the figure.
    static var label: String { get }
}

/// From returns the buyer has verified.
public enum Verified: ValueBasis { public static let label = "verified" }
/// From returns submitted but not yet verified (claimed).
public enum Submitted: ValueBasis { public static let label = "submitted, not yet verified" }
/// From the commitment alone (committed, or expected to date from the delivery profile).
public enum Committed: ValueBasis { public static let label = "committed only" }

/// Pounds resting on one basis (unrounded; shown half-up to 2 dp). Adding a `Pounds<Verified>`
/// to a `Pounds<Committed>` does not compile.
public struct Pounds<Basis: ValueBasis>: Sendable, Equatable {
    public let amount: Decimal

    public init(_ amount: Decimal) { self.amount = amount }

    public static var zero: Pounds { Pounds(0) }

    public static func + (a: Pounds, b: Pounds) -> Pounds { Pounds(a.amount + b.amount) }

    public static func total(_ parts: [Pounds]) -> Pounds { parts.reduce(.zero, +) }

    public var basis: String { Basis.label }

    /// "£1,234.50 (verified)".
    public var labelled: String { "\(Money.display(DecimalText.format(amount))) (\(Basis.label))" }
}
