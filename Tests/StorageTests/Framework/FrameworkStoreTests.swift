import Demo
import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing

@testable import Storage

/// A Compact, a council and a framework started from the Act's template.
func frameworkFixture(_ db: Database) async throws -> (
    compact: UUID, council: UUID, framework: FrameworkModel, v1: FrameworkVersionModel
) {
    let compact = try await CompactStore(db).create(
        CompactInput(
            name: "Eastmoor Compact", area: "Eastmoor", text: "We agree.", version: "1.0",
            adoptedOn: "2024-03-01", nextReviewOn: "2026-03-01"), viewer: .commandLine, by: .commandLine)
    var councilInput = foodbank(name: "Eastmoor County Council")
    councilInput.kind = "county-council"
    councilInput.charityNumber = nil
    let council = try await OrganisationStore(db).create(councilInput, viewer: .commandLine, by: .commandLine)
    let (f, v1) = try await FrameworkStore(db).create(
        name: "Eastmoor Framework", owner: .compact(compact.id!), template: .template(.socialValueAct),
        tree: FrameworkTemplates.socialValueAct(), reviewOn: "2027-04-01", viewer: owner, by: .commandLine)
    return (compact.id!, council.id!, f, v1)
}

/// The administrator: edits every framework and sees every version (not on any Compact's group).
let owner = Viewer(userID: UUID(), isAdmin: true, memberships: [], compactSeats: [])

let valueHeader = "measure_code,value_per_unit,currency,base_year,source,licence,notes\n"

