import Fluent
import SocialValue
import TestSupport
import Testing

@testable import Storage

func foodbank(name: String = "Brackenford Foodbank") -> OrganisationInput {
    OrganisationInput(
        name: name, kind: "charitable-incorporated-organisation", charityNumber: "1190234",
        addressLine1: "Unit 3, Station Yard", town: "Brackenford", postcode: "EM4 5FB", area: "Eastmoor")
}

@Suite struct OrganisationStoreTests {
    @Test(arguments: Backend.all)
    func createWritesTheRecordAndItsAuditEvent(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            let store = OrganisationStore(app.db)
            let org = try await store.create(foodbank(), viewer: .commandLine, by: Actor(userID: nil, label: "tester"))
            let events = try await AuditEventModel.query(on: app.db).all()
            #expect(events.count == 1)
            #expect(events[0].action == "created")
            #expect(events[0].recordID == org.id!.uuidString)
            #expect(events[0].actor == "tester")
            #expect(events[0].changes.contains(#""name":{"to":"Brackenford Foodbank"}"#))
            #expect(events[0].previousHash == AuditChain.genesis)
        }
    }

    @Test(arguments: Backend.all)
    func updateRecordsOnlyWhatChanged(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            let store = OrganisationStore(app.db)
            let org = try await store.create(foodbank(), viewer: .commandLine, by: .commandLine)
            var input = foodbank()
            input.town = "Saltmarsh"
            _ = try await store.update(org.id!, input, viewer: .commandLine, by: .commandLine)
            _ = try await store.update(org.id!, input, viewer: .commandLine, by: .commandLine)  // no change: no event
            let events = try await AuditEventModel.query(on: app.db).sort(\.$sequence).all()
            #expect(events.count == 2)
            #expect(events[1].changes == #"{"town":{"from":"Brackenford","to":"Saltmarsh"}}"#)
            #expect(try await store.find(org.id!).town == "Saltmarsh")
        }
    }

    @Test(arguments: Backend.all)
    func invalidOrDuplicateInputSavesNothing(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            let store = OrganisationStore(app.db)
            var bad = foodbank()
            bad.postcode = "nowhere"
            await #expect(throws: ValidationFailure.self) {
                try await store.create(bad, viewer: .commandLine, by: .commandLine)
            }
            _ = try await store.create(foodbank(), viewer: .commandLine, by: .commandLine)
            await #expect(
                throws: ValidationFailure("name", "An organisation called Brackenford Foodbank already exists")
            ) {
                try await store.create(foodbank(), viewer: .commandLine, by: .commandLine)
            }
            #expect(try await OrganisationModel.query(on: app.db).count() == 1)
            #expect(try await AuditEventModel.query(on: app.db).count() == 1)
        }
    }

    @Test(arguments: Backend.all)
    func searchFilterAndPaginate(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            let store = OrganisationStore(app.db)
            for i in 1...23 {
                _ = try await store.create(
                    foodbank(name: "Pantry \(String(format: "%02d", i))"), viewer: .commandLine, by: .commandLine)
            }
            var council = foodbank(name: "Eastmoor County Council")
            council.kind = "county-council"
            council.charityNumber = nil
            _ = try await store.create(council, viewer: .commandLine, by: .commandLine)
            let (page2, p) = try await store.list(search: "pantry", page: 2, pageSize: 10)
            #expect(p.total == 23)
            #expect(page2.map(\.name).first == "Pantry 11")
            #expect(page2.count == 10)
            let (publicBodies, _) = try await store.list(sector: .publicBody)
            #expect(publicBodies.map(\.name) == ["Eastmoor County Council"])
            let (councils, _) = try await store.list(search: "COUNTY", kind: .countyCouncil)
            #expect(councils.count == 1)
        }
    }
}
