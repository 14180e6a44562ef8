import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing
import Vapor

@testable import Storage

private func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

/// The tender area with a contract to the food bank (buyer: the county), written straight to the
/// tables so these tests need not repeat the evaluation. Quarterly from 1 April 2027 to 31 March
/// 2028: period 1 is 1 Apr–30 Jun 2027 (due 30 Jul), period 2 1 Jul–30 Sep (due 30 Oct),
/// period 3 1 Oct–31 Dec (due 30 Jan 2028). Commitments: APPR 10 apprenticeship weeks at
/// £244.63 (£2,446.30) and VCSE-SPEND 30,000 at £1.00 (£30,000.00).
struct MonitoringArea {
    let a: TenderArea
    let contract: UUID
    let store: MonitoringStore

    init(_ app: Application) async throws {
        a = try await TenderArea(app)
        try await a.twoBids()
        let bid = try await BidModel.query(on: app.db).filter(\.$organisation.$id == a.area.foodbank).first()!
        let c = ContractModel()
        c.$tender.id = a.tender
        c.$procurement.id = a.procurement
        c.$bid.id = bid.id!
        c.$buyer.id = a.area.county
        c.$supplier.id = a.area.foodbank
        c.title = "Befriending"
        c.valuePence = 95_000_00
        c.startsOn = "2027-04-01"
        c.endsOn = "2028-03-31"
        c.awardedOn = "2027-03-15"
        c.standstillEndsOn = "2027-03-25"
        c.monitoringPlan = "Quarterly returns"
        c.frequency = .quarterly
        c.awardedBy = "priya@eastmoor.example"
        try await c.create(on: app.db)
        for (code, name, unit, quantity, proxy, monetised) in [
            ("APPR", "Apprenticeship weeks", "weeks", "10", "244.63", "2446.30"),
            ("VCSE-SPEND", "Spend with local VCSE organisations", "GBP", "30000", "1.00", "30000.00"),
        ] {
            let m = ContractCommitmentModel()
            m.$contract.id = c.id!
            m.measureCode = code
            m.name = name
            m.unit = unit
            m.quantity = quantity
            m.proxy = proxy
            m.monetised = monetised
            try await m.create(on: app.db)
        }
        contract = c.id!
        store = MonitoringStore(app.db)
    }

    var sam: Viewer { a.sam }
    var samActor: Actor { .user(a.area.sam) }
    var priyaActor: Actor { .user(a.area.priya) }

    static let filled = ReturnInput(
        narrative: "Two apprentices started; spend with the Eastmoor Trust.",
        lines: [
            "APPR": .init(quantity: "4", note: "Two apprentices, two weeks each"),
            "VCSE-SPEND": .init(quantity: "10000"),
        ])

    func evidence(_ period: Int, at now: Date) async throws {
        try await store.addEvidence(
            contract: contract, period: period, description: "Payroll extract", filename: "payroll.csv",
            bytes: Array("name,weeks\nA,2\nB,2\n".utf8), viewer: sam, by: samActor, now: now)
    }

    func submitted(_ period: Int, _ input: ReturnInput = filled, at now: Date) async throws {
        try await store.save(
            contract: contract, period: period, input, submit: false, viewer: sam, by: samActor, now: now)
        try await evidence(period, at: now)
        try await store.save(
            contract: contract, period: period, input, submit: true, viewer: sam, by: samActor, now: now)
    }
}

