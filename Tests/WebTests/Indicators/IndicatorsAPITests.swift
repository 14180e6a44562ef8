import Fluent
import Foundation
import SocialValue
import Storage
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// `GET /api/v1/indicators` (docs/indicators.md): the Cardinal shape, the body's own people only,
/// and bad parameters as 422 naming them. The counts are tested on a fixture in StorageTests.
@Suite struct IndicatorsAPITests {
    static func organisation(_ name: String, _ app: Application) async throws -> UUID {
        try #require(try await OrganisationModel.query(on: app.db).filter(\.$name == name).first()?.id)
    }

    @Test func aBodysFlagsForItsOwnPeopleInCardinalsShape() async throws {
        try await withDemoApp { app in
            let api = APITests()
            let b = Browser(app)
            let county = try await Self.organisation("Eastmoor County Council", app)
            let kestrel = try await Self.organisation("Kestrel Facilities Ltd", app)
            #expect(try await b.api(.GET, "/api/v1/indicators", token: nil).status == .unauthorized)
            let priya = try await api.token(for: Demo.commissioner, app)
            let r = try await b.api(.GET, "/api/v1/indicators?body=\(county)", token: priya)
            #expect(r.status == .ok)
            #expect(r.headers.contentType == .json)
            let doc = try api.json(r)
            #expect(Set(doc.keys) == ["OCID", "Buyer"])
            let buyers = try #require(doc["Buyer"] as? [String: [String: Any]])
            #expect(buyers.keys.allSatisfy { $0 == county.uuidString.lowercased() })
            let ocids = try #require(doc["OCID"] as? [String: [String: Any]])
            #expect(ocids.keys.allSatisfy { $0.hasPrefix("ocds-commonweal-") })
            // The same flags as the store gives the county's commissioner.
            let viewer = Viewer(
                userID: UUID(), isAdmin: false, memberships: [.init(organisationID: county, role: .commissioner)],
                compactSeats: [])
            let flags = try await IndicatorStore(app.db).flags(body: county, viewer: viewer)
            #expect(
                r.body.string.filter { !$0.isWhitespace }
                    == CardinalShape.json(flags.map(\.flag)).rendered().filter { !$0.isWhitespace })
            // Another body's flags are refused; without body, only the county's.
            #expect(try await b.api(.GET, "/api/v1/indicators?body=\(kestrel)", token: priya).status == .forbidden)
            let mine = try api.json(try await b.api(.GET, "/api/v1/indicators", token: priya))
            let mineBuyers = try #require(mine["Buyer"] as? [String: Any])
            #expect(mineBuyers.keys.allSatisfy { $0 == county.uuidString.lowercased() })
            // Kim (a supplier) reads no body's flags.
            let kim = try await api.token(for: "bids@kestrel-facilities.example", app)
            let none = try await b.api(.GET, "/api/v1/indicators", token: kim)
            #expect(none.body.string.filter { !$0.isWhitespace } == #"{"OCID":{},"Buyer":{}}"#)
        }
    }

    @Test func badParametersAre422NamingTheParameter() async throws {
        try await withDemoApp { app in
            let api = APITests()
            let b = Browser(app)
            let priya = try await api.token(for: Demo.commissioner, app)
            let cases: [(String, String)] = [
                ("from=2026-02-30", "from"), ("to=31-03-2027", "to"), ("body=county", "body"),
                ("from=2027-04-01&to=2027-03-31", "from"), ("from=2026-01-01&from=2026-01-02", "from"),
                ("body=&to=2027-01-01", "body"),
            ]
            for (query, field) in cases {
                let r = try await b.api(.GET, "/api/v1/indicators?\(query)", token: priya)
                #expect(r.status == .unprocessableEntity, "\(query)")
                let problems = try api.json(r)["problems"] as? [[String: Any]] ?? []
                #expect(problems.map { $0["field"] as? String } == [field], "\(query)")
            }
            #expect(
                try await b.api(.GET, "/api/v1/indicators?from=2026-04-01&to=2027-03-31", token: priya).status == .ok)
        }
    }
}
