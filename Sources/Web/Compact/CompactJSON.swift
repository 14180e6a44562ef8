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
}

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
