import Testing

@testable import SocialValue

@Suite struct OrganisationTests {
    func valid(_ kind: OrganisationKind = .charity) -> OrganisationInput {
        OrganisationInput(
            name: "Brackenford Foodbank", kind: kind.rawValue, charityNumber: "1190234", companyNumber: nil,
            addressLine1: "Unit 3, Station Yard", town: "Brackenford", postcode: "em4 5fb", area: "Eastmoor")
    }

    @Test func acceptsAndNormalises() throws {
        let d = try OrganisationDetails.validate(valid())
        #expect(d.postcode == "EM4 5FB")
        #expect(d.isVCSE)  // a charity is always VCSE
        #expect(d.sector == .supplier)
    }

    @Test func reportsEveryMissingFieldAtOnce() {
        let error = #expect(throws: ValidationFailure.self) { try OrganisationDetails.validate(OrganisationInput()) }
        #expect(Set(error?.errors.map(\.field) ?? []) == ["name", "kind", "addressLine1", "town", "postcode", "area"])
        #expect(error?.message(for: "kind") == "Select the kind of organisation")
    }

    @Test(arguments: ["1234567", "123456", "1123456-1", "SC012345", "NIC100002"])
    func acceptsCharityNumbers(number: String) {
        #expect(RegisteredNumber.isValidCharityNumber(number))
    }

    @Test(arguments: ["12345", "12345678", "SC12345", "AB123456", "1123456-123"])
    func rejectsCharityNumbers(number: String) {
        #expect(!RegisteredNumber.isValidCharityNumber(number))
    }

    @Test(arguments: ["01234567", "SC123456", "OC301234", "R0123456"])
    func acceptsCompanyNumbers(number: String) {
        #expect(RegisteredNumber.isValidCompanyNumber(number))
    }

    @Test(arguments: ["1234567", "SC12345", "123456789", "S1234567"])
    func rejectsCompanyNumbers(number: String) {
        #expect(!RegisteredNumber.isValidCompanyNumber(number))
    }

    @Test func publicBodiesAreNeitherVCSENorSME() {
        var input = valid(.countyCouncil)
        input.charityNumber = nil
        input.isVCSE = true
        input.isSME = true
        let error = #expect(throws: ValidationFailure.self) { try OrganisationDetails.validate(input) }
        #expect(error?.message(for: "isVCSE") == "A public body cannot be a VCSE organisation")
        #expect(error?.message(for: "isSME") == "A public body cannot be an SME")
    }

    @Test func aCIONeedsACharityNumberAndACICACompanyNumber() {
        var cio = valid(.charitableIncorporatedOrganisation)
        cio.charityNumber = ""
        #expect(throws: ValidationFailure.self) { try OrganisationDetails.validate(cio) }
        var cic = valid(.communityInterestCompany)
        cic.charityNumber = nil
        let error = #expect(throws: ValidationFailure.self) { try OrganisationDetails.validate(cic) }
        #expect(error?.errors.map(\.field) == ["companyNumber"])
    }

    @Test func aLargeBusinessIsNotAnSME() {
        var input = valid(.largeBusiness)
        input.charityNumber = nil
        input.isSME = true
        #expect(throws: ValidationFailure("isSME", "A large business cannot also be an SME")) {
            try OrganisationDetails.validate(input)
        }
    }

    @Test func badPostcodeAndUnknownKindAreNamed() {
        var input = valid()
        input.postcode = "NOT A PC"
        input.kind = "parish-council"
        let error = #expect(throws: ValidationFailure.self) { try OrganisationDetails.validate(input) }
        #expect(error?.message(for: "postcode") == "Enter a real postcode, like WX1 2AB")
        #expect(error?.message(for: "kind") == "Select a kind of organisation from the list")
    }

    @Test func overlongNameIsRejected() {
        var input = valid()
        input.name = String(repeating: "x", count: 201)
        let error = #expect(throws: ValidationFailure.self) { try OrganisationDetails.validate(input) }
        #expect(error?.errors.map(\.field) == ["name"])
    }
}
