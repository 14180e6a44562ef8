import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing
import Vapor

@testable import Storage

private func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

/// Issue 13 §1: once an organisation has signed a Compact, its text and principles never change in
/// place. The first signature records version 1; a change of text or principles is refused (409,
/// naming the amendments endpoint) and changes nothing; an amendment is a new version with its
/// reason and author; and each signature stays with the version it signed.
@Suite struct CompactAmendmentTests {
    static let input = CompactInput(
        name: "Eastmoor Compact", area: "Eastmoor", text: "We agree to work together.", version: "3.0",
        adoptedOn: "2024-03-01", nextReviewOn: "2026-03-01")

    /// A Compact signed by the food bank; before the signature its text was changed in place.
    static func signed(_ app: Application) async throws -> (CompactStore, UUID, [String]) {
        let store = CompactStore(app.db)
        let c = try await store.create(input, viewer: .commandLine, by: .commandLine)
        var changed = input
        changed.text = "We agree to work together, openly."
        _ = try await store.update(c.id!, changed, viewer: .commandLine, by: .commandLine)  // not signed yet
        #expect(try await store.versions(of: c.id!).isEmpty)
        let charity = try await OrganisationStore(app.db).create(foodbank(), viewer: .commandLine, by: .commandLine)
        try await store.addSignatory(
            c.id!, CompactSignatoryInput(organisationId: charity.id, signedOn: "2024-04-02"), viewer: .commandLine,
            by: .commandLine)
        let codes = try await store.principles(of: c.id!).map(\.code)
        return (store, c.id!, codes)
    }

