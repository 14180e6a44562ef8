import Foundation

/// Which side of a contract an organisation sits on.
public enum Sector: String, Codable, Sendable, CaseIterable {
    case publicBody = "public-body"
    case supplier
}

/// The kinds of organisation the product knows. Stored and exchanged by `rawValue`.
public enum OrganisationKind: String, Codable, Sendable, CaseIterable {
    // Public bodies
    case countyCouncil = "county-council"
    case districtCouncil = "district-council"
    case unitaryCouncil = "unitary-council"
    case boroughCouncil = "borough-council"
    case nhsBody = "nhs-body"
    case policeAndCrimeCommissioner = "police-and-crime-commissioner"
    case fireAndRescueAuthority = "fire-and-rescue-authority"
    case centralGovernmentDepartment = "central-government-department"
    case otherPublicBody = "other-public-body"
    // Suppliers
    case charity
    case charitableIncorporatedOrganisation = "charitable-incorporated-organisation"
    case communityInterestCompany = "community-interest-company"
    case socialEnterprise = "social-enterprise"
    case communityGroup = "community-group"
    case sme
    case largeBusiness = "large-business"

    public var sector: Sector {
        switch self {
        case .countyCouncil, .districtCouncil, .unitaryCouncil, .boroughCouncil, .nhsBody,
            .policeAndCrimeCommissioner, .fireAndRescueAuthority, .centralGovernmentDepartment,
            .otherPublicBody:
            return .publicBody
        default:
            return .supplier
        }
    }

    public var label: String {
        switch self {
        case .countyCouncil: return "County council"
        case .districtCouncil: return "District council"
        case .unitaryCouncil: return "Unitary council"
        case .boroughCouncil: return "Borough council"
        case .nhsBody: return "NHS body"
        case .policeAndCrimeCommissioner: return "Police and crime commissioner"
        case .fireAndRescueAuthority: return "Fire and rescue authority"
        case .centralGovernmentDepartment: return "Central government department"
        case .otherPublicBody: return "Other public body"
        case .charity: return "Charity"
        case .charitableIncorporatedOrganisation: return "Charitable incorporated organisation (CIO)"
        case .communityInterestCompany: return "Community interest company (CIC)"
        case .socialEnterprise: return "Social enterprise"
        case .communityGroup: return "Community group"
        case .sme: return "Small or medium-sized enterprise (SME)"
        case .largeBusiness: return "Large business"
        }
    }

    /// Voluntary, community and social enterprise kinds are VCSE whatever the flag says.
    public var isAlwaysVCSE: Bool {
        switch self {
        case .charity, .charitableIncorporatedOrganisation, .communityInterestCompany,
            .socialEnterprise, .communityGroup:
            return true
        default: return false
        }
    }

    /// A CIO is registered with a charity regulator; a CIC is a company.
    public var requiresCharityNumber: Bool { self == .charitableIncorporatedOrganisation }
    public var requiresCompanyNumber: Bool { self == .communityInterestCompany }
}

