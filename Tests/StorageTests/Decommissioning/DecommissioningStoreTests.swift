import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing
import Vapor

@testable import Storage

private func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

/// The consultation area's county (Priya commissioner, Colin viewer) proposing to reduce the
/// foodbank's funding (Sam and Fay its members); Kim's firm and another council's commissioner
/// are outsiders.
struct DecommissioningArea {
    let area: ConsultationArea
    let store: DecommissioningStore
    let priya: Viewer, colin: Viewer, sam: Viewer, kim: Viewer, admin: Viewer, otherCommissioner: Viewer
    static let now = utc("2027-01-20T10:00:00Z")

    static let proposal = ProposalInput(
        serviceName: "Brackenford food hub", serviceDescription: "Emergency food parcels and advice",
        change: "reduce", currentFunding: "48,000", proposedFunding: "30,000",
        rationale: "The county's grants budget falls by a third in 2027")
    static let impact = ImpactInput(
        onBeneficiaries: "About 200 fewer parcels a month", onServiceUsers: "The hub opens three days, not five",
        onVolunteers: "Twelve volunteer shifts a week end", widerImpact: "The CVS advised on the wider impact",
        mitigation: "Signpost to the district hubs")

    init(_ app: Application) async throws {
        area = try await ConsultationArea(app)
        store = DecommissioningStore(app.db)
        let users = UserStore(app.db, passwords: testPasswords)
        priya = try await users.viewer(for: area.priya)
        colin = try await users.viewer(for: area.colin)
        sam = try await users.viewer(for: area.sam)
        kim = try await users.viewer(for: area.kim)
        admin = Viewer(userID: UUID(), isAdmin: true, memberships: [], compactSeats: [])
        let district = try await OrganisationStore(app.db).create(
            OrganisationInput(
                name: "Saltmarsh District Council", kind: "district-council",
                addressLine1: "Quay Street", town: "Saltmarsh", postcode: "EM9 7QS", area: "Eastmoor"),
            viewer: .commandLine, by: .commandLine
        )
        otherCommissioner = Viewer(
            userID: UUID(), isAdmin: false, memberships: [.init(organisationID: district.id!, role: .commissioner)],
            compactSeats: [])
    }

    func create() async throws -> UUID {
        try await store.create(
            owner: area.county, provider: area.foodbank, contract: nil, Self.proposal, viewer: priya,
            by: .user(area.priya), now: Self.now
        ).id!
    }

    func end(_ id: UUID, effective: String, reason: String? = nil) -> DecisionInput {
        DecisionInput(
            decision: "end", rationale: "The service is no longer funded", noticeGivenOn: "2027-01-20",
            effectiveOn: effective,
            useExceptionalReason: reason != nil, exceptionalReason: reason)
    }
}