    @Test(arguments: Backend.all)
    func changingTheSignedTextOrPrinciplesInPlaceIsRefusedAndChangesNothing(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let (store, id, codes) = try await Self.signed(app)
            let versions = try await store.versions(of: id)
            #expect(versions.map(\.version) == [1])
            #expect(versions[0].text == "We agree to work together, openly.")
            #expect(versions[0].principles.map(\.code) == codes)
            #expect(try await store.signatories(of: id).map(\.signedVersion) == [1])
            let before = try await store.find(id).auditFields
            let audits = try await AuditEventModel.query(on: app.db).count()
            let refusal = { (field: String) in
                StorageError.conflict(
                    FieldError(
                        field,
                        "The Compact has been signed (version 1 is in force): its text and principles are not changed in place. Amend it with a reason (POST /api/v1/compacts/\(id)/amendments); each signature stays with the version it signed"
                    ))
            }
            var rewritten = Self.input
            rewritten.text = "We agree to consult when we can."
            await #expect(throws: refusal("text")) {
                try await store.update(id, rewritten, viewer: .commandLine, by: .commandLine)
            }
            let p = try await store.principles(of: id)[0]
            await #expect(throws: refusal("code")) {
                try await store.updatePrinciple(
                    id, principle: p.id!, CompactPrincipleInput(code: p.code, title: "Changed", text: "Changed"),
                    viewer: .commandLine, by: .commandLine)
            }
            await #expect(throws: refusal("code")) {
                try await store.addPrinciple(
                    id, CompactPrincipleInput(code: "9.9", title: "New", text: "New"), viewer: .commandLine,
                    by: .commandLine)
            }
            await #expect(throws: refusal("code")) {
                try await store.removePrinciple(id, principle: p.id!, viewer: .commandLine, by: .commandLine)
            }
            #expect(try await store.find(id).auditFields == before)
            #expect(try await store.principles(of: id).map(\.code) == codes)
            #expect(try await store.principles(of: id)[0].title == p.title)
            #expect(try await AuditEventModel.query(on: app.db).count() == audits)
            // The register details still change in place.
            var renamed = Self.input
            renamed.text = "We agree to work together, openly."
            renamed.area = "Eastmoor and Saltmarsh"
            #expect(try await store.update(id, renamed, viewer: .commandLine, by: .commandLine).area == renamed.area)
        }
    }

    @Test(arguments: Backend.all)
    func anAmendmentIsANewVersionAndEachSignatureKeepsItsVersion(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let (store, id, codes) = try await Self.signed(app)
            let original = try await store.principles(of: id).map(\.principle)
            var principles = original.map(CompactPrincipleInput.init)
            principles[2].title = "Ten-week consultations"
            principles[2].text = "Eastmoor consults for ten weeks."
            await #expect(throws: ValidationFailure("reason", "Enter why the Compact is amended")) {
                try await store.amend(
                    id, CompactAmendmentInput(text: "We agree.", principles: principles), viewer: .commandLine,
                    by: .commandLine)
            }
            await #expect(
                throws: ValidationFailure(
                    "text", "The amendment is the same as version 1, the Compact in force: change what needs amending")
            ) {
                try await store.amend(
                    id, CompactAmendmentInput(text: "We agree to work together, openly.", reason: "Typo"),
                    viewer: .commandLine, by: .commandLine)
            }
            let v2 = try await store.amend(
                id,
                CompactAmendmentInput(
                    text: "We agree to work together, openly, across Eastmoor.", principles: principles, version: "3.1",
                    reason: "Agreed at the annual meeting"),
                viewer: .commandLine, by: .commandLine, now: utc("2026-05-01T10:00:00Z"))
            #expect(v2.version == 2)
            let versions = try await store.versions(of: id)
            #expect(versions.map(\.version) == [1, 2])
            // Version 1 stays as signed.
            #expect(versions[0].text == "We agree to work together, openly.")
            #expect(versions[0].principles == original)
            #expect(versions[0].label == "3.0")
            #expect(versions[0].reason == nil)
            #expect(versions[1].principles[2].title == "Ten-week consultations")
            #expect(versions[1].reason == "Agreed at the annual meeting")
            #expect(versions[1].author == "command line")
            #expect(versions[1].at == utc("2026-05-01T10:00:00Z"))
            #expect(versions[1].label == "3.1")
            // The Compact shows the version in force.
            let c = try await store.find(id)
            #expect(c.text == "We agree to work together, openly, across Eastmoor.")
            #expect(c.version == "3.1")
            #expect(try await store.principles(of: id).map(\.code) == codes)
            #expect(try await store.principles(of: id)[2].title == "Ten-week consultations")
            // A new signature is for version 2; the first stays with version 1.
            var other = foodbank(name: "Saltmarsh Carers")
            other.charityNumber = "1100002"
            let carers = try await OrganisationStore(app.db).create(other, viewer: .commandLine, by: .commandLine)
            try await store.addSignatory(
                id, CompactSignatoryInput(organisationId: carers.id, signedOn: "2026-05-02"), viewer: .commandLine,
                by: .commandLine)
            let signed = try await store.signatories(of: id).map { ($0.organisation.name, $0.signedVersion) }
            #expect(signed.first { $0.0 == "Brackenford Foodbank" }?.1 == 1)
            #expect(signed.first { $0.0 == "Saltmarsh Carers" }?.1 == 2)
        }
    }

    @Test(arguments: Backend.all)
    func onlyTheGroupAmendsAndOnlyOnceSigned(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let store = CompactStore(app.db)
            let unsigned = try await store.create(Self.input, viewer: .commandLine, by: .commandLine)
            let input = CompactAmendmentInput(text: "Changed", reason: "Because")
            await #expect(
                throws: StorageError.conflict(
                    FieldError(
                        "text",
                        "No organisation has signed Eastmoor Compact yet: change its text and principles in place"))
            ) {
                try await store.amend(unsigned.id!, input, viewer: .commandLine, by: .commandLine)
            }
            let outsider = Viewer(userID: UUID(), isAdmin: false, memberships: [], compactSeats: [])
            await expectForbidden { try await store.amend(unsigned.id!, input, viewer: outsider, by: .commandLine) }
            let subject = AccessSubject(buyer: UUID(), supplier: UUID(), compact: unsigned.id!)
            let group = Viewer(userID: UUID(), isAdmin: false, memberships: [], compactSeats: [unsigned.id!])
            #expect(CompactOperation.amendCompact.outcome(for: group, on: subject) == .allowed)
            #expect(CompactOperation.amendCompact.outcome(for: outsider, on: subject) == .forbidden)
            #expect(CompactOperation.amendCompact.outcome(for: nil, on: subject) == .forbidden)
        }
    }
}
