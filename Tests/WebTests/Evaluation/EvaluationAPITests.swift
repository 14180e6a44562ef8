import Foundation
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

@Suite struct EvaluationAPITests {
    static let document = CalculationExamples.evaluation

    /// Token and JSON helpers are the API suite's.
    let api = APITests()

    @Test func evaluatesWithoutATokenAndStoresNothing() async throws {
        try await withDemoApp { app in
            let b = Browser(app)
            for path in ["/api/v1/evaluations", "/api/v1/evaluations?persist=false"] {
                let r = try await b.api(.POST, path, token: nil, json: Self.document)
                #expect(r.status == .ok)
                #expect(r.headers.contentType == .json)
                let ranking = try #require(try api.json(r)["ranking"] as? [[String: Any]])
                // B: 40 × 100000/105000 = 38.10 + 40.00 + 6.00 = 84.10
                #expect(ranking.first?["bidder"] as? String == "B")
                #expect(ranking.first?["total"] as? String == "84.10")
                #expect(ranking.first?["price"] as? String == "38.10")
                #expect(ranking.first?["socialValueMonetised"] as? String == "90000.00")
                #expect(ranking.map { $0["rank"] as? Int } == [1, 2, 3])
            }
        }
    }

    @Test func badDocumentsAre422WithProblemsByPath() async throws {
        try await withDemoApp { app in
            let b = Browser(app)
            let bad = Self.document.replacingOccurrences(of: "\"105000.00\"", with: "\"0\"")
                .replacingOccurrences(of: "\"policy\": null,", with: "\"policy\": null, \"colour\": \"red\",")
            let r = try await b.api(.POST, "/api/v1/evaluations", token: nil, json: bad)
            #expect(r.status == .unprocessableEntity)
            let problems = try #require(try api.json(r)["problems"] as? [[String: String]])
            #expect(
                problems == [
                    ["field": "$.colour", "message": "is not a known field"],
                    ["field": "$.bids[1].price", "message": "must be greater than 0"],
                ])
            let malformed = try await b.api(.POST, "/api/v1/evaluations", token: nil, json: "{")
            #expect(malformed.status == .unprocessableEntity)
            let p = try #require(try api.json(malformed)["problems"] as? [[String: String]])
            #expect(p.first?["field"] == "$")
            #expect(p.first?["message"]?.hasPrefix("malformed JSON") == true)
        }
    }
}
