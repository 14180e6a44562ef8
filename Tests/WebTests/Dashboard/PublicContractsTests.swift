import Fluent
import Foundation
import SocialValue
import Storage
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// The public register of awarded contracts (docs/contracts.md), for a visitor: the demo's one
/// contract, "Befriending and social contact", Eastmoor County Council with Brackenford
/// Foodbank at £248,000; £41,805 committed, £3,470.10 delivered and verified.
@Suite struct PublicContractsTests {
    static func befriending(_ app: Application) async throws -> ContractModel {
        try await ContractModel.query(on: app.db).filter(\.$title == "Befriending and social contact").first()!
    }

    @Test func aVisitorSeesTheListAndTheDetailWithoutSigningIn() async throws {
        try await withDemoApp { app in
            let visitor = Browser(app)
            let c = try await Self.befriending(app)
            let list = try await visitor.get("/awarded-contracts")
            #expect(list.status == .ok)
            let body = list.body.string
            #expect(body.contains("href=\"/awarded-contracts/\(c.id!)\">Befriending and social contact"))
            #expect(body.contains("Eastmoor County Council") && body.contains("Brackenford Foodbank"))
            #expect(body.contains("£248,000") && body.contains("£41,805") && body.contains("£3,470.10"))
            let detail = try await visitor.get("/awarded-contracts/\(c.id!)")
            #expect(detail.status == .ok)
            let page = detail.body.string
            // SOC1: 2,400 hours × £12.21 = £29,304; 210 verified = £2,564.10.
            #expect(page.contains("£29,304") && page.contains("210 hours") && page.contains("£2,564.10"))
            #expect(page.contains("Delivered value, verified"))
            #expect(!page.contains(c.awardedBy))
            #expect(!page.contains("Kestrel Facilities"))
            #expect(try await visitor.get("/awarded-contracts/\(UUID())").status == .notFound)
            // Linked from the home page and the buyer's public profile.
            #expect(try await visitor.get("/").body.string.contains("href=\"/awarded-contracts\""))
            let profile = try await visitor.get("/organisations/\(c.$buyer.id)").body.string
            #expect(profile.contains("href=\"/awarded-contracts?buyerId=\(c.$buyer.id)\""))
        }
    }

    @Test func claimsNotYetVerifiedAreNotShownAsDelivered() async throws {
        try await withDemoApp { app in
            let c = try await Self.befriending(app)
            // The supplier's period 2 return is submitted (claimed SOC1 300 hours) but not verified.
            let sam = Browser(app)
            try await sam.signIn(Demo.supplier)
            let path = "/contracts/\(c.id!)/returns/2"
            _ = try await sam.get(path)
            #expect(
                try await sam.post(
                    path,
                    [
                        "narrative": "Quarter two.", "lines[ECO2][quantity]": "5", "lines[SOC1][quantity]": "300",
                        "lines[ENV1][quantity]": "0",
                    ]
                ).status == .seeOther)
            let contract = try await AwardStore(app.db).publicContract(c.id!, viewer: nil)
            #expect(contract.delivery.lines.allSatisfy { $0.awaiting == 0 })
            #expect(contract.delivery.deliveredValue == Decimal(string: "3470.10")!)
            let page = try await Browser(app).get("/awarded-contracts/\(c.id!)").body.string
            #expect(page.contains("210 hours") && !page.contains("510 hours") && !page.contains("300 hours"))
        }
    }

    @Test func searchFilterAndCSV() async throws {
        try await withDemoApp { app in
            let visitor = Browser(app)
            let c = try await Self.befriending(app)
            for q in ["befriending", "EASTMOOR county", "foodbank"] {
                let page = try await visitor.get("/awarded-contracts?q=\(Browser.encode(q))").body.string
                #expect(page.contains("1 awarded contract."), "searching for \(q)")
            }
            let none = try await visitor.get("/awarded-contracts?q=zebra").body.string
            #expect(none.contains("0 awarded contracts.") && none.contains("No awarded contracts match."))
            let icb = try await id(of: "NHS Eastmoor Integrated Care Board", app)
            #expect(
                try await visitor.get("/awarded-contracts?buyerId=\(icb)").body.string.contains("0 awarded contracts."))
            let county = try await visitor.get("/awarded-contracts?buyerId=\(c.$buyer.id)").body.string
            #expect(county.contains("1 awarded contract."))
            #expect(county.contains("<option value=\"\(c.$buyer.id)\" selected"))
            let csv = try await visitor.get("/awarded-contracts.csv?q=befriending")
            #expect(csv.status == .ok)
            #expect(csv.headers.first(name: .contentDisposition)?.contains("awarded-contracts.csv") == true)
            let lines = csv.body.string.split(separator: "\r\n", omittingEmptySubsequences: true).map(String.init)
            #expect(lines.count == 2)
            #expect(
                lines.first
                    == "\u{FEFF}id,title,buyer,supplier,value,awarded_on,starts_on,ends_on,social_value_committed,social_value_delivered_verified,url"
            )
            #expect(
                lines.last
                    == "\(c.id!.uuidString),Befriending and social contact,Eastmoor County Council,Brackenford Foodbank,248000.00,\(c.awardedOn),\(c.startsOn),\(c.endsOn),41805.00,3470.10,/awarded-contracts/\(c.id!)"
            )
            let empty = try await visitor.get("/awarded-contracts.csv?q=zebra").body.string
            #expect(empty.split(separator: "\r\n").count == 1)
        }
    }

    /// 21 more contracts (copies of the demo's procurement, tender and contract): 22 in all, 20 a page.
    @Test func theListIsPaginated() async throws {
        try await withDemoApp { app in
            let c = try await Self.befriending(app)
            let p = try await ProcurementModel.find(c.$procurement.id, on: app.db)!
            let t = try await TenderModel.find(c.$tender.id, on: app.db)!
            for i in 1...21 {
                let p2 = try JSONDecoder().decode(ProcurementModel.self, from: try JSONEncoder().encode(p))
                p2.id = UUID()
                try await p2.create(on: app.db)
                let t2 = try JSONDecoder().decode(TenderModel.self, from: try JSONEncoder().encode(t))
                t2.id = UUID()
                t2.$procurement.id = p2.id!
                try await t2.create(on: app.db)
                let c2 = try JSONDecoder().decode(ContractModel.self, from: try JSONEncoder().encode(c))
                c2.id = UUID()
                c2.$tender.id = t2.id!
                c2.$procurement.id = p2.id!
                c2.title = String(format: "Extra contract %02d", i)
                try await c2.create(on: app.db)
            }
            let visitor = Browser(app)
            let first = try await visitor.get("/awarded-contracts").body.string
            #expect(first.contains("22 awarded contracts."))
            #expect(first.contains("Showing 1 to 20 of 22"))
            #expect(first.contains("href=\"/awarded-contracts?page=2\" rel=\"next\""))
            let second = try await visitor.get("/awarded-contracts?page=2").body.string
            #expect(second.contains("Showing 21 to 22 of 22"))
            // Same award date: by title, so the last two are Extra contract 20 and 21.
            #expect(second.contains("Extra contract 21") && !second.contains("Extra contract 01"))
            #expect(first.contains("Befriending and social contact"))
            let filtered = try await visitor.get("/awarded-contracts?q=extra&page=2").body.string
            #expect(filtered.contains("Showing 21 to 21 of 21"))
            #expect(
                filtered.contains("href=\"/awarded-contracts?page=1&amp;q=extra\"")
                    || filtered.contains("href=\"/awarded-contracts?page=1&q=extra\""))
        }
    }
}
