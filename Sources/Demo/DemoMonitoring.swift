import Fluent
import Foundation
import SocialValue
import Storage

extension DemoArea {
    /// The demo contract's first monitoring return, through the same store (and rules) the pages
    /// use: the food bank submits it with evidence five days after period 1 ends and the county's
    /// commissioner verifies it a week later. Period 2 is left for the supplier to submit.
    static func monitorFirstPeriod(_ contract: ContractModel, on db: Database, now: Date) async throws {
        let store = MonitoringStore(db)
        let actor = Actor.demoLoader
        func viewer(_ email: String, _ organisation: UUID, _ role: MembershipRole) async throws -> Viewer {
            guard let user = try await UserModel.query(on: db).filter(\.$email == email).first() else {
                throw StorageError.notFound("the demo user \(email)")
            }
            return Viewer(
                userID: user.id!, isAdmin: false, memberships: [.init(organisationID: organisation, role: role)],
                compactSeats: [])
        }
        let supplier = try await viewer("supplier@brackenford-foodbank.example", contract.$supplier.id, .supplierMember)
        let commissioner = try await viewer("commissioner@eastmoor-cc.example", contract.$buyer.id, .commissioner)
        guard let first = MonitoringStore.periods(contract).first, first.hasEnded(today: UKTime.date(at: now)) else {
            return
        }
        let submittedAt = UKTime.instant(first.endsOn.adding(days: 5), hour: 11, minute: 0, second: 0)
        let verifiedAt = UKTime.instant(first.endsOn.adding(days: 12), hour: 14, minute: 0, second: 0)
        // A quarter of a year's worth of each commitment, roughly (ECO2 52, SOC1 2,400, ENV1 3 over three years).
        let quantities = ["ECO2": "4", "SOC1": "210", "ENV1": "0"]
        var lines: [String: ReturnInput.Line] = [:]
        for c in try await MonitoringStore.commitments(contract.id!, on: db) {
            lines[c.measureCode] = .init(
                quantity: quantities[c.measureCode] ?? "0",
                note: c.measureCode == "ENV1" ? "Planned for the second year." : nil)
        }
        let input = ReturnInput(
            narrative: "Befriending started in the first quarter: 38 older people matched with volunteers, "
                + "weekly calls from the food bank's hub and a monthly lunch group at the community centre.",
            lines: lines)
        try await store.addEvidence(
            contract: contract.id!, period: first.number, description: "Volunteer hours log for the quarter",
            filename: "volunteer-hours-period-1.csv",
            bytes: Array("week,volunteers,hours\n1,9,16\n2,11,18\n3,12,17\n".utf8),
            viewer: supplier, by: actor, now: submittedAt)
        try await store.save(
            contract: contract.id!, period: first.number, input, submit: true, viewer: supplier, by: actor,
            now: submittedAt)
        try await store.decide(
            contract: contract.id!, period: first.number, VerificationInput(decision: "verify"),
            viewer: commissioner, by: actor, now: verifiedAt)
    }
}
