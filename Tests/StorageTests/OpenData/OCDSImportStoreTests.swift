import Fluent
import Foundation
import OCDS
import SocialValue
import TestSupport
import Testing

@testable import Storage

/// `commonweal import ocds` below the command line (docs/ocds.md): plan, batches, idempotence, matching.
/// The figures of the Contracts Finder sample were counted from the fixture with a short Python script
/// (ocdskit's compiled records, the matching rules of the docs), not by this code.
@Suite struct OCDSImportStoreTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../OCDSTests/Fixtures").standardized

    static func input(_ path: String) throws -> (file: String, bytes: [UInt8]) {
        (path, [UInt8](try Data(contentsOf: fixtures.appendingPathComponent(path))))
    }

    static func plan(_ inputs: [(file: String, bytes: [UInt8])], strict: Bool = false) throws -> OCDSImportPlan {
        try OCDSImportPlan(inputs, rules: try MergeRules.bundled(), strict: strict, source: "test")
    }

    static func run(_ plan: OCDSImportPlan, dryRun: Bool = false, batchSize: Int = 100, on db: Database)
        async throws -> OCDSImportStore.Summary
    {
        try await OCDSImportStore(db).run(
            plan, batchSize: batchSize, dryRun: dryRun, viewer: .commandLine, by: .commandLine)
    }

    static func counts(_ db: Database) async throws -> OCDSImportStore.Counts {
        try await OCDSImportStore(db).counts(viewer: .commandLine)
    }

    static let nothing = OCDSImportStore.Counts(
        procurements: 0, awards: 0, contracts: 0, buyers: 0, suppliers: 0, organisations: 0)

    @Test(arguments: Backend.all)
    func contractsFinderImportsWithTheHandCountedFiguresAndASecondImportChangesNothing(backend: Backend)
        async throws
    {
        try await withApp(backend) { app async throws in
            let plan = try Self.plan([try Self.input("cf-2025-release-package.json")])
            #expect(plan.problems.isEmpty)
            #expect(plan.releasesTaken == 200)
            #expect(plan.items.count == 190)
            // Small batches, so several transactions.
            let first = try await Self.run(plan, batchSize: 7, on: app.db)
            #expect(first == .init(created: 190, updated: 0, unchanged: 0, organisationsCreated: 369))
            let expected = OCDSImportStore.Counts(
                procurements: 190, awards: 143, contracts: 0, buyers: 134, suppliers: 236, organisations: 369)
            #expect(try await Self.counts(app.db) == expected)
            let events = try await AuditEventModel.query(on: app.db).count()
            #expect(events == 190 + 369)
            let again = try await Self.run(plan, on: app.db)
            #expect(again == .init(created: 0, updated: 0, unchanged: 190, organisationsCreated: 0))
            #expect(try await Self.counts(app.db) == expected)
            #expect(try await AuditEventModel.query(on: app.db).count() == events)
            // 306 parties (of the 190 compiled releases) have no identifier.
            let noIdentifier = plan.findings.filter {
                if case .partyWithoutIdentifier = $0 { return true }
                return false
            }
            #expect(noIdentifier.count == 306)
        }
    }

    @Test(arguments: Backend.all)
    func theFictionalExampleGivesOneProcurementAwardAndContractWithItsSupplier(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            let plan = try Self.plan([try Self.input("fictional-release-package.json")])
            #expect(plan.items.count == 1 && plan.releasesTaken == 6 && plan.problems.isEmpty)
            _ = try await Self.run(plan, on: app.db)
            #expect(
                try await Self.counts(app.db)
                    == .init(procurements: 1, awards: 1, contracts: 1, buyers: 1, suppliers: 1, organisations: 2))
            let p = try #require(try await OCDSProcurementModel.query(on: app.db).with(\.$buyer).first())
            #expect(p.ocid == "ocds-213czf-000-00001")
            #expect(p.title == "Planned cycle lane improvements")
            #expect(p.valueAmount == "1100000" && p.currency == "GBP")
            #expect(p.buyer?.name == "London Borough of Barnet")
            #expect(p.buyer?.organisationKind == .otherPublicBody)
            let contract = try #require(try await OCDSContractModel.query(on: app.db).with(\.$supplier).first())
            #expect(contract.supplier?.name == "AnyCorp Cycle Provision")
            #expect(contract.supplier?.companyNumber == "11111111.0")
            #expect(contract.valueAmount == "11000000")
            #expect(contract.signed == "2010-06-10T14:23:12Z")
        }
    }

    @Test(arguments: Backend.all)
    func anUpdatedReleaseUpdatesTheRecord(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            let original = try Self.input("fictional-release-package.json")
            _ = try await Self.run(try Self.plan([original]), on: app.db)
            let update = #"""
                {"ocid": "ocds-213czf-000-00001", "id": "update-1", "date": "2012-01-01T00:00:00Z", "tag": ["tenderUpdate"],
                 "tender": {"id": "ocds-213czf-000-00001-01-tender", "title": "Cycle lane improvements, phase 2"},
                 "awards": [{"id": "ocds-213czf-000-00001-award-02", "status": "pending",
                             "suppliers": [{"id": "GB-COH-22222222", "name": "Beta Corp Construction"}]}]}
                """#
            let plan = try Self.plan([original, ("update.json", Array(update.utf8))])
            let summary = try await Self.run(plan, on: app.db)
            #expect(summary == .init(created: 0, updated: 1, unchanged: 0, organisationsCreated: 1))
            let p = try #require(try await OCDSProcurementModel.query(on: app.db).first())
            #expect(p.title == "Cycle lane improvements, phase 2")
            #expect(p.source == "test")
            #expect(
                try await Self.counts(app.db)
                    == .init(procurements: 1, awards: 2, contracts: 1, buyers: 1, suppliers: 2, organisations: 3))
            let again = try await Self.run(plan, on: app.db)
            #expect(again == .init(created: 0, updated: 0, unchanged: 1, organisationsCreated: 0))
        }
    }

    @Test(arguments: Backend.all)
    func organisationsAreMatchedByIdentifierElseByNormalisedName(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            // Held already: the supplier under another name with its company number, the buyer's name
            // written differently.
            for (name, kind, company) in [
                ("AnyCorp Bikes", OrganisationKind.sme, "11111111.0"),
                ("The LONDON Borough of Barnet", .boroughCouncil, nil),
            ] {
                let org = OrganisationModel()
                org.name = name
                org.organisationKind = kind
                org.isSME = false
                org.isVCSE = false
                org.companyNumber = company
                org.addressLine1 = "1 High Street"
                org.town = "London"
                org.postcode = "N1 1AA"
                org.area = "London"
                try await org.create(on: app.db)
            }
            let plan = try Self.plan([try Self.input("fictional-release-package.json")])
            let summary = try await Self.run(plan, on: app.db)
            #expect(summary.organisationsCreated == 0)
            let p = try #require(try await OCDSProcurementModel.query(on: app.db).with(\.$buyer).first())
            #expect(p.buyer?.name == "The LONDON Borough of Barnet")
            let contract = try #require(try await OCDSContractModel.query(on: app.db).with(\.$supplier).first())
            #expect(contract.supplier?.name == "AnyCorp Bikes")
            // The buyer's identifier is remembered: a party with that identifier and another name matches it.
            let identifiers = try await OCDSOrganisationIdentifierModel.query(on: app.db).with(\.$organisation).all()
            #expect(
                identifiers.map { "\($0.scheme) \($0.identifier) \($0.organisation.name)" }.sorted() == [
                    "GB-LAC E09000003 The LONDON Borough of Barnet"
                ])
            let renamed = #"""
                {"ocid": "ocds-other-1", "id": "1", "date": "2020-01-01T00:00:00Z",
                 "parties": [{"id": "X", "name": "Barnet Council", "identifier": {"scheme": "GB-LAC", "id": "E09000003"},
                              "roles": ["buyer"]}],
                 "buyer": {"id": "X"}, "tender": {"id": "t", "title": "Road gritting"}}
                """#
            let second = try await Self.run(try Self.plan([("renamed.json", Array(renamed.utf8))]), on: app.db)
            #expect(second.organisationsCreated == 0)
            #expect(try await Self.counts(app.db).buyers == 1)
        }
    }

    @Test func lotCriteriaAndTheUKSupplierDetailsAreKept() async throws {
        try await withApp(.sqliteMemory) { app async throws in
            let release = #"""
                {"ocid": "ocds-lots", "id": "1", "date": "2025-03-01T00:00:00Z", "buyer": {"id": "B"},
                 "parties": [{"id": "B", "name": "Eastmoor County Council", "roles": ["buyer"]},
                   {"id": "S", "name": "Harbour Trust", "identifier": {"scheme": "GB-CHC", "id": "1234567"},
                    "details": {"scale": "micro", "vcse": true}, "roles": ["supplier"]}],
                 "tender": {"id": "T", "title": "Meals", "awardCriteria": "ratedCriteria",
                   "lots": [{"id": "1", "awardCriteria": {"criteria": [
                     {"type": "price", "name": "Price", "numbers": [{"number": 60}]},
                     {"type": "quality", "name": "Social value", "numbers": [{"number": 10.50}]}]}}]},
                 "awards": [{"id": "A", "value": {"amount": 2500.10, "currency": "GBP"}, "relatedLots": ["1"],
                             "suppliers": [{"id": "S"}]}]}
                """#
            _ = try await Self.run(try Self.plan([("lots.json", Array(release.utf8))]), on: app.db)
            let p = try #require(try await OCDSProcurementModel.query(on: app.db).first())
            #expect(p.awardCriteria == "ratedCriteria")
            #expect(
                p.criteria
                    == #"[{"lot":"1","name":"Price","type":"price","weight":"60"},"#
                    + #"{"lot":"1","name":"Social value","type":"quality","weight":"10.50"}]"#)
            let award = try #require(try await OCDSAwardModel.query(on: app.db).first())
            #expect(award.valueAmount == "2500.10" && award.relatedLots == "1")
            let supplier = try #require(
                try await OrganisationModel.query(on: app.db).filter(\.$name == "Harbour Trust").first())
            #expect(supplier.organisationKind == .socialEnterprise)
            #expect(supplier.isSME && supplier.isVCSE)
            #expect(supplier.charityNumber == "1234567")
        }
    }

    @Test func everySampleImportsAndProblemsAreReportedNotFatal() async throws {
        try await withApp(.sqliteFile) { app async throws in
            let folder = Self.fixtures.appendingPathComponent("samples/ocp-2018-releases")
            var inputs = [
                try Self.input("cf-2025-release-package.json"),
                try Self.input("samples/bluetail-contracts-finder-COMBINED-100-releases.json"),
                try Self.input("samples/welsh-sell2wales-1-release.json"),
            ]
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
                inputs.append(try Self.input("samples/ocp-2018-releases/" + name))
            }
            // A known-invalid release among them: no date.
            inputs.append(
                ("broken.jsonl", Array(#"{"ocid": "ocds-x", "id": "1"}"#.utf8) + [10] + Array("{not json\n".utf8)))
            let plan = try Self.plan(inputs)
            #expect(plan.problems.map(\.origin) == ["broken.jsonl:1", "broken.jsonl:2"])
            #expect(plan.releasesTaken == 322)
            #expect(plan.items.count == 302)
            let summary = try await Self.run(plan, on: app.db)
            #expect(summary.created == 302)
            #expect(try await Self.counts(app.db).procurements == 302)
        }
    }

    @Test(arguments: Backend.all)
    func aDryRunSavesNothing(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            let plan = try Self.plan([try Self.input("cf-2025-release-package.json")])
            let summary = try await Self.run(plan, dryRun: true, on: app.db)
            #expect(summary == .init(created: 190, updated: 0, unchanged: 0, organisationsCreated: 369))
            #expect(try await Self.counts(app.db) == Self.nothing)
            #expect(try await AuditEventModel.query(on: app.db).count() == 0)
            #expect(try await OCDSOrganisationIdentifierModel.query(on: app.db).count() == 0)
        }
    }

    @Test func strictStopsAtTheFirstProblemWithNothingSaved() async throws {
        try await withApp(.sqliteMemory) { app async throws in
            let good = try Self.input("fictional-release-package.json")
            let bad = ("bad.jsonl", Array(#"{"ocid": "ocds-y", "id": "1", "date": 5}"#.utf8) + [10])
            let strict = try Self.plan([good, bad], strict: true)
            #expect(strict.stopped && strict.items.isEmpty)
            #expect(strict.problems.map(\.description) == ["bad.jsonl:1: /date: `date` must be a string"])
            let summary = try await Self.run(strict, on: app.db)
            #expect(summary == .init())
            #expect(try await Self.counts(app.db) == Self.nothing)
            let lenient = try Self.plan([good, bad])
            #expect(!lenient.stopped && lenient.items.count == 1 && lenient.problems.count == 1)
        }
    }

    @Test func onlyTheAdministratorImports() async throws {
        try await withApp(.sqliteMemory) { app async throws in
            let plan = try Self.plan([try Self.input("fictional-release-package.json")])
            let someone = Viewer(userID: UUID(), isAdmin: false, memberships: [], compactSeats: [])
            await #expect(throws: StorageError.self) {
                _ = try await OCDSImportStore(app.db).run(
                    plan, batchSize: 10, dryRun: false, viewer: someone, by: .commandLine)
            }
            #expect(try await Self.counts(app.db) == Self.nothing)
        }
    }

    /// Malformed files through the importer (issue 19): never a crash; with --strict a clear error
    /// (file, line, pointer) and nothing saved; without it, what is good is imported and the rest reported.
    @Test func malformedFilesGiveAClearErrorAndSaveNothing() async throws {
        let valid = String(decoding: try Self.input("fictional-release-package.json").bytes, as: UTF8.self)
        try await withApp(.sqliteMemory) { app async throws in
            var stoppedCases = 0
            for c in Fuzz.jsonCases(from: valid, seeds: 0..<80) {
                let before = try await Self.counts(app.db)
                let strict = try Self.plan([("fuzz.json", c.bytes)], strict: true)
                if strict.stopped {
                    stoppedCases += 1
                    let problem = try #require(strict.problems.first, "\(c)")
                    #expect(problem.origin.hasPrefix("fuzz.json:") || problem.origin.hasPrefix("ocds"), "\(c)")
                    #expect(!problem.message.isEmpty, "\(c)")
                    _ = try await Self.run(strict, on: app.db)
                    #expect(try await Self.counts(app.db) == before, "\(c)")
                } else {
                    #expect(strict.problems.isEmpty, "\(c)")
                }
                let lenient = try Self.plan([("fuzz.json", c.bytes)])
                _ = try await Self.run(lenient, on: app.db)
            }
            #expect(stoppedCases >= 20)
        }
    }
}
