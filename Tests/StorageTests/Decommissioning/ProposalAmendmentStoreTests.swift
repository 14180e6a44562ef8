import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing
import Vapor

@testable import Storage

/// Issue 13 §1: a decommissioning proposal shared with the provider stays as it was shared.
/// Before sharing it is changed in place; sharing records version 1; after it an in-place change
/// is refused and an amendment is version 2, beside version 1, which stays as it was; each
/// response keeps the version it answered.
@Suite struct ProposalAmendmentStoreTests {
    static func conflict(_ a: DecommissioningArea, _ id: UUID, field: String) -> StorageError {
        .conflict(
            FieldError(
                field,
                "The proposal was shared with Brackenford Foodbank on 20 January 2027: it is not changed in place. Amend it with a reason (POST /api/v1/decommissioning/\(id)/proposal/amendments); the version shared stays beside the amendment"
            ))
    }

    @Test(arguments: Backend.all)
    func sharingFreezesVersionOneAndAnAmendmentIsVersionTwoBesideIt(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let a = try await DecommissioningArea(app)
            let priya = Actor.user(a.area.priya)
            let now = DecommissioningArea.now
            let id = try await a.create()
            // Before sharing: changed in place, and there are no versions.
            var renamed = DecommissioningArea.proposal
            renamed.serviceName = "Brackenford food and advice hub"
            _ = try await a.store.updateProposal(id, renamed, viewer: a.priya, by: priya, now: now)
            _ = try await a.store.saveImpact(id, DecommissioningArea.impact, viewer: a.priya, by: priya, now: now)
            #expect(try await a.store.proposalVersions(of: id, viewer: a.priya).isEmpty)
            await #expect(
                throws: StorageError.conflict(
                    FieldError(
                        "reason", "The proposal has not been shared with Brackenford Foodbank yet: change it in place"))
            ) {
                try await a.store.amendProposal(
                    id, ProposalAmendmentInput(renamed, reason: "Early"), viewer: a.priya, by: priya, now: now)
            }

            _ = try await a.store.share(id, viewer: a.priya, by: priya, now: now)
            let shared = try await a.store.proposalVersions(of: id, viewer: a.priya)
            #expect(shared.map(\.version) == [1])
            let v1 = try shared[0].content
            #expect(v1.serviceName == "Brackenford food and advice hub")
            #expect(v1.currentFundingPence == 4_800_000 && v1.proposedFundingPence == 3_000_000)
            #expect(v1.onVolunteers == "Twelve volunteer shifts a week end")
            #expect(shared[0].reason == nil)
            #expect(shared[0].author == "priya@eastmoor.example")