@Suite struct FrameworkStoreTests {
    @Test(arguments: Backend.all)
    func adoptedVersionsAreReadOnlyAndNewVersionsCopyThem(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            let store = FrameworkStore(app.db)
            let (_, council, f, v1) = try await frameworkFixture(app.db)
            #expect(v1.status == .draft)
            await #expect(throws: ValidationFailure("adoptedBy", "Select the public bodies that adopted it")) {
                try await store.transition(
                    v1.id!, TransitionInput(status: "adopted", adoptedOn: "2025-04-01"), viewer: owner, by: .commandLine
                )
            }
            try await store.transition(v1.id!, TransitionInput(status: "consultation"), viewer: owner, by: .commandLine)
            try await store.transition(
                v1.id!, TransitionInput(status: "adopted", adoptedOn: "2025-04-01", adoptedBy: [council]),
                viewer: owner, by: .commandLine)
            let adopted = try await store.version(v1.id!, viewer: owner)
            #expect(adopted.status == .adopted && adopted.adoptedOn == "2025-04-01")
            #expect(
                try await store.adoptions(of: v1.id!, viewer: owner).map(\.organisation.name) == [
                    "Eastmoor County Council"
                ])
            // Adopted is read-only, every way in.
            let eco1 = try await store.tree(of: v1.id!, viewer: owner).measures.first { $0.code == "ECO1" }!
            await #expect(
                throws: ValidationFailure(
                    "status", "Version 1 is adopted and cannot be changed: start a new version to make changes")
            ) {
                try await store.updateVersion(
                    v1.id!, VersionInput(definition: "Changed", reviewOn: "2027-04-01"), viewer: owner, by: .commandLine
                )
            }
            await #expect(throws: ValidationFailure.self) {
                try await store.updateMeasure(eco1.id!, MeasureInput(eco1.measure), viewer: owner, by: .commandLine)
            }
            await #expect(throws: ValidationFailure.self) {
                try await store.removeMeasure(eco1.id!, viewer: owner, by: .commandLine)
            }
            await #expect(throws: ValidationFailure.self) {
                try await store.addTheme(v1.id!, TreeItemInput(name: "X"), viewer: owner, by: .commandLine)
            }
            // New version: a draft copy with the same content and new records.
            let v2 = try await store.newVersion(of: f.id!, viewer: owner, by: .commandLine)
            #expect(v2.number == 2 && v2.status == .draft)
            #expect(
                try await store.exportTree(v2.id!, viewer: owner) == (try await store.exportTree(v1.id!, viewer: owner))
            )
            #expect(try await store.tree(of: v2.id!, viewer: owner).measures.first { $0.code == "ECO1" }!.id != eco1.id)
            await #expect(
                throws: ValidationFailure(
                    "version", "Version 2 is still draft: adopt or finish it before starting another")
            ) {
                try await store.newVersion(of: f.id!, viewer: owner, by: .commandLine)
            }
            // Adopting v2 supersedes v1.
            try await store.transition(
                v2.id!, TransitionInput(status: "adopted", adoptedOn: "2026-04-01", adoptedBy: [council]),
                viewer: owner, by: .commandLine)
            let old = try await store.version(v1.id!, viewer: owner)
            #expect(old.status == .superseded && old.supersededOn == "2026-04-01")
            await #expect(throws: ValidationFailure.self) {
                try await store.transition(
                    v1.id!, TransitionInput(status: "adopted", adoptedOn: "2026-05-01", adoptedBy: [council]),
                    viewer: owner, by: .commandLine)
            }
            #expect(try await AuditLog.verify(on: app.db) != .intact(count: 0))
        }
    }

    @Test(arguments: Backend.all)
    func measureCodesAreUniqueInAVersion(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            let store = FrameworkStore(app.db)
            let (_, _, _, v1) = try await frameworkFixture(app.db)
            let outcome = try await store.tree(of: v1.id!, viewer: owner).outcomes[0]
            let m = MeasureInput(
                outcomeId: outcome.id, code: "eco1", name: "Dup", unit: "FTE", valuation: "valued", evidence: "x")
            await #expect(
                throws: ValidationFailure(
                    "code", "The code eco1 is already used in this version: codes are unique in a framework")
            ) {
                try await store.addMeasure(v1.id!, m, viewer: owner, by: .commandLine)
            }
            let fresh = MeasureInput(
                outcomeId: outcome.id, code: "ECO9", name: "Local suppliers", unit: "organisations",
                valuation: "record-only", evidence: "Contracts")
            try await store.addMeasure(v1.id!, fresh, viewer: owner, by: .commandLine)
            #expect(try await store.tree(of: v1.id!, viewer: owner).measures.count == 8)
        }
    }

    @Test(arguments: Backend.all)
    func commentsAreOnDraftsAndOwnersRespond(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            let store = FrameworkStore(app.db)
            let (compact, council, _, v1) = try await frameworkFixture(app.db)
            let user = try await UserStore(app.db, passwords: testPasswords).create(
                .init(email: "cath@eastmoor.example", displayName: "Cath", password: testPassword),
                viewer: .commandLine, by: .commandLine)
            let cath = Viewer(userID: user.id!, isAdmin: false, memberships: [], compactSeats: [compact])
            let outcome = try await store.tree(of: v1.id!, viewer: owner).outcomes[0]
            // The administrator edits but is not on the group: only the group comments.
            await #expect(throws: StorageError.forbidden(FrameworkStore.commentersOnly)) {
                try await store.addComment(
                    v1.id!, CommentInput(targetKind: "outcome", targetId: outcome.id, text: "Mine"), viewer: owner,
                    by: .commandLine)
            }
            try await store.addComment(
                v1.id!, CommentInput(targetKind: "outcome", targetId: outcome.id, text: "Add a local target"),
                viewer: cath, by: .user(user))
            await #expect(throws: ValidationFailure.self) {
                try await store.addComment(
                    v1.id!, CommentInput(targetKind: "theme", targetId: outcome.id, text: "x"), viewer: cath,
                    by: .user(user))
            }
            let comment = try await store.comments(on: v1.id!, viewer: owner)[0]
            try await store.respond(
                to: comment.id!, CommentResponseInput(response: "Added in the next draft"), viewer: owner,
                by: .commandLine)
            #expect(try await store.comments(on: v1.id!, viewer: owner)[0].response == "Added in the next draft")
            try await store.transition(
                v1.id!, TransitionInput(status: "adopted", adoptedOn: "2025-04-01", adoptedBy: [council]),
                viewer: owner, by: .commandLine)
            await #expect(throws: ValidationFailure.self) {
                try await store.addComment(
                    v1.id!, CommentInput(targetKind: "outcome", targetId: outcome.id, text: "Too late"), viewer: cath,
                    by: .user(user))
            }
        }
    }

    @Test(arguments: Backend.all)
    func valueSetImportsAreAllOrNothing(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            let sets = ValueSetStore(app.db)
            let (_, _, _, v1) = try await frameworkFixture(app.db)
            let eventsBefore = try await AuditEventModel.query(on: app.db).count()
            await #expect(throws: ImportFailure.self) {
                try await sets.create(
                    version: v1.id!,
                    ValueSetInput(
                        name: "Bad", illustrative: false,
                        csv: valueHeader + "ECO1,100,GBP,2025,x,OGL,\nNOPE,1,GBP,2025,x,OGL,\n"), viewer: owner,
                    by: .commandLine)
            }
            #expect(try await ValueSetModel.query(on: app.db).count() == 0)
            #expect(try await ValueSetEntryModel.query(on: app.db).count() == 0)
            #expect(try await AuditEventModel.query(on: app.db).count() == eventsBefore)
            let set = try await sets.create(
                version: v1.id!,
                ValueSetInput(
                    name: "Good", illustrative: true,
                    csv: valueHeader + "ECO1,23809.50,GBP,2025,NLW,OGL,\nENV1,241,GBP,2020,DESNZ,OGL,\n"),
                viewer: owner, by: .commandLine)
            await #expect(throws: ImportFailure.self) {
                try await sets.replaceValues(
                    set.id!, csv: valueHeader + "ECO1,-1,GBP,2025,x,OGL,\n", viewer: owner, by: .commandLine)
            }
            #expect(try await sets.entries(of: set.id!, viewer: owner).map(\.valuePerUnit) == ["23809.50", "241.00"])
            try await sets.setPriceIndex(
                set.id!, csv: "year,index\n2020,100\n2025,131.4\n", viewer: owner, by: .commandLine)
            let index = try #require(try await sets.find(set.id!, viewer: owner).priceIndex)
            #expect(try index.uprate(241, from: 2020, to: 2025) == Decimal(string: "316.67")!)
            #expect(try await sets.export(set.id!, viewer: owner).hasPrefix("measure_code,value_per_unit"))
        }
    }

    @Test(arguments: Backend.all)
    func strategiesUseAnAdoptedVersionOfTheCompactsOwnFramework(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            let store = FrameworkStore(app.db)
            let strategies = StrategyStore(app.db)
            let (compact, council, _, v1) = try await frameworkFixture(app.db)
            let input = StrategyInput(
                title: "Joint strategy", summary: "Together", frameworkVersionId: v1.id, startsOn: "2025-04-01",
                endsOn: "2028-03-31")
            await #expect(
                throws: ValidationFailure(
                    "frameworkVersionId", "Select an adopted version of a framework this Compact owns")
            ) {
                try await strategies.save(compact, input, viewer: .commandLine, by: .commandLine)
            }
            try await store.transition(
                v1.id!, TransitionInput(status: "adopted", adoptedOn: "2025-04-01", adoptedBy: [council]),
                viewer: owner, by: .commandLine)
            let s = try await strategies.save(compact, input, viewer: .commandLine, by: .commandLine)
            let outcomes = try await store.tree(of: v1.id!, viewer: owner).outcomes
            for (i, o) in outcomes.prefix(3).enumerated() {
                try await strategies.addPriority(
                    compact: compact, .init(outcomeId: o.id, target: "Target \(i + 1)", period: "a year"),
                    viewer: .commandLine, by: .commandLine)
            }
            var ranked = try await strategies.priorities(of: s.id!)
            try await strategies.move(
                compact: compact, priority: ranked[2].id!, up: true, viewer: .commandLine, by: .commandLine)
            ranked = try await strategies.priorities(of: s.id!)
            #expect(ranked.map(\.target) == ["Target 1", "Target 3", "Target 2"])
            try await strategies.removePriority(
                compact: compact, priority: ranked[0].id!, viewer: .commandLine, by: .commandLine)
            #expect(try await strategies.priorities(of: s.id!).map(\.rank) == [1, 2])
            try await strategies.signUp(
                compact: compact, StrategySignupInput(organisationId: council, signedUpOn: "2025-04-01"),
                viewer: .commandLine, by: .commandLine)
            await #expect(throws: ValidationFailure.self) {
                try await strategies.signUp(
                    compact: compact, StrategySignupInput(organisationId: council, signedUpOn: "2025-04-02"),
                    viewer: .commandLine, by: .commandLine)
            }
            let charity = try await OrganisationStore(app.db).create(foodbank(), viewer: .commandLine, by: .commandLine)
            await #expect(throws: ValidationFailure("organisationId", "Select a public body from the list")) {
                try await strategies.signUp(
                    compact: compact, StrategySignupInput(organisationId: charity.id, signedUpOn: "2025-04-02"),
                    viewer: .commandLine, by: .commandLine)
            }
        }
    }

    @Test(arguments: Backend.all)
    func themesAndOutcomesAreRenamedAndRemovedOnlyInDrafts(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            let store = FrameworkStore(app.db)
            let (compact, council, f, v1) = try await frameworkFixture(app.db)
            let tree = try await store.tree(of: v1.id!, viewer: owner)
            let environmental = tree.themes[2]
            try await store.rename(
                .outcome, environmental.outcomes[0].model.id!, TreeItemInput(name: "Net zero by 2040"), viewer: owner,
                by: .commandLine)
            #expect(
                try await store.tree(of: v1.id!, viewer: owner).themes[2].outcomes[0].model.name == "Net zero by 2040")
            try await store.remove(.theme, environmental.model.id!, viewer: owner, by: .commandLine)
            let after = try await store.tree(of: v1.id!, viewer: owner)
            #expect(after.themes.count == 2)
            #expect(!after.measures.contains { $0.code.hasPrefix("ENV") })  // its measures went with it
            // Adopted: read-only; and an outcome a strategy uses cannot go from a later draft either.
            try await store.transition(
                v1.id!, TransitionInput(status: "adopted", adoptedOn: "2025-04-01", adoptedBy: [council]),
                viewer: owner, by: .commandLine)
            await #expect(throws: ValidationFailure.self) {
                try await store.remove(.outcome, after.outcomes[0].id!, viewer: owner, by: .commandLine)
            }
            _ = try await StrategyStore(app.db).save(
                compact,
                StrategyInput(
                    title: "S", summary: "S", frameworkVersionId: v1.id, startsOn: "2025-04-01", endsOn: "2026-03-31"),
                viewer: .commandLine, by: .commandLine)
            try await StrategyStore(app.db).addPriority(
                compact: compact, .init(outcomeId: after.outcomes[0].id, target: "T", period: "a year"),
                viewer: .commandLine, by: .commandLine)
            await #expect(throws: ValidationFailure.self) {
                try await store.rename(
                    .theme, after.themes[0].model.id!, TreeItemInput(name: "X"), viewer: owner, by: .commandLine)
            }
            _ = f
        }
    }

    @Test(arguments: Backend.all)
    func theDemoHasAnAdoptedFrameworkADraftAndAStrategy(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            _ = try await DemoArea.load(on: app.db, passwords: testPasswords, password: testPassword)
            let store = FrameworkStore(app.db)
            let (frameworks, _) = try await store.list()
            let versions = try await store.versions(of: frameworks[0].id!, viewer: owner)
            #expect(versions.map(\.statusRaw) == ["draft", "adopted"])
            #expect(try await store.comments(on: versions[0].id!, viewer: owner).count == 1)
            let sets = try await ValueSetStore(app.db).sets(of: versions[1].id!, viewer: owner)
            #expect(sets.map(\.isIllustrative) == [true])
            #expect(
                try await ValueSetStore(app.db).entries(of: sets[0].id!, viewer: owner).allSatisfy {
                    $0.licence == "Open Government Licence v3.0"
                })
            let compact = try await CompactModel.query(on: app.db).first()!
            #expect(
                try await StrategyStore(app.db).strategy(of: compact.id!)?.title
                    == "Eastmoor Joint Social Value Strategy 2025 to 2028")
        }
    }
}
