import Foundation
import Testing

@testable import SocialValue

@Suite struct FrameworkRulesTests {
    @Test func versionsMoveOnlyForwardExceptBackToDraft() {
        #expect(FrameworkStatus.draft.canMove(to: .consultation))
        #expect(FrameworkStatus.draft.canMove(to: .adopted))
        #expect(FrameworkStatus.consultation.canMove(to: .adopted))
        #expect(FrameworkStatus.consultation.canMove(to: .draft))
        #expect(!FrameworkStatus.adopted.canMove(to: .draft))
        #expect(!FrameworkStatus.adopted.canMove(to: .superseded))  // only by adopting a later version
        #expect(!FrameworkStatus.superseded.canMove(to: .adopted))
        #expect(!FrameworkStatus.adopted.isEditable && !FrameworkStatus.superseded.isEditable)
    }

    @Test func reviewIsDueOnlyForAdoptedVersionsOnAndAfterTheDate() {
        let on = CalendarDate(iso: "2027-04-01")!
        #expect(isReviewDue(on, status: .adopted, today: on))
        #expect(!isReviewDue(on, status: .adopted, today: on.adding(days: -1)))
        #expect(!isReviewDue(on, status: .draft, today: on.adding(days: 10)))
    }

    @Test func measuresAreChecked() {
        let failure = #expect(throws: ValidationFailure.self) {
            try Measure.validate(MeasureInput(code: "ECO 1", name: "", unit: "", valuation: "priceless", evidence: ""))
        }
        #expect(Set(failure?.errors.map(\.field) ?? []) == ["code", "name", "unit", "valuation", "evidence"])
        #expect(
            failure?.message(for: "code") == "The code can only contain letters, numbers, dots, dashes and underscores")
    }

    @Test func aTreeNamesWhereItIsWrong() {
        var tree = FrameworkTemplates.socialValueAct()
        tree.themes[2].outcomes[0].measures.append(tree.themes[0].outcomes[0].measures[0])  // ECO1 twice
        tree.themes[1].outcomes[0].name = ""
        let failure = #expect(throws: ValidationFailure.self) { try tree.validated() }
        #expect(failure?.errors.map(\.field) == ["themes.2.outcomes.1.name", "themes.3.outcomes.1.measures.2.code"])
        #expect(failure?.message(for: "themes.3.outcomes.1.measures.2.code") == "The code ECO1 is used twice")
    }

    @Test func theActTemplateHasTheThreeDimensions() throws {
        let tree = try FrameworkTemplates.socialValueAct().validated()
        #expect(tree.themes.map(\.name) == ["Economic well-being", "Social well-being", "Environmental well-being"])
        #expect(tree.measureCount == 7)
    }

    static func shared(_ name: String) throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent()
        return try String(
            contentsOf: root.appendingPathComponent("Sources/Storage/Resources/frameworks/\(name).csv"), encoding: .utf8
        )
    }

    @Test func ppn0620TemplateKeepsEachRowsVerification() throws {
        let tree = try FrameworkTemplates.ppn0620(csv: try Self.shared("ppn0620_social_value_model_themes_outcomes"))
        #expect(
            tree.themes.map(\.name) == [
                "COVID-19 recovery", "Tackling economic inequality", "Fighting climate change", "Equal opportunity",
                "Wellbeing",
            ])
        #expect(tree.themes.reduce(0) { $0 + $1.outcomes.count } == 8)
        #expect(
            tree.themes[1].outcomes.map(\.name) == [
                "Create new businesses, new jobs and new skills", "Increase supply chain resilience and capacity",
            ])
        #expect(tree.themes[1].outcomes[1].source.contains("UNVERIFIED"))
        #expect(tree.themes[0].outcomes[0].source.hasPrefix("PPN 06/20 MAC 1.x: VERIFIED"))
    }

    @Test func ppn002TemplateHasTheMissionsAndFairWork() throws {
        let tree = try FrameworkTemplates.ppn002(csv: try Self.shared("ppn002_social_value_model_missions_outcomes"))
        #expect(tree.themes.count == 5)
        #expect(tree.themes[0].name == "Kickstart economic growth")
        #expect(tree.themes[0].outcomes.map(\.name) == ["Fair work"])
        #expect(tree.themes[0].outcomes[0].description.contains("1a Create and retain high quality jobs"))
        #expect(tree.themes[1].description.contains("THIRD-PARTY"))
    }

    @Test func ownersEditAndCompactGroupsComment() {
        let compact = UUID()
        let council = UUID()
        let other = UUID()
        let group = Viewer(
            userID: UUID(), isAdmin: false, memberships: [.init(organisationID: other, role: .supplierMember)],
            compactSeats: [compact])
        let commissioner = Viewer(
            userID: UUID(), isAdmin: false, memberships: [.init(organisationID: council, role: .commissioner)],
            compactSeats: [])
        let evaluator = Viewer(
            userID: UUID(), isAdmin: false, memberships: [.init(organisationID: council, role: .evaluator)],
            compactSeats: [])
        #expect(group.canEditFramework(.compact(compact)))
        #expect(!commissioner.canEditFramework(.compact(compact)))
        #expect(commissioner.canEditFramework(.organisation(council)))
        #expect(!evaluator.canEditFramework(.organisation(council)))
        #expect(group.canCommentOnFramework(compacts: [compact]))
        #expect(!commissioner.canCommentOnFramework(compacts: [compact]))
        #expect(!group.canCommentOnFramework(compacts: []))
    }
}

@Suite struct StrategyInputTests {
    @Test func priorityAndStrategyAreChecked() {
        #expect(throws: ValidationFailure.self) {
            try StrategyPriorityInput(outcomeId: nil, target: "", period: "").validated()
        }
        let failure = #expect(throws: ValidationFailure.self) {
            try StrategyInput(
                title: "S", summary: "x", frameworkVersionId: UUID(), startsOn: "2026-04-01", endsOn: "2026-04-01"
            ).validated()
        }
        #expect(failure?.message(for: "endsOn") == "The strategy must end after it starts")
    }
}
