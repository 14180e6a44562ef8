import Demo
import Fluent
import Foundation
import SocialValue
import Storage
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// The demo consultation whose title starts with `prefix`.
func consultation(_ prefix: String, _ app: Application) async throws -> ConsultationModel {
    let all = try await ConsultationModel.query(on: app.db).all()
    return try #require(all.first { $0.title.hasPrefix(prefix) })
}

enum DemoConsultation {
    static let strategy = "Eastmoor social value strategy"  // open, 12 weeks
    static let winter = "Winter respiratory hubs"  // open, 6 weeks with a reason
    static let transport = "Community transport"  // closed, with responses and its outcome
    static let youth = "Youth services"  // forthcoming
    static let carers = "Carers’ breaks"  // draft
}

@Suite struct ConsultationFinderTests {
    @Test func theFinderShowsEachPublishedConsultationWithItsPeriodAndNotice() async throws {
        try await withDemoApp { app in
            let visitor = Browser(app)
            let all = try await visitor.get("/consultations")
            #expect(all.status == .ok)
            let html = all.body.string
            for title in [
                "Eastmoor social value strategy 2026 to 2030", "Winter respiratory hubs: where should they be?",
                "Community transport: the future of dial-a-ride", "Youth services: a new model for Eastmoor",
            ] {
                #expect(html.contains(HTML.escape(title)), "\(title)")
            }
            #expect(!html.contains("Carers’ breaks"))  // a draft
            #expect(html.contains("6 weeks: shorter than the minimum"))
            #expect(html.contains("2 weeks’ notice"))
            #expect(html.contains("Closed: outcome published"))
            let open = try await visitor.get("/consultations?status=open").body.string
            #expect(open.contains("Winter respiratory hubs") && open.contains("Eastmoor social value strategy"))
            #expect(!open.contains("Community transport") && !open.contains("Youth services"))
            let shorter = try await visitor.get("/consultations?period=shorter").body.string
            #expect(shorter.contains("Winter respiratory hubs") && !shorter.contains("Eastmoor social value strategy"))
            let searched = try await visitor.get("/consultations?q=dial-a-ride").body.string
            #expect(searched.contains("Community transport") && !searched.contains("Youth services"))
            #expect(
                try await visitor.get("/consultations?q=nothing+like+this").body.string.contains(
                    "No consultations match"))
            #expect(try await visitor.get("/").body.string.contains("Open consultations"))
        }
    }

    @Test func visitorsSeeOnlyPublishedConsultationsAndTheirDocuments() async throws {
        try await withDemoApp { app in
            let draft = try await consultation(DemoConsultation.carers, app)
            let strategy = try await consultation(DemoConsultation.strategy, app)
            let visitor = Browser(app)
            #expect(try await visitor.get("/consultations/\(draft.id!)").status == .notFound)
            #expect(try await visitor.get("/consultations/\(draft.id!)/respond").status == .notFound)
            #expect(try await visitor.get("/consultations?status=draft").body.string.contains("No consultations match"))
            #expect(try await visitor.get("/consultations/\(strategy.id!)").status == .ok)
            let doc = try await ConsultationStore(app.db).documents(of: strategy.id!, for: nil)[0]
            let file = try await visitor.get("/consultations/\(strategy.id!)/documents/\(doc.id)")
            #expect(file.status == .ok)
            #expect(
                file.headers.first(name: .contentDisposition)
                    == "attachment; filename=\"draft-strategy-summary.txt\"; filename*=UTF-8''draft%2Dstrategy%2Dsummary%2Etxt"
            )
            #expect(file.body.string.hasPrefix("Eastmoor social value strategy 2026 to 2030: summary of the draft"))
            // Drafts: the owning body and the Compact group see them, a supplier does not.
            let member = Browser(app)
            try await member.signIn(Demo.groupMember)
            #expect(try await member.get("/consultations/\(draft.id!)").body.string.contains("This is a draft"))
            #expect(try await member.get("/consultations?status=draft").body.string.contains("Carers’ breaks"))
            #expect(try await member.get("/consultations/\(draft.id!)/edit").status == .forbidden)
            let supplier = Browser(app)
            try await supplier.signIn(Demo.supplier)
            #expect(try await supplier.get("/consultations/\(draft.id!)").status == .notFound)
        }
    }

    @Test func dashboardsShowEachRolesConsultations() async throws {
        try await withDemoApp { app in
            let commissioner = Browser(app)
            try await commissioner.signIn(Demo.commissioner)
            let mine = try await commissioner.get("/dashboard").body.string
            #expect(mine.contains("Consultations by Eastmoor County Council"))
            #expect(mine.contains("How Eastmoor County Council keeps to the Compact on consultation"))
            #expect(mine.contains("2 of 2 (100%)"))  // the strategy and dial-a-ride, both 12 weeks
            #expect(mine.contains("5 weeks"))  // median of 4 and 6 weeks' notice
            let member = Browser(app)
            try await member.signIn(Demo.groupMember)
            let group = try await member.get("/dashboard").body.string
            #expect(group.contains("Consultation under the Eastmoor Compact"))
            #expect(group.contains("NHS Eastmoor Integrated Care Board"))
            #expect(group.contains("0 of 1 (0%)"))  // the ICB's winter consultation was shorter
            let supplier = Browser(app)
            try await supplier.signIn(Demo.supplier)
            let asked = try await supplier.get("/dashboard").body.string
            #expect(asked.contains("Consultations asking Brackenford Foodbank to respond"))
            #expect(asked.contains("Continue draft"))
            let compliance = try await Browser(app).get("/consultations/compliance").body.string
            #expect(compliance.contains("NHS England asks every integrated care board"))
        }
    }
}

