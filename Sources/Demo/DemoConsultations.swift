import Fluent
import Foundation
import SocialValue
import Storage

extension DemoArea {
    /// Demo consultations, dated relative to `now` so each phase is always on show.
    static func loadConsultations(on db: Database, compact: UUID, organisations ids: [String: UUID], now: Date)
        async throws
    {
        let store = ConsultationStore(db)
        let responses = ResponseStore(db)
        let actor = Actor.demoLoader
        // The demo loader acts for every body it runs consultations for.
        let buyer = Viewer(
            userID: UUID(), isAdmin: false,
            memberships: ids.values.map { .init(organisationID: $0, role: .commissioner) }, compactSeats: [])
        let users = UserStore(db, passwords: Passwords())
        let today = UKTime.date(at: now)
        func user(_ email: String) async throws -> UserModel {
            guard let user = try await UserModel.query(on: db).filter(\.$email == email).first() else {
                throw StorageError.notFound("the demo user \(email)")
            }
            return user
        }
        /// 10:00 UK time, `days` from today.
        func at(_ days: Int) -> Date { UKTime.instant(today.adding(days: days), hour: 10, minute: 0, second: 0) }
        func dates(_ opens: Int, _ closes: Int) -> (String, String) {
            (today.adding(days: opens).iso, today.adding(days: closes).iso)
        }
        func draft(
            _ owner: String, _ title: String, _ summary: String, _ subject: ConsultationSubject,
            reference: String? = nil,
            audience: [String], opens: Int, closes: Int, reason: String? = nil, questions: [QuestionInput]
        ) async throws -> UUID {
            let (o, c) = dates(opens, closes)
            let made = try await store.create(
                owner: ids[owner], compact: compact,
                ConsultationInput(
                    title: title, summary: summary, subject: subject.rawValue, subjectReference: reference,
                    audience: audience,
                    opensOn: o, closesOn: c, shortPeriodReason: reason), viewer: buyer, by: actor)
            let id = try made.requireID()
            for q in questions {
                _ = try await store.addQuestion(
                    id, try Question.validate(q), viewer: buyer, by: actor, now: at(opens - 60))
            }
            return id
        }
        let county = "Eastmoor County Council"
        let agree = ["Strongly disagree", "Strongly agree"]

        // 1. Open, twelve weeks, four weeks' early notice.
        let strategy = try await draft(
            county, "Eastmoor social value strategy 2026 to 2030",
            """
            We want to agree with the voluntary and community sector what social value means in Eastmoor, and how much it should count when we buy services.

            The draft strategy sets out five local outcomes, a proportionate approach for small contracts, and how we will report what suppliers deliver. Tell us what you think.
            """,
            .strategy, audience: ["vcs", "suppliers", "public"], opens: -21, closes: 63,
            questions: [
                QuestionInput(
                    text: "What should social value mean in Eastmoor?",
                    hint: "In your own words. A few sentences is plenty.", kind: "free-text", required: true),
                QuestionInput(
                    text: "Which of the five outcomes matters most to you?", kind: "single-choice", required: true,
                    options: [
                        "Good local jobs", "Healthier lives", "A cleaner environment", "Stronger communities",
                        "Thriving local organisations",
                    ]),
                QuestionInput(
                    text: "Which of these describe you?", hint: "Select all that apply.", kind: "multiple-choice",
                    options: [
                        "I run or work for a charity or community group", "I volunteer", "I run a local business",
                        "I live in Eastmoor",
                    ]),
                QuestionInput(
                    text: "How far do you agree that small contracts should have a lighter touch?", kind: "scale",
                    options: agree),
            ])
        let strategyText = """
            Eastmoor social value strategy 2026 to 2030: summary of the draft

            1. Good local jobs. 2. Healthier lives. 3. A cleaner environment. 4. Stronger communities. 5. Thriving local organisations.

            Contracts under £25,000 carry a 5% to 10% social value weighting and report once a year.
            """
        _ = try await store.addDocument(
            strategy, title: "Summary of the draft strategy", filename: "draft-strategy-summary.txt",
            bytes: Array(strategyText.utf8), viewer: buyer, by: actor, now: at(-50))
        _ = try await store.publish(strategy, viewer: buyer, by: actor, now: at(-49))
        let sam = try await user("supplier@brackenford-foodbank.example")
        let samViewer = try await users.viewer(for: sam)
        let q1 = try await store.questions(of: strategy, for: buyer)
        _ = try await responses.save(
            strategy, as: .user(sam, .organisation(ids["Brackenford Foodbank"]!)),
            answers: [
                try q1[0].requireID(): RawAnswer(
                    value: "Food on the table first; then jobs that pay enough to live on.")
            ],
            submit: false, viewer: samViewer, now: at(-2))

        // 2. Shorter than twelve weeks, with its reason published.
        let winter = try await draft(
            "NHS Eastmoor Integrated Care Board", "Winter respiratory hubs: where should they be?",
            "We plan to open three walk-in hubs for coughs, colds and breathing problems this winter. Tell us which places would be easiest to reach.",
            .service, audience: ["vcs", "public"], opens: -7, closes: 35,
            reason:
                "NHS England asks every integrated care board to confirm its winter plan within six weeks, so a twelve-week consultation would end after the plan is fixed. To make up for the shorter time we are holding two drop-in sessions and have briefed the VCS forum.",
            questions: [
                QuestionInput(
                    text: "Which town would be easiest for you to reach?", kind: "single-choice", required: true,
                    options: ["Eastmoor", "Brackenford", "Saltmarsh"]),
                QuestionInput(text: "Anything else we should know?", kind: "free-text"),
            ])
        _ = try await store.publish(winter, viewer: buyer, by: actor, now: at(-21))

        // 3. Closed, with responses and its "you said, we did" outcome.
        let transport = try await draft(
            county, "Community transport: the future of dial-a-ride",
            "The dial-a-ride contract ends next year. Before we recommission it we want to hear from the people and organisations who use it.",
            .procurement, reference: "Dial-a-ride contract EM-CT-2023-04", audience: ["vcs", "suppliers", "public"],
            opens: -150, closes: -66,
            questions: [
                QuestionInput(
                    text: "How often do you use dial-a-ride?", kind: "single-choice", required: true,
                    options: ["Every week", "Every month", "Less often", "Never"]),
                QuestionInput(text: "What would make the service better?", kind: "free-text", required: true),
                QuestionInput(
                    text: "How satisfied are you with the service today?", kind: "scale",
                    options: ["Very dissatisfied", "Very satisfied"]),
            ])
        _ = try await store.publish(transport, viewer: buyer, by: actor, now: at(-192))
        let tq = try await store.questions(of: transport, for: buyer).map { try $0.requireID() }
        let cath = try await user("compact@eastmoor-cvs.example")
        let cathViewer = try await users.viewer(for: cath)
        let transportAnswers: [(ResponseStore.Respondent, Viewer?, [String?], Int)] = [
            (
                .user(sam, .organisation(ids["Brackenford Foodbank"]!)), samViewer,
                ["Every week", "Keep the Saturday service: our volunteers rely on it to collect donations.", "4"], -140
            ),
            (
                .user(cath, .organisation(ids["Eastmoor Council for Voluntary Service"]!)), cathViewer,
                ["Every month", "Book by phone as well as online, and keep drivers who know the villages.", "3"], -120
            ),
            (
                .publicMember(name: "Margaret Ellis", email: "m.ellis@example.org", resumeToken: nil), nil,
                ["Every week", "Please keep Saturdays. It is how I get to the market.", "5"], -100
            ),
        ]
        for (who, viewer, values, day) in transportAnswers {
            var raw: [UUID: RawAnswer] = [:]
            for (i, v) in values.enumerated() { raw[tq[i]] = RawAnswer(value: v) }
            _ = try await responses.save(
                transport, as: who, answers: raw, submit: true, viewer: viewer, now: at(day))
        }
        _ = try await store.saveOutcome(
            transport,
            Outcome(
                youSaid:
                    "You told us the Saturday service matters most, especially for getting to markets and for volunteers collecting donations. You asked to book by phone as well as online, and for drivers who know the villages.",
                weDid:
                    "The new contract keeps the Saturday service and adds phone booking. Bidders will be scored on local knowledge, as part of a 15% social value weighting.",
                links: [
                    OutcomeLink(
                        label: "Consultations under the Eastmoor Compact",
                        url: "/consultations?compact=\(compact.uuidString)")
                ]),
            publish: true, viewer: buyer, by: actor, now: at(-30))

        // 4. Forthcoming: five weeks' early notice.
        let youth = try await draft(
            county, "Youth services: a new model for Eastmoor",
            "We are looking at how youth work is funded and run across the county, and want voluntary youth organisations involved from the start.",
            .service, audience: ["vcs", "public"], opens: 35, closes: 119,
            questions: [
                QuestionInput(text: "What do young people in your area most need?", kind: "free-text", required: true)
            ])
        _ = try await store.publish(youth, viewer: buyer, by: actor, now: now)

        // 5. A draft the Compact group can see before it is published.
        _ = try await draft(
            county, "Carers’ breaks grants programme 2027",
            "How we should share grants for short breaks for unpaid carers.", .programme, audience: ["vcs"], opens: 70,
            closes: 154,
            questions: [
                QuestionInput(text: "How should grants be shared between areas?", kind: "free-text", required: true)
            ])

        // What happened more than a fortnight ago has been read.
        try await NotificationModel.query(on: db).filter(\.$createdAt < now.addingTimeInterval(-14 * 24 * 60 * 60))
            .set(\.$readAt, to: now).update()
    }
}
