import Fluent
import Foundation
import SocialValue

public final class OrganisationModel: Model, @unchecked Sendable {
    public static let schema = "organisations"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    /// Decoding a row fails on a kind the product does not know (issue 12: no silent default).
    @Field(key: "kind") public var organisationKind: OrganisationKind
    @Field(key: "is_vcse") public var isVCSE: Bool
    @Field(key: "is_sme") public var isSME: Bool
    @OptionalField(key: "charity_number") public var charityNumber: String?
    @OptionalField(key: "company_number") public var companyNumber: String?
    @Field(key: "address_line1") public var addressLine1: String
    @OptionalField(key: "address_line2") public var addressLine2: String?
    @Field(key: "town") public var town: String
    @Field(key: "postcode") public var postcode: String
    @Field(key: "area") public var area: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public var details: OrganisationDetails {
        OrganisationDetails(
            name: name, kind: organisationKind, isVCSE: isVCSE, isSME: isSME,
            charityNumber: charityNumber, companyNumber: companyNumber, addressLine1: addressLine1,
            addressLine2: addressLine2, town: town, postcode: postcode, area: area)
    }

    public var kind: String { organisationKind.rawValue }

    func apply(_ d: OrganisationDetails) {
        name = d.name
        organisationKind = d.kind
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

    /// The fields the audit trail records, as text.
    var auditFields: [String: String?] {
        [
            "name": name, "kind": kind, "isVCSE": String(isVCSE), "isSME": String(isSME),
            "charityNumber": charityNumber, "companyNumber": companyNumber, "addressLine1": addressLine1,
            "addressLine2": addressLine2, "town": town, "postcode": postcode, "area": area,
        ]
    }
}
