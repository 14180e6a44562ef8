import Foundation
import SocialValue
import Storage
import Vapor

/// JSON shapes of the API, separate from the storage models (DTOs). Described in openapi.json.
struct OrganisationJSON: Content {
    var id: UUID
    var name: String
    var kind: String
    var sector: String
    var isVCSE: Bool
    var isSME: Bool
    var charityNumber: String?
    var companyNumber: String?
    var addressLine1: String
    var addressLine2: String?
    var town: String
    var postcode: String
    var area: String

    init(_ o: OrganisationModel) throws {
        let d = o.details
        id = try o.requireID()
        name = d.name
        kind = d.kind.rawValue
        sector = d.sector.rawValue
        isVCSE = d.isVCSE
        isSME = d.isSME
        charityNumber = d.charityNumber
        companyNumber = d.companyNumber
        addressLine1 = d.addressLine1
        addressLine2 = d.addressLine2
        town = d.town
        postcode = d.postcode
        area = d.area
    }
}

struct MembershipJSON: Content {
    var id: UUID
    var organisationId: UUID
    var organisationName: String
    var role: String
}

struct UserJSON: Content {
    var id: UUID
    var email: String
    var displayName: String
    var isAdmin: Bool
    var isDisabled: Bool
    var roles: [String]
    var memberships: [MembershipJSON]
}
