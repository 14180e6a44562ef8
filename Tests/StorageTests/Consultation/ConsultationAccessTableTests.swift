import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing
import Vapor

@testable import Storage

/// The access table's consultation and response rows (`ConsultationOperation`): every operation
/// for every asker (`AccessRole`), called on the real store, must be allowed or refused as the
/// core's policy says (see `checkAccessTable`). The subject is the county's consultation under the
/// Eastmoor Compact, with the food bank as the responding organisation.
@Suite struct ConsultationAccessTableTests {
    /// A published consultation (2 March to 25 May 2026) with the food bank's sent response and an
    /// unpublished "you said, we did" summary, and a draft with a document. Allowed calls are made
    /// so that they fail after the access check (the consultation has closed, or has not, the
    /// input is invalid, the ID unknown), so the fixture does not change between calls.
    struct Fixture {
        let area: ConsultationArea
        let subject: AccessSubject
        let consultation: UUID
        let questions: [UUID]
        let response: UUID
        let draft: UUID
        let draftDocument: UUID
        /// While the consultation is open, and after it has closed.
        let whileOpen = utc("2026-04-01T09:00:00Z")
        let afterClose = utc("2026-06-01T09:00:00Z")

        init(_ app: Application) async throws {
            let a = try await ConsultationArea(app)
            let priya = Actor.user(a.priya)
            let (id, q) = try await a.published()
            let sent = try await a.responses.save(
                id, as: .user(a.sam, .organisation(a.foodbank)), answers: [q[0]: RawAnswer(value: "Weekly")],
                submit: true, viewer: a.samViewer, now: whileOpen)
            _ = try await a.store.saveOutcome(
                id, Outcome(youSaid: "Keep Saturdays.", weDid: "We kept them.", links: []), publish: false,
                viewer: a.commissioner, by: priya, now: afterClose)
            var later = ConsultationArea.input
            later.title = "Youth services"
            let d = try await a.store.create(
                owner: a.county, compact: a.compact, later, viewer: a.commissioner, by: priya)
            let doc = try await a.store.addDocument(
                try d.requireID(), title: "Plan", filename: "plan.txt", bytes: Array("Plan".utf8),
                viewer: a.commissioner, by: priya)
            area = a
            consultation = id
            questions = q
            response = try sent.response.requireID()
            draft = try d.requireID()
            draftDocument = doc.id
            subject = AccessSubject(buyer: a.county, supplier: a.foodbank, compact: a.compact)
        }

        /// The person `v` is, as the response store sees them.
        func user(_ v: Viewer) -> UserModel {
            let u = UserModel()
            u.id = v.userID
            u.email = "someone@example.org"
            u.displayName = "Someone"
            return u
        }

