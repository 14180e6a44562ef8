import Fluent
import Foundation
import SocialValue
import Storage
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// Filling a monitoring return offline (docs/monitoring.md): the demo contract's period 2, due,
/// downloaded as a CSV template, filled and uploaded by the food bank's member.
@Suite struct ReturnTemplatePageTests {
    static func filled(eco2: String, narrative: String = "Quarter two, from the spreadsheet") -> String {
        """
        section,key,name,unit,committed,value
        narrative,,What was delivered this period,,,"\(narrative)"
        quantity,ECO2,Apprenticeship weeks,weeks,52,\(eco2)
        note,ECO2,Note,,,One new starter
        quantity,ENV1,Carbon,tonnes,3,1
        note,ENV1,Note,,,
        quantity,SOC1,Hours,hours,2400,320
        note,SOC1,Note,,,

        """
    }

    @Test func theSupplierDownloadsFillsAndUploadsTheTemplate() async throws {
        try await withDemoApp { app in
            let id = try await MonitoringPageTests.contract(app).id!
            let path = "/contracts/\(id)/returns/2"
            let sam = try await MonitoringPageTests.signedIn(Demo.supplier, app)
            let page = try await sam.get(path).body.string
            #expect(page.contains("href=\"\(path)/template.csv\""))
            let template = try await sam.get(path + "/template.csv")
            #expect(template.status == .ok)
            #expect(template.headers.contentType?.description.hasPrefix("text/csv") == true)
            let text = template.body.string
            #expect(text.hasPrefix("\u{FEFF}section,key,name,unit,committed,value\r\n"))
            #expect(
                text.contains(
                    "quantity,ECO2,Apprenticeship weeks on the contract delivered this period (0 if none),weeks,52,\r\n"
                ))

            // A quantity that is not a number: named by its line, and nothing saved.
            let bad = try await sam.upload(
                path + "/upload", fields: [:], file: ("return.csv", Self.filled(eco2: "lots")), fileField: "returnFile")
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("href=\"#returnFile\">line 3, column value: "))
            #expect(try await MonitoringReturnModel.query(on: app.db).filter(\.$periodNumber == 2).count() == 0)
            let notCSV = try await sam.upload(
                path + "/upload", fields: [:], file: ("return.txt", "hello"), fileField: "returnFile")
            #expect(notCSV.body.string.contains("Select the filled template, a .csv file in UTF-8"))

            let good = try await sam.upload(
                path + "/upload", fields: [:], file: ("return.csv", Self.filled(eco2: "6")), fileField: "returnFile")
            #expect(good.status == .seeOther)
            let v = try await MonitoringStore(app.db).returnView(
                contract: id, period: 2,
                viewer: Viewer(userID: UUID(), isAdmin: true, memberships: [], compactSeats: []))
            #expect(v.narrative == "Quarter two, from the spreadsheet")
            #expect(v.status == .draft)
            #expect(
                v.lines.map { "\($0.commitment.code) \($0.claimed.map(DecimalText.plainQuantity) ?? "-")" } == [
                    "ECO2 6", "ENV1 1", "SOC1 320",
                ])
            #expect(v.lines.first?.note == "One new starter")
            // The template now carries the draft's answers.
            #expect(try await sam.get(path + "/template.csv").body.string.contains(",weeks,52,6\r\n"))

            let other = try await MonitoringPageTests.signedIn(Demo.viewer, app)
            #expect(try await other.get(path + "/template.csv").status == .notFound)
        }
    }

    @Test func figuresOverACommitmentNeedTheUploadsOwnConfirmation() async throws {
        try await withDemoApp { app in
            let id = try await MonitoringPageTests.contract(app).id!
            let path = "/contracts/\(id)/returns/2"
            let sam = try await MonitoringPageTests.signedIn(Demo.supplier, app)
            try await sam.get(path)
            // ECO2: 4 weeks verified in period 1 and 60 now is 64 of 52 committed, 12 over.
            let over = try await sam.upload(
                path + "/upload", fields: [:], file: ("return.csv", Self.filled(eco2: "60")), fileField: "returnFile")
            #expect(over.status == .unprocessableEntity)
            #expect(over.body.string.contains("64 weeks delivered in all"))
            #expect(try await MonitoringReturnModel.query(on: app.db).filter(\.$periodNumber == 2).count() == 0)
            let confirmed = try await sam.upload(
                path + "/upload", fields: ["confirmUploadedFigures": "yes"],
                file: ("return.csv", Self.filled(eco2: "60")), fileField: "returnFile")
            #expect(confirmed.status == .seeOther)
            #expect(try await MonitoringReturnModel.query(on: app.db).filter(\.$periodNumber == 2).count() == 1)
        }
    }
}