@Suite struct DecommissioningStoreTests {
    @Test(arguments: Backend.all)
    func theDecisionIsRefusedUntilTheAssessmentAndTheResponseThenTheBreachIsRecorded(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let a = try await DecommissioningArea(app)
            let id = try await a.create()
            let c = try await a.store.find(id, viewer: a.priya)
            // Signed the Eastmoor Compact, whose default minimum is 3 months.
            #expect(c.minimumNoticeMonths == 3)
            #expect(c.$compact.id == a.area.compact)
            let priya = Actor.user(a.area.priya)
            do {
                _ = try await a.store.decide(
                    id, a.end(id, effective: "2027-04-20"), viewer: a.priya, by: priya, now: DecommissioningArea.now)
                Issue.record("expected refusal")
            } catch let f as ValidationFailure {
                #expect(
                    f.errors.map(\.message) == [
                        "Assess the impact on beneficiaries before deciding to end funding",
                        "Assess the impact on service users before deciding to end funding",
                        "Assess the impact on volunteers before deciding to end funding",
                        "Record the organisation’s response before deciding to end funding",
                    ])
            }
            _ = try await a.store.saveImpact(
                id, DecommissioningArea.impact, viewer: a.priya, by: priya, now: DecommissioningArea.now)
            await #expect(
                throws: ValidationFailure(
                    "/decommissioning/\(id)/response",
                    "Record the organisation’s response before deciding to end funding")
            ) {
                try await a.store.decide(
                    id, a.end(id, effective: "2027-04-20"), viewer: a.priya, by: priya, now: DecommissioningArea.now)
            }
            _ = try await a.store.recordResponse(
                id, ResponseInput(text: "We ask for a year's transition", receivedOn: "2027-01-19", how: "Letter"),
                viewer: a.priya, by: priya, now: DecommissioningArea.now)
            // Notice 20 Jan 2027 + 3 months = 20 Apr 2027; effective 8 Apr is 12 days short (20 − 8).
            let decided = try await a.store.decide(
                id, a.end(id, effective: "2027-04-08"), viewer: a.priya, by: priya, now: DecommissioningArea.now)
            #expect(decided.statusValue == .ended)
            #expect(try decided.notice == .breach(daysShort: 12))
            #expect(decided.earliestEndOn == "2027-04-20")
            #expect(decided.isShared)
            let (breaches, _) = try await a.store.list(.init(notice: .breach), viewer: a.priya)
            #expect(breaches.map(\.id) == [id])
            // An exceptional reason: not a breach any more.
            let excused = try await a.store.amendDecision(
                id,
                DecisionAmendmentInput(
                    a.end(id, effective: "2027-04-08", reason: "The premises failed a fire inspection"),
                    amendmentReason: "The fire inspection report arrived after the decision"),
                viewer: a.priya, by: priya, now: DecommissioningArea.now)
            #expect(try excused.notice == .shortWithReason(daysShort: 12))
            #expect(try await a.store.list(.init(notice: .breach), viewer: a.priya).0.isEmpty)
            #expect(try await a.store.list(.init(notice: .exceptional), viewer: a.priya).0.map(\.id) == [id])
            let actions = try await AuditEventModel.query(on: app.db).filter(\.$recordID == id.uuidString).sort(
                \.$sequence
            ).all().map(\.action)
            #expect(actions == ["created", "impact assessed", "response recorded", "decided", "decision amended"])
            // Sam and Fay heard twice: the end decision, then the amendment (the case was shared by the decision).
            let toSam = try await NotificationModel.query(on: app.db).filter(\.$user.$id == a.area.sam.id!).all()
            #expect(toSam.map(\.kind) == [.decommissioningDecided, .decommissioningDecided])
            #expect(toSam[0].text.contains("Notice given on 20 January 2027; the change takes effect on 8 April 2027"))
            // The decision's notification says plainly it is a breach; the amendment's (exceptional reason) does not.
            let breach =
                "Notice given on 20 January 2027; the change takes effect on 8 April 2027. This is a breach of the Compact: the notice is 12 days short of the 3 months minimum notice (Compact principle 4)."
            #expect(toSam.filter { $0.text.hasSuffix(breach) }.count == 1)
            #expect(toSam.filter { $0.text.contains("breach") }.count == 1)
        }
    }

    @Test(arguments: Backend.all)
    func theProviderSeesTheCaseOnlyOnceSharedAndResponds(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let a = try await DecommissioningArea(app)
            let id = try await a.create()
            await #expect(throws: StorageError.notFound("The decommissioning case")) {
                try await a.store.find(id, viewer: a.sam)
            }
            #expect(try await a.store.list(.init(), viewer: a.sam).0.isEmpty)
            await #expect(throws: StorageError.notFound("The decommissioning case")) {
                try await a.store.respond(
                    id, ResponseInput(text: "No"), viewer: a.sam, by: .user(a.area.sam), now: DecommissioningArea.now)
            }
            _ = try await a.store.share(id, viewer: a.priya, by: .user(a.area.priya), now: DecommissioningArea.now)
            let shared = try await NotificationModel.query(on: app.db).filter(\.$kind == .decommissioningShared).all()
            #expect(Set(shared.map { $0.$user.id }) == [a.area.sam.id!, a.area.fay.id!])
            #expect(
                shared[0].text
                    == "Eastmoor County Council proposes to reduce funding for “Brackenford food hub”. Read the proposal and its impact assessment, and respond."
            )
            #expect(try await a.store.find(id, viewer: a.sam).id == id)
            #expect(try await a.store.list(.init(), viewer: a.sam).0.map(\.id) == [id])
            await #expect(throws: ValidationFailure("responseText", "Enter the organisation’s response")) {
                try await a.store.respond(
                    id, ResponseInput(text: " "), viewer: a.sam, by: .user(a.area.sam), now: DecommissioningArea.now)
            }
            let answered = try await a.store.respond(
                id, ResponseInput(text: "Please keep Friday opening"), viewer: a.sam, by: .user(a.area.sam),
                now: DecommissioningArea.now)
            #expect(answered.responseHow == "Submitted in Commonweal")
            #expect(answered.responseReceivedOn == "2027-01-20")
            let toPriya = try await NotificationModel.query(on: app.db).filter(\.$user.$id == a.area.priya.id!).all()
            #expect(
                toPriya.map(\.text) == [
                    "Brackenford Foodbank has responded to the proposal about “Brackenford food hub”."
                ])
            // Kim's firm is not the provider; the provider cannot edit the case.
            await #expect(throws: StorageError.notFound("The decommissioning case")) {
                try await a.store.find(id, viewer: a.kim)
            }
            await #expect(
                throws: StorageError.forbidden(
                    "Only the commissioners of Eastmoor County Council change this decommissioning case")
            ) {
                try await a.store.saveImpact(id, DecommissioningArea.impact, viewer: a.sam, by: .user(a.area.sam))
            }
            await #expect(
                throws: StorageError.conflict(
                    FieldError("share", "The proposal has already been shared with Brackenford Foodbank"))
            ) {
                try await a.store.share(id, viewer: a.priya, by: .user(a.area.priya))
            }
        }
    }

    @Test(arguments: Backend.all)
    func accessByRoleAndOrganisation(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let a = try await DecommissioningArea(app)
            let id = try await a.create()
            for reader in [a.colin, a.admin] { #expect(try await a.store.find(id, viewer: reader).id == id) }
            await #expect(throws: StorageError.notFound("The decommissioning case")) {
                try await a.store.find(id, viewer: a.otherCommissioner)
            }
            await #expect(throws: StorageError.notFound("The decommissioning case")) {
                try await a.store.saveImpact(
                    id, DecommissioningArea.impact, viewer: a.otherCommissioner, by: .commandLine)
            }
            await #expect(
                throws: StorageError.forbidden(
                    "Only the commissioners of Eastmoor County Council change this decommissioning case")
            ) {
                try await a.store.share(id, viewer: a.colin, by: .user(a.area.colin))
            }
            #expect(try await a.store.list(.init(), viewer: a.otherCommissioner).0.isEmpty)
            #expect(try await a.store.list(.init(), viewer: a.colin).0.count == 1)
            // Only a commissioner of a public body starts a case.
            await #expect(
                throws: StorageError.forbidden("Only commissioners at public bodies start decommissioning cases")
            ) {
                try await a.store.create(
                    owner: a.area.county, provider: a.area.foodbank, contract: nil, DecommissioningArea.proposal,
                    viewer: a.colin, by: .commandLine)
            }
            await #expect(
                throws: ValidationFailure(
                    "providerId", "The provider must be another organisation, not the body itself")
            ) {
                try await a.store.create(
                    owner: a.area.county, provider: a.area.county, contract: nil, DecommissioningArea.proposal,
                    viewer: a.priya, by: .commandLine)
            }
        }
    }

    @Test(arguments: Backend.all)
    func continuingUnchangedWithdrawsWithoutNoticeAndTheListFiltersAndSearches(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let a = try await DecommissioningArea(app)
            let id = try await a.create()
            var other = DecommissioningArea.proposal
            other.serviceName = "Lunch club"
            other.change = "end"
            let second = try await a.store.create(
                owner: a.area.county, provider: a.area.firm, contract: nil, other, viewer: a.priya, by: .commandLine,
                now: DecommissioningArea.now
            ).id!
            let withdrawn = try await a.store.decide(
                second, DecisionInput(decision: "continue", rationale: "Funding found"), viewer: a.priya,
                by: .commandLine)
            #expect(withdrawn.statusValue == .withdrawn)
            #expect(try withdrawn.notice == nil)
            #expect(!withdrawn.isShared)
            await #expect(
                throws: StorageError.conflict(
                    FieldError("status", "The decision has been recorded: the case can no longer be changed"))
            ) {
                try await a.store.saveImpact(second, DecommissioningArea.impact, viewer: a.priya, by: .commandLine)
            }
            #expect(try await a.store.list(.init(status: .withdrawn), viewer: a.priya).0.map(\.id) == [second])
            #expect(try await a.store.list(.init(status: .assessing), viewer: a.priya).0.map(\.id) == [id])
            #expect(try await a.store.list(.init(text: "kestrel"), viewer: a.priya).0.map(\.id) == [second])
            #expect(try await a.store.list(.init(text: "FOOD HUB"), viewer: a.priya).0.map(\.id) == [id])
            let (page, p) = try await a.store.list(.init(page: 2, pageSize: 1), viewer: a.priya)
            #expect(page.count == 1)
            #expect(p.total == 2)
            // A discussion is a row of its own, audited.
            let discussed = try await a.store.addDiscussion(
                id, DiscussionInput(heldOn: "2027-01-18", notes: "Met the foodbank's trustees"), viewer: a.priya,
                by: .commandLine,
                now: DecommissioningArea.now)
            #expect(
                try await a.store.discussions(of: discussed.id!, viewer: a.priya).map(\.notes) == [
                    "Met the foodbank's trustees"
                ])
            #expect(
                Decommissioning.status(of: .discussion, try await a.store.facts(discussed, viewer: a.priya))
                    == .completed)
            await #expect(
                throws: ValidationFailure("heldOn", "The date of the discussion must be today or in the past")
            ) {
                try await a.store.addDiscussion(
                    id, DiscussionInput(heldOn: "2027-02-01", notes: "x"), viewer: a.priya, by: .commandLine,
                    now: DecommissioningArea.now)
            }
        }
    }
}
