import Foundation
import Testing

@testable import SocialValue

/// The profile's view of a contract (docs/profiles.md): verified quantities always; £ values
/// only when the value set's licence permits publication.
@Suite struct ImpactProfileTests {
    /// The demo's befriending contract: SOC1 2,400 hours at £12.21 committed; 210 verified
    /// (£2,564.10); 300 more claimed in a submitted return, not verified.
    static let delivery = ContractProgress(
        commitments: [
            MonitoredCommitment(
                code: "SOC1", name: "Volunteering hours", unit: "hours", committed: 2400,
                proxy: Decimal(string: "12.21")!)
        ],
        returns: [
            .init(status: .verified, claimed: ["SOC1": 240], verified: ["SOC1": 210]),
            .init(status: .submitted, claimed: ["SOC1": 300], verified: [:]),
        ])

    static func contract(_ set: (name: String, licence: ProxyLicence)?) -> ProfileContract {
        ProfileContract(
            id: UUID(), title: "Befriending", buyerID: UUID(), buyer: "Eastmoor County Council",
            value: Money(pence: 248_000_00), awardedOn: "2026-05-01", startsOn: "2026-06-01", endsOn: "2028-05-31",
            delivery: delivery, valueSet: set)
    }

    @Test func anOpenLicenceShowsTheVerifiedValue() {
        let c = Self.contract(("Illustrative", ProxyLicence.implied(by: "Open Government Licence v3.0")))
        #expect(c.withheldReason == nil)
        #expect(c.lines.map(\.verified) == [210])
        #expect(c.lines.map(\.proxy) == [Decimal(string: "12.21")!])
        #expect(c.deliveredValue == Decimal(string: "2564.10")!)
    }

    @Test func aForbiddingLicenceKeepsTheQuantitiesAndDropsThePounds() {
        let c = Self.contract(("HACT values", ProxyLicence.implied(by: "CC BY-NC-ND 4.0")))
        #expect(c.withheldReason?.hasPrefix("The licence of the value set ‘HACT values’ (CC BY-NC-ND 4.0)") == true)
        #expect(c.lines.map(\.verified) == [210])
        #expect(c.lines.map(\.committed) == [2400])
        #expect(c.lines.allSatisfy { $0.proxy == nil && $0.deliveredValue == nil })
        #expect(c.deliveredValue == nil)
    }

    @Test func proxiesTheBuyerEnteredInTheTenderAreShown() {
        #expect(Self.contract(nil).deliveredValue == Decimal(string: "2564.10")!)
    }

    @Test func theTotalCountsOnlyPublishableContracts() {
        let details = OrganisationDetails(
            name: "Brackenford Foodbank", kind: .charity, isVCSE: false, isSME: true, charityNumber: "1234567",
            companyNumber: nil, addressLine1: "1 High Street", addressLine2: nil, town: "Brackenford",
            postcode: "BR1 1AA", area: "Eastmoor")
        let p = ImpactProfile(
            id: UUID(), details: details,
            contracts: [
                Self.contract(("Open", .implied(by: "OGL"))), Self.contract(("HACT", .implied(by: "CC BY-NC-ND 4.0"))),
            ], contractsAwarded: 0, embeddedValue: nil)
        #expect(p.verifiedValue == Decimal(string: "2564.10")!)
        #expect(p.contractsWithheld == 1)
        // A charity is VCSE whatever the flag says.
        #expect(p.isVCSE)
    }
}
