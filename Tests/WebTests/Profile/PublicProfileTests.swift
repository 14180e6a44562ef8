import Fluent
import Foundation
import SocialValue
import Storage
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// An organisation's public impact profile (issue 15; docs/profiles.md), on the demo data: the
/// one awarded contract, "Befriending and social contact", Eastmoor County Council with
/// Brackenford Foodbank at £248,000; £3,470.10 delivered and verified in period 1 (SOC1 210
/// hours × £12.21 = £2,564.10 of it).
@Suite struct PublicProfileTests {
    static func befriending(_ app: Application) async throws -> ContractModel {
        try await ContractModel.query(on: app.db).filter(\.$title == "Befriending and social contact").first()!
    }

    static func organisation(_ name: String, _ app: Application) async throws -> OrganisationModel {
        try await OrganisationModel.query(on: app.db).filter(\.$name == name).first()!
    }

    /// The profile as a visitor sees it in every form: page, CSV and JSON, joined.
    static func everything(_ id: UUID, _ app: Application) async throws -> String {
        let b = Browser(app)
        let page = try await b.get("/organisations/\(id)/profile")
        #expect(page.status == .ok)
        let csv = try await b.get("/organisations/\(id)/profile.csv")
        #expect(csv.status == .ok)
        let json = try await b.api(.GET, "/api/v1/organisations/\(id)/profile", token: nil)
        #expect(json.status == .ok)
        return [page.body.string, csv.body.string, json.body.string].joined(separator: "\n")
    }

    static func json(_ id: UUID, _ app: Application) async throws -> [String: Any] {
        let r = try await Browser(app).api(.GET, "/api/v1/organisations/\(id)/profile", token: nil)
        return try #require(try JSONSerialization.jsonObject(with: Data(r.body.string.utf8)) as? [String: Any])
    }

