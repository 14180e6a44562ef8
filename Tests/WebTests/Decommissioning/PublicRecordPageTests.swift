import Fluent
import Foundation
import SocialValue
import Storage
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// The public record of decommissioning on the pages (issue 16; decommissioning.md, "The public
/// record"): the commissioner publishes from the case page; anyone reads the list, the summary
/// and the CSV without signing in, and no person's name or email is among them.
@Suite struct PublicRecordPageTests {
    static let now = Date(timeIntervalSince1970: 1_800_439_200)  // 2027-01-20T10:00:00Z
    /// Personal data the case holds, none of which may be published.
    static let discussionPerson = "Ophelia Quargnali"
    static let discussionEmail = "ophelia.quargnali@foodbank-trustees.example"
    static let respondent = "Barnaby Thistlewood"
    static let respondentPhone = "07700 900461"
    static let caseRationalePerson = "Cressida Wolstenholme"

    static func viewer(_ email: String, _ app: Application) async throws -> (Viewer, UserModel) {
        let user = try #require(try await UserModel.query(on: app.db).filter(\.$email == email).first())
        return (try await UserStore(app.db, passwords: testPasswords).viewer(for: user), user)
    }

    /// The demo's food hub case, with personal data in its discussions, response and decision,
    /// decided as an end with notice 12 days short.
    static func decidedCase(_ app: Application) async throws -> UUID {
        let c = try await DecommissioningPageTests.demoCase(app)
        let id = try c.requireID()
        let store = DecommissioningStore(app.db)
        let (commissioner, priya) = try await viewer(Demo.commissioner, app)
        let (supplier, sam) = try await viewer(Demo.supplier, app)
        _ = try await store.addDiscussion(
            id,
            DiscussionInput(
                heldOn: "2027-01-10",
                notes: "Met \(discussionPerson) (\(discussionEmail)), the chair, who is unwell this month"),
            viewer: commissioner, by: .user(priya), now: now)
        _ = try await store.respond(
            id,
            ResponseInput(
                text: "Signed \(respondent), volunteer coordinator, \(respondentPhone). Please keep Friday opening."),
            viewer: supplier, by: .user(sam), now: now)
        _ = try await store.decide(
            id,
            DecisionInput(
                decision: "end",
                rationale: "Discussed with \(caseRationalePerson); the budget falls by a third",
                noticeGivenOn: "2027-01-20", effectiveOn: "2027-04-08"),
            viewer: commissioner, by: .user(priya), now: now)
        return id
    }

    @Test func theCommissionerPublishesAndNoPersonalDataReachesThePublicRecord() async throws {
        try await withDemoApp { app in
            let id = try await Self.decidedCase(app)
            let (_, priya) = try await Self.viewer(Demo.commissioner, app)
            let (_, sam) = try await Self.viewer(Demo.supplier, app)
            let b = try await DecommissioningPageTests.signedIn(Demo.commissioner, app)
            let casePage = try await b.get("/decommissioning/\(id)")
            #expect(casePage.body.string.contains("Publish the public summary"))
            let form = try await b.get("/decommissioning/\(id)/publish")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("Do not include personal data"))
            // Prefilled from the case: the commissioner must remove the name before publishing.
            #expect(form.body.string.contains(Self.caseRationalePerson))
            let empty = try await b.post("/decommissioning/\(id)/publish", ["rationale": " "])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.body.string.contains("govuk-error-summary"))
            #expect(empty.body.string.contains("href=\"#rationale\""))
            #expect(try await DecommissioningStore(app.db).publications(of: id).isEmpty)
            let forged = try await b.post(
                "/decommissioning/\(id)/publish", ["rationale": "The budget falls by a third"], csrf: "forged")
            #expect(forged.status == .forbidden)
            let done = try await b.post(
                "/decommissioning/\(id)/publish", ["rationale": "The county’s grants budget falls by a third"])
            #expect(done.status == .seeOther)
            #expect(done.headers.first(name: .location) == "/decommissioning/public/\(id)")
            #expect(try await b.get("/decommissioning/\(id)").body.string.contains("/decommissioning/public/\(id)"))