            // After sharing: an in-place change is refused and changes nothing.
            let audits = try await AuditEventModel.query(on: app.db).count()
            var cut = renamed
            cut.proposedFunding = "20,000"
            await #expect(throws: Self.conflict(a, id, field: "serviceName")) {
                try await a.store.updateProposal(id, cut, viewer: a.priya, by: priya, now: now)
            }
            await #expect(throws: Self.conflict(a, id, field: "onBeneficiaries")) {
                try await a.store.saveImpact(
                    id, ImpactInput(onBeneficiaries: "None"), viewer: a.priya, by: priya, now: now)
            }
            #expect(try await AuditEventModel.query(on: app.db).count() == audits)
            #expect(try await a.store.find(id, viewer: a.priya).proposedFundingPence == 3_000_000)

            // The provider answers version 1.
            let answered = try await a.store.respond(
                id, ResponseInput(text: "Please keep Friday opening"), viewer: a.sam, by: .user(a.area.sam), now: now)
            #expect(answered.responseText == "Please keep Friday opening")
            #expect(try await a.store.responseVersion(of: id, viewer: a.priya) == 1)

            // An amendment with nothing changed, then one that changes the funding with a reason.
            await #expect(
                throws: ValidationFailure(
                    "serviceName",
                    "The amendment is the same as version 1, the proposal in force: change what needs amending")
            ) {
                try await a.store.amendProposal(
                    id, ProposalAmendmentInput(renamed, reason: "Nothing"), viewer: a.priya, by: priya, now: now)
            }
            // Kim's firm is not the provider, and the provider does not amend the county's proposal.
            await #expect(throws: StorageError.notFound("The decommissioning case")) {
                try await a.store.amendProposal(
                    id, ProposalAmendmentInput(cut, reason: "Cut"), viewer: a.kim, by: .user(a.area.kim), now: now)
            }
            await #expect(
                throws: StorageError.forbidden(
                    "Only the commissioners of Eastmoor County Council change this decommissioning case")
            ) {
                try await a.store.amendProposal(
                    id, ProposalAmendmentInput(cut, reason: "Cut"), viewer: a.sam, by: .user(a.area.sam), now: now)
            }
            var kinder = renamed
            kinder.proposedFunding = "36,000"
            let later = now.addingTimeInterval(2 * 86_400)
            let v2 = try await a.store.amendProposal(
                id, ProposalAmendmentInput(kinder, reason: "The district council funds part of the gap"),
                viewer: a.priya, by: priya, now: later)
            #expect(v2.version == 2)
            #expect(v2.reason == "The district council funds part of the gap")
            #expect(try v2.content.proposedFundingPence == 3_600_000)
            // The impact assessment was not given: it stays as shared.
            #expect(try v2.content.onVolunteers == "Twelve volunteer shifts a week end")
            let versions = try await a.store.proposalVersions(of: id, viewer: a.sam)
            #expect(versions.map(\.version) == [1, 2])
            #expect(try versions[0].content == v1)
            #expect(versions[0].at == now && versions[1].at == later)
            let c = try await a.store.find(id, viewer: a.priya)
            #expect(c.proposedFundingPence == 3_600_000)
            #expect(try await a.store.responseVersion(of: id, viewer: a.sam) == 1)
            let toSam = try await NotificationModel.query(on: app.db).filter(\.$user.$id == a.area.sam.id!)
                .sort(\.$createdAt).all().map(\.text)
            #expect(
                toSam.contains(
                    "Eastmoor County Council has amended the proposal about “Brackenford food and advice hub” (version 2). Read the proposal as amended and why it was amended."
                ))
            let amended = try await AuditEventModel.query(on: app.db).filter(\.$recordID == id.uuidString)
                .filter(\.$action == "proposal amended").count()
            #expect(amended == 1)

            // A written response recorded now answers version 2.
            let recorded = try await a.store.recordResponse(
                id, ResponseInput(text: "We accept £36,000", receivedOn: "2027-01-21", how: "Email"),
                viewer: a.priya, by: priya, now: later)
            #expect(recorded.responseText == "We accept £36,000")
            #expect(try await a.store.responseVersion(of: id, viewer: a.priya) == 2)

            // Once decided, the proposal is no longer amended.
            _ = try await a.store.decide(
                id, a.end(id, effective: "2027-04-20"), viewer: a.priya, by: priya, now: later)
            var again = kinder
            again.proposedFunding = "40,000"
            await #expect(
                throws: StorageError.conflict(
                    FieldError("status", "The decision has been recorded: the case can no longer be changed"))
            ) {
                try await a.store.amendProposal(
                    id, ProposalAmendmentInput(again, reason: "Late"), viewer: a.priya, by: priya, now: later)
            }
        }
    }

    @Test(arguments: Backend.all)
    func aDecisionThatSharesTheProposalRecordsVersionOne(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let a = try await DecommissioningArea(app)
            let id = try await DecisionAmendmentTests.decided(a)
            let versions = try await a.store.proposalVersions(of: id, viewer: a.sam)
            #expect(versions.map(\.version) == [1])
            #expect(try versions[0].content.serviceName == "Brackenford food hub")
            // The response was recorded before the proposal was shared: it answers no version.
            #expect(try await a.store.responseVersion(of: id, viewer: a.priya) == nil)
        }
    }
}
