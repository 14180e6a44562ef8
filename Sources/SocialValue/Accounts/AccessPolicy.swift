import Foundation

/// Who is asking, as the access rules see them. Built by the storage layer from the user's
/// memberships and Compact group seats; the rules themselves are pure.
public struct Viewer: Sendable, Equatable {
    public struct Membership: Sendable, Equatable {
        public let organisationID: UUID
        public let role: MembershipRole

        public init(organisationID: UUID, role: MembershipRole) {
            self.organisationID = organisationID
            self.role = role
        }
    }

    public let userID: UUID
    public let isAdmin: Bool
    public let memberships: [Membership]
    /// Compacts on whose group the user sits.
    public let compactSeats: Set<UUID>

    public init(userID: UUID, isAdmin: Bool, memberships: [Membership], compactSeats: Set<UUID>) {
        self.userID = userID
        self.isAdmin = isAdmin
        self.memberships = memberships
        self.compactSeats = compactSeats
    }

    /// Every role the user holds, in a fixed order, for dashboards.
    public var roles: [Role] {
        var roles: [Role] = []
        if isAdmin { roles.append(.installationAdmin) }
        let held = Set(memberships.map(\.role))
        if held.contains(.commissioner) { roles.append(.commissioner) }
        if held.contains(.evaluator) { roles.append(.evaluator) }
        if held.contains(.viewer) { roles.append(.viewer) }
        if held.contains(.supplierMember) { roles.append(.supplierMember) }
        if !compactSeats.isEmpty { roles.append(.compactGroupMember) }
        return roles
    }

    public func holds(_ role: MembershipRole, at organisationID: UUID) -> Bool {
        memberships.contains { $0.organisationID == organisationID && $0.role == role }
    }

    public func belongs(to organisationID: UUID) -> Bool {
        memberships.contains { $0.organisationID == organisationID }
    }

    public var organisationIDs: [UUID] {
        var seen = Set<UUID>()
        return memberships.map(\.organisationID).filter { seen.insert($0).inserted }
    }

    // MARK: The rules

    /// Admins manage accounts, organisations and the audit trail.
    public var canAdminister: Bool { isAdmin }

    /// An organisation's details are kept by the admin, by its commissioners (public body) and
    /// by its supplier members (supplier). Evaluators and viewers only read.
    public func canEditOrganisation(_ id: UUID) -> Bool {
        isAdmin || holds(.commissioner, at: id) || holds(.supplierMember, at: id)
    }

    /// A Compact's register entry, settings, signatories, group and principles are kept by its
    /// group (either side) and by the admin.
    public func canManageCompact(_ id: UUID) -> Bool {
        isAdmin || compactSeats.contains(id)
    }

    /// The Act report of a Compact's public-body signatories together (docs/reports.md "Scopes"):
    /// its group, who review every year how the Compact is kept, and the admin.
    public func canReadCompactReport(_ id: UUID) -> Bool {
        isAdmin || compactSeats.contains(id)
    }

    /// Only the admin starts a new Compact register entry.
    public var canCreateCompact: Bool { isAdmin }

    // MARK: The menu

    /// Whether the user works at a public body (as a commissioner, evaluator or viewer).
    public var worksAtPublicBody: Bool { memberships.contains { $0.role.sector == .publicBody } }

    /// The procurements list is for people at public bodies and the administrator.
    public var canListProcurements: Bool { isAdmin || worksAtPublicBody }

    /// The contracts list is for anyone at an organisation (buyer or supplier) and the administrator.
    public var canListContracts: Bool { isAdmin || !memberships.isEmpty }

    /// Decommissioning cases are listed for people at public bodies and the administrator.
    public var canListDecommissioning: Bool { isAdmin || worksAtPublicBody }

    // MARK: Consultations

    /// Commissioners start consultations for the public bodies they work at.
    public var canCreateConsultation: Bool { memberships.contains { $0.role == .commissioner } }

