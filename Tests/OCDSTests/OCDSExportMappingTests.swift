import Foundation
import Testing

@testable import OCDS

/// The export mapping on a worked procurement (docs/ocds.md, "Export"): a pipeline notice, a market
/// engagement event, a published tender, one contract with two commitments and two verified returns,
/// ended by a decommissioning decision. Expected values are written by hand from the mapping table.
@Suite struct OCDSExportMappingTests {
    static let buyer = OCDSExportInput.Party(
        id: "b0000000-0000-0000-0000-000000000001", name: "Eastmoor County Council", isSME: false, isVCSE: false,
        isPublicBody: true, town: "Eastmoor")
    static let supplier = OCDSExportInput.Party(
        id: "50000000-0000-0000-0000-000000000002", name: "Moorside Community Trust", charityNumber: "1234567",
        isSME: true, isVCSE: true, isPublicBody: false, town: "Northby")

    static let contract = OCDSExportInput.Contract(
        id: "c1", title: "Befriending service", supplier: supplier, valuePence: 12_345_607, awardedOn: "2026-05-01",
        standstillEndsOn: "2026-05-11", startsOn: "2026-06-01", endsOn: "2027-05-31",
        createdAt: "2026-05-01T10:00:00Z",
        commitments: [
            .init(measureCode: "NT1", name: "Local people employed", unit: "people", quantity: "3"),
            .init(measureCode: "NT29", name: "Volunteering hours", unit: "hours", quantity: "120.5"),
        ],
        deliveries: [
            .init(
                id: "r1", periodNumber: 1, periodStartsOn: "2026-06-01", periodEndsOn: "2026-08-31",
                verifiedAt: "2026-09-20T14:00:00Z", verified: [("NT1", "1"), ("NT29", "40")]),
            .init(
                id: "r2", periodNumber: 2, periodStartsOn: "2026-09-01", periodEndsOn: "2026-11-30",
                verifiedAt: "2026-12-15T09:00:00Z", verified: [("NT1", "2")]),
        ],
        termination: .init(id: "d1", decidedAt: "2027-01-10T12:00:00Z", rationale: "Funding ended."))

    static let procurement = OCDSExportInput.Procurement(
        id: "p1", title: "Befriending for older people", description: "Weekly visits.", category: "services",
        buyer: buyer, pipelinePublishedOn: "2026-01-15",
        engagementEvents: [
            .init(id: "e1", title: "Supplier day", heldOn: "2026-02-10", createdAt: "2026-01-20T09:00:00Z")
        ],
        socialValue: .init(
            screeningResult: "actApplies", actApplies: true, considerationRequired: true, wellbeing: "Less isolation.",
            securing: "Weighted at 25%.", consult: true, consultReason: "Residents use it daily.",
            signedOn: "2026-01-10",
            bandFromPence: 10_000_000, bandMinimumPercent: 10, bandMaximumPercent: 20, weightingPercent: 25,
            outsideBandReason: "Isolation is the council's first priority."),
        tender: .init(
            id: "t1", publishedAt: "2026-03-01T09:30:00Z", deadlineAt: "2026-04-01T12:00:00Z", priceWeight: 40,
            qualityWeight: 35, socialValueWeight: 25,
            qualityCriteria: [.init(name: "Delivery plan", weight: 60), .init(name: "Staffing", weight: 40)]),
        contracts: [contract])

    let mapping = OCDSExportMapping(ocidPrefix: "ocds-test01")