    @Test func aVisitorOpensTheSuppliersProfileFromThePublicContract() async throws {
        try await withDemoApp { app in
            let visitor = Browser(app)
            let c = try await Self.befriending(app)
            let contract = try await visitor.get("/awarded-contracts/\(c.id!)").body.string
            let link = "/organisations/\(c.$supplier.id)/profile"
            #expect(contract.contains("href=\"\(link)\">Brackenford Foodbank"))
            #expect(contract.contains("href=\"/organisations/\(c.$buyer.id)/profile\">Eastmoor County Council"))
            #expect(
                try await visitor.get("/awarded-contracts").body.string.contains(
                    "href=\"\(link)\">Brackenford Foodbank"))
            let page = try await visitor.get(link)
            #expect(page.status == .ok)
            let body = page.body.string
            #expect(body.contains("<h1 class=\"govuk-heading-l\">Brackenford Foodbank</h1>"))
            #expect(body.contains("Charitable incorporated organisation (CIO)") && body.contains("1190234"))
            #expect(body.contains("Awarded contracts Brackenford Foodbank delivers"))
            #expect(body.contains("href=\"/awarded-contracts/\(c.id!)\">Befriending and social contact"))
            #expect(body.contains("£3,470.10 of social value verified to date"))
            #expect(body.contains("210 hours") && body.contains("£2,564.10"))
            #expect(body.contains("Our volunteers are local people who know the families they help."))
            #expect(
                body.contains(
                    "Brackenford Foodbank has not published any social return on investment (SROI) analyses yet"))
            #expect(body.contains("href=\"/organisations/\(c.$supplier.id)/profile.csv\""))
            // The organisation's own page links to it; the buyer's profile links to what it awarded.
            #expect(try await visitor.get("/organisations/\(c.$supplier.id)").body.string.contains("href=\"\(link)\""))
            let county = try await visitor.get("/organisations/\(c.$buyer.id)/profile").body.string
            #expect(county.contains("Eastmoor County Council does not deliver any awarded contracts yet."))
            #expect(county.contains("href=\"/awarded-contracts?buyerId=\(c.$buyer.id)\">1 awarded contract let by"))
            #expect(try await visitor.get("/organisations/\(UUID())/profile").status == .notFound)
            #expect(
                try await visitor.api(.GET, "/api/v1/organisations/\(UUID())/profile", token: nil).status == .notFound)
        }
    }

    @Test func theCSVAndJSONCarryTheVerifiedFigures() async throws {
        try await withDemoApp { app in
            let c = try await Self.befriending(app)
            let csv = try await Browser(app).get("/organisations/\(c.$supplier.id)/profile.csv")
            #expect(csv.headers.first(name: .contentDisposition)?.contains("Brackenford-Foodbank-profile.csv") == true)
            let lines = csv.body.string.split(separator: "\r\n").map(String.init)
            #expect(
                lines.first
                    == "\u{FEFF}contract_id,contract,buyer,contract_value,awarded_on,starts_on,ends_on,measure_code,measure,unit,committed,verified_to_date,proxy_per_unit,delivered_value_verified,values_withheld,url"
            )
            let soc1 = try #require(lines.first { $0.contains(",SOC1,") })
            #expect(
                soc1.hasPrefix("\(c.id!.uuidString),Befriending and social contact,Eastmoor County Council,248000.00,"))
            #expect(soc1.hasSuffix(",hours,2400,210,12.21,2564.10,,/awarded-contracts/\(c.id!)"))
            let json = try await Self.json(c.$supplier.id, app)
            #expect(json["name"] as? String == "Brackenford Foodbank")
            #expect(json["socialValueVerified"] as? String == "3470.10")
            #expect(json["contractsWithValuesWithheld"] as? Int == 0)
            #expect((json["sroiAnalyses"] as? [Any])?.isEmpty == true)
            let embedded = try #require(json["embeddedValue"] as? [String: Any])
            #expect(
                embedded["statement"] as? String == "Our volunteers are local people who know the families they help.")
            let contracts = try #require(json["contracts"] as? [[String: Any]])
            #expect(contracts.map { $0["title"] as? String } == ["Befriending and social contact"])
            #expect(contracts[0]["deliveredValueVerified"] as? String == "3470.10")
        }
    }

    /// Sealed bids: the demo's unawarded tenders ("Meals at home", open; "Home from hospital
    /// support", closed, bids unopened) and the losing bids for the befriending contract.
    @Test func unawardedTendersAndTheirBidsDoNotAppear() async throws {
        try await withDemoApp { app in
            let foodbank = try await Self.organisation("Brackenford Foodbank", app)
            let all = try await Self.everything(foodbank.id!, app)
            for sealed in [
                "Home from hospital support", "Meals at home 2027 to 2030",
                "A named social value lead reports each quarter",  // the bids' delivery plan
                "our approach to service delivery",  // the bids' quality answers
            ] {
                #expect(!all.contains(sealed), "\(sealed)")
            }
            // Saltmarsh's losing and unopened bids carry its statement; it has no contract.
            let saltmarsh = try await Self.organisation("Saltmarsh Community Transport CIC", app)
            let theirs = try await Self.everything(saltmarsh.id!, app)
            #expect(!theirs.contains("Our drivers are volunteers from Saltmarsh"))
            #expect(!theirs.contains("255000") && !theirs.contains("255,000"))
            #expect(theirs.contains("does not deliver any awarded contracts yet"))
            #expect(theirs.contains("No statement of embedded social value is published"))
            let kestrel = try await Self.organisation("Kestrel Facilities Ltd", app)
            let k = try await Self.everything(kestrel.id!, app)
            #expect(!k.contains("Befriending and social contact") && !k.contains("231500") && !k.contains("231,500"))
        }
    }

    @Test func returnsNotVerifiedOrSentBackDoNotCount() async throws {
        try await withDemoApp { app in
            let c = try await Self.befriending(app)
            let path = "/contracts/\(c.id!)/returns/2"
            let sam = Browser(app)
            try await sam.signIn(Demo.supplier)
            _ = try await sam.get(path)
            let filled = [
                "narrative": "Quarter two: 41 people matched.", "lines[ECO2][quantity]": "5",
                "lines[SOC1][quantity]": "300", "lines[ENV1][quantity]": "0",
            ]
            #expect(try await sam.post(path, filled).status == .seeOther)
            _ = try await sam.get(path)
            #expect(
                try await sam.uploadEvidence("\(path)/evidence", description: "Volunteer log", file: ("log.txt", "w,h"))
                    .status == .seeOther)
            #expect(try await sam.post("\(path)/submit", [:]).status == .seeOther)
            var all = try await Self.everything(c.$supplier.id, app)
            #expect(all.contains("210 hours") && !all.contains("510 hours") && !all.contains("300 hours"))
            #expect(all.contains("£3,470.10") && all.contains("\"socialValueVerified\":\"3470.10\""))
            // Sent back for changes: still not counted.
            let priya = Browser(app)
            try await priya.signIn(Demo.commissioner)
            _ = try await priya.get(path)
            #expect(
                try await priya.post(
                    "\(path)/verification", ["decision": "request-changes", "reason": "Add the session dates"]
                ).status == .seeOther)
            all = try await Self.everything(c.$supplier.id, app)
            #expect(all.contains("210 hours") && !all.contains("510 hours"))
            #expect(!all.contains("Add the session dates"))
            // Nor are the returns' own words: the narratives and evidence stay with the buyer.
            #expect(!all.contains("Quarter two: 41 people matched.") && !all.contains("Volunteer log"))
            #expect(!all.contains("Befriending started in the first quarter"))
        }
    }

    @Test func noPersonNamesEmailsOrAddresses() async throws {
        try await withDemoApp { app in
            let c = try await Self.befriending(app)
            let foodbank = try await OrganisationModel.find(c.$supplier.id, on: app.db)!
            for id in [c.$supplier.id, c.$buyer.id] {
                let all = try await Self.everything(id, app)
                for personal in [
                    "Sam Supplier", Demo.supplier, "Priya Commissioner", Demo.commissioner, c.awardedBy,
                    foodbank.addressLine1, foodbank.postcode,
                ] {
                    #expect(!all.contains(personal), "\(personal)")
                }
            }
        }
    }

    /// A contract of another supplier (a copy of the demo's, won by Kestrel) is on Kestrel's
    /// profile only.
    @Test func anotherOrganisationsContractsDoNotAppear() async throws {
        try await withDemoApp { app in
            let c = try await Self.befriending(app)
            let kestrel = try await Self.organisation("Kestrel Facilities Ltd", app)
            let kestrelBid = try await BidModel.query(on: app.db).filter(\.$tender.$id == c.$tender.id)
                .filter(\.$organisation.$id == kestrel.id!).first()!
            // Its own procurement and tender (one contract a tender), as the register's tests copy them.
            let p = try await ProcurementModel.find(c.$procurement.id, on: app.db)!
            let p2 = try JSONDecoder().decode(ProcurementModel.self, from: try JSONEncoder().encode(p))
            p2.id = UUID()
            try await p2.create(on: app.db)
            let t = try await TenderModel.find(c.$tender.id, on: app.db)!
            let t2 = try JSONDecoder().decode(TenderModel.self, from: try JSONEncoder().encode(t))
            t2.id = UUID()
            t2.$procurement.id = p2.id!
            try await t2.create(on: app.db)
            let copy = try JSONDecoder().decode(ContractModel.self, from: try JSONEncoder().encode(c))
            copy.id = UUID()
            copy.$tender.id = t2.id!
            copy.$procurement.id = p2.id!
            copy.title = "Office cleaning"
            copy.$supplier.id = kestrel.id!
            copy.$bid.id = kestrelBid.id!
            try await copy.create(on: app.db)
            let foodbank = try await Self.everything(c.$supplier.id, app)
            #expect(!foodbank.contains("Office cleaning") && !foodbank.contains("Kestrel"))
            let theirs = try await Self.everything(kestrel.id!, app)
            #expect(theirs.contains("Office cleaning") && !theirs.contains("Befriending and social contact"))
            #expect(theirs.contains("This contract has no social value commitments."))
            #expect(!theirs.contains("Our volunteers are local people"))
        }
    }

    /// The demo's value set recorded under CC BY-NC-ND: the quantities stay, the £ go, and the
    /// page says why.
    @Test func aLicenceThatForbidsPublicationHidesTheValuesNotTheQuantities() async throws {
        try await withDemoApp { app in
            let c = try await Self.befriending(app)
            let set = try await ValueSetModel.query(on: app.db).first()!
            #expect(set.licenceName == "Open Government Licence v3.0" && set.licence.mayPublishValues)
            set.licenceName = "CC BY-NC-ND 4.0"
            set.licenceURL = nil
            set.permitsRedistribution = true
            set.permitsCommercialUse = false
            try await set.update(on: app.db)
            let page = try await Browser(app).get("/organisations/\(c.$supplier.id)/profile").body.string
            #expect(page.contains("210 hours"))
            #expect(!page.contains("£2,564.10") && !page.contains("£3,470.10") && !page.contains("£12.21"))
            #expect(
                page.contains(
                    "The licence of the value set ‘\(set.name)’ (CC BY-NC-ND 4.0) does not permit commercial use, so the £ values are left out here; the quantities are shown."
                ))
            #expect(page.contains("£0 of social value verified to date"))
            let json = try await Self.json(c.$supplier.id, app)
            #expect(json["contractsWithValuesWithheld"] as? Int == 1)
            let contract = try #require((json["contracts"] as? [[String: Any]])?.first)
            #expect(contract["deliveredValueVerified"] == nil)
            #expect((contract["valuesWithheld"] as? String)?.contains("CC BY-NC-ND 4.0") == true)
            let lines = try #require(contract["lines"] as? [[String: Any]])
            let soc1 = try #require(lines.first { $0["measureCode"] as? String == "SOC1" })
            #expect(soc1["verifiedToDate"] as? String == "210")
            #expect(soc1["proxy"] == nil && soc1["deliveredValueVerified"] == nil)
            let csv = try await Browser(app).get("/organisations/\(c.$supplier.id)/profile.csv").body.string
            #expect(!csv.contains("12.21") && !csv.contains("2564.10"))
            #expect(csv.contains(",hours,2400,210,,,"))
        }
    }
}
