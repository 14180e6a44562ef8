import Foundation
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

@Suite struct SROIAPITests {
    static let document = CalculationExamples.sroi

    /// Token and JSON helpers are the API suite's.
    let api = APITests()

    @Test func calculatesWithoutATokenAndStoresNothing() async throws {
        try await withDemoApp { app in
            let b = Browser(app)
            for path in ["/api/v1/sroi", "/api/v1/sroi?persist=false", "/api/v1/sroi?detail=document"] {
                let r = try await b.api(.POST, path, token: nil, json: Self.document)
                #expect(r.status == .ok)
                #expect(r.headers.contentType == .json)
                let json = try api.json(r)
                // calculations.md §3: PV 133183.03, NPV 33183.03, ratio 1.33
                #expect(json["presentValue"] as? String == "133183.03")
                #expect(json["netPresentValue"] as? String == "33183.03")
                #expect(json["ratio"] as? String == "1.33")
                #expect(json["payback"] == nil)
            }
        }
    }

    @Test func detailFullAddsPaybackAndTornado() async throws {
        try await withDemoApp { app in
            let b = Browser(app)
            let r = try await b.api(.POST, "/api/v1/sroi?detail=full", token: nil, json: Self.document)
            #expect(r.status == .ok)
            let json = try api.json(r)
            #expect((json["payback"] as? [String: Any])?["years"] as? String == "1.89")
            let rows = try #require((json["tornado"] as? [[String: Any]])?.first?["rows"] as? [[String: Any]])
            #expect(rows.first?["parameter"] as? String == "proxy")
            #expect(rows.first?["ratioHigh"] as? String == "2.00")
            let bad = try await b.api(.POST, "/api/v1/sroi?detail=all", token: nil, json: Self.document)
            #expect(bad.status == .unprocessableEntity)
            let problems = try #require(try api.json(bad)["problems"] as? [[String: String]])
            #expect(problems == [["field": "detail", "message": "detail must be document or full, or left out"]])
            let persist = try await b.api(.POST, "/api/v1/sroi?persist=maybe", token: nil, json: Self.document)
            #expect(persist.status == .unprocessableEntity)
            #expect(
                try api.json(persist)["problems"] as? [[String: String]] == [
                    ["field": "persist", "message": "persist must be true or false, or left out"]
                ])
        }
    }

    @Test func badDocumentsAre422WithProblemsByPath() async throws {
        try await withDemoApp { app in
            let b = Browser(app)
            let bad = Self.document.replacingOccurrences(of: "\"durationYears\": 3", with: "\"durationYears\": 0")
                .replacingOccurrences(
                    of: "\"discountRate\": null,", with: "\"discountRate\": null, \"colour\": \"red\",")
            let r = try await b.api(.POST, "/api/v1/sroi", token: nil, json: bad)
            #expect(r.status == .unprocessableEntity)
            let problems = try #require(try api.json(r)["problems"] as? [[String: String]])
            #expect(
                problems == [
                    ["field": "$.colour", "message": "is not a known field"],
                    [
                        "field": "$.outcomes[0].durationYears",
                        "message": "must be a whole number of years from 1 to 100",
                    ],
                ])
            let malformed = try await b.api(.POST, "/api/v1/sroi", token: nil, json: "{")
            #expect(malformed.status == .unprocessableEntity)
            let p = try #require(try api.json(malformed)["problems"] as? [[String: String]])
            #expect(p.first?["field"] == "$")
            #expect(p.first?["message"]?.hasPrefix("malformed JSON") == true)
        }
    }
}
