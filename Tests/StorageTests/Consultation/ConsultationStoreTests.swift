import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing
import Vapor

@testable import Storage

private func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

/// A county council and a foodbank under one Compact, with a commissioner, a supplier member,
/// a second foodbank member and a public-side group member.
struct ConsultationArea {
    let county: UUID, foodbank: UUID, firm: UUID, compact: UUID
    let priya: UserModel, sam: UserModel, fay: UserModel, colin: UserModel, kim: UserModel
    let store: ConsultationStore, responses: ResponseStore
    /// Priya as the county's commissioner; Sam, Fay and Kim as supplier members.
    let commissioner: Viewer, samViewer: Viewer, fayViewer: Viewer, kimViewer: Viewer

    static let input = ConsultationInput(
        title: "Community transport", summary: "The future of dial-a-ride.", subject: "procurement",
        audience: ["vcs", "public"], opensOn: "2026-03-02", closesOn: "2026-05-25")

    init(_ app: Application) async throws {
        let orgs = OrganisationStore(app.db)
        let users = UserStore(app.db, passwords: testPasswords)
        let compacts = CompactStore(app.db)
        let actor = Actor.commandLine
        county = try await orgs.create(
            OrganisationInput(
                name: "Eastmoor County Council", kind: "county-council", addressLine1: "County Hall",
                town: "Eastmoor", postcode: "EM1 1AA", area: "Eastmoor"), viewer: .commandLine, by: actor
        ).id!
        foodbank = try await orgs.create(StorageTests.foodbank(), viewer: .commandLine, by: actor).id!
        firm = try await orgs.create(
            OrganisationInput(
                name: "Kestrel Facilities Ltd", kind: "sme", companyNumber: "10234567", addressLine1: "Kestrel House",
                town: "Eastmoor", postcode: "EM6 1KF", area: "Eastmoor"), viewer: .commandLine, by: actor
        ).id!
        compact = try await compacts.create(
            CompactInput(
                name: "Eastmoor Compact", area: "Eastmoor", text: "We work together.", version: "3.0",
                adoptedOn: "2024-03-01", nextReviewOn: "2027-03-01"), viewer: .commandLine, by: actor
        ).id!
        for org in [county, foodbank, firm] {
            try await compacts.addSignatory(
                compact, CompactSignatoryInput(organisationId: org, signedOn: "2024-03-01"), viewer: .commandLine,
                by: actor)
        }
        func person(_ email: String, _ org: UUID, _ role: String) async throws -> UserModel {
            let u = try await users.create(
                .init(
                    email: email, displayName: email.components(separatedBy: "@")[0].capitalized, password: testPassword
                ), viewer: .commandLine, by: actor)
            try await users.addMembership(
                user: u.id!, MembershipInput(organisationId: org, role: role), viewer: .commandLine, by: actor)
            return u
        }
        priya = try await person("priya@eastmoor.example", county, "commissioner")
        sam = try await person("sam@foodbank.example", foodbank, "supplier-member")
        fay = try await person("fay@foodbank.example", foodbank, "supplier-member")
        colin = try await person("colin@eastmoor.example", county, "viewer")
        kim = try await person("kim@kestrel.example", firm, "supplier-member")
        try await compacts.addSeat(
            compact, CompactSeatInput(userId: colin.id, organisationId: county, position: "Co-chair"),
            viewer: .commandLine, by: actor)
        store = ConsultationStore(app.db)
        responses = ResponseStore(app.db)
        commissioner = try await users.viewer(for: priya)
        samViewer = try await users.viewer(for: sam)
        fayViewer = try await users.viewer(for: fay)
        kimViewer = try await users.viewer(for: kim)
    }

