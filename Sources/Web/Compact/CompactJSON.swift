import Foundation
import SocialValue
import Storage
import Vapor

struct CompactSummaryJSON: Content {
    var id: UUID
    var name: String
    var area: String
    var version: String
    var adoptedOn: String
    var nextReviewOn: String
    var reviewDue: Bool

    init(_ c: CompactModel, today: CalendarDate) throws {
        id = try c.requireID()
        name = c.name
        area = c.area
        version = c.version
        adoptedOn = c.adoptedOn
        nextReviewOn = c.nextReviewOn
        reviewDue = c.details.isReviewDue(today: today)
    }
}

struct SignatoryJSON: Content {
    var id: UUID
    var organisationId: UUID
    var organisationName: String
    var signedOn: String
    /// The version of the text and principles it signed.
    var signedVersion: Int?
}

/// One version of a signed Compact's text and principles: 1 as first signed, then each amendment.
struct CompactVersionJSON: Content {
    var version: Int
    var text: String
    var principles: [CompactPrinciple]
    /// The Compact's own version label at the time.
    var label: String
    var reason: String?
    var author: String
    var at: String

    init(_ v: CompactVersionModel) {
        (version, text, principles, label, reason, author) = (
            v.version, v.text, v.principles, v.label, v.reason, v.author
        )
        at = UKTime.isoUTC(v.at)
    }
}

extension CompactPrinciple: Content {}

struct SeatJSON: Content {
    var id: UUID
    var userId: UUID
    var displayName: String
    var organisationId: UUID
    var organisationName: String
    var position: String
}

struct PrincipleJSON: Content {
    var id: UUID
    var code: String
    var title: String
    var text: String
    var productRule: String
}

struct CompactJSON: Content {
    var id: UUID
    var name: String
    var area: String
    var text: String
    var version: String
    var adoptedOn: String
    var nextReviewOn: String
    var reviewDue: Bool
    var settings: CompactSettingsInput
    var signatories: [SignatoryJSON]
    var group: [SeatJSON]
    var principles: [PrincipleJSON]
    /// The version of the text and principles in force (nil until an organisation signs), and every version.
    var contentVersion: Int?
    var versions: [CompactVersionJSON]
}

struct ReviewJSON: Content {
    var id: UUID
    var reviewedOn: String
    var versionBefore: String
    var versionAfter: String
    var summary: String
    var nextReviewOn: String
    var recordedBy: String
}

extension CompactSettingsInput: Content {}
