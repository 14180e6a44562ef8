import Fluent
import Foundation
import SocialValue
import Storage
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// The administrator, who sees every framework version: for reading what the pages saved.
let anyVersion = Viewer(userID: UUID(), isAdmin: true, memberships: [], compactSeats: [])

/// The demo framework's versions: v1 adopted, v2 draft.
func demoVersions(_ app: Application) async throws -> (framework: UUID, adopted: UUID, draft: UUID) {
    let f = try await FrameworkModel.query(on: app.db).first()!
    let versions = try await FrameworkStore(app.db).versions(of: f.id!, viewer: anyVersion)
    return (f.id!, versions.first { $0.status == .adopted }!.id!, versions.first { $0.status == .draft }!.id!)
}

@Suite struct FrameworkPageTests {
    @Test func theMarketStatementShowsTheAdoptedFrameworkToEveryone() async throws {
        try await withDemoApp { app in
            let page = try await Browser(app).get("/compacts/\(try await compactID(app))/market-statement")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("In Eastmoor, social value means the extra good"))
            #expect(html.contains("Eastmoor Social Value Framework, Version 1, adopted 1 April 2025"))
            #expect(
                html.contains(
                    "<strong>A thriving local economy and voluntary sector</strong>: £2m spend with local VCSE organisations, a year"
                ))
            #expect(html.contains("Carbon emissions avoided"))
            #expect(html.contains("£1,000,000 to under £5,000,000"))
            // forthcoming opportunities come from the pipeline
            #expect(html.contains("Community transport 2026 to 2029"))
        }
    }

    @Test func draftsAreHiddenFromThePublicAndFromThoseNotAskedToComment() async throws {
        try await withDemoApp { app in
            let (f, adopted, draft) = try await demoVersions(app)
            #expect(try await Browser(app).get("/frameworks/\(f)/versions/\(adopted)").status == .ok)
            // sign in first
            #expect(try await Browser(app).get("/frameworks/\(f)/versions/\(draft)").status == .seeOther)
            let supplier = Browser(app)
            try await supplier.signIn(Demo.supplier)
            #expect(try await supplier.get("/frameworks/\(f)/versions/\(draft)").status == .forbidden)
            let overview = try await Browser(app).get("/frameworks/\(f)")
            #expect(!overview.body.string.contains("/versions/\(draft)"))
            let member = Browser(app)
            try await member.signIn(Demo.groupMember)
            let page = try await member.get("/frameworks/\(f)/versions/\(draft)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Small charities cannot calculate tonnes of CO2e"))
        }
    }

    @Test func onlyOwnersEditAndOnlyWhileDraft() async throws {
        try await withDemoApp { app in
            let (f, adopted, draft) = try await demoVersions(app)
            let outcome = try await FrameworkStore(app.db).tree(of: draft, viewer: anyVersion).outcomes[0].id!
            let measure = [
                "outcomeId": outcome.uuidString, "code": "ECO7", "name": "Local apprentices", "unit": "people",
                "valuation": "record-only", "evidence": "Contracts",
            ]
            // A commissioner outside the Compact group is not an owner of the Compact's framework.
            let commissioner = Browser(app)
            try await commissioner.signIn(Demo.commissioner)
            try await commissioner.get("/dashboard")
            #expect(
                try await commissioner.post("/frameworks/\(f)/versions/\(draft)/measures", measure).status == .forbidden
            )
            let member = Browser(app)
            try await member.signIn(Demo.groupMember)
            try await member.get("/frameworks/\(f)/versions/\(draft)")
            #expect(try await member.post("/frameworks/\(f)/versions/\(draft)/measures", measure).status == .seeOther)
            #expect(
                try await FrameworkStore(app.db).tree(of: draft, viewer: anyVersion).measures.contains {
                    $0.code == "ECO7"
                })
            let onAdopted = try await member.post("/frameworks/\(f)/versions/\(adopted)/measures", measure)
            #expect(onAdopted.status == .unprocessableEntity)
            #expect(
                onAdopted.body.string.contains(
                    "Version 1 is adopted and cannot be changed: start a new version to make changes"))
            let dup = try await member.post("/frameworks/\(f)/versions/\(draft)/measures", measure)
            #expect(dup.body.string.contains("The code ECO7 is already used in this version"))
        }
    }

    @Test func ownersRenameAndRemoveThemesInADraft() async throws {
        try await withDemoApp { app in
            let (f, _, draft) = try await demoVersions(app)
            let theme = try await FrameworkStore(app.db).tree(of: draft, viewer: anyVersion).themes[1].model.id!
            let member = Browser(app)
            try await member.signIn(Demo.groupMember)
            #expect(try await member.get("/frameworks/\(f)/versions/\(draft)/items/theme/\(theme)/edit").status == .ok)
            let blank = try await member.post("/frameworks/\(f)/versions/\(draft)/items/theme/\(theme)", ["name": ""])
            #expect(blank.body.string.contains("<a href=\"#name\">Enter the theme’s name</a>"))
            #expect(
                try await member.post(
                    "/frameworks/\(f)/versions/\(draft)/items/theme/\(theme)",
                    ["name": "Healthy, connected communities"]
                ).status == .seeOther)
            #expect(
                try await member.get("/frameworks/\(f)/versions/\(draft)").body.string.contains(
                    "Healthy, connected communities"))
            #expect(
                try await member.post("/frameworks/\(f)/versions/\(draft)/items/theme/\(theme)/delete", [:]).status
                    == .seeOther)
            #expect(try await FrameworkStore(app.db).tree(of: draft, viewer: anyVersion).themes.count == 2)
            #expect(
                try await member.get("/frameworks/\(f)/versions/\(draft)/items/planet/\(theme)/edit").status
                    == .notFound)
        }
    }

    @Test func aConsultationAboutADraftVersionLinksToIt() async throws {
        try await withDemoApp { app in
            let (f, _, draft) = try await demoVersions(app)
            let priya = Browser(app)
            try await priya.signIn(Demo.commissioner)
            let newPage = try await priya.get("/consultations/new")
            #expect(newPage.body.string.contains("Eastmoor Social Value Framework, Version 2 (draft)"))
            let opens = UKTime.date(at: Date()).adding(days: 14)
            var form = [
                "ownerId": try await id(of: "Eastmoor County Council", app).uuidString,
                "compactId": try await compactID(app).uuidString,
                "title": "Version 2 of our framework", "summary": "Tell us what you think of the draft.",
                "subject": "policy",
                "audience[]": "vcs", "opensOn": opens.iso, "closesOn": opens.adding(days: 84).iso,
                "frameworkVersionId": draft.uuidString,
            ]
            let wrongSubject = try await priya.post("/consultations", form)
            #expect(
                wrongSubject.body.string.contains(
                    "<a href=\"#frameworkVersionId\">Only a consultation about a social value framework version links to one"
                ))
            form["subject"] = "framework-version"
            let made = try await priya.post("/consultations", form)
            #expect(made.status == .seeOther)
            let id = try #require(made.headers.first(name: .location)).components(separatedBy: "/")[2]
            let page = try await priya.get("/consultations/\(id)")
            #expect(page.body.string.contains("href=\"/frameworks/\(f)/versions/\(draft)\""))
            let token = try await APITests().token(for: Demo.commissioner, app)
            let api = try await priya.api(.GET, "/api/v1/consultations/\(id)", token: token)
            #expect(api.body.string.contains("\"frameworkVersionId\":\"\(draft.uuidString)\""))
            let unknown = try await priya.api(
                .PUT, "/api/v1/consultations/\(id)", token: token,
                json: """
                    {"title":"Version 2 of our framework","summary":"x","subject":"framework-version","audience":["vcs"],"opensOn":"\(opens.iso)","closesOn":"\(opens.adding(days: 84).iso)","frameworkVersionId":"\(UUID().uuidString)"}
                    """)
            #expect(unknown.status == .unprocessableEntity)
            #expect(unknown.body.string.contains("Select a framework version from the list"))
        }
    }

    @Test func aConsultationAboutAProcurementLinksToOneOfTheBodysOwn() async throws {
        try await withDemoApp { app in
            let county = try await id(of: "Eastmoor County Council", app)
            let icb = try await id(of: "NHS Eastmoor Integrated Care Board", app)
            let ours = try #require(try await ProcurementModel.query(on: app.db).filter(\.$owner.$id == county).first())
            let theirs = try #require(try await ProcurementModel.query(on: app.db).filter(\.$owner.$id == icb).first())
            let priya = Browser(app)
            try await priya.signIn(Demo.commissioner)
            let newPage = try await priya.get("/consultations/new")
            #expect(newPage.body.string.contains(">\(ours.title)</option>"))
            #expect(!newPage.body.string.contains(">\(theirs.title)</option>"))  // only the body's own
            let opens = UKTime.date(at: Date()).adding(days: 14)
            var form = [
                "ownerId": county.uuidString, "compactId": try await compactID(app).uuidString,
                "title": "Shaping the new contract",
                "summary": "What should the new service do?", "subject": "procurement", "audience[]": "vcs",
                "opensOn": opens.iso, "closesOn": opens.adding(days: 84).iso, "procurementId": theirs.id!.uuidString,
            ]
            let refused = try await priya.post("/consultations", form)
            #expect(
                refused.body.string.contains(
                    "<a href=\"#procurementId\">Select one of the consulting body’s procurements</a>"))
            form["procurementId"] = ours.id!.uuidString
            let made = try await priya.post("/consultations", form)
            #expect(made.status == .seeOther)
            let id = try #require(made.headers.first(name: .location)).components(separatedBy: "/")[2]
            #expect(
                try await priya.get("/consultations/\(id)").body.string.contains("href=\"/procurements/\(ours.id!)\""))
        }
    }

    @Test func onlyCompactGroupMembersComment() async throws {
        try await withDemoApp { app in
            let (f, _, draft) = try await demoVersions(app)
            let outcome = try await FrameworkStore(app.db).tree(of: draft, viewer: anyVersion).outcomes[0].id!
            let comment = [
                "targetKind": "outcome", "targetId": outcome.uuidString, "text": "Please add a target for Saltmarsh",
            ]
            let admin = Browser(app)
            try await admin.signIn(Demo.admin)  // an owner (admin) but not on the group
            try await admin.get("/dashboard")
            #expect(try await admin.post("/frameworks/\(f)/versions/\(draft)/comments", comment).status == .forbidden)
            let member = Browser(app)
            try await member.signIn("compact@eastmoor-cc.example")
            try await member.get("/frameworks/\(f)/versions/\(draft)")
            #expect(try await member.post("/frameworks/\(f)/versions/\(draft)/comments", comment).status == .seeOther)
            let saved = try await FrameworkStore(app.db).comments(on: draft, viewer: anyVersion).first {
                $0.text == comment["text"]
            }
            #expect(saved?.authorOrganisation == "Eastmoor County Council")
            // The owners respond on the page.
            try await admin.get("/frameworks/\(f)/versions/\(draft)")
            #expect(
                try await admin.post(
                    "/frameworks/\(f)/versions/\(draft)/comments/\(saved!.id!)/response", ["response": "Added"]
                ).status == .seeOther)
            #expect(try await member.get("/frameworks/\(f)/versions/\(draft)").body.string.contains("Added"))
        }
    }

    @Test func startingAFrameworkIsForOwnersRolesOnly() async throws {
        try await withDemoApp { app in
            for (email, allowed) in [
                (Demo.admin, true), (Demo.commissioner, true), (Demo.groupMember, true),
                (Demo.evaluator, false), (Demo.viewer, false), (Demo.supplier, false),
            ] {
                let b = Browser(app)
                try await b.signIn(email)
                #expect(try await b.get("/frameworks/new").status == (allowed ? .ok : .forbidden), "\(email)")
            }
            let commissioner = Browser(app)
            try await commissioner.signIn(Demo.commissioner)
            try await commissioner.get("/frameworks/new")
            let county = try await id(of: "Eastmoor County Council", app)
            let made = try await commissioner.post(
                "/frameworks",
                [
                    "name": "County PPN 06/20 framework", "owner": "organisation:\(county)",
                    "template": "ppn-06-20", "reviewOn": "2027-11-01",
                ])
            #expect(made.status == .seeOther)
            let page = try await commissioner.get(made.headers.first(name: .location)!)
            #expect(page.body.string.contains("Tackling economic inequality"))
            #expect(page.body.string.contains("UNVERIFIED"))
            let compact = try await compactID(app)
            let notMine = try await commissioner.post(
                "/frameworks",
                ["name": "Sneaky", "owner": "compact:\(compact)", "template": "blank", "reviewOn": "2027-11-01"])
            #expect(notMine.status == .forbidden)
        }
    }

    @Test func aBadValueSetFileIsRefusedWithLineAndColumnAndNothingSaved() async throws {
        try await withDemoApp { app in
            let (framework, adopted, draft) = try await demoVersions(app)
            let member = Browser(app)
            try await member.signIn(Demo.groupMember)
            try await member.get("/value-sets/new?version=\(adopted)")
            let bad = try await member.post(
                "/value-sets",
                [
                    "version": adopted.uuidString, "name": "Imported 2026",
                    "csvText":
                        "measure_code,value_per_unit,currency,base_year,source,licence,notes\nENV1,lots,GBP,2025,x,,\n",
                ])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("line 2, column value_per_unit: ‘lots’ is not a number"))
            #expect(bad.body.string.contains("line 2, column licence: The licence is missing"))
            #expect(try await ValueSetModel.query(on: app.db).count() == 1)  // only the demo's
            let good = try await member.post(
                "/value-sets",
                [
                    "version": adopted.uuidString, "name": "Imported 2026",
                    "csvText":
                        "measure_code,value_per_unit,currency,base_year,source,licence,notes\nENV1,256,GBP,2024,DESNZ,OGL v3.0,\n",
                ])
            #expect(good.status == .seeOther)
            let setPage = try await member.get(good.headers.first(name: .location)!)
            #expect(setPage.body.string.contains("£256 per tonne CO2e"))
            // A set of the adopted version keeps its values: no form offers to replace them (issue 13 §1).
            #expect(!setPage.body.string.contains("Replace the values"))
            #expect(setPage.body.string.contains(" is adopted, so this set keeps its values and its price index"))
            // Nor its price index (issue 13 §1): no form, and a post is refused with 409.
            #expect(!setPage.body.string.contains("Price index for uprating"))
            let index = try await member.post(
                good.headers.first(name: .location)! + "/price-index", ["indexText": "year,index\n2024,100\n2025,103\n"]
            )
            #expect(index.status == .conflict)
            #expect(index.body.string.contains("its price index cannot be changed"))
            let csv = try await member.get(good.headers.first(name: .location)! + "/values.csv")
            #expect(
                csv.body.string
                    == "measure_code,value_per_unit,currency,base_year,source,licence,notes\r\nENV1,256.00,GBP,2024,DESNZ,OGL v3.0,\r\n"
            )
            // A value set of an adopted version is public, as the version is; its forms are not.
            let visitor = Browser(app)
            let publicPage = try await visitor.get(good.headers.first(name: .location)!)
            #expect(publicPage.status == .ok)
            #expect(publicPage.body.string.contains("£256 per tonne CO2e"))
            #expect(!publicPage.body.string.contains("Replace the values"))
            #expect(
                try await visitor.get(good.headers.first(name: .location)! + "/values.csv").body.string
                    == csv.body.string)
            #expect(
                try await visitor.get("/frameworks/\(framework)/versions/\(adopted)").body.string.contains(
                    "Imported 2026"))
            // One of a draft is not.
            let onDraft = try await member.post(
                "/value-sets",
                [
                    "version": draft.uuidString, "name": "Draft values",
                    "csvText":
                        "measure_code,value_per_unit,currency,base_year,source,licence,notes\nENV1,300,GBP,2024,DESNZ,OGL v3.0,\n",
                ])
            #expect(onDraft.status == .seeOther)
            #expect(try await visitor.get(onDraft.headers.first(name: .location)!).status == .notFound)
        }
    }

    @Test func theAPIListsFrameworksAndReportsCSVProblemsByLine() async throws {
        try await withDemoApp { app in
            let b = Browser(app)
            let (_, adopted, draft) = try await demoVersions(app)
            let list = try await b.api(.GET, "/api/v1/frameworks", token: nil)
            #expect(list.status == .ok)
            #expect(list.body.string.contains("Eastmoor Social Value Framework"))
            #expect(!list.body.string.contains(draft.uuidString))  // drafts are not public
            #expect(try await b.api(.GET, "/api/v1/framework-versions/\(draft)", token: nil).status == .notFound)
            let version = try await b.api(.GET, "/api/v1/framework-versions/\(adopted)", token: nil)
            #expect(version.body.string.contains("\"code\":\"ENV1\""))
            let token = try await APITests().token(for: Demo.groupMember, app)
            let bad = try await b.api(
                .POST, "/api/v1/framework-versions/\(adopted)/value-sets", token: token,
                json:
                    #"{"name":"API set","csv":"measure_code,value_per_unit,currency,base_year,source,licence,notes\nXYZ,1,GBP,2025,s,l,\n"}"#
            )
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains(#""field":"csv""#))
            #expect(bad.body.string.contains("line 2, column measure_code: Unknown measure code ‘XYZ’"))
            let strategy = try await b.api(.GET, "/api/v1/compacts/\(try await compactID(app))/strategy", token: nil)
            #expect(strategy.body.string.contains("£2m spend with local VCSE organisations"))
        }
    }
}