            let secrets = [
                Self.discussionPerson, Self.discussionEmail, Self.respondent, Self.respondentPhone,
                Self.caseRationalePerson, priya.email, priya.displayName, sam.email, sam.displayName,
                "Please keep Friday opening", "unwell",
            ]
            let visitor = Browser(app)
            let list = try await visitor.get("/decommissioning/public")
            let page = try await visitor.get("/decommissioning/public/\(id)")
            let csv = try await visitor.get("/decommissioning/public.csv")
            for (name, r) in [("list", list), ("summary", page), ("CSV", csv)] {
                #expect(r.status == .ok, "\(name)")
                #expect(r.body.string.contains(DecommissioningPageTests.hub), "\(name) shows the case")
                for secret in secrets {
                    #expect(!r.body.string.contains(secret), "\(name) shows \(secret)")
                }
            }
            #expect(page.body.string.contains("The county’s grants budget falls by a third"))
            #expect(page.body.string.contains("Breach: 12 days short of 3 months"))
            #expect(csv.body.string.contains("The county’s grants budget falls by a third"))
            #expect(csv.body.string.contains(",end,"))
            #expect(csv.headers.contentType?.subType == "csv")
        }
    }

    @Test func onlyTheBodysCommissionersPublishAndAVisitorSeesNothingUnpublished() async throws {
        try await withDemoApp { app in
            let id = try await Self.decidedCase(app)
            let visitor = Browser(app)
            #expect(try await visitor.get("/decommissioning/public/\(id)").status == .notFound)
            #expect(
                try await visitor.get("/decommissioning/public").body.string.contains(
                    "No decommissioning decisions have been published yet"))
            let colin = try await DecommissioningPageTests.signedIn(DecommissioningPageTests.colin, app)
            try await colin.get("/decommissioning/\(id)")
            #expect(try await colin.get("/decommissioning/\(id)/publish").status == .forbidden)
            #expect(try await colin.post("/decommissioning/\(id)/publish", ["rationale": "Why"]).status == .forbidden)
            let idris = try await DecommissioningPageTests.signedIn(DecommissioningPageTests.idris, app)
            try await idris.get("/decommissioning")
            #expect(try await idris.post("/decommissioning/\(id)/publish", ["rationale": "Why"]).status == .notFound)
            #expect(try await DecommissioningStore(app.db).publications(of: id).isEmpty)
        }
    }

    @Test func theListFiltersAndTheCSVNeutralisesFormulas() async throws {
        try await withDemoApp { app in
            let id = try await Self.decidedCase(app)
            let (commissioner, priya) = try await Self.viewer(Demo.commissioner, app)
            let store = DecommissioningStore(app.db)
            _ = try await store.publish(
                id, PublicSummaryInput(rationale: "=HYPERLINK(\"http://evil.example\")"), viewer: commissioner,
                by: .user(priya), now: Self.now)
            let v = Browser(app)
            let hub = DecommissioningPageTests.hub
            #expect(try await v.get("/decommissioning/public?change=end").body.string.contains(hub))
            #expect(!(try await v.get("/decommissioning/public?change=reduce").body.string.contains(hub)))
            #expect(try await v.get("/decommissioning/public?notice=breach").body.string.contains(hub))
            #expect(!(try await v.get("/decommissioning/public?notice=compliant").body.string.contains(hub)))
            #expect(try await v.get("/decommissioning/public?q=food").body.string.contains(hub))
            let none = try await v.get("/decommissioning/public?q=zzzz")
            #expect(none.body.string.contains("No published decisions match"))
            #expect(!(try await v.get("/decommissioning/public.csv?notice=compliant").body.string.contains(hub)))
            let csv = try await v.get("/decommissioning/public.csv?notice=breach").body.string
            #expect(csv.contains(hub))
            #expect(csv.contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\""))
            let icb = "NHS Eastmoor Integrated Care Board"
            let other = try #require(try await OrganisationModel.query(on: app.db).filter(\.$name == icb).first()?.id)
            #expect(!(try await v.get("/decommissioning/public?bodyId=\(other)").body.string.contains(hub)))
        }
    }
}