    /// A consultation is written, published, summarised and its responses read by the
    /// commissioners of the body that owns it. Not the installation administrator: a body's
    /// consultations are its own.
    public func canManageConsultation(owner: UUID) -> Bool {
        holds(.commissioner, at: owner)
    }

    /// Published consultations are public. A draft is seen by everyone at the owning body
    /// (read-only unless they manage it), by the group of the Compact it is under, so the
    /// sector is involved from the earliest stage (principle 2.3), and by the administrator.
    public func canSeeConsultation(owner: UUID, compact: UUID, published: Bool) -> Bool {
        published || isAdmin || belongs(to: owner) || compactSeats.contains(compact)
    }

    /// An organisation's response to a consultation is written, and its draft read, by the
    /// organisation's supplier members (whether its audience may respond is a rule of the
    /// consultation, checked when the response is saved).
    public func canRespondToConsultation(for organisation: UUID) -> Bool {
        holds(.supplierMember, at: organisation)
    }

    /// How many responses have been sent: the managers see the count while the consultation is
    /// open; everyone sees it once it has closed.
    public func canCountConsultationResponses(owner: UUID, closed: Bool) -> Bool {
        closed || canManageConsultation(owner: owner)
    }
}

extension Optional where Wrapped == Viewer {
    /// The same rule for someone who may not be signed in: visitors see published ones only.
    public func canSeeConsultation(owner: UUID, compact: UUID, published: Bool) -> Bool {
        self?.canSeeConsultation(owner: owner, compact: compact, published: published) ?? published
    }

    /// The same rule for someone who may not be signed in: visitors see the count once it has closed.
    public func canCountConsultationResponses(owner: UUID, closed: Bool) -> Bool {
        self?.canCountConsultationResponses(owner: owner, closed: closed) ?? closed
    }
}

/// Who a framework belongs to: a local Compact (shared by every body that adopts it) or a
/// single organisation.
public enum FrameworkOwner: Sendable, Equatable, Hashable {
    case compact(UUID)
    case organisation(UUID)
}

extension Viewer {
    /// Owners edit: a Compact's group for a Compact's framework; a body's commissioners for its own.
    public func canEditFramework(_ owner: FrameworkOwner) -> Bool {
        switch owner {
        case .compact(let id): return isAdmin || compactSeats.contains(id)
        case .organisation(let id): return isAdmin || holds(.commissioner, at: id)
        }
    }

    /// Frameworks are started by Compact group members, commissioners and the administrator.
    public var canStartFramework: Bool {
        isAdmin || !compactSeats.isEmpty || memberships.contains { $0.role == .commissioner }
    }

    /// Only Compact group members comment on a draft: the group of the owning Compact, or of a
    /// Compact the owning body has signed (`compacts`).
    public func canCommentOnFramework(compacts: Set<UUID>) -> Bool {
        !compactSeats.isDisjoint(with: compacts)
    }

    /// Adopted and superseded versions are public; drafts and versions out for consultation
    /// (`open`) are for the owners and the Compact groups asked to comment (`compacts`).
    public func canSeeFrameworkVersion(owner: FrameworkOwner, compacts: Set<UUID>, open: Bool) -> Bool {
        !open || canEditFramework(owner) || canCommentOnFramework(compacts: compacts)
    }
}

extension Optional where Wrapped == Viewer {
    /// The same rule for someone who may not be signed in: visitors see adopted and superseded
    /// versions only.
    public func canSeeFrameworkVersion(owner: FrameworkOwner, compacts: Set<UUID>, open: Bool) -> Bool {
        self?.canSeeFrameworkVersion(owner: owner, compacts: compacts, open: open) ?? !open
    }
}

// MARK: Accounts

extension Viewer {
    /// Who the command line and the demo loader act as: the installation administrator, with no
    /// account of their own (whoever runs them already holds the database).
    public static let commandLine = Viewer(
        userID: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), isAdmin: true, memberships: [],
        compactSeats: [])

    /// A person's account (their details and memberships) is read by them and by the admin.
    public func canSeeAccount(_ userID: UUID) -> Bool { isAdmin || self.userID == userID }
}