    /// A published consultation, 2 March to 25 May 2026 (84 days), with two questions.
    func published(_ input: ConsultationInput = ConsultationArea.input) async throws -> (UUID, [UUID]) {
        let c = try await store.create(owner: county, compact: compact, input, viewer: commissioner, by: .user(priya))
        let q1 = try await store.addQuestion(
            c.id!,
            Question(
                text: "How often do you use it?", hint: nil, kind: .singleChoice, required: true,
                options: ["Weekly", "Monthly", "Never"]), viewer: commissioner, by: .user(priya),
            now: utc("2026-02-01T10:00:00Z"))
        let q2 = try await store.addQuestion(
            c.id!,
            Question(text: "What would make it better?", hint: nil, kind: .freeText, required: false, options: []),
            viewer: commissioner, by: .user(priya), now: utc("2026-02-01T10:00:00Z"))
        _ = try await store.publish(c.id!, viewer: commissioner, by: .user(priya), now: utc("2026-02-02T10:00:00Z"))
        return (c.id!, [q1.id!, q2.id!])
    }
}

@Suite struct ConsultationStoreTests {
    @Test(arguments: Backend.all)
    func aShortConsultationCannotOpenWithoutAReasonAndPublishingInvites(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            let a = try await ConsultationArea(app)
            var input = ConsultationArea.input
            input.closesOn = "2026-04-13"  // March 2 → April 2 is 31 days, → April 13 is 11 more: 42
            let c = try await a.store.create(
                owner: a.county, compact: a.compact, input, viewer: a.commissioner, by: .user(a.priya))
            #expect(c.periodDays == 42)
            #expect(c.minimumDays == 84)
            let monday = utc("2026-02-02T10:00:00Z")
            let empty = await #expect(throws: ValidationFailure.self) {
                try await a.store.publish(c.id!, viewer: a.commissioner, by: .user(a.priya), now: monday)
            }
            #expect(empty?.errors.map(\.field) == ["shortPeriodReason", "questions"])
            _ = try await a.store.addQuestion(
                c.id!, try Question.validate(QuestionInput(text: "Why?", kind: "free-text")), viewer: a.commissioner,
                by: .user(a.priya),
                now: monday)
            let refused = await #expect(throws: ValidationFailure.self) {
                try await a.store.publish(c.id!, viewer: a.commissioner, by: .user(a.priya), now: monday)
            }
            #expect(refused?.errors.map(\.field) == ["shortPeriodReason"])
            #expect(try await a.store.find(c.id!).isPublished == false)
            input.shortPeriodReason = "The government's deadline is 30 April."
            _ = try await a.store.update(c.id!, input, viewer: a.commissioner, by: .user(a.priya), now: monday)
            let published = try await a.store.publish(c.id!, viewer: a.commissioner, by: .user(a.priya), now: monday)
            #expect(published.invited == ["Brackenford Foodbank"])  // the Compact's VCSE signatory; not the SME
            let saved = try await a.store.find(c.id!)
            #expect(saved.noticeOn == "2026-02-02")
            #expect(saved.noticeDays == 28)  // February 2 → March 2
            #expect(saved.shortPeriodReason == "The government's deadline is 30 April.")
            #expect(saved.phase(at: monday, summaryPublished: false) == .forthcoming)
            #expect(saved.phase(at: utc("2026-03-02T00:00:00Z"), summaryPublished: false) == .open)
            // The minimum is fixed at publication: changing the Compact later does not move it.
            var settings = CompactSettings.defaults
            settings.minimumConsultationDays = 90
            _ = try await CompactStore(app.db).updateSettings(
                a.compact, settings, viewer: .commandLine, by: .commandLine)
            #expect(try await a.store.find(c.id!).minimumDays == 84)
            // Both foodbank members are invited; the group member hears it was published.
            let notes = NotificationStore(app.db)
            #expect(try await notes.unreadCount(for: ownViewer(a.sam)) == 1)
            #expect(try await notes.unreadCount(for: ownViewer(a.fay)) == 1)
            let colins = try await notes.list(for: ownViewer(a.colin)).0
            #expect(colins.first?.text.contains("shorter than the Compact’s minimum") == true)
            #expect(try await notes.unreadCount(for: ownViewer(a.kim)) == 0)
            #expect(try await notes.markAllRead(for: ownViewer(a.sam)) == 1)
            #expect(try await notes.unreadCount(for: ownViewer(a.sam)) == 0)
            await #expect(throws: StorageError.notFound("The notification")) {
                try await notes.markRead(colins[0].id!, for: ownViewer(a.sam))
            }
            let events = try await AuditEventModel.query(on: app.db).filter(\.$recordID == c.id!.uuidString).sort(
                \.$sequence
            ).all().map(\.action)
            #expect(events == ["created", "updated", "published", "invited"])
            await #expect(throws: StorageError.self) {
                try await a.store.delete(c.id!, viewer: a.commissioner, by: .user(a.priya))
            }
        }
    }

    @Test(arguments: Backend.all)
    func lateResponsesAreRefusedAtMidnightLondonTime(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            let a = try await ConsultationArea(app)
            let (id, q) = try await a.published()
            let answers = [q[0]: RawAnswer(value: "Weekly")]
            await #expect(
                throws: StorageError.conflict(
                    FieldError(
                        "consultation", "This consultation opens on 2 March 2026: responses can be sent from then"))
            ) {
                try await a.responses.save(
                    id, as: .user(a.sam, .individual), answers: answers, submit: false,
                    viewer: a.samViewer, now: utc("2026-03-01T23:59:59Z"))
            }
            // 23:59:59 BST on 25 May is 22:59:59 UTC: still in time.
            _ = try await a.responses.save(
                id, as: .user(a.sam, .individual), answers: answers, submit: true, viewer: a.samViewer,
                now: utc("2026-05-25T22:59:59Z"))
            await #expect(
                throws: StorageError.conflict(
                    FieldError(
                        "consultation",
                        "This consultation closed at 11:59pm on 25 May 2026. Responses can no longer be saved or sent"))
            ) {
                try await a.responses.save(
                    id, as: .user(a.fay, .individual), answers: answers, submit: true, viewer: a.fayViewer,
                    now: utc("2026-05-25T23:00:00Z"))
            }
            #expect(try await a.responses.submittedCount(id, viewer: a.commissioner) == 1)
        }
    }

    @Test(arguments: Backend.all)
    func draftsAreSavedThenSentOnceAndRespondentsSeeOnlyTheirOwn(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            let a = try await ConsultationArea(app)
            let (id, q) = try await a.published()
            let april = utc("2026-04-01T09:00:00Z")
            let asFoodbank = ResponseStore.Respondent.user(a.sam, .organisation(a.foodbank))
            let draft = try await a.responses.save(
                id, as: asFoodbank, answers: [q[1]: RawAnswer(value: "Saturdays")], submit: false, viewer: a.samViewer,
                now: april)
            #expect(draft.response.isSubmitted == false)
            await #expect(
                throws: ValidationFailure([
                    FieldError("answers[0].value", "Select an answer to question 1: it is required")
                ])
            ) {
                try await a.responses.save(
                    id, as: asFoodbank, answers: [q[1]: RawAnswer(value: "Saturdays")], submit: true,
                    viewer: a.samViewer, now: april)
            }
            // One response per organisation: a colleague cannot start a second.
            await #expect(
                throws: StorageError.conflict(
                    FieldError(
                        "respondingAs", "Sam has already started Brackenford Foodbank’s response: ask them to finish it"
                    ))
            ) {
                try await a.responses.save(
                    id, as: .user(a.fay, .organisation(a.foodbank)), answers: [:], submit: false, viewer: a.fayViewer,
                    now: april)
            }
            // The SME is not in the audience (VCS organisations and the public), so it cannot respond as a firm.
            await #expect(throws: ValidationFailure.self) {
                try await a.responses.save(
                    id, as: .user(a.kim, .organisation(a.firm)), answers: [:], submit: false, viewer: a.kimViewer,
                    now: april)
            }
            let sent = try await a.responses.save(
                id, as: asFoodbank, answers: [q[0]: RawAnswer(value: "Weekly"), q[1]: RawAnswer(value: "Saturdays")],
                submit: true, viewer: a.samViewer, now: april)
            #expect(sent.response.id == draft.response.id)
            #expect(
                try await a.responses.answers(of: sent.response) == [
                    q[0]: .choice("Weekly"), q[1]: .text("Saturdays"),
                ])
            await #expect(throws: StorageError.self) {
                try await a.responses.save(
                    id, as: asFoodbank, answers: [q[0]: RawAnswer(value: "Never")], submit: true, viewer: a.samViewer,
                    now: april)
            }
            _ = try await a.responses.save(
                id, as: .user(a.fay, .individual), answers: [q[0]: RawAnswer(value: "Monthly")], submit: false,
                viewer: a.fayViewer, now: april)
            #expect(try await a.responses.responses(of: a.samViewer).0.map(\.id) == [sent.response.id])
            #expect(try await a.responses.response(sent.response.id!, viewer: a.samViewer).isSubmitted)
            await #expect(throws: StorageError.notFound("The response")) {
                try await a.responses.response(sent.response.id!, viewer: a.fayViewer)
            }
            // The owner sees only sent responses, never drafts.
            #expect(try await a.responses.submitted(to: id, viewer: a.commissioner).0.map(\.id) == [sent.response.id])
            // The audit trail says who and when, never what was answered.
            let events = try await AuditEventModel.query(on: app.db).filter(\.$recordType == "consultation-response")
                .all()
            #expect(events.map(\.action).sorted() == ["created", "created", "submitted"])
            #expect(!events.contains { $0.changes.contains("Saturdays") })
        }
    }

    @Test(arguments: Backend.all)
    func membersOfThePublicRespondWithANameAndEmailAndCanReturnToADraft(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            let a = try await ConsultationArea(app)
            let (id, q) = try await a.published()
            let april = utc("2026-04-01T09:00:00Z")
            await #expect(throws: ValidationFailure.self) {
                try await a.responses.save(
                    id, as: .publicMember(name: "", email: "x", resumeToken: nil), answers: [:], submit: false,
                    viewer: nil, now: april)
            }
            let first = try await a.responses.save(
                id, as: .publicMember(name: "Margaret Ellis", email: "M.Ellis@example.org", resumeToken: nil),
                answers: [q[1]: RawAnswer(value: "Keep Saturdays")], submit: false, viewer: nil, now: april)
            let token = try #require(first.resumeToken)
            #expect(try await a.responses.existing(id, resumeToken: token)?.id == first.response.id)
            let sent = try await a.responses.save(
                id, as: .publicMember(name: "Margaret Ellis", email: "m.ellis@example.org", resumeToken: token),
                answers: [q[0]: RawAnswer(value: "Weekly")], submit: true, viewer: nil, now: april)
            #expect(sent.response.id == first.response.id)
            #expect(sent.resumeToken == nil)
            #expect(sent.response.respondentEmail == "m.ellis@example.org")
            #expect(try await a.responses.answers(of: sent.response) == [q[0]: .choice("Weekly")])
            // Not open to the public: no anonymous responses.
            var vcsOnly = ConsultationArea.input
            vcsOnly.audience = ["vcs"]
            vcsOnly.title = "VCS only"
            let (closed, _) = try await a.published(vcsOnly)
            await #expect(throws: ValidationFailure.self) {
                try await a.responses.save(
                    closed, as: .publicMember(name: "A", email: "a@example.org", resumeToken: nil), answers: [:],
                    submit: false, viewer: nil, now: april)
            }
        }
    }

    @Test(arguments: Backend.all)
    func theExportHasOneRowPerSentResponse(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            let a = try await ConsultationArea(app)
            let (id, q) = try await a.published()
            let sam = try await a.responses.save(
                id, as: .user(a.sam, .organisation(a.foodbank)),
                answers: [q[0]: RawAnswer(value: "Weekly"), q[1]: RawAnswer(value: "Keep Saturdays, please")],
                submit: true, viewer: a.samViewer, now: utc("2026-04-01T09:00:00Z"))
            let margaret = try await a.responses.save(
                id, as: .publicMember(name: "Margaret Ellis", email: "m.ellis@example.org", resumeToken: nil),
                answers: [q[0]: RawAnswer(value: "Never"), q[1]: RawAnswer(value: "=1+1")],
                submit: true, viewer: nil, now: utc("2026-05-25T22:30:00Z"))
            _ = try await a.responses.save(
                id, as: .user(a.fay, .individual), answers: [q[0]: RawAnswer(value: "Monthly")], submit: false,
                viewer: a.fayViewer, now: utc("2026-04-02T09:00:00Z"))
            let csv = try await a.responses.export(id, viewer: a.commissioner)
            let samID = sam.response.id!.uuidString
            let margaretID = margaret.response.id!.uuidString
            #expect(
                csv
                    == "\u{FEFF}response_id,submitted_at,responding_as,respondent_name,respondent_email,organisation,Q1: How often do you use it?,Q2: What would make it better?\r\n"
                    + "\(samID),2026-04-01T09:00:00Z,organisation,Sam,sam@foodbank.example,Brackenford Foodbank,Weekly,\"Keep Saturdays, please\"\r\n"
                    + "\(margaretID),2026-05-25T22:30:00Z,individual,Margaret Ellis,m.ellis@example.org,,Never,'=1+1\r\n"
            )
        }
    }

    @Test(arguments: Backend.all)
    func questionsFreezeWhenTheConsultationOpens(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            let a = try await ConsultationArea(app)
            let (id, q) = try await a.published()
            let forthcoming = utc("2026-02-10T10:00:00Z")
            try await a.store.moveQuestion(
                id, question: q[1], up: true, viewer: a.commissioner, by: .user(a.priya), now: forthcoming)
            #expect(try await a.store.questions(of: id, for: a.commissioner).map(\.id) == [q[1], q[0]])
            let scale = try Question.validate(QuestionInput(text: "Rate it", kind: "scale"))
            await #expect(
                throws: StorageError.conflict(
                    FieldError(
                        "questions", "This consultation opened on 2 March 2026, so its questions can no longer change"))
            ) {
                try await a.store.addQuestion(
                    id, scale, viewer: a.commissioner, by: .user(a.priya), now: utc("2026-03-02T00:00:00Z"))
            }
            try await a.store.removeQuestion(
                id, question: q[1], viewer: a.commissioner, by: .user(a.priya), now: forthcoming)
            #expect(try await a.store.questions(of: id, for: a.commissioner).map(\.ordinal) == [1])
            await #expect(
                throws: StorageError.conflict(
                    FieldError("questions", "A published consultation must keep at least one question"))
            ) {
                try await a.store.removeQuestion(
                    id, question: q[0], viewer: a.commissioner, by: .user(a.priya), now: forthcoming)
            }
        }
    }

    @Test(arguments: Backend.all)
    func documentsAreCheckedStoredWholeAndStayOnRecordOnceOpen(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            let a = try await ConsultationArea(app)
            let c = try await a.store.create(
                owner: a.county, compact: a.compact, ConsultationArea.input, viewer: a.commissioner, by: .user(a.priya))
            let bytes = Array("%PDF-1.7\n% a small but real-looking PDF\n".utf8) + [0x00, 0xFF, 0x10]
            let doc = try await a.store.addDocument(
                c.id!, title: "Draft specification", filename: "spec.pdf", bytes: bytes, viewer: a.commissioner,
                by: .user(a.priya))
            #expect(doc.type == .pdf)
            #expect(doc.contentType == "application/pdf")
            #expect(doc.sizeBytes == bytes.count)
            #expect(try await a.store.document(doc.id, of: c.id!, for: a.commissioner).data == Data(bytes))
            await #expect(throws: ValidationFailure.self) {
                try await a.store.addDocument(
                    c.id!, title: nil, filename: "spec.docx", bytes: bytes, viewer: a.commissioner, by: .user(a.priya))
            }
            _ = try await a.store.addQuestion(
                c.id!, try Question.validate(QuestionInput(text: "Why?", kind: "free-text")), viewer: a.commissioner,
                by: .user(a.priya))
            _ = try await a.store.publish(
                c.id!, viewer: a.commissioner, by: .user(a.priya), now: utc("2026-02-02T10:00:00Z"))
            await #expect(throws: StorageError.self) {
                try await a.store.removeDocument(
                    c.id!, document: doc.id, viewer: a.commissioner, by: .user(a.priya),
                    now: utc("2026-03-05T10:00:00Z"))
            }
            try await a.store.removeDocument(
                c.id!, document: doc.id, viewer: a.commissioner, by: .user(a.priya), now: utc("2026-02-05T10:00:00Z"))
            #expect(try await a.store.documents(of: c.id!, for: a.commissioner).isEmpty)
        }
    }

    @Test(arguments: Backend.all)
    func theOutcomeIsWrittenAfterCloseAndTellsRespondents(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            let a = try await ConsultationArea(app)
            let (id, q) = try await a.published()
            _ = try await a.responses.save(
                id, as: .user(a.fay, .individual), answers: [q[0]: RawAnswer(value: "Weekly")], submit: true,
                viewer: a.fayViewer, now: utc("2026-04-01T09:00:00Z"))
            let outcome = try Outcome.validate(
                OutcomeInput(
                    youSaid: "Keep Saturdays.", weDid: "We kept them.",
                    links: [.init(label: "New specification", url: "https://eastmoor.example/spec")]))
            await #expect(throws: StorageError.self) {
                try await a.store.saveOutcome(
                    id, outcome, publish: true, viewer: a.commissioner, by: .user(a.priya),
                    now: utc("2026-05-25T22:59:59Z"))
            }
            let saved = try await a.store.saveOutcome(
                id, outcome, publish: false, viewer: a.commissioner, by: .user(a.priya),
                now: utc("2026-06-01T09:00:00Z"))
            #expect(saved.publishedAt == nil)
            #expect(try await a.store.withPublishedOutcome([id]).isEmpty)
            let published = try await a.store.saveOutcome(
                id, outcome, publish: true, viewer: a.commissioner, by: .user(a.priya), now: utc("2026-06-02T09:00:00Z")
            )
            #expect(published.outcome.links.first?.label == "New specification")
            let c = try await a.store.find(id)
            #expect(try await a.store.phase(of: c, now: utc("2026-06-03T09:00:00Z")) == .summaryPublished)
            let fays = try await NotificationStore(app.db).list(for: ownViewer(a.fay)).0
            #expect(fays.first?.kind == .consultationOutcome)
            #expect(fays.first?.link == "/consultations/\(id)#outcome")
        }
    }

    @Test(arguments: Backend.all)
    func theFinderFiltersAndDraftsStayPrivate(backend: Backend) async throws {
        try await withApp(backend) { app async throws in
            let a = try await ConsultationArea(app)
            let (transport, _) = try await a.published()
            var short = ConsultationArea.input
            short.title = "Winter hubs"
            short.closesOn = "2026-04-13"
            short.shortPeriodReason = "Deadline"
            let (winter, _) = try await a.published(short)
            var later = ConsultationArea.input
            later.title = "Youth services"
            later.opensOn = "2026-06-01"
            later.closesOn = "2026-08-24"
            let draft = try await a.store.create(
                owner: a.county, compact: a.compact, later, viewer: a.commissioner, by: .user(a.priya))
            let april = utc("2026-04-20T09:00:00Z")
            func titles(_ s: ConsultationStore.Search, _ viewer: Viewer? = nil) async throws -> [String] {
                try await a.store.search(s, viewer: viewer, now: april).0.map(\.title)
            }
            #expect(try await titles(.init(status: .open)) == ["Community transport"])
            #expect(try await titles(.init(status: .closed)) == ["Winter hubs"])
            #expect(try await titles(.init(status: .all, period: .shorter)) == ["Winter hubs"])
            #expect(try await titles(.init(text: "TRANSPORT")) == ["Community transport"])
            #expect(try await titles(.init(status: .draft)) == [])
            let users = UserStore(app.db, passwords: testPasswords)
            #expect(try await titles(.init(status: .draft), try await users.viewer(for: a.sam)) == [])
            #expect(try await titles(.init(status: .draft), try await users.viewer(for: a.colin)) == ["Youth services"])
            #expect(try await titles(.init(status: .draft), try await users.viewer(for: a.priya)) == ["Youth services"])
            // Compliance: two run, one met the minimum; notice 28 days each (4 weeks).
            let rows = try await a.store.compliance(now: april)
            #expect(rows.count == 1)
            #expect(rows[0].figures.run == 2)
            #expect(rows[0].figures.meetingMinimumText == "1 of 2 (50%)")
            #expect(rows[0].figures.shorter.map(\.id) == [winter])
            #expect(rows[0].figures.medianNoticeText == "4 weeks")
            _ = (transport, draft)
        }
    }
}
