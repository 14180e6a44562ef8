import Fluent
import Foundation
import SocialValue
import Storage
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// A value set's licence (issue 15, "Proxy licences matter"): shown on its page and in its
/// JSON; the import form and API accept it, checked.
@Suite struct ValueSetLicenceTests {
    static let csv =
        "measure_code,value_per_unit,currency,base_year,source,licence,notes\nENV1,256,GBP,2024,DESNZ,OGL v3.0,\n"

    @Test func theDemoSetShowsTheLicenceItsRowsImply() async throws {
        try await withDemoApp { app in
            let set = try await ValueSetModel.query(on: app.db).first()!
            let page = try await Browser(app).get("/value-sets/\(set.id!)").body.string
            #expect(
                page.contains(
                    "<a class=\"govuk-link\" href=\"https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/\">Open Government Licence v3.0</a>"
                ))
            #expect(page.contains("Values may be published"))
            let token = try await APITests().token(for: Demo.groupMember, app)
            let r = try await Browser(app).api(.GET, "/api/v1/value-sets/\(set.id!)", token: token)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(r.body.string.utf8)) as? [String: Any])
            let licence = try #require(json["licence"] as? [String: Any])
            #expect(licence["name"] as? String == "Open Government Licence v3.0")
            #expect(licence["url"] as? String == ProxyLicence.openGovernmentLicenceURL)
            #expect(
                licence["permitsRedistribution"] as? Bool == true && licence["permitsCommercialUse"] as? Bool == true)
            #expect(licence["mayPublishValues"] as? Bool == true)
        }
    }

    @Test func theFormTakesTheLicenceAndChecksIt() async throws {
        try await withDemoApp { app in
            let (_, adopted, _) = try await demoVersions(app)
            let member = Browser(app)
            try await member.signIn(Demo.groupMember)
            let form = try await member.get("/value-sets/new?version=\(adopted)").body.string
            #expect(form.contains("name=\"licenceName\"") && form.contains("name=\"permitsCommercialUse\""))
            let bad = try await member.post(
                "/value-sets",
                [
                    "version": adopted.uuidString, "name": "HACT 2026", "csvText": Self.csv,
                    "licenceName": "CC BY-NC-ND 4.0", "licenceUrl": "creativecommons.org",
                    "permitsRedistribution": "yes", "permitsCommercialUse": "yes",
                ])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("href=\"#licenceUrl\""))
            #expect(bad.body.string.contains("href=\"#permitsCommercialUse\""))
            #expect(try await ValueSetModel.query(on: app.db).count() == 1)
            let good = try await member.post(
                "/value-sets",
                [
                    "version": adopted.uuidString, "name": "HACT 2026", "csvText": Self.csv,
                    "licenceName": "CC BY-NC-ND 4.0",
                    "licenceUrl": "https://creativecommons.org/licenses/by-nc-nd/4.0/",
                    "permitsRedistribution": "yes",
                ])
            #expect(good.status == .seeOther)
            let set = try await ValueSetModel.query(on: app.db).filter(\.$name == "HACT 2026").first()!
            #expect(
                set.licence
                    == ProxyLicence(
                        name: "CC BY-NC-ND 4.0", url: "https://creativecommons.org/licenses/by-nc-nd/4.0/",
                        permitsRedistribution: true, permitsCommercialUse: false))
            let page = try await member.get("/value-sets/\(set.id!)").body.string
            #expect(page.contains("Values are left out; quantities are shown without them"))
        }
    }

    @Test func theAPITakesTheLicence() async throws {
        try await withDemoApp { app in
            let (_, adopted, _) = try await demoVersions(app)
            let token = try await APITests().token(for: Demo.groupMember, app)
            let b = Browser(app)
            let csv = Self.csv.replacingOccurrences(of: "\n", with: "\\n")
            let bad = try await b.api(
                .POST, "/api/v1/framework-versions/\(adopted)/value-sets", token: token,
                json: #"{"name":"API set","licenceUrl":"https://example.org/terms","csv":"\#(csv)"}"#)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains(#""field":"licenceName""#))
            let made = try await b.api(
                .POST, "/api/v1/framework-versions/\(adopted)/value-sets", token: token,
                json:
                    #"{"name":"API set","licenceName":"Our terms","permitsRedistribution":true,"permitsCommercialUse":"yes","csv":"\#(csv)"}"#
            )
            #expect(made.status == .created)
            #expect(made.body.string.contains(#""mayPublishValues":true"#))
            #expect(made.body.string.contains(#""name":"Our terms""#))
        }
    }
}
