import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing
import Vapor

@testable import Storage

/// The access table's framework and value set rows (`FrameworkOperation`): every operation for
/// every asker (`AccessRole`), called on the real store, must be allowed or refused as the core's
/// policy says (see `checkAccessTable`).
@Suite struct FrameworkAccessTableTests {
    /// A Compact's framework: version 1 adopted (by the council), version 2 a draft with a
    /// comment from the Compact's group and a value set. Allowed calls are made so that they fail
    /// after the access check (an empty input, a change to the adopted version), so the fixture
    /// does not change between calls.
    struct Fixture {
        let frameworks: FrameworkStore
        let valueSets: ValueSetStore
        let subject: AccessSubject
        let framework: UUID
        let adopted: UUID
        let draft: UUID
        /// A theme and a measure of the adopted version; a measure of the draft.
        let adoptedTheme: UUID
        let adoptedMeasure: UUID
        let draftMeasure: UUID
        let comment: UUID
        let valueSet: UUID

        init(_ app: Application) async throws {
            let (compact, council, f, v1) = try await frameworkFixture(app.db)
            let store = FrameworkStore(app.db)
            let by = Actor.commandLine
            let v1ID = try v1.requireID()
            try await store.transition(
                v1ID, TransitionInput(status: "adopted", adoptedOn: "2025-04-01", adoptedBy: [council]),
                viewer: owner, by: by)
            let v2 = try await store.newVersion(of: try f.requireID(), viewer: owner, by: by)
            let v2ID = try v2.requireID()
            let member = try await UserStore(app.db, passwords: testPasswords).create(
                .init(email: "cath@eastmoor.example", displayName: "Cath", password: testPassword),
                viewer: .commandLine, by: by)
            let group = Viewer(
                userID: try member.requireID(), isAdmin: false, memberships: [], compactSeats: [compact])
            let draftTree = try await store.tree(of: v2ID, viewer: owner)
            try await store.addComment(
                v2ID, CommentInput(targetKind: "outcome", targetId: draftTree.outcomes[0].id, text: "Add a target"),
                viewer: group, by: by)
            let set = try await ValueSetStore(app.db).create(
                version: v2ID,
                ValueSetInput(name: "Draft values", csv: valueHeader + "ECO1,100,GBP,2025,x,OGL,\n"), viewer: owner,
                by: by)
            let adoptedTree = try await store.tree(of: v1ID, viewer: owner)
            frameworks = store
            valueSets = ValueSetStore(app.db)
            subject = AccessSubject(buyer: council, supplier: UUID(), compact: compact)
            framework = try f.requireID()
            adopted = v1ID
            draft = v2ID
            adoptedTheme = try adoptedTree.themes[0].model.requireID()
            adoptedMeasure = try adoptedTree.measures[0].requireID()
            draftMeasure = try draftTree.measures[0].requireID()
            comment = try #require(try await store.comments(on: v2ID, viewer: owner).first?.requireID())
            valueSet = try set.requireID()
        }