    @Test func releasesAsTheyOccurredWithTheirNotices() throws {
        let releases = mapping.releases(Self.procurement)
        #expect(
            releases.map { $0["id"]?.string ?? "" } == [
                "ocds-test01-p1-planning", "ocds-test01-p1-engagement-e1", "ocds-test01-p1-tender",
                "ocds-test01-p1-award-c1", "ocds-test01-p1-contract-c1", "ocds-test01-p1-implementation-r1",
                "ocds-test01-p1-implementation-r2", "ocds-test01-p1-termination-d1",
            ])
        #expect(
            releases.map { $0["tag"]?.array?.first?.string ?? "" } == [
                "planning", "planningUpdate", "tender", "award", "contract", "implementation", "implementation",
                "contractTermination",
            ])
        #expect(releases.allSatisfy { $0["ocid"]?.string == "ocds-test01-p1" })
        // A contract typed in after its first return was verified still comes before it.
        var late = Self.procurement
        late.contracts[0].createdAt = "2026-12-31T10:00:00Z"
        #expect(
            mapping.releases(late).map { $0["tag"]?.array?.first?.string ?? "" }[3...5] == [
                "award", "contract", "implementation",
            ])
        let dates = releases.map { $0["date"]?.string ?? "" }
        #expect(dates.first == "2026-01-15T00:00:00Z")
        #expect(dates == dates.sorted())
        func notice(_ r: JSONValue) -> String? {
            for section in ["planning", "tender"] {
                if let d = r[section]?["documents"]?.array?.first { return d["noticeType"]?.string }
            }
            for list in ["awards", "contracts"] {
                if let d = r[list]?.array?.first?["documents"]?.array?.first { return d["noticeType"]?.string }
            }
            return nil
        }
        #expect(releases.map(notice) == ["UK1", "UK2", "UK4", "UK6", "UK7", nil, nil, "UK11"])
        #expect(
            releases[0]["planning"]?["documents"]?.array?.first?["documentType"] == .string("plannedProcurementNotice"))
        #expect(
            releases[1]["planning"]?["documents"]?.array?.first?["documentType"] == .string("marketEngagementNotice"))
    }

    @Test func weightedAwardCriteriaWithSocialValueAsAQualityCriterion() throws {
        let tender = try #require(mapping.releases(Self.procurement)[2]["tender"])
        let lot = try #require(tender["lots"]?.array?.first)
        #expect(lot["id"] == .string("1"))
        let criteria = try #require(lot["awardCriteria"]?["criteria"]?.array)
        let expected = try JSONParser.parse(
            """
            [{"type":"price","name":"Price","numbers":[{"number":40,"weight":"percentageExact"}]},
             {"type":"quality","name":"Quality","numbers":[{"number":35,"weight":"percentageExact"}]},
             {"type":"quality","name":"Social value","numbers":[{"number":25,"weight":"percentageExact"}]}]
            """)
        #expect(JSONValue.array(criteria) == expected)
        #expect(tender["tenderPeriod"]?["endDate"] == .string("2026-04-01T12:00:00Z"))
    }

    @Test func theAwardReleaseFieldByField() throws {
        let award = try #require(mapping.releases(Self.procurement)[3])
        let expected = try JSONParser.parse(
            """
            {"id":"c1","title":"Befriending service","status":"active","date":"2026-05-01T00:00:00Z",
             "value":{"amount":123456.07,"currency":"GBP"},
             "suppliers":[{"id":"GB-CHC-1234567","name":"Moorside Community Trust"}],
             "contractPeriod":{"startDate":"2026-06-01T00:00:00Z","endDate":"2027-05-31T23:59:59Z"},
             "standstillPeriod":{"endDate":"2026-05-11T23:59:59Z"},"relatedLots":["1"],
             "documents":[{"id":"UK6-c1","documentType":"awardNotice","noticeType":"UK6",
               "title":"Contract award notice: Befriending service","datePublished":"2026-05-01T00:00:00Z","language":"en"}]}
            """)
        #expect(award["awards"]?.array?.first == expected)
        let parties = try #require(award["parties"]?.array)
        #expect(parties.count == 2)
        #expect(parties[0]["roles"] == .array([.string("buyer")]))
        #expect(parties[0]["details"] == (try JSONParser.parse(#"{"vcse":false}"#)))
        #expect(parties[1]["roles"] == .array([.string("supplier")]))
        #expect(parties[1]["details"] == (try JSONParser.parse(#"{"scale":"sme","vcse":true}"#)))
        #expect(
            parties[1]["identifier"]
                == (try JSONParser.parse(
                    #"{"scheme":"GB-CHC","id":"1234567","legalName":"Moorside Community Trust"}"#)))
    }

    @Test func commitmentsAreAgreedMetricsAndDeliveriesObservations() throws {
        let releases = mapping.releases(Self.procurement)
        let contract = try #require(releases[4]["contracts"]?.array?.first)
        let agreed = try #require(contract["agreedMetrics"]?.array)
        #expect(agreed.map { $0["id"]?.string ?? "" } == ["NT1", "NT29"])
        #expect(agreed[1]["observations"]?.array?.first?["measure"] == .number(JSONNumber(literal: "120.5")))
        #expect(contract["noAgreedMetricsRationale"] == nil)
        let implementation = try #require(releases[5]["contracts"]?.array?.first?["implementation"])
        let expected = try JSONParser.parse(
            """
            {"metrics":[
              {"id":"NT1","title":"Local people employed","observations":[{"id":"NT1-period-1",
                "period":{"startDate":"2026-06-01T00:00:00Z","endDate":"2026-08-31T23:59:59Z"},
                "measure":1,"unit":{"name":"people"}}]},
              {"id":"NT29","title":"Volunteering hours","observations":[{"id":"NT29-period-1",
                "period":{"startDate":"2026-06-01T00:00:00Z","endDate":"2026-08-31T23:59:59Z"},
                "measure":40,"unit":{"name":"hours"}}]}]}
            """)
        #expect(implementation == expected)
    }

    @Test func aContractWithoutCommitmentsSaysWhyItHasNoMetrics() throws {
        var p = Self.procurement
        p.contracts[0].commitments = []
        p.contracts[0].deliveries = []
        let contract = try #require(mapping.releases(p)[4]["contracts"]?.array?.first)
        #expect(contract["agreedMetrics"] == nil)
        #expect(contract["noAgreedMetricsRationale"]?.string?.isEmpty == false)
    }

    @Test func aKPIAssessmentAndAFailureAreContractPerformanceNotices() throws {
        var p = Self.procurement
        p.contracts[0].failures = [
            .init(
                id: "f1", recordedAt: "2026-10-02T09:00:00Z", requirement: "Weekly visits",
                description: "None for four weeks", decidedOn: "2026-10-01", penaltyType: "imposed",
                penaltyPence: 125_050)
        ]
        p.contracts[0].assessments = [
            .init(
                id: "a1", version: 1, recordedAt: "2026-10-20T11:00:00Z", periodFrom: "2026-06-01",
                periodTo: "2026-10-01", narrative: "Visits slipped.",
                ratings: [
                    .init(
                        kpiID: "k1", kpiName: "Visits on time", code: "below", label: "Requires improvement",
                        explanation: nil)
                ]),
            .init(
                id: "a1", version: 2, recordedAt: "2026-10-25T11:00:00Z", periodFrom: "2026-06-01",
                periodTo: "2026-10-01", narrative: "Visits slipped.",
                ratings: [
                    .init(
                        kpiID: "k1", kpiName: "Visits on time", code: "other", label: "Other", explanation: "Logs late")
                ]),
        ]
        let releases = mapping.releases(p)
        // In date order: after the first verified return (20 September), before the second (15 December).
        #expect(
            releases.map { $0["id"]?.string ?? "" }[5...9] == [
                "ocds-test01-p1-implementation-r1", "ocds-test01-p1-failure-f1", "ocds-test01-p1-performance-a1-1",
                "ocds-test01-p1-performance-a1-2", "ocds-test01-p1-implementation-r2",
            ])
        let failure = try #require(releases[6]["contracts"]?.array?.first?["implementation"])
        #expect(
            failure
                == (try JSONParser.parse(
                    """
                    {"performanceFailures":[{"id":"f1","requirement":"Weekly visits","description":"None for four weeks",
                      "decisionDate":"2026-10-01T00:00:00Z","penaltyType":"imposed",
                      "penaltyValue":{"amount":1250.50,"currency":"GBP"},
                      "suppliers":[{"id":"GB-CHC-1234567","name":"Moorside Community Trust"}]}]}
                    """)))
        let amended = try #require(releases[8]["contracts"]?.array?.first)
        #expect(
            amended["implementation"]
                == (try JSONParser.parse(
                    """
                    {"metrics":[{"id":"KPI-k1","title":"Visits on time","observations":[{"id":"KPI-k1-assessment-a1",
                      "period":{"startDate":"2026-06-01T00:00:00Z","endDate":"2026-10-01T23:59:59Z"},
                      "measureClassification":{"id":"other","description":"Other"},"notes":"Logs late"}]}]}
                    """)))
        let notice = try #require(amended["documents"]?.array?.first)
        #expect(notice["noticeType"] == .string("UK9"))
        #expect(notice["documentType"] == .string("contractPerformanceNotice"))
        #expect(notice["description"] == .string("Visits slipped."))
        #expect(notice["title"] == .string("Contract performance notice: Befriending service (version 2)"))
    }

    @Test func aCancelledTenderIsAProcurementTerminationNotice() throws {
        var p = Self.procurement
        p.contracts = []
        p.tender?.cancelledAt = "2026-03-20T16:00:00Z"
        p.tender?.cancelReason = "No longer needed."
        let last = try #require(mapping.releases(p).last)
        #expect(last["tag"] == .array([.string("tenderCancellation")]))
        #expect(last["tender"]?["status"] == .string("cancelled"))
        #expect(last["tender"]?["documents"]?.array?.first?["noticeType"] == .string("UK12"))
        #expect(last["tender"]?["documents"]?.array?.first?["documentType"] == .string("tenderCancellationNotice"))
    }

    @Test func ourExtensionCarriesTheConsideration() throws {
        let social = try #require(mapping.releases(Self.procurement)[0]["planning"]?["socialValue"])
        let expected = try JSONParser.parse(
            """
            {"screening":{"result":"actApplies","actApplies":true,"considerationRequired":true},
             "consideration":{"wellbeing":"Less isolation.","securing":"Weighted at 25%.","consult":true,
               "consultRationale":"Residents use it daily.","dateSigned":"2026-01-10T00:00:00Z"},
             "proportionality":{"bandFrom":{"amount":100000,"currency":"GBP"},"minimumWeightingPercent":10,
               "maximumWeightingPercent":20,"weightingPercent":25,
               "outsideBandRationale":"Isolation is the council's first priority."}}
            """)
        #expect(social == expected)
    }

    @Test func anUnsignedConsiderationIsLeftOutNotNull() throws {
        var p = Self.procurement
        p.socialValue = .init(screeningResult: "compactCommitment", actApplies: false, considerationRequired: true)
        let social = try #require(mapping.releases(p)[0]["planning"]?["socialValue"])
        #expect(
            social
                == (try JSONParser.parse(
                    #"{"screening":{"result":"compactCommitment","actApplies":false,"considerationRequired":true}}"#)))
    }

    @Test func twoExportsGiveTheSameBytes() throws {
        let publication = OCDSExportPackage.Publication(publisherName: "Test", baseURL: "https://example.org/")
        let a = OCDSExportPackage.releasePackage(mapping.releases(Self.procurement), publication)
        let b = OCDSExportPackage.releasePackage(mapping.releases(Self.procurement), publication)
        #expect(a.serializedData() == b.serializedData())
        #expect(a["publishedDate"] == .string("2027-01-10T12:00:00Z"))
        #expect(a["uri"] == .string("https://example.org/ocds/releases.json"))
    }

    @Test func selectionByDateKeepsBothEnds() throws {
        let releases = mapping.releases(Self.procurement)
        let chosen = OCDSExportPackage.select(releases, from: "2026-03-01", to: "2026-05-01")
        #expect(chosen.map { $0["tag"]?.array?.first?.string ?? "" } == ["tender", "award", "contract"])
        // The award and contract are dated on the award day, though recorded at 10:00.
        #expect(chosen[1]["date"] == .string("2026-05-01T00:00:00Z"))
    }

    /// Compiling our own export gives back what we hold: the contract's latest status, its agreed
    /// metrics, and both periods' observations accumulated by the identifier merge.
    @Test func compilingTheExportGivesBackTheRecord() throws {
        let publication = OCDSExportPackage.Publication(publisherName: "Test", baseURL: "https://example.org")
        let package = OCDSExportPackage.releasePackage(mapping.releases(Self.procurement), publication)
        let records = try OCDSExportPackage.recordPackage(package, merger: Merger(rules: MergeRules.bundled()))
        #expect(records["uri"] == .string("https://example.org/ocds/records.json"))
        let compiled = try #require(records["records"]?.array?.first?["compiledRelease"])
        #expect(compiled["id"] == .string("ocds-test01-p1-2027-01-10T12:00:00Z"))
        let contract = try #require(compiled["contracts"]?.array?.first)
        #expect(contract["status"] == .string("terminated"))
        #expect(contract["agreedMetrics"]?.array?.count == 2)
        let metrics = try #require(contract["implementation"]?["metrics"]?.array)
        let nt1 = try #require(metrics.first { $0["id"] == .string("NT1") })
        #expect(
            nt1["observations"]?.array?.map { $0["measure"] ?? .null } == [
                .number(JSONNumber(1)), .number(JSONNumber(2)),
            ])
        #expect(compiled["tender"]?["status"] == .string("active"))
        #expect(compiled["awards"]?.array?.first?["value"]?["amount"] == .number(JSONNumber(literal: "123456.07")))
        #expect(compiled["planning"]?["socialValue"]?["screening"]?["result"] == .string("actApplies"))
        #expect(compiled["parties"]?.array?.count == 2)
    }

    @Test func penceAreWrittenExactly() {
        #expect(ExportJSON.pounds(1_234_567) == .number(JSONNumber(literal: "12345.67")))
        #expect(ExportJSON.pounds(500) == .number(JSONNumber(literal: "5")))
        #expect(ExportJSON.pounds(5) == .number(JSONNumber(literal: "0.05")))
        #expect(ExportJSON.pounds(-150) == .number(JSONNumber(literal: "-1.50")))
        #expect(ExportJSON.quantity("007") == .string("007"))
        #expect(ExportJSON.quantity("0.25") == .number(JSONNumber(literal: "0.25")))
    }
}
