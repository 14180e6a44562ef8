import Fluent
import SocialValue
import TestSupport
import Testing

@testable import Storage

@Suite struct CompactStoreTests {
    let input = CompactInput(
        name: "Eastmoor Compact", area: "Eastmoor", text: "We agree to work together.", version: "3.0",
        adoptedOn: "2024-03-01", nextReviewOn: "2026-03-01")

    @Test(arguments: Backend.all)
    func aNewCompactStartsFromTheNationalPrinciplesAndDefaults(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            let store = CompactStore(app.db)
            let c = try await store.create(input, viewer: .commandLine, by: .commandLine)
            #expect(try await store.principles(of: c.id!).map(\.code) == ["2.1", "2.3", "2.4", "3.6", "3.17", "4.x"])
            #expect(try await store.find(c.id!).settings == CompactSettings.defaults)
            await #expect(throws: ValidationFailure("name", "A Compact called Eastmoor Compact already exists")) {
                try await store.create(input, viewer: .commandLine, by: .commandLine)
            }
        }
    }

    @Test(arguments: Backend.all)
    func settingsAreValidatedAndRoundTrip(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            let store = CompactStore(app.db)
            let c = try await store.create(input, viewer: .commandLine, by: .commandLine)
            var s = CompactSettings.defaults
            s.minimumConsultationDays = 90
            s.bands = [
                ValueBand(fromPence: 0, minWeightingPercent: 10, maxWeightingPercent: 30, monitoring: .quarterly)
            ]
            _ = try await store.updateSettings(c.id!, s, viewer: .commandLine, by: .commandLine)
            #expect(try await store.find(c.id!).settings == s)
            s.bands[0].maxWeightingPercent = 5
            await #expect(throws: ValidationFailure.self) {
                try await store.updateSettings(c.id!, s, viewer: .commandLine, by: .commandLine)
            }
            #expect(try await store.find(c.id!).settings.bands[0].maxWeightingPercent == 30)
        }
    }

    @Test(arguments: Backend.all)
    func signatoriesGroupAndReviews(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            let store = CompactStore(app.db)
            let users = UserStore(app.db, passwords: testPasswords)
            let c = try await store.create(input, viewer: .commandLine, by: .commandLine)
            let charity = try await OrganisationStore(app.db).create(foodbank(), viewer: .commandLine, by: .commandLine)
            try await store.addSignatory(
                c.id!, CompactSignatoryInput(organisationId: charity.id, signedOn: "2024-04-02"), viewer: .commandLine,
                by: .commandLine)
            await #expect(
                throws: ValidationFailure("organisationId", "Brackenford Foodbank has already signed Eastmoor Compact")
            ) {
                try await store.addSignatory(
                    c.id!, CompactSignatoryInput(organisationId: charity.id, signedOn: "2024-04-03"),
                    viewer: .commandLine, by: .commandLine)
            }
            let cath = try await users.create(
                .init(email: "cath@eastmoor.example", displayName: "Cath", password: testPassword),
                viewer: .commandLine, by: .commandLine)
            await #expect(throws: ValidationFailure("organisationId", "Cath does not belong to Brackenford Foodbank")) {
                try await store.addSeat(
                    c.id!, CompactSeatInput(userId: cath.id, organisationId: charity.id, position: "Co-chair"),
                    viewer: .commandLine, by: .commandLine)
            }
            try await users.addMembership(
                user: cath.id!, MembershipInput(organisationId: charity.id, role: "supplier-member"),
                viewer: .commandLine, by: .commandLine)
            try await store.addSeat(
                c.id!, CompactSeatInput(userId: cath.id, organisationId: charity.id, position: "Co-chair"),
                viewer: .commandLine, by: .commandLine)
            #expect(try await users.viewer(for: cath).canManageCompact(c.id!))

            await #expect(
                throws: ValidationFailure(
                    "reviewedOn", "The review cannot be before the Compact was adopted (1 March 2024)")
            ) {
                try await store.recordReview(
                    c.id!,
                    CompactReviewInput(
                        reviewedOn: "2024-01-01", versionAfter: "3.1", summary: "Early", nextReviewOn: "2025-01-01"),
                    viewer: .commandLine, by: .commandLine)
            }
            try await store.recordReview(
                c.id!,
                CompactReviewInput(
                    reviewedOn: "2026-03-02", versionAfter: "3.1", summary: "Updated 2.4", nextReviewOn: "2027-03-01"),
                viewer: .commandLine, by: .commandLine)
            let after = try await store.find(c.id!)
            #expect(after.version == "3.1")
            #expect(after.nextReviewOn == "2027-03-01")
            let reviews = try await store.reviews(of: c.id!)
            #expect(reviews.map(\.versionBefore) == ["3.0"])
        }
    }

    @Test(arguments: Backend.all)
    func principlesCanBeAdaptedLocally(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            let store = CompactStore(app.db)
            let c = try await store.create(input, viewer: .commandLine, by: .commandLine)
            let p24 = try await store.principles(of: c.id!).first { $0.code == "2.4" }!
            let local = CompactPrincipleInput(
                code: "2.4", title: "Ten-week consultations", text: "Eastmoor consults for ten weeks.", productRule: "")
            try await store.updatePrinciple(c.id!, principle: p24.id!, local, viewer: .commandLine, by: .commandLine)
            #expect(try await store.principles(of: c.id!).first { $0.code == "2.4" }?.title == "Ten-week consultations")
            await #expect(throws: ValidationFailure.self) {
                try await store.addPrinciple(
                    c.id!, CompactPrincipleInput(code: "2.1", title: "Dup", text: "Dup"), viewer: .commandLine,
                    by: .commandLine)
            }
            try await store.removePrinciple(c.id!, principle: p24.id!, viewer: .commandLine, by: .commandLine)
            #expect(try await store.principles(of: c.id!).count == 5)
        }
    }
}
