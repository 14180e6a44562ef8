import Fluent
import Foundation
import SocialValue
import Storage

extension DemoArea {
    /// One decommissioning case through the store: Eastmoor County Council proposing to reduce
    /// its grant to Brackenford Foodbank's food and advice hub, the impact assessed after an early
    /// discussion, shared with the foodbank (whose member is told), its response awaited.
    static func loadDecommissioning(on db: Database, organisations ids: [String: UUID], now: Date) async throws {
        guard let county = ids["Eastmoor County Council"], let foodbank = ids["Brackenford Foodbank"],
            let priya = try await UserModel.query(on: db).filter(\.$email == "commissioner@eastmoor-cc.example").first()
        else {
            throw StorageError.notFound("the demo county council and foodbank")
        }
        let viewer = Viewer(
            userID: priya.id!, isAdmin: false, memberships: [.init(organisationID: county, role: .commissioner)],
            compactSeats: [])
        let actor = Actor.user(priya)
        let store = DecommissioningStore(db)
        let before = now.addingTimeInterval(-14 * 86_400)
        let c = try await store.create(
            owner: county, provider: foodbank, contract: nil,
            ProposalInput(
                serviceName: "Brackenford food and advice hub",
                serviceDescription:
                    "Emergency food parcels, and benefits and debt advice, five days a week from the foodbank’s Station Yard hub, funded by a county grant.",
                change: "reduce", currentFunding: "48,000", proposedFunding: "30,000",
                rationale:
                    "The county’s community grants budget falls by 37% from April. We propose to keep the hub open but fund three days a week, protecting the advice sessions, which other services depend on."
            ),
            viewer: viewer, by: actor, now: before)
        let id = try c.requireID()
        _ = try await store.addDiscussion(
            id,
            DiscussionInput(
                heldOn: UKTime.date(at: before).iso,
                notes:
                    "Met the foodbank’s chair and manager to explain the budget position early; they asked us to model keeping Friday opening."
            ), viewer: viewer, by: actor, now: before)
        _ = try await store.saveImpact(
            id,
            ImpactInput(
                onBeneficiaries:
                    "About 180 households a month use the hub; two fewer days means longer waits for a parcel and more travel to Eastmoor.",
                onServiceUsers: "Advice sessions stay; drop-in food collection moves to Tuesday to Thursday.",
                onVolunteers:
                    "Around 25 volunteers give about 60 hours a week; Monday and Friday shifts would end, and some volunteers may leave.",
                widerImpact:
                    "Eastmoor CVS advised that food insecurity referrals rose 20% last year and that the hub’s volunteering is a route into work.",
                mitigation:
                    "Signpost Monday and Friday callers to Saltmarsh and Eastmoor hubs; a one-off transition grant for the first quarter."
            ),
            viewer: viewer, by: actor, now: before.addingTimeInterval(2 * 86_400))
        _ = try await store.share(id, viewer: viewer, by: actor, now: before.addingTimeInterval(3 * 86_400))
    }
}
