import Foundation
import Testing

@testable import SocialValue

@Suite struct EvaluationPanelTests {
    static let owner = UUID()
    static let eve = UUID(), ed = UUID()
    static func viewer(_ role: MembershipRole, id: UUID = UUID(), at org: UUID = owner, admin: Bool = false) -> Viewer {
        Viewer(userID: id, isAdmin: admin, memberships: [.init(organisationID: org, role: role)], compactSeats: [])
    }

    static let config = TenderConfiguration(
        weights: TenderWeights(price: 40, quality: 45, socialValue: 15), priceMethod: .lowestPriceRatio,
        qualityScaleMax: 5,
        descriptors: [ScoreDescriptor(score: 0, label: "Unacceptable"), ScoreDescriptor(score: 5, label: "Excellent")],
        criteria: [
            QualityCriterion(id: "Q1", name: "Method", guidance: "", weight: 60),
            QualityCriterion(id: "Q2", name: "Staffing", guidance: "", weight: 40),
        ],
        minimumQualityPercent: nil, socialValueMethod: .highestValueRatio, valueSet: nil,
        measures: [
            TenderMeasure(code: "VCSE-SPEND", name: "Spend with local VCSE organisations", unit: "GBP", proxy: "1.00")
        ],
        policy: nil, weightingReason: nil)