        /// Calls the real store operation as `v`.
        func perform(_ op: FrameworkOperation, as v: Viewer?) async throws {
            func signedIn() throws -> Viewer { try StorageTests.signedIn(v) }
            let (store, sets) = (frameworks, valueSets)
            let by = Actor.commandLine
            switch op {
            case .createFramework:
                _ = try await store.create(
                    NewFrameworkInput(compactId: subject.compact, template: "blank"), viewer: try signedIn(), by: by)
            case .startNewVersion:
                _ = try await store.newVersion(of: framework, viewer: try signedIn(), by: by)
            case .updateVersion:
                try await store.updateVersion(adopted, VersionInput(), viewer: try signedIn(), by: by)
            case .transitionVersion:
                try await store.transition(adopted, TransitionInput(), viewer: try signedIn(), by: by)
            case .addTheme:
                try await store.addTheme(adopted, TreeItemInput(), viewer: try signedIn(), by: by)
            case .addOutcome:
                try await store.addOutcome(adopted, TreeItemInput(), viewer: try signedIn(), by: by)
            case .addMeasure:
                try await store.addMeasure(adopted, MeasureInput(), viewer: try signedIn(), by: by)
            case .updateMeasure:
                try await store.updateMeasure(adoptedMeasure, MeasureInput(), viewer: try signedIn(), by: by)
            case .removeMeasure:
                try await store.removeMeasure(adoptedMeasure, viewer: try signedIn(), by: by)
            case .renameTreeItem:
                try await store.rename(.theme, adoptedTheme, TreeItemInput(), viewer: try signedIn(), by: by)
            case .removeTreeItem:
                try await store.remove(.theme, adoptedTheme, viewer: try signedIn(), by: by)
            case .addContributor:
                try await store.addContributor(framework, ContributorInput(), viewer: try signedIn(), by: by)
            case .addWorkshop:
                try await store.addWorkshop(framework, WorkshopInput(), viewer: try signedIn(), by: by)
            case .respondToComment:
                try await store.respond(to: comment, CommentResponseInput(), viewer: try signedIn(), by: by)
            case .amendCommentResponse:
                // The fixture's comment has no response yet: an allowed amendment is refused (409) after the check.
                try await store.amendResponse(
                    to: comment, CommentResponseAmendmentInput(response: "Changed", reason: "Why"),
                    viewer: try signedIn(), by: by)
            case .commentOnVersion:
                try await store.addComment(adopted, CommentInput(), viewer: try signedIn(), by: by)
            case .readDraftVersion:
                _ = try await store.version(draft, viewer: v)
            case .readDraftTree:
                _ = try await store.tree(of: draft, viewer: v)
            case .exportDraftTree:
                _ = try await store.exportTree(draft, viewer: v)
            case .readDraftAdoptions:
                _ = try await store.adoptions(of: draft, viewer: v)
            case .readDraftComments:
                _ = try await store.comments(on: draft, viewer: v)
            case .readDraftMeasure:
                _ = try await store.measure(draftMeasure, viewer: v)
            case .createValueSet:
                _ = try await sets.create(version: adopted, ValueSetInput(), viewer: try signedIn(), by: by)
            case .replaceValueSetValues:
                try await sets.replaceValues(valueSet, csv: "not,a,value,set", viewer: try signedIn(), by: by)
            case .setValueSetPriceIndex:
                try await sets.setPriceIndex(valueSet, csv: "not an index", viewer: try signedIn(), by: by)
            case .readDraftValueSets:
                _ = try await sets.sets(of: draft, viewer: try signedIn())
            case .readDraftValueSet:
                _ = try await sets.find(valueSet, viewer: try signedIn())
            case .readDraftValueSetEntries:
                _ = try await sets.entries(of: valueSet, viewer: try signedIn())
            case .exportDraftValueSet:
                _ = try await sets.export(valueSet, viewer: try signedIn())
            }
        }
    }

    @Test func everyFrameworkAndValueSetOperationForEveryRoleIsDecidedByTheCore() async throws {
        try await withApp(.sqliteMemory) { app in
            let f = try await Fixture(app)
            let before = try await AuditEventModel.query(on: app.db).count()
            await checkAccessTable(
                FrameworkOperation.self, subject: f.subject, hidden: ["The framework version", "The value set"]
            ) { try await f.perform($0, as: $1) }
            #expect(
                try await AuditEventModel.query(on: app.db).count() == before, "an allowed call changed the fixture")
        }
    }

    @Test func visitorsSeeAdoptedVersionsAndOwnersSeeDrafts() async throws {
        try await withApp(.sqliteMemory) { app in
            let f = try await Fixture(app)
            #expect(try await f.frameworks.versions(of: f.framework, viewer: nil).map(\.number) == [1])
            #expect(try await f.frameworks.versions(of: f.framework, viewer: owner).map(\.number) == [2, 1])
            _ = try await f.frameworks.tree(of: f.adopted, viewer: nil)
            let subject = AccessSubject(buyer: UUID(), supplier: UUID(), compact: UUID())
            #expect(FrameworkOperation.readDraftTree.outcome(for: nil, on: subject) == .notFound)
            #expect(FrameworkOperation.commentOnVersion.outcome(for: owner, on: subject) == .forbidden)
            #expect(FrameworkOperation.updateVersion.outcome(for: owner, on: subject) == .allowed)
        }
    }
}
