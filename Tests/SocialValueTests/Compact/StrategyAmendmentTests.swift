import Foundation
import Testing

@testable import SocialValue

/// Issue 13 §1: the amendment rule for a joint strategy public bodies have signed up to
/// (frameworks.md, "Amending a signed-up strategy"): the strategy's own rules, each priority's,
/// a reason, and at least one change from the version in force; every problem at once.
@Suite struct StrategyAmendmentRuleTests {
    static let framework = UUID(uuidString: "00000000-0000-0000-0000-00000000F001")!
    static let vcse = UUID(uuidString: "00000000-0000-0000-0000-0000000000A1")!
    static let jobs = UUID(uuidString: "00000000-0000-0000-0000-0000000000A2")!

    /// Version 1 as signed up to: Eastmoor's strategy with two priorities.
    static let signed = StrategyContent(
        title: "Eastmoor Joint Social Value Strategy 2025 to 2028", summary: "We buy for Eastmoor.",
        frameworkVersionId: framework, startsOn: CalendarDate(year: 2025, month: 4, day: 1)!,
        endsOn: CalendarDate(year: 2028, month: 3, day: 31)!,
        priorities: [
            StrategyPriority(outcomeId: vcse, target: "£2m spend with local VCSE organisations", period: "a year"),
            StrategyPriority(outcomeId: jobs, target: "150 local people employed", period: "a year"),
        ])

    /// The input that gives version 1 again, with `reason`.
    static func same(reason: String? = "Agreed at the annual meeting") -> StrategyAmendmentInput {
        var input = StrategyAmendmentInput(signed)
        input.reason = reason
        return input
    }

    @Test func theFormStartsFromTheVersionInForce() {
        let input = StrategyAmendmentInput(Self.signed)
        #expect(input.title == "Eastmoor Joint Social Value Strategy 2025 to 2028")
        #expect(input.startsOn == "2025-04-01")
        #expect(input.endsOn == "2028-03-31")
        #expect(
            input.priorities?.map(\.target) == ["£2m spend with local VCSE organisations", "150 local people employed"])
        #expect(input.reason == nil)
    }

    @Test func aRaisedTargetIsANewVersionOfThePrioritiesAlone() throws {
        var input = Self.same()
        input.priorities?[0].target = "£3m spend with local VCSE organisations"
        let a = try StrategyContent.validate(amendment: input, current: Self.signed, currentVersion: 1)
        #expect(a.changes == ["the priorities"])
        #expect(a.reason == "Agreed at the annual meeting")
        #expect(a.content.priorities[0].target == "£3m spend with local VCSE organisations")
        #expect(a.content.priorities[1] == Self.signed.priorities[1])
        #expect(a.content.title == Self.signed.title)
    }

    @Test func reorderingThePrioritiesIsAChange() throws {
        var input = Self.same()
        input.priorities?.reverse()
        let a = try StrategyContent.validate(amendment: input, current: Self.signed, currentVersion: 1)
        #expect(a.changes == ["the priorities"])
        #expect(a.content.priorities.map(\.outcomeId) == [Self.jobs, Self.vcse])
    }

    @Test func absentPrioritiesKeepThoseInForce() throws {
        var input = Self.same(reason: "  Extended by a year  ")
        input.priorities = nil
        input.endsOn = "2029-03-31"
        input.title = "Eastmoor Joint Social Value Strategy 2025 to 2029"
        let a = try StrategyContent.validate(amendment: input, current: Self.signed, currentVersion: 2)
        #expect(a.changes == ["the title", "the dates"])
        #expect(a.reason == "Extended by a year")
        #expect(a.content.priorities == Self.signed.priorities)
        #expect(a.content.endsOn == CalendarDate(year: 2029, month: 3, day: 31)!)
    }

    @Test func anEmptyListRemovesEveryPriority() throws {
        var input = Self.same()
        input.priorities = []
        let a = try StrategyContent.validate(amendment: input, current: Self.signed, currentVersion: 1)
        #expect(a.changes == ["the priorities"])
        #expect(a.content.priorities.isEmpty)
    }

    @Test func nothingChangedIsRefusedNamingTheVersionInForce() {
        #expect(
            throws: ValidationFailure(
                "title",
                "The amendment is the same as version 3, the strategy in force: change what needs amending")
        ) {
            try StrategyContent.validate(amendment: Self.same(), current: Self.signed, currentVersion: 3)
        }
    }

    @Test func aReasonIsRequired() {
        var input = Self.same(reason: "   ")
        input.summary = "We buy for Eastmoor and Saltmarsh."
        #expect(throws: ValidationFailure("reason", "Enter why the strategy is amended")) {
            try StrategyContent.validate(amendment: input, current: Self.signed, currentVersion: 1)
        }
    }

    @Test func everyProblemIsReportedAtOnce() throws {
        var input = Self.same(reason: nil)
        input.title = ""
        input.endsOn = "2024-03-31"
        input.priorities?[1].target = ""
        input.priorities?.append(StrategyPriorityInput(outcomeId: nil, target: "20 apprenticeships", period: "a year"))
        let failure = try #require(throws: ValidationFailure.self) {
            try StrategyContent.validate(amendment: input, current: Self.signed, currentVersion: 1)
        }
        #expect(
            failure.errors == [
                FieldError("title", "Enter the strategy’s title"),
                FieldError("endsOn", "The strategy must end after it starts"),
                FieldError(
                    "priorities[1].target",
                    "Priority 2: Enter the local target, like ‘£2m spend with local VCSE organisations’"),
                FieldError("priorities[2].outcomeId", "Priority 3: Select the outcome this priority is about"),
                FieldError("reason", "Enter why the strategy is amended"),
            ])
    }

    @Test func aLongReasonIsRefused() {
        var input = Self.same(reason: String(repeating: "x", count: 2001))
        input.summary = "Changed"
        #expect(throws: ValidationFailure.self) {
            try StrategyContent.validate(amendment: input, current: Self.signed, currentVersion: 1)
        }
        input.reason = String(repeating: "x", count: 2000)
        #expect((try? StrategyContent.validate(amendment: input, current: Self.signed, currentVersion: 1)) != nil)
    }

    @Test func theGroupAndTheAdministratorAmendNobodyElse() {
        let subject = AccessSubject(buyer: UUID(), supplier: UUID(), compact: UUID())
        let seat = Viewer(userID: UUID(), isAdmin: false, memberships: [], compactSeats: [subject.compact])
        let otherSeat = Viewer(userID: UUID(), isAdmin: false, memberships: [], compactSeats: [UUID()])
        let commissioner = Viewer(
            userID: UUID(), isAdmin: false, memberships: [.init(organisationID: subject.buyer, role: .commissioner)],
            compactSeats: [])
        #expect(CompactOperation.amendStrategy.outcome(for: seat, on: subject) == .allowed)
        #expect(CompactOperation.amendStrategy.outcome(for: .commandLine, on: subject) == .allowed)
        #expect(CompactOperation.amendStrategy.outcome(for: otherSeat, on: subject) == .forbidden)
        #expect(CompactOperation.amendStrategy.outcome(for: commissioner, on: subject) == .forbidden)
        #expect(CompactOperation.amendStrategy.outcome(for: nil, on: subject) == .forbidden)
        #expect(CompactOperation.amendStrategy.store == "StrategyStore")
    }
}
