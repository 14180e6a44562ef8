import Fluent
import Foundation
import SocialValue
import Storage

extension DemoArea {
    /// Demo procurements, dated relative to `now`: one in the pipeline with its consideration,
    /// a meet-the-buyer event and a comment; one in the pipeline still needing its
    /// consideration; a call-off the Act does not cover, still being planned.
    static func loadProcurements(on db: Database, compact: UUID, organisations ids: [String: UUID], now: Date)
        async throws
    {
        let store = ProcurementStore(db)
        let actor = Actor.demoLoader
        // The demo loader acts for every body it sets procurements up for.
        let buyer = Viewer(
            userID: UUID(), isAdmin: false,
            memberships: ids.values.map { .init(organisationID: $0, role: .commissioner) }, compactSeats: [])
        let today = UKTime.date(at: now)
        let county = ids["Eastmoor County Council"]
        func input(
            _ title: String, _ description: String, kind: ContractKind, value: String, lightTouch: Bool = false,
            callOff: Bool = false, engagement: Int?, tender: Int, lots: [String] = []
        ) -> ProcurementInput {
            var i = ProcurementInput()
            i.title = title
            i.description = description
            i.kind = kind.rawValue
            i.value = value
            i.valueIncludesVAT = true
            i.lightTouch = lightTouch
            i.frameworkCallOff = callOff
            i.lots = lots
            i.engagementOn = engagement.map { today.adding(days: $0).iso }
            i.tenderOpensOn = today.adding(days: tender).iso
            i.tenderClosesOn = today.adding(days: tender + 35).iso
            i.awardOn = today.adding(days: tender + 70).iso
            i.contractStartsOn = today.adding(days: tender + 120).iso
            i.contractEndsOn = today.adding(days: tender + 120 + 3 * 365).iso
            return i
        }
        let earlier = UKTime.instant(today.adding(days: -28), hour: 10, minute: 0, second: 0)
        let transport = try await store.create(
            owner: county, compact: compact,
            input(
                "Community transport 2026 to 2029",
                "Door-to-door transport for older and disabled people across Eastmoor, with volunteer drivers and accessible minibuses.",
                kind: .services, value: "480000", engagement: 14, tender: 70,
                lots: ["North Eastmoor", "Brackenford and Saltmarsh"]), viewer: buyer, by: actor, now: earlier)
        _ = try await store.publishToPipeline(transport.id!, viewer: buyer, by: actor, now: earlier)
        let trees = try await store.frameworkChoices(for: transport)
        let outcomes = trees.flatMap(\.outcomes).filter {
            ["A thriving local economy and voluntary sector", "More local people in good work"].contains($0.name)
        }
        let measures = trees.flatMap(\.measures).filter { outcomes.compactMap(\.id).contains($0.$outcome.id) }.prefix(2)
        var c = ConsiderationInput()
        c.wellbeing =
            "Older and disabled people reach health appointments, shops and friends; volunteer drivers gain skills; local VCSE transport schemes keep a stable income."
        c.outcomeIDs = outcomes.compactMap(\.id)
        c.securing =
            "Two lots sized for community transport charities, social value weighted at 15%, and a condition to recruit drivers locally."
        c.weightingPercent = "15"
        c.measureIDs = measures.compactMap(\.id)
        c.contractConditions = "Pay the real Living Wage; report volunteer hours each quarter."
        c.smeVcsSteps = "Lotted by area; a meet-the-buyer event; consortium bids welcome."
        c.consult = true
        c.consultReason =
            "Service users and the VCS forum shaped the previous contract; the community transport consultation ran for 12 weeks."
        c.monitoring = MonitoringFrequency.quarterly.rawValue
        c.monitoringPlan =
            "Quarterly return of journeys, volunteer hours and local spend, checked at the contract review meeting."
        let priya = try await UserModel.query(on: db).filter(\.$email == "commissioner@eastmoor-cc.example").first()
        _ = try await store.recordConsideration(
            transport.id!, c, signedBy: priya?.displayName ?? "Priya Commissioner", viewer: buyer, by: actor,
            now: earlier)
        _ = try await store.transition(
            transport.id!, to: ProcurementStatus.marketEngagement.rawValue, viewer: buyer, by: actor, now: earlier)
        let event = try await store.addEvent(
            transport.id!,
            EngagementEventInput(
                kind: ProcurementStore.EventKind.meetTheBuyer.rawValue, title: "Community transport: meet the buyer",
                heldOn: today.adding(days: 14).iso, place: "Brackenford Community Centre, Market Street", capacity: "40"
            ),
            viewer: buyer, by: actor)
        if let sam = try await UserModel.query(on: db).filter(\.$email == "supplier@brackenford-foodbank.example")
            .first()
        {
            let supplier = Viewer(
                userID: sam.id!, isAdmin: false,
                memberships: ids["Brackenford Foodbank"].map { [.init(organisationID: $0, role: .supplierMember)] }
                    ?? [],
                compactSeats: [])
            try await store.register(
                event: event.id!, user: sam.id!, organisation: ids["Brackenford Foodbank"], viewer: supplier, by: actor,
                now: now)
        }
        if let cath = try await UserModel.query(on: db).filter(\.$email == "compact@eastmoor-cvs.example").first() {
            try await store.addComment(
                transport.id!, organisation: ids["Eastmoor Council for Voluntary Service"], author: cath.displayName,
                comment: "Please count volunteer driver hours as a measure: it is what small schemes can report.",
                event: nil, consultation: nil,
                viewer: try await UserStore(db, passwords: Passwords()).viewer(for: cath), by: .user(cath))
        }

        let carers = try await store.create(
            owner: county, compact: compact,
            input(
                "Carers’ breaks service",
                "Short breaks and sitting services so unpaid carers can rest. Light-touch social care services.",
                kind: .services, value: "350000", lightTouch: true, engagement: 30, tender: 120), viewer: buyer,
            by: actor, now: now)
        _ = try await store.publishToPipeline(carers.id!, viewer: buyer, by: actor, now: now)

        _ = try await store.create(
            owner: ids["NHS Eastmoor Integrated Care Board"], compact: compact,
            input(
                "Office furniture call-off",
                "Desks and chairs for the new Brackenford hub, called off from a national framework.",
                kind: .goods, value: "60000", callOff: true, engagement: nil, tender: 45), viewer: buyer, by: actor,
            now: now)
    }
}
