import Fluent
import Foundation
import SocialValue
import Storage

extension DemoArea {
    /// Takes a demo tender whose deadline has passed through the whole evaluation, on dates
    /// after its deadline: the bids opened, a panel of the county's commissioner and evaluator
    /// scoring independently, agreed scores with rationales, the ranking and the award of the
    /// top-ranked bid, through the same stores (and rules) the pages use.
    /// The contract starts the day after the standstill ends and runs for three years.
    @discardableResult
    static func evaluateAndAward(_ tender: TenderModel, on db: Database, owner: UUID) async throws -> ContractModel {
        let evaluations = EvaluationStore(db)
        let actor = Actor.demoLoader
        let deadline = tender.deadlineAt
        func day(_ n: Int) -> Date { deadline.addingTimeInterval(TimeInterval(n * 86_400)) }

        var panel: [Viewer] = []
        for (email, role) in [
            ("commissioner@eastmoor-cc.example", MembershipRole.commissioner),
            ("evaluator@eastmoor-cc.example", .evaluator),
        ] {
            guard let user = try await UserModel.query(on: db).filter(\.$email == email).first() else {
                throw StorageError.notFound("the demo user \(email)")
            }
            panel.append(
                Viewer(
                    userID: user.id!, isAdmin: false, memberships: [.init(organisationID: owner, role: role)],
                    compactSeats: []))
        }
        let lead = panel[0]
        _ = try await BidStore(db).openBids(tender: tender.id!, viewer: lead, by: actor, now: day(1))
        for member in panel {
            try await evaluations.assign(tender: tender.id!, user: member.userID, viewer: lead, by: actor)
        }

        // Scores out of 5 per criterion; the evaluator is a point harsher on the first criterion.
        let config = tender.configuration
        let marks: [String: [String]] = [
            "Brackenford Foodbank": ["4", "4", "5"],
            "Kestrel Facilities Ltd": ["3", "3", "2"],
            "Saltmarsh Community Transport CIC": ["4", "3", "4"],
        ]
        let bids = try await BidStore(db).openedBids(tender: tender.id!, viewer: lead, now: day(2))
        for (n, member) in panel.enumerated() {
            for bid in bids {
                let given = marks[bid.organisationName] ?? ["3", "3", "3"]
                var scores: [String: String] = [:]
                var comments: [String: String] = [:]
                for (i, q) in config.criteria.enumerated() {
                    let mark = Int(given[min(i, given.count - 1)])!
                    scores[q.id] = String(n == 1 && i == 0 ? max(0, mark - 1) : mark)
                    comments[q.id] = "\(q.name): evidence in the response matches a score of \(scores[q.id]!)."
                }
                try await evaluations.saveScores(
                    tender: tender.id!, bid: bid.id, ScoresInput(scores: scores, comments: comments),
                    viewer: member, by: actor, now: day(3))
            }
            try await evaluations.submitScores(tender: tender.id!, viewer: member, by: actor, now: day(4))
        }
        for bid in bids {
            let given = marks[bid.organisationName] ?? ["3", "3", "3"]
            for (i, q) in config.criteria.enumerated() {
                try await evaluations.moderate(
                    tender: tender.id!, bid: bid.id,
                    ModerationInput(
                        key: q.id, score: given[min(i, given.count - 1)],
                        rationale: "The panel agreed the higher mark: the response gives specific, local evidence."),

                    viewer: lead, by: actor, now: day(5))
            }
        }
        let ranking = try await evaluations.rank(tender: tender.id!, viewer: lead, by: actor, now: day(5))
        // The award decision on a weekday about two weeks after the deadline.
        var awardDay = 15
        while !(1...5).contains(UKTime.weekday(UKTime.date(at: day(awardDay)))) { awardDay += 1 }
        let awardedOn = UKTime.date(at: day(awardDay))
        let startsOn = Standstill.endDate(awardDecision: awardedOn).adding(days: 1)
        let input = AwardInput(
            bidID: ranking.topBid, startsOn: startsOn.iso, endsOn: startsOn.adding(months: 36).adding(days: -1).iso,
            monitoringPlan:
                "Quarterly returns against each social value commitment, with evidence; an annual review with the Compact group.",
            reportingFrequency: MonitoringFrequency.quarterly.rawValue)
        return try await AwardStore(db).award(tender: tender.id!, input, viewer: lead, by: actor, now: day(awardDay))
    }
}