    @Test func anEvaluatorSeesOthersScoresOnlyAfterSubmittingTheirOwn() {
        let panel: Set<UUID> = [Self.eve, Self.ed]
        let eve = Self.viewer(.evaluator, id: Self.eve)
        let commissioner = Self.viewer(.commissioner)
        #expect(PanelRules.visibility(viewer: eve, owner: Self.owner, panel: panel, submitted: []) == .ownOnly)
        #expect(PanelRules.canSeeScores(of: Self.eve, viewer: eve, owner: Self.owner, panel: panel, submitted: []))
        #expect(
            !PanelRules.canSeeScores(of: Self.ed, viewer: eve, owner: Self.owner, panel: panel, submitted: [Self.ed]))
        #expect(
            PanelRules.canSeeScores(of: Self.ed, viewer: eve, owner: Self.owner, panel: panel, submitted: [Self.eve]))
        // Off the panel: progress only until everyone is in; then commissioners see all, viewers still not.
        #expect(
            PanelRules.visibility(viewer: commissioner, owner: Self.owner, panel: panel, submitted: [Self.eve])
                == .progressOnly)
        #expect(PanelRules.visibility(viewer: commissioner, owner: Self.owner, panel: panel, submitted: panel) == .all)
        #expect(
            PanelRules.visibility(viewer: Self.viewer(.viewer), owner: Self.owner, panel: panel, submitted: panel)
                == .progressOnly)
        #expect(
            PanelRules.visibility(viewer: Self.viewer(.evaluator), owner: Self.owner, panel: panel, submitted: panel)
                == .progressOnly)
        #expect(
            PanelRules.visibility(
                viewer: Viewer(userID: UUID(), isAdmin: true, memberships: [], compactSeats: []), owner: Self.owner,
                panel: panel, submitted: panel) == .progressOnly)
        // Suppliers and other bodies: nothing.
        #expect(
            PanelRules.visibility(
                viewer: Self.viewer(.supplierMember, at: UUID()), owner: Self.owner, panel: panel, submitted: panel)
                == .denied)
        #expect(
            PanelRules.visibility(
                viewer: Self.viewer(.commissioner, at: UUID()), owner: Self.owner, panel: panel, submitted: panel)
                == .denied)
        // An empty panel never counts as "everyone submitted".
        #expect(
            PanelRules.visibility(viewer: commissioner, owner: Self.owner, panel: [], submitted: []) == .progressOnly)
    }

    @Test func scoresModerationAndSpread() throws {
        #expect(
            try PanelRules.validateScores(
                ScoresInput(scores: ["Q1": "4", "Q2": "2.5"], comments: ["Q1": "Good"]), config: Self.config)
                == ["Q1": ScoreEntry(score: 4, comment: "Good"), "Q2": ScoreEntry(score: 2.5, comment: "")])
        #expect(
            throws: ValidationFailure([
                FieldError("scores.Q3", "Q3 is not scored in this tender"),
                FieldError("scores.Q1", "Enter a score for Q1: Method from 0 to 5"),
            ])
        ) {
            try PanelRules.validateScores(
                ScoresInput(scores: ["Q1": "5.5", "Q3": "1"], comments: [:]), config: Self.config)
        }
        #expect(throws: ValidationFailure("rationale", "Enter the rationale for the agreed score")) {
            try PanelRules.validateModeration(
                ModerationInput(key: "Q1", score: "3", rationale: ""), config: Self.config)
        }
        #expect(
            throws: ValidationFailure(
                "evaluators", "Every evaluator must submit their scores before moderation (1 still to submit)")
        ) {
            try PanelRules.checkCanModerate(panel: [Self.eve, Self.ed], submitted: [Self.eve])
        }
        // 4, 2 and 3.5: the spread is 4 − 2 = 2.
        #expect(PanelRules.spread([4, 2, 3.5]) == 2)
        #expect(PanelRules.scoreKeys(Self.config) == ["Q1", "Q2"])
        var qualitative = Self.config
        qualitative.socialValueMethod = .qualitative
        #expect(PanelRules.scoreKeys(qualitative) == ["Q1", "Q2", "SV"])
    }

    @Test func theBuiltDocumentRanksAsComputedByHand() throws {
        let bids = [
            EvaluationBidFacts(
                bidder: "Kestrel", price: Money(pence: 100_000_00), quality: ["Q1": 4, "Q2": 3],
                commitments: ["VCSE-SPEND": 30_000], socialValueScore: nil),
            EvaluationBidFacts(
                bidder: "Foodbank", price: Money(pence: 95_000_00), quality: ["Q1": 3, "Q2": 3],
                commitments: ["VCSE-SPEND": 60_000], socialValueScore: nil),
        ]
        let doc = EvaluationDocument.build(title: "Transport", config: Self.config, bids: bids).rendered()
        #expect(doc.contains("\"price\": \"95000.00\""))
        #expect(doc.contains("\"Q1\": 4"))
        // Price (40, lowest £95,000): Kestrel 40 × 0.95 = 38.00, Foodbank 40.00.
        // Quality (45): Kestrel (4/5 × 0.6 + 3/5 × 0.4) × 45 = 0.72 × 45 = 32.40; Foodbank 0.60 × 45 = 27.00.
        // Social value (15, highest £60,000): Kestrel 15 × ½ = 7.50; Foodbank 15.00.
        // Totals: Foodbank 40 + 27 + 15 = 82.00; Kestrel 38 + 32.40 + 7.50 = 77.90.
        let outcome = try EvaluationOutcome.parse(try Evaluation.run(doc))
        #expect(outcome.ranking.map(\.bidder) == ["Foodbank", "Kestrel"])
        #expect(outcome.ranking.map(\.total) == ["82.00", "77.90"])
        #expect(outcome.winner == "Foodbank")
        #expect(
            outcome.csv(prices: ["Foodbank": "95000.00", "Kestrel": "100000.00"]).components(separatedBy: "\r\n")[1]
                == "1,Foodbank,95000.00,40.00,27.00,15.00,60000.00,,82.00,no,")
    }

    @Test func theAwardNeedsAReasonForAnotherBidAndTheMonitoringPlan() throws {
        let top = UUID()
        let second = UUID()
        let ok = AwardInput(
            bidID: top, startsOn: "2026-05-01", endsOn: "2029-04-30", monitoringPlan: "Quarterly returns",
            reportingFrequency: "quarterly")
        #expect(try Awards.validate(ok, topBid: top, eligible: [top, second]).reportingFrequency == .quarterly)
        var other = ok
        other.bidID = second
        #expect(throws: ValidationFailure("reason", "Enter the reason for not awarding to the top-ranked bid")) {
            try Awards.validate(other, topBid: top, eligible: [top, second])
        }
        other.reason = "The top bid's provider withdrew"
        #expect(
            try Awards.validate(other, topBid: top, eligible: [top, second]).reason == "The top bid's provider withdrew"
        )
        var bad = ok
        bad.monitoringPlan = ""
        bad.endsOn = "2026-04-30"
        #expect(
            throws: ValidationFailure([
                FieldError("endsOn", "The contract end date must be on or after its start date"),
                FieldError("monitoringPlan", "Enter the monitoring plan agreed before award"),
            ])
        ) {
            try Awards.validate(bad, topBid: top, eligible: [top])
        }
    }
}
