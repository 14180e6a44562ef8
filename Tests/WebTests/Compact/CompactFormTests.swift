import Fluent
import Foundation
import Storage
import TestSupport
import Testing
import Vapor

@testable import Web

/// The Compact's forms post the core's inputs, with the core's names, through `handleForm`; the
/// store decides who may change the Compact.
@Suite struct CompactFormTests {
    @Test func theStoreRefusesAReviewFromSomeoneOutsideTheGroup() async throws {
        try await withDemoApp { app in
            let compact = try await compactID(app)
            let priya = Browser(app)
            try await priya.signIn(Demo.commissioner)
            try await priya.get("/compacts/\(compact)")
            let refused = try await priya.post(
                "/compacts/\(compact)/reviews",
                [
                    "reviewedOn": "2026-03-02", "versionAfter": "3.1", "summary": "Checked",
                    "nextReviewOn": "2027-03-01",
                ])
            #expect(refused.status == .forbidden)
            #expect(try await CompactModel.find(compact, on: app.db)?.version == "3.0")
        }
    }

    @Test func aReviewPostsTheReviewInputAndShowsItsProblemsByName() async throws {
        try await withDemoApp { app in
            let compact = try await compactID(app)
            let member = Browser(app)
            try await member.signIn(Demo.groupMember)
            let form = try await member.get("/compacts/\(compact)/reviews/new")
            #expect(form.body.string.contains("name=\"versionAfter\""))
            let bad = try await member.post(
                "/compacts/\(compact)/reviews",
                ["reviewedOn": "2026-03-02", "versionAfter": "", "summary": "Checked", "nextReviewOn": "2027-03-01"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("<a href=\"#versionAfter\">"))
            let good = try await member.post(
                "/compacts/\(compact)/reviews",
                ["reviewedOn": "2026-03-02", "versionAfter": "3.1", "summary": "Checked", "nextReviewOn": "2027-03-01"])
            #expect(good.status == .seeOther)
            #expect(try await CompactModel.find(compact, on: app.db)?.version == "3.1")
        }
    }

    @Test func aDuplicatePrincipleIsShownOnTheFormAndASignatoryIsChosenFromTheList() async throws {
        try await withDemoApp { app in
            let compact = try await compactID(app)
            let member = Browser(app)
            try await member.signIn(Demo.groupMember)
            // The demo's Compact is signed: its principles change only by an amendment (issue 13 §1).
            let principlesPage = try await member.get("/compacts/\(compact)/principles").body.string
            #expect(principlesPage.contains("Amend the Compact"))
            #expect(!principlesPage.contains("Add principle"))
            let dup = try await member.post(
                "/compacts/\(compact)/principles", ["code": "2.1", "title": "Again", "text": "Again"])
            #expect(dup.status == .conflict)
            #expect(dup.body.string.contains("its text and principles are not changed in place"))
            try await member.get("/compacts/\(compact)/signatories")
            let none = try await member.post(
                "/compacts/\(compact)/signatories", ["organisationId": "", "signedOn": "2026-03-02"])
            #expect(none.status == .unprocessableEntity)
            #expect(none.body.string.contains("Select the organisation that signed"))
        }
    }
}
