import Fluent
import Foundation
import Storage
import Testing
import Vapor
import VaporTesting

@testable import Web

/// The OCDS API and the open data page (docs/api.md, "Open data (OCDS)"), for a visitor on the demo.
@Suite struct OCDSAPITests {
    static func json(_ r: TestingHTTPResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(r.body.readableBytesView)) as! [String: Any]
    }

    static func releases(_ package: [String: Any]) -> [[String: Any]] {
        package["releases"] as? [[String: Any]] ?? []
    }

    static func next(_ package: [String: Any]) -> String? {
        (package["links"] as? [String: Any])?["next"] as? String
    }

    /// `links.next` is absolute (on COMMONWEAL_PUBLIC_URL); the test follows its path and query.
    static func path(of url: String) -> String {
        String(url.dropFirst("http://localhost:8080".count))
    }

    @Test func pagesFollowedByTheirCursorGiveEveryReleaseOnceInOrder() async throws {
        try await withDemoApp { app in
            let visitor = Browser(app)
            let whole = try await visitor.get("/api/v1/ocds/releases")
            #expect(whole.status == .ok)
            #expect(whole.headers.contentType == .json)
            let all = Self.releases(try Self.json(whole))
            #expect(Self.next(try Self.json(whole)) == nil)
            // The demo publishes a pipeline entry, tenders, an award and a contract at least.
            #expect(all.count >= 5)
            let dates = all.map { ($0["date"] as! String) + "\n" + ($0["id"] as! String) }
            #expect(dates == dates.sorted())
            var seen: [String] = []
            var path: String? = "/api/v1/ocds/releases?limit=2"
            var pages = 0
            while let p = path {
                let r = try await visitor.get(p)
                #expect(r.status == .ok)
                let package = try Self.json(r)
                let page = Self.releases(package)
                #expect(page.count <= 2 && !page.isEmpty)
                seen += page.map { $0["id"] as! String }
                path = Self.next(package).map(Self.path(of:))
                if let n = Self.next(package) { #expect(n.hasPrefix("http://localhost:8080/api/v1/ocds/releases?")) }
                pages += 1
                if pages > 200 { break }
            }
            #expect(seen == all.map { $0["id"] as! String })
            #expect(pages == (all.count + 1) / 2)
        }
    }

    @Test func dateFiltersKeepTheReleasesInTheirRange() async throws {
        try await withDemoApp { app in
            let visitor = Browser(app)
            let all = Self.releases(try Self.json(try await visitor.get("/api/v1/ocds/releases")))
            let days = all.map { String(($0["date"] as! String).prefix(10)) }
            let middle = days.sorted()[days.count / 2]
            let from = Self.releases(
                try Self.json(try await visitor.get("/api/v1/ocds/releases?updatedFrom=\(middle)")))
            #expect(from.count == days.filter { $0 >= middle }.count)
            let to = Self.releases(try Self.json(try await visitor.get("/api/v1/ocds/releases?updatedTo=\(middle)")))
            #expect(to.count == days.filter { $0 <= middle }.count)
            // A day as updatedTo includes the whole day; a time excludes what comes later that day.
            let both = try await visitor.get("/api/v1/ocds/releases?updatedFrom=\(middle)&updatedTo=\(middle)")
            #expect(Self.releases(try Self.json(both)).count == days.filter { $0 == middle }.count)
            let before = try await visitor.get("/api/v1/ocds/releases?updatedTo=2000-01-01T00:00:00Z")
            #expect(Self.releases(try Self.json(before)).isEmpty)
            // The bounds are carried into links.next.
            let paged = try Self.json(try await visitor.get("/api/v1/ocds/releases?limit=1&updatedFrom=2000-01-01"))
            #expect(Self.next(paged)?.contains("updatedFrom=2000-01-01") == true)
        }
    }

    @Test func badParametersAre422NamingTheParameter() async throws {
        try await withDemoApp { app in
            let visitor = Browser(app)
            let cases: [(String, String)] = [
                ("limit=0", "limit"), ("limit=101", "limit"), ("limit=ten", "limit"), ("cursor=zzz", "cursor"),
                ("cursor=", "cursor"), ("updatedFrom=2026-02-30", "updatedFrom"),
                ("updatedFrom=yesterday", "updatedFrom"),
                ("updatedTo=2026-13-01", "updatedTo"), ("updatedFrom=2026-03-02&updatedTo=2026-03-01", "updatedTo"),
                // What the document refuses: a sign, a repeated parameter, a character outside the cursor's alphabet.
                ("limit=%2B5", "limit"), ("limit=1&limit=2", "limit"),
                ("updatedFrom=2026-01-01&updatedFrom=2026-01-02", "updatedFrom"),
                ("cursor=YWJj%3D", "cursor"),
            ]
            for (query, field) in cases {
                let r = try await visitor.get("/api/v1/ocds/releases?\(query)")
                #expect(r.status == .unprocessableEntity, "\(query)")
                let problems = try Self.json(r)["problems"] as? [[String: Any]] ?? []
                #expect(problems.map { $0["field"] as? String } == [field], "\(query)")
            }
            #expect(try await visitor.get("/api/v1/ocds/releases?limit=100").status == .ok)
            #expect(try await visitor.get("/api/v1/ocds/releases?limit=1").status == .ok)
        }
    }

    @Test func aRecordByItsOcidAndNothingUnpublished() async throws {
        try await withDemoApp { app in
            let visitor = Browser(app)
            let all = Self.releases(try Self.json(try await visitor.get("/api/v1/ocds/releases")))
            let ocid = all.last!["ocid"] as! String
            let r = try await visitor.get("/api/v1/ocds/records/\(ocid)")
            #expect(r.status == .ok)
            let records = try Self.json(r)["records"] as? [[String: Any]] ?? []
            #expect(records.count == 1 && records.first?["ocid"] as? String == ocid)
            let linked = records.first?["releases"] as? [Any] ?? []
            #expect(linked.count == all.filter { $0["ocid"] as? String == ocid }.count)
            #expect(try await visitor.get("/api/v1/ocds/records/ocds-commonweal-\(UUID())").status == .notFound)
            // A draft procurement (not in the pipeline, no tender, no contract) has no record.
            var draft: UUID?
            for p in try await ProcurementModel.query(on: app.db).filter(\.$inPipeline == false).all() {
                let id = try p.requireID()
                let tenders = try await TenderModel.query(on: app.db).filter(\.$procurement.$id == id).count()
                let contracts = try await ContractModel.query(on: app.db).filter(\.$procurement.$id == id).count()
                if tenders == 0 && contracts == 0 { draft = id }
            }
            let d = try #require(draft)
            let ocidOfDraft = "ocds-commonweal-\(d.uuidString.lowercased())"
            #expect(try await visitor.get("/api/v1/ocds/records/\(ocidOfDraft)").status == .notFound)
            #expect(!all.contains { $0["ocid"] as? String == ocidOfDraft })
        }
    }

    @Test func theOpenDataPageStatesTheLicenceAndOffersEachYear() async throws {
        try await withDemoApp { app in
            let visitor = Browser(app)
            let home = try await visitor.get("/")
            #expect(home.body.string.contains("href=\"/open-data\""))
            let page = try await visitor.get("/open-data")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("Open Government Licence v3.0"))
            let all = Self.releases(try Self.json(try await visitor.get("/api/v1/ocds/releases")))
            let year = String((all.first!["date"] as! String).prefix(4))
            #expect(html.contains("href=\"/open-data/releases-\(year).jsonl\""))
            let file = try await visitor.get("/open-data/releases-\(year).jsonl")
            #expect(file.status == .ok)
            let lines = file.body.string.split(separator: "\n")
            #expect(lines.count == all.filter { ($0["date"] as! String).hasPrefix(year) }.count)
            #expect(try await visitor.get("/open-data/releases-1999.jsonl").status == .notFound)
            #expect(try await visitor.get("/open-data/nothing.txt").status == .notFound)
        }
    }
}