@Suite struct MonitoringStoreTests {
    @Test(arguments: Backend.all)
    func submitNeedsTheEndedPeriodNarrativeEveryLineAndEvidence(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let m = try await MonitoringArea(app)
            // On 30 June the period has not ended; the draft is saved all the same.
            let early = await #expect(throws: ValidationFailure.self) {
                try await m.store.save(
                    contract: m.contract, period: 1, MonitoringArea.filled, submit: true, viewer: m.sam, by: m.samActor,
                    now: utc("2027-06-30T12:00:00Z"))
            }
            #expect(
                early?.message(for: "period")
                    == "You can submit the return for period 1 after the period ends on 30 June 2027")
            var view = try await m.store.returnView(
                contract: m.contract, period: 1, viewer: m.sam, now: utc("2027-06-30T12:00:00Z"))
            #expect(view.status == .draft)
            #expect(view.lines.map(\.claimed) == [4, 10000])
            // On 1 July, an empty return is refused on every count.
            let july = utc("2027-07-01T09:00:00Z")
            let empty = await #expect(throws: ValidationFailure.self) {
                try await m.store.save(
                    contract: m.contract, period: 1, ReturnInput(), submit: true, viewer: m.sam, by: m.samActor,
                    now: july)
            }
            #expect(
                empty?.errors.map(\.field) == [
                    "narrative", "lines.APPR.quantity", "lines.VCSE-SPEND.quantity", "evidence",
                ])
            let noEvidence = await #expect(throws: ValidationFailure.self) {
                try await m.store.save(
                    contract: m.contract, period: 1, MonitoringArea.filled, submit: true, viewer: m.sam, by: m.samActor,
                    now: july)
            }
            #expect(noEvidence?.errors == [FieldError("evidence", "Attach at least one piece of evidence")])
            await #expect(throws: ValidationFailure("description", "Enter a short description of the evidence")) {
                try await m.store.addEvidence(
                    contract: m.contract, period: 1, description: " ", filename: "a.txt", bytes: Array("x".utf8),
                    viewer: m.sam, by: m.samActor, now: july)
            }
            try await m.evidence(1, at: july)
            #expect(
                try await m.store.save(
                    contract: m.contract, period: 1, MonitoringArea.filled, submit: true, viewer: m.sam, by: m.samActor,
                    now: july) == .submitted)
            view = try await m.store.returnView(contract: m.contract, period: 1, viewer: m.sam, now: july)
            #expect(view.status == .submitted && view.submittedBy == "sam@foodbank.example")
            #expect(view.evidence.map(\.filename) == ["payroll.csv"])
            // Submitted: no more changes, no more evidence.
            await #expect(throws: StorageError.self) {
                try await m.store.save(
                    contract: m.contract, period: 1, MonitoringArea.filled, submit: false, viewer: m.sam,
                    by: m.samActor, now: july)
            }
            await #expect(throws: StorageError.self) { try await m.evidence(1, at: july) }
            // The county's commissioner hears; nobody else.
            let news = try await NotificationModel.query(on: app.db).filter(\.$kind == .monitoringSubmitted).all()
            #expect(news.map { $0.$user.id } == [m.a.area.priya.id!])
            #expect(news.first?.text == "Monitoring return for period 1 of “Befriending” is ready to verify.")
            #expect(news.first?.link == "/contracts/\(m.contract)/returns/1")
            // A period that does not exist is not found.
            await #expect(throws: StorageError.notFound("The reporting period")) {
                try await m.store.returnView(contract: m.contract, period: 5, viewer: m.sam)
            }
        }
    }

    @Test(arguments: Backend.all)
    func verificationChangesAndProgress(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let m = try await MonitoringArea(app)
            let priya = m.a.commissioner
            try await m.submitted(1, at: utc("2027-07-01T09:00:00Z"))
            let later = utc("2027-07-05T09:00:00Z")
            // Verified lower than claimed needs a note; more than claimed is refused.
            let noNote = await #expect(throws: ValidationFailure.self) {
                try await m.store.decide(
                    contract: m.contract, period: 1,
                    VerificationInput(decision: "verify", lines: ["APPR": .init(quantity: "3")]),
                    viewer: priya, by: m.priyaActor, now: later)
            }
            #expect(noNote?.errors.map(\.field) == ["lines.APPR.note"])
            let more = await #expect(throws: ValidationFailure.self) {
                try await m.store.decide(
                    contract: m.contract, period: 1,
                    VerificationInput(decision: "verify", lines: ["APPR": .init(quantity: "5")]),
                    viewer: priya, by: m.priyaActor, now: later)
            }
            #expect(
                more?.message(for: "lines.APPR.quantity")
                    == "The verified apprenticeship weeks must be no more than the 4 claimed")
            // Submitted, not yet verified: claimed 4 weeks and £10,000 await verification.
            var progress = try await m.store.progress(contract: m.contract, viewer: priya)
            #expect(progress.lines.map(\.awaiting) == [4, 10000])
            #expect(progress.lines.map(\.verified) == [0, 0])
            #expect(
                try await m.store.decide(
                    contract: m.contract, period: 1,
                    VerificationInput(
                        decision: "verify", lines: ["APPR": .init(quantity: "3", note: "One week was induction")]),
                    viewer: priya, by: m.priyaActor, now: later) == .verified)
            // Verified is final.
            await #expect(throws: StorageError.self) {
                try await m.store.decide(
                    contract: m.contract, period: 1, VerificationInput(decision: "request-changes", reason: "x"),
                    viewer: priya, by: m.priyaActor, now: later)
            }
            // APPR: 3 of 10 weeks = 30%, 3 × £244.63 = £733.89. VCSE-SPEND: 10,000 (as claimed) of 30,000 = 33.3%, £10,000.00.
            progress = try await m.store.progress(contract: m.contract, viewer: m.sam)
            #expect(progress.lines.map(\.verified) == [3, 10000])
            #expect(progress.lines.map(\.percentText) == ["30.0%", "33.3%"])
            #expect(DecimalText.format(progress.lines[0].deliveredValue) == "733.89")
            // Committed £2,446.30 + £30,000.00 = £32,446.30; delivered £733.89 + £10,000.00 = £10,733.89.
            #expect(DecimalText.format(progress.committedValue) == "32446.30")
            #expect(DecimalText.format(progress.deliveredValue) == "10733.89")
            let verifiedNews = try await NotificationModel.query(on: app.db).filter(\.$kind == .monitoringVerified)
                .all()
            #expect(Set(verifiedNews.map { $0.$user.id }) == [m.a.area.sam.id!, m.a.area.fay.id!])

            // Period 2: sent back, edited, resubmitted and verified.
            let october = utc("2027-10-01T09:00:00Z")
            try await m.submitted(
                2,
                ReturnInput(
                    narrative: "Quarter two",
                    lines: ["APPR": .init(quantity: "2"), "VCSE-SPEND": .init(quantity: "5000")]), at: october)
            await #expect(throws: ValidationFailure("reason", "Enter what needs to change")) {
                try await m.store.decide(
                    contract: m.contract, period: 2, VerificationInput(decision: "request-changes"), viewer: priya,
                    by: m.priyaActor, now: october)
            }
            #expect(
                try await m.store.decide(
                    contract: m.contract, period: 2,
                    VerificationInput(decision: "request-changes", reason: "Add the invoices"),
                    viewer: priya, by: m.priyaActor, now: october) == .changesRequested)
            // Sent back: counted nowhere.
            progress = try await m.store.progress(contract: m.contract, viewer: priya)
            #expect(progress.lines.map(\.awaiting) == [0, 0])
            #expect(
                try await NotificationModel.query(on: app.db).filter(\.$kind == .monitoringChangesRequested).first()?
                    .text
                    == "Changes have been requested to your monitoring return for period 2 of “Befriending”: Add the invoices"
            )
            try await m.store.addEvidence(
                contract: m.contract, period: 2, description: "Invoices", filename: "invoices.txt",
                bytes: Array("inv".utf8),
                viewer: m.sam, by: m.samActor, now: october)
            try await m.store.save(
                contract: m.contract, period: 2,
                ReturnInput(
                    narrative: "Quarter two, with invoices",
                    lines: ["APPR": .init(quantity: "2"), "VCSE-SPEND": .init(quantity: "6000")]),
                submit: true, viewer: m.sam, by: m.samActor, now: october)
            progress = try await m.store.progress(contract: m.contract, viewer: priya)
            #expect(progress.lines.map(\.awaiting) == [2, 6000])
            // Resubmitted: the buyer has it to verify; the supplier has nothing to write (period 3 runs to 31 December).
            #expect(
                try await m.store.tasks(for: priya, now: october).map { "\($0.period.number) \($0.status.rawValue)" }
                    == ["2 submitted"])
            #expect(try await m.store.tasks(for: m.sam, now: october).isEmpty)
            try await m.store.decide(
                contract: m.contract, period: 2, VerificationInput(decision: "verify"), viewer: priya, by: m.priyaActor,
                now: october)
            // APPR 3 + 2 = 5 of 10 = 50%; VCSE-SPEND 10,000 + 6,000 = 16,000 of 30,000 = 53.3%.
            // Delivered: 5 × 244.63 = 1,223.15 + 16,000.00 = £17,223.15.
            progress = try await m.store.progress(contract: m.contract, viewer: priya)
            #expect(progress.lines.map(\.verified) == [5, 16000])
            #expect(progress.lines.map(\.percentText) == ["50.0%", "53.3%"])
            #expect(DecimalText.format(progress.deliveredValue) == "17223.15")

            // Every change is audited.
            let audit = try await AuditEventModel.query(on: app.db).filter(\.$recordType == "monitoring-return").all()
                .map(\.action)
            #expect(audit.filter { $0 == "return-submitted" }.count == 3)
            #expect(audit.filter { $0 == "return-verified" }.count == 2)
            #expect(audit.filter { $0 == "return-changes-requested" }.count == 1)
            #expect(audit.filter { $0 == "evidence-added" }.count == 3)

            // Period 3 (ends 31 Dec, due 30 Jan 2028) is overdue on 31 January 2028; period 4 is not due yet.
            let overview = try await m.store.overview(
                contract: m.contract, viewer: priya, now: utc("2028-01-31T12:00:00Z"))
            #expect(overview.periods.map(\.status) == [.verified, .verified, .overdue, .notDueYet])
            // The dashboards: the buyer chases period 3 only once it is overdue; the supplier has it to
            // write from the day it is due (its end has passed) and still when overdue.
            let overdue = try await m.store.tasks(for: priya, now: utc("2028-01-31T12:00:00Z"))
            #expect(overdue.map(\.period.number) == [3])
            #expect(overdue.map(\.status) == [.overdue])
            #expect(try await m.store.tasks(for: priya, now: utc("2028-01-30T12:00:00Z")).isEmpty)
            #expect(try await m.store.tasks(for: m.sam, now: utc("2028-01-30T12:00:00Z")).map(\.status) == [.due])
            #expect(try await m.store.tasks(for: m.sam, now: utc("2028-01-31T12:00:00Z")).map(\.status) == [.overdue])
        }
    }

    @Test(arguments: Backend.all)
    func accessByRoleAndOrganisation(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let m = try await MonitoringArea(app)
            let july = utc("2027-07-01T09:00:00Z")
            // Another supplier's member and the buyer's viewer.
            let kim = m.a.kim
            await #expect(throws: StorageError.notFound("The contract")) {
                try await m.store.overview(contract: m.contract, viewer: kim)
            }
            await #expect(throws: StorageError.notFound("The contract")) {
                try await m.store.save(
                    contract: m.contract, period: 1, MonitoringArea.filled, submit: false, viewer: kim,
                    by: .user(m.a.area.kim), now: july)
            }
            // The buyer's commissioner cannot write the supplier's lines.
            await expectForbidden {
                try await m.store.save(
                    contract: m.contract, period: 1, MonitoringArea.filled, submit: false, viewer: m.a.commissioner,
                    by: m.priyaActor, now: july)
            }
            await expectForbidden {
                try await m.store.addEvidence(
                    contract: m.contract, period: 1, description: "x", filename: "x.txt", bytes: Array("x".utf8),
                    viewer: m.a.commissioner, by: m.priyaActor, now: july)
            }
            try await m.submitted(1, at: july)
            // Viewers, evaluators and the administrator read but do not verify; the supplier cannot verify its own.
            for (_, v) in m.a.buyerSide {
                #expect(try await m.store.returnView(contract: m.contract, period: 1, viewer: v).status == .submitted)
            }
            for v in [m.a.viewer, m.a.evaluator, m.a.admin, m.sam] {
                await expectForbidden {
                    try await m.store.decide(
                        contract: m.contract, period: 1, VerificationInput(decision: "verify"), viewer: v,
                        by: .commandLine, now: july)
                }
            }
            // Evidence downloads: whoever sees the contract; others find nothing.
            let evidence = try await m.store.returnView(contract: m.contract, period: 1, viewer: m.sam).evidence[0]
            #expect(
                try await m.store.evidenceFile(evidence.id, contract: m.contract, period: 1, viewer: m.a.viewer)
                    .filename == "payroll.csv")
            await #expect(throws: StorageError.notFound("The contract")) {
                try await m.store.evidenceFile(evidence.id, contract: m.contract, period: 1, viewer: kim)
            }
            await #expect(throws: StorageError.notFound("The evidence")) {
                try await m.store.evidenceFile(evidence.id, contract: m.contract, period: 2, viewer: m.sam)
            }
        }
    }
}
