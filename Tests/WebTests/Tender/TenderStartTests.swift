import Fluent
import Foundation
import SocialValue
import Storage
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// Forms that carry what is known (issue 13 §4): the demo's "Community transport 2026 to 2029"
/// has its consideration signed off at 15% with the measures of two outcomes and no tender yet.
@Suite struct TenderStartTests {
    static let transport = "Community transport 2026 to 2029"
    /// The codes the demo's value set prices (DemoArea.illustrativeValues).
    static let priced: Set<String> = ["ECO1", "ECO2", "SOC1", "ENV1"]

    static func procurement(_ app: Application) async throws -> ProcurementModel {
        try await ProcurementModel.query(on: app.db).filter(\.$title == transport).first()!
    }

    /// A form posted with repeated names (`measureIDs[]`), with the page's CSRF token.
    static func post(_ b: Browser, _ path: String, _ pairs: [(String, String)]) async throws -> TestingHTTPResponse {
        let body = (pairs + [("_csrf", b.csrf ?? "")]).map { "\(Browser.encode($0.0))=\(Browser.encode($0.1))" }
            .joined(separator: "&")
        return try await b.send(.POST, path, body: body, contentType: "application/x-www-form-urlencoded")
    }

    @Test func aNewTenderStartsFromTheConsiderationAndThenFromItsAmendment() async throws {
        try await withDemoApp { app in
            let p = try await Self.procurement(app)
            let id = p.id!
            let original = try #require(p.consideration)
            let codes = try await FrameworkMeasureModel.query(on: app.db).filter(\.$id ~~ original.measureIDs).all()
                .map(\.code)
            let ticked = codes.filter { Self.priced.contains($0) }
            #expect(!ticked.isEmpty)
            let priya = Browser(app)
            try await priya.signIn(Demo.commissioner)
            let form = try await priya.get("/procurements/\(id)/tender").body.string
            #expect(form.contains("name=\"socialValueWeight\" type=\"text\" value=\"15\""))
            #expect(
                form.contains("A new set-up starts from the signed-off consideration: a social value weighting of 15%"))
            for code in ticked { #expect(form.contains("value=\"\(code)\" checked>")) }
            #expect(!form.contains("id=\"weighting-differs\""))

            // Typing another weight: the form says it differs from the consideration.
            let differs = try await priya.post(
                "/procurements/\(id)/tender", ["socialValueWeight": "12", "priceWeight": "40", "qualityWeight": "48"])
            #expect(differs.status == .unprocessableEntity)
            #expect(
                differs.body.string.contains(
                    "The signed-off consideration sets a social value weighting of 15%; this tender’s is 12%."))

            // Amended to 20% with the same measures: the form starts from version 2.
            _ = try await priya.get("/procurements/\(id)/consideration/amend")
            var pairs: [(String, String)] = [
                ("reason", "The market engagement supports 20%"), ("wellbeing", original.wellbeing),
                ("securing", original.securing), ("weightingPercent", "20"),
                ("weightingReason", "Community transport has a large volunteer element"),
                ("consult", original.consult ? "yes" : "no"), ("consultReason", original.consultReason),
                ("monitoring", original.monitoring.rawValue), ("monitoringPlan", original.monitoringPlan),
                ("contractConditions", original.contractConditions), ("smeVcsSteps", original.smeVcsSteps),
            ]
            pairs += original.outcomeIDs.map { ("outcomeIDs[]", $0.uuidString) }
            pairs += original.measureIDs.map { ("measureIDs[]", $0.uuidString) }
            let amended = try await Self.post(priya, "/procurements/\(id)/consideration/amend", pairs)
            #expect(amended.status == .seeOther)
            let again = try await priya.get("/procurements/\(id)/tender").body.string
            #expect(again.contains("name=\"socialValueWeight\" type=\"text\" value=\"20\""))
            #expect(again.contains("A new set-up starts from version 2 of the consideration (amended)"))
            #expect(again.contains(">Community transport has a large volunteer element</textarea>"))
            for code in ticked { #expect(again.contains("value=\"\(code)\" checked>")) }
        }
    }

    @Test func theConsiderationFormWarnsOfValuedMeasuresNoValueSetPricesAndNeedsThemConfirmed() async throws {
        try await withDemoApp { app in
            // Take ECO1 (valued in £) out of every value set: now nothing prices it.
            try await ValueSetEntryModel.query(on: app.db).filter(\.$measureCode == "ECO1").delete()
            let measures = try await FrameworkMeasureModel.query(on: app.db).all()
            let eco1 = try #require(measures.first { $0.code == "ECO1" })
            let eco2 = try #require(measures.first { $0.code == "ECO2" })
            let eco3 = try #require(measures.first { $0.code == "ECO3" })  // record only: never warned of
            // The demo's "Carers’ breaks service" has no consideration yet.
            let procurement = try await ProcurementModel.query(on: app.db).filter(\.$title == "Carers’ breaks service")
                .first()!
            let path = "/procurements/\(procurement.id!)"
            let priya = Browser(app)
            try await priya.signIn(Demo.commissioner)
            let page = try await priya.get("\(path)/consideration").body.string  // the form's own page
            // Said beside the measures before any is ticked.
            #expect(
                page.contains(
                    "No value set open to this procurement prices ECO1: a tender cannot monetise commitments to it."))
            let fields: [(String, String)] = [
                ("wellbeing", "Residents take part in their community."), ("securing", "Weighted at 15%."),
                ("weightingPercent", "15"), ("consult", "no"), ("consultReason", "Consulted last year."),
                ("monitoring", "quarterly"), ("monitoringPlan", "Quarterly returns."),
                ("measureIDs[]", eco1.id!.uuidString), ("measureIDs[]", eco2.id!.uuidString),
                ("measureIDs[]", eco3.id!.uuidString),
            ]
            let refused = try await Self.post(priya, "\(path)/consideration", fields)
            #expect(refused.status == .unprocessableEntity)
            let html = refused.body.string
            #expect(html.contains("id=\"unpriced-measures\""))
            #expect(html.contains("<li>ECO1 Local people employed on the contract</li>"))
            #expect(!html.contains("<li>ECO2") && !html.contains("<li>ECO3"))
            #expect(
                html.contains(
                    "<a href=\"#confirmUnpriced\">No value set prices ECO1 Local people employed on the contract: confirm you want it though a tender cannot monetise it, or choose priced measures</a>"
                ))
            // Nothing signed off.
            #expect(try await ProcurementModel.find(procurement.id, on: app.db)!.considerationJSON == nil)
            let confirmed = try await Self.post(
                priya, "\(path)/consideration", fields + [("confirmUnpriced", "yes")])
            #expect(confirmed.status == .seeOther)
            let signed = try await ProcurementModel.find(procurement.id, on: app.db)!
            #expect(Set(try #require(signed.consideration).measureIDs) == Set([eco1.id!, eco2.id!, eco3.id!]))
        }
    }
}
