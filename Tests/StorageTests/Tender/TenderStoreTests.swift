import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing
import Vapor

@testable import Storage

private func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

/// A procurement with a published tender: deadline 12 March 2027 at 12:00 (GMT, so 12:00 UTC),
/// two criteria, two measures. The area's people as viewers, and an evaluator and admin.
struct TenderArea {
    let area: ConsultationArea
    let tender: UUID
    let procurement: UUID
    let commissioner: Viewer, viewer: Viewer, sam: Viewer, kim: Viewer, evaluator: Viewer, admin: Viewer
    let tenders: TenderStore, bids: BidStore
    static let deadline = utc("2027-03-12T12:00:00Z")
    static let before = utc("2027-03-12T11:59:59Z")
    static let published = utc("2027-01-10T10:00:00Z")

    static func input(deadlineOn: String = "2027-03-12", time: String = "12:00") -> TenderInput {
        var i = TenderInput()
        i.priceWeight = "40"
        i.qualityWeight = "45"
        i.socialValueWeight = "15"
        i.priceMethod = "lowest-price-ratio"
        i.qualityScaleMax = "5"
        i.descriptors = "0 Unacceptable\n5 Excellent"
        i.criteria = [CriterionInput(name: "Method", weight: "60"), CriterionInput(name: "Staffing", weight: "40")]
        i.socialValueMethod = "qualitative"
        i.deadlineOn = deadlineOn
        i.deadlineTime = time
        return i
    }

    init(_ app: Application, deadlineOn: String = "2027-03-12", time: String = "12:00") async throws {
        area = try await ConsultationArea(app)
        let actor = Actor.user(area.priya)
        let buyer = try await UserStore(app.db, passwords: testPasswords).viewer(for: area.priya)
        let procurements = ProcurementStore(app.db)
        let p = try await procurements.create(
            owner: area.county, compact: area.compact, ProcurementStoreTests.input(), viewer: buyer, by: actor,
            now: utc("2027-01-01T10:00:00Z"))
        _ = try await procurements.recordConsideration(
            p.id!, ProcurementStoreTests.consideration(), signedBy: "Priya", viewer: buyer, by: actor,
            now: utc("2027-01-02T10:00:00Z"))
        procurement = p.id!
        tenders = TenderStore(app.db)
        bids = BidStore(app.db)
        let t = try await tenders.save(
            procurement: p.id!, Self.input(deadlineOn: deadlineOn, time: time), viewer: buyer, by: actor)
        // Measures as if chosen from a value set (the set-up rules are tested in the core).
        var config = t.configuration
        config.socialValueMethod = .highestValueRatio
        config.measures = [
            TenderMeasure(code: "VCSE-SPEND", name: "Spend with local VCSE organisations", unit: "GBP", proxy: "1.00"),
            TenderMeasure(code: "APPR", name: "Apprenticeship weeks", unit: "weeks", proxy: "244.63"),
        ]
        t.storedConfiguration = try StoredJSON(config)
        try await t.update(on: app.db)
        tender = try await tenders.publish(t.id!, viewer: buyer, by: actor, now: Self.published).id!
        let users = UserStore(app.db, passwords: testPasswords)
        commissioner = try await users.viewer(for: area.priya)
        viewer = try await users.viewer(for: area.colin)
        sam = try await users.viewer(for: area.sam)
        kim = try await users.viewer(for: area.kim)
        evaluator = Viewer(
            userID: UUID(), isAdmin: false, memberships: [.init(organisationID: area.county, role: .evaluator)],
            compactSeats: [])
        admin = Viewer(userID: UUID(), isAdmin: true, memberships: [], compactSeats: [])
    }

    var buyerSide: [(String, Viewer)] {
        [("commissioner", commissioner), ("evaluator", evaluator), ("viewer", viewer), ("admin", admin)]
    }

    static let complete = BidInput(
        price: "100000", responses: ["Q1": "Our method", "Q2": "Our staff"],
        commitments: ["VCSE-SPEND": "30000", "APPR": "10"], deliveryPlan: "Quarterly")

