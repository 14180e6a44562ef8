import Foundation
import Testing

@testable import SocialValue

/// The panel is fixed once scoring starts or the tender is awarded; the scores the whole panel
/// agrees on can be accepted at once (issue 13 §5).
@Suite struct PanelChangeAndAgreementTests {
    static let eve = UUID(), ed = UUID(), ann = UUID()
    static let bidA = UUID(), bidB = UUID()
    static let config = EvaluationPanelTests.config

    @Test func thePanelChangesOnlyBeforeScoringAndBeforeAward() {
        #expect(PanelRules.panelCanChange(status: .published, scoringStarted: false))
        #expect(PanelRules.panelCanChange(status: .bidsOpened, scoringStarted: false))
        #expect(PanelRules.panelCanChange(status: .evaluation, scoringStarted: false))
        #expect(!PanelRules.panelCanChange(status: .bidsOpened, scoringStarted: true))
        #expect(!PanelRules.panelCanChange(status: .evaluation, scoringStarted: true))
        #expect(!PanelRules.panelCanChange(status: .awarded, scoringStarted: false))
        #expect(!PanelRules.panelCanChange(status: .awarded, scoringStarted: true))
        #expect(!PanelRules.panelCanChange(status: .cancelled, scoringStarted: false))
        #expect(!PanelRules.panelCanChange(status: .draft, scoringStarted: false))
    }

    static func entry(_ s: Decimal?) -> ScoreEntry { ScoreEntry(score: s, comment: "") }

    @Test func agreementNeedsEveryEvaluatorToGiveTheSameScore() {
        // Bid A: Q1 3, 3, 3 (agreed 3); Q2 3, 3, 4 (not). Bid B: Q1 2.5, 2.5, 2.5 (agreed 2.5);
        // Q2 4, 4 and Ann gave none (not).
        let sheets: [UUID: [UUID: [String: ScoreEntry]]] = [
            Self.eve: [
                Self.bidA: ["Q1": Self.entry(3), "Q2": Self.entry(3)],
                Self.bidB: ["Q1": Self.entry(2.5), "Q2": Self.entry(4)],
            ],
            Self.ed: [
                Self.bidA: ["Q1": Self.entry(3), "Q2": Self.entry(3)],
                Self.bidB: ["Q1": Self.entry(2.5), "Q2": Self.entry(4)],
            ],
            Self.ann: [
                Self.bidA: ["Q1": Self.entry(3), "Q2": Self.entry(4)],
                Self.bidB: ["Q1": Self.entry(2.5), "Q2": Self.entry(nil)],
            ],
        ]
        let agreed = PanelRules.agreedScores(
            sheets, panel: [Self.eve, Self.ed, Self.ann], bids: [Self.bidA, Self.bidB], config: Self.config)
        #expect(agreed == [Self.bidA: ["Q1": 3], Self.bidB: ["Q1": 2.5]])
        // Without Ann, Eve and Ed agree on everything.
        let pair = PanelRules.agreedScores(
            sheets, panel: [Self.eve, Self.ed], bids: [Self.bidA, Self.bidB], config: Self.config)
        #expect(pair == [Self.bidA: ["Q1": 3, "Q2": 3], Self.bidB: ["Q1": 2.5, "Q2": 4]])
        // An empty panel agrees on nothing.
        #expect(PanelRules.agreedScores(sheets, panel: [], bids: [Self.bidA], config: Self.config).isEmpty)
        #expect(
            PanelRules.agreedRationale(score: 2.5, evaluators: 3)
                == "Every evaluator (3 of 3) gave 2.5; accepted as the agreed score.")
    }
}