/// Registration number formats, checked by shape only (the registers are not reachable offline).
public enum RegisteredNumber {
    /// Charity Commission for England and Wales: 6 or 7 digits, optionally "-N" for a linked
    /// charity; OSCR (Scotland): "SC" and 6 digits; CCNI (Northern Ireland): "NIC" and 6 digits.
    public static func isValidCharityNumber(_ s: String) -> Bool {
        matches(s, #"^([0-9]{6,7}(-[0-9]{1,2})?|SC[0-9]{6}|NIC[0-9]{6})$"#)
    }

    /// Companies House: 8 digits, or a 2-letter register prefix (SC, NI, OC, SO, NC, R0, …)
    /// and 6 digits.
    public static func isValidCompanyNumber(_ s: String) -> Bool {
        matches(s, #"^([0-9]{8}|[A-Z]{2}[0-9]{6}|R0[0-9]{6})$"#)
    }

    /// A UK postcode in its usual shape, e.g. "WX1 2AB", "M1 1AE", "SW1A 1AA".
    public static func isValidPostcode(_ s: String) -> Bool {
        matches(s, #"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$"#)
    }

    /// Upper-cases and squeezes spaces so "sc 012345" is checked as "SC012345".
    public static func normalise(_ s: String, keepSpace: Bool = false) -> String {
        let upper = s.uppercased().trimmingCharacters(in: .whitespaces)
        if keepSpace {
            return upper.split(separator: " ").joined(separator: " ")
        }
        return upper.replacingOccurrences(of: " ", with: "")
    }

    static func matches(_ s: String, _ pattern: String) -> Bool {
        s.range(of: pattern, options: .regularExpression) != nil
    }
}

/// What a person enters to create or change an organisation, before it is checked.
public struct OrganisationInput: Sendable, Codable, Equatable {
    public var name: String?
    public var kind: String?
    public var isVCSE: Bool?
    public var isSME: Bool?
    public var charityNumber: String?
    public var companyNumber: String?
    public var addressLine1: String?
    public var addressLine2: String?
    public var town: String?
    public var postcode: String?
    public var area: String?

    public init(
        name: String? = nil, kind: String? = nil, isVCSE: Bool? = nil, isSME: Bool? = nil,
        charityNumber: String? = nil, companyNumber: String? = nil, addressLine1: String? = nil,
        addressLine2: String? = nil, town: String? = nil, postcode: String? = nil, area: String? = nil
    ) {
        self.name = name
        self.kind = kind
        self.isVCSE = isVCSE
        self.isSME = isSME
        self.charityNumber = charityNumber
        self.companyNumber = companyNumber
        self.addressLine1 = addressLine1
        self.addressLine2 = addressLine2
        self.town = town
        self.postcode = postcode
        self.area = area
    }

    /// The input that gives `d` again: what the change form starts from.
    public init(_ d: OrganisationDetails) {
        self.init(
            name: d.name, kind: d.kind.rawValue, isVCSE: d.isVCSE, isSME: d.isSME, charityNumber: d.charityNumber,
            companyNumber: d.companyNumber, addressLine1: d.addressLine1, addressLine2: d.addressLine2, town: d.town,
            postcode: d.postcode, area: d.area)
    }

    /// `isVCSE` and `isSME` are yes/no: a JSON boolean, or a form's ticked checkbox (`yes`; see `FormValues.swift`).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        kind = try c.decodeIfPresent(String.self, forKey: .kind)
        isVCSE = try c.decodeYesNo(forKey: .isVCSE)
        isSME = try c.decodeYesNo(forKey: .isSME)
        charityNumber = try c.decodeIfPresent(String.self, forKey: .charityNumber)
        companyNumber = try c.decodeIfPresent(String.self, forKey: .companyNumber)
        addressLine1 = try c.decodeIfPresent(String.self, forKey: .addressLine1)
        addressLine2 = try c.decodeIfPresent(String.self, forKey: .addressLine2)
        town = try c.decodeIfPresent(String.self, forKey: .town)
        postcode = try c.decodeIfPresent(String.self, forKey: .postcode)
        area = try c.decodeIfPresent(String.self, forKey: .area)
    }
}

/// An organisation's details once every rule holds.
public struct OrganisationDetails: Sendable, Equatable, Codable {
    public var name: String
    public var kind: OrganisationKind
    public var isVCSE: Bool
    public var isSME: Bool
    public var charityNumber: String?
    public var companyNumber: String?
    public var addressLine1: String
    public var addressLine2: String?
    public var town: String
    public var postcode: String
    public var area: String

    public var sector: Sector { kind.sector }

    public init(
        name: String, kind: OrganisationKind, isVCSE: Bool, isSME: Bool, charityNumber: String?,
        companyNumber: String?, addressLine1: String, addressLine2: String?, town: String, postcode: String,
        area: String
    ) {
        self.name = name
        self.kind = kind
        self.isVCSE = isVCSE
        self.isSME = isSME
        self.charityNumber = charityNumber
        self.companyNumber = companyNumber
        self.addressLine1 = addressLine1
        self.addressLine2 = addressLine2
        self.town = town
        self.postcode = postcode
        self.area = area
    }

    /// Checks every field and returns all problems at once.
    ///
    /// Rules: public bodies are neither VCSE nor SME; VCSE kinds (charity, CIO, CIC, social
    /// enterprise, community group) are always VCSE; a large business is not an SME; a CIO needs
    /// a charity number and a CIC a company number; numbers and postcode must have the right shape.
    public static func validate(_ input: OrganisationInput) throws -> OrganisationDetails {
        var p = Problems()
        let name = p.text(input.name, field: "name", label: "the organisation’s name")
        var kind: OrganisationKind?
        if let raw = input.kind, !raw.isEmpty {
            kind = OrganisationKind(rawValue: raw)
            if kind == nil { p.add("kind", "Select a kind of organisation from the list") }
        } else {
            p.add("kind", "Select the kind of organisation")
        }
        let charity = input.charityNumber.map { RegisteredNumber.normalise($0) }.flatMap { $0.isEmpty ? nil : $0 }
        let company = input.companyNumber.map { RegisteredNumber.normalise($0) }.flatMap { $0.isEmpty ? nil : $0 }
        if let charity, !RegisteredNumber.isValidCharityNumber(charity) {
            p.add("charityNumber", "Enter a charity number like 1234567, SC012345 or NIC100002")
        }
        if let company, !RegisteredNumber.isValidCompanyNumber(company) {
            p.add("companyNumber", "Enter a company number of 8 characters, like 01234567 or SC123456")
        }
        var isVCSE = input.isVCSE ?? false
        var isSME = input.isSME ?? false
        if let kind {
            if kind.sector == .publicBody {
                if isVCSE { p.add("isVCSE", "A public body cannot be a VCSE organisation") }
                if isSME { p.add("isSME", "A public body cannot be an SME") }
            }
            if kind.isAlwaysVCSE { isVCSE = true }
            if kind == .sme { isSME = true }
            if kind == .largeBusiness && isSME { p.add("isSME", "A large business cannot also be an SME") }
            if kind.requiresCharityNumber && charity == nil {
                p.add("charityNumber", "Enter the charity number: a \(kind.label) is a registered charity")
            }
            if kind.requiresCompanyNumber && company == nil {
                p.add("companyNumber", "Enter the company number: a \(kind.label) is registered at Companies House")
            }
            if kind.sector == .publicBody && charity != nil {
                p.add("charityNumber", "A public body does not have a charity number")
            }
        }
        let line1 = p.text(input.addressLine1, field: "addressLine1", label: "the first line of the address")
        let line2 = p.text(
            input.addressLine2, field: "addressLine2", label: "the second line of the address", required: false)
        let town = p.text(input.town, field: "town", label: "the town or city", max: 100)
        var postcode: String?
        if let raw = p.text(input.postcode, field: "postcode", label: "the postcode", max: 10) {
            let normal = RegisteredNumber.normalise(raw, keepSpace: true)
            if RegisteredNumber.isValidPostcode(normal) {
                postcode = normal
            } else {
                p.add("postcode", "Enter a real postcode, like WX1 2AB")
            }
        }
        let area = p.text(input.area, field: "area", label: "the area the organisation serves", max: 100)
        try p.throwIfAny()
        return OrganisationDetails(
            name: name!, kind: kind!, isVCSE: isVCSE, isSME: isSME, charityNumber: charity,
            companyNumber: company, addressLine1: line1!, addressLine2: line2, town: town!,
            postcode: postcode!, area: area!)
    }
}
