import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing

@testable import Storage

/// Issue 13 §1: an adopted framework version is never changed in place. Every write path is
/// refused and leaves the version, its tree, its adoptions and its value set exactly as they
/// were; changes go into a new draft version, and the adopted one stays beside it.
@Suite struct AdoptedVersionTests {
    /// What an adopted version holds, to compare before and after.
    struct Snapshot: Equatable {
        let version: [String: String?]
        let tree: FrameworkTree
        let adoptions: [String]
        let values: [String]
        let audits: Int
    }

    static func snapshot(_ v: UUID, set: UUID, on db: Database) async throws -> Snapshot {
        let store = FrameworkStore(db)
        return Snapshot(
            version: try await store.version(v, viewer: owner).auditFields,
            tree: try await store.exportTree(v, viewer: owner),
            adoptions: try await store.adoptions(of: v, viewer: owner).map {
                "\($0.organisation.name) \($0.adoptedOn)"
            },
            values: try await ValueSetStore(db).entries(of: set, viewer: owner).map {
                "\($0.measureCode) \($0.valuePerUnit) \($0.baseYear) \($0.source)"
            },
            audits: try await AuditEventModel.query(on: db).count())
    }

    @Test(arguments: Backend.all)
    func everyChangeToAnAdoptedVersionIsRefusedAndChangesNothing(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let store = FrameworkStore(app.db)
            let sets = ValueSetStore(app.db)
            let (_, council, f, v1) = try await frameworkFixture(app.db)
            let id = v1.id!
            let set = try await sets.create(
                version: id,
                ValueSetInput(
                    name: "Values 2025", illustrative: true, csv: valueHeader + "ECO1,23809.50,GBP,2025,NLW,OGL,\n"),
                viewer: owner, by: .commandLine)
            try await store.transition(
                id, TransitionInput(status: "adopted", adoptedOn: "2025-04-01", adoptedBy: [council]), viewer: owner,
                by: .commandLine)
            let before = try await Self.snapshot(id, set: set.id!, on: app.db)
            #expect(before.version["status"] == "adopted")
            #expect(before.version["adoptedOn"] == "2025-04-01")
            #expect(before.adoptions == ["Eastmoor County Council 2025-04-01"])
            #expect(before.values == ["ECO1 23809.50 2025 NLW"])

            let tree = try await store.tree(of: id, viewer: owner)
            let theme = tree.themes[0].model.id!
            let outcome = tree.outcomes[0].id!
            let eco1 = tree.measures.first { $0.code == "ECO1" }!
            let readOnly = ValidationFailure(
                "status", "Version 1 is adopted and cannot be changed: start a new version to make changes")
            await #expect(throws: readOnly) {
                try await store.updateVersion(
                    id, VersionInput(definition: "Changed", reviewOn: "2027-04-01"), viewer: owner, by: .commandLine)
            }
            await #expect(throws: readOnly) {
                try await store.addTheme(id, TreeItemInput(name: "Another"), viewer: owner, by: .commandLine)
            }
            await #expect(throws: readOnly) {
                try await store.addOutcome(
                    id, TreeItemInput(name: "Another", themeId: theme), viewer: owner, by: .commandLine)
            }
            var measure = MeasureInput(eco1.measure)
            measure.code = "ECO99"
            measure.outcomeId = outcome
            await #expect(throws: readOnly) {
                try await store.addMeasure(id, measure, viewer: owner, by: .commandLine)
            }
            var renamed = MeasureInput(eco1.measure)
            renamed.name = "Renamed in place"
            await #expect(throws: readOnly) {
                try await store.updateMeasure(eco1.id!, renamed, viewer: owner, by: .commandLine)
            }
            await #expect(throws: readOnly) {
                try await store.removeMeasure(eco1.id!, viewer: owner, by: .commandLine)
            }
            await #expect(throws: readOnly) {
                try await store.rename(.theme, theme, TreeItemInput(name: "Renamed"), viewer: owner, by: .commandLine)
            }
            await #expect(throws: readOnly) {
                try await store.rename(
                    .outcome, outcome, TreeItemInput(name: "Renamed"), viewer: owner, by: .commandLine)
            }
            await #expect(throws: readOnly) {
                try await store.remove(.outcome, outcome, viewer: owner, by: .commandLine)
            }
            await #expect(throws: readOnly) {
                try await store.remove(.theme, theme, viewer: owner, by: .commandLine)
            }
            for status in ["draft", "consultation", "adopted"] {
                await #expect(
                    throws: ValidationFailure(
                        "status",
                        "Version 1 is adopted and cannot become \(FrameworkStatus(rawValue: status)!.label.lowercased())"
                    )
                ) {
                    try await store.transition(
                        id, TransitionInput(status: status, adoptedOn: "2026-01-01", adoptedBy: [council]),
                        viewer: owner, by: .commandLine)
                }
            }
            await #expect(
                throws: StorageError.conflict(
                    FieldError(
                        "csvText",
                        "Values 2025 belongs to Version 1, which is adopted: its values cannot be replaced. Import the new values as a new value set"
                    ))
            ) {
                try await sets.replaceValues(
                    set.id!, csv: valueHeader + "ECO1,1.00,GBP,2025,Other,OGL,\n", viewer: owner, by: .commandLine)
            }
            #expect(try await Self.snapshot(id, set: set.id!, on: app.db) == before)

            // The change goes into version 2; version 1 stays adopted, beside it, as it was.
            let v2 = try await store.newVersion(of: f.id!, viewer: owner, by: .commandLine)
            let eco1v2 = try await store.tree(of: v2.id!, viewer: owner).measures.first { $0.code == "ECO1" }!
            try await store.updateMeasure(eco1v2.id!, renamed, viewer: owner, by: .commandLine)
            let after = try await Self.snapshot(id, set: set.id!, on: app.db)
            #expect(after.version == before.version)
            #expect(after.tree == before.tree)
            #expect(after.adoptions == before.adoptions)
            #expect(after.values == before.values)
            #expect(try await store.exportTree(v2.id!, viewer: owner) != before.tree)
            #expect(
                try await store.versions(of: f.id!, viewer: owner).map { "\($0.number) \($0.statusRaw)" } == [
                    "2 draft", "1 adopted",
                ])
        }
    }

    /// The price index uprates the set's values to another year's prices, so it is as much part
    /// of the adopted version as the values: changing it is refused (409) and the index stays.
    @Test(arguments: Backend.all)
    func anAdoptedVersionsSetKeepsItsPriceIndex(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let store = FrameworkStore(app.db)
            let sets = ValueSetStore(app.db)
            let (_, council, _, v1) = try await frameworkFixture(app.db)
            let set = try await sets.create(
                version: v1.id!,
                ValueSetInput(
                    name: "Values 2020", illustrative: true, csv: valueHeader + "ENV1,241,GBP,2020,DESNZ,OGL,\n"),
                viewer: owner, by: .commandLine)
            // While the version is a draft the index can be set (and set again).
            try await sets.setPriceIndex(
                set.id!, csv: "year,index\n2020,100\n2025,131.4\n", viewer: owner, by: .commandLine)
            try await store.transition(
                v1.id!, TransitionInput(status: "adopted", adoptedOn: "2025-04-01", adoptedBy: [council]),
                viewer: owner, by: .commandLine)
            let audits = try await AuditEventModel.query(on: app.db).count()
            await #expect(
                throws: StorageError.conflict(
                    FieldError(
                        "indexText",
                        "Values 2020 belongs to Version 1, which is adopted: its price index cannot be changed. Import the values with the new index as a new value set, or change it in a new version"
                    ))
            ) {
                try await sets.setPriceIndex(
                    set.id!, csv: "year,index\n2020,100\n2025,150\n", viewer: owner, by: .commandLine)
            }
            // 241 × 131.4 ÷ 100 = 316.674, to the penny 316.67: the adopted index, not 150.
            let index = try #require(try await sets.find(set.id!, viewer: owner).priceIndex)
            #expect(try index.uprate(241, from: 2020, to: 2025) == Decimal(string: "316.67")!)
            #expect(try await AuditEventModel.query(on: app.db).count() == audits)
        }
    }
}