@Suite struct ConsultationWritingTests {
    @Test func aShortConsultationCannotBePublishedWithoutAReasonWhichIsThenPublished() async throws {
        try await withDemoApp { app in
            let county = try await id(of: "Eastmoor County Council", app)
            let compact = try await compactID(app)
            let priya = Browser(app)
            try await priya.signIn(Demo.commissioner)
            try await priya.get("/consultations/new")
            let opens = UKTime.date(at: Date()).adding(days: 7)
            var form = [
                "ownerId": county.uuidString, "compactId": compact.uuidString, "title": "Library opening hours",
                "summary": "We propose shorter Sunday hours.", "subject": "service", "audience[]": "public",
                "opensOn": opens.iso, "closesOn": opens.adding(days: 28).iso,
            ]
            let bad = try await priya.post(
                "/consultations", form.filter { $0.key != "audience[]" }.merging(["title": ""]) { $1 })
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("<a href=\"#audience\">Select who can respond</a>"))
            #expect(bad.body.string.contains("<a href=\"#title\">Enter a title</a>"))
            let made = try await priya.post("/consultations", form)
            #expect(made.status == .seeOther)
            let questions = try #require(made.headers.first(name: .location))
            let id = questions.components(separatedBy: "/")[2]
            try await priya.get(questions)
            #expect(
                try await priya.post(
                    questions,
                    [
                        "text": "Which hours suit you?", "kind": "single-choice", "options": "Mornings\nEvenings",
                        "required": "yes",
                    ]
                ).status == .seeOther)
            try await priya.get("/consultations/\(id)/publish")
            let refused = try await priya.post("/consultations/\(id)/publish", [:])
            #expect(refused.status == .unprocessableEntity)
            #expect(
                refused.body.string.contains(
                    "This consultation runs for 28 days (4 weeks), shorter than the Eastmoor Compact’s minimum of 84 days (12 weeks)"
                ))
            #expect(try await Browser(app).get("/consultations/\(id)").status == .notFound)  // still a draft
            try await priya.get("/consultations/\(id)/edit")
            form["shortPeriodReason"] =
                "The library contract changes on 1 January, so the decision must be made this year."
            #expect(try await priya.post("/consultations/\(id)", form).status == .seeOther)
            try await priya.get("/consultations/\(id)/publish")
            let published = try await priya.post("/consultations/\(id)/publish", [:])
            #expect(published.status == .seeOther)
            let page = try await Browser(app).get("/consultations/\(id)").body.string
            #expect(page.contains("Why this consultation is shorter than 84 days (12 weeks)"))
            #expect(page.contains("The library contract changes on 1 January"))
            #expect(page.contains("Forthcoming"))
            #expect(page.contains("1 week’s notice"))
            // Published, the reason is on the public record (issue 13 §1): the form shows it and offers no
            // box, and another reason sent all the same is refused, leaving the published one.
            let edit = try await priya.get("/consultations/\(id)/edit").body.string
            #expect(edit.contains("Reason for a shorter period, as published"))
            #expect(!edit.contains("name=\"shortPeriodReason\""))
            form["shortPeriodReason"] = "The council wants it settled quickly."
            let rewritten = try await priya.post("/consultations/\(id)", form)
            #expect(rewritten.status == .conflict)
            #expect(
                rewritten.body.string.contains("cannot be changed: it stays on the consultation’s page as published"))
            let still = try await Browser(app).get("/consultations/\(id)").body.string
            #expect(still.contains("The library contract changes on 1 January"))
            #expect(!still.contains("settled quickly"))
            // The Compact group hears of it.
            let member = Browser(app)
            try await member.signIn(Demo.groupMember)
            let notes = try await member.get("/notifications").body.string
            #expect(notes.contains("published ‘Library opening hours’ under the Eastmoor Compact"))
            #expect(notes.contains("shorter than the Compact’s minimum"))
        }
    }

    @Test func questionsAndDocumentsAreManagedByTheOwnersCommissionersOnly() async throws {
        try await withDemoApp { app in
            let draft = try await consultation(DemoConsultation.carers, app)
            let evaluator = Browser(app)
            try await evaluator.signIn(Demo.evaluator)
            // same body: may read the draft
            #expect(try await evaluator.get("/consultations/\(draft.id!)").status == .ok)
            #expect(try await evaluator.get("/consultations/\(draft.id!)/questions").status == .forbidden)
            let priya = Browser(app)
            try await priya.signIn(Demo.commissioner)
            try await priya.get("/consultations/\(draft.id!)/questions")
            let bad = try await priya.post(
                "/consultations/\(draft.id!)/questions",
                ["text": "Pick", "kind": "multiple-choice", "options": "Only one"])
            #expect(bad.body.string.contains("Give at least 2 options, one on each line"))
            try await priya.get("/consultations/\(draft.id!)/documents")
            let pdf = try await priya.upload(
                "/consultations/\(draft.id!)/documents", fields: ["title": "Grant criteria"],
                file: ("criteria.pdf", "%PDF-1.4\nsmall\n"))
            #expect(pdf.status == .seeOther)
            try await priya.get("/consultations/\(draft.id!)/documents")
            let fake = try await priya.upload(
                "/consultations/\(draft.id!)/documents", fields: [:], file: ("criteria.docx", "%PDF-1.4\nnot a docx\n"))
            #expect(fake.status == .unprocessableEntity)
            #expect(fake.body.string.contains("The file’s contents are not what a .docx file holds"))
            try await priya.get("/consultations/\(draft.id!)/documents")
            #expect(
                try await priya.upload("/consultations/\(draft.id!)/documents", fields: [:], file: ("a.pdf", "%PDF-"))
                    .status == .seeOther)
            let forged = Browser(app)
            try await forged.signIn(Demo.commissioner)
            forged.csrf = "forged"
            #expect(
                try await forged.upload("/consultations/\(draft.id!)/documents", fields: [:], file: ("b.pdf", "%PDF-"))
                    .status == .forbidden)
            let page = try await Browser(app).get("/consultations").body.string
            #expect(!page.contains("Grant criteria"))
            #expect(
                Set(
                    try await ConsultationStore(app.db).documents(
                        of: draft.id!, for: Viewer(userID: UUID(), isAdmin: true, memberships: [], compactSeats: [])
                    ).map(\.title)) == [
                        "Grant criteria", "a.pdf",
                    ])
        }
    }
}

