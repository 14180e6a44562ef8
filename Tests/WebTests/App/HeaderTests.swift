import Foundation
import Testing
import Vapor

@testable import Web

/// The header (issue 13 §7): a menu of at most seven sections, on one line at 1280 px (the browser
/// journeys measure that on every page they visit), and each person's own links above it.
@Suite struct HeaderTests {
    /// The link texts of the header's menu, or of its account links, in order.
    static func links(_ html: String, in nav: String) -> [String] {
        guard let start = html.range(of: "<nav aria-label=\"\(nav)\""),
            let end = html.range(of: "</nav>", range: start.upperBound..<html.endIndex)
        else { return [] }
        let part = String(html[start.upperBound..<end.lowerBound])
        let regex = try! NSRegularExpression(pattern: #"<a [^>]*>([^<]+)</a>"#)
        return regex.matches(in: part, range: NSRange(part.startIndex..., in: part)).map {
            String(part[Range($0.range(at: 1), in: part)!])
        }
    }

    @Test func eachPersonGetsAShortMenuAndTheirOwnLinks() async throws {
        try await withDemoApp { app in
            let visitor = try await Browser(app).get("/").body.string
            #expect(
                Self.links(visitor, in: "Menu") == [
                    "Compacts", "Frameworks", "Consultations", "Pipeline", "Tenders", "Contracts",
                ])
            #expect(Self.links(visitor, in: "Your account") == ["Sign in"])

            let commissioner = Browser(app)
            try await commissioner.signIn(Demo.commissioner)
            let page = try await commissioner.get("/dashboard").body.string
            #expect(
                Self.links(page, in: "Menu") == [
                    "Dashboard", "Compacts", "Frameworks", "Consultations", "Procurements", "Contracts",
                    "Decommissioning",
                ])
            let own = Self.links(page, in: "Your account")
            #expect(own.first == "Organisations" && own.last == "Your account")
            #expect(!own.contains("Users") && !own.contains("Audit trail"))
            #expect(page.contains(">Sign out</button>"))
            // Pipeline and tenders are a click away from the procurements page.
            let procurements = try await commissioner.get("/procurements").body.string
            #expect(procurements.contains("href=\"/pipeline\"") && procurements.contains("href=\"/tenders\""))

            let supplier = Browser(app)
            try await supplier.signIn(Demo.supplier)
            let supplierMenu = Self.links(try await supplier.get("/dashboard").body.string, in: "Menu")
            #expect(supplierMenu.contains("Pipeline") && supplierMenu.contains("Tenders"))
            #expect(!supplierMenu.contains("Procurements") && !supplierMenu.contains("Decommissioning"))

            let admin = Browser(app)
            try await admin.signIn(Demo.admin)
            let adminPage = try await admin.get("/dashboard").body.string
            #expect(Self.links(adminPage, in: "Menu").count <= 7)
            let adminOwn = Self.links(adminPage, in: "Your account")
            #expect(adminOwn.contains("Users") && adminOwn.contains("Audit trail"))
        }
    }

    @Test func theFooterNamesTheLicence() async throws {
        try await withDemoApp { app in
            let home = try await Browser(app).get("/").body.string
            #expect(home.contains("open-source software under the MIT licence"))
            let licence = try String(
                contentsOf: URL(fileURLWithPath: #filePath)
                    .deletingLastPathComponent().appendingPathComponent("../../../LICENSE").standardized,
                encoding: .utf8)
            #expect(licence.hasPrefix("MIT License"))
        }
    }
}
