import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing
import Vapor

@testable import Storage

private func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

/// Issue 13 §1: the owners' response to a comment on a framework version is published to everyone
/// who can see the version. Responding again is refused (409, naming the amendments endpoint) and
/// changes nothing; an amendment is a new version with its reason and author, and the response
/// first given stays as it was.
@Suite struct CommentResponseAmendmentTests {
    /// A draft version with Cath's comment (she sits on the Compact's group) and the owners'
    /// response, given on 3 March 2026.
    static func answered(_ app: Application) async throws -> (UUID, UUID, Viewer) {
        let store = FrameworkStore(app.db)
        let (compact, _, _, v1) = try await frameworkFixture(app.db)
        let user = try await UserStore(app.db, passwords: testPasswords).create(
            .init(email: "cath@eastmoor.example", displayName: "Cath", password: testPassword),
            viewer: .commandLine, by: .commandLine)
        let cath = Viewer(userID: user.id!, isAdmin: false, memberships: [], compactSeats: [compact])
        let outcome = try await store.tree(of: v1.id!, viewer: owner).outcomes[0]
        try await store.addComment(
            v1.id!, CommentInput(targetKind: "outcome", targetId: outcome.id, text: "Add a local target"),
            viewer: cath, by: .user(user))
        let comment = try await store.comments(on: v1.id!, viewer: owner)[0].id!
        try await store.respond(
            to: comment, CommentResponseInput(response: "Added in the next draft"), viewer: owner,
            by: .commandLine, now: utc("2026-03-03T10:00:00Z"))
        return (v1.id!, comment, cath)
    }

    @Test(arguments: Backend.all)
    func respondingAgainIsRefusedAndChangesNothing(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let store = FrameworkStore(app.db)
            let (version, comment, _) = try await Self.answered(app)
            let audits = try await AuditEventModel.query(on: app.db).count()
            await #expect(
                throws: StorageError.conflict(
                    FieldError(
                        "response",
                        "This comment already has a response, published on 3 March 2026: it is not changed in place. Amend it with a reason (POST /api/v1/framework-comments/\(comment)/response/amendments), and the response stays beside the amendment"
                    ))
            ) {
                try await store.respond(
                    to: comment, CommentResponseInput(response: "Not needed after all"), viewer: owner,
                    by: .commandLine)
            }
            let c = try await store.comments(on: version, viewer: owner)[0]
            #expect(c.response == "Added in the next draft")
            #expect(c.respondedAt == utc("2026-03-03T10:00:00Z"))
            #expect(try await AuditEventModel.query(on: app.db).count() == audits)
            let versions = try await store.responseVersions(on: version, viewer: owner)[comment] ?? []
            #expect(versions.map(\.version) == [1])
            #expect(versions.first?.response == "Added in the next draft")
            #expect(versions.first?.author == "command line")
            #expect(versions.first?.reason == nil)
        }
    }

    @Test(arguments: Backend.all)
    func anAmendmentIsANewVersionWithItsReasonAndTheFirstStays(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let store = FrameworkStore(app.db)
            let (version, comment, _) = try await Self.answered(app)
            await #expect(throws: ValidationFailure("reason", "Enter why the response is amended")) {
                try await store.amendResponse(
                    to: comment, CommentResponseAmendmentInput(response: "Added as ECO9 in version 2"),
                    viewer: owner, by: .commandLine)
            }
            await #expect(
                throws: ValidationFailure(
                    "response",
                    "The amendment is the same as version 1, the response in force: change what needs amending")
            ) {
                try await store.amendResponse(
                    to: comment, CommentResponseAmendmentInput(response: " Added in the next draft ", reason: "Typo"),
                    viewer: owner, by: .commandLine)
            }
            try await store.amendResponse(
                to: comment,
                CommentResponseAmendmentInput(
                    response: "Added as ECO9 in version 2", reason: "The measure has its code now"),
                viewer: owner, by: .commandLine, now: utc("2026-04-01T09:00:00Z"))
            let versions = try await store.responseVersions(on: version, viewer: owner)[comment] ?? []
            #expect(versions.map(\.version) == [1, 2])
            #expect(versions[0].response == "Added in the next draft")
            #expect(versions[0].at == utc("2026-03-03T10:00:00Z"))
            #expect(versions[0].author == "command line")
            #expect(versions[1].response == "Added as ECO9 in version 2")
            #expect(versions[1].reason == "The measure has its code now")
            #expect(versions[1].at == utc("2026-04-01T09:00:00Z"))
            // The comment shows the response in force.
            #expect(try await store.comments(on: version, viewer: owner)[0].response == "Added as ECO9 in version 2")
        }
    }

    @Test(arguments: Backend.all)
    func onlyTheOwnersAmendAndOnlyAResponseGiven(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let store = FrameworkStore(app.db)
            let (version, comment, cath) = try await Self.answered(app)
            let input = CommentResponseAmendmentInput(response: "Something else", reason: "Because")
            let outsider = Viewer(userID: UUID(), isAdmin: false, memberships: [], compactSeats: [])
            await expectForbidden {
                try await store.amendResponse(to: comment, input, viewer: outsider, by: .commandLine)
            }
            let compact = try #require(cath.compactSeats.first)
            let subject = AccessSubject(buyer: UUID(), supplier: UUID(), compact: compact)
            #expect(FrameworkOperation.amendCommentResponse.outcome(for: owner, on: subject) == .allowed)
            #expect(FrameworkOperation.amendCommentResponse.outcome(for: outsider, on: subject) == .forbidden)
            #expect(FrameworkOperation.amendCommentResponse.outcome(for: nil, on: subject) == .forbidden)
            #expect((try await store.responseVersions(on: version, viewer: owner)[comment] ?? []).count == 1)
        }
    }
}
