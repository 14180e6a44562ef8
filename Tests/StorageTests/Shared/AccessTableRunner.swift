import Foundation
import SocialValue
import Testing

@testable import Storage

/// Refused because the store needs a signed-in viewer: the web layer asks visitors to sign in.
struct NeedsSignIn: Error {}

/// The viewer a store call needs: refuses a visitor as the web layer does.
func signedIn(_ v: Viewer?) throws -> Viewer {
    guard let v else { throw NeedsSignIn() }
    return v
}

/// The asker in `role`, relative to `subject`; nil for a visitor. "Own" is the buyer for the
/// public-body roles, the supplier for supplier members, the subject's Compact for Compact group
/// members (see `AccessRole`).
func accessViewer(_ role: AccessRole, on subject: AccessSubject) -> Viewer? {
    switch role {
    case .anonymous:
        return nil
    case .member(let r, let own):
        let org = own ? (r.sector == .publicBody ? subject.buyer : subject.supplier) : UUID()
        return Viewer(
            userID: UUID(), isAdmin: false, memberships: [.init(organisationID: org, role: r)], compactSeats: [])
    case .compactGroup(let own):
        return Viewer(userID: UUID(), isAdmin: false, memberships: [], compactSeats: [own ? subject.compact : UUID()])
    case .administrator:
        return Viewer(userID: UUID(), isAdmin: true, memberships: [], compactSeats: [])
    }
}

/// The access table for one feature: calls every operation of `Op` on the real store as every
/// `AccessRole` and expects the outcome the core's policy gives. `perform` makes the call (an
/// exhaustive `switch`, so an operation without a call does not compile); allowed calls should
/// fail after the access check (a closed tender, an invalid input) so the fixture stays as it was.
/// `hidden` names the records whose `StorageError.notFound` means "hidden from this asker".
func checkAccessTable<Op: ProtectedOperations>(
    _: Op.Type, subject: AccessSubject, hidden: Set<String> = [],
    sourceLocation: SourceLocation = #_sourceLocation,
    perform: (Op, Viewer?) async throws -> Void
) async {
    for op in Op.allCases {
        for role in AccessRole.all {
            let v = accessViewer(role, on: subject)
            let expected = op.outcome(for: v, on: subject)
            let seen: AccessOutcome
            let detail: String
            do {
                try await perform(op, v)
                (seen, detail) = (.allowed, "done")
            } catch is NeedsSignIn {
                (seen, detail) = (.forbidden, "needs a signed-in viewer")
            } catch StorageError.forbidden(let why) {
                (seen, detail) = (.forbidden, why)
            } catch StorageError.notFound(let what) where hidden.contains(what) {
                (seen, detail) = (.notFound, "\(what) was not found")
            } catch {
                (seen, detail) = (.allowed, "past the access check: \(error)")
            }
            #expect(
                seen == expected,
                "\(op.store).\(op.rawValue) as \(role): expected \(expected), got \(seen) (\(detail))",
                sourceLocation: sourceLocation)
        }
    }
}
