import Fluent
import Foundation
import SocialValue
import Storage

extension DemoArea {
    /// Demo tenders, dated relative to `now`: one open for bids (deadline in 30 days at 12:00 UK
    /// time), one whose deadline passed two days ago with three sealed bids, ready to open, and
    /// one evaluated and awarded six weeks ago, whose contract carries its commitments.
    static func loadTenders(on db: Database, compact: UUID, organisations ids: [String: UUID], now: Date) async throws {
        let procurements = ProcurementStore(db)
        let tenders = TenderStore(db)
        let bids = BidStore(db)
        let actor = Actor.demoLoader
        let today = UKTime.date(at: now)
        let county = ids["Eastmoor County Council"]
        let earlier = UKTime.instant(today.adding(days: -45), hour: 10, minute: 0, second: 0)
        let buyer = Viewer(
            userID: UUID(), isAdmin: false,
            memberships: county.map { [.init(organisationID: $0, role: .commissioner)] } ?? [], compactSeats: [])

        func procurement(_ title: String, _ description: String, value: String, at: Date? = nil) async throws
            -> ProcurementModel
        {
            let createdAt = at ?? earlier
            var i = ProcurementInput()
            i.title = title
            i.description = description
            i.kind = ContractKind.services.rawValue
            i.value = value
            i.valueIncludesVAT = true
            let p = try await procurements.create(
                owner: county, compact: compact, i, viewer: buyer, by: actor, now: createdAt)
            var c = ConsiderationInput()
            c.wellbeing =
                "Residents stay independent at home; local VCSE organisations and workers share in the contract."
            c.securing = "Social value weighted at 15%, scored from commitments to the Compact’s measures."
            c.weightingPercent = "15"
            c.consult = false
            c.consultReason = "The service was consulted on last year and nothing material has changed."
            c.monitoring = MonitoringFrequency.quarterly.rawValue
            c.monitoringPlan = "Quarterly returns against each social value commitment."
            return try await procurements.recordConsideration(
                p.id!, c, signedBy: "Priya Commissioner", viewer: buyer, by: actor,
                now: createdAt)
        }

        func setUp(_ p: ProcurementModel, deadline: CalendarDate) async throws -> TenderModel {
            let choice = try await tenders.valueSetChoices(forProcurement: p.id!).first
            var i = TenderInput()
            i.priceWeight = "40"
            i.qualityWeight = "45"
            i.socialValueWeight = "15"
            i.priceMethod = PriceMethod.lowestPriceRatio.rawValue
            i.qualityScaleMax = "5"
            i.descriptors = TenderSetup.descriptorsText(TenderSetup.defaultDescriptors)
            i.criteria = [
                CriterionInput(
                    id: "Q1", name: "Service delivery",
                    guidance: "How you will deliver the service day to day, including peaks and emergencies.",
                    weight: "50"),
                CriterionInput(
                    id: "Q2", name: "Staffing and volunteers",
                    guidance: "How you recruit, train and keep staff and volunteers.", weight: "30"),
                CriterionInput(
                    id: "Q3", name: "Working with local partners",
                    guidance: "How you work with GP surgeries, VCSE groups and carers.", weight: "20"),
            ]
            i.minimumQualityPercent = "40"
            i.socialValueMethod = SocialValueMethod.highestValueRatio.rawValue
            i.valueSetId = choice?.valueSet.id
            i.measureCodes = (choice?.measures ?? []).map(\.code).filter { ["ECO2", "SOC1", "ENV1"].contains($0) }
            i.deadlineOn = deadline.iso
            i.deadlineTime = "12:00"
            return try await tenders.save(procurement: p.id!, i, viewer: buyer, by: actor)
        }

        // Open for bids.
        let meals = try await procurement(
            "Meals at home 2027 to 2030",
            "Hot and chilled meals delivered to older and disabled people at home, with a daily wellbeing check.",
            value: "420000")
        let open = try await setUp(meals, deadline: today.adding(days: 30))
        _ = try await tenders.publish(open.id!, viewer: buyer, by: actor, now: earlier)

        // The deadline has passed: three sealed bids wait to be opened.
        let discharge = try await procurement(
            "Home from hospital support",
            "Practical support for people going home from hospital: settling in, shopping and follow-up visits for six weeks.",
            value: "260000")
        let closed = try await setUp(discharge, deadline: today.adding(days: -2))
        _ = try await tenders.publish(closed.id!, viewer: buyer, by: actor, now: earlier)
        try await submitBids(closed, submittedDaysAgo: 10)
        // Its consideration amended after the tender opened (docs/procurements.md, "Amending the
        // consideration"): a new version beside the original, and the tender keeps its 15%.
        if let original = discharge.consideration {
            var amended = ConsiderationInput(original)
            amended.weightingPercent = "12"
            amended.monitoringPlan =
                "Quarterly returns against each social value commitment, and a follow-up call to a sample of residents."
            _ = try await procurements.amendConsideration(
                discharge.id!,
                ConsiderationAmendmentInput(
                    amended,
                    reason:
                        "The supplier day showed small providers cannot evidence more than 12%; follow-up calls added to the monitoring."
                ), signedBy: "Priya Commissioner", viewer: buyer, by: actor,
                now: UKTime.instant(today.adding(days: -20), hour: 10, minute: 0, second: 0))
        }

        // Evaluated and awarded about seven months ago: a quarterly contract starting after the
        // standstill, so that its first period has ended (with a verified return) and its second
        // ended about ten days ago and is due (DemoMonitoring). Dates count back from that target.
        let secondPeriodEnds = today.adding(days: -9).adding(months: -6)
        let deadline = secondPeriodEnds.adding(days: -30)
        let daysAgo = deadline.days(until: today)
        let befriending = try await procurement(
            "Befriending and social contact",
            "Regular visits and calls for isolated older people, and groups that bring them together.", value: "250000",
            at: UKTime.instant(deadline.adding(days: -35), hour: 10, minute: 0, second: 0))
        let awarded = try await setUp(befriending, deadline: deadline)
        _ = try await tenders.publish(
            awarded.id!, viewer: buyer, by: actor,
            now: UKTime.instant(deadline.adding(days: -25), hour: 10, minute: 0, second: 0))
        try await submitBids(awarded, submittedDaysAgo: daysAgo + 10)
        let contract = try await evaluateAndAward(awarded, on: db, owner: county!)
        try await monitorFirstPeriod(contract, on: db, now: now)
        try await recordPerformance(contract, commissioner: buyer, on: db, now: now)

        /// The demo bidders' bids, submitted on successive days before the deadline.
        func submitBids(_ tender: TenderModel, submittedDaysAgo days: Int) async throws {
            let config = tender.configuration
            let bidders: [(String, String, [String: String], String?)] = [
                (
                    "Brackenford Foodbank", "248000", ["ECO2": "52", "SOC1": "2400", "ENV1": "3"],
                    "Our volunteers are local people who know the families they help."
                ),
                ("Kestrel Facilities Ltd", "231500", ["ECO2": "104", "SOC1": "300", "ENV1": "8"], nil),
                (
                    "Saltmarsh Community Transport CIC", "255000", ["ECO2": "26", "SOC1": "3100", "ENV1": "5"],
                    "Our drivers are volunteers from Saltmarsh; surpluses fund community transport."
                ),
            ]
            for (n, (name, price, quantities, statement)) in bidders.enumerated() {
                guard let org = ids[name] else { continue }
                let bidder = Viewer(
                    userID: UUID(), isAdmin: false, memberships: [.init(organisationID: org, role: .supplierMember)],
                    compactSeats: [])
                let at = UKTime.instant(today.adding(days: -days + n), hour: 15, minute: 30, second: 0)
                var input = BidInput(
                    price: price, responses: [:], commitments: [:],
                    deliveryPlan: "A named social value lead reports each quarter against every commitment.",
                    embeddedValueStatement: statement)
                for q in config.criteria { input.responses?[q.id] = "\(name): our approach to \(q.name.lowercased())." }
                for m in config.measures { input.commitments?[m.code] = quantities[m.code] ?? "0" }
                _ = try await bids.saveDraft(
                    tender: tender.id!, organisation: org, input, viewer: bidder, by: actor, now: at)
                _ = try await bids.submit(tender: tender.id!, organisation: org, viewer: bidder, by: actor, now: at)
            }
        }
    }
}
