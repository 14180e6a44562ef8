import Foundation
import Testing

@testable import OCDS

/// `OCDSImportMapping` and `OCDSImportFindings` (docs/ocds.md, "commonweal import ocds"). Golden values
/// are read off the fixtures by hand (OCP's fictional example) or written in the test.
@Suite struct OCDSImportMappingTests {
    static func fixture(_ name: String) throws -> JSONValue {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil))
        return try JSONParser.parse(try Data(contentsOf: url))
    }

    @Test func theFictionalExampleMapsToItsBuyerSupplierTenderAwardAndContract() throws {
        let package = try Self.fixture("fictional-record-package.json")
        let compiled = try #require(package["records"]?.array?.first?["compiledRelease"])
        let p = try OCDSImportMapping.procurement(from: compiled)
        #expect(p.ocid == "ocds-213czf-000-00001")
        #expect(p.date == "2011-01-10T09:30:00Z")
        #expect(p.title == "Planned cycle lane improvements")
        #expect(p.status == "complete")
        #expect(p.value == ImportedAmount(text: "1100000", amount: Decimal(1_100_000), currency: "GBP"))
        #expect(p.tender.id == "ocds-213czf-000-00001-01-tender")
        #expect(p.tender.awardCriteria == "bestProposal")
        #expect(p.tender.procurementMethod == "open")
        #expect(p.tender.tenderEnds == "2010-04-08T18:00:00Z")
        #expect(p.startDate == "2010-07-01T00:00:00Z")
        #expect(p.endDate == "2011-06-30T23:59:00Z")
        let buyer = try #require(p.buyer)
        #expect(buyer.name == "London Borough of Barnet")
        #expect(buyer.identifier == ImportedIdentifier(scheme: "GB-LAC", id: "E09000003"))
        #expect(buyer.postalCode == "N11 1NP")
        #expect(buyer.locality == "London")
        #expect(p.suppliers.map(\.name) == ["AnyCorp Cycle Provision"])
        #expect(p.suppliers.first?.identifier == ImportedIdentifier(scheme: "GB-COH", id: "11111111.0"))
        #expect(p.parties.count == 3)
        #expect(p.awards.count == 1)
        let award = try #require(p.awards.first)
        #expect(award.id == "ocds-213czf-000-00001-award-01")
        #expect(award.value?.text == "11000000")
        #expect(award.date == "2010-05-10T10:30:00Z")
        #expect(award.supplierRefs == ["GB-COH-11111111"])
        let contract = try #require(p.contracts.first)
        #expect(contract.awardID == award.id)
        #expect(contract.dateSigned == "2010-06-10T14:23:12Z")
        #expect(contract.startDate == "2010-07-01T00:00:00Z")
        #expect(contract.status == "active")
    }

    /// A hand-written compiled release with the UK extension, lots, award criteria and exact amounts.
    static let ukRelease: JSONValue = try! JSONParser.parse(
        #"""
        {"ocid": "ocds-test-1", "id": "ocds-test-1-2025", "date": "2025-03-01T00:00:00Z",
         "buyer": {"id": "B", "name": "Eastmoor County Council"},
         "parties": [
           {"id": "B", "name": "Eastmoor County Council", "identifier": {"scheme": "GB-LAE", "id": "EAS"}, "roles": ["buyer"]},
           {"id": "S1", "name": "Kestrel\u0007 Facilities Ltd", "details": {"scale": "sme", "vcse": false}, "roles": ["supplier"]},
           {"id": "S2", "name": "Harbour Trust", "identifier": {"scheme": "GB-CHC", "id": "1234567"},
            "details": {"scale": "large", "vcse": true}, "roles": ["supplier"]},
           {"id": "T", "name": "Tenderer only", "roles": ["tenderer"]}
         ],
         "tender": {"id": "T-1", "title": "  Grounds maintenance ", "status": "complete",
           "value": {"amount": 120000.10, "currency": "GBP"}, "awardCriteria": "ratedCriteria",
           "lots": [
             {"id": "1", "title": "North", "awardCriteria": {"criteria": [
               {"type": "price", "name": "Price", "numbers": [{"number": 60}]},
               {"type": "quality", "name": "Social value", "numbers": [{"number": 10.5}]}]}},
             {"id": "2", "title": "South"}]},
         "awards": [
           {"id": "A1", "status": "active", "value": {"amount": 1e3, "currency": "GBP"},
            "suppliers": [{"id": "S1", "name": "Kestrel Facilities Ltd"}], "relatedLots": ["1"]},
           {"id": "A2", "suppliers": [{"id": "S2"}, {"id": "S1"}], "relatedLots": ["2"]},
           {"status": "no id: left out"}],
         "contracts": [{"id": "C1", "awardID": "A2", "value": {"amount": -0, "currency": "GBP"}}]}
        """#)

    @Test func partiesLotsCriteriaAndAmountsAreMappedExactly() throws {
        let p = try OCDSImportMapping.procurement(from: Self.ukRelease)
        #expect(p.title == "Grounds maintenance")
        #expect(p.value?.text == "120000.10")
        #expect(p.value?.amount == Decimal(string: "120000.1"))
        #expect(p.awards.map(\.id) == ["A1", "A2"])
        #expect(p.awards[0].value?.text == "1e3")
        #expect(p.awards[0].value?.amount == Decimal(1000))
        #expect(p.awards[1].supplierRefs == ["S2", "S1"])
        #expect(p.contracts.first?.value?.text == "-0")
        #expect(p.buyer?.identifier == ImportedIdentifier(scheme: "GB-LAE", id: "EAS"))
        let s1 = try #require(p.parties.first { $0.ref == "S1" })
        #expect(s1.name == "Kestrel Facilities Ltd")  // the BEL control character is dropped
        #expect(s1.isSME == true && s1.isVCSE == false && s1.identifier == nil)
        let s2 = try #require(p.parties.first { $0.ref == "S2" })
        #expect(s2.isSME == false && s2.isVCSE == true)
        #expect(p.suppliers.map(\.ref) == ["S1", "S2"])
        #expect(p.tender.awardCriteria == "ratedCriteria")
        #expect(p.tender.lots.map(\.id) == ["1", "2"])
        #expect(
            p.tender.lots[0].criteria == [
                ImportedCriterion(name: "Price", type: "price", weight: "60"),
                ImportedCriterion(name: "Social value", type: "quality", weight: "10.5"),
            ])
        #expect(p.tender.lots[1].criteria.isEmpty)
    }

    @Test func aReleaseWithoutOcidIsAShapeError() {
        #expect(throws: OCDSShapeError.self) { try OCDSImportMapping.procurement(from: ["not", "an object"]) }
        #expect(throws: OCDSShapeError.self) {
            try OCDSImportMapping.procurement(from: .object([JSONMember("id", "x")]))
        }
    }

    @Test(arguments: [
        ("Kestrel Facilities Limited", "kestrel facilities ltd"),
        ("KESTREL  FACILITIES LTD.", "kestrel facilities ltd"),
        ("The Harbour Trust", "harbour trust"),
        ("Café Nation Public Limited Company", "cafe nation plc"),
        ("St. Mary’s (Eastmoor) C.I.C.", "st marys eastmoor cic"),
        ("The", "the"),
    ])
    func namesAreNormalisedForMatching(_ name: String, _ expected: String) {
        #expect(OCDSImportMapping.normalisedName(name) == expected)
    }

    @Test func theKnownUKQualityProblemsAreFound() throws {
        var findings = OCDSImportFindings()
        // One release whose lots' awards share an id (Contracts Finder publishes one award per lot, one id).
        let release: JSONValue = try JSONParser.parse(
            #"{"awards": [{"id": "X", "relatedLots": ["1"]}, {"id": "X", "relatedLots": ["2"]}, {"id": "Y"}],"#
                + #" "contracts": [{"id": "K"}, {"id": "K"}, {"id": "K"}]}"#)
        findings.check(release: release, ocid: "ocds-a")
        let first = try OCDSImportMapping.procurement(from: Self.ukRelease)
        findings.check(first)
        // The same process (buyer and tender id) republished under a second ocid, with its title changed.
        var second = first
        second.ocid = "ocds-test-0"
        second.tender.title = "Grounds maintenance (republished)"
        findings.check(second)
        // Same buyer and title, another tender id: found by the title.
        var third = first
        third.ocid = "ocds-test-9"
        third.tender.id = "T-9"
        findings.check(third)
        #expect(
            findings.all.map(\.description) == [
                "ocds-a: 2 awards share the id X in one release",
                "ocds-a: 3 contracts share the id K in one release",
                "ocds-test-1: party without identifier: Kestrel Facilities Ltd",
                "ocds-test-1: party without identifier: Tenderer only",
                "ocds-test-0: party without identifier: Kestrel Facilities Ltd",
                "ocds-test-0: party without identifier: Tenderer only",
                "ocds-test-9: party without identifier: Kestrel Facilities Ltd",
                "ocds-test-9: party without identifier: Tenderer only",
                "one process under 2 ocids (buyer Eastmoor County Council, tender id T-1): ocds-test-0, ocds-test-1",
                "one process under 2 ocids (buyer Eastmoor County Council, tender “Grounds maintenance”): ocds-test-1, ocds-test-9",
            ])
    }
}
