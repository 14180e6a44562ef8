import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing
import Vapor

@testable import Storage

/// The public record of decommissioning (issue 16; decommissioning.md, "The public record"): a
/// decided case's public summary, published by the body's commissioners as a snapshot, never
/// changed in place, listed for anyone with filters.
@Suite struct PublicRecordStoreTests {
    static let rationale = "The county's grants budget falls by a third in 2027."

    @Test(arguments: Backend.all)
    func theCommissionerPublishesASnapshotOfTheDecidedCase(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let a = try await DecommissioningArea(app)
            let id = try await DecisionAmendmentTests.decided(a)
            let p = try await a.store.publish(
                id, PublicSummaryInput(rationale: "  \(Self.rationale)  "), viewer: a.priya, by: .user(a.area.priya),
                now: DecommissioningArea.now)
            #expect(p.version == 1)
            #expect(p.serviceName == "Brackenford food hub")
            #expect(p.providerName == "Brackenford Foodbank")
            #expect(p.publicBodyName == "Eastmoor County Council")
            #expect(p.publicBodyID == a.area.county)
            #expect(p.decisionValue == .end)
            #expect(p.currentFundingPence == 4_800_000)
            #expect(p.proposedFundingPence == nil)
            #expect(p.rationale == Self.rationale)
            #expect(p.impactsAssessed)
            #expect(p.responseConsidered)
            #expect(p.noticeGivenOn == "2027-01-20")
            #expect(p.effectiveOn == "2027-04-08")
            #expect(p.earliestEndOn == "2027-04-20")
            #expect(p.minimumNoticeMonths == 3)
            #expect(try p.notice == .breach(daysShort: 12))
            #expect(p.exceptionalReason == nil)
            #expect(p.decidedOn == "2027-01-20")
            #expect(p.publishedBy == a.area.priya.id)
            #expect(p.reason == nil)
            let audit = try await AuditEventModel.query(on: app.db).filter(\.$recordID == p.id!.uuidString).all()
            #expect(audit.map(\.action) == ["published"])
            #expect(audit.map(\.recordType) == ["decommissioning public summary"])
        }
    }

    @Test func aWithdrawnCaseIsPublishedWithoutNoticeAndAnUndecidedOneIsRefused() async throws {
        try await withApp(.sqliteMemory) { app in
            let a = try await DecommissioningArea(app)
            let id = try await a.create()
            let priya = Actor.user(a.area.priya)
            await #expect(
                throws: ValidationFailure("status", "Only a decided case can be published: record the decision first")
            ) {
                try await a.store.publish(
                    id, PublicSummaryInput(rationale: "Why"), viewer: a.priya, by: priya, now: DecommissioningArea.now)
            }
            #expect(try await a.store.publications(of: id).isEmpty)
            _ = try await a.store.decide(
                id, DecisionInput(decision: "continue", rationale: "A new grant covers the gap"), viewer: a.priya,
                by: priya, now: DecommissioningArea.now)
            let p = try await a.store.publish(
                id, PublicSummaryInput(rationale: "A new grant covers the gap"), viewer: a.priya, by: priya,
                now: DecommissioningArea.now)
            #expect(p.decisionValue == .continueUnchanged)
            #expect(p.currentFundingPence == nil)
            #expect(p.noticeCheck == nil)
            #expect(!p.impactsAssessed)
            #expect(!p.responseConsidered)
        }
    }

    @Test func onlyTheBodysCommissionersPublish() async throws {
        try await withApp(.sqliteMemory) { app in
            let a = try await DecommissioningArea(app)
            let id = try await DecisionAmendmentTests.decided(a)
            let input = PublicSummaryInput(rationale: Self.rationale)
            let forbidden = StorageError.forbidden(
                "Only the commissioners of Eastmoor County Council change this decommissioning case")
            for (viewer, error) in [
                (a.colin, forbidden), (a.sam, forbidden),
                (a.otherCommissioner, StorageError.notFound("The decommissioning case")),
                (a.kim, StorageError.notFound("The decommissioning case")),
            ] {
                await #expect(throws: error) {
                    try await a.store.publish(
                        id, input, viewer: viewer, by: .commandLine, now: DecommissioningArea.now)
                }
            }
            #expect(try await a.store.publications(of: id).isEmpty)
        }
    }

    @Test(arguments: Backend.all)
    func publishingAgainIsVersionTwoBesideAnUnchangedVersionOne(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let a = try await DecommissioningArea(app)
            let id = try await DecisionAmendmentTests.decided(a)
            let priya = Actor.user(a.area.priya)
            let first = try await a.store.publish(
                id, PublicSummaryInput(rationale: Self.rationale), viewer: a.priya, by: priya,
                now: DecommissioningArea.now)
            let firstFields = first.auditFields
            _ = try await a.store.amendDecision(
                id,
                DecisionAmendmentInput(
                    a.end(id, effective: "2027-04-08", reason: "The premises failed a fire inspection"),
                    amendmentReason: "The fire inspection report arrived after the decision"),
                viewer: a.priya, by: priya, now: DecommissioningArea.now)
            await #expect(throws: ValidationFailure("reason", "Enter why the summary is published again")) {
                try await a.store.publish(
                    id, PublicSummaryInput(rationale: Self.rationale), viewer: a.priya, by: priya,
                    now: DecommissioningArea.now)
            }
            let later = DecommissioningArea.now.addingTimeInterval(86_400)
            let second = try await a.store.publish(
                id, PublicSummaryInput(rationale: Self.rationale, reason: "The decision was amended"), viewer: a.priya,
                by: priya, now: later)
            #expect(second.version == 2)
            #expect(second.reason == "The decision was amended")
            #expect(try second.notice == .shortWithReason(daysShort: 12))
            #expect(second.exceptionalReason == "The premises failed a fire inspection")
            let all = try await a.store.publications(of: id)
            #expect(all.map(\.version) == [1, 2])
            #expect(all[0].id == first.id)
            #expect(all[0].auditFields == firstFields)
            #expect(try all[0].notice == .breach(daysShort: 12))
            // The list shows the latest version only, once.
            let (listed, page) = try await a.store.publicRecord(.init())
            #expect(listed.map(\.id) == [second.id])
            #expect(page.total == 1)
            let actions = try await AuditEventModel.query(on: app.db).filter(
                \.$recordType == "decommissioning public summary"
            )
            .sort(\.$sequence).all().map(\.action)
            #expect(actions == ["published", "published again"])
        }
    }

    @Test func thePublicRecordFiltersByBodyDecisionNoticeAndText() async throws {
        try await withApp(.sqliteMemory) { app in
            let a = try await DecommissioningArea(app)
            let priya = Actor.user(a.area.priya)
            let ended = try await DecisionAmendmentTests.decided(a)
            let withdrawn = try await a.store.create(
                owner: a.area.county, provider: a.area.foodbank, contract: nil,
                ProposalInput(
                    serviceName: "Saltmarsh lunch club", serviceDescription: "Lunches", change: "end",
                    rationale: "Budget"), viewer: a.priya, by: priya, now: DecommissioningArea.now
            ).id!
            _ = try await a.store.decide(
                withdrawn, DecisionInput(decision: "continue", rationale: "Kept"), viewer: a.priya, by: priya,
                now: DecommissioningArea.now)
            let undecided = try await a.create()
            for id in [ended, withdrawn] {
                _ = try await a.store.publish(
                    id, PublicSummaryInput(rationale: "Why"), viewer: a.priya, by: priya, now: DecommissioningArea.now)
            }
            func ids(_ s: DecommissioningStore.PublicSearch) async throws -> Set<UUID> {
                Set(try await a.store.publicRecord(s).0.map(\.caseID))
            }
            #expect(try await ids(.init()) == [ended, withdrawn])
            #expect(!(try await ids(.init()).contains(undecided)))
            #expect(try await ids(.init(decision: .end)) == [ended])
            #expect(try await ids(.init(decision: .continueUnchanged)) == [withdrawn])
            #expect(try await ids(.init(notice: .breach)) == [ended])
            #expect(try await ids(.init(notice: .compliant)).isEmpty)
            #expect(try await ids(.init(text: "LUNCH")) == [withdrawn])
            #expect(try await ids(.init(text: "foodbank")) == [ended, withdrawn])
            #expect(try await ids(.init(body: a.area.county)) == [ended, withdrawn])
            #expect(try await ids(.init(body: a.area.foodbank)).isEmpty)
            let (first, page) = try await a.store.publicRecord(.init(page: 2, pageSize: 1))
            #expect(first.count == 1)
            #expect(page.total == 2)
            #expect(page.number == 2)
        }
    }
}
