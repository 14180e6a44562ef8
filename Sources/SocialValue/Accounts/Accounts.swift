import Foundation

/// What a user may do at an organisation. The installation administrator is a flag on the
/// user, and Compact group membership is a seat on a Compact's group: neither is a role here.
public enum MembershipRole: String, Codable, Sendable, CaseIterable {
    case commissioner
    case evaluator
    case viewer
    case supplierMember = "supplier-member"

    public var label: String {
        switch self {
        case .commissioner: return "Commissioner"
        case .evaluator: return "Evaluator"
        case .viewer: return "Viewer"
        case .supplierMember: return "Supplier member"
        }
    }

    /// Commissioners, evaluators and viewers work at public bodies; supplier members at suppliers.
    public var sector: Sector {
        self == .supplierMember ? .supplier : .publicBody
    }

    public static func check(_ role: MembershipRole, at kind: OrganisationKind) throws {
        guard role.sector == kind.sector else {
            throw ValidationFailure(
                "role",
                role.sector == .publicBody
                    ? "\(role == .evaluator ? "An" : "A") \(role.label.lowercased()) must belong to a public body"
                    : "A supplier member must belong to a supplier organisation")
        }
    }
}

/// Every role the product recognises, for dashboards and documentation.
public enum Role: String, Codable, Sendable, CaseIterable {
    case installationAdmin = "installation-admin"
    case commissioner
    case evaluator
    case viewer
    case supplierMember = "supplier-member"
    case compactGroupMember = "compact-group-member"

    public var label: String {
        switch self {
        case .installationAdmin: return "Installation administrator"
        case .compactGroupMember: return "Compact group member"
        case .commissioner: return "Commissioner"
        case .evaluator: return "Evaluator"
        case .viewer: return "Viewer"
        case .supplierMember: return "Supplier member"
        }
    }
}

public enum EmailAddress {
    /// Lower-cases and trims; checks the shape "something@domain.tld", at most 254 characters.
    public static func normalise(_ raw: String?, field: String = "email") throws -> String {
        let s = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if s.isEmpty { throw ValidationFailure(field, "Enter an email address") }
        guard s.count <= 254,
            s.range(of: #"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$"#, options: .regularExpression) != nil
        else {
            throw ValidationFailure(field, "Enter an email address in the correct format, like name@example.org")
        }
        return s
    }
}

/// Password rules: at least 12 characters (the brief's minimum, after NCSC's advice to favour
/// length), at most 72 bytes (bcrypt reads no further), and not just one character repeated.
public enum PasswordPolicy {
    public static let minimumLength = 12
    public static let maximumBytes = 72

    public static func check(_ password: String?, field: String = "password") throws -> String {
        let p = password ?? ""
        if p.isEmpty { throw ValidationFailure(field, "Enter a password") }
        if p.count < minimumLength {
            throw ValidationFailure(field, "Password must be \(minimumLength) characters or more")
        }
        if p.utf8.count > maximumBytes {
            throw ValidationFailure(field, "Password must be \(maximumBytes) bytes or fewer")
        }
        if Set(p).count == 1 {
            throw ValidationFailure(field, "Password must not be one character repeated")
        }
        return p
    }
}

/// Sign-in throttling: after `maxFailures` wrong passwords in a row an account is locked for
/// `lockout`; a correct password after the lock ends resets the count.
public struct SignInLockout: Sendable, Equatable {
    public static let maxFailures = 5
    public static let lockout: TimeInterval = 15 * 60

    /// The account state after one more failed attempt at `now`.
    public static func afterFailure(failures: Int, now: Date) -> (failures: Int, lockedUntil: Date?) {
        let count = failures + 1
        if count >= maxFailures {
            return (0, now.addingTimeInterval(lockout))
        }
        return (count, nil)
    }

    public static func isLocked(lockedUntil: Date?, now: Date) -> Bool {
        guard let lockedUntil else { return false }
        return now < lockedUntil
    }
}

/// A new account, as the administrator's form and the API send it. `isAdmin` is yes/no (a
/// ticked checkbox sends `yes`; absent is no).
public struct NewUserInput: Codable, Sendable, Equatable {
    public var email: String?
    public var displayName: String?
    public var password: String?
    public var isAdmin: Bool?

    public init(email: String? = nil, displayName: String? = nil, password: String? = nil, isAdmin: Bool = false) {
        self.email = email
        self.displayName = displayName
        self.password = password
        self.isAdmin = isAdmin
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        email = try c.decodeIfPresent(String.self, forKey: .email)
        displayName = try c.decodeIfPresent(String.self, forKey: .displayName)
        password = try c.decodeIfPresent(String.self, forKey: .password)
        isAdmin = try c.decodeYesNo(forKey: .isAdmin)
    }
}

/// A role at an organisation, as the administrator's form and the API send it.
public struct MembershipInput: Codable, Sendable, Equatable {
    public var organisationId: UUID?
    public var role: String?

    public init(organisationId: UUID? = nil, role: String? = nil) {
        self.organisationId = organisationId
        self.role = role
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        organisationId = try c.decodeChosenID(forKey: .organisationId)
        role = try c.decodeIfPresent(String.self, forKey: .role)
    }
}

/// A person changing their own password.
public struct PasswordChangeInput: Codable, Sendable, Equatable {
    public var currentPassword: String?
    public var newPassword: String?

    public init(currentPassword: String? = nil, newPassword: String? = nil) {
        self.currentPassword = currentPassword
        self.newPassword = newPassword
    }
}

/// The administrator setting a person's password.
public struct PasswordResetInput: Codable, Sendable, Equatable {
    public var password: String?

    public init(password: String? = nil) { self.password = password }
}

/// A new API token: only its name is typed.
public struct APITokenInput: Codable, Sendable, Equatable {
    public var name: String?

    public init(name: String? = nil) { self.name = name }
}