@Suite struct RespondingTests {
    @Test func membersOfThePublicRespondWithoutAnAccountAndCanComeBackToADraft() async throws {
        try await withDemoApp { app in
            let winter = try await consultation(DemoConsultation.winter, app)
            let path = "/consultations/\(winter.id!)/respond"
            let jo = Browser(app)
            #expect(try await jo.get(path).body.string.contains("Your email address"))
            // The form's names are the API's: answers[<i>][questionId], answers[<i>][value], status.
            let q = try await ConsultationStore(app.db).questions(of: winter.id!, for: nil).map { $0.id!.uuidString }
            let who = [
                "respondentName": "Jo Public", "respondentEmail": "jo@example.org",
                "answers[0][questionId]": q[0], "answers[1][questionId]": q[1],
            ]
            let missing = try await jo.post(path, who.merging(["status": "submitted"]) { $1 })
            #expect(missing.status == .unprocessableEntity)
            #expect(
                missing.body.string.contains(
                    "<a href=\"#answers-0--value\">Select an answer to question 1: it is required</a>"))
            let draft = try await jo.post(
                path, who.merging(["status": "draft", "answers[1][value]": "Near the bus station"]) { $1 })
            #expect(draft.status == .seeOther)
            #expect(jo.cookies["cw_resume"] != nil)
            let back = try await jo.get(path).body.string
            #expect(back.contains("Near the bus station"))
            #expect(back.contains("To come back to your draft from another device"))
            let sent = try await jo.post(
                path,
                who.merging([
                    "status": "submitted", "answers[0][value]": "Saltmarsh",
                    "answers[1][value]": "Near the bus station",
                ]) { $1 })
            #expect(sent.status == .seeOther)
            let receipt = try await jo.get(path).body.string
            #expect(receipt.contains("Your response has been sent"))
            #expect(receipt.contains("Saltmarsh"))
            #expect(try await ResponseStore(app.db).submittedCount(winter.id!, viewer: nil, now: .distantFuture) == 1)
            // A forthcoming consultation does not take responses yet.
            let youth = try await consultation(DemoConsultation.youth, app)
            #expect(
                try await Browser(app).get("/consultations/\(youth.id!)/respond").body.string.contains(
                    "You cannot respond now"))
        }
    }

    @Test func lateResponsesAreRefusedWithTheClosingTime() async throws {
        try await withDemoApp { app in
            let transport = try await consultation(DemoConsultation.transport, app)
            let path = "/consultations/\(transport.id!)/respond"
            let closes =
                "This consultation closed at 11:59pm on \(transport.period.closesOn.longForm). Responses can no longer be saved or sent"
            let visitor = Browser(app)
            #expect(try await visitor.get(path).body.string.contains(closes))
            try await visitor.get("/sign-in")  // a page with a form, for the CSRF token
            let q = try await ConsultationStore(app.db).questions(of: transport.id!, for: nil).map { $0.id!.uuidString }
            let late = try await visitor.post(
                path,
                [
                    "status": "submitted", "respondentName": "Late Larry", "respondentEmail": "larry@example.org",
                    "answers[0][questionId]": q[0], "answers[0][value]": "Never",
                    "answers[1][questionId]": q[1], "answers[1][value]": "Too late?",
                    "answers[2][questionId]": q[2],
                ])
            #expect(late.status == .conflict)
            #expect(late.body.string.contains(closes))
            let kim = Browser(app)
            try await kim.signIn("bids@kestrel-facilities.example")
            try await kim.get("/consultations/\(transport.id!)")
            #expect(try await kim.post(path, ["status": "draft", "respondingAs": "individual"]).status == .conflict)
            #expect(try await ResponseStore(app.db).submittedCount(transport.id!, viewer: nil) == 3)
        }
    }

    @Test func aSupplierRespondsForTheirOrganisationAndSeesOnlyTheirOwnResponses() async throws {
        try await withDemoApp { app in
            let strategy = try await consultation(DemoConsultation.strategy, app)
            let foodbank = try await id(of: "Brackenford Foodbank", app)
            let sam = Browser(app)
            try await sam.signIn(Demo.supplier)
            let choose = try await sam.get("/consultations/\(strategy.id!)/respond").body.string
            #expect(choose.contains("How are you responding?"))
            let form = try await sam.get("/consultations/\(strategy.id!)/respond?as=\(foodbank)").body.string
            #expect(form.contains("on behalf of Brackenford Foodbank"))
            #expect(form.contains("Food on the table first"))  // the demo draft
            let q = try await ConsultationStore(app.db).questions(of: strategy.id!, for: nil).map { $0.id!.uuidString }
            let sent = try await sam.post(
                "/consultations/\(strategy.id!)/respond",
                [
                    "respondingAs": "organisation", "organisationId": foodbank.uuidString, "status": "submitted",
                    "answers[0][questionId]": q[0], "answers[0][value]": "Food on the table first.",
                    "answers[1][questionId]": q[1], "answers[1][value]": "Healthier lives",
                    "answers[2][questionId]": q[2], "answers[2][values][0]": "I volunteer",
                    "answers[2][values][1]": "I live in Eastmoor",
                    "answers[3][questionId]": q[3], "answers[3][value]": "5",
                ])
            #expect(sent.status == .seeOther)
            let receipt = try await sam.get(try #require(sent.headers.first(name: .location))).body.string
            #expect(receipt.contains("Response sent"))
            #expect(receipt.contains("I volunteer; I live in Eastmoor"))
            #expect(receipt.contains("5 (1 is ‘Strongly disagree’, 5 is ‘Strongly agree’)"))
            let mine = try await sam.get("/responses").body.string
            #expect(mine.contains("Eastmoor social value strategy") && mine.contains("Community transport"))
            // Someone else's response is not found, whoever asks.
            let cath = try #require(
                try await ConsultationResponseModel.query(on: app.db).filter(\.$respondentName == "Cath Compact")
                    .first())
            #expect(try await sam.get("/responses/\(cath.id!)").status == .notFound)
            // A colleague cannot send a second response for the same organisation.
            try await UserStore(app.db, passwords: testPasswords).addMembership(
                user: try await UserModel.query(on: app.db).filter(\.$email == Demo.groupMember).first()!.id!,
                MembershipInput(organisationId: foodbank, role: "supplier-member"), viewer: .commandLine,
                by: .commandLine)
            let colleague = Browser(app)
            try await colleague.signIn(Demo.groupMember)
            let twice = try await colleague.get("/consultations/\(strategy.id!)/respond?as=\(foodbank)")
            #expect(twice.status == .conflict)
            #expect(twice.body.string.contains("Sam Supplier sent its response"))
        }
    }

    @Test func ownersReadAndExportResponsesOnlyAfterTheClose() async throws {
        try await withDemoApp { app in
            let strategy = try await consultation(DemoConsultation.strategy, app)
            let transport = try await consultation(DemoConsultation.transport, app)
            let priya = Browser(app)
            try await priya.signIn(Demo.commissioner)
            let sealed = try await priya.get("/consultations/\(strategy.id!)/responses").body.string
            #expect(sealed.contains("You can read and export responses once the consultation closes"))
            #expect(
                try await priya.get("/consultations/\(strategy.id!)/responses.csv").headers.contentType?.subType
                    != "csv")
            let list = try await priya.get("/consultations/\(transport.id!)/responses").body.string
            #expect(list.contains("3 responses were sent"))
            #expect(list.contains("Margaret Ellis"))
            let csv = try await priya.get("/consultations/\(transport.id!)/responses.csv")
            #expect(csv.status == .ok)
            #expect(csv.headers.first(name: .contentType) == "text/csv; charset=utf-8")
            #expect(
                csv.headers.first(name: .contentDisposition)?.hasPrefix(
                    "attachment; filename=\"community-transport-the-future-of-dial-a-ride-responses.csv\"") == true)
            let lines = csv.body.string.components(separatedBy: "\r\n")
            #expect(
                lines[0]
                    == "\u{FEFF}response_id,submitted_at,responding_as,respondent_name,respondent_email,organisation,Q1: How often do you use dial-a-ride?,Q2: What would make the service better?,Q3: How satisfied are you with the service today?"
            )
            #expect(lines.count == 5)  // header, three responses, and the empty string after the last CRLF
            #expect(
                lines[1].hasSuffix(
                    ",organisation,Sam Supplier,supplier@brackenford-foodbank.example,Brackenford Foodbank,Every week,Keep the Saturday service: our volunteers rely on it to collect donations.,4"
                ))
            #expect(lines[3].contains(",individual,Margaret Ellis,m.ellis@example.org,,Every week,"))
            let sam = Browser(app)
            try await sam.signIn(Demo.supplier)
            #expect(try await sam.get("/consultations/\(transport.id!)/responses.csv").status == .forbidden)
            // to sign in
            #expect(try await Browser(app).get("/consultations/\(transport.id!)/responses.csv").status == .seeOther)
        }
    }

    @Test func theOutcomeIsPublishedAfterTheCloseAndRespondentsAreTold() async throws {
        try await withDemoApp { app in
            // A consultation that closed last week, with one response from Sam.
            let store = ConsultationStore(app.db)
            let county = try await id(of: "Eastmoor County Council", app)
            let commissioner = Viewer(
                userID: UUID(), isAdmin: false, memberships: [.init(organisationID: county, role: .commissioner)],
                compactSeats: [])
            let today = UKTime.date(at: Date())
            let c = try await store.create(
                owner: county, compact: try await compactID(app),
                ConsultationInput(
                    title: "Park cafés", summary: "Who should run them?", subject: "procurement", audience: ["vcs"],
                    opensOn: today.adding(days: -91).iso, closesOn: today.adding(days: -7).iso), viewer: commissioner,
                by: .demoLoader)
            let q = try await store.addQuestion(
                c.id!, try Question.validate(QuestionInput(text: "Who?", kind: "free-text", required: true)),
                viewer: commissioner, by: .demoLoader)
            _ = try await store.publish(
                c.id!, viewer: commissioner, by: .demoLoader, now: UKTime.startOfDay(today.adding(days: -100)))
            let samUser = try await UserModel.query(on: app.db).filter(\.$email == Demo.supplier).first()!
            let samViewer = Viewer(userID: samUser.id!, isAdmin: false, memberships: [], compactSeats: [])
            _ = try await ResponseStore(app.db).save(
                c.id!, as: .user(samUser, .individual), answers: [q.id!: RawAnswer(value: "A social enterprise")],
                submit: true, viewer: samViewer, now: UKTime.startOfDay(today.adding(days: -50)))
            let sam = Browser(app)
            try await sam.signIn(Demo.supplier)
            try await sam.get("/notifications")
            try await sam.post("/notifications/read", [:])
            #expect(try await sam.get("/dashboard").body.string.contains(">Notifications</a>"))
            let priya = Browser(app)
            try await priya.signIn(Demo.commissioner)
            try await priya.get("/consultations/\(c.id!)/outcome")
            let bad = try await priya.post(
                "/consultations/\(c.id!)/outcome",
                [
                    "published": "yes", "youSaid": "A social enterprise.", "links[0][label]": "Decision",
                    "links[0][url]": "ftp://x",
                ])
            #expect(bad.body.string.contains("<a href=\"#weDid\">Enter what you did in response</a>"))
            #expect(bad.body.string.contains("Link 1’s address must start with https://"))
            let ok = try await priya.post(
                "/consultations/\(c.id!)/outcome",
                [
                    "published": "yes", "youSaid": "You want a social enterprise to run them.",
                    "weDid": "We will tender with a 20% social value weighting.",
                    "links[0][label]": "Tender notice", "links[0][url]": "https://eastmoor.example/tenders/cafes",
                ])
            #expect(ok.status == .seeOther)
            let page = try await Browser(app).get("/consultations/\(c.id!)").body.string
            #expect(page.contains("You said, we did"))
            #expect(page.contains("We will tender with a 20% social value weighting."))
            #expect(page.contains("Closed: outcome published"))
            let dashboard = try await sam.get("/dashboard").body.string
            #expect(dashboard.contains(">Notifications (1)</a>"))
            let notes = try await sam.get("/notifications").body.string
            #expect(
                notes.contains(
                    "Eastmoor County Council has published what it heard and what it did after ‘Park cafés’."))
            try await sam.post("/notifications/read", [:])
            #expect(try await sam.get("/dashboard").body.string.contains(">Notifications</a>"))
            // The outcome is in the audit trail.
            #expect(
                try await AuditEventModel.query(on: app.db).filter(\.$recordType == "consultation-outcome").first()?
                    .action == "published")
        }
    }
}

@Suite struct PublicResponseLimitTests {
    @Test func oneAddressCanStartOnlyTwentyAnonymousResponsesInFiveMinutes() async throws {
        try await withDemoApp { app in
            let winter = try await consultation(DemoConsultation.winter, app)
            let path = "/consultations/\(winter.id!)/respond"
            var statuses: [HTTPStatus] = []
            for n in 1...21 {
                let visitor = Browser(app)
                try await visitor.get(path)
                statuses.append(
                    try await visitor.post(
                        path,
                        ["status": "draft", "respondentName": "Visitor \(n)", "respondentEmail": "v\(n)@example.org"]
                    ).status)
            }
            #expect(statuses.prefix(20).allSatisfy { $0 == .seeOther })
            #expect(statuses.last == .tooManyRequests)
        }
    }
}
