import Foundation

/// Everything held about one person, for a subject access request (docs/data-protection.md,
/// "Subject access"). Nothing in it is about anyone else: audit events name only their own
/// actions, and other people who changed their account appear as "another user".
public struct SubjectAccessExport: Codable, Sendable {
    public struct Account: Codable, Sendable {
        public var id: UUID
        public var email: String
        public var displayName: String
        public var isAdministrator: Bool
        public var isDisabled: Bool
        public var failedSignIns: Int
        public var lockedUntil: Date?
        public var createdAt: Date?
    }

    public struct Membership: Codable, Sendable {
        public var organisation: String
        public var role: String
    }

    public struct CompactSeat: Codable, Sendable {
        public var compact: String
        public var organisation: String
        public var position: String
    }

    public struct Session: Codable, Sendable {
        public var createdAt: Date
        public var expiresAt: Date
    }

    public struct APIToken: Codable, Sendable {
        public var name: String
        public var prefix: String
        public var createdAt: Date?
        public var lastUsedAt: Date?
        public var revokedAt: Date?
    }

    public struct Notification: Codable, Sendable {
        public var kind: String
        public var text: String
        public var link: String
        public var createdAt: Date
        public var readAt: Date?
    }

    public struct Answer: Codable, Sendable {
        public var question: String
        public var value: String
    }

    public struct ConsultationResponse: Codable, Sendable {
        public var consultation: String
        public var respondentName: String
        public var respondentEmail: String
        /// The organisation it speaks for; nil when the person responded as themselves.
        public var organisation: String?
        public var status: String
        public var createdAt: Date?
        public var submittedAt: Date?
        public var answers: [Answer]
    }

    public struct ClarificationQuestion: Codable, Sendable {
        public var tender: UUID
        public var question: String
        public var askedAt: Date
        public var answer: String?
    }

    public struct AuditEvent: Codable, Sendable {
        public var sequence: Int
        public var occurredAt: String
        /// "you", "another user" or the system's label ("command line", "demo loader").
        public var by: String
        public var action: String
        public var recordType: String
        public var recordID: String
        /// Only for events about the person's own account; omitted for events they authored
        /// about other records, whose changes may concern other people.
        public var changes: String?
    }

    public var generatedAt: Date
    public var account: Account
    public var memberships: [Membership]
    public var compactSeats: [CompactSeat]
    public var sessions: [Session]
    public var apiTokens: [APIToken]
    public var notifications: [Notification]
    public var consultationResponses: [ConsultationResponse]
    public var clarificationQuestions: [ClarificationQuestion]
    /// Events the person made, and events about their account.
    public var auditEvents: [AuditEvent]

    /// Pretty-printed JSON with sorted keys and ISO 8601 dates.
    public func json() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        return try e.encode(self)
    }
}