    /// Kim (Kestrel, an SME) and Sam (the food bank, VCS) submit complete bids.
    func twoBids(at now: Date = utc("2027-02-01T10:00:00Z")) async throws {
        _ = try await bids.saveDraft(
            tender: tender, organisation: area.firm, Self.complete, viewer: kim, by: .user(area.kim), now: now)
        _ = try await bids.submit(tender: tender, organisation: area.firm, viewer: kim, by: .user(area.kim), now: now)
        var vcs = Self.complete
        vcs.price = "95000"
        vcs.embeddedValueStatement = "Volunteers from the estate"
        _ = try await bids.saveDraft(
            tender: tender, organisation: area.foodbank, vcs, viewer: sam, by: .user(area.sam), now: now)
        try await bids.addAttachment(
            tender: tender, organisation: area.foodbank, criterion: "Q1", title: "Method statement",
            filename: "method.txt",
            bytes: Array("How we work".utf8), viewer: sam, by: .user(area.sam), now: now)
        _ = try await bids.submit(
            tender: tender, organisation: area.foodbank, viewer: sam, by: .user(area.sam), now: now)
    }
}

@Suite struct TenderStoreTests {
    @Test(arguments: Backend.all)
    func publishingNeedsTheConsiderationAndFreezesTheSetUp(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let area = try await ConsultationArea(app)
            let actor = Actor.user(area.priya)
            let buyer = try await UserStore(app.db, passwords: testPasswords).viewer(for: area.priya)
            let procurements = ProcurementStore(app.db)
            let tenders = TenderStore(app.db)
            let p = try await procurements.create(
                owner: area.county, compact: area.compact, ProcurementStoreTests.input(), viewer: buyer, by: actor)
            let t = try await tenders.save(procurement: p.id!, TenderArea.input(), viewer: buyer, by: actor)
            #expect(t.statusValue == .draft)
            #expect(t.configuration.criteria.map(\.id) == ["Q1", "Q2"])
            await #expect(
                throws: ValidationFailure(
                    "status", "Record and sign off the social value consideration before the tender opens")
            ) {
                try await tenders.publish(t.id!, viewer: buyer, by: actor, now: TenderArea.published)
            }
            _ = try await procurements.recordConsideration(
                p.id!, ProcurementStoreTests.consideration(), signedBy: "Priya", viewer: buyer, by: actor)
            await #expect(throws: ValidationFailure.self) {
                try await tenders.publish(t.id!, viewer: buyer, by: actor, now: TenderArea.deadline)
            }
            let published = try await tenders.publish(t.id!, viewer: buyer, by: actor, now: TenderArea.published)
            #expect(published.statusValue == .published)
            #expect(published.phase(at: TenderArea.before) == .open)
            #expect(try await procurements.find(p.id!).statusValue == .tenderOpen)
            await #expect(
                throws: StorageError.conflict(
                    FieldError("status", "The tender has been published: its set-up is frozen"))
            ) {
                try await tenders.save(procurement: p.id!, TenderArea.input(), viewer: buyer, by: actor)
            }
            #expect(try await tenders.openTenders(now: TenderArea.before).map(\.id) == [t.id])
            #expect(try await tenders.openTenders(now: TenderArea.deadline).isEmpty)
            // Drafts are the buyer's: others get "not found".
            let other = try await procurements.create(
                owner: area.county, compact: area.compact, ProcurementStoreTests.input(title: "Meals"), viewer: buyer,
                by: actor)
            let draft = try await tenders.save(procurement: other.id!, TenderArea.input(), viewer: buyer, by: actor)
            let kim = try await UserStore(app.db, passwords: testPasswords).viewer(for: area.kim)
            await #expect(throws: StorageError.notFound("The tender")) { try await tenders.find(draft.id!, for: kim) }
            await #expect(throws: StorageError.notFound("The tender")) { try await tenders.find(draft.id!, for: nil) }
        }
    }

    @Test(arguments: Backend.all)
    func aCancelledTenderTakesNoBidsAndItsBidsStaySealed(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let a = try await TenderArea(app)
            try await a.twoBids()
            let priya = Actor.user(a.area.priya)
            await #expect(throws: ValidationFailure("reason", "Enter the reason for cancelling the tender")) {
                try await a.tenders.cancel(
                    a.tender, reason: "  ", viewer: a.commissioner, by: priya, now: TenderArea.before)
            }
            #expect(try await a.tenders.find(a.tender).statusValue == .published)  // nothing changed
            let t = try await a.tenders.cancel(
                a.tender, reason: "The service is being brought in-house.", viewer: a.commissioner, by: priya,
                now: TenderArea.before)
            #expect(t.statusValue == .cancelled)
            #expect(t.phase(at: TenderArea.deadline) == .cancelled)
            #expect(t.cancelReason == "The service is being brought in-house.")
            let p = try await ProcurementStore(app.db).find(a.procurement)
            #expect(p.statusValue == .cancelled)
            #expect(p.cancelReason == "The service is being brought in-house.")
            // No bid changes, no opening, and the bids stay sealed from the buyer side for good.
            await #expect(throws: StorageError.self) {
                try await a.bids.withdraw(
                    tender: a.tender, organisation: a.area.firm, viewer: a.kim, by: .user(a.area.kim),
                    now: TenderArea.before)
            }
            await #expect(throws: ValidationFailure.self) {
                try await a.bids.openBids(tender: a.tender, viewer: a.commissioner, by: priya, now: TenderArea.deadline)
            }
            for (role, v) in a.buyerSide {
                await #expect(throws: BidsSealed.self, "\(role)") {
                    try await a.bids.openedBids(
                        tender: a.tender, viewer: v, now: TenderArea.deadline.addingTimeInterval(86_400))
                }
            }
            await #expect(throws: ValidationFailure("status", "The tender has already been cancelled")) {
                try await a.tenders.cancel(
                    a.tender, reason: "Again", viewer: a.commissioner, by: priya, now: TenderArea.before)
            }
            let events = try await AuditEventModel.query(on: app.db).filter(\.$action == "cancelled").filter(
                \.$recordID == a.tender.uuidString
            ).count()
            #expect(events == 1)
            // Every member of both bidders (the food bank has two) hears of it, with the reason.
            let news = try await NotificationModel.query(on: app.db).filter(\.$kind == .tenderCancelled).all()
            #expect(Set(news.map { $0.$user.id }) == [a.kim.userID, a.sam.userID, a.area.fay.id!])
            #expect(news.allSatisfy { $0.text.hasSuffix("has been cancelled: The service is being brought in-house.") })
        }
    }

    @Test(arguments: Backend.all)
    func bidsAreSealedFromEveryBuyerSideRoleUntilTheDeadlineAndTheOpening(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let a = try await TenderArea(app)
            try await a.twoBids()
            let samBid = try await a.bids.ownBid(tender: a.tender, organisation: a.area.foodbank, viewer: a.sam)!
            let attachment = samBid.attachments[0].id
            for now in [TenderArea.before, TenderArea.deadline] {
                for (role, v) in a.buyerSide {
                    #expect(try await a.bids.submittedCount(tender: a.tender, viewer: v) == 2, "\(role)")
                    await #expect(throws: BidsSealed.self, "\(role)") {
                        try await a.bids.openedBids(tender: a.tender, viewer: v, now: now)
                    }
                    await #expect(throws: BidsSealed.self, "\(role)") {
                        try await a.bids.openedBid(samBid.id, tender: a.tender, viewer: v, now: now)
                    }
                    await #expect(throws: BidsSealed.self, "\(role)") {
                        try await a.bids.attachment(attachment, tender: a.tender, viewer: v, now: now)
                    }
                    await expectForbidden("\(role)") {
                        try await a.bids.ownBid(tender: a.tender, organisation: a.area.foodbank, viewer: v)
                    }
                }
            }
            let sealed = BidsSealed(deadline: "12 March 2027 at 12:00", deadlinePassed: false)
            await #expect(throws: sealed) {
                try await a.bids.openedBids(tender: a.tender, viewer: a.admin, now: TenderArea.before)
            }
            // Bidders see their own bid only, and never the others'.
            await expectForbidden {
                try await a.bids.ownBid(tender: a.tender, organisation: a.area.foodbank, viewer: a.kim)
            }
            await expectForbidden {
                try await a.bids.attachment(attachment, tender: a.tender, viewer: a.kim, now: TenderArea.deadline)
            }
            await expectForbidden { try await a.bids.submittedCount(tender: a.tender, viewer: a.kim) }
            #expect(
                try await a.bids.attachment(attachment, tender: a.tender, viewer: a.sam, now: TenderArea.before)
                    .filename == "method.txt")

            // Opening: not before the deadline, only by a commissioner.
            await #expect(
                throws: ValidationFailure("status", "The bids can be opened after the deadline: 12 March 2027 at 12:00")
            ) {
                try await a.bids.openBids(
                    tender: a.tender, viewer: a.commissioner, by: .user(a.area.priya), now: TenderArea.before)
            }
            for v in [a.evaluator, a.viewer, a.admin, a.kim] {
                await expectForbidden {
                    try await a.bids.openBids(tender: a.tender, viewer: v, by: .commandLine, now: TenderArea.deadline)
                }
            }
            let opened = try await a.bids.openBids(
                tender: a.tender, viewer: a.commissioner, by: .user(a.area.priya), now: TenderArea.deadline)
            #expect(opened.statusValue == .bidsOpened)
            #expect(try await ProcurementStore(app.db).find(a.procurement).statusValue == .evaluation)
            let event = try await AuditEventModel.query(on: app.db).filter(\.$action == "bids-opened").first()
            #expect(event?.actor == "priya@eastmoor.example")
            #expect(event?.changes.contains("\"bids\":{\"to\":\"2\"}") == true)

            let after = utc("2027-03-12T12:05:00Z")
            for (role, v) in a.buyerSide {
                let list = try await a.bids.openedBids(tender: a.tender, viewer: v, now: after)
                #expect(list.map(\.organisationName) == ["Brackenford Foodbank", "Kestrel Facilities Ltd"], "\(role)")
                #expect(
                    try await a.bids.attachment(attachment, tender: a.tender, viewer: v, now: after).filename
                        == "method.txt")
            }
            let food = try await a.bids.openedBid(samBid.id, tender: a.tender, viewer: a.evaluator, now: after)
            #expect(food.content.price == Money(pence: 9_500_000))
            #expect(food.content.embeddedValueStatement == "Volunteers from the estate")
            #expect(food.monetisedSocialValue == Decimal(string: "32446.30")!)
            await expectForbidden { try await a.bids.openedBids(tender: a.tender, viewer: a.kim, now: after) }
            // The trail never holds a bid's contents.
            let trail = try await AuditEventModel.query(on: app.db).filter(\.$recordType == "bid").all().map(\.changes)
                .joined()
            #expect(!trail.contains("Our method") && !trail.contains("100000"))
        }
    }

    @Test(arguments: Backend.all)
    func bidsCloseAtTheDeadlineExactly(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let a = try await TenderArea(app)
            _ = try await a.bids.saveDraft(
                tender: a.tender, organisation: a.area.firm, TenderArea.complete, viewer: a.kim, by: .user(a.area.kim),
                now: TenderArea.before)
            let closed = StorageError.conflict(
                FieldError(
                    "bid",
                    "This tender closed at 12 March 2027 at 12:00. Bids can no longer be saved, submitted or withdrawn")
            )
            await #expect(throws: closed) {
                try await a.bids.submit(
                    tender: a.tender, organisation: a.area.firm, viewer: a.kim, by: .user(a.area.kim),
                    now: TenderArea.deadline)
            }
            await #expect(throws: closed) {
                try await a.bids.saveDraft(
                    tender: a.tender, organisation: a.area.firm, TenderArea.complete, viewer: a.kim,
                    by: .user(a.area.kim), now: TenderArea.deadline)
            }
            _ = try await a.bids.submit(
                tender: a.tender, organisation: a.area.firm, viewer: a.kim, by: .user(a.area.kim),
                now: TenderArea.before)
            await #expect(throws: closed) {
                try await a.bids.withdraw(
                    tender: a.tender, organisation: a.area.firm, viewer: a.kim, by: .user(a.area.kim),
                    now: TenderArea.deadline)
            }
            await #expect(
                throws: StorageError.conflict(
                    FieldError(
                        "question", "Questions can be asked while the tender is open (until 12 March 2027 at 12:00)"))
            ) {
                try await a.tenders.ask(
                    a.tender, organisation: a.area.firm, question: "Late?", viewer: a.kim, by: .user(a.area.kim),
                    now: TenderArea.deadline)
            }
        }
    }

    @Test(arguments: Backend.all)
    func aDeadlineOnTheDayTheClocksGoForwardIsInSummerTime(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            // Sunday 28 March 2027, 12:00 BST = 11:00 UTC.
            let a = try await TenderArea(app, deadlineOn: "2027-03-28")
            _ = try await a.bids.saveDraft(
                tender: a.tender, organisation: a.area.firm, TenderArea.complete, viewer: a.kim, by: .user(a.area.kim),
                now: utc("2027-03-28T10:59:59Z"))
            await #expect(throws: StorageError.self) {
                try await a.bids.submit(
                    tender: a.tender, organisation: a.area.firm, viewer: a.kim, by: .user(a.area.kim),
                    now: utc("2027-03-28T11:00:00Z"))
            }
            _ = try await a.bids.submit(
                tender: a.tender, organisation: a.area.firm, viewer: a.kim, by: .user(a.area.kim),
                now: utc("2027-03-28T10:59:59Z"))
            await #expect(throws: BidsSealed.self) {
                try await a.bids.openedBids(tender: a.tender, viewer: a.admin, now: utc("2027-03-28T10:59:59Z"))
            }
            _ = try await a.bids.openBids(
                tender: a.tender, viewer: a.commissioner, by: .user(a.area.priya), now: utc("2027-03-28T11:00:00Z"))
            #expect(
                try await a.bids.openedBids(tender: a.tender, viewer: a.admin, now: utc("2027-03-28T11:00:00Z")).count
                    == 1)
        }
    }

    @Test(arguments: Backend.all)
    func eachSubmissionGetsAReceiptAndResubmittingKeepsThemAll(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let a = try await TenderArea(app)
            let t = utc("2027-02-01T10:00:00Z")
            let kim = Actor.user(a.area.kim)
            await #expect(throws: ValidationFailure.self) {
                try await a.bids.submit(tender: a.tender, organisation: a.area.firm, viewer: a.kim, by: kim, now: t)
            }
            var partial = TenderArea.complete
            partial.responses = ["Q1": "Only one"]
            let draft = try await a.bids.saveDraft(
                tender: a.tender, organisation: a.area.firm, partial, viewer: a.kim, by: kim, now: t)
            #expect(draft.status == .draft)
            let incomplete = await #expect(throws: ValidationFailure.self) {
                try await a.bids.submit(tender: a.tender, organisation: a.area.firm, viewer: a.kim, by: kim, now: t)
            }
            #expect(incomplete?.errors == [FieldError("responses.Q2", "Answer Q2: Staffing")])
            _ = try await a.bids.saveDraft(
                tender: a.tender, organisation: a.area.firm, TenderArea.complete, viewer: a.kim, by: kim, now: t)
            let first = try await a.bids.submit(
                tender: a.tender, organisation: a.area.firm, viewer: a.kim, by: kim, now: t)
            let stored = try await BidReceiptModel.find(first.id, on: app.db)!
            #expect(first.sha256 == AuditLog.sha256Hex(stored.content))
            #expect(stored.content.contains("\"response\": \"Our staff\""))
            await #expect(throws: StorageError.self) {
                try await a.bids.saveDraft(
                    tender: a.tender, organisation: a.area.firm, partial, viewer: a.kim, by: kim, now: t)
            }
            try await a.bids.withdraw(tender: a.tender, organisation: a.area.firm, viewer: a.kim, by: kim, now: t)
            #expect(try await a.bids.submittedCount(tender: a.tender, viewer: a.commissioner) == 0)
            var changed = TenderArea.complete
            changed.price = "99000"
            _ = try await a.bids.saveDraft(
                tender: a.tender, organisation: a.area.firm, changed, viewer: a.kim, by: kim, now: t)
            let second = try await a.bids.submit(
                tender: a.tender, organisation: a.area.firm, viewer: a.kim, by: kim, now: t.addingTimeInterval(60))
            #expect(second.sha256 != first.sha256)
            let mine = try await a.bids.ownBid(tender: a.tender, organisation: a.area.firm, viewer: a.kim)!
            #expect(mine.receipts.map(\.sha256) == [first.sha256, second.sha256])
            #expect(mine.status == .submitted)
            // A non-VCS organisation cannot add the embedded-value statement.
            try await a.bids.withdraw(tender: a.tender, organisation: a.area.firm, viewer: a.kim, by: kim, now: t)
            var statement = TenderArea.complete
            statement.embeddedValueStatement = "We are local"
            await #expect(throws: ValidationFailure.self) {
                try await a.bids.saveDraft(
                    tender: a.tender, organisation: a.area.firm, statement, viewer: a.kim, by: kim, now: t)
            }
            // Someone else's organisation: refused.
            await expectForbidden {
                try await a.bids.saveDraft(
                    tender: a.tender, organisation: a.area.foodbank, TenderArea.complete, viewer: a.kim, by: kim, now: t
                )
            }
        }
    }

    @Test(arguments: Backend.all)
    func answeredClarificationsArePublishedWithoutTheAsker(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let a = try await TenderArea(app)
            let t = utc("2027-02-01T10:00:00Z")
            try await a.tenders.ask(
                a.tender, organisation: a.area.firm, question: "Is TUPE expected?", viewer: a.kim,
                by: .user(a.area.kim), now: t)
            await expectForbidden {
                try await a.tenders.ask(
                    a.tender, organisation: a.area.firm, question: "x", viewer: a.sam, by: .user(a.area.sam), now: t)
            }
            #expect(try await a.tenders.clarifications(of: a.tender, for: a.sam).isEmpty)
            #expect(try await a.tenders.clarifications(of: a.tender, for: a.kim).first?.askedByYourOrganisation == true)
            // Until the bids are opened the buyer side and the admin see "a bidder" (issue 19 §4).
            let q = try await a.tenders.clarifications(of: a.tender, for: a.commissioner)
            #expect(q.first?.askedBy == "a bidder")
            for v in [a.evaluator, a.admin] {
                #expect(try await a.tenders.clarifications(of: a.tender, for: v).first?.askedBy == "a bidder")
            }
            try await a.tenders.answer(
                a.tender, clarification: q[0].id, answer: "Yes, for two drivers", viewer: a.commissioner,
                by: .user(a.area.priya), now: t)
            let seen = try await a.tenders.clarifications(of: a.tender, for: a.sam)
            #expect(seen.map(\.answer) == ["Yes, for two drivers"])
            #expect(seen.first?.askedBy == nil && seen.first?.askedByYourOrganisation == false)
            #expect(try await a.tenders.clarifications(of: a.tender, for: nil).count == 1)
            // Once the bids are opened the buyer sees who asked; bidders still do not.
            _ = try await a.bids.openBids(
                tender: a.tender, viewer: a.commissioner, by: .user(a.area.priya), now: TenderArea.deadline)
            #expect(
                try await a.tenders.clarifications(of: a.tender, for: a.commissioner).first?.askedBy
                    == "Kestrel Facilities Ltd")
            #expect(try await a.tenders.clarifications(of: a.tender, for: a.sam).first?.askedBy == nil)
            // The asking organisation (no bid yet) hears of the answer.
            let news = try await NotificationModel.query(on: app.db).filter(\.$kind == .tenderClarification).all()
            #expect(news.map { $0.$user.id } == [a.kim.userID])
            #expect(news.first?.link == "/tenders/\(a.tender)")
        }
    }

    @Test(arguments: Backend.all)
    func tenderDocumentsAreCheckedAndStayOncePublishedBidAttachmentsAreChecked(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let a = try await TenderArea(app)
            try await a.tenders.addDocument(
                a.tender, title: "Specification", filename: "spec.txt", bytes: Array("Spec".utf8),
                viewer: a.commissioner, by: .user(a.area.priya), now: TenderArea.before)
            let docs = try await a.tenders.documents(of: a.tender, for: nil)
            #expect(docs.map(\.title) == ["Specification"])
            #expect(try await a.tenders.document(docs[0].id, of: a.tender, for: nil).data == Data("Spec".utf8))
            await #expect(throws: StorageError.self) {
                try await a.tenders.removeDocument(
                    a.tender, document: docs[0].id, viewer: a.commissioner, by: .user(a.area.priya))
            }
            await #expect(throws: ValidationFailure.self) {
                try await a.tenders.addDocument(
                    a.tender, title: nil, filename: "spec.pdf", bytes: Array("not a pdf".utf8), viewer: a.commissioner,
                    by: .user(a.area.priya), now: TenderArea.before)
            }
            await #expect(throws: ValidationFailure.self) {
                try await a.bids.addAttachment(
                    tender: a.tender, organisation: a.area.firm, criterion: nil, title: nil, filename: "x.exe",
                    bytes: [1],
                    viewer: a.kim, by: .user(a.area.kim), now: TenderArea.before)
            }
        }
    }
}