        /// Calls the real store operation as `v`.
        func perform(_ op: ConsultationOperation, as v: Viewer?) async throws {
            func signedIn() throws -> Viewer { try StorageTests.signedIn(v) }
            let (store, responses) = (area.store, area.responses)
            let by = Actor.commandLine
            let id = consultation
            let question = Question(text: "Why?", hint: nil, kind: .freeText, required: false, options: [])
            switch op {
            case .createConsultation:
                _ = try await store.create(
                    owner: subject.buyer, compact: subject.compact, ConsultationInput(), viewer: try signedIn(), by: by)
            case .updateConsultation:
                _ = try await store.update(id, ConsultationArea.input, viewer: try signedIn(), by: by, now: afterClose)
            case .deleteConsultation:
                try await store.delete(id, viewer: try signedIn(), by: by)
            case .publishConsultation:
                _ = try await store.publish(id, viewer: try signedIn(), by: by, now: afterClose)
            case .addQuestion:
                _ = try await store.addQuestion(id, question, viewer: try signedIn(), by: by, now: afterClose)
            case .updateQuestion:
                try await store.updateQuestion(
                    id, question: questions[0], question, viewer: try signedIn(), by: by, now: afterClose)
            case .removeQuestion:
                try await store.removeQuestion(
                    id, question: questions[0], viewer: try signedIn(), by: by, now: afterClose)
            case .moveQuestion:
                try await store.moveQuestion(
                    id, question: questions[1], up: true, viewer: try signedIn(), by: by, now: afterClose)
            case .addDocument:
                _ = try await store.addDocument(
                    id, title: "Plan", filename: "plan.txt", bytes: Array("Plan".utf8), viewer: try signedIn(), by: by,
                    now: afterClose)
            case .removeDocument:
                try await store.removeDocument(id, document: UUID(), viewer: try signedIn(), by: by, now: afterClose)
            case .saveOutcome:
                _ = try await store.saveOutcome(
                    id, Outcome(youSaid: "Said.", weDid: "Did.", links: []), publish: true, viewer: try signedIn(),
                    by: by, now: whileOpen)
            case .amendOutcome:
                // The fixture's summary is not published: an allowed amendment is refused (409) after the check.
                _ = try await store.amendOutcome(
                    id, OutcomeAmendmentInput(OutcomeInput(youSaid: "Said.", weDid: "Did."), reason: "Why"),
                    viewer: try signedIn(), by: by, now: afterClose)
            case .readForChange:
                _ = try await store.find(id, managedBy: try signedIn())
            case .readDraftConsultation:
                _ = try await store.find(draft, for: v)
            case .readDraftQuestions:
                _ = try await store.questions(of: draft, for: v)
            case .readDraftDocuments:
                _ = try await store.documents(of: draft, for: v)
            case .readDraftDocument:
                _ = try await store.document(draftDocument, of: draft, for: v)
            case .listDraftConsultations:
                let (list, _) = try await store.search(.init(status: .draft), viewer: v, now: whileOpen)
                guard list.contains(where: { $0.id == draft }) else { throw StorageError.notFound("The consultation") }
            case .listBodyConsultations:
                let list = try await store.consultations(ownedBy: subject.buyer, viewer: try signedIn())
                guard list.contains(where: { $0.id == draft }) else { throw StorageError.notFound("The consultation") }
            case .readUnpublishedOutcome:
                guard try await store.outcome(of: id, for: v) != nil else {
                    throw StorageError.notFound("The summary")
                }
            case .saveIndividualResponse:
                let viewer = try signedIn()
                _ = try await responses.save(
                    id, as: .user(user(viewer), .individual), answers: [:], submit: false, viewer: viewer,
                    now: afterClose)
            case .saveOrganisationResponse:
                let viewer = try signedIn()
                _ = try await responses.save(
                    id, as: .user(user(viewer), .organisation(subject.supplier)), answers: [:], submit: false,
                    viewer: viewer, now: afterClose)
            case .readOrganisationResponse:
                _ = try await responses.existing(id, as: .organisation(subject.supplier), viewer: try signedIn())
            case .readOwnResponses:
                _ = try await responses.responses(of: try signedIn())
            case .readOwnResponse:
                _ = try await responses.response(response, viewer: try signedIn())
            case .countResponsesWhileOpen:
                _ = try await responses.submittedCount(id, viewer: v, now: whileOpen)
            case .readSubmittedResponses:
                _ = try await responses.submitted(to: id, viewer: try signedIn())
            case .readSubmittedResponse:
                _ = try await responses.submittedResponse(response, to: id, viewer: try signedIn())
            case .exportResponses:
                _ = try await responses.export(id, viewer: try signedIn())
            }
        }
    }

    @Test func everyConsultationAndResponseOperationForEveryRoleIsDecidedByTheCore() async throws {
        try await withApp(.sqliteMemory) { app in
            let f = try await Fixture(app)
            await checkAccessTable(
                ConsultationOperation.self, subject: f.subject,
                hidden: ["The consultation", "The response", "The summary"]
            ) { try await f.perform($0, as: $1) }
        }
    }

    @Test func theTableAllowsTheOwnersAndRefusesOthers() {
        let subject = AccessSubject(buyer: UUID(), supplier: UUID(), compact: UUID())
        let commissioner = Viewer(
            userID: UUID(), isAdmin: false, memberships: [.init(organisationID: subject.buyer, role: .commissioner)],
            compactSeats: [])
        let group = Viewer(userID: UUID(), isAdmin: false, memberships: [], compactSeats: [subject.compact])
        let admin = Viewer(userID: UUID(), isAdmin: true, memberships: [], compactSeats: [])
        #expect(ConsultationOperation.publishConsultation.outcome(for: commissioner, on: subject) == .allowed)
        #expect(ConsultationOperation.publishConsultation.outcome(for: admin, on: subject) == .forbidden)
        #expect(ConsultationOperation.readDraftConsultation.outcome(for: group, on: subject) == .allowed)
        #expect(ConsultationOperation.readDraftConsultation.outcome(for: nil, on: subject) == .notFound)
        #expect(ConsultationOperation.exportResponses.outcome(for: group, on: subject) == .forbidden)
        #expect(ConsultationOperation.saveOrganisationResponse.outcome(for: commissioner, on: subject) == .forbidden)
    }
}

private func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }
