import Foundation

/// The rows of the access table: who is asking, relative to the record an operation concerns.
/// "Own" means the organisation on the asker's side of the record: the buying body for the
/// public-body roles (commissioner, evaluator, viewer), the bidding or providing organisation
/// for supplier members, and the record's Compact for Compact group members.
public enum AccessRole: Hashable, Sendable, CustomStringConvertible {
    case anonymous
    case member(MembershipRole, ownOrganisation: Bool)
    case compactGroup(ownCompact: Bool)
    case administrator

    /// Every row: anonymous, each role at the owning organisation and at another, the administrator.
    public static let all: [AccessRole] =
        [.anonymous]
        + MembershipRole.allCases.flatMap { [.member($0, ownOrganisation: true), .member($0, ownOrganisation: false)] }
        + [.compactGroup(ownCompact: true), .compactGroup(ownCompact: false), .administrator]

    public var description: String {
        switch self {
        case .anonymous: return "anonymous"
        case .member(let role, let own): return "\(role.rawValue) at \(own ? "the owning" : "another") organisation"
        case .compactGroup(let own): return "Compact group member of \(own ? "the record’s" : "another") Compact"
        case .administrator: return "administrator"
        }
    }
}

/// What the policy answers for one operation and one asker: allowed; forbidden (403); or not
/// found (404), where the record is hidden from the asker.
public enum AccessOutcome: Sendable, Equatable {
    case allowed
    case forbidden
    case notFound
}

/// The record an operation concerns, as the rules see it.
public struct AccessSubject: Sendable, Equatable {
    /// The public body that owns or buys.
    public let buyer: UUID
    /// The supplier that bids or provides.
    public let supplier: UUID
    public let compact: UUID

    public init(buyer: UUID, supplier: UUID, compact: UUID) {
        self.buyer = buyer
        self.supplier = supplier
        self.compact = compact
    }
}

/// One feature's protected store operations (those that read protected data or write), each
/// with the rule of the access policy that decides it: the feature's rows of the access table.
/// Each feature declares its own (`TenderOperation`, `ProcurementOperation`, …) beside its rules,
/// and `Tests/StorageTests/<Feature>/…AccessTableTests` calls every one on the real store for
/// every `AccessRole` through an exhaustive `switch`, so an operation added without a test does
/// not compile, and a store that stops checking fails.
public protocol ProtectedOperations: CaseIterable, Sendable, RawRepresentable where RawValue == String {
    /// The store that performs the operation.
    var store: String { get }
    /// The policy's answer for `viewer` (nil: not signed in) on `subject`.
    func outcome(for viewer: Viewer?, on subject: AccessSubject) -> AccessOutcome
}

extension ProtectedOperations {
    /// `allowed` when the rule allows, else `otherwise` (forbidden, or not found for a record the
    /// asker may not know exists).
    public func decide(_ allowed: Bool, otherwise: AccessOutcome = .forbidden) -> AccessOutcome {
        allowed ? .allowed : otherwise
    }
}
